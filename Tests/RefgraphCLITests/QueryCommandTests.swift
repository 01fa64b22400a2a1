import Foundation
import HeapGraph
import TestSupport
import Testing

/// `refgraph chain`, `backrefs` and `refs` on a heap whose chains are known
/// (Fixtures/queries.py), their output formats, and their one-line errors.
@Suite struct QueryCommandTests {
    /// Runs queries.py once per test and returns the folder holding q.rgs and frame.rgs.
    private func heap() throws -> String {
        let dir = try TestPaths.scratchFolder("queries")
        let result = try refgraph(["run", "--snapshot", "q.rgs", cliFixture("queries.py")], in: dir)
        try #require(result.status == 0, "\(result.stderr)")
        return dir
    }

    @Test func chainToAModuleNamesEveryLink() throws {
        let dir = try heap()
        let result = try refgraph(["chain", "q.rgs", "--type", "Job"], in: dir)
        #expect(result.status == 0)
        #expect(
            lines(result.stdout) == [
                "module __main__",
                "  .__dict__ → dict (\(try globalsCount(dir)) items)",
                "  ['queues'] → dict (1 items)",
                "  ['main'] → Queue",
                "  .pending → list (3 items)",
                "  [0] → Job",
            ]
        )
    }

    @Test func chainEndsAtAGivenType() throws {
        let dir = try heap()
        let result = try refgraph(["chain", "q.rgs", "--type", "Job", "--to", "Queue", "--json"], in: dir)
        let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let links = try #require(document?["links"] as? [[String: Any]])
        #expect(links.map { $0["type"] as? String } == ["__main__.Queue", "list", "__main__.Job"])
        #expect(links.map { $0["edgeLabel"] as? String } == [nil, ".pending", "[0]"])
        #expect(links.allSatisfy { ($0["address"] as? String)?.hasPrefix("0x") == true })
    }

    @Test func aJobHeldOnlyByAFrameIsReachedFromARootNotFromAModule() throws {
        let dir = try heap()
        let snapshot = try SnapshotFile.read(from: dir + "/frame.rgs")
        let frameJob = try #require(
            snapshot.objectIDs.first {
                snapshot.type(of: $0).name == "Job" && snapshot.label(of: $0).isEmpty
                    && isHeldOnlyByFrames($0, snapshot)
            }
        )
        let address = "0x" + String(snapshot.address(of: frameJob), radix: 16)
        let toRoot = try refgraph(["chain", "frame.rgs", "--address", address, "--to", "root"], in: dir)
        #expect(toRoot.status == 0)
        #expect(lines(toRoot.stdout).first?.hasPrefix("frame") == true, "\(toRoot.stdout)")
    }

    @Test func anUnreachableCycleIsReportedWithItsHolders() throws {
        let dir = try heap()
        let result = try refgraph(["chain", "q.rgs", "--type", "Link"], in: dir)
        #expect(result.status == 0, "an unreachable object is an answer, not an error")
        let text = result.stdout + result.stderr
        #expect(text.contains("Link"))
        #expect(
            text.lowercased().contains("no chain") || text.lowercased().contains("not reachable")
                || text.lowercased().contains("unreachable"),
            "\(text)"
        )
    }

    @Test func typeNamesSharedByTwoModulesAreQualified() throws {
        let dir = try heap()
        let both = try refgraph(
            ["backrefs", "q.rgs", "--type", "Item", "--all", "--max-depth", "1", "--json"],
            in: dir
        )
        let document = try JSONSerialization.jsonObject(with: Data(both.stdout.utf8)) as? [String: Any]
        let nodes = try #require(document?["nodes"] as? [[String: Any]])
        #expect(
            Set(nodes.filter { $0["selected"] as? Bool == true }.compactMap { $0["type"] as? String }) == [
                "first.Item", "second.Item",
            ]
        )
        let one = try refgraph(["backrefs", "q.rgs", "--type", "second.Item", "--max-depth", "1", "--json"], in: dir)
        let selected =
            ((try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any])?["nodes"]
            as? [[String: Any]])?
            .filter { $0["selected"] as? Bool == true }.compactMap { $0["type"] as? String }
        #expect(selected == ["second.Item"])
    }

    @Test func severalAddressesAreDrawnTogether() throws {
        let dir = try heap()
        let snapshot = try SnapshotFile.read(from: dir + "/q.rgs")
        let jobs = snapshot.objectIDs.filter { snapshot.type(of: $0).qualifiedName == "__main__.Job" }.prefix(2)
        try #require(jobs.count == 2)
        let addresses = jobs.map { "0x" + String(snapshot.address(of: $0), radix: 16) }
        let result = try refgraph(
            ["backrefs", "q.rgs", "--address", addresses[0], "--address", addresses[1], "--max-depth", "1", "--json"],
            in: dir
        )
        #expect(result.status == 0, "\(result.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let nodes = try #require(document?["nodes"] as? [[String: Any]])
        #expect(
            Set(nodes.filter { $0["selected"] as? Bool == true }.compactMap { $0["address"] as? String })
                == Set(addresses)
        )
        let missing = try refgraph(["backrefs", "q.rgs", "--address", addresses[0], "--address", "0x10"], in: dir)
        #expect(missing.status != 0)
        #expect(lines(missing.stderr) == ["Error: No object at address 0x10 is in the snapshot."], "\(missing.stderr)")
    }

    /// `chain --group`: the three Jobs of the queue are one group, the one only a frame holds
    /// another; `--to module` cannot reach that one.
    @Test func chainsOfEveryObjectAreGroupedByTheWayTheyAreHeld() throws {
        let dir = try heap()
        let result = try refgraph(
            ["chain", "frame.rgs", "--type", "Job", "--group", "--to", "root", "--json"],
            in: dir
        )
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let groups = try #require(document["groups"] as? [[String: Any]])
        #expect(groups.map { $0["count"] as? Int } == [3, 1])
        #expect(
            groups.map { $0["name"] as? String } == [
                "__main__.queues[…].pending[…]", "(the frame queries.py:43 in hold_in_frame).f_locals[…]",
            ]
        )
        #expect(document["unreached"] as? Int == 0)
        let fromModules = try refgraph(["chain", "frame.rgs", "--type", "Job", "--group"], in: dir)
        #expect(
            lines(fromModules.stdout).first
                == "4 objects: their chains from a module, grouped by the references they pass through:"
        )
        #expect(lines(fromModules.stdout).contains { $0.hasPrefix("  3 via __main__.queues[…].pending[…], e.g. 0x") })
        #expect(lines(fromModules.stdout).last?.hasPrefix("  1 not reached from a module, e.g. 0x") == true)
        let drawn = try refgraph(["chain", "frame.rgs", "--type", "Job", "--group", "--output", "g.png"], in: dir)
        #expect(drawn.status == 64)
        #expect(drawn.stderr.contains("'--group' prints chains; it draws none: leave out '--output'."))
    }

    /// The decimal number `id()` prints chooses the same object as its hexadecimal address.
    @Test func aDecimalAddressIsWhatIdPrints() throws {
        let dir = try heap()
        let snapshot = try SnapshotFile.read(from: dir + "/q.rgs")
        let job = try #require(snapshot.objectIDs.first { snapshot.type(of: $0).qualifiedName == "__main__.Job" })
        let address = snapshot.address(of: job)
        let decimal = try refgraph(["chain", "q.rgs", "--address", String(address), "--json"], in: dir)
        let hex = try refgraph(["chain", "q.rgs", "--address", "0x" + String(address, radix: 16), "--json"], in: dir)
        #expect(decimal.status == 0, "\(decimal.stderr)")
        #expect(decimal.stdout == hex.stdout)
        #expect(decimal.stdout.contains("0x" + String(address, radix: 16)))
    }

    @Test(arguments: ["dot", "png", "svg", "pdf"]) func outputFormatsAreValidFiles(format: String) throws {
        let dir = try heap()
        let result = try refgraph(["backrefs", "q.rgs", "--type", "Job", "--output", "g." + format], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: dir + "/g." + format))
        let magic: [String: [UInt8]] = [
            "dot": Array("digraph".utf8), "png": [0x89, 0x50, 0x4E, 0x47], "svg": Array("<?xml".utf8),
            "pdf": Array("%PDF".utf8),
        ]
        #expect(bytes.starts(with: magic[format] ?? []))
        let mode = try FileManager.default.attributesOfItem(atPath: dir + "/g." + format)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func unknownTypeNamesTheClosestOnes() throws {
        let dir = try heap()
        let result = try refgraph(["backrefs", "q.rgs", "--type", "Jobb"], in: dir)
        #expect(result.status != 0)
        #expect(lines(result.stderr).count == 1)
        #expect(result.stderr.contains("'Jobb'") && result.stderr.contains("Job"), "\(result.stderr)")
    }

    @Test func anUnknownChainEndNamesToAndItsValues() throws {
        let dir = try heap()
        let result = try refgraph(["chain", "q.rgs", "--type", "Job", "--to", "Jobb"], in: dir)
        #expect(result.status == 1)
        #expect(lines(result.stderr).count == 1)
        #expect(
            result.stderr.contains("'--to Jobb' is neither module, root, nor a type") && result.stderr.contains("Job"),
            "\(result.stderr)"
        )
    }

    @Test func badSelectionsAndOptionsAreOneLineErrors() throws {
        let dir = try heap()
        for arguments in [
            ["chain", "q.rgs", "--address", "0x10"],
            ["chain", "q.rgs", "--address", "zebra"],
            ["backrefs", "q.rgs", "--address", "0x10", "--address", "zebra"],
            ["backrefs", "q.rgs", "--type", "Job", "--address", "0x10"],
            ["backrefs", "q.rgs", "--type", "Job", "--pick", "9"],
            ["backrefs", "q.rgs", "--type", "Job", "--output", "g.txt"],
            ["backrefs", "q.rgs", "--type", "Job", "--max-depth=-1"],
            ["backrefs", "q.rgs"],
            ["refs", "missing.rgs", "--type", "Job"],
        ] {
            let result = try refgraph(arguments, in: dir)
            #expect(result.status != 0, "\(arguments)")
            #expect(
                lines(result.stderr).filter { !$0.hasPrefix("Usage:") && !$0.hasPrefix("  See") }.count == 1,
                "\(arguments): \(result.stderr)"
            )
            #expect(!result.stderr.contains("Fatal error"))
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/g.txt"))
    }

    @Test func aHugeGraphIsRefusedWithAdvice() throws {
        let dir = try heap()
        let result = try refgraph(
            ["refs", "q.rgs", "--type", "Queue", "--max-depth", "50", "--too-many", "100000", "--output", "huge.png"],
            in: dir
        )
        #expect(result.status != 0)
        #expect(result.stderr.contains("--max-depth") || result.stderr.contains("--too-many"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/huge.png"))
    }

    /// The number of globals `__main__` had: what the chain's dict label shows.
    private func globalsCount(_ dir: String) throws -> Int {
        let snapshot = try SnapshotFile.read(from: dir + "/q.rgs")
        let module = try #require(
            snapshot.roots.first { $0.kind == .module && snapshot.strings[$0.name] == "__main__" }
        )
        let index = HeapIndex(snapshot)
        let dict = try #require(index.referents(of: module.object).first)
        return Int(snapshot.label(of: dict).split(separator: " ").first ?? "") ?? -1
    }

    private func isHeldOnlyByFrames(_ object: ObjectID, _ snapshot: Snapshot) -> Bool {
        let index = HeapIndex(snapshot)
        let referrers = index.referrers(of: object)
        return !referrers.isEmpty && referrers.allSatisfy { snapshot.flags(of: $0.object).contains(.frame) }
    }
}
