import Foundation

/// What /proc says about the process to attach to: whether it exists and can be attached, its
/// owner, and which CPython it runs. Read before gdb starts, so the common mistakes (a wrong
/// pid, a process that is not Python) are reported without a debugger.
struct TargetProcess: Sendable {
    /// The oldest and newest CPython the standalone agent supports.
    static let supportedVersions = (oldest: (3, 8), newest: (3, 13))

    var pid: Int32
    /// The executable's path, as /proc/PID/exe links to it.
    var executable: String
    /// `(major, minor)` of the CPython it runs.
    var version: (major: Int, minor: Int)
    /// The owner's real user and group ids.
    var uid: uid_t
    var gid: gid_t
    /// Field 22 of /proc/PID/stat: the start time in clock ticks, to tell this process from a
    /// later one that reuses its pid.
    var startTime: UInt64

    var versionText: String { "\(version.major).\(version.minor)" }

    /// Looks the process up and checks that refgraph can attach to it.
    static func inspect(_ pid: Int32) throws(AttachError) -> TargetProcess {
        guard pid > 0, let stat = ProcStat.read(pid) else {
            throw AttachError(.noSuchProcess, "There is no process \(pid).")
        }
        switch stat.state {
        case "Z", "X":
            throw AttachError(.noSuchProcess, "Process \(pid) has exited (it is a zombie waiting for its parent).")
        case "T":
            throw AttachError(
                .notRunnable,
                "Process \(pid) is stopped (by Ctrl-Z or SIGSTOP); resume it with 'kill -CONT \(pid)' and attach again."
            )
        case "t" where tracer(of: pid) == nil:
            throw AttachError(
                .notRunnable,
                "Process \(pid) is stopped by a debugger; detach the debugger and attach again."
            )
        default:
            break
        }
        if let tracer = tracer(of: pid) { throw tracedError(pid, by: tracer) }
        let status = procText(pid, "status") ?? ""
        let ids = statusField(status, "Uid").map { $0.split(whereSeparator: \.isWhitespace) } ?? []
        let groups = statusField(status, "Gid").map { $0.split(whereSeparator: \.isWhitespace) } ?? []
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe")) ?? ""
        let maps = procText(pid, "maps")
        guard let version = pythonVersion(executable: executable, maps: maps ?? "") else {
            let name = executable.isEmpty ? stat.command : executable
            if maps == nil && executable.isEmpty {
                throw AttachError(
                    .permissionDenied,
                    "Cannot inspect process \(pid) (\(stat.command)): permission denied. " + permissionAdvice(pid)
                )
            }
            throw AttachError(
                .notPython,
                "Process \(pid) (\(name)) is not a CPython interpreter: it has no libpython and is not a pythonX.Y executable."
            )
        }
        let oldest = supportedVersions.oldest
        let newest = supportedVersions.newest
        guard version >= oldest, version <= newest else {
            throw AttachError(
                .unsupportedVersion,
                "Process \(pid) runs Python \(version.0).\(version.1); refgraph attach supports CPython "
                    + "\(oldest.0).\(oldest.1) to \(newest.0).\(newest.1)."
            )
        }
        return TargetProcess(
            pid: pid,
            executable: executable,
            version: (version.0, version.1),
            uid: ids.first.flatMap { uid_t($0) } ?? getuid(),
            gid: groups.first.flatMap { gid_t($0) } ?? getgid(),
            startTime: stat.startTime
        )
    }

    /// Whether this very process (not a later one with the same pid) is still alive and not a zombie.
    var isAlive: Bool {
        guard let stat = ProcStat.read(pid), stat.startTime == startTime else { return false }
        return stat.state != "Z" && stat.state != "X"
    }

    /// The process's scheduler state letter now (`S`, `R`, `T`, `t`, ...), if it still exists.
    var state: Character? {
        guard let stat = ProcStat.read(pid), stat.startTime == startTime else { return nil }
        return stat.state
    }

    /// The process tracing `pid` (`TracerPid` in /proc/PID/status) and its command name, if any.
    static func tracer(of pid: Int32) -> (pid: Int32, command: String)? {
        guard let field = statusField(procText(pid, "status") ?? "", "TracerPid"), let tracer = Int32(field),
            tracer != 0
        else { return nil }
        return (tracer, ProcStat.read(tracer)?.command ?? "gone")
    }

    /// The refusal for a process another tracer holds (a debugger, another attach).
    static func tracedError(_ pid: Int32, by tracer: (pid: Int32, command: String)) -> AttachError {
        AttachError(
            .notRunnable,
            "Process \(pid) is already traced by process \(tracer.pid) (\(tracer.command)): a debugger or another "
                + "refgraph attach; attach again when it has let go."
        )
    }

    /// What to do when ptrace is refused; run as root, why root is refused too.
    static func permissionAdvice(_ pid: Int32) -> String {
        if geteuid() == 0 {
            return "refgraph runs as root, so the kernel keeps this process from root too: it may belong to another "
                + "user namespace (a container's; inside a container, ptrace needs --cap-add=SYS_PTRACE), or a "
                + "security module or kernel.yama.ptrace_scope 3 forbids ptrace."
        }
        var advice =
            "Run refgraph as the process's owner or as root (ptrace needs CAP_SYS_PTRACE for other users' processes"
        if let scope = procText(nil, "sys/kernel/yama/ptrace_scope")?.trimmingCharacters(in: .whitespacesAndNewlines),
            scope != "0"
        {
            advice +=
                "; /proc/sys/kernel/yama/ptrace_scope is \(scope), so even your own processes need "
                + "'sudo sysctl kernel.yama.ptrace_scope=0' or root"
        }
        return advice + "; in a container, add --cap-add=SYS_PTRACE)."
    }

    /// `major.minor` from a mapped `libpythonX.Y` or an executable named `pythonX.Y`.
    static func pythonVersion(executable: String, maps: String) -> (Int, Int)? {
        for line in maps.split(separator: "\n") {
            guard let slash = line.lastIndex(of: "/") else { continue }
            let file = line[line.index(after: slash)...]
            if file.hasPrefix("libpython"), let version = versionPrefix(file.dropFirst("libpython".count)) {
                return version
            }
        }
        let name = executable.split(separator: "/").last.map(String.init) ?? ""
        if name.hasPrefix("python"), let version = versionPrefix(name.dropFirst("python".count)) {
            return version
        }
        return nil
    }

    /// `3.11` from the start of `3.11.so.1.0`, `3.6m.so` or `3.11`.
    private static func versionPrefix(_ text: Substring) -> (Int, Int)? {
        let digits = text.prefix { $0.isNumber || $0 == "." }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, let major = Int(parts[0]), let minor = Int(parts[1]) else { return nil }
        return (major, minor)
    }

    static func procText(_ pid: Int32?, _ name: String) -> String? {
        let path = pid.map { "/proc/\($0)/\(name)" } ?? "/proc/\(name)"
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.readToEnd() else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    private static func statusField(_ status: String, _ name: String) -> String? {
        for line in status.split(separator: "\n") where line.hasPrefix(name + ":") {
            return line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }
}

/// The fields of /proc/PID/stat attach needs.
struct ProcStat {
    var command: String
    var state: Character
    var startTime: UInt64

    static func read(_ pid: Int32) -> ProcStat? {
        guard let text = TargetProcess.procText(pid, "stat"),
            let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")")
        else { return nil }
        let command = String(text[text.index(after: open)..<close])
        // After ")": state is field 3, starttime field 22.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 19, let state = fields[0].first, let start = UInt64(fields[19]) else { return nil }
        return ProcStat(command: command, state: state, startTime: start)
    }
}
