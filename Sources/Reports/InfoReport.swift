import Foundation
import HeapGraph

/// The facts `refgraph info` prints.
package struct InfoReport: Encodable {
    var snapshot: String
    var metadata: SnapshotMetadata
    var objects: Int
    var edges: Int
    var types: Int
    var totalBytes: UInt64
    var roots: [String: Int]
    var loadSeconds: Double

    package init(_ snapshot: Snapshot, path: String, loadSeconds: Double) {
        self.snapshot = path
        self.metadata = snapshot.metadata
        self.objects = snapshot.objectCount
        self.edges = snapshot.edgeCount
        self.types = snapshot.types.count
        self.totalBytes = snapshot.totalSize
        var roots: [String: Int] = [:]
        for root in snapshot.roots { roots[root.kind.description, default: 0] += 1 }
        self.roots = roots
        self.loadSeconds = loadSeconds
    }

    package var text: String {
        let m = metadata
        let python = m.pythonVersion.split(separator: " ").first.map(String.init) ?? m.pythonVersion
        var out = [
            "snapshot   \(Self.visible(snapshot))",
            "process    pid \(m.pid), Python \(Self.visible(python)) (\(Self.visible(m.pythonImplementation)))",
            "taken      \(Self.timestamp(m.time)) by \(Self.visible(m.capturedBy)) in \(Formatting.seconds(m.captureSeconds))",
        ]
        if let rss = m.rssBytes {
            out.append(
                "memory     RSS \(ByteCountFormat.string(rss))"
                    + (m.peakRSSBytes.map { ", peak \(ByteCountFormat.string($0))" } ?? "")
            )
        }
        out.append(
            "heap       \(Formatting.count(objects)) objects, \(Formatting.count(edges)) references, \(Formatting.count(types)) types, \(ByteCountFormat.string(totalBytes)) shallow"
        )
        out.append(
            "roots      "
                + roots.keys.sorted().map { "\(Formatting.count(roots[$0] ?? 0)) \($0)" }.joined(separator: ", ")
        )
        out.append(
            "gc         \(m.gcEnabled ? "enabled" : "disabled"), counts \(m.gcCounts), thresholds \(m.gcThresholds)\(m.collected ? ", collected first" : "")"
        )
        if let reason = m.incomplete { out.append("INCOMPLETE \(Self.visible(reason))") }
        for limitation in m.limitations { out.append("limitation \(Self.visible(limitation))") }
        out.append("loaded in  \(Formatting.seconds(loadSeconds))")
        return out.joined(separator: "\n")
    }

    /// The time as an ISO 8601 date, or for one outside the years 1 to 9999 (or not finite)
    /// the number of seconds the snapshot records, said to be no date.
    private static func timestamp(_ time: Double) -> String {
        guard time.isFinite, time >= -62_135_596_800, time < 253_402_300_800 else {
            return "at \(time) s from the epoch (not a date)"
        }
        return ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: time))
    }

    /// A text from the snapshot as one visible line, cut at 500 characters.
    private static func visible(_ text: String) -> String { SafeText.visible(text, maxCharacters: 500) }
}
