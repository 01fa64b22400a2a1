import HeapGraph
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The walker's prefaulting helper: the memory it is given becomes resident without the
/// calling thread touching it.
@Suite struct WalkPrefaulterTests {
    /// How many of the pages from `base` (`bytes` long) are resident, by `mincore(2)`.
    private func residentPages(_ base: UnsafeMutableRawPointer, _ bytes: Int) -> Int {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        var vector = [UInt8](repeating: 0, count: (bytes + page - 1) / page)
        guard mincore(base, bytes, &vector) == 0 else { return -1 }
        return vector.reduce(0) { $0 + Int($1 & 1) }
    }

    @Test func memoryItIsGivenBecomesResident() throws {
        #if os(Linux)
        let bytes = 16 << 20
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let mapped = try #require(mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0))
        #expect(mapped != MAP_FAILED)
        defer { munmap(mapped, bytes) }
        #expect(residentPages(mapped, bytes) == 0)
        // Before Linux 5.14 there is no MADV_POPULATE_WRITE, and doing nothing is right.
        guard madvise(mapped + bytes - page, page, 23) == 0 else { return }
        #expect(residentPages(mapped, bytes) == 1)

        let helper = try #require(WalkPrefaulter.start([(UInt(bitPattern: mapped), bytes)]))
        // Wait (boundedly) for the helper to get through the whole range, then stop it.
        for _ in 0..<10_000 where residentPages(mapped, bytes) < bytes / page { usleep(1000) }
        helper.finish()
        #expect(residentPages(mapped, bytes) == bytes / page)
        #endif
    }

    @Test func nothingToFaultStartsNoThread() {
        #expect(WalkPrefaulter.start([]) == nil)
        #expect(WalkPrefaulter.start([(0x1001, 100)]) == nil)
    }
}
