import Glibc

/// Thin wrappers over the C calls the snapshot reader and writer use, with EINTR retried, and
/// the one place where a failed call's `errno` becomes a `SnapshotFileError`.
package enum SnapshotFileSystem {
    /// The error for the `errno` of the call that just failed, naming `path`.
    static func failure(path: String, writing: Bool, errno code: Int32 = errno) -> SnapshotFileError {
        SnapshotFileError(path: path, reason: reason(writing: writing, errno: code))
    }

    /// The reason for a failed call's `errno`, with the system's message for it.
    static func reason(writing: Bool, errno code: Int32) -> SnapshotFileError.Reason {
        .system(writing: writing, errno: code, message: String(cString: strerror(code)))
    }

    /// `open(2)`, retried on EINTR; the descriptor or the errno.
    static func open(_ path: String, _ flags: Int32, mode: mode_t = 0) -> Result<Int32, SnapshotFileErrno> {
        while true {
            let fd = path.withCString { systemOpen($0, flags | O_CLOEXEC, mode) }
            if fd >= 0 { return .success(fd) }
            if errno != EINTR { return .failure(SnapshotFileErrno(errno)) }
        }
    }

    /// Opens the regular file at `path` and hands `body` a reader of it, which reads it column
    /// by column with `pread(2)` while `body` runs. Errors name `path`.
    /// - Complexity: O(file size) for the reading `body` asks for.
    static func withReadBuffer<Result>(
        _ path: String,
        _ body: (SnapshotFileReadBuffer) throws(SnapshotFileError.Reason) -> Result
    ) throws(SnapshotFileError) -> Result {
        let (fd, info) = try openForReading(path)
        defer { _ = systemClose(fd) }
        let file = SnapshotFileReadBuffer(descriptor: fd, size: max(Int(info.st_size), 0))
        do {
            return try body(file)
        } catch {
            throw SnapshotFileError(path: path, reason: error)
        }
    }

    /// `pread(2)` at `offset`, retried on EINTR: the count read (0 at the end of the file) or
    /// the errno.
    static func pread(
        _ fd: Int32,
        _ buffer: UnsafeMutableRawPointer,
        _ count: Int,
        at offset: Int
    ) -> Swift.Result<Int, SnapshotFileErrno> {
        while true {
            let got = systemPread(fd, buffer, count, off_t(offset))
            if got >= 0 { return .success(got) }
            if errno != EINTR { return .failure(SnapshotFileErrno(errno)) }
        }
    }

    /// Opens `path` if it is a regular file, and `fstat`s it. Anything else is refused before
    /// it is opened for reading: `/dev/zero` would be read forever, a FIFO with no writer
    /// blocks `open(2)` forever, and opening some devices acts on them. It is `stat`ed first,
    /// then opened with `O_NONBLOCK` and `fstat`ed again, so a path swapped for a FIFO in
    /// between cannot block either.
    private static func openForReading(_ path: String) throws(SnapshotFileError) -> (descriptor: Int32, info: stat) {
        var info = stat()
        if path.withCString({ systemStat($0, &info) }) != 0 {
            throw failure(path: path, writing: false, errno: errno)
        }
        if let kind = notARegularFile(info) { throw SnapshotFileError(path: path, reason: .notAFile(kind: kind)) }
        let fd: Int32
        switch open(path, O_RDONLY | O_NONBLOCK) {
        case let .success(descriptor): fd = descriptor
        case let .failure(error): throw failure(path: path, writing: false, errno: error.code)
        }
        let reason: SnapshotFileError.Reason
        if fstat(fd, &info) != 0 {
            reason = Self.reason(writing: false, errno: errno)
        } else if let kind = notARegularFile(info) {
            reason = .notAFile(kind: kind)
        } else {
            return (fd, info)
        }
        _ = systemClose(fd)
        throw SnapshotFileError(path: path, reason: reason)
    }

    /// What the file at `path` is, as a noun phrase ("a FIFO (named pipe)"), if it is one that
    /// a `rename(2)` over it would replace although it is not a regular file: a device, a FIFO
    /// or a socket (`stat(2)`, so a symbolic link is followed). Nil for a regular file, no
    /// file, or a directory (the rename refuses to replace a directory).
    package static func specialFileKind(atPath path: String) -> String? {
        var info = stat()
        guard path.withCString({ stat($0, &info) }) == 0, info.st_mode & S_IFMT != S_IFDIR else { return nil }
        return notARegularFile(info)
    }

    /// What the file `info` describes is, as a noun phrase, unless it is a regular file.
    private static func notARegularFile(_ info: stat) -> String? {
        switch info.st_mode & S_IFMT {
        case S_IFREG: nil
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFDIR: "a directory"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFSOCK: "a socket"
        default: "something other than a regular file"
        }
    }

    /// `close(2)`: 0, or -1 with `errno` set.
    static func close(_ fd: Int32) -> Int32 {
        systemClose(fd)
    }

    /// `write(2)` once (no retry): the count written, or -1 with `errno` set.
    static func write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
        systemWrite(fd, buffer, count)
    }

    /// Asks the kernel to start writing the file's bytes `offset..<offset + count` to disk now,
    /// without waiting (Linux's `sync_file_range(2)` with `SYNC_FILE_RANGE_WRITE`); a hint,
    /// so a failure is ignored, and elsewhere than Linux it does nothing.
    ///
    /// Why: the writer `fsync`s the file before renaming it into place, and left to itself the
    /// kernel starts writing a snapshot back only then; started chunk by chunk, the disk
    /// writes overlap the copying and the `fsync` waits far less (figures in
    /// docs/benchmarks.md, "Measurements behind the code").
    /// glibc declares the function only under `_GNU_SOURCE`, which Swift's Glibc module does
    /// not define, so it is looked up once by name.
    static func startWriteBack(_ fd: Int32, offset: Int, count: Int) {
        #if os(Linux)
        guard let syncFileRange = syncFileRange else { return }
        _ = syncFileRange(fd, Int64(offset), Int64(count), 2)  // SYNC_FILE_RANGE_WRITE
        #endif
    }

    #if os(Linux)
    private typealias SyncFileRange = @convention(c) (Int32, Int64, Int64, UInt32) -> Int32
    private static let syncFileRange: SyncFileRange? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "sync_file_range") else { return nil }
        return unsafeBitCast(symbol, to: SyncFileRange.self)
    }()
    #endif
}

/// An `errno` value.
struct SnapshotFileErrno: Error {
    var code: Int32
    init(_ code: Int32) { self.code = code }
}

// The C functions under names that do not clash with this module's own (refgraph is built for
// Linux with glibc: Debian's libpython and libgvc).
private func systemOpen(_ path: UnsafePointer<CChar>, _ flags: Int32, _ mode: mode_t) -> Int32 {
    Glibc.open(path, flags, mode)
}

/// `stat(2)`, as `fstatat(2)` from the working folder: Swift cannot call the function `stat`,
/// whose name its struct hides.
private func systemStat(_ path: UnsafePointer<CChar>, _ info: UnsafeMutablePointer<stat>) -> Int32 {
    fstatat(AT_FDCWD, path, info, 0)
}

private func systemPread(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int, _ offset: off_t) -> Int {
    Glibc.pread(fd, buffer, count, offset)
}

private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    Glibc.write(fd, buffer, count)
}

private func systemClose(_ fd: Int32) -> Int32 { Glibc.close(fd) }
