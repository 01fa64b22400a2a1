import ArgumentParser
import Foundation
import ProcessAttach
import PythonAgent

/// `refgraph attach PID`: snapshot a running CPython process through gdb, with no change to it.
struct AttachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach",
        abstract: "Snapshot the heap of a running Python process, without changing or restarting it.",
        discussion: """
            refgraph attaches gdb to PID for a fraction of a second to schedule its agent, which \
            the process's main thread then runs between two bytecodes; the process keeps running. \
            Needs gdb and the right to ptrace the process (its owner or root). CPython 3.8 to 3.13.
            """
    )

    @Argument(help: ArgumentHelp("The process id of a running CPython process.", valueName: "pid"))
    var pid: Int32

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Where to write the snapshot (default: refgraph-PID-YYYYMMDD-HHMMSS.rgs in the current folder).",
            valueName: "path"
        )
    )
    var snapshot: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Give up after this many seconds if the snapshot is not done.",
            valueName: "seconds"
        )
    )
    var timeout: Double = 30

    func validate() throws {
        guard pid > 0 else { throw ValidationError("'<pid>' must be a positive process id.") }
        guard timeout > 0, timeout.isFinite else {
            throw ValidationError("'--timeout' must be a positive number of seconds.")
        }
    }

    func run() throws {
        let agent = try AgentFile.path()
        let request = AttachRequest(
            pid: pid,
            snapshotPath: snapshot ?? SnapshotPaths.default(forProcess: pid, at: Date()),
            timeout: timeout,
            agentPath: agent
        )
        Console.error(Summaries.line(for: try ProcessAttacher.attach(request), pid: pid))
    }
}
