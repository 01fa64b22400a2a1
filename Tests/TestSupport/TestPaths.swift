import Foundation

/// Paths the end-to-end tests need: the built `refgraph`, the package's folders, scratch space.
public enum TestPaths {
    /// The package's top folder (tests may find it from their source location).
    public static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The `refgraph` binary built beside the test bundle.
    public static let refgraphBinary: String = {
        let exe =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        if dir.lastPathComponent == "MacOS" || dir.lastPathComponent.hasSuffix(".xctest") {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("refgraph").path
    }()

    /// A new empty folder for one test.
    public static func scratchFolder(_ name: String = "test") throws -> String {
        let path = NSTemporaryDirectory() + "refgraph-\(name)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The agent module the package ships, in the source tree.
    public static let agentSource = packageRoot + "/Sources/PythonAgent/Resources/refgraph_agent.py"

    /// The `__version__` the agent module declares: refgraph's version (pyproject.toml reads it too).
    public static func agentVersion() throws -> String {
        let source = try String(contentsOfFile: agentSource, encoding: .utf8)
        for line in source.split(separator: "\n") where line.hasPrefix("__version__ = \"") {
            let quoted = line.dropFirst("__version__ = \"".count)
            if let end = quoted.firstIndex(of: "\"") { return String(quoted[..<end]) }
        }
        throw TestProcessError("no `__version__ = \"...\"` line in \(agentSource)")
    }
}
