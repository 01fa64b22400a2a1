import CPython
import HeapGraph

extension HeapWalker {
    /// The roots: modules of `sys.modules` (named by key), each thread's innermost frame
    /// (named by its `threading` name), and objects with more references than the recorded
    /// edges explain.
    /// - Complexity: O(objects + edges).
    static func findRoots(_ w: UnsafeMutablePointer<HeapWalk>, frames: ThreadFrames) -> [Root] {
        var roots: [Root] = []
        if let modules = PySys_GetObject("modules"), rg_is_dict(modules) != 0 {
            var position = 0
            var key: UnsafeMutablePointer<PyObject>?
            var value: UnsafeMutablePointer<PyObject>?
            while PyDict_Next(modules, &position, &key, &value) != 0 {
                guard let key, let value, let id = w.pointee.table.find(UInt(bitPattern: value)) else { continue }
                w.pointee.strings.scratch.appendStrRaw(key, limit: 1000)
                let name = w.pointee.strings.internScratch()
                roots.append(Root(object: ObjectID(rawValue: id), kind: .module, name: StringID(rawValue: name)))
            }
        }
        let names = threadNames()
        for thread in frames.threads {
            guard let id = w.pointee.table.find(UInt(bitPattern: thread.top)) else { continue }
            let name = w.pointee.strings.intern(names[thread.threadID] ?? "thread \(thread.threadID)")
            roots.append(
                Root(
                    object: ObjectID(rawValue: id),
                    kind: .threadFrame,
                    name: StringID(rawValue: name),
                    detail: thread.threadID
                )
            )
        }
        roots += Root.heldFromOutside(
            refcounts: w.pointee.buffers.refcounts.buffer,
            edgeTargets: w.pointee.buffers.edgeTargets.buffer
        )
        return roots
    }

    /// Thread id → `Thread._name` from `threading._active`, read from the objects' own
    /// storage (no attribute lookup, no user code); empty if `threading` was never imported.
    private static func threadNames() -> [UInt64: String] {
        guard let threading = LoadedModules.globals(of: "threading"),
            let active = rg_dict_get_str(threading, "_active"), rg_is_dict(active) != 0
        else { return [:] }
        var names: [UInt64: String] = [:]
        var position = 0
        var key: UnsafeMutablePointer<PyObject>?
        var value: UnsafeMutablePointer<PyObject>?
        while PyDict_Next(active, &position, &key, &value) != 0 {
            guard let key, let value, Py_IS_TYPE(key, rg_LongType()) != 0 else { continue }
            let ident = PyLong_AsUnsignedLongLong(key)
            if PyErr_Occurred() != nil {
                PyErr_Clear()
                continue
            }
            if let name = instanceAttribute(value, "_name"), rg_is_str(name) != 0 {
                names[ident] = PythonString.swiftString(name)
            }
        }
        return names
    }

    /// An attribute stored on the instance itself (inline values or its `__dict__`), found
    /// without descriptors or `__getattr__`.
    static func instanceAttribute(
        _ object: UnsafeMutablePointer<PyObject>,
        _ name: String
    ) -> UnsafeMutablePointer<PyObject>? {
        if let values = rg_managed_values(object), let keys = rg_cached_keys(Py_TYPE(object)) {
            for i in 0..<rg_keys_nentries(keys) {
                guard let key = rg_keys_key(keys, i), let value = values[i], rg_is_str_exact(key) != 0 else { continue }
                if PyUnicode_CompareWithASCIIString(key, name) == 0 { return value }
            }
            return nil
        }
        return rg_dict_get_str(rg_instance_dict(object), name)
    }
}
