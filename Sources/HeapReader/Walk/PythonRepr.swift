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

    /// `float.__repr__`: the shortest digits that round-trip, positional when the decimal
    /// exponent is in -4..<16, else scientific with a two-digit exponent at least.
    static func float(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        // Swift's description has the same shortest digits; take them apart.
        var text = "\(value.magnitude)"
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(parts[0])
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        var digits = whole + fraction
        var point = whole.count + exponent  // value = 0.digits × 10^point
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            point -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        let sign = value.sign == .minus ? "-" : ""
        if point > -4 && point <= 16 {
            if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + digits }
            if point >= digits.count {
                return sign + digits + String(repeating: "0", count: point - digits.count) + ".0"
            }
            let cut = digits.index(digits.startIndex, offsetBy: point)
            return sign + digits[..<cut] + "." + digits[cut...]
        }
        let e = point - 1
        let mantissa = digits.count == 1 ? digits : String(digits.prefix(1)) + "." + digits.dropFirst()
        let magnitude = abs(e)
        return sign + mantissa + "e" + (e < 0 ? "-" : "+") + (magnitude < 10 ? "0" : "") + String(magnitude)
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
