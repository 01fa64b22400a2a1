import HeapGraph

/// `refgraph chain --group`: the chains of every selected object, grouped by the references
/// they pass through (`HeapIndex.chainGroups`), most objects first.
package struct ChainGroupsReport: Encodable {
    /// One way the objects are held.
    package struct Group: Encodable {
        /// How many of the selected objects are held this way.
        var count: Int
        /// The way, as a Python expression with indices and keys elided (`__main__.tasks[…]`).
        var name: String
        /// The first object held this way, and its chain.
        var example: String
        var chain: [ChainReport.Link]
        var chainText: [String]
    }

    var objects: Int
    var groups: [Group]
    /// How many selected objects no chain reaches, and the first of them.
    var unreached: Int
    var unreachedExamples: [String]

    package init(targets: [ObjectID], end: ChainEnd, index: HeapIndex) {
        let (found, unreached) = index.chainGroups(to: targets, from: end)
        objects = targets.count
        groups = found.sorted { $0.objects.count > $1.objects.count }.map { group in
            Group(
                count: group.objects.count,
                name: Self.elided(index.dottedName(of: group.example)),
                example: index.hexAddress(of: group.objects[0]),
                chain: index.report(of: group.example).links,
                chainText: index.describe(group.example)
            )
        }
        self.unreached = unreached.count
        unreachedExamples = unreached.prefix(10).map(index.hexAddress(of:))
    }

    /// The report as text: a line per group (`419 via __main__.background_tasks (an item),
    /// e.g. 0x7f…`) followed by its example chain, then the objects nothing reaches.
    package func text(endPhrase: String) -> [String] {
        var lines = [
            "\(Formatting.count(objects)) object\(objects == 1 ? "" : "s"): their chains from \(endPhrase), grouped by the references they pass through:"
        ]
        let width = groups.map { Formatting.count($0.count).count }.max() ?? 1
        for group in groups {
            let count = Formatting.count(group.count)
            lines.append(
                "  " + String(repeating: " ", count: width - count.count) + count + " via "
                    + SafeText.visible(group.name, maxCharacters: 200) + ", e.g. " + group.example
            )
            lines += group.chainText.map { "      " + SafeText.visible($0, maxCharacters: 200) }
        }
        if unreached > 0 {
            lines.append(
                "  \(Formatting.count(unreached)) not reached from \(endPhrase), e.g. "
                    + unreachedExamples.prefix(3).joined(separator: ", ")
            )
        }
        return lines
    }

    /// `name` with the contents of every `[...]` (an index or a key) replaced by `…`.
    static func elided(_ name: String) -> String {
        var out = ""
        var depth = 0
        var quote: Character?
        for c in name {
            if depth > 0 {
                if let q = quote {
                    if c == q { quote = nil }
                } else if c == "'" || c == "\"" {
                    quote = c
                } else if c == "]" {
                    depth = 0
                    out += "…]"
                }
                continue
            }
            out.append(c)
            if c == "[" { depth = 1 }
        }
        return out
    }
}
