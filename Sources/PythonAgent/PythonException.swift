import CPython

/// A fetched (normalized) Python exception, owned until `release()` or `restore()`.
struct PythonException {
    var type: UnsafeMutablePointer<PyObject>?
    var value: UnsafeMutablePointer<PyObject>?
    var traceback: UnsafeMutablePointer<PyObject>?

    /// Takes the pending exception, or nil if none is set.
    static func fetch() -> PythonException? {
        var type: UnsafeMutablePointer<PyObject>?
        var value: UnsafeMutablePointer<PyObject>?
        var traceback: UnsafeMutablePointer<PyObject>?
        PyErr_Fetch(&type, &value, &traceback)
        guard type != nil else { return nil }
        PyErr_NormalizeException(&type, &value, &traceback)
        if let traceback, let value { PyException_SetTraceback(value, traceback) }
        return PythonException(type: type, value: value, traceback: traceback)
    }

    func release() {
        Py_XDECREF(type)
        Py_XDECREF(value)
        Py_XDECREF(traceback)
    }

    /// Sets it as the pending exception again (the references pass to Python).
    func restore() { PyErr_Restore(type, value, traceback) }

    func matches(_ exceptionType: UnsafeMutablePointer<PyObject>) -> Bool {
        guard let type else { return false }
        return PyErr_GivenExceptionMatches(type, exceptionType) != 0
    }

    /// The exception class's `__name__`.
    var typeName: String {
        guard let type, rg_is_type(type) != 0 else { return "Exception" }
        return type.withMemoryRebound(to: PyTypeObject.self, capacity: 1) { t in
            let full = String(cString: t.pointee.tp_name)
            return full.split(separator: ".").last.map(String.init) ?? full
        }
    }

    /// `str(value)` (the exception's own `__str__`; used only for exceptions from the user's run).
    var valueString: String? {
        guard let value, let text = PyObject_Str(value) else {
            PyErr_Clear()
            return nil
        }
        defer { Py_DECREF(text) }
        return PythonString.swiftString(text)
    }

    func attributeString(_ name: String) -> String? {
        guard let value, let attribute = PyObject_GetAttrString(value, name) else {
            PyErr_Clear()
            return nil
        }
        defer { Py_DECREF(attribute) }
        guard rg_is_str(attribute) != 0 else { return nil }
        return PythonString.swiftString(attribute)
    }

    func attributeInt(_ name: String) -> Int? {
        guard let value, let attribute = PyObject_GetAttrString(value, name) else {
            PyErr_Clear()
            return nil
        }
        defer { Py_DECREF(attribute) }
        guard rg_is_int(attribute) != 0 else { return nil }
        let n = PyLong_AsLong(attribute)
        if n == -1 && PyErr_Occurred() != nil {
            PyErr_Clear()
            return nil
        }
        return n
    }
}

/// Converting Python str objects to Swift strings.
enum PythonString {
    /// The UTF-8 of an exact or subclassed str (no user code runs); lone surrogates are replaced.
    static func swiftString(_ object: UnsafeMutablePointer<PyObject>) -> String? {
        var length = 0
        if let utf8 = PyUnicode_AsUTF8AndSize(object, &length) {
            return utf8.withMemoryRebound(to: UInt8.self, capacity: length) {
                String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
            }
        }
        PyErr_Clear()
        guard let bytes = PyUnicode_AsEncodedString(object, "utf-8", "replace") else {
            PyErr_Clear()
            return nil
        }
        defer { Py_DECREF(bytes) }
        return String(cString: PyBytes_AsString(bytes))
    }
}
