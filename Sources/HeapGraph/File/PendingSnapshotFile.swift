#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A snapshot file being written atomically: a new temporary file beside `path` (mode 0600,
/// `O_CREAT | O_EXCL`) exists from `init` on; `write` fills it, `fsync`s it, closes it and
/// `rename(2)`s it over `path`, then `fsync`s the folder. If `write` fails, or the value is
/// discarded without a write, the temporary file is removed and nothing new is left at `path`.
///
/// Made before the heap walk, it says at once when `path` cannot be written, and it can get
/// the file's page-cache pages ready on a helper thread while the walk runs
/// (`PageCacheWarmer`; `expectedBytes` is how many).
///
/// The data's `fsync` is what makes the rename atomic across a crash of the machine too:
/// without it the rename can reach the disk before the data and leave an empty file at
/// `path`. (A crash of the process alone can never leave a partial file at `path`.)
package final class PendingSnapshotFile {
    private let path: String
    private let folder: String
    private let temporary: String
    private var fd: Int32
    private var warmer: HelperThread?

    /// Creates the temporary file for `path` and, if `expectedBytes` is large enough, starts
    /// readying that many bytes of page cache for it.
    /// - Throws: `SnapshotFileError` naming `path` if the temporary file cannot be created, or
    ///   if `path` names something other than a regular file (`checkDestination`).
    package init(path: String, expectedBytes: Int = 0) throws(SnapshotFileError) {
        try Self.checkDestination(path)
        let slash = path.lastIndex(of: "/")
        folder = slash.map { String(path[...$0]) } ?? ""
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        self.path = path
        var name = ""
        var descriptor: Int32 = -1
        for _ in 0..<16 {
            name = "\(folder).\(base).\(getpid()).\(String(UInt64.random(in: 0...UInt64.max), radix: 36)).tmp"
            switch SnapshotFileSystem.open(name, O_RDWR | O_CREAT | O_EXCL, mode: 0o600) {
            case let .success(opened): descriptor = opened
            case let .failure(error) where error.code == EEXIST: continue
            case let .failure(error): throw SnapshotFileSystem.failure(path: path, writing: true, errno: error.code)
            }
            break
        }
        guard descriptor >= 0 else { throw SnapshotFileSystem.failure(path: path, writing: true, errno: EEXIST) }
        temporary = name
        fd = descriptor
        warmer = PageCacheWarmer.start(fd: descriptor, bytes: expectedBytes)
    }

    /// Starts readying `bytes` of page cache for the file (`PageCacheWarmer`), when the size
    /// was not known at `init`; does nothing if a warmer already runs.
    package func startWarming(bytes: Int) {
        guard warmer == nil, fd >= 0 else { return }
        warmer = PageCacheWarmer.start(fd: fd, bytes: bytes)
    }

    /// How many bytes of page cache to ready for the file of a heap of `trackedObjects`
    /// gc-tracked objects: 112 per object, a little under what the bench heap's files take
    /// (131: each tracked object brings about one untracked object and four references), so
    /// that the helper rarely readies pages the file will not use, at most 2 GiB.
    package static func expectedBytes(trackedObjects: Int) -> Int {
        Swift.min(trackedObjects * 112, 1 << 31)
    }

    /// Refuses a `path` that names a device, a FIFO or a socket: a rename over it would
    /// replace it (as root, `/dev/null` itself) with a regular file. Callers check
    /// this before work whose result they would write there.
    /// - Throws: `SnapshotFileError` `.notReplaceable` naming `path`.
    package static func checkDestination(_ path: String) throws(SnapshotFileError) {
        if let kind = SnapshotFileSystem.specialFileKind(atPath: path) {
            throw SnapshotFileError(path: path, reason: .notReplaceable(kind: kind))
        }
    }

    /// The temporary file's path, for a signal handler that removes it before the process dies.
    package var temporaryPath: String { temporary }

    deinit { discard() }

    /// Writes `columns` as the file's contents and puts the file in place at `path`.
    ///
    /// The columns must be well formed, as a `Snapshot` is (see `Snapshot.init`).
    /// - Complexity: O(file size).
    /// - Throws: `SnapshotFileError` naming `path`; the temporary file is removed then.
    package func write(_ columns: SnapshotColumns) throws(SnapshotFileError) {
        try write { out in SnapshotFile.encode(columns, into: &out) }
    }

    /// Removes the temporary file unless `write` put it in place; nothing is left at `path`.
    package func discard() {
        stopWarming()
        guard fd >= 0 else { return }
        _ = SnapshotFileSystem.close(fd)
        fd = -1
        _ = unlink(temporary)
    }

    /// Fills the file through `produce`, then as `write(_:)`.
    func write(_ produce: (inout SnapshotFileStream) -> Void) throws(SnapshotFileError) {
        stopWarming()
        precondition(fd >= 0, "a PendingSnapshotFile is written once")
        var stream = SnapshotFileStream(fd: fd)
        produce(&stream)
        stream.flush()
        var code = stream.errorCode
        // The warmer may have made the file longer than what was written.
        if code == 0 && ftruncate(fd, off_t(stream.count)) != 0 { code = errno }
        if code == 0 && fsync(fd) != 0 { code = errno }
        if SnapshotFileSystem.close(fd) != 0 && code == 0 { code = errno }
        fd = -1
        if code == 0 && rename(temporary, path) != 0 { code = errno }
        guard code == 0 else {
            _ = unlink(temporary)
            throw SnapshotFileSystem.failure(path: path, writing: true, errno: code)
        }
        if case let .success(directory) = SnapshotFileSystem.open(folder.isEmpty ? "." : folder, O_RDONLY) {
            _ = fsync(directory)
            _ = SnapshotFileSystem.close(directory)
        }
    }

    private func stopWarming() {
        warmer?.finish()
        warmer = nil
    }
}
