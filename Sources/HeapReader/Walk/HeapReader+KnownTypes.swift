extension HeapReader {
    /// The types decoded by calibrated traverse tables, by address in the target, found once:
    /// exported type objects (or pointers to them) by symbol, extension types in their module's
    /// dict (as the agent finds them) when their `tp_name` agrees; the kinds of types known by
    /// `tp_name` and module only (`name|` ids) are kept apart for `namedKind`.
    func knownKinds() -> [UInt64: ObjectKind] {
        if let known = resolvedKinds { return known }
        var out: [UInt64: ObjectKind] = [:]
        var tables = layout.traverseTables
        if layout.extra("deque|BLOCKLEN") != nil, tables["module|_collections.deque"] == nil {
            tables["module|_collections.deque"] = []
        }
        for (id, fields) in tables {
            let parts = id.split(separator: "|", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            let kind = Self.kind(of: id, table: fieldTables.count)
            fieldTables.append(fields)
            var address: UInt64 = 0
            switch parts[0] {
            case "symbol": address = builtin(parts[1])
            case "pointer": address = builtin(parts[1]) == 0 ? 0 : (try? memory.word(builtin(parts[1]))) ?? 0
            case "module":
                // A module that cannot be read (damage) leaves its types opaque, not the heap.
                do throws(HeapReaderError) {
                    address = try moduleType(parts[1])
                } catch {
                    skipped["decoded type whose module could not be read", default: 0] += 1
                }
            case "name": namedKinds[parts[1]] = kind
            default: break
            }
            if address != 0 { out[address] = kind }
        }
        if let spec = try? moduleType("_frozen_importlib.ModuleSpec"), spec != 0 {
            subtypeTraverse = (try? field(spec, "PyTypeObject.tp_traverse")) ?? 0
        }
        resolvedKinds = out
        return out
    }

    /// How the objects of the type with that id hold references.
    static func kind(of id: String, table: Int) -> ObjectKind {
        switch id {
        case "module|_collections.deque": return .deque(table)
        case "module|_collections.defaultdict": return .defaultDict(table)
        case "symbol|PyODict_Type": return .orderedDict(table)
        case "module|_functools._lru_cache_wrapper": return .lruCache(table)
        default: return .fields(table)
        }
    }

    /// The type `MODULE.NAME` in the dict of module MODULE of `sys.modules`, if its `tp_name`
    /// agrees (ends in `.NAME` or starts with `MODULE.`), else 0.
    func moduleType(_ dotted: String) throws(HeapReaderError) -> UInt64 {
        guard let dot = dotted.lastIndex(of: ".") else { return 0 }
        let (moduleName, name) = (String(dotted[..<dot]), String(dotted[dotted.index(after: dot)...]))
        guard let module = try loadedModules()[moduleName] else { return 0 }
        guard try field(module, "PyObject.ob_type") == builtin("PyModule_Type"),
            let dict = try moduleDict(module)
        else { return 0 }
        for (key, value) in try dictEntries(dict) where (try? string(key)) == name {
            guard try typeRecordFlags(ofObject: value) & flag("Py_TPFLAGS_TYPE_SUBCLASS") != 0 else { return 0 }
            let typeName = try memory.cString(try field(value, "PyTypeObject.tp_name"), limit: 200)
            // Named so, or made by that module (`_thread.lock` is `_thread.LockType`).
            let agrees =
                typeName == name || typeName.hasSuffix("." + name) || typeName.hasPrefix(moduleName + ".")
            return agrees ? value : 0
        }
        return 0
    }

    /// `sys.modules` of the main interpreter, by name.
    func loadedModules() throws(HeapReaderError) -> [String: UInt64] {
        if let modules = modulesByName { return modules }
        var out: [String: UInt64] = [:]
        if let main = try interpreters().last {
            let modules = try field(main, "PyInterpreterState.modules")
            if modules != 0 {
                for (key, value) in try dictEntries(modules) {
                    if let name = try? string(key) { out[name] = value }
                }
            }
        }
        modulesByName = out
        return out
    }

    /// The kind of an extension's heap type known by its `tp_name` (`_abc._abc_data`) when the
    /// module it was made by has that module's name.
    func namedKind(_ type: UInt64) throws(HeapReaderError) -> ObjectKind? {
        _ = knownKinds()
        let typeName = try memory.cString(try field(type, "PyTypeObject.tp_name"), limit: 200)
        guard let kind = namedKinds[typeName], let dot = typeName.lastIndex(of: "."),
            layout.optional("PyHeapTypeObject.ht_module") != nil
        else { return nil }
        let module = try field(type, "PyHeapTypeObject.ht_module")
        guard module != 0, try field(module, "PyObject.ob_type") == builtin("PyModule_Type") else { return nil }
        let moduleName = try objectLabelText(module, type: try typeRecord(builtin("PyModule_Type"))).0
        return moduleName == String(typeName[..<dot]) ? kind : nil
    }
}
