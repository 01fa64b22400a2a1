import CPython

/// Modules the program has already imported, read from `sys.modules` and the module's own
/// dict: no import, no attribute lookup, no user code.
enum LoadedModules {
    /// The dict of the module `name` in `sys.modules`, or nil if it is not loaded (or is not
    /// a module object). Needs the GIL.
    static func globals(of name: String) -> UnsafeMutablePointer<PyObject>? {
        guard let modules = PySys_GetObject("modules"), let module = rg_dict_get_str(modules, name),
            rg_is_module(module) != 0
        else { return nil }
        return rg_module_dict(module)
    }
}
