import Foundation
import TestSupport
import Testing

/// The help a user reads, from the built binary, against golden files (Goldens/help-*.txt;
/// `REFGRAPH_RECORD_GOLDENS=1` re-records them after a deliberate change).
@Suite struct HelpTextTests {
    /// Help as an 80-column terminal gets it, whatever COLUMNS the tests run with.
    private func help(_ arguments: [String]) throws -> CommandResult {
        var environment = ProcessInfo.processInfo.environment
        environment["COLUMNS"] = "80"
        return try CommandRunner.run(TestPaths.refgraphBinary, arguments, environment: environment)
    }

    static let subcommands = [
        "run", "attach", "core", "top", "info", "backrefs", "refs", "chain", "growth", "cycles", "orphans",
        "retained", "leaks", "agent-path",
    ]

    @Test func topLevelHelpListsEverySubcommand() throws {
        let result = try help(["--help"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        try Golden.check(result.stdout, named: "help-refgraph.txt")
        for name in Self.subcommands {
            #expect(result.stdout.contains("\n  \(name) "), "\(name) is missing from the help")
        }
    }

    @Test(arguments: subcommands) func subcommandHelp(name: String) throws {
        let result = try help([name, "--help"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        try Golden.check(result.stdout, named: "help-\(name).txt")
    }

    @Test func anUnknownSubcommandOrOptionIsAUsageErrorWithExitCode64() throws {
        for arguments in [["frobnicate"], ["top", "--frobnicate"]] {
            let result = try refgraph(arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.hasPrefix("Error: "), "\(arguments): \(result.stderr)")
        }
    }
}
