/// Makes untrusted text (object labels, edge names, type and root names) safe to show on one
/// line: control characters, line and paragraph separators, invisible direction marks and
/// noncharacters become visible backslash escapes (`\n`, `\x1b`, `\u202e`), and long text is
/// cut to a number of characters with a trailing "…".
package enum SafeText {
    /// `text` cut to at most `maxCharacters` characters (grapheme clusters), with every
    /// character that could break a line, a layout or the reading order made visible.
    ///
    /// - Complexity: O(`maxCharacters`), whatever the length of `text`.
    package static func visible(_ text: String, maxCharacters: Int) -> String {
        precondition(maxCharacters >= 1, "maxCharacters must be at least 1")
        var cut = text
        if let end = text.index(text.startIndex, offsetBy: maxCharacters, limitedBy: text.endIndex),
            end != text.endIndex
        {
            cut = String(text[..<text.index(before: end)]) + "…"
        }
        var result = ""
        result.unicodeScalars.reserveCapacity(cut.unicodeScalars.count)
        for scalar in cut.unicodeScalars {
            if let escape = escape(scalar) {
                result += escape
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether `visible` writes `scalar` as an escape: a control character, a direction
    /// mark, a line or paragraph separator or a noncharacter.
    package static func needsEscape(_ scalar: Unicode.Scalar) -> Bool { escape(scalar) != nil }

    /// The visible escape of a scalar that must not be shown as is, or nil.
    private static func escape(_ scalar: Unicode.Scalar) -> String? {
        let value = scalar.value
        switch value {
        case 0x00: return "\\0"
        case 0x09: return "\\t"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x01..<0x20, 0x7F..<0xA0: return "\\x" + hex(value, digits: 2)
        // Direction marks, embeddings, overrides and isolates, which reorder what follows them
        // (the "Trojan Source" characters), and the Unicode line and paragraph separators.
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029:
            return "\\u" + hex(value, digits: 4)
        // Noncharacters, which XML (and so Graphviz's HTML labels and SVG) rejects.
        case 0xFDD0...0xFDEF: return "\\u" + hex(value, digits: 4)
        case _ where value & 0xFFFE == 0xFFFE:
            return value <= 0xFFFF ? "\\u" + hex(value, digits: 4) : "\\U" + hex(value, digits: 8)
        default: return nil
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
