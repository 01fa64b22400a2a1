import Foundation
import TestSupport
import Testing

@testable import HeapReader

/// The line tables of every version decoded as CPython decodes them: Fixtures/line_tables.py
/// prints each code object's table of a generated module (far jumps, lines going back,
/// expressions over many lines, instructions without a line) with the line CPython's own
/// `co_lines()` (or, before 3.10, `dis.findlinestarts`) gives every instruction.
@Suite("Line tables")
struct LineTableTests {
    static let script = TestPaths.packageRoot + "/Tests/HeapReaderTests/Fixtures/line_tables.py"

    struct Entry: Decodable {
        var name: String
        var format: String
        var first: Int
        var table: String
        var lines: [[Int]]
    }

    @Test("gives every instruction CPython's line", arguments: Interpreters.supported)
    func matchesCPython(version: String) throws {
        let python = try Interpreters.require(version)
        let process = try TestProcess(python, [Self.script])
        #expect(process.wait(timeout: 60) == 0, "\(process.stderr)")
        process.waitForOutputToClose(timeout: 60)
        let entries = try process.stdout.split(separator: "\n").map {
            try JSONDecoder().decode(Entry.self, from: Data($0.utf8))
        }
        #expect(entries.count >= 6)
        for entry in entries {
            let format: LineTable.Format =
                entry.format == "lnotab" ? .lnotab : entry.format == "linetable310" ? .linetable310 : .locations
            let table = Self.bytes(hex: entry.table)
            var wrong: [String] = []
            for pair in entry.lines where pair.count == 2 {
                let line = LineTable.line(table, format: format, firstLine: entry.first, address: pair[0])
                if line != pair[1] { wrong.append("\(pair[0]): \(line) instead of \(pair[1])") }
            }
            #expect(wrong.isEmpty, "\(version) \(entry.name): \(wrong.prefix(5))")
        }
    }

    static func bytes(hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        return stride(from: 0, to: digits.count - 1, by: 2).compactMap {
            UInt8(String(decoding: digits[$0...$0 + 1], as: UTF8.self), radix: 16)
        }
    }
}
