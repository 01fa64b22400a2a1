import CProcessTrace
import Glibc

/// The memory of a live process, read with `process_vm_readv` (or `/proc/PID/mem` where that
/// system call is missing), through a cache of 64 KiB blocks: the heap is read many small
/// pieces at a time, and one system call per piece would cost more than the walk.
///
/// The cache is right only while the process is stopped: `forget()` empties it.
public final class ProcessMemory: MemorySource {
    public let pid: Int32
    private static let blockSize: UInt64 = 1 << 16
    private static let pageSize: UInt64 = 1 << 12
    private var blocks: [UInt64: [UInt8]] = [:]
    private var pages: [UInt64: [UInt8]] = [:]
    private var partialBlocks: Set<UInt64> = []
    private var memFile: Int32 = -1
    /// How many system calls the reads made (for measurements).
    public private(set) var systemCalls = 0

    public init(pid: Int32) {
        self.pid = pid
    }

    deinit {
        if memFile >= 0 { close(memFile) }
    }

    /// Drops every cached block: the process may have run since they were read.
    public func forget() {
        blocks.removeAll(keepingCapacity: true)
        pages.removeAll()
        partialBlocks.removeAll()
    }

    public func read(_ address: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(HeapReaderError) {
        var done = 0
        while done < buffer.count {
            let at = address &+ UInt64(done)
            let (start, chunk) = try cached(at)
            let offset = Int(at - start)
            let n = min(chunk.count - offset, buffer.count - done)
            chunk.withUnsafeBytes { source in
                UnsafeMutableRawBufferPointer(rebasing: buffer[done..<(done + n)])
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<(offset + n)]))
            }
            done += n
        }
    }

    /// Reads `count` bytes at `address` straight from the process, bypassing the cache.
    public func readDirect(_ address: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(HeapReaderError) {
        var done = 0
        while done < buffer.count {
            let n = try rawRead(address &+ UInt64(done), UnsafeMutableRawBufferPointer(rebasing: buffer[done...]))
            guard n > 0 else { throw unreadable(address, buffer.count) }
            done += n
        }
    }

    /// The cached block holding `address` and where it starts: its 64 KiB block, or, where
    /// part of that block is not mapped, its 4 KiB page alone.
    private func cached(_ address: UInt64) throws(HeapReaderError) -> (UInt64, [UInt8]) {
        let blockStart = address & ~(Self.blockSize - 1)
        if let block = blocks[blockStart] { return (blockStart, block) }
        let pageStart = address & ~(Self.pageSize - 1)
        if let page = pages[pageStart] { return (pageStart, page) }
        if !partialBlocks.contains(blockStart) {
            var whole = [UInt8](repeating: 0, count: Int(Self.blockSize))
            let n = try readInto(&whole, at: blockStart)
            if n == Int(Self.blockSize) {
                blocks[blockStart] = whole
                return (blockStart, whole)
            }
            partialBlocks.insert(blockStart)
        }
        var page = [UInt8](repeating: 0, count: Int(Self.pageSize))
        let n = try readInto(&page, at: pageStart)
        guard n == Int(Self.pageSize) else { throw unreadable(address, 1) }
        pages[pageStart] = page
        return (pageStart, page)
    }

    /// One system call into `bytes`: bytes read, or -1.
    private func readInto(_ bytes: inout [UInt8], at address: UInt64) throws(HeapReaderError) -> Int {
        var result: Result<Int, HeapReaderError> = .success(-1)
        bytes.withUnsafeMutableBytes { buffer in
            do throws(HeapReaderError) { result = .success(try rawRead(address, buffer)) } catch {
                result = .failure(error)
            }
        }
        return try result.get()
    }

    /// One system call: bytes read, or -1.
    private func rawRead(_ address: UInt64, _ buffer: UnsafeMutableRawBufferPointer) throws(HeapReaderError) -> Int {
        systemCalls += 1
        let n = refgraph_read_process(pid, buffer.baseAddress, buffer.count, address)
        if n >= 0 { return n }
        let failure = errno
        if failure == ENOSYS { return try readThroughMemFile(address, buffer) }
        if failure == ESRCH { throw HeapReaderError(.noSuchProcess, "Process \(pid) exited while refgraph read it.") }
        if failure == EPERM {
            throw HeapReaderError(
                .permissionDenied,
                "Reading the memory of process \(pid) is not permitted: run refgraph as its owner with kernel.yama.ptrace_scope 0, or as root."
            )
        }
        return -1
    }

    private func readThroughMemFile(
        _ address: UInt64,
        _ buffer: UnsafeMutableRawBufferPointer
    ) throws(HeapReaderError) -> Int {
        if memFile < 0 {
            memFile = open("/proc/\(pid)/mem", O_RDONLY | O_CLOEXEC)
            guard memFile >= 0 else {
                throw HeapReaderError(
                    .permissionDenied,
                    "Cannot open /proc/\(pid)/mem: \(String(cString: strerror(errno)))."
                )
            }
        }
        return pread(memFile, buffer.baseAddress, buffer.count, off_t(Int64(bitPattern: address)))
    }

    private func unreadable(_ address: UInt64, _ count: Int) -> HeapReaderError {
        HeapReaderError(.unreadable, "Cannot read \(count) bytes at 0x\(String(address, radix: 16)) in process \(pid).")
    }
}
