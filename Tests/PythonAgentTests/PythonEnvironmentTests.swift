import Foundation
import PythonAgent
import Testing

/// `ScriptRunner` rejects virtual environments it cannot use before starting Python.
struct PythonEnvironmentTests {
    private func makeVenv(_ config: String?) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "refgraph-venv-\(getpid())-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        if let config { try config.write(toFile: dir + "/pyvenv.cfg", atomically: true, encoding: .utf8) }
        return dir
    }

    private func run(env: String) throws {
        _ = try ScriptRunner.run(
            ScriptRunOptions(
                script: PythonFixtures.path("modules"),
                snapshotPath: "/nonexistent/x.rgs",
                pythonEnvironment: env
            )
        )
    }

    @Test func otherMinorVersionIsRefusedNamingBothVersionsAndTheFix() throws {
        let dir = try makeVenv("home = /opt/py312/bin\nversion = 3.12.1\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(
            throws: PythonAgentError(
                .pythonEnvironment,
                "'\(dir)' is a Python 3.12 virtual environment but refgraph embeds Python 3.11; make a compatible one with: /usr/bin/python3.11 -m venv \(dir)-311 (or use the refgraph_agent module inside your own interpreter)."
            )
        ) {
            try run(env: dir)
        }
    }

    @Test func missingDirectoryAndMissingConfigAreOneLineErrors() throws {
        let missing = "/nonexistent/refgraph-venv"
        #expect(
            throws: PythonAgentError(
                .pythonEnvironment,
                "The Python environment '\(missing)' does not exist or is not a directory."
            )
        ) {
            try run(env: missing)
        }
        let dir = try makeVenv(nil)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(
            throws: PythonAgentError(
                .pythonEnvironment,
                "'\(dir)' is not a virtual environment: it has no readable pyvenv.cfg."
            )
        ) {
            try run(env: dir)
        }
    }
}
