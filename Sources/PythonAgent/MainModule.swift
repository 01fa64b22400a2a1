import CPython
import Foundation

/// A module run as `__main__` the way `python -m NAME` runs it: found by `runpy` (parent
/// packages imported, a package's `__main__` submodule chosen), then its code run in the
/// namespace of `__main__` with `__spec__`, `__file__` and `__loader__` set by `runpy`.
struct MainModule {
    /// The module's name as given (`pkg.tool`).
    var name: String

    /// Runs the module as `__main__` (GIL held): puts the working folder first on `sys.path`
    /// (as `python -m` does, unless `sys.flags.safe_path`), sets `sys.argv[0]` to the module's
    /// file and turns the way it ended into an exit status, printing a traceback the way
    /// `python3` does.
    ///
    /// - Throws: `PythonAgentError` `.scriptUnreadable` (one line) if no such module can be
    ///   run; nothing of the module has run then except its parent packages' imports.
    func runAsMain() throws -> Int32 {
        if !MainScript.safePath { PythonRuntime.appendToSysPath(FileManager.default.currentDirectoryPath, at: 0) }
        guard let runpy = PyImport_ImportModule("runpy") else {
            PyErr_Clear()
            throw PythonAgentError(.interpreter, "The embedded Python interpreter cannot import runpy.")
        }
        defer { Py_DECREF(runpy) }
        guard let details = call(runpy, "_get_module_details", [name], passing: "_Error") else {
            return try notRunnable(runpy)
        }
        defer { Py_DECREF(details) }
        guard rg_is_tuple(details) != 0, PyTuple_Size(details) == 3, let spec = PyTuple_GetItem(details, 1),
            let code = PyTuple_GetItem(details, 2), let main = PyImport_AddModule("__main__"),
            let globals = PyModule_GetDict(main)
        else {
            PyErr_Clear()
            throw PythonAgentError(.interpreter, "runpy gave no code for the module '\(name)'.")
        }
        if let origin = PyObject_GetAttrString(spec, "origin") {
            if let argv = PySys_GetObject("argv"), rg_is_list(argv) != 0 {
                PyList_SetItem(argv, 0, origin)
            } else {
                Py_DECREF(origin)
            }
        }
        PyErr_Clear()
        // runpy._run_code(code, globals, None, "__main__", spec), as _run_module_as_main calls it.
        guard let args = PyTuple_New(5) else {
            PyErr_Clear()
            throw PythonAgentError(.interpreter, "The embedded Python interpreter could not make an object.")
        }
        defer { Py_DECREF(args) }
        for (i, item) in [code, globals, rg_None(), spec].enumerated() {
            Py_INCREF(item)
            PyTuple_SetItem(args, i < 3 ? i : 4, item)
        }
        PyTuple_SetItem(args, 3, PyUnicode_FromString("__main__"))
        let result = PyObject_GetAttrString(runpy, "_run_code").flatMap { function in
            defer { Py_DECREF(function) }
            return PyObject_Call(function, args, nil)
        }
        let status: Int32
        if let result {
            Py_DECREF(result)
            status = 0
        } else {
            status = ScriptExit.handleUncaughtException()
        }
        PythonRuntime.flushStandardStreams()
        return status
    }

    /// `runpy.FUNCTION(*strings, runpy.ERROR)`: a new reference, or nil with the exception set.
    private func call(
        _ runpy: UnsafeMutablePointer<PyObject>,
        _ function: String,
        _ strings: [String],
        passing error: String
    ) -> UnsafeMutablePointer<PyObject>? {
        guard let callable = PyObject_GetAttrString(runpy, function) else { return nil }
        defer { Py_DECREF(callable) }
        guard let errorType = PyObject_GetAttrString(runpy, error) else { return nil }
        guard let args = PyTuple_New(strings.count + 1) else {
            Py_DECREF(errorType)
            return nil
        }
        defer { Py_DECREF(args) }
        for (i, string) in strings.enumerated() { PyTuple_SetItem(args, i, PyUnicode_FromString(string)) }
        PyTuple_SetItem(args, strings.count, errorType)
        return PyObject_Call(callable, args, nil)
    }

    /// After `_get_module_details` failed: runpy's own error (no such module, a package with
    /// no `__main__`, ...) becomes one line; anything else a parent package raised is an
    /// uncaught exception of the run, with its traceback and status.
    private func notRunnable(_ runpy: UnsafeMutablePointer<PyObject>) throws -> Int32 {
        guard let exception = PythonException.fetch() else { return 1 }
        let errorType = PyObject_GetAttrString(runpy, "_Error")
        defer { Py_XDECREF(errorType) }
        guard let errorType, exception.matches(errorType) else {
            PyErr_Clear()
            exception.restore()
            let status = ScriptExit.handleUncaughtException()
            PythonRuntime.flushStandardStreams()
            return status
        }
        defer { exception.release() }
        let message = exception.valueString ?? "No module named \(name)"
        throw PythonAgentError(
            .scriptUnreadable,
            PythonAgentError.sentence("Cannot run the module '\(name)': \(message)")
        )
    }
}
