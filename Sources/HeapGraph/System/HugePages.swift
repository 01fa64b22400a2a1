#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Asking Linux to back large, not yet touched buffers with 2 MiB pages
/// (`madvise(MADV_HUGEPAGE)`, which works where transparent huge pages are set to "madvise"
/// or "always").
///
/// Why: every fresh 4 KiB page costs a page fault, and a large snapshot's columns are
/// enough of them to be the better part of reading the file; huge pages take one fault per
/// 2 MiB instead (figures in docs/benchmarks.md, "Measurements behind the code").
package enum HugePages {
    /// The size of a huge page.
    package static let size = 1 << 21

    /// Asks for huge pages on the whole 2 MiB pages inside `bytes` from `raw` (memory not yet
    /// touched, such as a new array's storage); does nothing for smaller buffers or elsewhere
    /// than Linux.
    package static func advise(_ raw: UnsafeMutableRawPointer?, bytes: Int) {
        #if os(Linux)
        guard let raw, let whole = interior(UInt(bitPattern: raw), bytes: bytes, alignment: UInt(size)) else { return }
        _ = madvise(UnsafeMutableRawPointer(bitPattern: whole.address), whole.bytes, MADV_HUGEPAGE)
        #endif
    }

    /// The part of `bytes` from `address` that starts and ends on a multiple of `alignment`
    /// (a power of two), or nil if there is none: what `madvise(2)` can be given.
    package static func interior(_ address: UInt, bytes: Int, alignment: UInt) -> (address: UInt, bytes: Int)? {
        let start = (address + alignment - 1) & ~(alignment - 1)
        let end = (address + UInt(bytes)) & ~(alignment - 1)
        return end > start ? (start, Int(end - start)) : nil
    }

    /// A new array of `count` zeros, in huge pages when it is large enough.
    /// - Complexity: O(count).
    package static func zeroedArray<T: FixedWidthInteger>(of _: T.Type, count: Int) -> [T] {
        array(count: count) { $0.initialize(repeating: 0) }
    }

    /// A copy of `source` in a new array, in huge pages when it is large enough: written
    /// once, where a zeroed array filled afterwards is written twice.
    /// - Complexity: O(source.count).
    package static func copy<T: FixedWidthInteger>(of source: [T]) -> [T] {
        source.withUnsafeBufferPointer { source in
            array(count: source.count) { _ = $0.initialize(fromContentsOf: source) }
        }
    }

    private static func array<T: FixedWidthInteger>(count: Int, _ fill: (UnsafeMutableBufferPointer<T>) -> Void) -> [T]
    {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            advise(UnsafeMutableRawPointer(buffer.baseAddress), bytes: count * MemoryLayout<T>.size)
            fill(buffer)
            initialized = count
        }
    }
}
