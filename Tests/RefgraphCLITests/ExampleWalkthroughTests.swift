import Foundation
import TestSupport
import Testing

/// Runs the walk-through of each example's README, command by command, in a copy of the
/// example, and checks what it prints against the README.
///
/// Checked exactly: every chain (stdout of `refgraph chain`), the `top` rows of the
/// example's own classes, and of `refgraph leaks` the suspects' names (or that there is
/// none) and the chain to each. Other output (times, counts of built-in types, which depend on the
/// environment) is shown in the README but only required to come from a successful command.
@Suite struct ExampleWalkthroughTests {
    static let examples = ["profiler_leak", "dispatcher_leak", "worker_generator_leak", "bounded_cache"]

    @Test(arguments: examples) func walkthroughPrintsWhatItsReadmeShows(example: String) throws {
        let source = TestPaths.packageRoot + "/examples/" + example
        let walkthrough = try Walkthrough(readme: source + "/README.md")
        try #require(!walkthrough.steps.isEmpty, "the README of \(example) has no console block")
        #expect(walkthrough.steps.contains { $0.arguments.first == "chain" }, "every walk-through finds a chain")

        let dir = try TestPaths.scratchFolder("walkthrough-" + example)
        for file in try FileManager.default.contentsOfDirectory(atPath: source) where file.hasSuffix(".py") {
            try FileManager.default.copyItem(atPath: source + "/" + file, toPath: dir + "/" + file)
        }
        let classes = try exampleClassNames(in: source)

        for step in walkthrough.steps {
            let result = try refgraph(step.arguments, in: dir)
            let command = "refgraph " + step.arguments.joined(separator: " ")
            try #require(result.status == 0, "\(command) failed: \(result.stderr)")
            let printed = lines(result.stdout)
            switch step.arguments.first {
            case "chain":
                #expect(printed == step.stdout, "\(command) printed a different chain")
            case "leaks":
                #expect(leakFindings(printed) == leakFindings(step.stdout), "\(command) names other suspects or chains")
                #expect(!leakFindings(step.stdout).isEmpty, "the README shows no finding of \(command)")
            case "top":
                for row in step.stdout where classes.contains(where: { row.hasPrefix($0 + " ") }) {
                    #expect(printed.contains(row), "\(command) does not print the row '\(row)'")
                }
            default:
                break
            }
            if let output = step.outputFile, output.hasSuffix(".png") {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + output))
                #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(output) is not a PNG")
                #expect(FileManager.default.fileExists(atPath: source + "/" + output), "\(output) is not committed")
            }
            if let output = step.outputFile, output.hasSuffix(".html") {
                let page = try String(contentsOfFile: dir + "/" + output, encoding: .utf8)
                #expect(page.hasPrefix("<!DOCTYPE html>") && page.contains("<svg"), "\(output) is not the HTML report")
            }
        }
    }

    /// What `refgraph leaks` found, without the numbers that change from run to run: each
    /// suspect's summary up to its retained sizes, the "No suspect" line, and the lines of
    /// each chain from a module or root to a suspect.
    private func leakFindings(_ lines: [String]) -> [String] {
        var findings: [String] = []
        var inChain = false
        for line in lines {
            if line.hasPrefix("No suspect") { findings.append(line) }
            if line.hasPrefix("  "), line.dropFirst(2).first?.isNumber == true, let end = line.range(of: ": retains ") {
                findings.append(String(line[..<end.lowerBound]))
            }
            if inChain && !line.hasPrefix("    ") { inChain = false }
            if inChain { findings.append(line) }
            if line.hasPrefix("  Chain from") || line.hasPrefix("  No module reaches it") { inChain = true }
        }
        return findings
    }

    /// The classes an example defines (`class Name` at the start of a line).
    private func exampleClassNames(in folder: String) throws -> [String] {
        var names: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.hasSuffix(".py") {
            for line in try String(contentsOfFile: folder + "/" + file, encoding: .utf8).split(separator: "\n")
            where line.hasPrefix("class ") {
                let name = line.dropFirst(6).prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                names.append(String(name))
            }
        }
        return names
    }
}

/// The console blocks of a README: `$ refgraph ...` commands and the lines they print.
struct Walkthrough {
    struct Step {
        /// The arguments after `refgraph`.
        var arguments: [String]
        /// The printed lines that are not refgraph's own notes on stderr (`refgraph: ...`).
        var stdout: [String]
        /// The file given to `--output`, if any.
        var outputFile: String? {
            guard let flag = arguments.firstIndex(of: "--output"), flag + 1 < arguments.count else { return nil }
            return arguments[flag + 1]
        }
    }

    var steps: [Step] = []

    /// Reads the README; a command that is not a plain `refgraph` invocation (pipes,
    /// quotes, other programs) is an error, so every walk-through stays runnable here.
    init(readme path: String) throws {
        var inConsole = false
        for line in try String(contentsOfFile: path, encoding: .utf8).split(
            separator: "\n",
            omittingEmptySubsequences: false
        ) {
            if line.hasPrefix("```") {
                inConsole = line == "```console"
                continue
            }
            guard inConsole else { continue }
            if line.hasPrefix("$ ") {
                let command = line.dropFirst(2)
                let words = command.split(separator: " ").map(String.init)
                guard words.first == "refgraph", !command.contains(where: { "|;&<>'\"`$\\".contains($0) }) else {
                    throw WalkthroughError(message: "\(path): '\(line)' is not a plain refgraph command")
                }
                steps.append(Step(arguments: Array(words.dropFirst()), stdout: []))
            } else if !steps.isEmpty, !line.isEmpty, !line.hasPrefix("refgraph: ") {
                steps[steps.count - 1].stdout.append(String(line))
            }
        }
    }
}

struct WalkthroughError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
