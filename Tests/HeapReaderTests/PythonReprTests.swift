import Foundation
import HeapGraph
import TestSupport
import Testing

@testable import HeapReader

/// The labels the outside reader rebuilds from an object's bytes are Python's own repr:
/// Fixtures/float_reprs.py prints repr() of edge cases and seeded random doubles by bits.
@Suite("Python repr")
struct PythonReprTests {
    static let script = TestPaths.packageRoot + "/Tests/HeapReaderTests/Fixtures/float_reprs.py"

    @Test("a float's label is its repr", arguments: ["3.8", "3.13"])
    func floats(version: String) throws {
        let python = try Interpreters.require(version)
        let process = try TestProcess(python, [Self.script])
        #expect(process.wait(timeout: 60) == 0, "\(process.stderr)")
        process.waitForOutputToClose(timeout: 60)
        var buffer = WalkBuffer<UInt8>(capacity: 64)
        defer { buffer.deallocate() }
        var wrong: [String] = []
        var checked = 0
        for line in process.stdout.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, let pattern = UInt64(parts[0], radix: 16) else { continue }
            buffer.removeAll()
            PythonRepr.appendFloat(Double(bitPattern: pattern), to: &buffer)
            let ours = String(decoding: buffer.buffer, as: UTF8.self)
            if ours != parts[1] { wrong.append("\(parts[1]): \(ours)") }
            checked += 1
        }
        #expect(checked > 25000)
        #expect(wrong.isEmpty, "\(version): \(wrong.count) wrong, \(wrong.prefix(8))")
    }
}
