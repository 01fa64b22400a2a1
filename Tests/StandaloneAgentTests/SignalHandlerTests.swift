import Foundation
import HeapGraph
import TestSupport
import Testing

/// `refgraph_agent.install()`: each SIGUSR1 writes a snapshot; the program keeps running,
/// its own earlier handler still runs, and it exits normally.
@Suite struct SignalHandlerTests {
    @Test(arguments: ["3.8", "3.11", "3.13"])
    func eachSignalWritesASnapshotAndTheProgramCarriesOn(minor: String) throws {
        let python = try Interpreters.require(minor)
        let dir = try AgentProcess.folder("signal-\(minor)")
        let output = dir + "/out"
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: false)
        let target = try TestProcess(
            python,
            [AgentProcess.fixtures + "/signal_target.py", output],
            in: dir,
            environment: AgentProcess.environment(dir),
            input: true
        )
        #expect(try target.nextLine() == "ready")

        var files: [String] = []
        for expected in 1...2 {
            target.send(SIGUSR1)
            files = try waitForSnapshots(in: output, pid: target.pid, count: expected)
            #expect(files.count == expected)
            // The program still answers, and its own handler ran after the agent's.
            try target.writeLine("ping")
            #expect(try target.nextLine() == "pong \(expected)")
        }
        for file in files {
            let s = try SnapshotFile.read(from: output + "/" + file)
            #expect(s.metadata.pid == target.pid)
            #expect(s.global("__main__", "kept").map { s.label(of: $0) } == "100 items")
            let attributes = try FileManager.default.attributesOfItem(atPath: output + "/" + file)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            let frames = s.objectIDs.filter { s.flags(of: $0).contains(.frame) }.map { s.label(of: $0) }
            #expect(frames.contains { $0.hasPrefix("signal_target.py:") })
            #expect(!frames.contains { $0.hasPrefix("refgraph_agent.py") })
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: output).count == 2)

        try target.writeLine("uninstall")
        #expect(try target.nextLine() == "uninstalled True True")
        try target.writeLine("exit")
        #expect(try target.nextLine() == "bye")
        #expect(target.wait(timeout: 30) == 0)
    }

    /// The snapshot files of `pid` in `folder`, waiting up to two minutes for `count` of them.
    private func waitForSnapshots(in folder: String, pid: Int32, count: Int) throws -> [String] {
        var names: [String] = []
        _ = try poll(timeout: 120) {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
                .filter { $0.hasPrefix("refgraph-\(pid)-") && $0.hasSuffix("Z.rgs") }.sorted()
            return names.count >= count
        }
        return names
    }
}
