/// A copy of a process's writable memory, taken while it is held still, so that it can run on
/// while the copy is walked. Reads outside the copied regions (read-only mappings: code, and
/// the constant strings of static types' names, which never change) go to the live process.
public final class MemoryCopy: MemorySource {
    private var starts: [UInt64] = []
    private var copies: [[UInt8]] = []
    private let live: MemorySource
    /// Bytes copied.
    public private(set) var copiedBytes: UInt64 = 0

    /// Copies every readable, writable region of `map` from `memory` (regions that cannot be
    /// read, such as `[vvar]`, are left to the live reads).
    public init(of memory: ProcessMemory, map: MemoryMap) {
        live = memory
        for region in map.regions where region.isReadable && region.isWritable && region.size <= 1 << 36 {
            var copy = [UInt8](repeating: 0, count: Int(region.size))
            let ok = copy.withUnsafeMutableBytes { buffer in
                (try? memory.readDirect(region.start, into: buffer)) != nil
            }
            guard ok else { continue }
            starts.append(region.start)
            copies.append(copy)
            copiedBytes += region.size
        }
    }

    public func read(_ address: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(HeapReaderError) {
        // The last region starting at or before the address (regions are sorted and disjoint).
        var low = 0
        var high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] <= address { low = middle + 1 } else { high = middle }
        }
        let index = low - 1
        if index >= 0 {
            let offset = address &- starts[index]
            let copy = copies[index]
            if offset < UInt64(copy.count) {
                guard offset + UInt64(buffer.count) <= UInt64(copy.count) else {
                    throw HeapReaderError(
                        .unreadable,
                        "A read at 0x\(String(address, radix: 16)) runs past its region."
                    )
                }
                copy.withUnsafeBytes { source in
                    buffer.copyMemory(
                        from: UnsafeRawBufferPointer(rebasing: source[Int(offset)..<(Int(offset) + buffer.count)])
                    )
                }
                return
            }
        }
        try live.read(address, into: buffer)
    }
}
