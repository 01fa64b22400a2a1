import Foundation
import TestSupport
import Testing

/// How users get the module: `refgraph agent-path`, `python -m refgraph_agent --help`, and
/// `pip install` of the repository's pyproject.
@Suite struct PackagingTests {
    @Test func agentPathPrintsTheBundledModule() throws {
        let result = try AgentProcess.refgraph(["agent-path"], in: try TestPaths.scratchFolder("agent-path"))
        #expect(result.status == 0)
        let path = result.stdout.trimmingCharacters(in: .newlines)
        #expect(path.hasPrefix("/") && path.hasSuffix("/refgraph_agent.py"))
        let bundled = try String(contentsOfFile: path, encoding: .utf8)
        let source = try String(contentsOfFile: TestPaths.agentSource, encoding: .utf8)
        #expect(bundled == source)
    }

    /// `refgraph --version` prints the version the agent module declares, its one source.
    @Test func versionIsTheAgentModulesVersion() throws {
        let result = try AgentProcess.refgraph(["--version"], in: try TestPaths.scratchFolder("version"))
        #expect(result.status == 0)
        #expect(result.stdout == (try TestPaths.agentVersion()) + "\n")
    }

    @Test(arguments: ["3.8", "3.13"])
    func moduleHelpExplainsSnapshotAndInstall(minor: String) throws {
        let python = try Interpreters.require(minor)
        let dir = try AgentProcess.folder("help-\(minor)")
        let result = try CommandRunner.run(
            python,
            ["-m", "refgraph_agent", "--help"],
            in: dir,
            environment: AgentProcess.environment(dir),
            timeout: 60
        )
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("usage: python -m refgraph_agent"))
        for phrase in [
            "refgraph_agent.snapshot(\"heap.rgs\")", "refgraph_agent.install()", "kill -USR1 <pid>",
            "refgraph_agent.uninstall(signal.SIGUSR2)", "refgraph agent-path",
        ] {
            #expect(result.stdout.contains(phrase), "\(phrase)")
        }
    }

    /// The pyproject installs the module into a fresh virtualenv, built offline with
    /// Debian's setuptools and wheel (the venv sees the system packages), from a copy of the
    /// files the pyproject names, with the version the module declares.
    @Test func pipInstallsTheModuleFromThePyproject() throws {
        let python = try Interpreters.requireExecutable(Interpreters.debianPython311)
        let dir = try TestPaths.scratchFolder("pip")
        let tree = dir + "/repo"
        let resources = tree + "/Sources/PythonAgent/Resources"
        try FileManager.default.createDirectory(atPath: resources, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: TestPaths.packageRoot + "/pyproject.toml",
            toPath: tree + "/pyproject.toml"
        )
        try FileManager.default.copyItem(
            atPath: TestPaths.agentSource,
            toPath: resources + "/refgraph_agent.py"
        )
        let venv = try CommandRunner.run(
            python,
            ["-m", "venv", "--system-site-packages", dir + "/venv"],
            in: dir,
            timeout: 300
        )
        #expect(venv.status == 0, "\(venv.stderr)")
        let pip = try CommandRunner.run(
            dir + "/venv/bin/python",
            [
                "-m", "pip", "install", "-q", "--no-index",
                "--no-build-isolation", "--disable-pip-version-check", tree,
            ],
            in: dir,
            timeout: 300
        )
        #expect(pip.status == 0, "\(pip.stderr)")
        let script =
            "import importlib.metadata, refgraph_agent; print(refgraph_agent.__file__); print(importlib.metadata.version('refgraph-agent'))"
        let check = try CommandRunner.run(dir + "/venv/bin/python", ["-c", script], in: dir, timeout: 60)
        #expect(
            check.stdout.split(separator: "\n").map(String.init) == [
                dir + "/venv/lib/python3.11/site-packages/refgraph_agent.py", try TestPaths.agentVersion(),
            ],
            "\(check.stderr)"
        )
        #expect(!FileManager.default.fileExists(atPath: resources + "/refgraph_agent.egg-info"))
    }
}
