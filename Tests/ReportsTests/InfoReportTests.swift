import Foundation
import HeapGraph
import TestSupport
import Testing

@testable import Reports

/// `info` lists the objects whose references the capture could not list, per type.
@Suite struct InfoReportTests {
    /// 3 `ext.Opaque` (10 B each) and 1 `_asyncio.Task` (50 B) flagged, 2 plain lists not.
    func snapshot() -> Snapshot {
        var builder = SnapshotBuilder(metadata: GraphFixtures.metadata)
        let opaque = builder.type(module: "ext", name: "Opaque")
        let task = builder.type(module: "_asyncio", name: "Task")
        let list = builder.type(module: "builtins", name: "list")
        var address: UInt64 = 0x1000
        for (type, size, flags) in [
            (opaque, 10, ObjectFlags.referencesUnknown), (list, 56, []), (opaque, 10, .referencesUnknown),
            (task, 50, [.referencesUnknown, .gcTracked]), (opaque, 10, .referencesUnknown), (list, 56, [.gcTracked]),
        ] as [(TypeID, UInt64, ObjectFlags)] {
            builder.addObject(address: address, type: type, size: size, flags: flags)
            address += 0x100
        }
        return builder.build()
    }

    @Test func countsFlaggedObjectsPerTypeMostFirst() throws {
        let report = InfoReport(snapshot(), path: "s.rgs", loadSeconds: 0)
        #expect(report.referencesUnknown.map(\.type) == ["ext.Opaque", "_asyncio.Task"])
        #expect(report.referencesUnknown.map(\.objects) == [3, 1])
        #expect(report.referencesUnknown.map(\.bytes) == [30, 50])
        let line = try #require(report.text.split(separator: "\n").first { $0.hasPrefix("opaque ") })
        #expect(
            line == "opaque     4 objects of 2 types whose references the capture could not list: "
                + "ext.Opaque 3, _asyncio.Task 1"
        )
    }

    @Test func saysNothingWhenEveryObjectWasLookedInto() {
        var builder = SnapshotBuilder(metadata: GraphFixtures.metadata)
        builder.addObject(address: 0x10, type: builder.type(module: "builtins", name: "list"), size: 56)
        let report = InfoReport(builder.build(), path: "s.rgs", loadSeconds: 0)
        #expect(report.referencesUnknown.isEmpty)
        #expect(!report.text.contains("opaque"))
    }
}
