import CPython

/// Turns the way a script ended into the status `python3` would exit with.
enum ScriptExit {
    /// Handles the pending exception of a finished script (GIL held): `SystemExit` keeps its
    /// code (None → 0, int → it, anything else printed to stderr → 1) without letting
    /// `PyErr_Print` call `exit()`; `KeyboardInterrupt` prints its traceback and gives 130;
    /// any other exception prints its traceback (through `sys.excepthook`, setting
    /// `sys.last_value` as Python does) and gives 1.
    static func handleUncaughtException() -> Int32 {
        guard let exception = PythonException.fetch() else { return 1 }
        if exception.matches(rg_ExcSystemExit()) {
            defer { exception.release() }
            return systemExitStatus(exception)
        }
        let interrupted = exception.matches(rg_ExcKeyboardInterrupt())
        exception.restore()
        PyErr_Print()
        return interrupted ? 130 : 1
    }

    private static func systemExitStatus(_ exception: PythonException) -> Int32 {
        guard let value = exception.value else { return 0 }
        guard let code = PyObject_GetAttrString(value, "code") else {
            PyErr_Clear()
            return 1
        }
        defer { Py_DECREF(code) }
        if code == rg_None() { return 0 }
        if rg_is_int(code) != 0 {
            let status = PyLong_AsLong(code)
            if status == -1 && PyErr_Occurred() != nil {
                PyErr_Clear()
                return -1
            }
            return Int32(truncatingIfNeeded: status)
        }
        if let stderr = PySys_GetObject("stderr"), stderr != rg_None() {
            PyFile_WriteObject(code, stderr, Py_PRINT_RAW)
            PyFile_WriteString("\n", stderr)
        } else if let text = PyObject_Str(code) {
            rg_write_stderr((PythonString.swiftString(text) ?? "") + "\n")
            Py_DECREF(text)
        }
        PyErr_Clear()
        return 1
    }
}
