import CPython
import Foundation

/// A script read from disk, ready to compile and run in a module's namespace.
struct MainScript {
    /// The path as the user gave it (used in messages and `sys.argv[0]`).
    var path: String
    /// The absolute path (`__file__`, `co_filename`, tracebacks).
    var absolutePath: String
    /// The script's folder after resolving symlinks (`sys.path[0]`).
    var folder: String
    /// The source, NUL-terminated.
    var source: [CChar]

    /// Reads the script.
    ///
    /// - Throws: `PythonAgentError` `.scriptUnreadable` naming `path`.
    init(path: String) throws {
        self.path = path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw PythonAgentError(.scriptUnreadable, "The script '\(path)' does not exist.")
        }
        guard !isDirectory.boolValue else {
            throw PythonAgentError(.scriptUnreadable, "The script '\(path)' is a directory, not a Python file.")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PythonAgentError(.scriptUnreadable, "The script '\(path)' cannot be read.")
        }
        guard !data.contains(0) else {
            throw PythonAgentError(.syntaxError, "'\(path)': SyntaxError: source code cannot contain null bytes.")
        }
        source = data.map { CChar(bitPattern: $0) } + [0]
        let url = URL(fileURLWithPath: path).standardizedFileURL
        absolutePath = url.path
        folder = url.resolvingSymlinksInPath().deletingLastPathComponent().path
    }

    /// Compiles and runs the script as `__main__` (GIL held): sets `__file__`, `__cached__`,
    /// `__loader__`, puts its folder first on `sys.path`, and turns the way it ended into an
    /// exit status, printing a traceback the way `python3` does.
    ///
    /// - Throws: `PythonAgentError` `.syntaxError` (one line) if it does not compile.
    func runAsMain() throws -> Int32 {
        if !Self.safePath { PythonRuntime.appendToSysPath(folder, at: 0) }
        guard let main = PyImport_AddModule("__main__"), let globals = PyModule_GetDict(main) else {
            PyErr_Clear()
            throw PythonAgentError(.interpreter, "The embedded Python interpreter has no __main__ module.")
        }
        setMainAttributes(globals)
        return try run(in: globals)
    }

    /// Compiles and runs the script with `globals` as its namespace (GIL held).
    func run(in globals: UnsafeMutablePointer<PyObject>) throws -> Int32 {
        guard let code = Py_CompileStringExFlags(source, absolutePath, Py_file_input, nil, -1) else {
            throw compileError()
        }
        let result = PyEval_EvalCode(code, globals, globals)
        Py_DECREF(code)
        if let result {
            Py_DECREF(result)
            PythonRuntime.flushStandardStreams()
            return 0
        }
        let status = ScriptExit.handleUncaughtException()
        PythonRuntime.flushStandardStreams()
        return status
    }

    private func setMainAttributes(_ globals: UnsafeMutablePointer<PyObject>) {
        if let file = PyUnicode_DecodeFSDefault(absolutePath) {
            PyDict_SetItemString(globals, "__file__", file)
            if let loader = Self.sourceFileLoader(file) {
                PyDict_SetItemString(globals, "__loader__", loader)
                Py_DECREF(loader)
            }
            Py_DECREF(file)
        }
        PyDict_SetItemString(globals, "__cached__", rg_None())
        PyErr_Clear()
    }

    /// `sys.flags.safe_path` (`-P`, `PYTHONSAFEPATH`): then the script's folder (or for a
    /// module, the working folder) is not put on `sys.path`, as `python3` does.
    static var safePath: Bool {
        guard let flags = PySys_GetObject("flags"), let value = PyObject_GetAttrString(flags, "safe_path") else {
            PyErr_Clear()
            return false
        }
        defer { Py_DECREF(value) }
        return PyObject_IsTrue(value) == 1
    }

    /// `SourceFileLoader('__main__', file)`, as `python3` sets for a script.
    private static func sourceFileLoader(_ file: UnsafeMutablePointer<PyObject>) -> UnsafeMutablePointer<PyObject>? {
        guard let modules = PySys_GetObject("modules"),
            let external = PyDict_GetItemString(modules, "_frozen_importlib_external"),
            let loaderType = PyObject_GetAttrString(external, "SourceFileLoader")
        else { return nil }
        defer { Py_DECREF(loaderType) }
        guard let name = PyUnicode_FromString("__main__"), let args = PyTuple_New(2) else { return nil }
        PyTuple_SetItem(args, 0, name)
        Py_INCREF(file)
        PyTuple_SetItem(args, 1, file)
        defer { Py_DECREF(args) }
        return PyObject_Call(loaderType, args, nil)
    }

    /// The one-line message of the pending SyntaxError, e.g.
    /// `'bad.py', line 3: SyntaxError: invalid syntax.`; clears the error.
    private func compileError() -> PythonAgentError {
        guard let exception = PythonException.fetch() else {
            return PythonAgentError(.syntaxError, "'\(path)' could not be compiled.")
        }
        defer { exception.release() }
        let typeName = exception.typeName
        let message = exception.attributeString("msg") ?? exception.valueString ?? ""
        let line = exception.attributeInt("lineno")
        let location = line.map { "'\(path)', line \($0)" } ?? "'\(path)'"
        return PythonAgentError(.syntaxError, PythonAgentError.sentence("\(location): \(typeName): \(message)"))
    }
}
