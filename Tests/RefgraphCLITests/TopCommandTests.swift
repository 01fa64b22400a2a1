import Foundation
import HeapGraph
import TestSupport
import Testing

/// `refgraph top` on snapshots of known heaps.
@Suite struct TopCommandTests {
    /// Runs known_heap.py and returns the folder, what the script saw through gc, and the snapshot path.
    private func knownHeap() throws -> (dir: String, gcCounts: [String: Int]) {
        let dir = try TestPaths.scratchFolder("top")
        let result = try refgraph(["run", "--snapshot", "k.rgs", cliFixture("known_heap.py")], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        var counts: [String: Int] = [:]
        for line in lines(result.stdout) {
            let parts = line.split(separator: " ")
            if parts.count == 2, let n = Int(parts[1]) { counts[String(parts[0])] = n }
        }
        return (dir, counts)
    }

    @Test func countsOfTheFixtureClassesEqualWhatGcReports() throws {
        let (dir, gcCounts) = try knownHeap()
        #expect(gcCounts == ["Alpha": 10, "Beta": 25, "Gamma": 3])
        // With --json and no --limit, every row.
        let result = try refgraph(["top", "k.rgs", "--json"], in: dir)
        #expect(result.status == 0)
        let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let rows = try #require(document?["rows"] as? [[String: Any]])
        var seen: [String: Int] = [:]
        for row in rows {
            if let name = row["type"] as? String, let count = row["count"] as? Int { seen[name] = count }
        }
        for (name, count) in gcCounts { #expect(seen[name] == count, "type \(name)") }
        let total = try #require(document?["total"] as? [String: Any])
        let snapshot = try SnapshotFile.read(from: dir + "/k.rgs")
        #expect(total["objects"] as? Int == snapshot.objectCount)
        #expect(rows.map { $0["count"] as? Int ?? 0 }.reduce(0, +) == snapshot.objectCount)
    }

    @Test func tableIsSortedByCountWithATotalLine() throws {
        let (dir, _) = try knownHeap()
        let result = try refgraph(["top", "k.rgs", "--limit", "5"], in: dir)
        #expect(result.status == 0)
        let out = lines(result.stdout)
        try #require(out.count == 9)  // header, rule, 5 rows, rule, total
        #expect(out[0].hasPrefix("type"))
        #expect(out[1].hasPrefix("---") && out[7].hasPrefix("---"))
        #expect(out.last?.hasPrefix("total (") == true)
        let counts = out[2...6].compactMap { line in
            line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap {
                Int($0.replacingOccurrences(of: ",", with: ""))
            }
        }
        #expect(counts.count == 5)
        #expect(counts == counts.sorted(by: >))
    }

    /// Eighteen classes made by one factory share a module and qualified name (as each call
    /// of Django's `lazy()` makes a `__proxy__`): one row, which says how many classes.
    @Test func classesOfOneFactoryAreOneRowWithTheirNumber() throws {
        let dir = try TestPaths.scratchFolder("top-factory")
        try """
        def lazy():
            class __proxy__:
                pass
            return __proxy__


        proxies = [lazy()() for _ in range(18)] + [lazy()() for _ in range(2)]
        """.write(toFile: dir + "/factory.py", atomically: true, encoding: .utf8)
        let run = try refgraph(["run", "--snapshot", "f.rgs", "factory.py"], in: dir)
        try #require(run.status == 0, "\(run.stderr)")
        let json = try refgraph(["top", "f.rgs", "--json"], in: dir)
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let rows = (document?["rows"] as? [[String: Any]] ?? []).filter {
            ($0["qualifiedName"] as? String)?.hasSuffix("__proxy__") == true
        }
        try #require(rows.count == 1, "\(rows)")
        #expect(rows[0]["qualifiedName"] as? String == "__main__.lazy.<locals>.__proxy__")
        #expect(rows[0]["count"] as? Int == 20)
        #expect(rows[0]["classes"] as? Int == 20)
        let text = try refgraph(["top", "f.rgs", "--limit", "100"], in: dir)
        #expect(lines(text.stdout).filter { $0.contains("__proxy__") }.count == 1)
        #expect(text.stdout.contains("__proxy__ (20 classes)"))
    }

    @Test func sortByBytesOrdersByBytes() throws {
        let (dir, _) = try knownHeap()
        let result = try refgraph(["top", "k.rgs", "--sort", "bytes", "--json"], in: dir)
        let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let bytes = (document?["rows"] as? [[String: Any]] ?? []).compactMap { $0["bytes"] as? Int }
        // Without --limit, JSON gives every type that has objects.
        let snapshot = try SnapshotFile.read(from: dir + "/k.rgs")
        #expect(bytes.count == Set(snapshot.objectTypes).count)
        #expect(bytes.count > 20)
        #expect(bytes == bytes.sorted(by: >))
    }
}

/// Bad snapshot files given to `refgraph top`: one line, non-zero exit.
@Suite struct SnapshotInputErrorTests {
    private func expectOneLineFailure(_ arguments: [String], in dir: String, mentioning words: [String]) throws {
        let result = try refgraph(arguments, in: dir)
        #expect(result.status != 0)
        #expect(lines(result.stderr).count == 1, "\(result.stderr)")
        for word in words { #expect(result.stderr.contains(word), "\(result.stderr)") }
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test func missingSnapshot() throws {
        let dir = try TestPaths.scratchFolder("top-missing")
        try expectOneLineFailure(["top", "nothing.rgs"], in: dir, mentioning: ["nothing.rgs"])
    }

    @Test func unreadableSnapshot() throws {
        let dir = try TestPaths.scratchFolder("top-unreadable")
        try expectOneLineFailure(["top", dir], in: dir, mentioning: [dir])
    }

    @Test func wrongMagicTruncatedAndFutureVersion() throws {
        let dir = try TestPaths.scratchFolder("top-corrupt")
        try Data("hello, this is not a snapshot at all, just text".utf8).write(
            to: URL(fileURLWithPath: dir + "/text.rgs")
        )
        try expectOneLineFailure(["top", "text.rgs"], in: dir, mentioning: ["text.rgs"])

        let good = SnapshotFile.encode(SampleSnapshots.tinyHeap())
        try Data(good.prefix(good.count / 2)).write(to: URL(fileURLWithPath: dir + "/half.rgs"))
        try expectOneLineFailure(["top", "half.rgs"], in: dir, mentioning: ["half.rgs"])

        var future = good
        future[8] = 9  // major version, little-endian u16 right after the 8-byte magic
        future[9] = 0
        try Data(future).write(to: URL(fileURLWithPath: dir + "/future.rgs"))
        try expectOneLineFailure(["top", "future.rgs"], in: dir, mentioning: ["future.rgs", "version"])
    }

    @Test func limitMustBePositive() throws {
        let result = try refgraph(["top", "x.rgs", "--limit", "0"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("'--limit' must be at least 1."))
    }
}
