/// How `ScriptRunner.run` runs a script: like `python3 SCRIPT ARGS...` (or `python3 -m
/// MODULE ARGS...`), plus where the end-of-run snapshot goes.
public struct ScriptRunOptions: Sendable, Equatable {
    /// The script's path as given; it becomes `sys.argv[0]`. With `runsModule`, the name of
    /// the module to run.
    public var script: String
    /// Run `script` as a module, the way `python3 -m MODULE ARGS...` does (`-m`).
    public var runsModule: Bool
    /// `sys.argv[1...]`.
    public var arguments: [String]
    /// Where the snapshot taken when the script ends is written.
    public var snapshotPath: String
    /// A virtual environment directory (`--python-env`), or nil to honour `VIRTUAL_ENV`.
    public var pythonEnvironment: String?
    /// Run `gc.collect()` before each snapshot (`--collect`).
    public var collectFirst: Bool

    public init(
        script: String,
        arguments: [String] = [],
        snapshotPath: String,
        pythonEnvironment: String? = nil,
        collectFirst: Bool = false,
        runsModule: Bool = false
    ) {
        self.script = script
        self.runsModule = runsModule
        self.arguments = arguments
        self.snapshotPath = snapshotPath
        self.pythonEnvironment = pythonEnvironment
        self.collectFirst = collectFirst
    }
}

/// What one written snapshot holds.
public struct CaptureSummary: Sendable, Equatable {
    /// The path the snapshot was written to, as the caller gave it.
    public var path: String
    public var objects: Int
    public var edges: Int
    /// The total of all shallow sizes.
    public var totalBytes: UInt64
    /// Seconds from the start of the walk to the end of the write.
    public var seconds: Double
    /// Seconds of those spent writing the file.
    public var writeSeconds: Double

    public init(path: String, objects: Int, edges: Int, totalBytes: UInt64, seconds: Double, writeSeconds: Double) {
        self.path = path
        self.objects = objects
        self.edges = edges
        self.totalBytes = totalBytes
        self.seconds = seconds
        self.writeSeconds = writeSeconds
    }
}

/// How a script run ended.
public struct ScriptRunResult: Sendable, Equatable {
    /// The status `python3` would exit with: 0, the `SystemExit` code, 1 after an uncaught
    /// exception, 130 after an uncaught `KeyboardInterrupt`, 120 if flushing at exit failed.
    public var exitStatus: Int32
    /// The end-of-run snapshot.
    public var finalSnapshot: CaptureSummary?

    public init(exitStatus: Int32, finalSnapshot: CaptureSummary?) {
        self.exitStatus = exitStatus
        self.finalSnapshot = finalSnapshot
    }
}
