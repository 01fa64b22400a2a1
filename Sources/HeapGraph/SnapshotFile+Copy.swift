extension SnapshotFile {
    /// Reads and validates the snapshot at `source`, then writes the same bytes to `destination`
    /// atomically (as `write(_:to:)` does: a 0600 temporary file renamed into place), so a file
    /// another process wrote reaches its destination only if it is complete and well formed.
    /// Returns the decoded snapshot. Errors name the file that failed.
    /// - Complexity: O(file size).
    public static func copyValidated(from source: String, to destination: String) throws(SnapshotFileError) -> Snapshot {
        let bytes = try SnapshotFileSystem.readAll(source)
        let snapshot: Snapshot
        do {
            snapshot = try decodeBytes(bytes)
        } catch {
            throw SnapshotFileError(path: source, reason: error)
        }
        try SnapshotFileSystem.writeAtomically(to: destination) { stream in
            bytes.withUnsafeBytes { stream.append(raw: $0) }
        }
        return snapshot
    }
}
