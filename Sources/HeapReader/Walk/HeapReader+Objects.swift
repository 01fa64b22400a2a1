import HeapGraph

extension HeapReader {
    /// Reads one object (type, size, refcount, label, flags and references) into the columns.
    /// Nothing is recorded when a read fails: the caller then records it as unreadable.
    func read(_ address: UInt64, references: inout [(target: UInt64, label: UInt32)]) throws(HeapReaderError) {
        let refcount = try memory.word(address &+ UInt64(offsets.refcount))
        let type = try typeRecord(try memory.word(address &+ UInt64(offsets.type)))
        var flags = ObjectFlags(rawValue: type.objectFlags)
        var known = true
        if type.isInstance {
            try instanceReferences(address, type: type, into: &references)
            let own = references.count
            known = try baseReferences(address, kind: type.kind, type: type, into: &references)
            // The agent names the class once: from the instance's side where subtype_traverse
            // lists it, else where the base's traverse does.
            if !type.baseListsClass {
                for i in own..<references.count where references[i].label == fixed.cls { references[i].label = 0 }
            }
        } else {
            known = try baseReferences(address, kind: type.kind, type: type, into: &references)
        }
        if !known { flags.insert(.referencesUnknown) }
        let isGC = try objectIsGC(address, type: type)
        if isGC {
            let header = address &- UInt64(offsets.gcHeaderSize)
            let tracked = try memory.word(header &+ UInt64(offsets.gcNext)) != 0
            if tracked {
                flags.insert(.gcTracked)
            } else if !flags.contains(.frame) && !flags.contains(.typeObject) {
                flags.insert(.untrackedContainer)
            }
        }
        let size = try size(address, type: type, isGC: isGC)
        let (label, truncated) = try objectLabel(address, type: type)
        if truncated { flags.insert(.labelTruncated) }
        columns.addObject(
            type: type.index,
            size: size,
            refcount: refcount,
            label: label,
            flags: flags.rawValue,
            references: references
        )
    }

    /// Whether the gc manages the object: its type has the flag, and a type object only if
    /// it is a class (static types are not gc objects).
    func objectIsGC(_ address: UInt64, type: TypeRecord) throws(HeapReaderError) -> Bool {
        guard type.isGC else { return false }
        if type.flags & offsets.typeSubclassFlag != 0 {
            return try memory.word(address &+ UInt64(offsets.typeFlags)) & offsets.heapTypeFlag != 0
        }
        return true
    }

    /// Slots, the instance dict (or 3.11+ values kept in the object) and the class, in
    /// subtype_traverse's order.
    func instanceReferences(
        _ address: UInt64,
        type: TypeRecord,
        into out: inout [(target: UInt64, label: UInt32)]
    ) throws(HeapReaderError) {
        for slot in type.hasSlots ? typeSlots[Int(type.index)] : [] {
            let value = try memory.word(address &+ UInt64(slot.offset))
            if value != 0 { out.append((value, slot.label)) }
        }
        let managed = type.flags & offsets.managedDictFlag != 0
        if managed {
            try managedDictReferences(address, type: type, into: &out)
        } else if type.dictOffset != 0 {
            var offset = type.dictOffset
            if offset < 0 {
                let items = try memory.signedWord(address &+ UInt64(offsets.varSize)).magnitude
                guard items < 1 << 40 else { throw outOfRange(address) }
                offset += (type.basicSize + Int(items) * type.itemSize + 7) & ~7
            }
            guard offset >= 0 else { throw outOfRange(address) }
            let dict = try memory.word(address &+ UInt64(offset))
            // A dict offset inherited from a static base belongs to the base's own traverse.
            let inherited = try inheritsDictOffset(type)
            if dict != 0 && !inherited { out.append((dict, fixed.dict)) }
        }
        // subtype_traverse leaves the class to a heap base's own traverse (3.9+).
        if !type.baseListsClass { out.append((type.address, fixed.cls)) }
    }

    func inheritsDictOffset(_ type: TypeRecord) throws(HeapReaderError) -> Bool {
        let base = type.base
        return Int(try memory.signedWord(base &+ UInt64(offsets.typeDictOffset))) == type.dictOffset
    }

    /// 3.11+: the dict before the object, or the values kept without one, named by the class's
    /// shared keys.
    func managedDictReferences(
        _ address: UInt64,
        type: TypeRecord,
        into out: inout [(target: UInt64, label: UInt32)]
    ) throws(HeapReaderError) {
        let word = pointerSize
        var values: UInt64 = 0
        var dict: UInt64 = 0
        var count = 0
        if let inline = offsets.inlineValuesFlag, type.flags & inline != 0 {
            let candidate = address &+ UInt64(type.basicSize)
            if try memory.load(candidate &+ UInt64(offsets.valuesValid), as: UInt8.self) != 0 {
                values = candidate &+ UInt64(offsets.valuesValues ?? 0)
                count = Int(try memory.load(candidate &+ UInt64(offsets.valuesCapacity ?? 0), as: UInt8.self))
            } else {
                dict = try memory.word(address &- 3 * word)
            }
        } else if layout.minor == 11 {
            dict = try memory.word(address &- 3 * word)
            if dict == 0 { values = try memory.word(address &- 4 * word) }
        } else if layout.minor >= 12 {
            let tagged = try memory.word(address &- 3 * word)
            // Values are stored one byte below their address, so the pointer is odd.
            if tagged & 1 != 0 { values = tagged &+ 1 } else { dict = tagged }
        }
        if dict != 0 {
            out.append((dict, fixed.dict))
            return
        }
        guard values != 0 else { return }
        let names = type.cachedKeys != 0 ? try sharedKeyLabels(type.cachedKeys) : []
        if layout.minor < 13 { count = names.count }
        for i in 0..<count {
            let value = try memory.word(values &+ UInt64(i) * word)
            guard value != 0 else { continue }
            out.append((value, i < names.count ? names[i] : 0))
        }
    }

    /// The references a static type's own traverse lists, named as the agent names them;
    /// false when the kind is not decoded (the object is then flagged).
    func baseReferences(
        _ address: UInt64,
        kind: ObjectKind,
        type: TypeRecord,
        into out: inout [(target: UInt64, label: UInt32)]
    ) throws(HeapReaderError) -> Bool {
        switch kind {
        case .atom:
            return true
        case .list, .tuple:
            let length = try count(at: address &+ UInt64(offsets.varSize))
            let items: UInt64
            if kind == .list {
                // A list never holds more items than it allocated room for.
                guard length <= (try count(at: address &+ UInt64(offsets.listAllocated))) else {
                    throw outOfRange(address)
                }
                items = try memory.word(address &+ UInt64(offsets.listItems))
            } else {
                items = address &+ UInt64(offsets.tupleItems)
            }
            try checkExtent(items, UInt64(length) * 8)
            // In blocks of 64 Ki items: a read of a whole large array at once would be refused.
            var start = 0
            while start < length {
                let n = min(length - start, 1 << 16)
                try memory.withBytes(items &+ UInt64(start) * 8, count: n * 8) { raw in
                    for j in 0..<n {
                        let item = raw.loadUnaligned(fromByteOffset: 8 * j, as: UInt64.self)
                        if item != 0 { out.append((item, indexLabel(start + j))) }
                    }
                }
                start += n
            }
            return true
        case .dict:
            // The agent lists an exact dict's keys itself; a subclass's as its traverse does.
            let exact = type.address == offsets.dictTypeAddress
            try dictItemReferences(address, keys: exact ? true : try dictTraverseListsKeys(address), into: &out)
            return true
        case .fields(let table):
            try fieldReferences(address, fieldTables[table], type: type, into: &out)
            return true
        case .structSequence(let fields):
            try structSequenceReferences(address, fields: fields, type: type, into: &out)
            return true
        case .defaultDict(let table), .orderedDict(let table), .lruCache(let table), .deque(let table):
            try containerReferences(address, kind: kind, type: type, into: &out)
            try fieldReferences(address, fieldTables[table], type: type, into: &out)
            return true
        case .set:
            let mask = try count(at: address &+ UInt64(offsets.setMask))
            let table = try memory.word(address &+ UInt64(offsets.setTable))
            let dummy = try setDummy()
            try memory.withBytes(table, count: (mask + 1) * offsets.setEntrySize) { raw in
                for i in 0...mask {
                    let key = raw.loadUnaligned(
                        fromByteOffset: i * offsets.setEntrySize + offsets.setEntryKey,
                        as: UInt64.self
                    )
                    if key != 0 && key != dummy { out.append((key, 0)) }
                }
            }
            return true
        case .type:
            try typeReferences(address, into: &out)
            return true
        case .module:
            if let dict = try moduleDict(address) { out.append((dict, fixed.dict)) }
            return try !moduleTraversesState(address)
        case .function, .cell, .method, .code:
            for field in plainFields(kind) {
                let value = try memory.word(address &+ UInt64(field.offset))
                if value != 0 { out.append((value, field.label)) }
            }
            return true
        case .frame:
            try frameReferences(address, into: &out)
            return true
        case .generator, .coroutine, .asyncGenerator:
            let prefix = kind == .generator ? ".gi_" : kind == .coroutine ? ".cr_" : ".ag_"
            try generatorReferences(address, prefix: prefix, asynchronous: kind == .asyncGenerator, into: &out)
            return true
        case .opaque:
            return false
        }
    }

    /// The `_PySet_Dummy` marker of deleted set entries (0 where the symbol is missing), read
    /// once.
    func setDummy() throws(HeapReaderError) -> UInt64 {
        if let known = setDummyAddress { return known }
        let symbol = builtin("_PySet_Dummy")
        let dummy = symbol == 0 ? 0 : try memory.word(symbol)
        setDummyAddress = dummy
        return dummy
    }

    /// The fields a function, cell, bound method or code object lists, in its traverse's
    /// order, with their labels: resolved from the layout once per kind (a walk meets these
    /// objects by the hundred thousand).
    func plainFields(_ kind: ObjectKind) -> [(offset: Int, label: UInt32)] {
        let slot = kind == .function ? 0 : kind == .cell ? 1 : kind == .method ? 2 : 3
        if let known = plainFieldTables[slot] { return known }
        let (structure, fields): (String, [(String, String)])
        switch kind {
        case .function:
            structure = "PyFunctionObject"
            fields = [
                ("func_code", ".__code__"), ("func_globals", ".__globals__"), ("func_builtins", ".__builtins__"),
                ("func_module", ".__module__"), ("func_defaults", ".__defaults__"),
                ("func_kwdefaults", ".__kwdefaults__"), ("func_doc", ".__doc__"), ("func_name", ".__name__"),
                ("func_dict", ""), ("func_closure", ".__closure__"), ("func_annotations", ""),
                ("func_qualname", ".__qualname__"), ("func_typeparams", ""),
            ]
        case .cell:
            (structure, fields) = ("PyCellObject", [("ob_ref", ".cell_contents")])
        case .method:
            (structure, fields) = ("PyMethodObject", [("im_func", ".__func__"), ("im_self", ".__self__")])
        default:
            var names = ["co_consts", "co_names"]
            names +=
                layout.minor >= 11
                ? ["co_exceptiontable", "co_filename", "co_name", "co_qualname", "co_linetable"]
                : [
                    "co_code", "co_varnames", "co_freevars", "co_cellvars", "co_filename", "co_name",
                    layout.minor >= 10 ? "co_linetable" : "co_lnotab",
                ]
            (structure, fields) = ("PyCodeObject", names.map { ($0, "." + $0) })
        }
        let resolved = fields.compactMap { name, text in
            layout.optional("\(structure).\(name)").map { (offset: $0, label: label(text)) }
        }
        plainFieldTables[slot] = resolved
        return resolved
    }

    /// Whether `module_traverse` also lists what an extension module's own `m_traverse` visits
    /// (its state, a private C struct): it calls that when the module's definition has one and
    /// the module has state or asked for none (`m_size` <= 0). The module's dict is read; the
    /// rest is not, and the module is flagged.
    func moduleTraversesState(_ module: UInt64) throws(HeapReaderError) -> Bool {
        let definition = try field(module, "PyModuleObject.md_def")
        guard definition != 0, try field(definition, "PyModuleDef.m_traverse") != 0 else { return false }
        if try memory.signedWord(definition &+ UInt64(layout["PyModuleDef.m_size"])) <= 0 { return true }
        return try field(module, "PyModuleObject.md_state") != 0
    }

    /// A type's `__dict__`, `__mro__`, `__bases__` and `__base__` (and, for a class, its
    /// method cache and module, unnamed), in type_traverse's order.
    func typeReferences(_ address: UInt64, into out: inout [(target: UInt64, label: UInt32)]) throws(HeapReaderError) {
        let flags = try field(address, "PyTypeObject.tp_flags")
        let heap = flags & offsets.heapTypeFlag != 0
        var fields: [(UInt64, String)] = [(try typeDict(address, flags: flags), ".__dict__")]
        if heap { fields.append((try field(address, "PyTypeObject.tp_cache"), "")) }
        fields += [
            (try field(address, "PyTypeObject.tp_mro"), ".__mro__"),
            (try field(address, "PyTypeObject.tp_bases"), ".__bases__"),
            (try field(address, "PyTypeObject.tp_base"), ".__base__"),
        ]
        if heap, layout.optional("PyHeapTypeObject.ht_module") != nil {
            fields.append((try field(address, "PyHeapTypeObject.ht_module"), ""))
        }
        for (value, label) in fields where value != 0 { out.append((value, self.label(label))) }
    }

    /// The id of the object's label and whether it was cut short. The labels most objects
    /// have (a str's text, a small int) are written as bytes, without a `String`. As the
    /// C-API walker stores them: a str's text of `uniqueLabelLength` bytes or more, or an int
    /// of five digits or more, is rarely repeated and stored without looking for an equal one
    /// (readers only resolve ids to text); shorter ones are looked up.
    func objectLabel(_ address: UInt64, type: TypeRecord) throws(HeapReaderError) -> (UInt32, Bool) {
        switch type.label {
        case .none:
            return (0, false)
        case .str:
            if let (text, length) = try plainString(address, limit: 40) {
                if text.count + 2 >= LabelInterner.uniqueLabelLength {
                    Self.appendQuoted(text, to: &columns.strings.bytes)
                    return (columns.strings.commitBytes(), length > 40)
                }
                Self.appendQuoted(text, to: &columns.strings.scratch)
                return (columns.strings.internScratch(), length > 40)
            }
        case .int:
            if let value = try smallInt(address) {
                if value >= 10000 || value <= -1000 {
                    columns.strings.bytes.appendDecimal(value)
                    return (columns.strings.commitBytes(), false)
                }
                columns.strings.scratch.appendDecimal(value)
                return (columns.strings.internScratch(), false)
            }
        case .float:
            PythonRepr.appendFloat(
                try memory.double(address &+ UInt64(offsets.floatValue)),
                to: &columns.strings.scratch
            )
            return (columns.strings.internScratch(), false)
        case .list, .tuple:
            return (countLabel(try memory.signedWord(address &+ UInt64(offsets.varSize))), false)
        case .dict:
            return (countLabel(try memory.signedWord(address &+ UInt64(offsets.dictUsed))), false)
        default:
            break
        }
        let (text, truncated) = try objectLabelText(address, type: type)
        return (label(text), truncated)
    }

    /// Appends `'text'`.
    @inline(__always)
    static func appendQuoted(_ text: UnsafeRawBufferPointer, to out: inout WalkBuffer<UInt8>) {
        out.append(0x27)
        out.append(contentsOf: text.assumingMemoryBound(to: UInt8.self))
        out.append(0x27)
    }

    /// The object's label as text and whether it was cut short.
    func objectLabelText(_ address: UInt64, type: TypeRecord) throws(HeapReaderError) -> (String, Bool) {
        switch type.label {
        case .none: return ("", false)
        case .float:
            var text = WalkBuffer<UInt8>(capacity: 32)
            defer { text.deallocate() }
            PythonRepr.appendFloat(try memory.double(address &+ UInt64(offsets.floatValue)), to: &text)
            return (String(decoding: text.buffer, as: UTF8.self), false)
        case .str:
            let (text, length) = try stringRepr(address, limit: 40)
            return (text, length > 40)
        case .bytes:
            let length = Int(try memory.signedWord(address &+ UInt64(offsets.varSize)))
            let bytes = try memory.bytes(
                address &+ UInt64(offsets.bytesData),
                count: min(max(length, 0), 40)
            )
            return (PythonRepr.bytes(bytes), length > 40)
        case .int: return (try intLabel(address), false)
        case .bool: return (try intLabel(address) == "0" ? "False" : "True", false)
        case .list, .tuple:
            return ("\(try memory.signedWord(address &+ UInt64(offsets.varSize))) items", false)
        case .dict: return ("\(try memory.signedWord(address &+ UInt64(offsets.dictUsed))) items", false)
        case .set: return ("\(try memory.signedWord(address &+ UInt64(offsets.setUsed))) items", false)
        case .type:
            let flags = try field(address, "PyTypeObject.tp_flags")
            return (String(try typeNames(address, flags: flags).1.prefix(200)), false)
        case .module:
            guard let dict = try moduleDict(address) else { return ("", false) }
            for (key, value) in try dictEntries(dict) where (try? string(key)) == "__name__" {
                return ((try? string(value)).map { String($0.prefix(80)) } ?? "", false)
            }
            return ("", false)
        case .method:
            let function = try field(address, "PyMethodObject.im_func")
            let functionType = try field(function, "PyObject.ob_type")
            var name = ""
            if functionType == builtin("PyFunction_Type") {
                name =
                    (try? string(try field(function, "PyFunctionObject.func_qualname"))).map { String($0.prefix(80)) }
                    ?? ""
            } else if functionType == builtin("PyCFunction_Type") {
                name = try builtinName(function)
            }
            return (name + " (bound)", false)
        case .builtin:
            return (try builtinName(address), false)
        case .code:
            let name = (try? string(try field(address, "PyCodeObject.co_name"))) ?? ""
            let file = (try? string(try field(address, "PyCodeObject.co_filename"))) ?? ""
            let line = try memory.load(address &+ UInt64(layout["PyCodeObject.co_firstlineno"]), as: Int32.self)
            let base = file.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? file
            return ("\(name.prefix(80)) \(base):\(line)", false)
        case .function:
            let name = try field(address, "PyFunctionObject.func_qualname")
            return ((try? string(name)).map { String($0.prefix(80)) } ?? "", false)
        case .frame:
            return (try frameObjectLabel(address), false)
        }
    }

    /// The `__name__` of a builtin function: its method definition's name.
    func builtinName(_ address: UInt64) throws(HeapReaderError) -> String {
        let definition = try field(address, "PyCFunctionObject.m_ml")
        guard definition != 0 else { return "" }
        return String(try memory.cString(try field(definition, "PyMethodDef.ml_name"), limit: 80).prefix(80))
    }

    /// `sys.getsizeof`: the type's `__sizeof__` for the built-in types it knows, else
    /// `object.__sizeof__`, plus the gc header and (3.11+) the managed dict's pre-header.
    func size(_ address: UInt64, type: TypeRecord, isGC: Bool) throws(HeapReaderError) -> UInt64 {
        var size: UInt64
        let base = type.kind
        switch (base, type.label) {
        case (_, .str): size = try stringSize(address)
        case (_, .int), (_, .bool): size = try intSize(address, basicSize: type.basicSize)
        case (.list, _):
            let items = UInt64(try count(at: address &+ UInt64(offsets.listAllocated))) * pointerSize
            if items > Self.largeExtent {
                try checkLargeExtent(try memory.word(address &+ UInt64(offsets.listItems)), items)
            }
            size = UInt64(type.basicSize) + items
        case (.dict, _), (.defaultDict, _): size = try dictSize(address, basicSize: type.basicSize)
        case (.orderedDict, _), (.deque, _): size = try containerSize(address, kind: base, type: type)
        case (.code, _): size = try codeSize(address, type: type)
        case (.frame, _):
            let code =
                layout.minor >= 11
                ? try interpreterFrameCode(try field(address, "PyFrameObject.f_frame"))
                : try field(address, "PyFrameObject.f_code")
            size = try frameSize(code: code, basicSize: type.basicSize)
            // 3.11+ frame objects and generators hold their interpreter frame.
            if layout.minor >= 11 { try checkExtent(address, size) }
        case (.generator, _) where layout.minor >= 11, (.coroutine, _) where layout.minor >= 11,
            (.asyncGenerator, _) where layout.minor >= 11:
            size = try generatorSize(address, basicSize: type.basicSize)
            try checkExtent(address, size)
        case (.set, _):
            let table = try memory.word(address &+ UInt64(offsets.setTable))
            let mask = try count(at: address &+ UInt64(offsets.setMask))
            size = UInt64(type.basicSize)
            if table != address &+ UInt64(offsets.setSmallTable) {
                let entries = UInt64(mask + 1) * UInt64(offsets.setEntrySize)
                try checkExtent(table, entries)
                size += entries
            }
        case (.type, _) where type.flags & offsets.typeSubclassFlag != 0:
            let flags = try field(address, "PyTypeObject.tp_flags")
            if flags & offsets.heapTypeFlag != 0 {
                size = UInt64(layout["sizeof(PyHeapTypeObject)"])
                let keys = try field(address, "PyHeapTypeObject.ht_cached_keys")
                if keys != 0 { size += try keysSize(keys) }
            } else {
                size = UInt64(layout["sizeof(PyTypeObject)"])
            }
        default:
            size = UInt64(type.basicSize)
            if type.itemSize != 0 {
                // ob_size is negative for negative ints of types that store them so.
                let items = try memory.signedWord(address &+ UInt64(offsets.varSize)).magnitude
                guard items < 1 << 40, type.itemSize < 1 << 20 else { throw outOfRange(address) }
                size += items * UInt64(type.itemSize)
            }
            try checkExtent(address, size)
        }
        // The object's own struct is there, whatever else its size counts.
        try checkExtent(address, UInt64(type.basicSize))
        // 3.11 and 3.12 add the header of the object's type (a static type's too: type is a
        // gc type); the others the object's own (a static type is not a gc object).
        if isGC || (layout.minor == 11 || layout.minor == 12) && type.isGC {
            size += UInt64(offsets.gcHeaderSize)
        }
        let preheader = offsets.managedDictFlag | offsets.managedWeakrefFlag
        if layout.minor >= 11 && type.flags & preheader != 0 { size += 2 * pointerSize }
        return size
    }

    /// `_PyDict_KeysSize`: the keys object, its indices and its usable entries.
    func keysSize(_ keys: UInt64) throws(HeapReaderError) -> UInt64 {
        guard let log2Offset = offsets.keysLog2IndexBytes else {
            let tableSize = try count(at: keys &+ UInt64(offsets.keysSize))
            let indexSize = tableSize <= 0xFF ? 1 : tableSize <= 0xFFFF ? 2 : tableSize <= 0xFFFF_FFFF ? 4 : 8
            let size = UInt64(
                offsets.keysIndices + indexSize * tableSize + offsets.keyEntrySize * ((tableSize << 1) / 3)
            )
            try checkExtent(keys, size)
            return size
        }
        let indexBytes = Int(try memory.load(keys &+ UInt64(log2Offset), as: UInt8.self))
        let log2Size = Int(try memory.load(keys &+ UInt64(offsets.keysLog2Size), as: UInt8.self))
        let kind = Int(try memory.load(keys &+ UInt64(offsets.keysKind), as: UInt8.self))
        guard indexBytes < 40, log2Size < 40 else { throw outOfRange(keys) }
        let entry = kind == offsets.keysGeneral ? offsets.keyEntrySize : offsets.unicodeEntrySize
        let size = UInt64(offsets.keysObjectSize + (1 << indexBytes) + ((1 << log2Size) << 1) / 3 * entry)
        try checkExtent(keys, size)
        return size
    }

    /// A size or count read at `address` that no object can have: the object changed under the
    /// read, or the memory is damaged.
    func outOfRange(_ address: UInt64) -> HeapReaderError {
        HeapReaderError(.inconsistent, "A size at 0x\(String(address, radix: 16)) is out of range.")
    }

    /// Checks that a block of `count` bytes from `start` is there, by reading its last byte,
    /// when it is over 64 KiB: a size that damage, or a change under the read, made huge runs
    /// past the memory, and the object is then skipped rather than recorded with that size.
    @inline(__always)
    func checkExtent(_ start: UInt64, _ count: UInt64) throws(HeapReaderError) {
        if count > Self.largeExtent { try checkLargeExtent(start, count) }
    }

    /// The size over which a block is checked to be there (`checkExtent`).
    static let largeExtent: UInt64 = 1 << 16

    /// `checkExtent` of a block over 64 KiB (rare, so kept out of the walk's inlined code).
    @inline(never)
    func checkLargeExtent(_ start: UInt64, _ count: UInt64) throws(HeapReaderError) {
        guard start &+ count > start else { throw outOfRange(start) }
        _ = try memory.load(start, as: UInt8.self)
        _ = try memory.load(start &+ count &- 1, as: UInt8.self)
    }

    /// A count, length or size kept as a `Py_ssize_t` at `address`: from 0 to 2^40, else out
    /// of range. Every such value read from memory is checked so before arithmetic uses it.
    func count(at address: UInt64) throws(HeapReaderError) -> Int {
        let value = try memory.signedWord(address)
        guard value >= 0, value < 1 << 40 else { throw outOfRange(address) }
        return Int(value)
    }
}
