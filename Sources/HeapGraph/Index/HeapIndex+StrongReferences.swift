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

    /// The position of the first strong reference leaving `source` at or after `edge`, or
    /// the end of `source`'s references when there is none: how the depth-first searches
    /// step through an object's references.
    ///
    /// - Complexity: O(weak references skipped).
    @inline(__always)
    func nextStrongEdge(of source: Int, from edge: Int) -> Int {
        let end = Int(snapshot.edgeOffsets[source + 1])
        guard snapshot.flags[source] & ObjectFlags.weakReference.rawValue != 0 else { return edge }
        var edge = edge
        while edge < end && snapshot.edgeLabels[edge] == 0 { edge += 1 }
        return edge
    }
}
