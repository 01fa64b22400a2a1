import Foundation
import HeapGraph
import HeapReader

/// `refgraph attach`: snapshots a running CPython process with no change to its code.
///
/// gdb attaches (stopping the target for a fraction of a second), maps one page in the target
/// for the bootstrap code, schedules `PyRun_SimpleString(page)` with `Py_AddPendingCall`, and
/// detaches. The target's main thread runs the bootstrap between two bytecodes, holding the
/// GIL, exactly where CPython runs its own signal handlers; the bootstrap loads the standalone
/// agent into a private namespace and writes the snapshot into a private folder. refgraph waits
/// for it, validates it with `SnapshotFile`, and copies it into place (0600, written atomically).
/// docs/attach.md explains why this mechanism and what stays behind in the target.
public enum ProcessAttacher {
    /// Takes the snapshot; every failure is an `AttachError` whose message is one line.
    public static func attach(_ request: AttachRequest) throws(AttachError) -> AttachSummary {
        let started = Date()
        let deadline = started.addingTimeInterval(request.timeout)
        let target = try TargetProcess.inspect(request.pid)
        try checkDestination(request.snapshotPath, pid: target.pid)
        let gdb = try GDBProcess.locate(request.gdbPath)
        guard let agent = FileManager.default.contents(atPath: request.agentPath) else {
            throw AttachError(.agentFailed, "Cannot read the agent \(request.agentPath).")
        }
        let scripts = try AttachScripts.load()
        let folder = try AttachFolder.create(for: target)
        var keepFolder = false
        defer { if !keepFolder { folder.remove() } }
        try folder.write(String(decoding: agent, as: UTF8.self), named: "refgraph_agent.py", owner: target)
        for script in scripts { try folder.write(script.text, named: script.name, owner: target) }

        let stopped = try inject(target, gdb: gdb, folder: folder, deadline: deadline)
        do {
            try waitForAgent(target, folder: folder, deadline: deadline, timeout: request.timeout)
        } catch {
            if error.kind == .timeout {
                // Leave nothing for a late agent: removing the folder makes its writes fail.
                folder.remove()
                keepFolder = true
            }
            throw error
        }
        let snapshot: Snapshot
        do {
            snapshot = try SnapshotFile.copyValidated(from: folder.path + "/snapshot.rgs", to: request.snapshotPath)
        } catch {
            throw AttachError(
                .snapshotWrite,
                "The agent's snapshot of process \(target.pid) could not be saved: \(error)"
            )
        }
        return AttachSummary(
            path: request.snapshotPath,
            pythonVersion: target.versionText,
            objects: snapshot.objectCount,
            edges: snapshot.edgeCount,
            totalBytes: snapshot.totalSize,
            stoppedSeconds: stopped,
            totalSeconds: Date().timeIntervalSince(started)
        )
    }

    /// Runs gdb to schedule the bootstrap; returns how long the target was stopped.
    private static func inject(
        _ target: TargetProcess,
        gdb: String,
        folder: AttachFolder,
        deadline: Date
    ) throws(AttachError) -> Double {
        var environment = [
            "REFGRAPH_PID": String(target.pid),
            "REFGRAPH_PAYLOAD": folder.hostPath + "/loader.py",
            "REFGRAPH_DIR": folder.targetPath,
            "REFGRAPH_AGENT": folder.targetPath + "/refgraph_agent.py",
        ]
        if let breaker = pendingCallBreaker(target) { environment["REFGRAPH_EVAL_BREAKER"] = String(breaker) }
        let arguments = ["-batch", "-nx", "-nw", "-q", "-x", folder.hostPath + "/attach_gdb.py"]
        let limit = max(1, min(deadline.timeIntervalSinceNow, 30))
        let began = Date()
        let result = try GDBProcess.run(gdb, arguments, environment: environment, timeout: limit)
        if result.timedOut {
            // Killing gdb makes the kernel detach it; a target it left in a stop is resumed.
            resumeIfStopped(target)
            throw AttachError(
                .timeout,
                "gdb did not finish attaching to process \(target.pid) within \(secondsText(limit)); it was stopped and the process resumed. Nothing was written."
            )
        }
        resumeIfStopped(target)
        let reports = result.reports
        if let failure = reports.first(where: { $0.key == "error" })?.value {
            throw describe(failure, target: target, gdbOutput: result.lines)
        }
        guard reports.contains(where: { $0.key == "scheduled" }) else {
            if !target.isAlive {
                throw AttachError(.targetExited, "Process \(target.pid) exited while refgraph attached to it.")
            }
            let last = result.lines.last { !$0.isEmpty && !$0.hasPrefix("REFGRAPH ") } ?? "no output"
            throw AttachError(.injectionFailed, "gdb could not schedule the agent in process \(target.pid): \(last)")
        }
        // gdb measures from attach to detach; its own start-up does not stop the target.
        return reports.last { $0.key == "stopped" }.flatMap { Double($0.value) } ?? Date().timeIntervalSince(began)
    }

    /// The address the gdb script sets after scheduling its call from a thread other than the
    /// main one, on the versions that need it (see `PythonRuntime.pendingCallBreakerAddress`);
    /// nil where none is needed or the runtime cannot be read.
    private static func pendingCallBreaker(_ target: TargetProcess) -> UInt64? {
        let memory = ProcessMemory(pid: target.pid)
        guard let runtime = try? PythonRuntime(pid: target.pid, memory: memory) else { return nil }
        return (try? runtime.pendingCallBreakerAddress(memory: memory)) ?? nil
    }

    /// Turns a `REFGRAPH error <kind> <message>` report into an error.
    private static func describe(_ report: String, target: TargetProcess, gdbOutput: [String]) -> AttachError {
        let kind = report.prefix { $0 != " " }
        let detail = report.dropFirst(kind.count).trimmingCharacters(in: .whitespaces)
        let pid = target.pid
        switch kind {
        case "traced":
            return AttachError(
                .notRunnable,
                "Process \(pid) is already traced by process \(detail) (another refgraph attach or a debugger); "
                    + "attach again when it has finished."
            )
        case "permission" where geteuid() == 0:
            return AttachError(
                .permissionDenied,
                "Cannot attach to process \(pid): ptrace was refused although refgraph runs as root; another "
                    + "debugger or refgraph attach was probably tracing it at that moment (attach again), or "
                    + "/proc/sys/kernel/yama/ptrace_scope is 3, which forbids ptrace to everyone."
            )
        case "permission":
            return AttachError(
                .permissionDenied,
                "Cannot attach to process \(pid): ptrace is not allowed. " + TargetProcess.permissionAdvice(pid)
            )
        case "no-process":
            return AttachError(.targetExited, "Process \(pid) exited before refgraph could attach to it.")
        case "not-python":
            return AttachError(
                .notPython,
                "Process \(pid) (\(target.executable)) has no CPython C API that refgraph can call (\(detail))."
            )
        case "registers":
            return registersRefusal(detail, pid: pid)
        case "not-ready":
            return AttachError(
                .injectionFailed,
                "Process \(pid) is not running Python code yet or any more: \(detail)."
            )
        default:
            if !target.isAlive {
                return AttachError(.targetExited, "Process \(pid) exited while refgraph attached to it.")
            }
            return AttachError(.injectionFailed, "gdb could not schedule the agent in process \(pid): \(detail).")
        }
    }

    /// The refusal for `REFGRAPH error registers <XSAVE bytes> <gdb version> <gdb's message>`: gdb
    /// could not write a thread's register state back, so refgraph made no call in the target.
    private static func registersRefusal(_ detail: String, pid: Int32) -> AttachError {
        let words = detail.split(separator: " ", maxSplits: 2).map(String.init)
        let size = words.first.flatMap { Int($0) }.flatMap { $0 > 0 ? "an XSAVE area of \($0) bytes" : nil }
        let version = words.count > 1 ? "gdb \(words[1])" : "This gdb"
        let said = words.count > 2 ? "; gdb said: \(words[2])" : ""
        return AttachError(
            .gdbCannotCall,
            "\(version) cannot write back this CPU's register state (\(size ?? "its XSAVE area")\(said)), so a call "
                + "into process \(pid) would corrupt it: refgraph detached and left the process untouched. "
                + "Install a newer gdb that supports this CPU and put it first on PATH."
        )
    }

    /// Refuses a snapshot path that cannot be written before the target is stopped: its folder
    /// must exist and be writable, and the path must not be a folder.
    static func checkDestination(_ path: String, pid: Int32) throws(AttachError) {
        let folder = path.contains("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) : "."
        var info = stat()
        let problem: String?
        if stat(folder.isEmpty ? "/" : folder, &info) != 0 {
            problem = String(cString: strerror(errno))
        } else if info.st_mode & S_IFMT != S_IFDIR {
            problem = "\(folder) is not a folder"
        } else if access(folder.isEmpty ? "/" : folder, W_OK | X_OK) != 0 {
            problem = String(cString: strerror(errno))
        } else if stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR {
            problem = "it is a folder"
        } else {
            problem = nil
        }
        if let problem {
            throw AttachError(
                .snapshotWrite,
                "Cannot write the snapshot to \(path): \(problem); process \(pid) was not touched."
            )
        }
    }

    /// Waits until the bootstrap reports, the target exits, or the deadline passes.
    private static func waitForAgent(
        _ target: TargetProcess,
        folder: AttachFolder,
        deadline: Date,
        timeout: Double
    ) throws(AttachError) {
        while true {
            if let status = folder.read("status") {
                if status == "ok" { return }
                let reason = status.hasPrefix("failed ") ? String(status.dropFirst("failed ".count)) : status
                throw AttachError(.agentFailed, "The agent failed in process \(target.pid): \(oneLine(reason))")
            }
            if !target.isAlive {
                throw AttachError(
                    .targetExited,
                    "Process \(target.pid) exited before its snapshot was complete; nothing was written."
                )
            }
            if Date() >= deadline {
                throw AttachError(
                    .timeout,
                    "The agent did not finish in process \(target.pid) within \(secondsText(timeout)): its main "
                        + "thread ran no Python code (it may be blocked in a system call such as select or read, or "
                        + "in a long C call); refgraph detached and nothing was written. Try a longer --timeout."
                )
            }
            usleep(20_000)
        }
    }

    /// Sends SIGCONT if the target is in a stop left by a killed gdb.
    private static func resumeIfStopped(_ target: TargetProcess) {
        for _ in 0..<50 {
            guard let state = target.state, state == "T" || state == "t" else { return }
            if state == "T" { kill(target.pid, SIGCONT) }
            usleep(20_000)
        }
    }

    /// Seconds for messages: `30 s`, `2.5 s`.
    static func secondsText(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }

    private static func oneLine(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.hasSuffix(".") ? flat : flat + "."
    }
}
