import CPython

/// The `gc` module's C functions, called without running any Python code and without
/// creating objects the walk would see: the module is found in `sys.modules` (not through
/// `__import__`, which a program may replace) and the C function is called straight from the
/// module's own method table, so a monkeypatched `gc.get_objects` is never called either.
enum GCModule {
    /// Calls the C function `gc.NAME()` and returns its result (new reference), or nil.
    static func call(_ name: String) -> UnsafeMutablePointer<PyObject>? {
        guard let moduleName = PyUnicode_FromString("gc") else {
            PyErr_Clear()
            return nil
        }
        defer { Py_DECREF(moduleName) }
        var module = PyImport_GetModule(moduleName)
        if module == nil {
            PyErr_Clear()
            module = PyImport_ImportModuleLevel("gc", nil, nil, nil, 0)
        }
        guard let module else {
            PyErr_Clear()
            return nil
        }
        defer { Py_DECREF(module) }
        guard rg_is_module(module) != 0, let definition = PyModule_GetDef(module),
            var method = definition.pointee.m_methods
        else {
            PyErr_Clear()
            return nil
        }
        while let methodName = method.pointee.ml_name {
            if String(cString: methodName) == name {
                let result = rg_call_method_def_noargs(method, module)
                if result == nil { PyErr_Clear() }
                return result
            }
            method += 1
        }
        return nil
    }
}
