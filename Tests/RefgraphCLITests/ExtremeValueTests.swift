import Foundation
import HeapGraph
import TestSupport
import Testing

/// Commands on valid snapshots whose values are extreme, each case one known defect.
@Suite struct ExtremeValueTests {
    /// A scratch folder with the tiny heap written as `name`, its metadata changed by `change`.
    private func snapshot(
        _ name: String = "s.rgs",
        in dir: String? = nil,
        _ change: (inout SnapshotMetadata) -> Void
    ) throws -> String {
        let dir = try dir ?? TestPaths.scratchFolder("extreme")
        var snapshot = SampleSnapshots.tinyHeap()
        change(&snapshot.metadata)
        try SnapshotFile.write(snapshot, to: dir + "/" + name)
        return dir
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity, -1e300, 1e300])
    func infoShowsAnyCaptureTimeAndDuration(value: Double) throws {
        let dir = try snapshot {
            $0.captureSeconds = value
            $0.time = value
        }
        let result = try refgraph(["info", "s.rgs"], in: dir)
        #expect(result.status == 0, "\(result.stderr.prefix(300))")
        #expect(result.stdout.contains("taken      at \(value) s from the epoch (not a date) by "))
        #expect(result.stdout.contains(" in \(value) s\n"))
    }

    @Test func leaksPageShowsASnapshotTakenFarInTheFuture() throws {
        let dir = try snapshot("a.rgs") { $0.time = 0 }
        _ = try snapshot("b.rgs", in: dir) {
            $0.time = 1e300
            $0.captureSeconds = 1
        }
        let result = try refgraph(["leaks", "a.rgs", "b.rgs", "--output", "page.html"], in: dir)
        #expect(result.status == 0, "\(result.stderr.prefix(300))")
        let page = try String(contentsOfFile: dir + "/page.html", encoding: .utf8)
        #expect(page.contains("+1e+300 s"))
    }

    @Test func jsonWritesNonFiniteTimesAsPythonSpellsThem() throws {
        let dir = try snapshot("a.rgs") {
            $0.time = .nan
            $0.captureSeconds = .infinity
        }
        _ = try snapshot("b.rgs", in: dir) {
            $0.time = .nan
            $0.captureSeconds = -.infinity
        }
        let info = try refgraph(["info", "a.rgs", "--json"], in: dir)
        #expect(info.status == 0, "\(info.stderr.prefix(300))")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])
        let metadata = try #require(document["metadata"] as? [String: Any])
        #expect(metadata["time"] as? String == "NaN")
        #expect(metadata["captureSeconds"] as? String == "Infinity")
        let leaks = try refgraph(["leaks", "a.rgs", "b.rgs", "--json"], in: dir)
        #expect(leaks.status == 0, "\(leaks.stderr.prefix(300))")
        #expect((try? JSONSerialization.jsonObject(with: Data(leaks.stdout.utf8))) != nil)
        #expect(leaks.stdout.contains("\"NaN\""))
    }

    @Test func jsonEscapesWhatATerminalWouldActOn() throws {
        let dir = try TestPaths.scratchFolder("extreme")
        var b = SnapshotBuilder(metadata: SampleSnapshots.fullMetadata())
        let evil = b.type(module: "m\u{9B}2J", name: "E\u{7F}vil\u{202E}\u{1B}")
        b.addObject(address: 0x1000, type: evil, size: 8)
        try SnapshotFile.write(b.build(), to: dir + "/s.rgs")
        let result = try refgraph(["top", "s.rgs", "--json"], in: dir)
        #expect(result.status == 0)
        #expect(result.stdout.contains(#""E\u007fvil\u202e\u001b""#))
        #expect(result.stdout.contains(#""m\u009b2J.E\u007fvil\u202e\u001b""#))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let rows = try #require(document["rows"] as? [[String: Any]])
        #expect(rows.first?["type"] as? String == "E\u{7F}vil\u{202E}\u{1B}")
    }

    @Test func infoShowsMetadataVisibly() throws {
        let dir = try snapshot {
            $0.capturedBy = "agent\u{1B}]0;owned\u{07}"
            $0.limitations = ["cut\u{0}short", "over\rwrite"]
        }
        let result = try refgraph(["info", "s.rgs"], in: dir)
        #expect(result.status == 0)
        #expect(result.stdout.contains(#" by agent\x1b]0;owned\x07 in "#))
        #expect(result.stdout.contains(#"limitation cut\0short"#))
        #expect(result.stdout.contains(#"limitation over\rwrite"#))
    }

    /// What holds 100,000 chosen objects that lie on one chain: finding their common dominator
    /// walked up from each of them, which took minutes.
    @Test func retainedOfManyObjectsOnOneChainFinishes() throws {
        let dir = try TestPaths.scratchFolder("extreme")
        var b = SnapshotBuilder(metadata: SampleSnapshots.fullMetadata())
        let module = b.type(module: "builtins", name: "module")
        let node = b.type(module: "__main__", name: "Node")
        var previous = b.addObject(address: 0x10, type: module, size: 72, label: "m", flags: [.gcTracked, .module])
        b.addRoot(previous, kind: .module, name: "m")
        for i in 0..<100_000 {
            let next = b.addObject(address: 0x1000 + UInt64(i) * 64, type: node, size: 48, flags: .gcTracked)
            b.addEdge(from: previous, to: next, label: ".next")
            previous = next
        }
        try SnapshotFile.write(b.build(), to: dir + "/s.rgs")
        let result = try refgraph(["retained", "s.rgs", "--type", "Node", "--all"], in: dir, timeout: 30)
        #expect(!result.timedOut)
        #expect(result.stdout.contains("module m at 0x10  100,001"))
    }
}
