import CPython
import HeapGraph

/// Building labels' UTF-8 in a walk's byte buffer, from C strings and code points.
extension WalkBuffer where Element == UInt8 {
    /// Appends a NUL-terminated C string (nothing for nil).
    mutating func appendCString(_ text: UnsafePointer<CChar>?) {
        guard let text else { return }
        var p = text
        while p.pointee != 0 {
            append(UInt8(bitPattern: p.pointee))
            p += 1
        }
    }

    /// Appends what follows the last `.` of a C string (all of it without one).
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
        let quote = Self.reprQuote(units)
        append(UInt8(quote))
        for unit in units {
            let c = UInt32(truncatingIfNeeded: unit)
            if appendSimpleEscape(c, quote: quote) {
                continue
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
        let buffer = UnsafeBufferPointer(start: bytes, count: n)
        let quote = Self.reprQuote(buffer)
        append(UInt8(ascii: "b"))
        append(UInt8(quote))
        for c in buffer {
            if appendSimpleEscape(UInt32(c), quote: quote) {
                continue
            } else if c < 0x20 || c >= 0x7F {
                append(0x5C)
                append(UInt8(ascii: "x"))
                appendHex(UInt32(c), digits: 2)
            } else {
                append(c)
            }
        }
        append(UInt8(quote))
        return length > limit
    }

    /// The quote repr uses: `"` when the text has a `'` and no `"`, else `'`.
    private static func reprQuote<Unit: FixedWidthInteger>(_ units: UnsafeBufferPointer<Unit>) -> UInt32 {
        var hasSingle = false
        var hasDouble = false
        for unit in units {
            if unit == 0x27 { hasSingle = true } else if unit == 0x22 { hasDouble = true }
        }
        return hasSingle && !hasDouble ? 0x22 : 0x27
    }

    /// Appends the escape str's and bytes' repr both write for the quote, a backslash, tab,
    /// newline or carriage return; whether `c` was one of them.
    @inline(__always)
    private mutating func appendSimpleEscape(_ c: UInt32, quote: UInt32) -> Bool {
        let escaped: UInt8
        switch c {
        case quote, 0x5C: escaped = UInt8(c)
        case 0x09: escaped = UInt8(ascii: "t")
        case 0x0A: escaped = UInt8(ascii: "n")
        case 0x0D: escaped = UInt8(ascii: "r")
        default: return false
        }
        append(0x5C)
        append(escaped)
        return true
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
