import Foundation
import HeapGraph
import TestSupport
import Testing

/// docs/snapshot-format.md's worked example must stay what the writer produces.
@Suite struct SnapshotFileDocTests {
    /// The bytes of the doc's ```hex block, each line `offset: bytes # comment`; the offsets are
    /// checked against the running count so the doc's annotations cannot drift either.
    static func documentedBytes() throws -> [UInt8] {
        let docs = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/snapshot-format.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let blocks = text.components(separatedBy: "```hex\n")
        try #require(blocks.count == 2, "docs/snapshot-format.md must have exactly one ```hex block")
        let block = try #require(blocks[1].components(separatedBy: "\n```").first)
        var bytes: [UInt8] = []
        for line in block.split(separator: "\n") {
            let data = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
            var tokens = data.split(separator: " ")
            let offset = try #require(
                tokens.first.flatMap { $0.hasSuffix(":") ? Int($0.dropLast(), radix: 16) : nil },
                "line without an offset: \(line)"
            )
            #expect(offset == bytes.count, "line \(line) is at byte \(bytes.count)")
            tokens.removeFirst()
            for token in tokens {
                let byte = try #require(
                    token.count == 2 ? UInt8(token, radix: 16) : nil,
                    "bad byte '\(token)' in \(line)"
                )
                bytes.append(byte)
            }
        }
        return bytes
    }

    @Test func workedExampleIsWhatTheWriterProduces() throws {
        let documented = try Self.documentedBytes()
        let encoded = SnapshotFile.encode(SampleSnapshots.documentExample())
        #expect(documented.count == encoded.count)
        if let first = zip(documented, encoded).enumerated().first(where: { $0.element.0 != $0.element.1 }) {
            Issue.record("the doc has \(first.element.0) at byte \(first.offset), the writer \(first.element.1)")
        }
    }

    @Test func workedExampleReadsBack() throws {
        #expect(try SnapshotFile.decode(Self.documentedBytes()) == SampleSnapshots.documentExample())
    }
}
