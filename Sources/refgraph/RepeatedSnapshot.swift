import HeapGraph

/// The checks `growth` and `leaks` share: two moments of one process, not one capture twice.
enum RepeatedSnapshot {
    /// Throws if two neighbours in `metadata` (named by `paths`) are the same capture.
    static func refuse(_ metadata: [SnapshotMetadata], paths: [String]) throws {
        for i in metadata.indices.dropFirst() where metadata[i].isSameCapture(as: metadata[i - 1]) {
            throw QueryFailure(
                "'\(paths[i - 1])' and '\(paths[i])' hold the same snapshot (pid \(metadata[i].pid), taken at the same moment); name snapshots taken at different moments."
            )
        }
    }

    /// Throws unless `old` and `new` (named by `paths`) come from one process; with `force`,
    /// says on stderr that they do not and returns.
    static func refuseOtherProcess(
        _ old: SnapshotMetadata,
        _ new: SnapshotMetadata,
        paths: (old: String, new: String),
        force: Bool
    ) throws {
        guard let reason = old.processDifference(from: new) else { return }
        guard force else {
            throw QueryFailure(
                "'\(paths.old)' and '\(paths.new)' were \(reason), so their difference is not growth; pass --force to compare them anyway."
            )
        }
        Console.error("refgraph: comparing anyway (--force): '\(paths.old)' and '\(paths.new)' were \(reason).")
    }
}
