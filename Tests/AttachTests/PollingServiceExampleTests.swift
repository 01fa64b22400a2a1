import Foundation
import TestSupport
import Testing

/// examples/polling_service_leak: its README's walk-through, run for real with the built
/// `refgraph`: start the service, attach twice, and check `growth` and `chain` find the leak
/// the README shows.
@Suite struct PollingServiceExampleTests {
    static let folder = TestPaths.packageRoot + "/examples/polling_service_leak"

    /// The lines the README shows under `$ refgraph chain after.rgs --type OrderEvent`.
    private func readmeChain() throws -> [String] {
        let readme = try String(contentsOfFile: Self.folder + "/README.md", encoding: .utf8)
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex(of: "$ refgraph chain after.rgs --type OrderEvent"))
        return Array(lines[(start + 1)...].prefix { !$0.hasPrefix("$") && !$0.hasPrefix("```") })
    }

    /// Item counts grow with time: compare chains with them left out.
    private func withoutCounts(_ lines: [String]) -> [String] {
        lines.map { $0.replacingOccurrences(of: #"\(\d+ items\)"#, with: "(N items)", options: .regularExpression) }
    }

    /// The interpreter of `version`: for 3.11 Debian's python3, which the README's walk-through
    /// uses, else pyenv's.
    private static func python(_ version: String) throws -> String {
        version == "3.11"
            ? try Interpreters.requireExecutable(Interpreters.debianPython311) : try Interpreters.require(version)
    }

    /// Starts the service, attaches twice three seconds apart (the default method: read from
    /// outside); returns the folder holding before.rgs and after.rgs.
    private func attachTwice(_ version: String) throws -> String {
        let python = try Self.python(version)
        let service = try AttachTarget(
            python: python,
            script: Self.folder + "/service.py",
            arguments: ["0.2"],
            readyPrefix: "polling as pid"
        )
        let dir = try TestPaths.scratchFolder("polling-example-\(version)")
        let before = try CommandRunner.run(
            TestPaths.refgraphBinary,
            ["attach", String(service.pid), "--snapshot", "before.rgs"],
            in: dir,
            timeout: 120
        )
        #expect(before.status == 0, "\(before.stderr)")
        #expect(before.stderr.contains("→ before.rgs"))
        // The walk-through's "a while later": the service polls every 0.2 s meanwhile. Not a
        // wait for something to happen, so a fixed time is what the test means.
        Thread.sleep(forTimeInterval: 3)
        let after = try CommandRunner.run(
            TestPaths.refgraphBinary,
            ["attach", String(service.pid), "--snapshot", "after.rgs"],
            in: dir,
            timeout: 120
        )
        #expect(after.status == 0, "\(after.stderr)")
        #expect(service.isRunning)
        return dir
    }

    /// Each poll makes one OrderEvent, its payload str and its (source, sequence) key tuple (and
    /// before 3.11 the event's __dict__), nothing else: between two attaches refgraph must find
    /// exactly those, as many of each, and no object of its own (the bootstrap's, or the tables
    /// of names of the code the first attach loaded, which the gc had not yet looked at).
    @Test(arguments: ["3.8", "3.11", "3.13"])
    func growthBetweenTwoAttachesIsExactlyThePollsObjects(version: String) throws {
        let dir = try attachTwice(version)
        let growth = try CommandRunner.run(
            TestPaths.refgraphBinary,
            ["growth", "before.rgs", "after.rgs", "--limit", "1000", "--json"],
            in: dir
        )
        #expect(growth.status == 0, "\(growth.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(growth.stdout.utf8)) as? [String: Any])
        let newObjects = try #require(document["newObjects"] as? [String: Any])
        let byType = try #require(newObjects["byType"] as? [[String: Any]])
        let newCounts = Dictionary(
            uniqueKeysWithValues: byType.map { ($0["type"] as? String ?? "?", $0["count"] as? Int ?? -1) }
        )
        let events = newCounts["OrderEvent"] ?? 0
        #expect(events > 0 && events % 3 == 0, "\(newCounts)")
        var expected = ["OrderEvent": events, "str": events, "tuple": events]
        if version == "3.8" { expected["dict"] = events }
        #expect(newCounts == expected, "\(growth.stdout)")
        let rows = try #require(document["rows"] as? [[String: Any]])
        let countChanges = Dictionary(
            uniqueKeysWithValues: rows.compactMap { row -> (String, Int)? in
                guard let change = row["countChange"] as? Int, change != 0 else { return nil }
                return (row["type"] as? String ?? "?", change)
            }
        )
        #expect(countChanges == expected, "\(growth.stdout)")
    }

    /// The README's commands, on the README's interpreter: growth puts OrderEvent among the
    /// types that grew, and chain prints the README's chain.
    @Test func readmeWalkThroughFindsTheLeak() throws {
        let dir = try attachTwice("3.11")
        let growth = try CommandRunner.run(TestPaths.refgraphBinary, ["growth", "before.rgs", "after.rgs"], in: dir)
        #expect(growth.status == 0)
        let grown = growth.stdout.split(separator: "\n").dropFirst(3).prefix(3).map { String($0.prefix { $0 != " " }) }
        #expect(grown.contains("OrderEvent"), "\(growth.stdout)")

        let chain = try CommandRunner.run(
            TestPaths.refgraphBinary,
            ["chain", "after.rgs", "--type", "OrderEvent"],
            in: dir
        )
        #expect(chain.status == 0, "\(chain.stderr)")
        let printed = chain.stdout.split(separator: "\n").map(String.init)
        #expect(withoutCounts(printed) == withoutCounts(try readmeChain()), "\(chain.stdout)")
    }
}
