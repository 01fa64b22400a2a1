/// The small JSON reader and writer behind the `META` section, so that HeapGraph needs nothing
/// but the standard library.
///
/// It reads RFC 8259 JSON plus the `NaN`, `Infinity` and `-Infinity` that Python's `json`
/// module writes by default. Numbers keep their source text so integers are read exactly.
/// Lone UTF-16 surrogates in `\u` escapes (Python writes them for undecodable `argv` bytes)
/// become U+FFFD, as does invalid UTF-8.
///
/// Metadata never needs more than an object of arrays of scalars, so containers nested inside
/// two others are checked and then dropped (`.nested`): no deep tree is ever built, and
/// destroying the result cannot recurse deeply.
enum SnapshotFileJSON: Equatable {
    case null
    case bool(Bool)
    /// The number's text as it appears in the document.
    case number(String)
    case string(String)
    case array([SnapshotFileJSON])
    /// Keys are unique; when a document repeats a key the last value wins, as in Python.
    case object([String: SnapshotFileJSON])
    /// An array or object inside two other containers: valid, but not kept.
    case nested

    /// Parses one JSON document.
    ///
    /// Nesting is handled with an explicit stack, so deep documents cannot overflow the
    /// call stack.
    /// - Complexity: O(bytes).
    static func parse(_ bytes: [UInt8]) throws(SnapshotFileJSONError) -> SnapshotFileJSON {
        var parser = SnapshotFileJSONParser(bytes: bytes)
        return try parser.parseDocument()
    }

    /// A JSON string literal for `text`, escaping quotes, backslashes and control characters
    /// and writing everything else as UTF-8.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A JSON number for `value`: the shortest text that reads back as the same `Double`;
    /// `NaN`, `Infinity` or `-Infinity` (Python's spelling) when it is not finite.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        return "\(value)"
    }
}

/// Why a `META` document is not JSON: a sentence fragment naming the byte.
struct SnapshotFileJSONError: Error, Equatable {
    var message: String
}

/// An iterative recursive-descent-shaped JSON parser over a byte array.
private struct SnapshotFileJSONParser {
    /// An open container; its members so far are the last entry of `arrays` or `objects`,
    /// kept apart from this enum so that adding one mutates them in place (a member bound out
    /// of an enum payload is a copy, which made each append O(members) and a parse quadratic).
    private enum Container {
        case array
        case object(key: String)
    }

    let bytes: [UInt8]
    var position = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private func failure(_ what: String) -> SnapshotFileJSONError {
        if let byte = current {
            let shown =
                byte >= 0x20 && byte < 0x7F
                ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
            return SnapshotFileJSONError(message: "\(what), found \(shown) at byte \(position)")
        }
        return SnapshotFileJSONError(message: "\(what), found the end of the text")
    }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
            position += 1
        }
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        if current == byte {
            position += 1
            return true
        }
        return false
    }

    private mutating func expectLiteral(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        for i in 0..<count where bytes[position + i] != literal.utf8Start[i] { return false }
        position += count
        return true
    }

    mutating func parseDocument() throws(SnapshotFileJSONError) -> SnapshotFileJSON {
        var stack: [Container] = []
        var arrays: [[SnapshotFileJSON]] = []
        var objects: [[String: SnapshotFileJSON]] = []
        while true {
            skipWhitespace()
            var value: SnapshotFileJSON
            switch current {
            case UInt8(ascii: "{"):
                position += 1
                if consume(UInt8(ascii: "}")) {
                    value = stack.count >= 2 ? .nested : .object([:])
                } else {
                    stack.append(.object(key: try parseKey()))
                    objects.append([:])
                    continue
                }
            case UInt8(ascii: "["):
                position += 1
                if consume(UInt8(ascii: "]")) {
                    value = stack.count >= 2 ? .nested : .array([])
                } else {
                    stack.append(.array)
                    arrays.append([])
                    continue
                }
            default:
                value = try parseScalar()
            }
            // Attach the finished value to its container, closing containers as they end.
            while true {
                guard let top = stack.last else {
                    skipWhitespace()
                    guard current == nil else { throw failure("expected the end of the text") }
                    return value
                }
                switch top {
                case .array:
                    // Members of a container inside two others are checked, not kept.
                    if stack.count <= 2 { arrays[arrays.count - 1].append(value) }
                    if consume(UInt8(ascii: ",")) { break }
                    guard consume(UInt8(ascii: "]")) else { throw failure("expected ',' or ']'") }
                    stack.removeLast()
                    let elements = arrays.removeLast()
                    value = stack.count >= 2 ? .nested : .array(elements)
                    continue
                case let .object(key):
                    if stack.count <= 2 { objects[objects.count - 1][key] = value }
                    if consume(UInt8(ascii: ",")) {
                        stack[stack.count - 1] = .object(key: try parseKey())
                        break
                    }
                    guard consume(UInt8(ascii: "}")) else { throw failure("expected ',' or '}'") }
                    stack.removeLast()
                    let members = objects.removeLast()
                    value = stack.count >= 2 ? .nested : .object(members)
                    continue
                }
                break
            }
        }
    }

    /// A member's key and the colon after it.
    private mutating func parseKey() throws(SnapshotFileJSONError) -> String {
        skipWhitespace()
        guard current == UInt8(ascii: "\"") else { throw failure("expected a string key") }
        let key = try parseString()
        guard consume(UInt8(ascii: ":")) else { throw failure("expected ':'") }
        return key
    }

    private mutating func parseScalar() throws(SnapshotFileJSONError) -> SnapshotFileJSON {
        switch current {
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): if expectLiteral("true") { return .bool(true) }
        case UInt8(ascii: "f"): if expectLiteral("false") { return .bool(false) }
        case UInt8(ascii: "n"): if expectLiteral("null") { return .null }
        case UInt8(ascii: "N"): if expectLiteral("NaN") { return .number("NaN") }
        case UInt8(ascii: "I"): if expectLiteral("Infinity") { return .number("Infinity") }
        case UInt8(ascii: "-"):
            if expectLiteral("-Infinity") { return .number("-Infinity") }
            return .number(try parseNumber())
        case let byte? where byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"):
            return .number(try parseNumber())
        default: break
        }
        throw failure("expected a value")
    }

    private mutating func digits() -> Int {
        let start = position
        while let byte = current, byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { position += 1 }
        return position - start
    }

    private mutating func parseNumber() throws(SnapshotFileJSONError) -> String {
        let start = position
        if current == UInt8(ascii: "-") { position += 1 }
        if current == UInt8(ascii: "0") {
            position += 1
        } else if digits() == 0 {
            throw failure("expected a digit")
        }
        if current == UInt8(ascii: ".") {
            position += 1
            guard digits() > 0 else { throw failure("expected a digit after '.'") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard digits() > 0 else { throw failure("expected a digit in the exponent") }
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func hexQuad() throws(SnapshotFileJSONError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current else { throw failure("expected four hex digits after \\u") }
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("expected four hex digits after \\u")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    /// A string literal starting at the opening quote.
    private mutating func parseString() throws(SnapshotFileJSONError) -> String {
        position += 1
        var utf8: [UInt8] = []
        while true {
            guard let byte = current else { throw failure("expected '\"' to end the string") }
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let escape = current else { throw failure("expected an escape character") }
                position += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hexQuad()
                    if scalar >= 0xD800 && scalar < 0xDC00 {
                        // A high surrogate: combine it with a following low surrogate if there is one.
                        let save = position
                        if expectLiteral("\\u") {
                            let low = try hexQuad()
                            if low >= 0xDC00 && low < 0xE000 {
                                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                position = save
                            }
                        }
                    }
                    let decoded = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                    utf8.append(contentsOf: String(decoded).utf8)
                default:
                    position -= 1
                    throw failure("expected a valid escape character")
                }
            case 0x00..<0x20:
                position -= 1
                throw failure("expected '\"' to end the string")
            default:
                utf8.append(byte)
            }
        }
    }
}
