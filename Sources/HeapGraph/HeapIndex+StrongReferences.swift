extension HeapIndex {
    /// Whether the reference at position `edge` of `snapshot.edgeTargets`, leaving `source`,
    /// keeps its target alive. Cycles, orphans' referrers and retained sizes follow only such
    /// references.
    ///
    /// A reference is weak when its source is flagged `ObjectFlags.weakReference` and it has
    /// no label. The captures record no reference from a weak reference to its referent
    /// (`tp_traverse` of a weakref visits only its callback), but the format lets a writer
    /// record one, unlabelled; named references out of a weak reference (its callback, which
    /// the C-API walker names `.__callback__`, a subclass's `.__dict__` or slots) are strong.
    ///
    /// - Complexity: O(1).
    @inline(__always)
    public func isStrong(edge: Int, from source: Int) -> Bool {
        snapshot.flags[source] & ObjectFlags.weakReference.rawValue == 0 || snapshot.edgeLabels[edge] != 0
    }
}
