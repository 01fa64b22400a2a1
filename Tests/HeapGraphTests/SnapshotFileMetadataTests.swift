import Foundation
import HeapGraph
import TestSupport
import Testing

@Suite struct SnapshotFileMetadataTests {
    /// The example file with its META section replaced by `json`.
    func file(meta json: String) -> [UInt8] {
        var parts = SnapshotFileParts(SnapshotFile.encode(SampleSnapshots.documentExample()))
        parts["META"] = Array(json.utf8)
        return parts.assembled()
    }

    func decode(meta json: String) throws -> SnapshotMetadata {
        try SnapshotFile.decode(file(meta: json)).metadata
    }

    func message(meta json: String) -> String? {
        do {
            _ = try SnapshotFile.decode(file(meta: json))
            return nil
        } catch {
            return error.description
        }
    }

    let required =
        #""pythonVersion": "3.11.2", "pid": 12, "time": 1.5, "gcEnabled": true, "gcCounts": [1, 2, 3], "gcThresholds": [700, 10, 10], "collected": false, "capturedBy": "agent""#

    @Test func encodedJSONIsCompactWithKeysInDeclarationOrder() {
        let parts = SnapshotFileParts(SnapshotFile.encode(SampleSnapshots.documentExample()))
        #expect(
            String(decoding: parts["META"], as: UTF8.self)
                == #"{"pythonVersion":"3.11.2","pythonImplementation":"cpython","pid":4242,"time":1700000000.5,"gcEnabled":true,"#
                + #""gcCounts":[10,2,0],"gcThresholds":[700,10,10],"collected":false,"capturedBy":"example","captureSeconds":0.0,"#
                + #""limitations":[]}"#
        )
    }

    @Test func optionalKeysMayBeMissingAndGetTheirDefaults() throws {
        let metadata = try decode(meta: "{\(required)}")
        #expect(
            metadata
                == SnapshotMetadata(
                    pythonVersion: "3.11.2",
                    pythonImplementation: "cpython",
                    pid: 12,
                    time: 1.5,
                    gcEnabled: true,
                    gcCounts: [1, 2, 3],
                    gcThresholds: [700, 10, 10],
                    collected: false,
                    capturedBy: "agent"
                )
        )
    }

    @Test func nullMeansMissingAndUnknownKeysAreIgnored() throws {
        let metadata = try decode(
            meta: """
                {\(required), "rssBytes": null, "future": {"nested": [1, {"x": null}, "\\u00e9"], "n": -1.5e-3},
                 "incomplete": "interrupted", "argv": [], "peakRSSBytes": 18446744073709551615}
                """
        )
        #expect(metadata.rssBytes == nil)
        #expect(metadata.peakRSSBytes == UInt64.max)
        #expect(metadata.incomplete == "interrupted")
        #expect(metadata.argv == [])
    }

    @Test func pythonStyleEscapesAreDecoded() throws {
        // json.dumps(ensure_ascii=True) of "naïve", an emoji, and an argv byte undecodable as UTF-8
        // (a lone surrogate from surrogateescape), plus control characters.
        let metadata = try decode(
            meta: #"{\#(required), "argv": ["na\u00efve", "\ud83d\ude00", "a\udc80b", "tab\there\n\"q\"\\\/"]}"#
        )
        #expect(metadata.argv == ["naïve", "😀", "a\u{FFFD}b", "tab\there\n\"q\"\\/"])
    }

    @Test func pythonNonFiniteNumbersAreRead() throws {
        let metadata = try decode(
            meta:
                #"{"pythonVersion": "3", "pid": 1, "time": NaN, "gcEnabled": false, "gcCounts": [], "gcThresholds": [], "collected": true, "capturedBy": "x", "captureSeconds": -Infinity}"#
        )
        #expect(metadata.time.isNaN)
        #expect(metadata.captureSeconds == -.infinity)
    }

    @Test func controlCharactersSurviveARoundTrip() throws {
        var snapshot = SampleSnapshots.documentExample()
        snapshot.metadata.capturedBy = "a\u{0}b\u{1F}c\u{7F}\"\\\r\n\t é 😀"
        #expect(try SnapshotFile.decode(SnapshotFile.encode(snapshot)) == snapshot)
    }

    @Test func deeplyNestedUnknownValuesDoNotExhaustTheStack() throws {
        let depth = 200_000
        let nested = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(try decode(meta: "{\(required), \"deep\": \(nested)}").pid == 12)
    }

    /// `refgraph run` of a script given 30,000 arguments records them all; reading them once
    /// took seconds (each element copied the array so far), which the hostile-value fuzzer's
    /// time limit catches.
    @Test func aLongArgvArrayReadsBackWhole() throws {
        var snapshot = SampleSnapshots.documentExample()
        snapshot.metadata.argv = (0..<30_000).map { "argument \($0)" }
        snapshot.metadata.limitations = (0..<30_000).map { "limitation \($0)" }
        #expect(try SnapshotFile.decode(SnapshotFile.encode(snapshot)) == snapshot)
        let members = (0..<30_000).map { "\"k\($0)\": [\($0)]" }.joined(separator: ", ")
        #expect(try decode(meta: "{\(required), \"future\": {\(members)}}").pid == 12)
    }

    @Test func missingRequiredKeyIsNamed() {
        #expect(
            message(meta: #"{"pythonVersion": "3.11.2"}"#)
                == "the snapshot data has invalid metadata: required key 'pid' is missing."
        )
        #expect(
            message(
                meta: "{\(required.replacingOccurrences(of: #""capturedBy": "agent""#, with: #""capturedBy": null"#))}"
            )
                == "the snapshot data has invalid metadata: required key 'capturedBy' is missing."
        )
    }

    @Test func wrongTypesAreNamed() {
        let cases: [(String, String)] = [
            (#""pid": "12""#, "key 'pid' must be an integer"),
            (#""pid": 1.0"#, "key 'pid' must be an integer"),
            (#""pid": 4294967296"#, "key 'pid' must be an integer"),
            (#""rssBytes": -1"#, "key 'rssBytes' must be a non-negative integer"),
            (#""time": "now""#, "key 'time' must be a number"),
            (#""gcEnabled": 1"#, "key 'gcEnabled' must be true or false"),
            (#""gcCounts": [1, "2"]"#, "key 'gcCounts' must be an array of integers"),
            (#""argv": "script.py""#, "key 'argv' must be an array of strings"),
            (#""executable": 3"#, "key 'executable' must be a string"),
        ]
        for (member, expected) in cases {
            // A later duplicate key wins, as in Python.
            #expect(message(meta: "{\(required), \(member)}") == "the snapshot data has invalid metadata: \(expected).")
        }
    }

    @Test func invalidJSONIsRefused() {
        let cases: [(String, String)] = [
            ("", "expected a value, found the end of the text"),
            ("{\"a\": 1,}", "expected a string key, found '}' at byte 8"),
            ("{\"a\" 1}", "expected ':', found '1' at byte 5"),
            ("{\"a\": tru}", "expected a value, found 't' at byte 6"),
            ("{\"a\": \"x}", "expected '\"' to end the string, found the end of the text"),
            ("{\"a\": \"\\q\"}", "expected a valid escape character, found 'q' at byte 8"),
            ("{\"a\": 01}", "expected ',' or '}', found '1' at byte 7"),
            ("{\"a\": [1 2]}", "expected ',' or ']', found '2' at byte 9"),
            ("{} {}", "expected the end of the text, found '{' at byte 3"),
            ("{\"a\": -}", "expected a digit, found '}' at byte 7"),
            ("{\"a\": \"\u{1}\"}", "expected '\"' to end the string, found byte 0x1 at byte 7"),
        ]
        for (json, expected) in cases {
            #expect(
                message(meta: json)
                    == "the snapshot data has invalid metadata: section META is not valid JSON (\(expected))."
            )
        }
    }

    @Test func metadataMustBeAnObject() {
        #expect(message(meta: "[1, 2]") == "the snapshot data has invalid metadata: section META is not a JSON object.")
    }
}
