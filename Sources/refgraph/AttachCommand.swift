import ArgumentParser
import Foundation
import ProcessAttach
import PythonAgent

/// `refgraph attach PID`: snapshot a running CPython process with no change to it, read from
/// outside (or, with `--inject`, by its own agent run through gdb).
struct AttachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach",
        abstract: "Snapshot the heap of a running Python process, without changing or restarting it.",
        discussion: """
            refgraph holds PID's threads still with ptrace while it copies the process's memory, \
            lets it run on, and reads the heap from the copy: the process runs no code of \
            refgraph's and allocates nothing, whatever it is doing (asleep, busy, blocked in \
            accept or read). Objects of types it does not decode are recorded without their \
            references, and 'refgraph info' says so. With --inject, gdb makes the process's main thread run refgraph's agent \
            instead, which sees C extension types through their own tp_traverse. Needs the right \
            to ptrace the process (its owner or root). CPython 3.8 to 3.13.
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

    @Flag(
        name: .long,
        help:
            "Inject the agent through gdb (needs gdb; the main thread must run Python code) instead of reading from outside."
    )
    var inject = false

    func validate() throws {
        guard pid > 0 else { throw ValidationError("'<pid>' must be a positive process id.") }
        guard timeout > 0, timeout.isFinite else {
            throw ValidationError("'--timeout' must be a positive number of seconds.")
        }
    }

    func run() throws {
        let path = snapshot ?? SnapshotPaths.default(forProcess: pid, at: Date())
        let summary: AttachSummary
        if inject {
            let request = AttachRequest(pid: pid, snapshotPath: path, timeout: timeout, agentPath: try AgentFile.path())
            summary = try ProcessAttacher.attach(request)
        } else {
            summary = try ProcessAttacher.readFromOutside(
                pid: pid,
                snapshotPath: path,
                timeout: timeout,
                whileStopped: Self.testHold
            )
        }
        Console.error(Summaries.line(for: summary, pid: pid))
    }

    /// For tests of what happens while the target is held: with `REFGRAPH_TEST_HOLD_STOPPED=S`,
    /// refgraph prints `held` on stdout once every thread is stopped and keeps them so for S
    /// seconds (a window to kill refgraph or the target in).
    private static func testHold() {
        guard let text = ProcessInfo.processInfo.environment["REFGRAPH_TEST_HOLD_STOPPED"],
            let seconds = Double(text), seconds > 0
        else { return }
        FileHandle.standardOutput.write(Data("held\n".utf8))
        Thread.sleep(forTimeInterval: seconds)
    }
}
