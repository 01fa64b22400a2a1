import Foundation
import HeapGraph
import TestSupport

/// Runs the fixtures of Fixtures/ under a real interpreter with the bundled agent on its path.
enum AgentProcess {
    static let fixtures = TestPaths.packageRoot + "/Tests/StandaloneAgentTests/Fixtures"

    /// The bundled `refgraph_agent.py`, as `refgraph agent-path` reports it.
    static let agentFile: Result<String, Error> = Result {
        let result = try CommandRunner.run(TestPaths.refgraphBinary, ["agent-path"], timeout: 60)
        guard result.status == 0 else { throw AgentTestError("refgraph agent-path failed: \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .newlines)
    }

    /// A scratch folder holding a copy of the agent module (so no `__pycache__` lands in the
    /// sources and the copy-it-next-to-your-program path is what runs).
    static func folder(_ name: String) throws -> String {
        let dir = try TestPaths.scratchFolder(name)
        try FileManager.default.copyItem(atPath: try agentFile.get(), toPath: dir + "/refgraph_agent.py")
        return dir
    }

    /// The environment fixtures run with: the scratch folder on `sys.path`, no bytecode files.
    static func environment(_ dir: String) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONPATH"] = dir
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        environment.removeValue(forKey: "PYTHONHOME")
        return environment
    }

    /// Runs `Fixtures/NAME.py ARGS` with `python` in `dir`; returns its stdout's last line
    /// parsed as a JSON object.
    static func run(_ python: String, _ name: String, _ arguments: [String], in dir: String) throws -> [String: Any] {
        let result = try CommandRunner.run(
            python,
            [fixtures + "/" + name + ".py"] + arguments,
            in: dir,
            environment: environment(dir),
            timeout: 300
        )
        guard result.status == 0, !result.timedOut else {
            throw AgentTestError("\(name).py under \(python) exited with \(result.status): \(result.stderr)")
        }
        return try lastJSONLine(result.stdout)
    }

    /// A fixture run under CPython `minor` in a new scratch folder: the folder, its facts
    /// (the JSON line) and the snapshot it wrote to `file` (its first argument).
    static func snapshot(
        _ minor: String,
        _ fixture: String,
        folder: String,
        file: String = "s.rgs",
        _ more: [String] = []
    ) throws -> FixtureRun {
        let python = try Interpreters.require(minor)
        let dir = try Self.folder(folder)
        let facts = try run(python, fixture, [file] + more, in: dir)
        return FixtureRun(dir: dir, facts: facts, snapshot: try SnapshotFile.read(from: dir + "/" + file))
    }

    static func lastJSONLine(_ text: String) throws -> [String: Any] {
        guard let line = text.split(separator: "\n").last,
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        else {
            throw AgentTestError("no JSON line in: \(text)")
        }
        return object
    }

    /// Runs the built `refgraph` with `arguments` in `dir`.
    static func refgraph(_ arguments: [String], in dir: String) throws -> CommandResult {
        try CommandRunner.run(TestPaths.refgraphBinary, arguments, in: dir, timeout: 300)
    }
}

/// What `AgentProcess.snapshot` gives.
struct FixtureRun {
    var dir: String
    var facts: [String: Any]
    var snapshot: Snapshot
}

struct AgentTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Dictionary where Key == String, Value == Any {
    /// An integer fact of a fixture's JSON line.
    func uint(_ key: String) -> UInt64? { (self[key] as? NSNumber)?.uint64Value }

    func uints(_ key: String) -> [UInt64] { (self[key] as? [NSNumber])?.map(\.uint64Value) ?? [] }
}
