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

    /// A struct sequence's items as its traverse lists them, unnamed (the agent names none):
    /// every field, the hidden ones too, where the version's traverse does so, and its class
    /// where that is a heap type and the traverse lists it.
    func structSequenceReferences(
        _ address: UInt64,
        fields: Int,
        type: TypeRecord,
        into out: inout [(target: UInt64, label: String)]
    ) throws(HeapReaderError) {
        let visible = Int(try memory.signedWord(address &+ UInt64(layout["PyVarObject.ob_size"])))
        let count = layout.extra("structseq|hidden listed") == 1 ? max(fields, visible) : visible
        guard count >= 0, count < 1 << 16 else {
            throw HeapReaderError(.inconsistent, "A struct sequence has \(count) fields.")
        }
        let items = address &+ UInt64(layout["PyTupleObject.ob_item"])
        for i in 0..<count {
            let item = try memory.word(items &+ UInt64(i) * pointerSize)
            if item != 0 { out.append((item, "")) }
        }
        if layout.extra("structseq|type listed") == 1 && type.base == type.address && type.isHeap {
            out.append((type.address, ""))
        }
    }
}
