#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Memory for the walk's large hash tables (the address table): anonymous `mmap(2)` mappings
/// marked `MADV_HUGEPAGE` on Linux.
///
/// Why: the address table of a million-object heap is over 100 MiB, probed at random once per
/// object and per reference, so in 4 KiB pages nearly every probe also misses the TLB and
/// its first touches are tens of thousands of page faults; in huge pages it is one fault per
/// 2 MiB (figures in docs/benchmarks.md, "Measurements behind the code"). A mapping is also
/// zero until written, so the table needs no `memset`.
///
/// The walk's columns are `WalkBuffer`s, which ask for huge pages themselves.
/// Small blocks (under 2 MiB) use `malloc`.
public enum LargeAllocation {
    /// `bytes` of memory (zeroed if `zeroed`; a mapping always is), and whether it is a
    /// mapping (for `free`).
    public static func allocate(bytes: Int, zeroed: Bool) -> (UnsafeMutableRawPointer, mapped: Bool) {
        if bytes >= HugePages.size,
            let raw = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), raw != MAP_FAILED
        {
            HugePages.advise(raw, bytes: bytes)
            return (raw, true)
        }
        // Small, or no address space for a mapping: ordinary memory.
        let raw = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(bytes, 1), alignment: 16)
        if zeroed { raw.initializeMemory(as: UInt8.self, repeating: 0, count: bytes) }
        return (raw, false)
    }

    public static func free(_ raw: UnsafeMutableRawPointer, bytes: Int, mapped: Bool) {
        if mapped {
            _ = munmap(raw, bytes)
        } else {
            raw.deallocate()
        }
    }
}
