import Foundation
import HeapGraph
import TestSupport
import Testing

/// `refgraph growth` between two snapshots the growth.py fixture takes of itself.
@Suite struct GrowthCommandTests {
    /// Runs growth.py (with the test virtualenv, so objgraph can be asked too) and returns the
    /// folder and objgraph's lines.
    private func snapshots() throws -> (dir: String, objgraph: [String], reborn: Int, reused: Int) {
        let dir = try TestPaths.scratchFolder("growth")
        let venv = try Interpreters.requireTestVirtualenv()
        let arguments = [
            "run", "--snapshot", "end.rgs", "--python-env", venv, cliFixture("growth.py"), "old.rgs", "new.rgs",
            "objgraph",
        ]
        let result = try refgraph(arguments, in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        func printed(_ key: String) -> Int {
            lines(result.stdout).first { $0.hasPrefix(key + " ") }.flatMap { Int($0.dropFirst(key.count + 1)) } ?? -1
        }
        return (dir, lines(result.stdout).filter { $0.hasPrefix("objgraph ") }, printed("reborn"), printed("reused"))
    }

    private func json(_ arguments: [String], in dir: String) throws -> [String: Any] {
        let result = try refgraph(arguments, in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    /// One capture named twice, or a copy of it, is not two moments: growth and leaks refuse
    /// it in one line instead of reporting that nothing grew.
    @Test func theSameSnapshotTwiceIsRefused() throws {
        let (dir, _, _, _) = try snapshots()
        try FileManager.default.copyItem(atPath: dir + "/new.rgs", toPath: dir + "/copy.rgs")
        for arguments in [
            ["growth", "old.rgs", "old.rgs"], ["growth", "new.rgs", "copy.rgs"],
            ["leaks", "old.rgs", "new.rgs", "copy.rgs"],
        ] {
            let result = try refgraph(arguments, in: dir)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stdout.isEmpty)
            #expect(
                lines(result.stderr).count == 1 && result.stderr.contains("hold the same snapshot"),
                "\(result.stderr)"
            )
        }
    }

    @Test func countsAndNewObjectsAreTheFixturesKnownNumbers() throws {
        let (dir, objgraphLines, rebornCount, reusedByPython) = try snapshots()
        #expect(reusedByPython == 50, "the fixture made \(rebornCount) Reborn objects without 50 reused addresses")
        let document = try json(["growth", "old.rgs", "new.rgs", "--limit", "100000", "--json"], in: dir)
        let rows = try #require(document["rows"] as? [[String: Any]])
        func row(_ name: String) -> [String: Any]? { rows.first { $0["type"] as? String == name } }
        let leaf = try #require(row("Leaf"))
        #expect(leaf["oldCount"] as? Int == 0 && leaf["newCount"] as? Int == 137 && leaf["countChange"] as? Int == 137)
        #expect(leaf["newObjects"] as? Int == 137)
        let reborn = try #require(row("Reborn"))
        #expect(reborn["countChange"] as? Int == rebornCount && reborn["newObjects"] as? Int == rebornCount)
        // Kept did not grow and Freed shrank: neither is listed as growing.
        #expect(row("Kept") == nil && row("Freed") == nil)

        let newObjects = try #require(document["newObjects"] as? [String: Any])
        let byType = try #require(newObjects["byType"] as? [[String: Any]])
        func group(_ name: String) -> [String: Any]? { byType.first { $0["type"] as? String == name } }
        #expect(group("Kept") == nil)
        let leafGroup = try #require(group("Leaf"))
        #expect(leafGroup["count"] as? Int == 137 && (leafGroup["addresses"] as? [String])?.count == 137)

        // The new objects equal a brute-force comparison of the two files by (address, type).
        let old = try SnapshotFile.read(from: dir + "/old.rgs")
        let new = try SnapshotFile.read(from: dir + "/new.rgs")
        var oldKeys = Set<String>()
        for o in old.objectIDs { oldKeys.insert("\(old.address(of: o)) \(old.type(of: o).qualifiedName)") }
        let expectedNew = new.objectIDs.filter {
            !oldKeys.contains("\(new.address(of: $0)) \(new.type(of: $0).qualifiedName)")
        }
        #expect(newObjects["count"] as? Int == expectedNew.count)

        // The allocator reused some Freed addresses for Reborn objects, and they still count as new.
        let freedAddresses = Set(old.objectIDs.filter { old.type(of: $0).name == "Freed" }.map { old.address(of: $0) })
        let rebornAddresses = Set(try #require(group("Reborn")?["addresses"] as? [String]))
        let reused = freedAddresses.filter { rebornAddresses.contains("0x" + String($0, radix: 16)) }
        #expect(reused.count == reusedByPython)
        #expect(!reused.isEmpty, "CPython reused no freed address this time")

        // objgraph's growth over the same interval agrees for the fixture's classes.
        #expect(objgraphLines.contains("objgraph Leaf 137 137"), "\(objgraphLines)")
        #expect(objgraphLines.contains("objgraph Reborn \(rebornCount) \(rebornCount)"), "\(objgraphLines)")
    }

    @Test func tableListsGrowthLargestFirst() throws {
        let (dir, _, rebornCount, _) = try snapshots()
        let result = try refgraph(["growth", "old.rgs", "new.rgs", "--limit", "2"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let out = lines(result.stdout)
        #expect(out[0] == "Growth from old.rgs to new.rgs:")
        #expect(out[1].hasPrefix("type") && out[1].contains("old count"))
        let first = out[3].split(separator: " ", omittingEmptySubsequences: true)
        let second = out[4].split(separator: " ", omittingEmptySubsequences: true)
        let growth = ["Leaf": "+137", "Reborn": "+\(rebornCount)"]
        #expect(Set([String(first[0]), String(second[0])]) == ["Leaf", "Reborn"], "\(out)")
        #expect(
            growth[String(first[0])] == String(first[3]) && growth[String(second[0])] == String(second[3]),
            "\(out)"
        )
        #expect(Int(first[3].dropFirst()) ?? 0 >= Int(second[3].dropFirst()) ?? 0, "largest growth first: \(out)")
        #expect(out.contains { $0.hasPrefix("New objects in new.rgs") })
    }

    @Test func snapshotsOfDifferentProcessesAreRefusedUnlessForced() throws {
        let dir = try TestPaths.scratchFolder("growth-pids")
        for name in ["a", "b"] {
            let run = try refgraph(["run", "--snapshot", "\(name).rgs", cliFixture("known_heap.py")], in: dir)
            #expect(run.status == 0, "\(run.stderr)")
        }
        let refused = try refgraph(["growth", "a.rgs", "b.rgs"], in: dir)
        #expect(refused.status == 1)
        #expect(lines(refused.stderr).count == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("different processes") && refused.stderr.contains("--force"))
        #expect(refused.stdout.isEmpty)
        let forced = try refgraph(["growth", "a.rgs", "b.rgs", "--force"], in: dir)
        #expect(forced.status == 0)
        #expect(forced.stderr.contains("comparing anyway"))
    }

    @Test func badArguments() throws {
        let dir = try TestPaths.scratchFolder("growth-args")
        let missing = try refgraph(["growth", "nothing.rgs", "other.rgs"], in: dir)
        #expect(missing.status == 1 && lines(missing.stderr).count == 1 && missing.stderr.contains("nothing.rgs"))
        let limit = try refgraph(["growth", "a.rgs", "b.rgs", "--limit", "0"], in: dir)
        #expect(limit.status == 64 && limit.stderr.contains("'--limit' must be at least 1."))
    }
}
