import HeapGraph

/// The check `growth` and `leaks` share: two moments of a process, not one capture twice.
enum RepeatedSnapshot {
    /// Throws if two neighbours in `metadata` (named by `paths`) are the same capture.
    static func refuse(_ metadata: [SnapshotMetadata], paths: [String]) throws {
        for i in metadata.indices.dropFirst() where metadata[i].isSameCapture(as: metadata[i - 1]) {
            throw QueryFailure(
                "'\(paths[i - 1])' and '\(paths[i])' hold the same snapshot (pid \(metadata[i].pid), taken at the same moment); name snapshots taken at different moments.")
        }
    }
}
