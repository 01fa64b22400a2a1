extension HeapReader {
    /// The text of a `str` (its first `limit` characters) and its length.
    func stringPrefix(_ object: UInt64, limit: Int) throws(HeapReaderError) -> (codePoints: [UInt32], length: Int) {
        let length = Int(try memory.signedWord(object &+ UInt64(offsets.strLength)))
        let state = UInt64(try memory.load(object &+ UInt64(offsets.strState), as: UInt32.self))
        let kindMask = offsets.strKindMask
        let kind = Int((state & kindMask) >> UInt64(kindMask.trailingZeroBitCount))
        let compact = state & offsets.strCompactBit != 0
        let ascii = state & offsets.strASCIIBit != 0
        guard length >= 0, length < 1 << 40, [1, 2, 4].contains(kind) else {
            throw HeapReaderError(.inconsistent, "A str at 0x\(String(object, radix: 16)) has no valid length or kind.")
        }
        let data: UInt64
        if compact {
            data = object &+ UInt64(ascii ? offsets.asciiObjectSize : offsets.compactObjectSize)
        } else {
            data = try memory.word(object &+ UInt64(offsets.compactObjectSize))
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

    /// `repr` of a `str`'s first `limit` characters, and the str's length. Most labels are
    /// short ASCII text with nothing to escape: those are read in place, without the code points.
    func stringRepr(_ object: UInt64, limit: Int) throws(HeapReaderError) -> (text: String, length: Int) {
        if let (data, length) = try plainString(object, limit: limit) {
            // The text between quotes, made in one go.
            let text = String(unsafeUninitializedCapacity: data.count + 2) { buffer in
                buffer[0] = 39
                UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[1..<(data.count + 1)]))
                    .copyMemory(from: data)
                buffer[data.count + 1] = 39
                return data.count + 2
            }
            return (text, length)
        }
        let (codePoints, fullLength) = try stringPrefix(object, limit: limit)
        return (PythonRepr.string(codePoints), fullLength)
    }

    /// The first `limit` characters of a compact ASCII `str` whose repr only adds the quotes
    /// (printable ASCII but the quote and the backslash), in place in the memory read, and the
    /// str's length; nil for any other str, or when the memory is not held in place.
    func plainString(_ object: UInt64, limit: Int) throws(HeapReaderError) -> (UnsafeRawBufferPointer, Int)? {
        let length = Int(try memory.signedWord(object &+ UInt64(offsets.strLength)))
        let state = UInt64(try memory.load(object &+ UInt64(offsets.strState), as: UInt32.self))
        let kind = (state & offsets.strKindMask) >> UInt64(offsets.strKindMask.trailingZeroBitCount)
        let plain = kind == 1 && state & offsets.strCompactBit != 0 && state & offsets.strASCIIBit != 0
        guard plain, length >= 0, length <= 1 << 40,
            let data = try memory.view(object &+ UInt64(offsets.asciiObjectSize), count: min(length, limit)),
            data.count == min(length, limit),
            data.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 39 && $0 != 92 })
        else { return nil }
        return (data, length)
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
        let length = UInt64(try count(at: object &+ UInt64(offsets.strLength)))
        let state = UInt64(try memory.load(object &+ UInt64(offsets.strState), as: UInt32.self))
        let kindMask = offsets.strKindMask
        let kind = (state & kindMask) >> UInt64(kindMask.trailingZeroBitCount)
        let compact = state & offsets.strCompactBit != 0
        let ascii = state & offsets.strASCIIBit != 0
        guard [0, 1, 2, 4].contains(kind) else { throw outOfRange(object &+ UInt64(offsets.strState)) }
        var size: UInt64
        if compact && ascii {
            size = UInt64(offsets.asciiObjectSize) + length + 1
            try checkExtent(object, size)
        } else if compact {
            size = UInt64(offsets.compactObjectSize) + (length + 1) * kind
            try checkExtent(object, size)
        } else {
            size = UInt64(offsets.unicodeObjectSize) + (length + 1) * kind
            try checkExtent(try memory.word(object &+ UInt64(offsets.compactObjectSize)), (length + 1) * kind)
        }
        if !(compact && ascii) {
            let utf8 = try memory.word(object &+ UInt64(offsets.compactUTF8))
            // The UTF-8 form counts unless it is the data itself (ASCII text, compact or not: a
            // str subclass's data is apart from the object).
            let afterHeader = object &+ UInt64(offsets.compactObjectSize)
            let data = compact ? afterHeader : try memory.word(afterHeader)
            if utf8 != 0 && utf8 != data {
                let utf8Size = UInt64(try count(at: object &+ UInt64(offsets.compactUTF8Length))) + 1
                try checkExtent(utf8, utf8Size)
                size += utf8Size
            }
        }
        if let wstrOffset = offsets.strWstr, case let wstr = try memory.word(object &+ UInt64(wstrOffset)), wstr != 0 {
            // Before 3.12 a str may also hold a wchar_t copy (sizeof counts it unless it is the data).
            let wstrLength =
                compact && !ascii
                ? UInt64(try count(at: object &+ UInt64(offsets.compactWstrLength))) : length
            let wchar = UInt64(offsets.wcharSize)
            if !(compact && ascii && wchar == 1) && UInt64(kind) != wchar {
                try checkExtent(wstr, (wstrLength + 1) * wchar)
                size += (wstrLength + 1) * wchar
            }
        }
        return size
    }

    /// The digits of an `int`: its sign (-1, 0, 1) and its 30-bit digits, least significant first.
    func intDigits(_ object: UInt64) throws(HeapReaderError) -> (sign: Int, digits: [UInt32]) {
        let (sign, count) = try intHeader(object)
        let digits = try memory.withBytes(object &+ UInt64(offsets.longDigits), count: count * 4) { raw in
            (0..<count).map { raw.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self) }
        }
        return (sign, digits)
    }

    /// The sign (-1, 0, 1) of an `int` and its number of digits (fewer than 2^24, else an error).
    func intHeader(_ object: UInt64) throws(HeapReaderError) -> (sign: Int, count: Int) {
        let count: Int
        let sign: Int
        if let tag = offsets.longTag {
            let value = try memory.word(object &+ UInt64(tag))
            count = Int(value >> UInt64(offsets.longNonSizeBits))
            sign = 1 - Int(value & UInt64(offsets.longSignMask))
        } else {
            let size = try memory.signedWord(object &+ UInt64(offsets.varSize))
            count = Int(min(size.magnitude, 1 << 24))
            sign = size < 0 ? -1 : size == 0 ? 0 : 1
        }
        guard count < 1 << 24 else { throw HeapReaderError(.inconsistent, "An int has \(count) digits.") }
        return (sign, count)
    }

    /// The label of an int: its value when it fits in 64 signed bits, else its bit length.
    func intLabel(_ object: UInt64) throws(HeapReaderError) -> String {
        if let value = try smallInt(object) { return String(value) }
        let (sign, digits) = try intDigits(object)
        let shift = offsets.longShift
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

    /// The value of an `int` of at most two digits (60 bits), read without its array of
    /// digits; nil for a longer one.
    func smallInt(_ object: UInt64) throws(HeapReaderError) -> Int64? {
        let (sign, count) = try intHeader(object)
        guard count <= 2 else { return nil }
        var magnitude: UInt64 = 0
        for i in (0..<count).reversed() {
            let digit = try memory.load(object &+ UInt64(offsets.longDigits + 4 * i), as: UInt32.self)
            magnitude = magnitude << UInt64(offsets.longShift) | UInt64(digit)
        }
        return sign < 0 ? -Int64(magnitude) : sign == 0 ? 0 : Int64(magnitude)
    }

    /// `int.__sizeof__`: the header and the digits (3.11+ count at least one).
    func intSize(_ object: UInt64, basicSize: Int) throws(HeapReaderError) -> UInt64 {
        let (_, digits) = try intHeader(object)
        let count = layout.minor >= 11 ? max(digits, 1) : digits
        let size = UInt64(offsets.longDigits + count * offsets.digitSize)
        try checkExtent(object, size)
        return size
    }
}
