import Foundation
import TestSupport

/// Runs the built `refgraph` in a scratch folder.
func refgraph(_ arguments: [String], in directory: String? = nil, timeout: Double = 120) throws -> CommandResult {
    try CommandRunner.run(TestPaths.refgraphBinary, arguments, in: directory, timeout: timeout)
}

/// The absolute path of a fixture of this test target.
func cliFixture(_ name: String) -> String {
    TestPaths.packageRoot + "/Tests/RefgraphCLITests/Fixtures/" + name
}

/// The non-empty lines of a text.
func lines(_ text: String) -> [String] {
    text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
}
