import Foundation
import HeapGraph
import TestSupport
import Testing

/// `refgraph run -m MODULE ARGS...` runs the module as `python3 -m MODULE ARGS...` does.
@Suite struct RunModuleTests {
    /// A scratch folder holding a copy of the `fxpkg` package.
    private func folderWithPackage() throws -> String {
        let dir = try TestPaths.scratchFolder("run-module")
        try FileManager.default.copyItem(atPath: cliFixture("run_module/fxpkg"), toPath: dir + "/fxpkg")
        return dir
    }

    @Test func theModuleSeesWhatPythonDashMGivesIt() throws {
        let dir = try folderWithPackage()
        let result = try refgraph(["run", "-m", "fxpkg.tool", "one", "--snapshot", "-m"], in: dir)
        let python = try CommandRunner.run(
            "/usr/bin/python3.11",
            ["-m", "fxpkg.tool", "one", "--snapshot", "-m"],
            in: dir,
            environment: [:]
        )
        #expect(python.status == 3)
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stdout == python.stdout)
        #expect(lines(result.stdout).first == "argv=['\(dir)/fxpkg/tool.py', 'one', '--snapshot', '-m']")
        #expect(lines(result.stdout).contains("path0=\(dir)"))
        #expect(lines(result.stdout).contains("name=__main__ spec=fxpkg.tool"))
        let summary = try #require(lines(result.stderr).last)
        #expect(summary.hasSuffix("→ fxpkg.tool.rgs"))
        let snapshot = try SnapshotFile.read(from: dir + "/fxpkg.tool.rgs")
        #expect(snapshot.objects(ofType: "__main__.Marker").count == 1)
    }

    @Test func aMissingModuleIsOneLineAndNoSnapshot() throws {
        let dir = try folderWithPackage()
        let result = try refgraph(["run", "-m", "fxpkg.no_such_tool"], in: dir)
        #expect(result.status == 1)
        #expect(
            lines(result.stderr) == [
                "Error: Cannot run the module 'fxpkg.no_such_tool': No module named fxpkg.no_such_tool."
            ]
        )
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["fxpkg"])
        let missing = try refgraph(["run", "-m"], in: dir)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("Missing the module to run"))
    }
}
