import Foundation
import HeapGraph
import TestSupport
import Testing

/// `refgraph retained` and `top --retained` on the retained.py fixture's known sizes.
@Suite struct RetainedCommandTests {
    private func fixture() throws -> (dir: String, facts: [String: String]) {
        let dir = try TestPaths.scratchFolder("retained")
        let result = try refgraph(["run", "--snapshot", "r.rgs", cliFixture("retained.py")], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        var facts: [String: String] = [:]
        for line in lines(result.stdout) {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            if parts.count == 2 { facts[parts[0]] = parts[1] }
        }
        return (dir, facts)
    }

    private func json(_ arguments: [String], in dir: String) throws -> [String: Any] {
        let result = try refgraph(arguments, in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    private func number(_ facts: [String: String], _ key: String) throws -> Int {
        try #require(facts[key].flatMap { Int($0) })
    }

    @Test func containerRetainsItsItemsExactly() throws {
        let (dir, facts) = try fixture()
        let document = try json(["retained", "r.rgs", "--address", try #require(facts["list"]), "--json"], in: dir)
        let selection = try #require(document["selection"] as? [String: Any])
        #expect(selection["retainedBytes"] as? Int == (try number(facts, "list_retained")))
        // What holds the list: its owner, the Holder, is the nearest dominator.
        let dominators = try #require(selection["dominators"] as? [[String: Any]])
        let nearest = try #require(dominators.last?["object"] as? [String: Any])
        #expect(nearest["type"] as? String == "__main__.Holder")

        let blobs = try json(["retained", "r.rgs", "--type", "Blob", "--json"], in: dir)
        let blobSelection = try #require(blobs["selection"] as? [String: Any])
        #expect(blobSelection["count"] as? Int == 50)
        #expect(blobSelection["retainedBytes"] as? Int == (try number(facts, "blobs_retained")))
        let blobDominators = try #require(blobSelection["dominators"] as? [[String: Any]])
        #expect((blobDominators.last?["object"] as? [String: Any])?["address"] as? String == facts["list"])
    }

    @Test func ringHeadRetainsTheWholeRing() throws {
        let (dir, facts) = try fixture()
        let expected = try number(facts, "ring_retained")
        let head = try json(["retained", "r.rgs", "--address", try #require(facts["ring_head"]), "--json"], in: dir)
        #expect((head["selection"] as? [String: Any])?["retainedBytes"] as? Int == expected)
        let nodes = try json(["retained", "r.rgs", "--type", "Node", "--json"], in: dir)
        #expect((nodes["selection"] as? [String: Any])?["retainedBytes"] as? Int == expected)
        // By type, the ring is counted once, through its head.
        let byType = try json(["retained", "r.rgs", "--by", "type", "--limit", "100000", "--json"], in: dir)
        let node = try #require((byType["types"] as? [[String: Any]])?.first { $0["type"] as? String == "Node" })
        #expect(node["retainedBytes"] as? Int == expected && node["count"] as? Int == 4)
    }

    @Test func largestRetainersComeWithTheirChains() throws {
        let (dir, _) = try fixture()
        let document = try json(["retained", "r.rgs", "--limit", "15", "--json"], in: dir)
        let objects = try #require(document["objects"] as? [[String: Any]])
        #expect(objects.count == 15)
        let retained = objects.compactMap { $0["retainedBytes"] as? Int }
        #expect(retained == retained.sorted(by: >))
        let total = try #require(document["totalBytes"] as? Int)
        let snapshot = try SnapshotFile.read(from: dir + "/r.rgs")
        #expect(total == Int(snapshot.totalSize))
        for object in objects {
            let chain = try #require(object["chain"] as? [[String: Any]])
            let address = (object["object"] as? [String: Any])?["address"] as? String
            if let last = chain.last { #expect(last["address"] as? String == address) }
        }
        let text = try refgraph(["retained", "r.rgs", "--limit", "3"], in: dir)
        #expect(text.status == 0)
        let out = lines(text.stdout)
        #expect(out[0].hasPrefix("Heap: "))
        #expect(out.contains("Chains from a root:"))
        #expect(out.contains { $0.hasPrefix("1. module ") })
    }

    @Test func topShowsRetainedBytesWhenAsked() throws {
        let (dir, facts) = try fixture()
        let document = try json(["top", "r.rgs", "--retained", "--limit", "100000", "--json"], in: dir)
        let rows = try #require(document["rows"] as? [[String: Any]])
        let node = try #require(rows.first { $0["type"] as? String == "Node" })
        #expect(node["retained"] as? Int == (try number(facts, "ring_retained")))
        let plain = try json(["top", "r.rgs", "--json"], in: dir)
        #expect((plain["rows"] as? [[String: Any]])?.allSatisfy { $0["retained"] == nil } == true)
        let table = try refgraph(["top", "r.rgs", "--retained", "--limit", "3"], in: dir)
        #expect(lines(table.stdout)[0].hasSuffix("retained"))
    }

    @Test func badArguments() throws {
        let (dir, _) = try fixture()
        let by = try refgraph(["retained", "r.rgs", "--by", "module"], in: dir)
        #expect(by.status == 64 && lines(by.stderr).count >= 1)
        let limit = try refgraph(["retained", "r.rgs", "--limit", "0"], in: dir)
        #expect(limit.status == 64 && limit.stderr.contains("'--limit' must be at least 1."))
        let missing = try refgraph(["retained", "r.rgs", "--type", "Nope"], in: dir)
        #expect(missing.status == 1 && lines(missing.stderr).count == 1)
    }
}

/// Weak references in retained sizes, on a real heap: the referent is not kept alive by its
/// weakref, the callback is (the walker names it `.__callback__`).
@Suite struct WeakReferenceRetentionTests {
    /// `standalone`: the fixture runs under plain python3.11 and snapshots itself with the
    /// pure-Python agent; otherwise under `refgraph run` with the C-API walker.
    @Test(arguments: [false, true]) func callbackIsHeldAndReferentIsNot(standalone: Bool) throws {
        let dir = try TestPaths.scratchFolder("weak")
        let run: CommandResult
        if standalone {
            let agent = try refgraph(["agent-path"], in: dir)
            #expect(agent.status == 0, "\(agent.stderr)")
            var environment = ProcessInfo.processInfo.environment
            environment["PYTHONPATH"] =
                URL(fileURLWithPath: agent.stdout.trimmingCharacters(in: .newlines)).deletingLastPathComponent().path
            environment["PYTHONDONTWRITEBYTECODE"] = "1"
            let python = try Interpreters.requireExecutable(Interpreters.debianPython311)
            run = try CommandRunner.run(
                python,
                [cliFixture("weak_callback.py"), "w.rgs"],
                in: dir,
                environment: environment
            )
        } else {
            run = try refgraph(["run", "--snapshot", "w.rgs", cliFixture("weak_callback.py")], in: dir)
        }
        #expect(run.status == 0, "\(run.stderr)")
        var facts: [String: String] = [:]
        for line in lines(run.stdout) {
            let parts = line.split(separator: " ").map(String.init)
            if parts.count == 2 { facts[parts[0]] = parts[1] }
        }
        let watch = try #require(facts["watch"])
        let target = try #require(facts["target"])

        let index = HeapIndex(try SnapshotFile.read(from: dir + "/w.rgs"))
        let address = try #require(UInt64(watch.dropFirst(2), radix: 16))
        let weak = try #require(index.object(atAddress: address))
        #expect(index.snapshot.flags(of: weak).contains(.weakReference))
        let references = Array(index.references(from: weak))
        #expect(references.map { index.snapshot.strings[$0.label] } == [".__callback__"])
        #expect(references.map { index.snapshot.type(of: $0.object).name } == ["method"])

        let retained = try refgraph(["retained", "w.rgs", "--address", watch, "--json"], in: dir)
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(retained.stdout.utf8)) as? [String: Any]
        )
        let selection = try #require(document["selection"] as? [String: Any])
        #expect(selection["retainedBytes"] as? Int == facts["watch_retained"].flatMap { Int($0) })

        let held = try refgraph(["retained", "w.rgs", "--address", target, "--json"], in: dir)
        let heldDocument = try #require(
            try JSONSerialization.jsonObject(with: Data(held.stdout.utf8)) as? [String: Any]
        )
        let dominators = ((heldDocument["selection"] as? [String: Any])?["dominators"] as? [[String: Any]]) ?? []
        #expect(!dominators.contains { ($0["object"] as? [String: Any])?["address"] as? String == watch })
    }
}
