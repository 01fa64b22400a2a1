import CPython
import HeapGraph

/// Safe short labels, written as UTF-8 into the interner's scratch buffer from the objects'
/// own data: no `repr`, `__str__` or other Python-level call ever runs.
extension HeapWalk {
    /// Characters of a str or bytes shown in a label.
    static let labelCharacters = 40
    /// Labels of str objects longer than this (in bytes) are stored without looking for an
    /// equal one already stored.
    static let uniqueLabelLength = LabelInterner.uniqueLabelLength

    /// The label of `object`, and whether it was cut short.
    mutating func objectLabel(_ object: UnsafeMutablePointer<PyObject>, _ kind: LabelKind) -> (UInt32, Bool) {
        var truncated = false
        switch kind {
        case .none:
            return (0, false)
        case .str:
            // Short texts repeat (names, keys, small words); longer ones rarely do. A str of
            // at least uniqueLabelLength - 1 characters has a longer repr (two quotes), so it
            // is known to be stored as it is before it is written: written in place.
            if rg_unicode_length(object) >= Self.uniqueLabelLength - 1 {
                truncated = strings.bytes.appendStrRepr(object, limit: Self.labelCharacters)
                return (strings.commitBytes(), truncated)
            }
            truncated = strings.scratch.appendStrRepr(object, limit: Self.labelCharacters)
            if strings.scratch.count > Self.uniqueLabelLength { return (strings.appendScratch(), truncated) }
        case .bytes:
            truncated = strings.scratch.appendBytesRepr(object, limit: Self.labelCharacters)
        case .int:
            var overflow: Int32 = 0
            let value = PyLong_AsLongLongAndOverflow(object, &overflow)
            if overflow != 0 {
                let bits = _PyLong_NumBits(object)
                strings.scratch.appendText("int of ")
                strings.scratch.appendDecimal(UInt64(bits))
                strings.scratch.appendText(" bits")
            } else if value == -1, PyErr_Occurred() != nil {
                PyErr_Clear()
                return (0, false)
            } else if value >= 10000 || value <= -1000 {
                // Five characters or more: rarely repeated, stored without a lookup, in place.
                strings.bytes.appendDecimal(value)
                return (strings.commitBytes(), false)
            } else {
                strings.scratch.appendDecimal(value)
            }
        case .bool:
            strings.scratch.appendText(object == rg_True() ? "True" : "False")
        case .float:
            let value = PyFloat_AsDouble(object)
            guard let text = PyOS_double_to_string(value, CChar(UInt8(ascii: "r")), 0, Py_DTSF_ADD_DOT_0, nil) else {
                PyErr_Clear()
                return (0, false)
            }
            strings.scratch.appendCString(text)
            PyMem_Free(text)
        case .list, .tuple:
            return (countLabel(rg_size(object)), false)
        case .dict:
            return (countLabel(PyDict_Size(object)), false)
        case .set:
            return (countLabel(PySet_Size(object)), false)
        case .function:
            let function = object.withMemoryRebound(to: PyFunctionObject.self, capacity: 1) { $0.pointee.func_qualname }
            strings.scratch.appendStrRaw(function, limit: 80)
        case .cfunction:
            strings.scratch.appendCString(rg_cfunction_name(object))
        case .type:
            appendTypeName(object.withMemoryRebound(to: PyTypeObject.self, capacity: 1) { $0 })
        case .module:
            strings.scratch.appendStrRaw(rg_dict_get_str(rg_module_dict(object), "__name__"), limit: 80)
        case .frame:
            appendFrameLabel(object)
        case .method:
            let function = rg_method_func(object)
            if let function, Py_IS_TYPE(function, rg_FunctionType()) != 0 {
                appendFunctionName(function)
            } else if let function, Py_IS_TYPE(function, rg_CFunctionType()) != 0 {
                strings.scratch.appendCString(rg_cfunction_name(function))
            }
            strings.scratch.appendText(" (bound)")
        case .code:
            strings.scratch.appendStrRaw(rg_code_name(object), limit: 80)
            strings.scratch.appendText(" ")
            strings.scratch.appendBasename(rg_code_filename(object))
            strings.scratch.appendText(":")
            strings.scratch.appendDecimal(Int64(rg_code_firstlineno(object)))
        }
        return (strings.internScratch(), truncated)
    }

    /// `qualname` for heap types, `tp_name` after its last dot for static ones.
    mutating func appendTypeName(_ type: UnsafeMutablePointer<PyTypeObject>) {
        if rg_is_heap_type(type) != 0 {
            strings.scratch.appendStrRaw(rg_heap_qualname(type), limit: 200)
        } else if let name = type.pointee.tp_name {
            strings.scratch.appendCStringAfterLastDot(name)
        }
    }

    private mutating func appendFunctionName(_ function: UnsafeMutablePointer<PyObject>) {
        let qualname = function.withMemoryRebound(to: PyFunctionObject.self, capacity: 1) { $0.pointee.func_qualname }
        strings.scratch.appendStrRaw(qualname, limit: 80)
    }

    /// `file.py:line in func`.
    private mutating func appendFrameLabel(_ frame: UnsafeMutablePointer<PyObject>) {
        guard let iframe = rg_frame_iframe(frame), let code = rg_iframe_code(iframe) else { return }
        strings.scratch.appendBasename(rg_code_filename(code))
        strings.scratch.appendText(":")
        let line = frame.withMemoryRebound(to: PyFrameObject.self, capacity: 1) { PyFrame_GetLineNumber($0) }
        strings.scratch.appendDecimal(Int64(line))
        strings.scratch.appendText(" in ")
        strings.scratch.appendStrRaw(rg_code_name(code), limit: 80)
    }

    /// The label id of `N items`.
    mutating func countLabel(_ n: Int) -> UInt32 {
        if n >= 0, n < countLabels.count, countLabels[n] != UInt32.max { return countLabels[n] }
        strings.scratch.appendDecimal(Int64(n))
        strings.scratch.appendText(" items")
        let id = strings.internScratch()
        if n >= 0, n < 4096 {
            while countLabels.count <= n { countLabels.append(UInt32.max) }
            countLabels[n] = id
        }
        return id
    }

    /// The label id of `[i]`.
    @inline(__always)
    mutating func indexLabel(_ i: Int) -> UInt32 {
        if i < indexLabels.count { return indexLabels[i] }
        while indexLabels.count <= i {
            strings.scratch.append(UInt8(ascii: "["))
            strings.scratch.appendDecimal(UInt64(indexLabels.count))
            strings.scratch.append(UInt8(ascii: "]"))
            // Each index is made once (cached here), so no dedupe lookup is needed.
            indexLabels.append(strings.appendScratch())
        }
        return indexLabels[i]
    }

    /// How a key names an edge.
    enum KeyFormat: UInt {
        /// `['key']`, `[42]`, `[<tuple>]`: a dict value.
        case item = 0
        /// `.name`: an attribute (only str keys).
        case attribute = 1
        /// `f_locals['x']`: a frame's local variable.
        case local = 2
        /// `f_locals['x'] (cell)`: a frame's cell or free variable holding a cell.
        case cellLocal = 3
    }

    /// The label id naming an edge by `key` in `format`, cached by the key's address.
    @inline(__always)
    mutating func keyLabel(_ key: UnsafeMutablePointer<PyObject>, _ format: KeyFormat) -> UInt32 {
        let cacheKey = UInt(bitPattern: key) | format.rawValue
        if let id = keyLabels.find(cacheKey) { return id }
        let id = makeKeyLabel(key, format)
        _ = keyLabels.findOrInsert(cacheKey, id)
        return id
    }

    private mutating func makeKeyLabel(_ key: UnsafeMutablePointer<PyObject>, _ format: KeyFormat) -> UInt32 {
        let isStr = rg_is_str(key) != 0
        switch format {
        case .attribute:
            guard isStr else { return 0 }
            strings.scratch.append(UInt8(ascii: "."))
            strings.scratch.appendStrRaw(key, limit: Self.labelCharacters)
        case .local, .cellLocal:
            guard isStr else { return 0 }
            strings.scratch.appendText("f_locals[")
            _ = strings.scratch.appendStrRepr(key, limit: Self.labelCharacters)
            strings.scratch.append(UInt8(ascii: "]"))
            if format == .cellLocal { strings.scratch.appendText(" (cell)") }
        case .item:
            strings.scratch.append(UInt8(ascii: "["))
            if isStr {
                _ = strings.scratch.appendStrRepr(key, limit: Self.labelCharacters)
            } else if Py_IS_TYPE(key, rg_LongType()) != 0 {
                var overflow: Int32 = 0
                let value = PyLong_AsLongLongAndOverflow(key, &overflow)
                if overflow != 0 || (value == -1 && PyErr_Occurred() != nil) {
                    PyErr_Clear()
                    strings.scratch.appendText("<int>")
                } else {
                    strings.scratch.appendDecimal(value)
                }
            } else {
                strings.scratch.append(UInt8(ascii: "<"))
                appendTypeName(Py_TYPE(key))
                strings.scratch.append(UInt8(ascii: ">"))
            }
            strings.scratch.append(UInt8(ascii: "]"))
        }
        return strings.internScratch()
    }
}
