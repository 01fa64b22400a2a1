import Foundation
import HeapGraph
import TestSupport
import Testing

/// `refgraph cycles` and `refgraph orphans` on the cycles.py fixture's planted cycles and
/// leaked reference.
@Suite struct CyclesCommandTests {
    /// Runs cycles.py and returns the folder and the `key value` lines it printed.
    private func fixture(objgraph: Bool = false) throws -> (dir: String, facts: [String: String]) {
        let dir = try TestPaths.scratchFolder("cycles")
        var arguments = ["run", "--snapshot", "c.rgs"]
        if objgraph { arguments += ["--python-env", try Interpreters.requireTestVirtualenv()] }
        arguments.append(cliFixture("cycles.py"))
        if objgraph { arguments.append("objgraph") }
        let result = try refgraph(arguments, in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        var facts: [String: String] = [:]
        for line in lines(result.stdout) {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            facts[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return (dir, facts)
    }

    private func json(_ arguments: [String], in dir: String) throws -> [String: Any] {
        let result = try refgraph(arguments, in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test func plantedRingIsFoundExactlyWithItsShortestCycle() throws {
        let (dir, facts) = try fixture()
        let nodeSize = try #require(facts["node_size"].flatMap { Int($0) })
        let document = try json(["cycles", "c.rgs", "--type", "Node", "--json"], in: dir)
        #expect(document["count"] as? Int == 1)
        let cycle = try #require((document["cycles"] as? [[String: Any]])?.first)
        #expect(cycle["objects"] as? Int == 5)
        #expect(cycle["bytes"] as? Int == 5 * nodeSize)
        let types = try #require(cycle["types"] as? [[String: Any]])
        #expect(types.count == 1 && types[0]["type"] as? String == "Node" && types[0]["count"] as? Int == 5)
        #expect((cycle["chosen"] as? [String])?.count == 5)
        let links = try #require(cycle["shortestCycle"] as? [[String: Any]])
        #expect(links.count == 6)
        #expect(links.allSatisfy { $0["type"] as? String == "__main__.Node" })
        #expect(links.dropFirst().allSatisfy { $0["edgeLabel"] as? String == ".next" })
        #expect(links.first?["address"] as? String == links.last?["address"] as? String)
        #expect(Set(links.map { $0["address"] as? String ?? "" }).count == 5)
        #expect(links.first?["address"] as? String == facts["ring_start"])
    }

    @Test func pairAndSelfLoopAreTheirOwnCycles() throws {
        let (dir, facts) = try fixture()
        let pair = try json(["cycles", "c.rgs", "--type", "Pair", "--json"], in: dir)
        let pairCycle = try #require((pair["cycles"] as? [[String: Any]])?.first)
        #expect(pairCycle["objects"] as? Int == 2)
        #expect(pairCycle["bytes"] as? Int == 2 * (try #require(facts["pair_size"].flatMap { Int($0) })))
        #expect((pairCycle["shortestCycle"] as? [[String: Any]])?.count == 3)

        let loop = try #require(facts["loop"])
        let text = try refgraph(["cycles", "c.rgs", "--address", loop], in: dir)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(
            lines(text.stdout) == [
                "1 reference cycle holds address \(loop), largest first:",
                "cycle 1: 1 objects, \(try #require(facts["loop_size"])) B: list ×1",
                "shortest cycle through list (1 items) at \(loop) (1 reference):",
                "  list (1 items)",
                "    [0] → list (1 items)",
            ]
        )
    }

    @Test func listingIsLargestFirstAndHonoursMinSize() throws {
        let (dir, _) = try fixture()
        let document = try json(["cycles", "c.rgs", "--limit", "100000", "--json"], in: dir)
        let sizes = (document["cycles"] as? [[String: Any]] ?? []).compactMap { $0["objects"] as? Int }
        #expect(sizes == sizes.sorted(by: >))
        #expect(sizes.contains(5) && sizes.contains(2) && sizes.contains(1))
        #expect(document["count"] as? Int == sizes.count)
        let big = try json(["cycles", "c.rgs", "--min-size", "3", "--limit", "100000", "--json"], in: dir)
        let bigSizes = (big["cycles"] as? [[String: Any]] ?? []).compactMap { $0["objects"] as? Int }
        #expect(bigSizes == sizes.filter { $0 >= 3 })
        // The snapshot file read back agrees: every listed size is a real component's.
        let snapshot = try SnapshotFile.read(from: dir + "/c.rgs")
        let components = HeapIndex(snapshot).stronglyConnectedComponents()
        #expect(components.count < snapshot.objectCount)
    }

    @Test func drawingHighlightsTheCyclesReferences() throws {
        let (dir, _) = try fixture()
        let result = try refgraph(["cycles", "c.rgs", "--type", "Node", "--output", "ring.dot"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let dot = try String(contentsOfFile: dir + "/ring.dot", encoding: .utf8)
        let edges = dot.split(separator: "\n").filter { $0.contains("->") }
        #expect(edges.count == 5)
        #expect(edges.allSatisfy { $0.contains("penwidth=2.5") && $0.contains("label=<.next>") })
    }

    @Test func orphansFindTheLeakedReferenceAsObjgraphDoes() throws {
        let (dir, facts) = try fixture(objgraph: true)
        let leaked = try #require(facts["leaked"])
        let document = try json(["orphans", "c.rgs", "--limit", "100000", "--json"], in: dir)
        let objects = try #require(document["objects"] as? [[String: Any]])
        let found = try #require(objects.first { $0["address"] as? String == leaked })
        #expect(found["type"] as? String == "Leaked")
        #expect(found["refcount"] as? Int == 1)
        #expect(objects.count == document["count"] as? Int)
        #expect(facts["objgraph_leaked"] == leaked)
        // No orphan has a strong referrer in the snapshot.
        let snapshot = try SnapshotFile.read(from: dir + "/c.rgs")
        let index = HeapIndex(snapshot)
        for object in index.orphans() {
            #expect(
                index.referrers(of: object).allSatisfy {
                    $0.object == object || !index.isStrong(edge: $0.edge, from: $0.object.index)
                }
            )
        }
    }

    @Test func badArguments() throws {
        let (dir, _) = try fixture()
        let minSize = try refgraph(["cycles", "c.rgs", "--min-size", "0"], in: dir)
        #expect(minSize.status == 64 && minSize.stderr.contains("'--min-size' must be at least 1."))
        let both = try refgraph(["cycles", "c.rgs", "--type", "Node", "--address", "0x10"], in: dir)
        #expect(both.status == 64)
        let noType = try refgraph(["cycles", "c.rgs", "--type", "Nodes"], in: dir)
        #expect(noType.status == 1 && lines(noType.stderr).count == 1 && noType.stderr.contains("Node"))
        let nothing = try refgraph(["cycles", "c.rgs", "--type", "Leaked", "--output", "x.dot"], in: dir)
        #expect(nothing.status == 1 && nothing.stderr.contains("no cycle"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/x.dot"))
        let backrefs = try refgraph(["backrefs", "c.rgs"], in: dir)
        #expect(
            backrefs.status == 64
                && backrefs.stderr.contains("Choose the objects with '--type NAME' or '--address 0x...'.")
        )
    }
}
