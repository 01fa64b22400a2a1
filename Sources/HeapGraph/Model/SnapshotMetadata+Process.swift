extension SnapshotMetadata {
    /// Why a snapshot with metadata `other` cannot come from the same process as this one, as a
    /// phrase (`taken in different processes (pid 12 and pid 34)`), or nil when it can.
    ///
    /// The metadata records no process start time, so one process is recognised by its pid
    /// and, when both snapshots record them, its `sys.executable` and `sys.argv`. A pid the
    /// kernel reused for the same program run with the same arguments is not detected.
    /// - Complexity: O(length of argv).
    public func processDifference(from other: SnapshotMetadata) -> String? {
        if pid != other.pid { return "taken in different processes (pid \(pid) and pid \(other.pid))" }
        if let a = executable, let b = other.executable, a != b {
            return "taken in different programs (\(a) and \(b)) with the same pid \(pid)"
        }
        if let a = argv, let b = other.argv, a != b {
            return "taken in processes with different arguments under the same pid \(pid)"
        }
        return nil
    }
}

extension SnapshotMetadata {
    /// Whether `other` records the same capture as this (one process at one moment): the same
    /// file named twice, or a copy of it.
    public func isSameCapture(as other: SnapshotMetadata) -> Bool {
        time == other.time && processDifference(from: other) == nil
    }
}
