import CPython
import Foundation
import Synchronization

/// The one embedded CPython interpreter of this process.
///
/// `ScriptRunner` starts it, runs a script on the calling thread and finalizes it. Other
/// in-process users (tests, a library host) call `startShared()` once: it starts the
/// interpreter, releases the GIL, and `withGIL` takes the GIL per use. An interpreter that
/// was finalized is not started again.
public enum PythonRuntime {
    private enum Phase { case notStarted, running, finalized }
    private struct State: ~Copyable {
        var phase = Phase.notStarted
        /// The thread state `PyEval_SaveThread` returned after a shared start.
        var sharedStarted = false
    }
    private static let state = Mutex(State())

    /// Starts the interpreter for in-process use if it is not running yet (idempotent), with
    /// the GIL released afterwards. `sys.argv` is `arguments`.
    ///
    /// - Throws: `PythonAgentError` (`.interpreter`) if it cannot start or was finalized.
    public static func startShared(arguments: [String] = ["refgraph"]) throws {
        try state.withLock { state in
            if state.sharedStarted { return }
            guard state.phase == .notStarted else {
                throw PythonAgentError(
                    .interpreter,
                    "The embedded Python interpreter was already used by a script run and cannot be started again in this process."
                )
            }
            try initialize(argv: arguments, environment: nil)
            state.phase = .running
            state.sharedStarted = true
            _ = PyEval_SaveThread()
        }
    }

    /// Runs `body` holding the GIL (on any thread) and returns its result.
    ///
    /// - Precondition: the interpreter is running (`startShared()`).
    public static func withGIL<T>(_ body: () throws -> T) rethrows -> T {
        let gil = PyGILState_Ensure()
        defer { PyGILState_Release(gil) }
        return try body()
    }

    /// Marks the interpreter as started for a script run (GIL held by the caller).
    static func startForScript(argv: [String], environment: PythonEnvironment?) throws {
        try state.withLock { state in
            guard state.phase == .notStarted else {
                throw PythonAgentError(
                    .interpreter,
                    "The embedded Python interpreter was already started in this process; run one script per process."
                )
            }
            try initialize(argv: argv, environment: environment)
            state.phase = .running
        }
    }

    /// Finalizes a script run's interpreter (runs atexit handlers). Returns `Py_FinalizeEx`'s result.
    static func finalizeScript() -> Int32 {
        state.withLock { state in
            state.phase = .finalized
            return Py_FinalizeEx()
        }
    }

    /// Starts CPython with a non-isolated config (PYTHON* variables honoured as by `python3`),
    /// Ctrl-C raising KeyboardInterrupt, the `_refgraph` module built in and `refgraph_agent`
    /// importable. Leaves the calling thread holding the GIL.
    private static func initialize(argv: [String], environment: PythonEnvironment?) throws {
        AgentModule.register()
        let config = UnsafeMutablePointer<PyConfig>.allocate(capacity: 1)
        defer { config.deallocate() }
        PyConfig_InitPythonConfig(config)
        defer { PyConfig_Clear(config) }
        config.pointee.install_signal_handlers = 1
        config.pointee.parse_argv = 0
        try check(setArgv(config, argv), "set sys.argv")
        if let executable = environment?.configExecutable ?? BaseInterpreter.executable {
            try check(rg_config_set_executable(config, executable), "set the executable")
        }
        try check(Py_InitializeFromConfig(config), "start")
        try afterStart(environment: environment)
    }

    private static func setArgv(_ config: UnsafeMutablePointer<PyConfig>, _ argv: [String]) -> PyStatus {
        let cStrings = argv.map { strdup($0) }
        defer { for string in cStrings { free(string) } }
        return cStrings.withUnsafeBufferPointer { buffer in
            rg_config_set_argv(config, buffer.count, buffer.baseAddress)
        }
    }

    private static func check(_ status: PyStatus, _ what: String) throws {
        guard PyStatus_Exception(status) != 0 else { return }
        let detail =
            (status.err_msg.map { String(cString: $0) } ?? "unknown error")
            + (status.func.map { " (in \(String(cString: $0)))" } ?? "")
        throw PythonAgentError(
            .interpreter,
            "The embedded Python interpreter could not \(what): \(PythonAgentError.sentence(detail))"
        )
    }

    /// Puts the bundled `refgraph_agent.py` on `sys.path` and adds an out-of-tree
    /// environment's site-packages.
    private static func afterStart(environment: PythonEnvironment?) throws {
        if case let .success(agentDirectory) = AgentModule.agentDirectory {
            appendToSysPath(agentDirectory)
        }
        if let site = environment?.sitePackagesToAdd {
            guard let module = PyImport_ImportModule("site"),
                let addsitedir = PyObject_GetAttrString(module, "addsitedir"),
                let argument = PyUnicode_FromString(site)
            else {
                PyErr_Clear()
                throw PythonAgentError(.pythonEnvironment, "Could not add '\(site)' to sys.path with site.addsitedir.")
            }
            let result = PyObject_CallOneArg(addsitedir, argument)
            Py_XDECREF(result)
            Py_DECREF(argument)
            Py_DECREF(addsitedir)
            Py_DECREF(module)
            if result == nil {
                PyErr_Clear()
                throw PythonAgentError(.pythonEnvironment, "Could not add '\(site)' to sys.path with site.addsitedir.")
            }
        }
    }

    /// Inserts `directory` into `sys.path` at `index`, or appends it when `index` is nil.
    static func appendToSysPath(_ directory: String, at index: Int? = nil) {
        guard let path = PySys_GetObject("path"), let item = PyUnicode_FromString(directory) else {
            PyErr_Clear()
            return
        }
        if let index { PyList_Insert(path, index, item) } else { PyList_Append(path, item) }
        Py_DECREF(item)
        PyErr_Clear()
    }

    /// Flushes Python's `sys.stdout`/`sys.stderr` and C's streams, so output stays in order
    /// when control passes between Python and Swift.
    static func flushStandardStreams() {
        for name in ["stdout", "stderr"] {
            guard let stream = PySys_GetObject(name), stream != rg_None() else { continue }
            if let flush = PyObject_GetAttrString(stream, "flush") {
                Py_XDECREF(PyObject_CallNoArgs(flush))
                Py_DECREF(flush)
            }
            PyErr_Clear()
        }
        fflush(nil)
    }
}
