import Foundation
import HeapGraph
import Reports
import TestSupport
import Testing

@testable import ProcessAttach

/// Snapshots of live fixture processes, checked against the fixture's known heap, and the
/// target checked afterwards: it still answers a ping and exits normally when told. Where gdb
/// cannot call into a process on this machine (`GDBCalls.work`), each attach must be refused
/// in one line before any call, and the target must run on just the same.
@Suite(.serialized) struct AttachTargetTests {
    private func attach(_ target: AttachTarget, to path: String, timeout: Double = 60) throws -> AttachSummary {
        try ProcessAttacher.attach(
            AttachRequest(pid: target.pid, snapshotPath: path, timeout: timeout, agentPath: AttachFixtures.agent)
        )
    }

    /// The fixture's known objects: 1234 AttachMarker, and the chain from __main__ to its Payload.
    private func expectKnownHeap(_ path: String, pid: Int32) throws {
        let bytes = try #require(FileManager.default.contents(atPath: path))
        // Written by refgraph, not copied: format 1.0 with references by object id (EDGE),
        // although the agent in the target wrote them by address (EDGA).
        let directory = 16..<(16 + 24 * 6)
        #expect(bytes.count > directory.upperBound && bytes[10] == 0 && bytes[11] == 0)
        #expect(bytes.range(of: Data("EDGE".utf8), in: directory) != nil)
        #expect(bytes.range(of: Data("EDGA".utf8), in: directory) == nil)
        let snapshot = try SnapshotFile.read(from: path)
        #expect(snapshot.metadata.pid == pid)
        let index = HeapIndex(snapshot)
        let markers = try index.types(named: "AttachMarker")
        #expect(markers.map { index.count(ofType: $0) }.reduce(0, +) == 1234)
        let payloads = try index.types(named: "Payload").flatMap { index.objects(ofType: $0) }
        try #require(payloads.count == 1)
        guard case let .found(chain) = index.shortestChain(to: payloads, from: .module) else {
            Issue.record("no chain from a module to the Payload")
            return
        }
        let lines = index.describe(chain)
        #expect(lines.first == "module __main__")
        let text = lines.joined(separator: "\n")
        for step in ["Registry", "['needle'] → Entry", "→ Payload"] {
            #expect(text.contains(step), "\(text)")
        }
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600 && info.st_uid == geteuid())
    }

    @Test(arguments: AttachFixtures.interpreters, ["sleep", "busy", "busy-reader", "join", "threads"])
    func snapshotsARunningTargetThatKeepsRunning(interpreter: String, mode: String) throws {
        let python = try AttachFixtures.python(interpreter)
        let target = try AttachTarget(python: python, script: AttachFixtures.target, arguments: [mode])
        let folder = try TestPaths.scratchFolder("attach")
        let path = folder + "/target.rgs"
        if GDBCalls.work {
            let summary = try attach(target, to: path)
            #expect(summary.objects > 1234)
            try expectKnownHeap(path, pid: target.pid)
        } else {
            GDBCalls.expectRefusal { try attach(target, to: path) }
            #expect(!FileManager.default.fileExists(atPath: path))
            expectNoFolderLeft(target.pid)
        }
        let threads = mode == "threads" ? 4 : ["join", "busy-reader"].contains(mode) ? 2 : 1
        #expect(target.ping() == "pong 1234 True \(threads)", "\(target.output)")
        let end = target.stop()
        #expect(end?.status == 0, "\(target.output)")
        #expect(end?.bye?.hasPrefix("bye") == true)
        #expect(!target.output.contains("Traceback"), "\(target.output)")
    }

    /// The agent runs while the target's first 8-second sleep is going (the snapshot's time
    /// falls between the sleep's start and end, as the target prints them), and that sleep
    /// still lasts as long as asked.
    @Test(arguments: AttachFixtures.interpreters)
    func aSleepCutShortToRunTheAgentStillLastsAsLongAsAsked(interpreter: String) throws {
        let python = try AttachFixtures.python(interpreter)
        let target = try AttachTarget(python: python, script: AttachFixtures.target, arguments: ["sleep", "8"])
        let folder = try TestPaths.scratchFolder("attach-sleep")
        // Where gdb cannot call, the attach is refused and the sleep must still end normally
        // (gdb's failed call made it raise OSError 514).
        let work = GDBCalls.work
        if work {
            _ = try attach(target, to: folder + "/s.rgs")
        } else {
            GDBCalls.expectRefusal { try attach(target, to: folder + "/s.rgs") }
        }
        let slept = try #require(target.nextLine(startingWith: "slept", timeout: 60), "\(target.output)")
        let fields = slept.split(separator: " ").dropFirst().compactMap { Double($0) }
        try #require(fields.count == 3, "\(slept)")
        #expect(fields[0] >= 1.0, "\(slept)")
        if work {
            let captured = try SnapshotFile.read(from: folder + "/s.rgs").metadata.time
            #expect(fields[1] < captured && captured < fields[2], "snapshot at \(captured); \(slept)")
        }
        let end = target.stop()
        #expect(end?.status == 0)
        let ratio = end?.bye.flatMap { Double($0.split(separator: " ").last ?? "") }
        #expect((ratio ?? 0) >= 1.0, "\(target.output)")
        #expect(!target.output.contains("Traceback"), "\(target.output)")
    }

    /// A signal that arrives while the agent writes its file is recorded, and its handler runs as
    /// soon as the snapshot is done, not when the rest of the program's 600-second sleep is over.
    @Test(arguments: AttachFixtures.interpreters)
    func aSignalDuringTheSnapshotIsHandledRightAfterIt(interpreter: String) throws {
        let python = try AttachFixtures.python(interpreter)
        let target = try AttachTarget(python: python, script: AttachFixtures.target, arguments: ["sleep"])
        let folder = try TestPaths.scratchFolder("attach-signal")
        guard GDBCalls.work else {
            GDBCalls.expectRefusal { try attach(target, to: folder + "/s.rgs") }
            #expect(target.ping() == "pong 1234 True 1")
            #expect(target.stop()?.status == 0, "\(target.output)")
            return
        }
        let finished = DispatchSemaphore(value: 0)
        let outcome = AttachOutcome()
        let request = AttachRequest(
            pid: target.pid,
            snapshotPath: folder + "/s.rgs",
            timeout: 60,
            agentPath: AttachFixtures.agent
        )
        Thread.detachNewThread {
            outcome.set(Result { try ProcessAttacher.attach(request) })
            finished.signal()
        }
        // The agent writes `.snapshot.rgs.PID.tmp` in the attach folder, then renames it, then
        // writes `status`: a ping sent while the temporary file is there lands in the snapshot.
        var pinged = false
        while finished.wait(timeout: .now() + 0.001) == .timedOut {
            guard !pinged, let files = try? FileManager.default.contentsOfDirectory(atPath: "/tmp") else { continue }
            for name in files where name.hasPrefix("refgraph-attach-\(target.pid)-") {
                let inside = (try? FileManager.default.contentsOfDirectory(atPath: "/tmp/" + name)) ?? []
                if inside.contains(where: { $0.hasPrefix(".snapshot.rgs.") }) {
                    kill(target.pid, SIGUSR1)
                    pinged = true
                }
            }
        }
        _ = try outcome.get()
        try #require(pinged, "the agent's temporary file was never seen; the ping was not sent during the snapshot")
        #expect(target.nextLine(startingWith: "pong", timeout: 30) == "pong 1234 True 1", "\(target.output)")
        #expect(target.ping() == "pong 1234 True 1")
        #expect(target.stop()?.status == 0, "\(target.output)")
    }

    @Test func twoAttachesInARowGiveTwoSnapshots() throws {
        let python = try Interpreters.require("3.8")
        let target = try AttachTarget(python: python, script: AttachFixtures.target, arguments: ["sleep"])
        let folder = try TestPaths.scratchFolder("attach-twice")
        if GDBCalls.work {
            _ = try attach(target, to: folder + "/1.rgs")
            _ = try attach(target, to: folder + "/2.rgs")
            try expectKnownHeap(folder + "/1.rgs", pid: target.pid)
            try expectKnownHeap(folder + "/2.rgs", pid: target.pid)
        } else {
            GDBCalls.expectRefusal { try attach(target, to: folder + "/1.rgs") }
            GDBCalls.expectRefusal { try attach(target, to: folder + "/2.rgs") }
        }
        #expect(target.ping() == "pong 1234 True 1")
        #expect(target.stop()?.status == 0)
    }

    @Test func aMainThreadBlockedInSelectTimesOutAndLeavesNothingBehind() throws {
        let python = try Interpreters.require("3.8")
        let target = try AttachTarget(python: python, script: AttachFixtures.target, arguments: ["select"])
        let folder = try TestPaths.scratchFolder("attach-timeout")
        let path = folder + "/never.rgs"
        if GDBCalls.work {
            #expect {
                try attach(target, to: path, timeout: 3)
            } throws: { error in
                (error as? AttachError)?.kind == .timeout
            }
        } else {
            GDBCalls.expectRefusal { try attach(target, to: path, timeout: 3) }
        }
        // The target answers, and when its main thread runs the queued agent later, no file
        // appears: after a second answer its main thread has run Python code twice, and the
        // queued call with it.
        #expect(target.ping() == "pong 1234 True 1")
        #expect(target.ping() == "pong 1234 True 1")
        #expect(!FileManager.default.fileExists(atPath: path))
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []
        #expect(!leftovers.contains { $0.hasPrefix("refgraph-attach-\(target.pid)-") })
        #expect(target.stop()?.status == 0)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aTargetThatExitsDuringTheSnapshotIsReported() throws {
        let python = try Interpreters.require("3.8")
        let target = try AttachTarget(python: python, script: AttachFixtures.target, arguments: ["select"])
        let folder = try TestPaths.scratchFolder("attach-exit")
        guard GDBCalls.work else {
            GDBCalls.expectRefusal { try attach(target, to: folder + "/gone.rgs", timeout: 20) }
            #expect(target.ping() == "pong 1234 True 1")
            return
        }
        target.killOnceGDBLetsGo()
        #expect {
            try attach(target, to: folder + "/gone.rgs", timeout: 20)
        } throws: { error in
            (error as? AttachError)?.kind == .targetExited
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/gone.rgs"))
    }

    private func expectNoFolderLeft(_ pid: Int32, sourceLocation: SourceLocation = #_sourceLocation) {
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []
        #expect(!leftovers.contains { $0.hasPrefix("refgraph-attach-\(pid)-") }, sourceLocation: sourceLocation)
    }
}

/// Every failure is one clear line and a non-zero exit from the built `refgraph attach`, by
/// either method (the checks before the target is touched are the same).
@Suite struct AttachErrorTests {
    /// The default method (read from outside) and `--inject`.
    static let methods: [[String]] = [[], ["--inject"]]

    private func expectFailure(
        _ arguments: [String],
        environment: [String: String]? = nil,
        mentioning words: [String]
    ) throws {
        let result = try CommandRunner.run(
            TestPaths.refgraphBinary,
            ["attach"] + arguments,
            environment: environment,
            timeout: 60
        )
        #expect(result.status == 1, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(lines.first?.hasPrefix("Error: ") == true, "\(result.stderr)")
        for word in words { #expect(result.stderr.contains(word), "\(result.stderr)") }
    }

    @Test(arguments: methods)
    func aDeadPid(method: [String]) throws {
        let child = try TestProcess("/bin/true", [])
        try #require(child.wait(timeout: 60) == 0)
        try expectFailure([String(child.pid)] + method, mentioning: ["no process \(child.pid)"])
    }

    @Test(arguments: methods)
    func aProcessThatIsNotPython(method: [String]) throws {
        let sleeper = try TestProcess("/bin/sleep", ["100"])
        try expectFailure([String(sleeper.pid)] + method, mentioning: ["not a CPython interpreter"])
    }

    @Test(arguments: ["2.7", "3.6", "3.7"], methods)
    func anUnsupportedVersion(version: String, method: [String]) throws {
        let python = try Interpreters.require(version)
        let script = "import sys, time; sys.stdout.write('ready\\n'); sys.stdout.flush(); time.sleep(100)"
        let old = try TestProcess(python, ["-c", script])
        #expect(try old.nextLine() == "ready")
        try expectFailure([String(old.pid)] + method, mentioning: ["Python \(version)", "3.8 to 3.13"])
    }

    @Test func gdbMissing() throws {
        let python = try Interpreters.require("3.8")
        let target = try AttachTarget(python: python, script: AttachFixtures.target, arguments: ["sleep"])
        try expectFailure(
            [String(target.pid), "--inject"],
            environment: ["PATH": "/nonexistent"],
            mentioning: ["needs gdb", "apt-get install gdb"]
        )
        #expect(target.ping() == "pong 1234 True 1")
    }

    @Test(arguments: methods)
    func ptraceNotAllowed(method: [String]) throws {
        // An unprivileged user attaching to root's process: only when the tests run as root.
        guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return }
        let python = try Interpreters.require("3.8")
        let target = try AttachTarget(python: python, script: AttachFixtures.target, arguments: ["sleep"])
        let result = try CommandRunner.run(
            "/usr/bin/setpriv",
            [
                "--reuid=65534", "--regid=65534", "--clear-groups", TestPaths.refgraphBinary, "attach",
                String(target.pid),
            ] + method,
            in: "/tmp",
            timeout: 60
        )
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(
            result.stderr.contains("permission denied") && result.stderr.contains("CAP_SYS_PTRACE"),
            "\(result.stderr)"
        )
        #expect(target.ping() == "pong 1234 True 1")
    }

    @Test func aBadTimeout() throws {
        let result = try CommandRunner.run(TestPaths.refgraphBinary, ["attach", "1", "--timeout", "0"], timeout: 30)
        #expect(result.status == 64)
        #expect(result.stderr.contains("'--timeout' must be a positive number of seconds."))
    }
}

/// gdb itself killed while the target is stopped: the target must run on.
@Suite struct AttachGDBKilledTests {
    @Test func aTargetStoppedByAKilledGdbRunsOn() throws {
        let python = try Interpreters.require("3.8")
        let target = try AttachTarget(python: python, script: AttachFixtures.target, arguments: ["sleep"])
        let folder = try TestPaths.scratchFolder("attach-gdb-killed")
        // A "gdb" that attaches for real and then hangs with the target stopped.
        let slowGDB = folder + "/slow-gdb"
        try "#!/bin/sh\nexec gdb -batch -nx -q -p \"$REFGRAPH_PID\" -ex 'shell sleep 120'\n"
            .write(toFile: slowGDB, atomically: true, encoding: .utf8)
        chmod(slowGDB, 0o755)
        let request = AttachRequest(
            pid: target.pid,
            snapshotPath: folder + "/x.rgs",
            timeout: 4,
            agentPath: AttachFixtures.agent,
            gdbPath: slowGDB
        )
        #expect {
            try ProcessAttacher.attach(request)
        } throws: { error in
            (error as? AttachError)?.kind == .timeout
        }
        let status =
            FileHandle(forReadingAtPath: "/proc/\(target.pid)/status")
            .flatMap { try? $0.readToEnd() }.map { String(decoding: $0, as: UTF8.self) } ?? ""
        #expect(status.contains("TracerPid:\t0"), "\(status)")
        #expect(target.ping() == "pong 1234 True 1")
        #expect(target.stop()?.status == 0)
        #expect(!FileManager.default.fileExists(atPath: folder + "/x.rgs"))
    }
}
