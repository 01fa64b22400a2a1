import HeapGraph

extension HeapReader {
    func flag(_ name: String) -> UInt64 { layout.optional(name).map { UInt64($0) } ?? 0 }

    /// What the walk knows about the type at `address`, read once.
    @inline(__always)
    func typeRecord(_ address: UInt64) throws(HeapReaderError) -> TypeRecord {
        if lastType.address == address && address != 0 { return typeList[lastType.index] }
        // Address 0 marks the table's empty slots: a null type (damage) is no type.
        guard address != 0 else { throw HeapReaderError(.inconsistent, "An object has no type.") }
        if let index = typeTable.find(UInt(address)) {
            lastType = (address, Int(index))
            return typeList[Int(index)]
        }
        return try newTypeRecord(address)
    }

    /// `typeRecord` of a type not seen before: read and kept.
    @inline(never)
    private func newTypeRecord(_ address: UInt64) throws(HeapReaderError) -> TypeRecord {
        let flags = try field(address, "PyTypeObject.tp_flags")
        let isHeap = flags & flag("Py_TPFLAGS_HEAPTYPE") != 0
        let (module, name) = try typeNames(address, flags: flags)
        let known = knownKinds()
        var base = address
        var slots: [(offset: Int, label: UInt32)] = []
        var steps = 0
        // Up the classes whose traverse is subtype_traverse (or inherited unchanged) to the C
        // type whose traverse lists the rest: a static type, or an extension's heap type.
        while known[base] == nil, try field(base, "PyTypeObject.tp_flags") & flag("Py_TPFLAGS_HEAPTYPE") != 0 {
            let traverse = try field(base, "PyTypeObject.tp_traverse")
            let parent = try field(base, "PyTypeObject.tp_base")
            steps += 1
            guard parent != 0, steps < 1000 else {
                throw HeapReaderError(.inconsistent, "The bases of type \(name) do not end in a static type.")
            }
            if subtypeTraverse != 0 && traverse == subtypeTraverse {
                slots += try slotMembers(base).map { ($0.offset, label($0.label)) }
            } else if traverse != 0, try field(parent, "PyTypeObject.tp_traverse") != traverse {
                break
            }
            base = parent
        }
        let baseFlags = try field(base, "PyTypeObject.tp_flags")
        var staticKind: ObjectKind
        if let kind = known[base] {
            staticKind = kind
        } else if let fields = try structSequenceFields(base) {
            staticKind = .structSequence(fields)
        } else if baseFlags & flag("Py_TPFLAGS_HEAPTYPE") != 0 {
            staticKind = try namedKind(base) ?? .opaque
        } else {
            staticKind = try self.staticKind(base, flags: baseFlags)
        }
        let ownTraverse = try field(address, "PyTypeObject.tp_traverse")
        // Objects of a type outside the gc have references no gc traverse ever lists: the
        // agent, which asks the gc, records none, and neither does the reader.
        if flags & flag("Py_TPFLAGS_HAVE_GC") == 0 && staticKind == .opaque { staticKind = .atom }
        let basicSize = try memory.signedWord(address &+ UInt64(layout["PyTypeObject.tp_basicsize"]))
        let itemSize = try memory.signedWord(address &+ UInt64(layout["PyTypeObject.tp_itemsize"]))
        let dictOffset = try memory.signedWord(address &+ UInt64(layout["PyTypeObject.tp_dictoffset"]))
        guard (0..<(1 << 32)).contains(basicSize), (0..<(1 << 20)).contains(itemSize),
            (-(1 << 32)..<(1 << 32)).contains(dictOffset)
        else {
            throw HeapReaderError(.inconsistent, "Type \(name) has sizes out of range.")
        }
        // A class without a traverse function lists nothing, whatever its bases.
        let listsNothing = isHeap && ownTraverse == 0
        var record = TypeRecord(
            address: address,
            index: UInt32(typeList.count),
            flags: flags,
            basicSize: Int(basicSize),
            itemSize: Int(itemSize),
            dictOffset: Int(dictOffset),
            kind: listsNothing ? .atom : staticKind,
            isInstance: !listsNothing && base != address,
            label: labelKind(base, flags: baseFlags, exact: address),
            hasSlots: !slots.isEmpty,
            cachedKeys: isHeap ? try field(address, "PyHeapTypeObject.ht_cached_keys") : 0,
            isHeap: isHeap,
            isGC: flags & flag("Py_TPFLAGS_HAVE_GC") != 0,
            base: base
        )
        if layout.minor >= 9, base != address, baseFlags & flag("Py_TPFLAGS_HEAPTYPE") != 0 {
            record.baseListsClass = try field(base, "PyTypeObject.tp_traverse") != 0
        }
        var objectFlags: ObjectFlags = []
        if base == builtin("PyModule_Type") { objectFlags.insert(.module) }
        if flags & flag("Py_TPFLAGS_TYPE_SUBCLASS") != 0 { objectFlags.insert(.typeObject) }
        if address == builtin("PyFrame_Type") { objectFlags.insert(.frame) }
        if [builtin("PyFunction_Type"), builtin("PyMethod_Type"), builtin("PyCFunction_Type"), builtin("PyCode_Type")]
            .contains(address)
        {
            objectFlags.insert(.function)
        }
        let weak = ["_PyWeakref_RefType", "_PyWeakref_ProxyType", "_PyWeakref_CallableProxyType"].map(builtin)
        if weak.contains(base) { objectFlags.insert(.weakReference) }
        record.objectFlags = objectFlags.rawValue
        _ = typeTable.findOrInsert(UInt(address), record.index)
        typeList.append(record)
        typeNames.append((module, name))
        typeSlots.append(slots)
        return record
    }

    /// (module, qualified name) as the agent records them: a class's `__module__` from its own
    /// dict and its `__qualname__`; a static type's `tp_name` split at its last dot.
    func typeNames(_ address: UInt64, flags: UInt64) throws(HeapReaderError) -> (String, String) {
        if flags & flag("Py_TPFLAGS_HEAPTYPE") != 0 {
            let name = (try? string(try field(address, "PyHeapTypeObject.ht_qualname"))) ?? "?"
            var module = "builtins"
            let dict = try typeDict(address, flags: flags)
            if dict != 0, let entries = try? dictEntries(dict) {
                for (key, value) in entries where (try? string(key)) == "__module__" {
                    if try typeRecordFlags(ofObject: value) & flag("Py_TPFLAGS_UNICODE_SUBCLASS") != 0 {
                        module = try string(value)
                    }
                }
            }
            return (module, name)
        }
        let full = try memory.cString(try field(address, "PyTypeObject.tp_name"), limit: 4096)
        guard let dot = full.lastIndex(of: ".") else { return ("builtins", full) }
        return (String(full[..<dot]), String(full[full.index(after: dot)...]))
    }

    /// The `tp_flags` of an object's type.
    func typeRecordFlags(ofObject object: UInt64) throws(HeapReaderError) -> UInt64 {
        try field(try field(object, "PyObject.ob_type"), "PyTypeObject.tp_flags")
    }

    /// A type's `__dict__`: `tp_dict`, or for 3.12+ static built-in types the interpreter's copy.
    func typeDict(_ address: UInt64, flags: UInt64) throws(HeapReaderError) -> UInt64 {
        let dict = try field(address, "PyTypeObject.tp_dict")
        let staticBuiltin = flag("_Py_TPFLAGS_STATIC_BUILTIN")
        guard dict == 0, staticBuiltin != 0, flags & staticBuiltin != 0, let main = try interpreters().last else {
            return dict
        }
        let index = try field(address, "PyTypeObject.tp_subclasses")
        guard index >= 1, index <= 1000 else { return 0 }
        let state =
            main &+ UInt64(layout["PyInterpreterState.types.builtins"])
            &+ (index - 1) * UInt64(layout["sizeof(static_builtin_state)"])
        return try memory.word(state &+ UInt64(layout["static_builtin_state.tp_dict"]))
    }

    /// The `__slots__` of one class (`T_OBJECT_EX` members), as subtype_traverse visits them.
    func slotMembers(_ type: UInt64) throws(HeapReaderError) -> [(offset: Int, label: String)] {
        let count = try memory.signedWord(type &+ UInt64(layout["PyVarObject.ob_size"]))
        guard count > 0 else { return [] }
        guard count < 10_000 else { throw HeapReaderError(.inconsistent, "A class has \(count) slots.") }
        let members = try field(type, "PyTypeObject.tp_members")
        var out: [(offset: Int, label: String)] = []
        let size = UInt64(layout["sizeof(PyMemberDef)"])
        for i in 0..<UInt64(count) {
            let member = members &+ i * size
            let kind = try memory.load(member &+ UInt64(layout["PyMemberDef.type"]), as: Int32.self)
            guard Int(kind) == layout["T_OBJECT_EX"] else { continue }
            let name = try memory.cString(try memory.word(member &+ UInt64(layout["PyMemberDef.name"])), limit: 40)
            out.append((try memberOffset(member), "." + name))
        }
        return out
    }

    /// The offset of a member (`PyMemberDef.offset`) within its object: below 2^32, as a type's
    /// basic size is, else out of range.
    func memberOffset(_ member: UInt64) throws(HeapReaderError) -> Int {
        let offset = try memory.signedWord(member &+ UInt64(layout["PyMemberDef.offset"]))
        guard offset >= 0, offset < 1 << 32 else { throw outOfRange(member) }
        return Int(offset)
    }

    /// How objects of the static type `base` hold references.
    func staticKind(_ base: UInt64, flags: UInt64) throws(HeapReaderError) -> ObjectKind {
        let known: [(String, ObjectKind)] = [
            ("PyList_Type", .list), ("PyTuple_Type", .tuple), ("PyDict_Type", .dict), ("PySet_Type", .set),
            ("PyFrozenSet_Type", .set), ("PyType_Type", .type), ("PyModule_Type", .module),
            ("PyFunction_Type", .function), ("PyCell_Type", .cell), ("PyMethod_Type", .method),
            ("PyCode_Type", .code), ("PyFrame_Type", .frame), ("PyGen_Type", .generator),
            ("PyCoro_Type", .coroutine), ("PyAsyncGen_Type", .asyncGenerator),
        ]
        for (symbol, kind) in known where builtin(symbol) == base { return kind }
        // A static type that adds no references to a decoded base (KeyError to BaseException):
        // the same traverse function and the same size.
        let tables = knownKinds()
        let traverse = try field(base, "PyTypeObject.tp_traverse")
        let size = try memory.signedWord(base &+ UInt64(layout["PyTypeObject.tp_basicsize"]))
        var ancestor = try field(base, "PyTypeObject.tp_base")
        var steps = 0
        while ancestor != 0 && steps < 100 && traverse != 0 {
            let sameTraverse = try field(ancestor, "PyTypeObject.tp_traverse") == traverse
            let sameSize = try memory.signedWord(ancestor &+ UInt64(layout["PyTypeObject.tp_basicsize"])) == size
            if !sameTraverse || !sameSize { break }
            if let kind = tables[ancestor] { return kind }
            ancestor = try field(ancestor, "PyTypeObject.tp_base")
            steps += 1
        }
        // No traverse function: nothing the gc could see, so no references to record.
        if try field(base, "PyTypeObject.tp_traverse") == 0 { return .atom }
        return .opaque
    }

    func labelKind(_ base: UInt64, flags: UInt64, exact: UInt64) -> LabelKind {
        if exact == builtin("PyBool_Type") { return .bool }
        if flags & flag("Py_TPFLAGS_UNICODE_SUBCLASS") != 0 { return .str }
        if flags & flag("Py_TPFLAGS_BYTES_SUBCLASS") != 0 { return .bytes }
        if flags & flag("Py_TPFLAGS_LONG_SUBCLASS") != 0 { return .int }
        if flags & flag("Py_TPFLAGS_LIST_SUBCLASS") != 0 { return .list }
        if flags & flag("Py_TPFLAGS_TUPLE_SUBCLASS") != 0 { return .tuple }
        if flags & flag("Py_TPFLAGS_DICT_SUBCLASS") != 0 { return .dict }
        if flags & flag("Py_TPFLAGS_TYPE_SUBCLASS") != 0 { return .type }
        if base == builtin("PyFloat_Type") { return .float }
        if base == builtin("PySet_Type") || base == builtin("PyFrozenSet_Type") { return .set }
        if base == builtin("PyFunction_Type") { return .function }
        if base == builtin("PyModule_Type") { return .module }
        if base == builtin("PyCode_Type") { return .code }
        if base == builtin("PyFrame_Type") { return .frame }
        if base == builtin("PyMethod_Type") { return .method }
        if base == builtin("PyCFunction_Type") { return .builtin }
        return .none
    }
}
