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
    /// Objects flagged `referencesUnknown`, per type name, most first: what the capture could
    /// not look into (opaque extension types and extension modules' own state read from
    /// outside, running frames, ...).
    var referencesUnknown: [UnknownReferencesRow]
    var loadSeconds: Double

    /// How many objects of one type have references the capture could not list.
    struct UnknownReferencesRow: Encodable {
        var type: String
        var objects: Int
        var bytes: UInt64
    }

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
        self.referencesUnknown = Self.unknownReferences(snapshot)
        self.loadSeconds = loadSeconds
    }

    private static func unknownReferences(_ snapshot: Snapshot) -> [UnknownReferencesRow] {
        var byType: [String: UnknownReferencesRow] = [:]
        for object in snapshot.objectIDs where snapshot.flags(of: object).contains(.referencesUnknown) {
            let name = snapshot.type(of: object).qualifiedName
            byType[name, default: UnknownReferencesRow(type: name, objects: 0, bytes: 0)].objects += 1
            byType[name]?.bytes.addSaturating(snapshot.size(of: object))
        }
        return byType.values.sorted { ($0.objects, $1.type) > ($1.objects, $0.type) }
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
        if !referencesUnknown.isEmpty { out.append("opaque     " + unknownReferencesText) }
        out.append("loaded in  \(Formatting.seconds(loadSeconds))")
        return out.joined(separator: "\n")
    }

    /// "N objects of T types whose references the capture could not list: A 400, B 12, ...".
    private var unknownReferencesText: String {
        let total = referencesUnknown.reduce(0) { $0 + $1.objects }
        let shown = referencesUnknown.prefix(8).map { "\(Self.visible($0.type)) \(Formatting.count($0.objects))" }
        let more = referencesUnknown.count - shown.count
        let types = referencesUnknown.count == 1 ? "1 type" : "\(Formatting.count(referencesUnknown.count)) types"
        return "\(Formatting.count(total)) object\(total == 1 ? "" : "s") of \(types) whose "
            + "references the capture could not list: " + shown.joined(separator: ", ")
            + (more > 0 ? ", and \(Formatting.count(more)) more (info --json lists them all)" : "")
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
