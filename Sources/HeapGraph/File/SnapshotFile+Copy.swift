extension SnapshotFile {
    /// Reads and validates the snapshot at `source`, then writes it to `destination` as
    /// `write(_:to:)` does (refgraph's own format 1.0 layout, atomically, mode 0600), so a
    /// file another process wrote reaches its destination only if it is complete and well
    /// formed, and with its references already resolved to object ids: later loads skip the
    /// address resolution a 1.1 file from the pure-Python agent needs. Returns the snapshot.
    /// Errors name the file that failed.
    /// - Complexity: O(file size).
    package static func copyValidated(from source: String, to destination: String) throws(SnapshotFileError) -> Snapshot
    {
        let snapshot = try read(from: source)
        try write(snapshot, to: destination)
        return snapshot
    }
}
