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
            `import refgraph_agent; refgraph_agent.snapshot("after-warmup.rgs")`. With -m, the \
            first argument names a module, run as `python3 -m MODULE` runs it: sys.argv[0] is \
            its file and sys.path[0] the current folder.
            """
    )

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Where to write the snapshot (default: the script's name with .rgs, in the current folder).",
            valueName: "path"
        )
    )
    var snapshot: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A virtualenv whose packages the script sees (default: $VIRTUAL_ENV, if set).",
            valueName: "dir"
        )
    )
    var pythonEnv: String?

    @Flag(name: .long, help: "Run gc.collect() before each snapshot.")
    var collect = false

    @Flag(
        name: .customShort("m"),
        help: ArgumentHelp(
            "Run a module as python3 -m does: the first argument is its name (default snapshot: the name with .rgs)."
        )
    )
    var module = false

    @Argument(
        parsing: .captureForPassthrough,
        help: ArgumentHelp(
            "The script (with -m, the module) to run, then its own arguments.",
            valueName: "script [args]"
        )
    )
    var command: [String] = []

    func validate() throws {
        guard let script = command.first, !script.isEmpty else {
            throw ValidationError(
                module
                    ? "Missing the module to run: refgraph run [options] -m MODULE [ARGS...]."
                    : "Missing the script to run: refgraph run [options] SCRIPT [ARGS...]."
            )
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
            snapshotPath: snapshot ?? (module ? script + ".rgs" : SnapshotPaths.default(forScript: script)),
            pythonEnvironment: pythonEnv,
            collectFirst: collect,
            runsModule: module
        )
        let result = try ScriptRunner.run(options)
        if let summary = result.finalSnapshot {
            Console.error(Summaries.line(for: summary))
        }
        if result.exitStatus != 0 {
            throw ExitCode(result.exitStatus)
        }
    }
}
