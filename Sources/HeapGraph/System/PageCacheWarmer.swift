#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Gives a new, empty file page-cache pages for its first `bytes` on a helper thread, ahead
/// of the writes that will fill them: the file is extended to `bytes` (a hole) and read
/// through, which caches zeroed pages without any disk I/O; the writer then overwrites them.
///
/// Why: the cost of a snapshot's `write(2)` calls is the kernel finding fresh pages for the
/// page cache, not the copy, and done on a second core while the heap walk runs that cost
/// leaves the capture's critical path (figures in docs/benchmarks.md, "Measurements behind
/// the code").
///
/// The owner calls `finish()` before it writes: the helper stops at its next 1 MiB and is
/// joined. Pages it did not reach are found by the writes as before.
enum PageCacheWarmer {
    /// Starts readying `bytes` of page cache for `fd` (a new empty regular file open for
    /// reading and writing), or returns nil if `bytes` is too small to be worth a thread.
    static func start(fd: Int32, bytes: Int) -> HelperThread? {
        guard bytes >= 4 << 20 else { return nil }
        return HelperThread { stop in
            guard ftruncate(fd, off_t(bytes)) == 0 else { return }
            let chunk = 1 << 20
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 4096)
            defer { buffer.deallocate() }
            var offset = 0
            while offset < bytes && !stop.isRequested {
                switch SnapshotFileSystem.pread(fd, buffer, Swift.min(chunk, bytes - offset), at: offset) {
                case let .success(got) where got > 0: offset += got
                default: return
                }
            }
        }
    }
}
