import HeapGraph

/// Python's `repr` of the atoms whose labels the snapshot records (`str`, `bytes`, `float`),
/// rebuilt from their contents, as the agent writes them with the builtin methods.
enum PythonRepr {
    /// `str.__repr__` of a string given by its code points.
    static func string(_ codePoints: [UInt32]) -> String {
        let quote: UInt32 = codePoints.contains(39) && !codePoints.contains(34) ? 34 : 39
        var out = quote == 34 ? "\"" : "'"
        for c in codePoints {
            switch c {
            case quote, 92: out += "\\" + String(UnicodeScalar(UInt8(c)))
            case 9: out += "\\t"
            case 10: out += "\\n"
            case 13: out += "\\r"
            case 0..<0x20, 0x7F: out += "\\x" + hex(c, digits: 2)
            case 0x20..<0x7F: out.unicodeScalars.append(UnicodeScalar(UInt8(c)))
            default:
                if let scalar = Unicode.Scalar(c), isPrintable(scalar) {
                    out.unicodeScalars.append(scalar)
                } else if c <= 0xFF {
                    out += "\\x" + hex(c, digits: 2)
                } else if c <= 0xFFFF {
                    out += "\\u" + hex(c, digits: 4)
                } else {
                    out += "\\U" + hex(c, digits: 8)
                }
            }
        }
        return out + (quote == 34 ? "\"" : "'")
    }

    /// `bytes.__repr__`.
    static func bytes(_ bytes: [UInt8]) -> String {
        let quote: UInt8 = bytes.contains(39) && !bytes.contains(34) ? 34 : 39
        var out = quote == 34 ? "b\"" : "b'"
        for c in bytes {
            switch c {
            case quote, 92: out += "\\" + String(UnicodeScalar(c))
            case 9: out += "\\t"
            case 10: out += "\\n"
            case 13: out += "\\r"
            case 0x20..<0x7F: out.unicodeScalars.append(UnicodeScalar(c))
            default: out += "\\x" + hex(UInt32(c), digits: 2)
            }
        }
        return out + (quote == 34 ? "\"" : "'")
    }

    /// `float.__repr__`: the shortest digits that read back as `value` (Swift's description
    /// has the same digits), written as Python writes them: positional from 1e-4 up to
    /// 1e16, else with an exponent of at least two digits. Appended as bytes to `out`.
    static func appendFloat(_ value: Double, to out: inout WalkBuffer<UInt8>) {
        if value.isNaN { return out.appendText("nan") }
        if value.isInfinite { return out.appendText(value < 0 ? "-inf" : "inf") }
        if value == 0 { return out.appendText(value.sign == .minus ? "-0.0" : "0.0") }
        var text = value.magnitude.description
        text.withUTF8 { utf8 in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: utf8.count) { digits in
                // value = 0.d1d2... × 10^point, digits without leading or trailing zeros.
                var count = 0
                var point = 0
                var exponent = 0
                var negativeExponent = false
                var inExponent = false
                var seenPoint = false
                for c in utf8 {
                    if inExponent {
                        if c == UInt8(ascii: "-") {
                            negativeExponent = true
                        } else if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                            exponent = exponent * 10 + Int(c - UInt8(ascii: "0"))
                        }
                    } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                        inExponent = true
                    } else if c == UInt8(ascii: ".") {
                        seenPoint = true
                    } else if count == 0 && c == UInt8(ascii: "0") {
                        if seenPoint { point -= 1 }
                    } else {
                        digits[count] = c
                        count += 1
                        if !seenPoint { point += 1 }
                    }
                }
                point += negativeExponent ? -exponent : exponent
                while count > 1 && digits[count - 1] == UInt8(ascii: "0") { count -= 1 }
                if value.sign == .minus { out.append(UInt8(ascii: "-")) }
                if point > -4 && point <= 16 {
                    if point <= 0 {
                        out.appendText("0.")
                        for _ in 0..<(-point) { out.append(UInt8(ascii: "0")) }
                        for i in 0..<count { out.append(digits[i]) }
                    } else if point >= count {
                        for i in 0..<count { out.append(digits[i]) }
                        for _ in 0..<(point - count) { out.append(UInt8(ascii: "0")) }
                        out.appendText(".0")
                    } else {
                        for i in 0..<point { out.append(digits[i]) }
                        out.append(UInt8(ascii: "."))
                        for i in point..<count { out.append(digits[i]) }
                    }
                    return
                }
                out.append(digits[0])
                if count > 1 {
                    out.append(UInt8(ascii: "."))
                    for i in 1..<count { out.append(digits[i]) }
                }
                let e = point - 1
                out.append(UInt8(ascii: "e"))
                out.append(UInt8(ascii: e < 0 ? "-" : "+"))
                if abs(e) < 10 { out.append(UInt8(ascii: "0")) }
                out.appendDecimal(UInt64(abs(e)))
            }
        }
    }

    /// Python's `str.isprintable` for one character: not a control, format, surrogate,
    /// private-use, unassigned or separator character, except the space.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator,
            .spaceSeparator:
            return false
        default: return true
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
