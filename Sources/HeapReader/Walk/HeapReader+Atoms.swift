extension HeapReader {
    /// The text of a `str` (its first `limit` characters) and its length.
    func stringPrefix(_ object: UInt64, limit: Int) throws(HeapReaderError) -> (codePoints: [UInt32], length: Int) {
        let length = Int(try memory.signedWord(object &+ UInt64(layout["PyASCIIObject.length"])))
        let state = UInt64(try memory.load(object &+ UInt64(layout["PyASCIIObject.state"]), as: UInt32.self))
        let kindMask = UInt64(layout["PyASCIIObject.state.kind"])
        let kind = Int((state & kindMask) >> UInt64(kindMask.trailingZeroBitCount))
        let compact = state & UInt64(layout["PyASCIIObject.state.compact"]) != 0
        let ascii = state & UInt64(layout["PyASCIIObject.state.ascii"]) != 0
        guard length >= 0, length < 1 << 40, [1, 2, 4].contains(kind) else {
            throw HeapReaderError(.inconsistent, "A str at 0x\(String(object, radix: 16)) has no valid length or kind.")
        }
        let data: UInt64
        if compact {
            data = object &+ UInt64(layout[ascii ? "sizeof(PyASCIIObject)" : "sizeof(PyCompactUnicodeObject)"])
        } else {
            data = try memory.word(object &+ UInt64(layout["sizeof(PyCompactUnicodeObject)"]))
        }
        let count = min(length, limit)
        let raw = try memory.bytes(data, count: count * kind)
        var codePoints: [UInt32] = []
        codePoints.reserveCapacity(count)
        for i in 0..<count {
            switch kind {
            case 1: codePoints.append(UInt32(raw[i]))
            case 2: codePoints.append(UInt32(raw[2 * i]) | UInt32(raw[2 * i + 1]) << 8)
            default: codePoints.append((0..<4).reduce(0) { $0 | UInt32(raw[4 * i + $1]) << (8 * $1) })
            }
        }
        return (codePoints, length)
    }

    /// A `str` as a Swift string (cached by address; for names and keys, read whole up to 4096 characters).
    func string(_ object: UInt64) throws(HeapReaderError) -> String {
        if let cached = stringCache[object] { return cached }
        let (codePoints, _) = try stringPrefix(object, limit: 4096)
        var text = ""
        for c in codePoints { text.unicodeScalars.append(Unicode.Scalar(c) ?? "\u{FFFD}") }
        stringCache[object] = text
        return text
    }

    /// `sys.getsizeof` of a `str` without its type's extra (compact or not, with its UTF-8 copy).
    func stringSize(_ object: UInt64) throws(HeapReaderError) -> UInt64 {
        let length = UInt64(try memory.signedWord(object &+ UInt64(layout["PyASCIIObject.length"])))
        let state = UInt64(try memory.load(object &+ UInt64(layout["PyASCIIObject.state"]), as: UInt32.self))
        let kindMask = UInt64(layout["PyASCIIObject.state.kind"])
        let kind = (state & kindMask) >> UInt64(kindMask.trailingZeroBitCount)
        let compact = state & UInt64(layout["PyASCIIObject.state.compact"]) != 0
        let ascii = state & UInt64(layout["PyASCIIObject.state.ascii"]) != 0
        var size: UInt64
        if compact && ascii {
            size = UInt64(layout["sizeof(PyASCIIObject)"]) + length + 1
        } else if compact {
            size = UInt64(layout["sizeof(PyCompactUnicodeObject)"]) + (length + 1) * kind
        } else {
            size = UInt64(layout["sizeof(PyUnicodeObject)"]) + (length + 1) * kind
        }
        if !(compact && ascii) {
            let utf8 = try memory.word(object &+ UInt64(layout["PyCompactUnicodeObject.utf8"]))
            // The UTF-8 form counts unless it is the data itself (ASCII text, compact or not: a
            // str subclass's data is apart from the object).
            let afterHeader = object &+ UInt64(layout["sizeof(PyCompactUnicodeObject)"])
            let data = compact ? afterHeader : try memory.word(afterHeader)
            if utf8 != 0 && utf8 != data {
                size +=
                    UInt64(try memory.signedWord(object &+ UInt64(layout["PyCompactUnicodeObject.utf8_length"]))) + 1
            }
        }
        if let wstrOffset = layout.optional("PyASCIIObject.wstr"), try memory.word(object &+ UInt64(wstrOffset)) != 0 {
            // Before 3.12 a str may also hold a wchar_t copy (sizeof counts it unless it is the data).
            let wstrLength =
                compact && !ascii
                ? UInt64(try memory.signedWord(object &+ UInt64(layout["PyCompactUnicodeObject.wstr_length"]))) : length
            let wchar = UInt64(layout["sizeof(wchar_t)"])
            if !(compact && ascii && wchar == 1) && UInt64(kind) != wchar {
                size += (wstrLength + 1) * wchar
            }
        }
        return size
    }

    /// The digits of an `int`: its sign (-1, 0, 1) and its 30-bit digits, least significant first.
    func intDigits(_ object: UInt64) throws(HeapReaderError) -> (sign: Int, digits: [UInt32]) {
        let count: Int
        let sign: Int
        if let tag = layout.optional("PyLongObject.lv_tag") {
            let value = try memory.word(object &+ UInt64(tag))
            count = Int(value >> UInt64(layout["_PyLong_NON_SIZE_BITS"]))
            sign = 1 - Int(value & UInt64(layout["_PyLong_SIGN_MASK"]))
        } else {
            let size = try memory.signedWord(object &+ UInt64(layout["PyVarObject.ob_size"]))
            count = Int(size.magnitude)
            sign = size < 0 ? -1 : size == 0 ? 0 : 1
        }
        guard count < 1 << 24 else { throw HeapReaderError(.inconsistent, "An int has \(count) digits.") }
        let raw = try memory.bytes(object &+ UInt64(layout["PyLongObject.ob_digit"]), count: count * 4)
        let digits = (0..<count).map { i in (0..<4).reduce(UInt32(0)) { $0 | UInt32(raw[4 * i + $1]) << (8 * $1) } }
        return (sign, digits)
    }

    /// The label of an int: its value when it fits in 64 signed bits, else its bit length.
    func intLabel(_ object: UInt64) throws(HeapReaderError) -> String {
        let (sign, digits) = try intDigits(object)
        let shift = layout["PyLong_SHIFT"]
        var significant = digits
        while let last = significant.last, last == 0 { significant.removeLast() }
        guard let top = significant.last, sign != 0 else { return "0" }
        let bits = (significant.count - 1) * shift + (32 - top.leadingZeroBitCount)
        if bits <= 64 {
            var magnitude: UInt64 = 0
            for digit in significant.reversed() { magnitude = magnitude << UInt64(shift) | UInt64(digit) }
            if sign > 0 && magnitude < 1 << 63 { return String(magnitude) }
            if sign < 0 && magnitude <= 1 << 63 { return "-" + String(magnitude) }
        }
        return "int of \(bits) bits"
    }

    /// `int.__sizeof__`: the header and the digits (3.11+ count at least one).
    func intSize(_ object: UInt64, basicSize: Int) throws(HeapReaderError) -> UInt64 {
        let (_, digits) = try intDigits(object)
        let count = layout.minor >= 11 ? max(digits.count, 1) : digits.count
        return UInt64(layout["PyLongObject.ob_digit"] + count * layout["sizeof(digit)"])
    }
}
