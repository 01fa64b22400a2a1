/// Reads and writes snapshot files: the versioned binary format of docs/snapshot-format.md
/// shared by every capture (the C-API walker, the Python agent) and the analysis.
///
/// Reading validates everything (magic, version, section directory, every count against its
/// section's length, every id in range), so a truncated, corrupt or hostile file becomes one
/// `SnapshotFileError`, never a crash or an allocation larger than the file.
public enum SnapshotFile {
    /// Serialises a snapshot to the file format's bytes.
    ///
    /// The snapshot must be well formed, as `SnapshotBuilder.build()` and `decode` make them.
    /// - Complexity: O(objects + edges + strings), arrays copied in bulk.
    public static func encode(_ snapshot: Snapshot) -> [UInt8] {
        encodeBytes(snapshot)
    }

    /// Parses and fully validates a file's bytes.
    ///
    /// Errors name no file (`path` is nil); `read(from:)` names it.
    /// - Complexity: O(bytes).
    public static func decode(_ bytes: [UInt8]) throws(SnapshotFileError) -> Snapshot {
        do {
            return try decodeBytes(bytes)
        } catch {
            throw SnapshotFileError(path: nil, reason: error)
        }
    }

    /// Writes atomically (`PendingSnapshotFile`): a temporary file in the same folder created
    /// with mode 0600 (`O_CREAT | O_EXCL`), fully written and `fsync`'d, then `rename(2)` over
    /// `path`. On any failure the temporary file is removed and nothing new is left at `path`.
    ///
    /// The bytes go to the file as they are encoded, the large arrays straight from the
    /// snapshot (see `SnapshotFileStream`): no copy of the file is built in memory.
    /// - Complexity: O(file size).
    public static func write(_ snapshot: Snapshot, to path: String) throws(SnapshotFileError) {
        try PendingSnapshotFile(path: path).write { out in snapshot.withColumns { encode($0, into: &out) } }
    }

    /// Writes columns lent by a capture or a `Snapshot` as `write(_:to:)` does, straight from
    /// their buffers.
    ///
    /// The columns must be well formed, as a `Snapshot` is (see `Snapshot.init`).
    /// - Complexity: O(file size).
    public static func write(_ columns: SnapshotColumns, to path: String) throws(SnapshotFileError) {
        try PendingSnapshotFile(path: path).write(columns)
    }

    /// Reads and validates a file; errors name `path`.
    /// - Complexity: O(file size).
    public static func read(from path: String) throws(SnapshotFileError) -> Snapshot {
        try SnapshotFileSystem.withReadBuffer(path) { (file) throws(SnapshotFileError.Reason) in try decode(file) }
    }
}
