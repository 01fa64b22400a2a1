import Foundation
import HeapGraph
import TestSupport
import Testing

/// `refgraph run` behaves like `python3 SCRIPT ARGS...` and then writes a snapshot.
@Suite struct RunCommandTests {
    @Test func argvPathAtexitAndExitStatusAreThoseOfTheScript() throws {
        let dir = try TestPaths.scratchFolder("run-argv")
        let script = cliFixture("argv_and_exit.py")
        let result = try refgraph(["run", "--snapshot", "s.rgs", script, "one", "--two", "-3"], in: dir)
        #expect(result.status == 7)
        let out = lines(result.stdout)
        #expect(out.first == "argv=['\(script)', 'one', '--two', '-3']")
        #expect(out.contains("path0=\(TestPaths.packageRoot)/Tests/RefgraphCLITests/Fixtures"))
        #expect(out.last == "atexit ran")
        #expect(result.stderr.contains("to stderr"))
        let summary = try #require(lines(result.stderr).last)
        #expect(summary.hasPrefix("refgraph: snapshot of "))
        #expect(summary.hasSuffix("→ s.rgs"))
        #expect(FileManager.default.fileExists(atPath: dir + "/s.rgs"))
    }

    @Test func snapshotDefaultsToTheScriptNameInTheCurrentFolder() throws {
        let dir = try TestPaths.scratchFolder("run-default")
        let result = try refgraph(["run", cliFixture("known_heap.py")], in: dir)
        #expect(result.status == 0)
        #expect(FileManager.default.fileExists(atPath: dir + "/known_heap.rgs"))
        let attributes = try FileManager.default.attributesOfItem(atPath: dir + "/known_heap.rgs")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func uncaughtExceptionPrintsTracebackExitsOneAndStillSnapshots() throws {
        let dir = try TestPaths.scratchFolder("run-raises")
        let result = try refgraph(["run", "--snapshot", "r.rgs", cliFixture("raises.py")], in: dir)
        #expect(result.status == 1)
        #expect(result.stderr.contains("Traceback (most recent call last):"))
        #expect(result.stderr.contains("ValueError: boom from the fixture"))
        let snapshot = try SnapshotFile.read(from: dir + "/r.rgs")
        let markers = snapshot.objectIDs.filter { snapshot.type(of: $0).name == "Marker" }
        #expect(markers.count == 3)
    }

    @Test func systemExitWithAMessagePrintsItAndExitsOne() throws {
        let dir = try TestPaths.scratchFolder("run-exitmsg")
        let result = try refgraph(["run", cliFixture("exit_message.py")], in: dir)
        #expect(result.status == 1)
        #expect(result.stderr.contains("fatal: configuration missing"))
        #expect(!result.stderr.contains("Traceback"))
    }

    @Test func stdoutAndStderrArriveInOrderOnOnePipe() throws {
        let dir = try TestPaths.scratchFolder("run-interleave")
        let shell = "'\(TestPaths.refgraphBinary)' run '\(cliFixture("interleave.py"))' 2>&1"
        let result = try CommandRunner.run("/bin/sh", ["-c", shell], in: dir)
        let out = lines(result.stdout).filter { $0.hasPrefix("out ") || $0.hasPrefix("err ") }
        #expect(out == (0..<5).flatMap { ["out \($0)", "err \($0)"] })
    }

    @Test func scriptCanTakeItsOwnSnapshotsThroughTheAgentModule() throws {
        let dir = try TestPaths.scratchFolder("run-agent")
        let result = try refgraph(
            ["run", "--snapshot", "end.rgs", cliFixture("agent_snapshots.py"), "mid.rgs"],
            in: dir
        )
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            lines(result.stdout) == ["['bytes', 'edges', 'objects', 'path', 'seconds', 'write_seconds']", "True True"]
        )
        let mid = try SnapshotFile.read(from: dir + "/mid.rgs")
        #expect(mid.objectIDs.filter { mid.type(of: $0).name == "Widget" }.count == 40)
    }
}

/// Bad input to `refgraph run`: one clear line, a non-zero exit, no trap, no traceback of ours.
@Suite struct RunCommandErrorTests {
    @Test func missingScript() throws {
        let dir = try TestPaths.scratchFolder("run-missing")
        let result = try refgraph(["run", "no_such_script.py"], in: dir)
        #expect(result.status != 0)
        #expect(lines(result.stderr).count == 1)
        #expect(result.stderr.contains("no_such_script.py"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/no_such_script.rgs"))
    }

    @Test func syntaxErrorIsOneLineWithTheLine() throws {
        let dir = try TestPaths.scratchFolder("run-syntax")
        let result = try refgraph(["run", cliFixture("syntax_error.py")], in: dir)
        #expect(result.status != 0)
        #expect(lines(result.stderr).count == 1)
        #expect(result.stderr.contains("syntax_error.py"))
        #expect(result.stderr.contains("line 2"))
        #expect(result.stderr.contains("SyntaxError"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/syntax_error.rgs"))
    }

    @Test func unwritableSnapshotPath() throws {
        let dir = try TestPaths.scratchFolder("run-unwritable")
        let result = try refgraph(
            ["run", "--snapshot", "/proc/no/such/dir/x.rgs", cliFixture("known_heap.py")],
            in: dir
        )
        #expect(result.status != 0)
        #expect(lines(result.stderr).count == 1)
        #expect(result.stderr.contains("/proc/no/such/dir/x.rgs"))
    }

    @Test func venvOfAnotherPythonVersionNamesBothVersions() throws {
        let dir = try TestPaths.scratchFolder("run-venv")
        try FileManager.default.createDirectory(atPath: dir + "/venv312/bin", withIntermediateDirectories: true)
        try "home = /usr/local/bin\ninclude-system-site-packages = false\nversion = 3.12.1\n"
            .write(toFile: dir + "/venv312/pyvenv.cfg", atomically: true, encoding: .utf8)
        let result = try refgraph(["run", "--python-env", dir + "/venv312", cliFixture("known_heap.py")], in: dir)
        #expect(result.status != 0)
        #expect(lines(result.stderr).count == 1)
        #expect(result.stderr.contains("3.12"))
        #expect(result.stderr.contains("3.11"))
        #expect(result.stderr.contains("venv"))
    }

    @Test func missingScriptArgumentIsAUsageError() throws {
        let result = try refgraph(["run"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("Missing the script to run"))
    }
}
