import CPython
import HeapGraph

/// Safe short labels, written as UTF-8 into the interner's scratch buffer from the objects'
/// own data: no `repr`, `__str__` or other Python-level call ever runs.
extension HeapWalk {
    /// Characters of a str or bytes shown in a label.
    static let labelCharacters = 40
    /// Labels of str objects longer than this (in bytes) are stored without looking for an
    /// equal one already stored.
    static let uniqueLabelLength = 8

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

extension WalkBuffer where Element == UInt8 {
    mutating func appendCString(_ text: UnsafePointer<CChar>?) {
        guard let text else { return }
        var p = text
        while p.pointee != 0 {
            append(UInt8(bitPattern: p.pointee))
            p += 1
        }
    }

    mutating func appendCStringAfterLastDot(_ text: UnsafePointer<CChar>) {
        var start = text
        var p = text
        while p.pointee != 0 {
            if p.pointee == CChar(UInt8(ascii: ".")) { start = p + 1 }
            p += 1
        }
        appendCString(start)
    }

    /// Appends one code point as UTF-8.
    @inline(__always)
    mutating func appendUTF8(_ c: UInt32) {
        if c < 0x80 {
            append(UInt8(c))
        } else if c < 0x800 {
            append(UInt8(0xC0 | (c >> 6)))
            append(UInt8(0x80 | (c & 0x3F)))
        } else if c < 0x10000 {
            append(UInt8(0xE0 | (c >> 12)))
            append(UInt8(0x80 | ((c >> 6) & 0x3F)))
            append(UInt8(0x80 | (c & 0x3F)))
        } else {
            append(UInt8(0xF0 | (c >> 18)))
            append(UInt8(0x80 | ((c >> 12) & 0x3F)))
            append(UInt8(0x80 | ((c >> 6) & 0x3F)))
            append(UInt8(0x80 | (c & 0x3F)))
        }
    }

    @inline(__always)
    private mutating func appendHex(_ value: UInt32, digits: Int) {
        let hex: StaticString = "0123456789abcdef"
        hex.withUTF8Buffer { h in
            var shift = (digits - 1) * 4
            while shift >= 0 {
                append(h[Int((value >> UInt32(shift)) & 0xF)])
                shift -= 4
            }
        }
    }

    /// The str's first `limit` code points, unescaped (names), or nothing if not a ready str.
    mutating func appendStrRaw(_ object: UnsafeMutablePointer<PyObject>?, limit: Int) {
        guard let object, rg_is_str(object) != 0, rg_unicode_is_ready(object) != 0 else { return }
        let n = Swift.min(rg_unicode_length(object), limit)
        let kind = rg_unicode_kind(object)
        let data = rg_unicode_data(object)!
        if kind == 1 {
            let bytes = data.assumingMemoryBound(to: UInt8.self)
            if rg_unicode_is_ascii(object) != 0 {
                append(contentsOf: UnsafeBufferPointer(start: bytes, count: n))
                return
            }
            for i in 0..<n { appendUTF8(UInt32(bytes[i])) }
        } else if kind == 2 {
            let units = data.assumingMemoryBound(to: UInt16.self)
            for i in 0..<n { appendUTF8(UInt32(units[i])) }
        } else {
            let units = data.assumingMemoryBound(to: UInt32.self)
            for i in 0..<n { appendUTF8(units[i]) }
        }
    }

    /// `repr(s[:limit])` computed from the str's data as `unicode_repr` does; returns whether
    /// the str was longer than `limit`.
    @discardableResult
    mutating func appendStrRepr(_ object: UnsafeMutablePointer<PyObject>, limit: Int) -> Bool {
        guard rg_is_str(object) != 0, rg_unicode_is_ready(object) != 0 else { return false }
        let length = rg_unicode_length(object)
        let n = Swift.min(length, limit)
        let data = rg_unicode_data(object)!
        switch rg_unicode_kind(object) {
        case 1:
            let units = UnsafeBufferPointer(start: data.assumingMemoryBound(to: UInt8.self), count: n)
            if rg_unicode_is_ascii(object) != 0 && appendPlainASCIIRepr(units) { break }
            appendRepr(units)
        case 2:
            appendRepr(UnsafeBufferPointer(start: data.assumingMemoryBound(to: UInt16.self), count: n))
        default:
            appendRepr(UnsafeBufferPointer(start: data.assumingMemoryBound(to: UInt32.self), count: n))
        }
        return length > limit
    }

    /// The common case: printable ASCII with no quote or backslash, copied in one go.
    ///
    /// Checked and copied eight bytes at a time: most labels are str texts, and a byte loop
    /// with four comparisons per character was a third of a str label's cost. The bytes are
    /// ASCII (`is_ascii`), so each is below 0x80 and the word tests below are exact; the
    /// last word overlaps the one before it instead of reading past the text.
    @inline(__always)
    private mutating func appendPlainASCIIRepr(_ units: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = units.count
        guard n >= 8, let source = units.baseAddress.map(UnsafeRawPointer.init) else {
            for c in units where c < 0x20 || c >= 0x7F || c == 0x27 || c == 0x5C { return false }
            append(0x27)
            append(contentsOf: units)
            append(0x27)
            return true
        }
        var i = 0
        while true {
            if Self.needsEscape(source.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { return false }
            if i + 8 >= n { break }
            i = Swift.min(i + 8, n - 8)
        }
        reserve(n + 2)
        let target = UnsafeMutableRawPointer(base + count)
        target.storeBytes(of: 0x27, as: UInt8.self)
        i = 0
        while true {
            target.storeBytes(
                of: source.loadUnaligned(fromByteOffset: i, as: UInt64.self),
                toByteOffset: 1 + i,
                as: UInt64.self
            )
            if i + 8 >= n { break }
            i = Swift.min(i + 8, n - 8)
        }
        target.storeBytes(of: 0x27, toByteOffset: n + 1, as: UInt8.self)
        extend(by: n + 2)
        return true
    }

    /// Whether a word of eight ASCII bytes holds a control character, DEL, `'` or `\`.
    @inline(__always)
    private static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZero(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        let control = (word &- ones &* 0x20) & ~word & highs != 0
        return control || hasZero(word ^ (ones &* 0x7F)) || hasZero(word ^ (ones &* 0x27))
            || hasZero(word ^ (ones &* 0x5C))
    }

    private mutating func appendRepr<Unit: FixedWidthInteger>(_ units: UnsafeBufferPointer<Unit>) {
        var hasSingle = false
        var hasDouble = false
        for unit in units {
            if unit == 0x27 { hasSingle = true } else if unit == 0x22 { hasDouble = true }
        }
        let quote: UInt32 = hasSingle && !hasDouble ? 0x22 : 0x27
        append(UInt8(quote))
        for unit in units {
            let c = UInt32(truncatingIfNeeded: unit)
            if c == quote || c == 0x5C {
                append(0x5C)
                append(UInt8(c))
            } else if c == 0x09 {
                append(0x5C)
                append(UInt8(ascii: "t"))
            } else if c == 0x0A {
                append(0x5C)
                append(UInt8(ascii: "n"))
            } else if c == 0x0D {
                append(0x5C)
                append(UInt8(ascii: "r"))
            } else if c < 0x20 || c == 0x7F {
                append(0x5C)
                append(UInt8(ascii: "x"))
                appendHex(c, digits: 2)
            } else if c < 0x7F {
                append(UInt8(c))
            } else if _PyUnicode_IsPrintable(c) != 0 {
                appendUTF8(c)
            } else if c <= 0xFF {
                append(0x5C)
                append(UInt8(ascii: "x"))
                appendHex(c, digits: 2)
            } else if c <= 0xFFFF {
                append(0x5C)
                append(UInt8(ascii: "u"))
                appendHex(c, digits: 4)
            } else {
                append(0x5C)
                append(UInt8(ascii: "U"))
                appendHex(c, digits: 8)
            }
        }
        append(UInt8(quote))
    }

    /// `repr(b[:limit])` as `bytes_repr` does; returns whether the bytes were longer.
    @discardableResult
    mutating func appendBytesRepr(_ object: UnsafeMutablePointer<PyObject>, limit: Int) -> Bool {
        let length = rg_size(object)
        let n = Swift.min(length, limit)
        let bytes = UnsafeRawPointer(rg_bytes_data(object)!).assumingMemoryBound(to: UInt8.self)
        var hasSingle = false
        var hasDouble = false
        for i in 0..<n {
            if bytes[i] == 0x27 { hasSingle = true } else if bytes[i] == 0x22 { hasDouble = true }
        }
        let quote: UInt8 = hasSingle && !hasDouble ? 0x22 : 0x27
        append(UInt8(ascii: "b"))
        append(quote)
        for i in 0..<n {
            let c = bytes[i]
            if c == quote || c == 0x5C {
                append(0x5C)
                append(c)
            } else if c == 0x09 {
                append(0x5C)
                append(UInt8(ascii: "t"))
            } else if c == 0x0A {
                append(0x5C)
                append(UInt8(ascii: "n"))
            } else if c == 0x0D {
                append(0x5C)
                append(UInt8(ascii: "r"))
            } else if c < 0x20 || c >= 0x7F {
                append(0x5C)
                append(UInt8(ascii: "x"))
                appendHex(UInt32(c), digits: 2)
            } else {
                append(c)
            }
        }
        append(quote)
        return length > limit
    }

    /// The last path component of a str path.
    mutating func appendBasename(_ object: UnsafeMutablePointer<PyObject>?) {
        let start = count
        appendStrRaw(object, limit: 4096)
        var slash = count - 1
        while slash >= start && self[slash] != UInt8(ascii: "/") { slash -= 1 }
        guard slash >= start else { return }
        let tail = count - (slash + 1)
        UnsafeMutableRawPointer(base + start).copyMemory(from: base + slash + 1, byteCount: tail)
        removeLast(from: start + tail)
    }
}
