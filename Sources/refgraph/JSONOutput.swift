import Foundation
import Reports

/// The one JSON encoder of the CLI: stable key order, pretty-printed, no escaped slashes.
///
/// A number that is not finite (a snapshot may record a `NaN` time) is written as the string
/// `"NaN"`, `"Infinity"` or `"-Infinity"`, Python's spellings; and every character a terminal
/// acts on or that reorders a line (DEL, C1 controls, direction marks, line separators) is
/// written as a `\u` escape, so the document is still the same JSON but safe to print.
enum JSONOutput {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity",
            negativeInfinity: "-Infinity",
            nan: "NaN"
        )
        return escapingControls(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// `json` with the characters `JSONEncoder` leaves raw but `SafeText` would escape (DEL,
    /// C1 controls, direction marks, line separators, noncharacters) as `\u` escapes; outside
    /// strings a JSON document has none of them, so its meaning is unchanged.
    /// - Complexity: O(n).
    private static func escapingControls(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: needsEscape) else { return json }
        var out = ""
        out.unicodeScalars.reserveCapacity(json.unicodeScalars.count)
        for scalar in json.unicodeScalars {
            guard needsEscape(scalar) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            for unit in String(scalar).utf16 {
                let hex = String(unit, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        return out
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar != "\n" && SafeText.needsEscape(scalar)
    }
}
