import ArgumentParser
import PythonAgent

/// `refgraph run`: run a script in the embedded interpreter and snapshot its heap when it ends.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a Python script and snapshot its heap when it ends.",
        discussion: """
            SCRIPT runs as __main__ in an embedded CPython, with the arguments that follow it as \
            sys.argv[1:]. When it ends (normally, by an exception, or by sys.exit) refgraph \
            writes a snapshot of the heap as it stands, then runs the script's atexit handlers \
            and exits with the script's status. The script may take more snapshots itself: \
            `import refgraph_agent; refgraph_agent.snapshot("after-warmup.rgs")`.
            """
    )

    @Option(name: .long, help: ArgumentHelp(
        "Where to write the snapshot (default: the script's name with .rgs, in the current folder).",
        valueName: "path"))
    var snapshot: String?

    @Option(name: .long, help: ArgumentHelp(
        "A virtualenv whose packages the script sees (default: $VIRTUAL_ENV, if set).",
        valueName: "dir"))
    var pythonEnv: String?

    @Flag(name: .long, help: "Run gc.collect() before each snapshot.")
    var collect = false

    @Argument(
        parsing: .captureForPassthrough,
        help: ArgumentHelp("The script to run, then its own arguments.", valueName: "script [args]"))
    var command: [String] = []

    func validate() throws {
        guard let script = command.first, !script.isEmpty else {
            throw ValidationError("Missing the script to run: refgraph run [options] SCRIPT [ARGS...].")
        }
        // The script's arguments are passed through untouched, so help is asked for here.
        if script == "--help" || script == "-h" { throw CleanExit.helpRequest(self) }
        if script.hasPrefix("-") {
            throw ValidationError("Unknown option '\(script)'; options go before the script.")
        }
    }

    func run() throws {
        let script = command[0]
        let options = ScriptRunOptions(
            script: script,
            arguments: Array(command.dropFirst()),
            snapshotPath: snapshot ?? SnapshotPaths.default(forScript: script),
            pythonEnvironment: pythonEnv,
            collectFirst: collect)
        let result = try ScriptRunner.run(options)
        if let summary = result.finalSnapshot {
            Console.error(Summaries.line(for: summary))
        }
        if result.exitStatus != 0 {
            throw ExitCode(result.exitStatus)
        }
    }
}
