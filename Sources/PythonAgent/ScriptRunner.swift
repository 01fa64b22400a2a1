import CPython
import Foundation
import HeapGraph

/// Runs a user's script in the embedded interpreter like `python3 SCRIPT ARGS...` and
/// snapshots the heap when it ends.
public enum ScriptRunner {
    /// Runs `options.script` as `__main__` and writes the end-of-run snapshot.
    ///
    /// The script's folder is `sys.path[0]`; `sys.argv` is `[script, *arguments]`; stdout and
    /// stderr pass through. When the script ends — normally, by an uncaught exception (its
    /// traceback printed as Python prints it) or by `SystemExit` (its code kept) — the heap
    /// is captured and written to `options.snapshotPath`, and only then is the interpreter
    /// finalized, so `atexit` handlers run after the snapshot. A relative `snapshotPath` is
    /// relative to the working directory when `run` is called. One run per process.
    ///
    /// - Returns: the status `python3` would exit with, and the snapshot's summary.
    /// - Throws: `PythonAgentError` if the script is unreadable or does not compile (no
    ///   snapshot then), the Python environment cannot be used, the interpreter cannot
    ///   start, or the snapshot cannot be written.
    ///
    /// With `options.runsModule`, the module runs as `python3 -m` runs it (`MainModule`):
    /// the working folder is `sys.path[0]` and `sys.argv[0]` the module's file.
    public static func run(_ options: ScriptRunOptions) throws -> ScriptRunResult {
        let script = options.runsModule ? nil : try MainScript(path: options.script)
        // Resolved now: the script may change the working directory before it ends.
        let snapshotPath =
            options.snapshotPath.hasPrefix("/")
            ? options.snapshotPath : FileManager.default.currentDirectoryPath + "/" + options.snapshotPath
        try SnapshotWriter.checkDestination(snapshotPath, reportedPath: options.snapshotPath)
        let environment = try PythonEnvironment.resolve(option: options.pythonEnvironment)
        // `python3 -m` shows "-m" as sys.argv[0] until the module is found.
        let argv0 = options.runsModule ? "-m" : options.script
        try PythonRuntime.startForScript(argv: [argv0] + options.arguments, environment: environment)
        var status: Int32 = 0
        var summary: CaptureSummary?
        var failure: Error?
        do {
            status = try script?.runAsMain() ?? MainModule(name: options.script).runAsMain()
            summary = try SnapshotWriter.captureAndWrite(
                to: snapshotPath,
                reportedPath: options.snapshotPath,
                collectFirst: options.collectFirst
            )
        } catch {
            failure = error
        }
        PythonRuntime.flushStandardStreams()
        let finalized = PythonRuntime.finalizeScript()
        fflush(nil)
        if let failure { throw failure }
        if finalized < 0 && status == 0 { status = 120 }
        return ScriptRunResult(exitStatus: status, finalSnapshot: summary)
    }
}
