import HeapGraph
import Reports

/// What `Templates/html/leaks.mustache` shows: plain strings, made visible but not escaped
/// (the template's `{{...}}` escapes them for HTML), and each suspect's SVG, written as is.
struct LeakPageView {
    struct Snapshot {
        var number: Int
        var path: String
        var offset: String
        var objects: String
        var bytes: String
        var rss: String
    }

    struct Row {
        var label: String
        var cells: [String]
    }

    struct Summary {
        var rank: Int
        var text: String
    }

    struct Section {
        var rank: Int
        var title: String
        var address: String
        var growth: [Row]
        var heldText: String
        var types: [Row]
        var chainHeading: String
        var chain: [String]
        var heldThrough: [String]
        var hasHeldThrough: Bool
        var note: String?
        /// Where it stands among the suspects: inside another, or one of several alike.
        var placement: [String]
        var svg: String
        var hasSVG: Bool

        init(_ suspect: LeakReport.Suspect, report: LeakReport, svg: String) {
            rank = suspect.rank
            title = visible(suspect.name.isEmpty ? suspect.description : "\(suspect.name) — \(suspect.description)")
            address = suspect.container.address
            growth = [
                Row(label: "retained bytes", cells: suspect.retainedBytes.map(ByteCountFormat.string)),
                Row(label: "objects of growing types", cells: suspect.heldObjects.map { Formatting.count($0) }),
            ]
            heldText =
                "It is the nearest long-lived holder of \(Formatting.count(suspect.newObjects)) new objects"
                + " (\(ByteCountFormat.string(suspect.newObjectBytes)) shallow), by type:"
            types = suspect.types.prefix(20).map { held in
                Row(
                    label: visible(held.type),
                    cells: [
                        Formatting.count(held.held), ByteCountFormat.string(held.heldBytes), Formatting.count(held.new),
                    ] + held.counts.map { Formatting.count($0) }
                )
            }
            switch suspect.chainStart {
            case "module": chainHeading = "Chain from a module"
            case "root": chainHeading = "No module reaches it; chain from a root"
            default: chainHeading = "No root reaches it"
            }
            chain = suspect.chainText.map(visible)
            heldThrough = suspect.heldThroughText.map(visible)
            hasHeldThrough = !heldThrough.isEmpty
            note = suspect.note.map(visible)
            placement = []
            if let inside = suspect.inside {
                placement.append(
                    "It sits inside suspect \(inside): a symptom of that leak, whose retained size includes its growth."
                )
            }
            if !suspect.similar.isEmpty {
                placement.append(
                    "\(Formatting.count(suspect.similar.count)) more containers accumulate the same way: "
                        + suspect.similar.prefix(20).joined(separator: ", ") + (suspect.similar.count > 20 ? ", …" : "")
                        + ". The figures are this one's."
                )
            }
            self.svg = svg
            hasSVG = !svg.isEmpty
        }
    }

    var title: String
    var headline: String
    /// Which values the page shows: all, or none (`leaks --redact`).
    var values: String
    var snapshots: [Snapshot]
    var columns: [String]
    var hasSuspects: Bool
    var summaries: [Summary]
    var sections: [Section]
    var growingTypes: [Row]
    var moreTypes: String?

    init(_ report: LeakReport, sections: [Section]) {
        let count = report.suspects.count
        title = "refgraph leak suspects"
        headline =
            count == 0
            ? "No suspect: no container found in every snapshot accumulates new objects while its retained size keeps growing."
            : "\(count) suspect\(count == 1 ? "" : "s"), most retained growth first"
                + (report.suspectCount > count
                    ? " (\(report.suspectCount - count) more with less growth not shown)." : ".")
        values =
            report.valuesLeftOut
            ? "Values left out (--redact): str and bytes labels give their size only, dict keys that are not names are shown as ['…']."
            : "Values shown: labels quote the start of each str and bytes and dict keys as recorded. Use --redact for a page to share."
        let start = report.snapshots.first?.time ?? 0
        snapshots = report.snapshots.enumerated().map { i, entry in
            Snapshot(
                number: i + 1,
                path: visible(entry.path),
                offset: "+" + Formatting.fixed(max(0, entry.time - start), places: 2) + " s",
                objects: Formatting.count(entry.objects),
                bytes: ByteCountFormat.string(entry.bytes),
                rss: entry.rssBytes.map(ByteCountFormat.string) ?? "unknown"
            )
        }
        columns = report.snapshots.indices.map { "#\($0 + 1)" }
        hasSuspects = count > 0
        summaries = report.suspects.map { Summary(rank: $0.rank, text: visible(LeakReportText.summary($0))) }
        self.sections = sections
        growingTypes = report.growingTypes.prefix(30).map { entry in
            Row(
                label: visible(entry.type),
                cells: [Formatting.count(entry.newObjects)] + entry.counts.map { Formatting.count($0) }
            )
        }
        moreTypes = report.growingTypes.count > 30 ? "and \(report.growingTypes.count - 30) more types" : nil
    }
}

/// Untrusted text on one line, cut to a readable length.
private func visible(_ text: String) -> String { SafeText.visible(text, maxCharacters: 300) }
