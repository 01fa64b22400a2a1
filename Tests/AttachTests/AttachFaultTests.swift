import Foundation
import HeapGraph
import TestSupport
import Testing

@testable import ProcessAttach

/// Faults around the attach, driven by a stand-in for gdb (a shell script given as `gdbPath`) so
/// that they happen at a known moment, whatever this machine's gdb can do.
@Suite(.serialized) struct AttachFaultTests {
    private var python: String { get throws { try Interpreters.require("3.11") } }

    /// A "gdb" running `script` (sh) with the attach's environment (REFGRAPH_PID, REFGRAPH_DIR...).
    private func standIn(_ script: String, in folder: String) throws -> String {
        let path = folder + "/stand-in-gdb"
        try ("#!/bin/sh\n" + script + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return path
    }

    private func request(_ target: AttachTarget, _ path: String, gdb: String) -> AttachRequest {
        AttachRequest(pid: target.pid, snapshotPath: path, timeout: 20, agentPath: AttachFixtures.agent, gdbPath: gdb)
    }

    private func folders(of pid: Int32) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []).filter {
            $0.hasPrefix("refgraph-attach-\(pid)-")
        }
    }

    /// The target dies while the agent would be writing: /proc/PID/root no longer leads to the
    /// private folder, which must still be removed.
    @Test func aTargetThatExitsDuringTheSnapshotLeavesNoFolder() throws {
        let target = try AttachTarget(python: try python, script: AttachFixtures.target, arguments: ["sleep"])
        let folder = try TestPaths.scratchFolder("attach-exit-during")
        let gdb = try standIn("kill -9 \"$REFGRAPH_PID\"\necho 'REFGRAPH scheduled running'", in: folder)
        #expect {
            try ProcessAttacher.attach(request(target, folder + "/gone.rgs", gdb: gdb))
        } throws: { error in
            (error as? AttachError)?.kind == .targetExited
        }
        #expect(folders(of: target.pid) == [])
        #expect(!FileManager.default.fileExists(atPath: folder + "/gone.rgs"))
    }

    /// The target dies just after its snapshot is complete: the snapshot is still read through
    /// a path that exists, saved, and the folder removed.
    @Test func aTargetThatExitsJustAfterTheSnapshotLeavesNoFolder() throws {
        let target = try AttachTarget(python: try python, script: AttachFixtures.target, arguments: ["sleep"])
        let folder = try TestPaths.scratchFolder("attach-exit-after")
        try SnapshotFile.write(SampleSnapshots.tinyHeap(), to: folder + "/agent.rgs")
        let gdb = try standIn(
            """
            cp "\(folder)/agent.rgs" "$REFGRAPH_DIR/snapshot.rgs" && printf ok > "$REFGRAPH_DIR/status"
            kill -9 "$REFGRAPH_PID"
            echo 'REFGRAPH scheduled running'
            """,
            in: folder
        )
        let summary = try ProcessAttacher.attach(request(target, folder + "/saved.rgs", gdb: gdb))
        #expect(summary.objects == SampleSnapshots.tinyHeap().objectCount)
        #expect(try SnapshotFile.read(from: folder + "/saved.rgs").objectCount == summary.objects)
        #expect(folders(of: target.pid) == [])
    }

    /// Another tracer gets there between refgraph's look at /proc and gdb's attach (as a second
    /// `refgraph attach` does): the error says the process is already traced, not that ptrace
    /// needs root.
    @Test func aProcessTracedByAnotherAttachIsSaidToBeTraced() throws {
        let target = try AttachTarget(python: try python, script: AttachFixtures.target, arguments: ["sleep"])
        let folder = try TestPaths.scratchFolder("attach-traced")
        // PTRACE_SEIZE (0x4206) traces without stopping; the tracee is let go when the tracer exits.
        let seize =
            "import ctypes, sys, time; libc = ctypes.CDLL(None, use_errno=True); "
            + "ok = libc.ptrace(0x4206, int(sys.argv[1]), 0, 0) == 0; print('seized' if ok else 'failed', flush=True); "
            + "time.sleep(120)"
        let gdb = try standIn(
            """
            python3 -c "\(seize)" "$REFGRAPH_PID" < /dev/null > "\(folder)/holder" 2>&1 &
            echo $! > "\(folder)/holder.pid"
            while ! grep -q . "\(folder)/holder" 2>/dev/null; do sleep 0.05; done
            exec gdb "$@"
            """,
            in: folder
        )
        defer {
            let holder = (try? String(contentsOfFile: folder + "/holder.pid", encoding: .utf8)).flatMap {
                Int32($0.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            if let holder { kill(holder, SIGKILL) }
        }
        var message = ""
        #expect {
            try ProcessAttacher.attach(request(target, folder + "/x.rgs", gdb: gdb))
        } throws: { error in
            message = (error as? AttachError)?.message ?? "\(error)"
            return (error as? AttachError)?.kind == .notRunnable
        }
        let holder = try String(contentsOfFile: folder + "/holder.pid", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try String(contentsOfFile: folder + "/holder", encoding: .utf8).hasPrefix("seized"))
        #expect(message.contains("already traced by process \(holder)"), "\(message)")
        #expect(!message.contains("as root") && !message.contains("not allowed"), "\(message)")
        // Let the target go (a seized tracee stops at each signal until its tracer lets it go).
        if let holder = Int32(holder) { kill(holder, SIGKILL) }
        let status = "/proc/\(target.pid)/status"
        var waits = 0
        while waits < 500, (try? String(contentsOfFile: status, encoding: .utf8))?.contains("TracerPid:\t0") == false {
            usleep(20_000)
            waits += 1
        }
        #expect(target.ping() == "pong 1234 True 1")
    }

    /// A `--snapshot` path that cannot be written is refused before gdb runs (before the target
    /// is stopped at all).
    @Test(arguments: ["/missing/x.rgs", "/file/x.rgs", "/folder"])
    func anUnwritableSnapshotPathIsRefusedBeforeTheTargetIsTouched(destination: String) throws {
        let target = try AttachTarget(python: try python, script: AttachFixtures.target, arguments: ["sleep"])
        let folder = try TestPaths.scratchFolder("attach-unwritable")
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/file"))
        try FileManager.default.createDirectory(atPath: folder + "/folder", withIntermediateDirectories: false)
        let gdb = try standIn("touch \"\(folder)/gdb-ran\"\nexec gdb \"$@\"", in: folder)
        #expect {
            try ProcessAttacher.attach(request(target, folder + destination, gdb: gdb))
        } throws: { error in
            guard let error = error as? AttachError else { return false }
            return error.kind == .snapshotWrite && error.message.contains(folder + destination)
                && !error.message.contains("\n")
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/gdb-ran"))
        #expect(folders(of: target.pid) == [])
        #expect(target.ping() == "pong 1234 True 1")
    }
}
