import HeapGraph

/// `refgraph leaks` as text: one summary line per suspect, then a section per suspect with
/// its growing types, the chain to it and how it holds what it accumulates.
public enum LeakReportText {
    /// The report as text, every line ending in a newline.
    ///
    /// - Complexity: O(size of the report).
    public static func render(_ report: LeakReport) -> String {
        let paths = report.snapshots.map(\.path)
        var out = "Leak suspects in \(report.snapshots.count) snapshots, \(paths.joined(separator: ", ")):\n"
        if report.valuesLeftOut { out += "(values left out: str and bytes labels give their size only)\n" }
        guard !report.suspects.isEmpty else {
            let growing = report.growingTypes.count
            return out
                + "No suspect: no container found in every snapshot accumulates new objects while its retained size keeps growing"
                + " (\(growing) type\(growing == 1 ? "" : "s") grew in count).\n"
        }
        for suspect in report.suspects { out += "  \(suspect.rank). " + summary(suspect) + "\n" }
        if report.suspectCount > report.suspects.count {
            out +=
                "  (\(report.suspectCount - report.suspects.count) more suspects with less growth not shown; use --limit)\n"
        }
        for suspect in report.suspects { out += "\n" + section(suspect, report: report) }
        return out
    }

    /// `Profiler.results (list (3000 items)): retains 773.3 KiB → 2.3 MiB (+1.5 MiB), 27,000 new
    /// objects, held as [2641] → ProfileRecord .payload → list (20 items)`.
    package static func summary(_ suspect: LeakReport.Suspect) -> String {
        let what = suspect.name.isEmpty ? suspect.description : "\(suspect.name) (\(suspect.description))"
        let first = suspect.retainedBytes[0]
        let last = suspect.retainedBytes[suspect.retainedBytes.count - 1]
        var text = SafeText.visible(what, maxCharacters: 120)
        if !suspect.similar.isEmpty { text += " and \(Formatting.count(suspect.similar.count)) more like it" }
        if let inside = suspect.inside { text += ", inside suspect \(inside)" }
        text +=
            ": retains \(ByteCountFormat.string(first)) → \(ByteCountFormat.string(last))"
            + " (\(signedBytes(suspect.retainedGrowth))), \(Formatting.count(suspect.newObjects)) new objects"
        let links = suspect.heldThroughText.dropFirst().map { $0.drop { $0 == " " } }
        if !links.isEmpty {
            let shown = links.prefix(4).joined(separator: " ") + (links.count > 4 ? " …" : "")
            text += ", held as " + SafeText.visible(shown, maxCharacters: 160)
        }
        if !suspect.via.isEmpty { text += ", through " + SafeText.visible(via(suspect), maxCharacters: 200) }
        if suspect.note != nil { text += ", kept by suspended generators" }
        return text
    }

    static func section(_ suspect: LeakReport.Suspect, report: LeakReport) -> String {
        var out =
            "Suspect \(suspect.rank): \(SafeText.visible(suspect.description, maxCharacters: 120)) at \(suspect.container.address)\n"
        if let inside = suspect.inside {
            out +=
                "  It sits inside suspect \(inside): a symptom of that leak, whose retained size includes its growth.\n"
        }
        if !suspect.via.isEmpty {
            out +=
                "  It does not refer to its new objects itself; these containers it keeps do: \(SafeText.visible(via(suspect), maxCharacters: 400)).\n"
        }
        if !suspect.similar.isEmpty {
            let shown = suspect.similar.prefix(5).joined(separator: ", ") + (suspect.similar.count > 5 ? ", …" : "")
            out +=
                "  \(Formatting.count(suspect.similar.count)) more containers accumulate the same way (\(shown)); the figures are this one's.\n"
        }
        var growth = TextTable(
            columns: [.init("")] + report.snapshots.indices.map { .init("#\($0 + 1)", alignment: .right) }
        )
        growth.append(["retained bytes"] + suspect.retainedBytes.map(ByteCountFormat.string))
        growth.append(["objects of growing types"] + suspect.heldObjects.map { Formatting.count($0) })
        if report.snapshots.contains(where: { $0.rssBytes != nil }) {
            growth.append(["process RSS"] + report.snapshots.map { $0.rssBytes.map(ByteCountFormat.string) ?? "?" })
        }
        out += indent(growth.render())
        out +=
            "  It is the nearest long-lived holder of \(Formatting.count(suspect.newObjects)) new objects"
            + " (\(ByteCountFormat.string(suspect.newObjectBytes)) shallow):\n"
        var types = TextTable(
            columns: [
                .init("type"), .init("held", alignment: .right), .init("bytes", alignment: .right),
                .init("new", alignment: .right),
            ]
                + report.snapshots.indices.map { .init("count #\($0 + 1)", alignment: .right) }
        )
        for held in suspect.types.prefix(10) {
            types.append(
                [
                    held.type, Formatting.count(held.held), ByteCountFormat.string(held.heldBytes),
                    Formatting.count(held.new),
                ]
                    + held.counts.map { Formatting.count($0) }
            )
        }
        out += indent(types.render())
        if suspect.types.count > 10 { out += "    (\(suspect.types.count - 10) more types)\n" }
        switch suspect.chainStart {
        case "module": out += "  Chain from a module:\n"
        case "root": out += "  No module reaches it; chain from a root:\n"
        default: out += "  No root reaches it:\n"
        }
        out += suspect.chainText.map { "    " + SafeText.visible($0, maxCharacters: 200) + "\n" }.joined()
        if !suspect.heldThroughText.isEmpty {
            out += "  How it holds its biggest new object:\n"
            out += suspect.heldThroughText.map { "    " + SafeText.visible($0, maxCharacters: 200) + "\n" }.joined()
        }
        if let note = suspect.note { out += "  " + SafeText.visible(note, maxCharacters: 400) + "\n" }
        return out
    }

    /// `cache_session._new (581 new objects), customer_cache[3].orders and 19 more like it (580)`.
    static func via(_ suspect: LeakReport.Suspect) -> String {
        suspect.via.map { via in
            let name = via.name.isEmpty ? via.description : via.name
            let more = via.containers > 1 ? " and \(Formatting.count(via.containers - 1)) more like it" : ""
            return "\(name)\(more) (\(Formatting.count(via.newObjects)) new objects)"
        }.joined(separator: ", ")
    }

    static func signedBytes(_ change: Int64) -> String {
        change < 0 ? "-" + ByteCountFormat.string(change.magnitude) : "+" + ByteCountFormat.string(UInt64(change))
    }

    private static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "    " + $0 }.joined(
            separator: "\n"
        )
    }
}
