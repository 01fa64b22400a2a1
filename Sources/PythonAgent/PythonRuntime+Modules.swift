import CPython

extension PythonRuntime {
    /// Runs a Python file as a new module `moduleName`, registered in `sys.modules` so its
    /// objects stay alive afterwards (for tests and in-process hosts). Call with the GIL held.
    ///
    /// - Returns: the status `python3` would exit with (0, the `SystemExit` code, or 1 after
    ///   an uncaught exception, whose traceback is printed).
    /// - Throws: `PythonAgentError` if the file is unreadable or does not compile.
    public static func runScript(at path: String, moduleName: String) throws -> Int32 {
        let script = try MainScript(path: path)
        guard let module = PyImport_AddModule(moduleName), let globals = PyModule_GetDict(module) else {
            PyErr_Clear()
            throw PythonAgentError(.interpreter, "Could not create the module '\(moduleName)' for '\(path)'.")
        }
        if let file = PyUnicode_DecodeFSDefault(script.absolutePath) {
            PyDict_SetItemString(globals, "__file__", file)
            Py_DECREF(file)
        }
        if let builtins = PyEval_GetBuiltins() { PyDict_SetItemString(globals, "__builtins__", builtins) }
        PyErr_Clear()
        return try script.run(in: globals)
    }
}
