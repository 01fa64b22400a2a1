/// The offsets, sizes, flags and built-in type addresses the walk uses for every object, looked
/// up by name once per reader, so that decoding an object never hashes a name. Entries a
/// version lacks are nil where the walk asks whether the version has them, else 0 (read only
/// on the versions that have them, behind such a test).
struct ResolvedLayout {
    // Every object.
    let refcount: Int
    let type: Int
    let varSize: Int
    let gcHeaderSize: Int
    let gcNext: Int
    // Types.
    let typeFlags: Int
    let typeDictOffset: Int
    let heapTypeFlag: UInt64
    let typeSubclassFlag: UInt64
    let haveGCFlag: UInt64
    let managedDictFlag: UInt64
    let managedWeakrefFlag: UInt64
    let inlineValuesFlag: UInt64?
    // Lists, tuples, floats, bytes.
    let listItems: Int
    let listAllocated: Int
    let tupleItems: Int
    let floatValue: Int
    let bytesData: Int
    // Dicts and their keys.
    let dictKeys: Int
    let dictValues: Int
    let dictUsed: Int
    let keysEntryCount: Int
    let keysUsable: Int
    let keysRefcount: Int
    let keysIndices: Int
    /// 3.8-3.10: `dk_size`.
    let keysSize: Int
    /// 3.11+: `dk_log2_index_bytes`, `dk_log2_size`, `dk_kind` and the keys object's size.
    let keysLog2IndexBytes: Int?
    let keysLog2Size: Int
    let keysKind: Int
    let keysObjectSize: Int
    let keysGeneral: Int
    let keyEntrySize: Int
    let keyEntryKey: Int
    let keyEntryValue: Int
    let unicodeEntrySize: Int
    let unicodeEntryKey: Int
    let unicodeEntryValue: Int
    /// 3.11+: where a values array's values start.
    let valuesValues: Int?
    /// 3.13: the values' own header.
    let valuesValid: Int
    let valuesCapacity: Int?
    let valuesSize: Int
    // Sets.
    let setMask: Int
    let setUsed: Int
    let setTable: Int
    let setSmallTable: Int
    let setEntrySize: Int
    let setEntryKey: Int
    // str.
    let strLength: Int
    let strState: Int
    let strKindMask: UInt64
    let strCompactBit: UInt64
    let strASCIIBit: UInt64
    let asciiObjectSize: Int
    let compactObjectSize: Int
    let unicodeObjectSize: Int
    let compactUTF8: Int
    let compactUTF8Length: Int
    /// Before 3.12: the `wchar_t` copy.
    let strWstr: Int?
    let compactWstrLength: Int
    let wcharSize: Int
    // int.
    /// 3.12+: `lv_tag` and its bits.
    let longTag: Int?
    let longNonSizeBits: Int
    let longSignMask: Int
    let longDigits: Int
    let longShift: Int
    let digitSize: Int
    // Built-in objects, by address in the target (0 when not found).
    let dictTypeAddress: UInt64
    let longTypeAddress: UInt64

    init(_ layout: CPythonLayout, symbols: [String: UInt64]) {
        func flag(_ name: String) -> UInt64 { layout.optional(name).map { UInt64($0) } ?? 0 }
        func some(_ name: String) -> Int { layout.optional(name) ?? 0 }
        refcount = layout["PyObject.ob_refcnt"]
        type = layout["PyObject.ob_type"]
        varSize = layout["PyVarObject.ob_size"]
        gcHeaderSize = layout["sizeof(PyGC_Head)"]
        gcNext = layout["PyGC_Head._gc_next"]
        typeFlags = layout["PyTypeObject.tp_flags"]
        typeDictOffset = layout["PyTypeObject.tp_dictoffset"]
        heapTypeFlag = flag("Py_TPFLAGS_HEAPTYPE")
        typeSubclassFlag = flag("Py_TPFLAGS_TYPE_SUBCLASS")
        haveGCFlag = flag("Py_TPFLAGS_HAVE_GC")
        managedDictFlag = flag("Py_TPFLAGS_MANAGED_DICT")
        managedWeakrefFlag = flag("Py_TPFLAGS_MANAGED_WEAKREF")
        inlineValuesFlag = layout.optional("Py_TPFLAGS_INLINE_VALUES").map { UInt64($0) }
        listItems = layout["PyListObject.ob_item"]
        listAllocated = layout["PyListObject.allocated"]
        tupleItems = layout["PyTupleObject.ob_item"]
        floatValue = layout["PyFloatObject.ob_fval"]
        bytesData = layout["PyBytesObject.ob_sval"]
        dictKeys = layout["PyDictObject.ma_keys"]
        dictValues = layout["PyDictObject.ma_values"]
        dictUsed = layout["PyDictObject.ma_used"]
        keysEntryCount = layout["PyDictKeysObject.dk_nentries"]
        keysUsable = layout["PyDictKeysObject.dk_usable"]
        keysRefcount = layout["PyDictKeysObject.dk_refcnt"]
        keysIndices = layout["PyDictKeysObject.dk_indices"]
        keysSize = some("PyDictKeysObject.dk_size")
        keysLog2IndexBytes = layout.optional("PyDictKeysObject.dk_log2_index_bytes")
        keysLog2Size = some("PyDictKeysObject.dk_log2_size")
        keysKind = some("PyDictKeysObject.dk_kind")
        keysObjectSize = some("sizeof(PyDictKeysObject)")
        keysGeneral = some("DICT_KEYS_GENERAL")
        keyEntrySize = layout["sizeof(PyDictKeyEntry)"]
        keyEntryKey = layout["PyDictKeyEntry.me_key"]
        keyEntryValue = layout["PyDictKeyEntry.me_value"]
        unicodeEntrySize = some("sizeof(PyDictUnicodeEntry)")
        unicodeEntryKey = some("PyDictUnicodeEntry.me_key")
        unicodeEntryValue = some("PyDictUnicodeEntry.me_value")
        valuesValues = layout.optional("PyDictValues.values")
        valuesValid = some("PyDictValues.valid")
        valuesCapacity = layout.optional("PyDictValues.capacity")
        valuesSize = some("PyDictValues.size")
        setMask = layout["PySetObject.mask"]
        setUsed = layout["PySetObject.used"]
        setTable = layout["PySetObject.table"]
        setSmallTable = layout["PySetObject.smalltable"]
        setEntrySize = layout["sizeof(setentry)"]
        setEntryKey = layout["setentry.key"]
        strLength = layout["PyASCIIObject.length"]
        strState = layout["PyASCIIObject.state"]
        strKindMask = UInt64(layout["PyASCIIObject.state.kind"])
        strCompactBit = UInt64(layout["PyASCIIObject.state.compact"])
        strASCIIBit = UInt64(layout["PyASCIIObject.state.ascii"])
        asciiObjectSize = layout["sizeof(PyASCIIObject)"]
        compactObjectSize = layout["sizeof(PyCompactUnicodeObject)"]
        unicodeObjectSize = layout["sizeof(PyUnicodeObject)"]
        compactUTF8 = layout["PyCompactUnicodeObject.utf8"]
        compactUTF8Length = layout["PyCompactUnicodeObject.utf8_length"]
        strWstr = layout.optional("PyASCIIObject.wstr")
        compactWstrLength = some("PyCompactUnicodeObject.wstr_length")
        wcharSize = some("sizeof(wchar_t)")
        longTag = layout.optional("PyLongObject.lv_tag")
        longNonSizeBits = some("_PyLong_NON_SIZE_BITS")
        longSignMask = some("_PyLong_SIGN_MASK")
        longDigits = layout["PyLongObject.ob_digit"]
        longShift = layout["PyLong_SHIFT"]
        digitSize = layout["sizeof(digit)"]
        dictTypeAddress = symbols["PyDict_Type"] ?? 0
        longTypeAddress = symbols["PyLong_Type"] ?? 0
    }
}
