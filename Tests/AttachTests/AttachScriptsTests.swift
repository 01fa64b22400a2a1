import Foundation
import ResourceLookup
import TestSupport
import Testing

@testable import ProcessAttach

/// The attach scripts are resource files found through `ResourceBundle`, which throws (never
/// traps) when a bundle is missing.
@Suite struct AttachScriptsTests {
    @Test func theScriptsAreReadFromTheResourceBundle() throws {
        let scripts = try AttachScripts.load()
        #expect(scripts.map(\.name) == ["attach_gdb.py", "loader.py", "bootstrap.py"])
        let sources = TestPaths.packageRoot + "/Sources/ProcessAttach/Resources/"
        for script in scripts {
            #expect(script.text == (try String(contentsOfFile: sources + script.name, encoding: .utf8)))
        }
    }

    /// The bootstrap finds the loader's source among the constants of the code that ran it by the
    /// loader's first line.
    @Test func theLoaderStartsWithTheMarkTheBootstrapLooksFor() throws {
        let scripts = Dictionary(uniqueKeysWithValues: try AttachScripts.load().map { ($0.name, $0.text) })
        let bootstrap = try #require(scripts["bootstrap.py"])
        let line = try #require(bootstrap.split(separator: "\n").first { $0.hasPrefix("LOADER_MARK = ") })
        let mark = try #require(line.split(separator: "\"").dropFirst().first)
        #expect(try #require(scripts["loader.py"]).hasPrefix(String(mark)))
    }

    @Test func aMissingBundleIsAnErrorThatSaysWhereRefgraphLooked() {
        #expect {
            try ResourceBundle.of(target: "NoSuchTarget")
        } throws: { error in
            let text = "\(error)"
            return text.contains("_NoSuchTarget.resources") && text.contains("reinstall refgraph")
        }
    }
}
