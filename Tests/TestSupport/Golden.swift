import Foundation
import Testing

/// Golden files in a `Goldens/` folder beside the calling test file, compared byte for byte;
/// with the environment variable `REFGRAPH_RECORD_GOLDENS=1` they are written instead.
public enum Golden {
    static var recording: Bool { ProcessInfo.processInfo.environment["REFGRAPH_RECORD_GOLDENS"] == "1" }

    /// Compares `text` with the golden file `name` (or records it).
    public static func check(
        _ text: String,
        named name: String,
        filePath: String = #filePath,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Goldens")
        let url = folder.appendingPathComponent(name)
        if recording {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            return
        }
        guard let expected = FileManager.default.contents(atPath: url.path) else {
            Issue.record(
                "No golden file \(url.path); record it with REFGRAPH_RECORD_GOLDENS=1.",
                sourceLocation: sourceLocation
            )
            return
        }
        #expect(
            Array(text.utf8) == [UInt8](expected),
            "\(name) differs from its golden file",
            sourceLocation: sourceLocation
        )
        if Array(text.utf8) != [UInt8](expected) {
            // Show the first differing line, which the byte comparison does not.
            let got = text.split(separator: "\n", omittingEmptySubsequences: false)
            let want = String(decoding: expected, as: UTF8.self).split(
                separator: "\n",
                omittingEmptySubsequences: false
            )
            if let line = zip(got, want).enumerated().first(where: { $0.element.0 != $0.element.1 }) {
                Issue.record(
                    "line \(line.offset + 1): got \(line.element.0) expected \(line.element.1)",
                    sourceLocation: sourceLocation
                )
            }
        }
    }
}
