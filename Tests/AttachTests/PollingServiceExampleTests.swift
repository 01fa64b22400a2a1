import Foundation
import Testing
import TestSupport

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

    @Test func attachTwiceThenGrowthAndChainFindTheLeak() throws {
        let python = try #require(
            ["/usr/bin/python3.11", AttachFixtures.pyenv("3.11")].compactMap { $0 }
                .first { FileManager.default.isExecutableFile(atPath: $0) })
        let service = try AttachTarget(
            python: python, script: Self.folder + "/service.py", arguments: ["0.2"], readyPrefix: "polling as pid")
        let dir = try TestPaths.scratchFolder("polling-example")
        let before = try CommandRunner.run(
            TestPaths.refgraphBinary, ["attach", String(service.pid), "--snapshot", "before.rgs"], in: dir, timeout: 120)
        #expect(before.status == 0, "\(before.stderr)")
        #expect(before.stderr.contains("→ before.rgs"))
        Thread.sleep(forTimeInterval: 3)
        let after = try CommandRunner.run(
            TestPaths.refgraphBinary, ["attach", String(service.pid), "--snapshot", "after.rgs"], in: dir, timeout: 120)
        #expect(after.status == 0, "\(after.stderr)")
        #expect(service.isRunning)

        let growth = try CommandRunner.run(TestPaths.refgraphBinary, ["growth", "before.rgs", "after.rgs"], in: dir)
        #expect(growth.status == 0)
        let firstRow = growth.stdout.split(separator: "\n").dropFirst(3).first.map(String.init) ?? ""
        #expect(firstRow.hasPrefix("OrderEvent "), "\(growth.stdout)")

        let chain = try CommandRunner.run(TestPaths.refgraphBinary, ["chain", "after.rgs", "--type", "OrderEvent"], in: dir)
        #expect(chain.status == 0, "\(chain.stderr)")
        let printed = chain.stdout.split(separator: "\n").map(String.init)
        #expect(withoutCounts(printed) == withoutCounts(try readmeChain()), "\(chain.stdout)")
    }
}
