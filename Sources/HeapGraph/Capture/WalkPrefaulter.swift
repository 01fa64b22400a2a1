#if canImport(Glibc)
import Glibc
#endif

/// Faults in the heap walk's memory (its address table, and its columns up to the sizes a
/// heap of that many tracked objects usually needs) on a helper thread while the walk runs,
/// with Linux's `madvise(MADV_POPULATE_WRITE)` in 2 MiB steps.
///
/// Why: a large walk's page faults on fresh memory cost more than a good part of its own CPU
/// work, on the thread the Python process waits for; taken on the machine's other core
/// instead, they overlap the walk (figures in docs/benchmarks.md, "Measurements behind the
/// code"). Pages the helper has
/// not reached when the walk gets there are faulted by the walk as before; the helper is
/// stopped when the walk ends. Elsewhere than Linux (or before Linux 5.14) it does nothing.
package enum WalkPrefaulter {
    /// `MADV_POPULATE_WRITE`, which Swift's Glibc module does not export.
    private static let populateWrite: Int32 = 23

    /// Starts faulting in `ranges` (address, byte count), in order; nil if there is nothing
    /// to do or no thread.
    package static func start(_ ranges: [(address: UInt, bytes: Int)]) -> HelperThread? {
        #if os(Linux)
        let page = UInt(sysconf(Int32(_SC_PAGESIZE)))
        // madvise wants whole pages; partial pages at the ends are the walk's to fault.
        let aligned = ranges.compactMap { HugePages.interior($0.address, bytes: $0.bytes, alignment: page) }
        guard !aligned.isEmpty else { return nil }
        return HelperThread { stop in
            for range in aligned {
                var offset = 0
                while offset < range.bytes {
                    if stop.isRequested { return }
                    let step = Swift.min(HugePages.size, range.bytes - offset)
                    guard
                        madvise(UnsafeMutableRawPointer(bitPattern: range.address + UInt(offset)), step, populateWrite)
                            == 0
                    else { return }
                    offset += step
                }
            }
        }
        #else
        return nil
        #endif
    }
}
