import Foundation
import HeapGraph
import Testing
import TestSupport

/// Commands on valid snapshots whose values are extreme, each case one known defect.
@Suite struct ExtremeValueTests {
    /// A scratch folder with the tiny heap written as `name`, its metadata changed by `change`.
    private func snapshot(
        _ name: String = "s.rgs", in dir: String? = nil, _ change: (inout SnapshotMetadata) -> Void
    ) throws -> String {
        let dir = try dir ?? TestPaths.scratchFolder("extreme")
        var snapshot = SampleSnapshots.tinyHeap()
        change(&snapshot.metadata)
        try SnapshotFile.write(snapshot, to: dir + "/" + name)
        return dir
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity, -1e300, 1e300])
    func infoShowsAnyCaptureTimeAndDuration(value: Double) throws {
        let dir = try snapshot { $0.captureSeconds = value; $0.time = value }
        let result = try refgraph(["info", "s.rgs"], in: dir)
        #expect(result.status == 0, "\(result.stderr.prefix(300))")
        #expect(result.stdout.contains("taken      at \(value) s from the epoch (not a date) by "))
        #expect(result.stdout.contains(" in \(value) s\n"))
    }

    @Test func leaksPageShowsASnapshotTakenFarInTheFuture() throws {
        let dir = try snapshot("a.rgs") { $0.time = 0 }
        _ = try snapshot("b.rgs", in: dir) { $0.time = 1e300; $0.captureSeconds = 1 }
        let result = try refgraph(["leaks", "a.rgs", "b.rgs", "--output", "page.html"], in: dir)
        #expect(result.status == 0, "\(result.stderr.prefix(300))")
        let page = try String(contentsOfFile: dir + "/page.html", encoding: .utf8)
        #expect(page.contains("+1e+300 s"))
    }
}
