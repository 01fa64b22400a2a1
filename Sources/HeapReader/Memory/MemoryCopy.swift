import CProcessTrace
import HeapGraph

/// A copy of a process's writable memory, taken while it is held still, so that it can run on
/// while the copy is walked. Reads outside the copied regions (read-only mappings: code, and
/// the constant strings of static types' names, which never change) go to the live process.
///
/// A read of the copy is a bounds check and a load: the region of the previous read is tried
/// first (the walk reads an object's fields one after another), then a binary search.
///
/// The copy's memory is mapped in huge pages where Linux gives them (`LargeAllocation`): a
/// copy of hundreds of MiB in 4 KiB pages took one page fault per page, while the target was
/// stopped, and a TLB miss on most of the walk's reads.
public final class MemoryCopy: MemorySource {
    /// The copied regions, sorted by address and disjoint: `starts[i]` is where `regions[i]`
    /// begins in the target. Constants once copied: reading them needs no exclusivity check.
    private let starts: [UInt64]
    private let regions: [UnsafeMutableRawBufferPointer]
    /// Whether each region's memory is a mapping (see `LargeAllocation.free`).
    private let mapped: [Bool]
    /// The index in `regions` of the last region read (a plain Int read and written on every
    /// read, never across a call: the runtime's exclusivity check is left out).
    @exclusivity(unchecked) private var last = 0
    private let live: MemorySource
    /// Bytes copied.
    public let copiedBytes: UInt64

    /// Copies every readable, writable region of `map` from `memory` (regions that cannot be
    /// read, such as `[vvar]`, are left to the live reads). The copy is split in chunks of at
    /// most 16 MiB, every other one copied by a helper thread, so that the target is stopped
    /// for about half as long on a machine with a second core; a chunk the helper could not
    /// read is read again here, where every error of the live reader is handled.
    public init(of memory: ProcessMemory, map: MemoryMap) {
        live = memory
        var starts: [UInt64] = []
        var regions: [UnsafeMutableRawBufferPointer] = []
        var mapped: [Bool] = []
        for region in map.regions where region.isReadable && region.isWritable && region.size <= 1 << 36 {
            let (raw, isMapping) = LargeAllocation.allocate(bytes: Int(region.size), zeroed: false)
            starts.append(region.start)
            regions.append(UnsafeMutableRawBufferPointer(start: raw, count: Int(region.size)))
            mapped.append(isMapping)
        }
        let chunks = Self.chunks(starts: starts, regions: regions)
        let failed = UnsafeMutablePointer<Bool>.allocate(capacity: max(chunks.count, 1))
        failed.initialize(repeating: false, count: max(chunks.count, 1))
        defer { failed.deallocate() }
        let pid = memory.pid
        nonisolated(unsafe) let helperFailed = failed
        let helperChunks = chunks.indices.filter { $0 % 2 == 1 }.map { (index: $0, chunk: chunks[$0]) }
        let helper = HelperThread { _ in
            for (index, chunk) in helperChunks where !Self.copy(pid: pid, chunk) { helperFailed[index] = true }
        }
        for index in chunks.indices where helper == nil || index % 2 == 0 {
            let chunk = chunks[index]
            let target = UnsafeMutableRawBufferPointer(
                start: UnsafeMutableRawPointer(bitPattern: chunk.target),
                count: chunk.count
            )
            if (try? memory.readDirect(chunk.address, into: target)) == nil { failed[index] = true }
        }
        helper?.finish()
        var unreadable = Set<Int>()
        for index in chunks.indices where failed[index] {
            let chunk = chunks[index]
            let target = UnsafeMutableRawBufferPointer(
                start: UnsafeMutableRawPointer(bitPattern: chunk.target),
                count: chunk.count
            )
            if index % 2 == 0 || (try? memory.readDirect(chunk.address, into: target)) == nil {
                unreadable.insert(chunk.region)
            }
        }
        var copiedBytes: UInt64 = 0
        for i in regions.indices.reversed() {
            if unreadable.contains(i) {
                if let base = regions[i].baseAddress {
                    LargeAllocation.free(base, bytes: regions[i].count, mapped: mapped[i])
                }
                starts.remove(at: i)
                regions.remove(at: i)
                mapped.remove(at: i)
            } else {
                copiedBytes += UInt64(regions[i].count)
            }
        }
        self.starts = starts
        self.regions = regions
        self.mapped = mapped
        self.copiedBytes = copiedBytes
    }

    /// A piece of the copy: `count` bytes at `address` in the target, into memory at `target`.
    struct Chunk: Sendable {
        var region: Int
        var address: UInt64
        var target: UInt
        var count: Int
    }

    /// The regions cut in chunks of at most 16 MiB, in order.
    private static func chunks(starts: [UInt64], regions: [UnsafeMutableRawBufferPointer]) -> [Chunk] {
        let size = 16 << 20
        var out: [Chunk] = []
        for (i, region) in regions.enumerated() {
            guard let base = region.baseAddress else { continue }
            var offset = 0
            while offset < region.count {
                let count = min(size, region.count - offset)
                out.append(
                    Chunk(
                        region: i,
                        address: starts[i] &+ UInt64(offset),
                        target: UInt(bitPattern: base + offset),
                        count: count
                    )
                )
                offset += count
            }
        }
        return out
    }

    /// Copies one chunk with `process_vm_readv`; false if any part of it could not be read.
    private static func copy(pid: Int32, _ chunk: Chunk) -> Bool {
        var done = 0
        while done < chunk.count {
            let n = refgraph_read_process(
                pid,
                UnsafeMutableRawPointer(bitPattern: chunk.target + UInt(done)),
                chunk.count - done,
                chunk.address &+ UInt64(done)
            )
            guard n > 0 else { return false }
            done += n
        }
        return true
    }

    deinit {
        for (region, isMapping) in zip(regions, mapped) {
            if let base = region.baseAddress { LargeAllocation.free(base, bytes: region.count, mapped: isMapping) }
        }
    }

    /// The region holding `address` and the offset of the address in it, or nil when no copied
    /// region holds it.
    @inline(__always)
    private func locate(_ address: UInt64) -> (region: UnsafeMutableRawBufferPointer, offset: Int)? {
        if last < starts.count {
            let offset = address &- starts[last]
            if offset < UInt64(regions[last].count) { return (regions[last], Int(offset)) }
        }
        // The last region starting at or before the address.
        var low = 0
        var high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] <= address { low = middle + 1 } else { high = middle }
        }
        let index = low - 1
        guard index >= 0 else { return nil }
        let offset = address &- starts[index]
        guard offset < UInt64(regions[index].count) else { return nil }
        last = index
        return (regions[index], Int(offset))
    }

    /// Starts loading the memory at `address` into the cache, if the copy holds it.
    @inline(__always)
    public func prefetch(_ address: UInt64) {
        guard let (region, offset) = locate(address) else { return }
        rg_reader_prefetch(region.baseAddress.map { $0 + offset })
    }

    public func read(_ address: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(HeapReaderError) {
        guard let (region, offset) = locate(address) else {
            try live.read(address, into: buffer)
            return
        }
        guard buffer.count <= region.count - offset else { throw pastEnd(address) }
        buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: region[offset..<(offset + buffer.count)]))
    }

    public func word(_ address: UInt64) throws(HeapReaderError) -> UInt64 {
        guard let (region, offset) = locate(address) else { return try live.word(address) }
        guard 8 <= region.count - offset else { throw pastEnd(address) }
        return UInt64(littleEndian: region.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    public func view(_ address: UInt64, count: Int) throws(HeapReaderError) -> UnsafeRawBufferPointer? {
        guard let (region, offset) = locate(address) else { return nil }
        guard count >= 0, count <= region.count - offset else { throw pastEnd(address) }
        return UnsafeRawBufferPointer(rebasing: region[offset..<(offset + count)])
    }

    private func pastEnd(_ address: UInt64) -> HeapReaderError {
        HeapReaderError(.unreadable, "A read at 0x\(String(address, radix: 16)) runs past its region.")
    }
}
