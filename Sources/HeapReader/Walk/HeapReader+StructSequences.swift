extension HeapReader {
    /// The number of fields of a struct sequence type (`sys.flags`, `os.stat_result`): a tuple
    /// subtype whose dict holds `n_fields`; nil for any other type.
    func structSequenceFields(_ type: UInt64) throws(HeapReaderError) -> Int? {
        guard try field(type, "PyTypeObject.tp_base") == builtin("PyTuple_Type") else { return nil }
        let flags = try field(type, "PyTypeObject.tp_flags")
        let dict = try typeDict(type, flags: flags)
        guard dict != 0 else { return nil }
        for (key, value) in try dictEntries(dict) where (try? string(key)) == "n_fields" {
            guard try field(value, "PyObject.ob_type") == builtin("PyLong_Type"),
                let count = Int(try intLabel(value)), count >= 0, count < 1 << 16
            else { return nil }
            return count
        }
        return nil
    }

    /// A struct sequence's items as its traverse lists them: every field, the hidden ones too,
    /// where the version's traverse does so, and its class where that is a heap type and the
    /// traverse lists it. The agent names those of a heap type as a class's instance: by its
    /// member descriptors (`.st_mtime`), then the class, then the visible items (`[7]`), each
    /// reference taking the first unused name of the same object; a static type's not at all.
    func structSequenceReferences(
        _ address: UInt64,
        fields: Int,
        type: TypeRecord,
        into out: inout [(target: UInt64, label: UInt32)]
    ) throws(HeapReaderError) {
        let visible = Int(try memory.signedWord(address &+ UInt64(layout["PyVarObject.ob_size"])))
        let count = layout.extra("structseq|hidden listed") == 1 ? max(fields, visible) : visible
        guard count >= 0, count < 1 << 16, visible >= 0, visible <= count else {
            throw HeapReaderError(.inconsistent, "A struct sequence has \(count) fields.")
        }
        var found: [(target: UInt64, label: UInt32)] = []
        if layout.extra("structseq|type listed") == 1 && type.base == type.address && type.isHeap {
            found.append((type.address, 0))
        }
        let items = address &+ UInt64(layout["PyTupleObject.ob_item"])
        var values: [UInt64] = []
        for i in 0..<count {
            let item = try memory.word(items &+ UInt64(i) * pointerSize)
            values.append(item)
            if item != 0 { found.append((item, 0)) }
        }
        guard type.isHeap else {
            out += found
            return
        }
        let none = builtin("_Py_NoneStruct")
        var expected: [(value: UInt64, label: UInt32)] = []
        for (offset, label) in try memberDescriptors(type.address) {
            let value = try memory.word(address &+ UInt64(offset))
            expected.append((value == 0 ? none : value, self.label(label)))
        }
        expected.append((type.address, fixed.cls))
        for i in 0..<visible where values[i] != 0 { expected.append((values[i], indexLabel(i))) }
        out += Self.nameByIdentity(found, expected: expected)
    }

    /// The object members (`T_OBJECT`, `T_OBJECT_EX`) a class's dict holds as member descriptors,
    /// in dict order: (offset in the object, `.name`).
    func memberDescriptors(_ type: UInt64) throws(HeapReaderError) -> [(offset: Int, label: String)] {
        let flags = try field(type, "PyTypeObject.tp_flags")
        let dict = try typeDict(type, flags: flags)
        guard dict != 0 else { return [] }
        var out: [(offset: Int, label: String)] = []
        let objectKinds = [layout["T_OBJECT"], layout["T_OBJECT_EX"]]
        for (_, value) in try dictEntries(dict)
        where try field(value, "PyObject.ob_type") == builtin("PyMemberDescr_Type") {
            let member = try field(value, "PyMemberDescrObject.d_member")
            guard member != 0 else { continue }
            let kind = try memory.load(member &+ UInt64(layout["PyMemberDef.type"]), as: Int32.self)
            guard objectKinds.contains(Int(kind)) else { continue }
            let name = try memory.cString(try memory.word(member &+ UInt64(layout["PyMemberDef.name"])), limit: 40)
            out.append((try memberOffset(member), "." + name))
        }
        return out
    }
}
