#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A sink that writes the file's bytes to a file descriptor as the encoder produces them.
///
/// Why: a 1M-object snapshot is over 100 MB, and building it in one array first cost a copy
/// of every byte plus a page fault per 4 KiB of a fresh buffer, about as long as the
/// `write(2)` itself (docs/benchmarks.md, "Measurements behind the code"). Here the large columns (addresses, sizes, edge targets, ...) go to `write(2)`
/// straight from the snapshot's own arrays; only the small pieces between them (header,
/// directory, section counts, padding) are gathered in a staging buffer first, so a
/// snapshot takes a few dozen system calls and no copy in user space.
///
/// The first failure is kept in `errorCode` and later appends do nothing; the caller checks
/// it when the encoder is done.
struct SnapshotFileStream: SnapshotFileSink {
    /// Pieces at least this large are written directly rather than staged.
    static let directThreshold = 64 * 1024
    /// The largest single `write(2)`, after which the kernel is asked to start writing those
    /// bytes to disk (`SnapshotFileSystem.startWriteBack`), so that the final `fsync` has
    /// little left to wait for.
    static let maxWrite = 8 << 20

    private let fd: Int32
    private var staging: [UInt8] = []
    private(set) var count: UInt64 = 0
    private(set) var errorCode: Int32 = 0
    /// Bytes written to the file so far, and how many of them the kernel was asked to write back.
    private var written = 0
    private var writtenBack = 0

    init(fd: Int32) {
        self.fd = fd
        staging.reserveCapacity(Self.directThreshold)
    }

    mutating func append(raw: UnsafeRawBufferPointer) {
        count += UInt64(raw.count)
        if raw.count < Self.directThreshold && staging.count + raw.count <= Self.directThreshold {
            staging.append(contentsOf: raw)
            return
        }
        flush()
        if raw.count < Self.directThreshold {
            staging.append(contentsOf: raw)
        } else {
            writeAll(raw)
        }
    }

    /// Writes out what is staged; call once after the encoder finishes.
    mutating func flush() {
        guard !staging.isEmpty else { return }
        var pending: [UInt8] = []
        swap(&pending, &staging)
        pending.withUnsafeBytes { writeAll($0) }
        pending.removeAll(keepingCapacity: true)
        swap(&pending, &staging)
    }

    private mutating func writeAll(_ raw: UnsafeRawBufferPointer) {
        guard errorCode == 0, let base = raw.baseAddress else { return }
        var done = 0
        while done < raw.count {
            let wrote = SnapshotFileSystem.write(fd, base + done, Swift.min(raw.count - done, Self.maxWrite))
            if wrote >= 0 {
                done += wrote
                written += wrote
                if written - writtenBack >= Self.maxWrite {
                    SnapshotFileSystem.startWriteBack(fd, offset: writtenBack, count: written - writtenBack)
                    writtenBack = written
                }
            } else if errno != EINTR {
                errorCode = errno
                return
            }
        }
    }
}
