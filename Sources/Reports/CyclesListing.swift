import HeapGraph

/// The cycles `refgraph cycles` lists and, for each, a shortest cycle to show.
package struct CyclesListing {
    package struct Entry {
        package var summary: CycleSummary
        /// A shortest cycle through `start`.
        package var cycle: ReferenceChain?
        /// The chosen objects in this cycle (empty without a selection).
        package var chosen: [ObjectID]
    }

    package let index: HeapIndex
    package let components: StronglyConnectedComponents
    package let minSize: Int
    package let limit: Int
    /// Every cycle that qualifies (before `limit`).
    package var all: [Int]
    package var entries: [Entry]
    /// With a selection: what was asked for, and how many chosen objects are in no listed cycle.
    package var selection: Selection?
    package var chosenOutsideCycles = 0

    package init(index: HeapIndex, components: StronglyConnectedComponents, minSize: Int, limit: Int) {
        self.index = index
        self.components = components
        self.minSize = minSize
        self.limit = limit
        all = components.cycles(minSize: minSize, in: index)
        entries = all.prefix(limit).map { component in
            let first = components.members(of: component).first(where: { _ in true }) ?? ObjectID(0)
            return Entry(
                summary: index.summary(ofComponent: component, in: components),
                cycle: index.shortestCycle(through: first, in: components),
                chosen: []
            )
        }
    }

    /// Keeps the cycles holding a chosen object, each with a shortest cycle through the first
    /// chosen object in it.
    package mutating func restrict(to selection: Selection) {
        self.selection = selection
        var chosenIn: [Int: [ObjectID]] = [:]
        for object in selection.chosen {
            chosenIn[components.component(of: object), default: []].append(object)
        }
        all = all.filter { chosenIn[$0] != nil }
        chosenOutsideCycles = selection.chosen.count - all.reduce(0) { $0 + (chosenIn[$1]?.count ?? 0) }
        entries = all.prefix(limit).map { component in
            let chosen = chosenIn[component] ?? []
            return Entry(
                summary: index.summary(ofComponent: component, in: components),
                cycle: chosen.first.flatMap { index.shortestCycle(through: $0, in: components) },
                chosen: chosen
            )
        }
    }

    /// `Node ×4, dict ×4, and 2 more types`.
    package func typeText(_ summary: CycleSummary) -> String {
        let names = index.snapshot.displayNames()
        let shown = summary.types.prefix(3).map {
            "\(SafeText.visible(names[$0.type.index], maxCharacters: 300)) ×\(Formatting.count($0.count))"
        }
        let more = summary.types.count - shown.count
        return shown.joined(separator: ", ") + (more > 0 ? ", and \(more) more type\(more == 1 ? "" : "s")" : "")
    }

    /// The text `refgraph cycles` prints.
    package func text() -> [String] {
        let sizeNote = minSize > 1 ? " of at least \(minSize) objects" : ""
        var out: [String] = []
        if let selection {
            if all.isEmpty {
                out.append(
                    "No reference cycle\(sizeNote) holds \(SafeText.visible(selection.what, maxCharacters: 300))."
                )
            } else {
                out.append(
                    "\(Formatting.count(all.count)) reference cycle\(all.count == 1 ? " holds" : "s hold")\(sizeNote.isEmpty ? "" : " (\(sizeNote.dropFirst()))") \(SafeText.visible(selection.what, maxCharacters: 300)), largest first:"
                )
            }
            if chosenOutsideCycles > 0 && !all.isEmpty {
                out.append(
                    "(\(Formatting.count(chosenOutsideCycles)) of the \(Formatting.count(selection.chosen.count)) chosen objects are in none of them.)"
                )
            }
            for (i, entry) in entries.enumerated() {
                out.append("")
                out.append(
                    "cycle \(i + 1): \(Formatting.count(entry.summary.objectCount)) objects, \(ByteCountFormat.string(entry.summary.bytes)): \(typeText(entry.summary))"
                )
                if let cycle = entry.cycle {
                    out.append(
                        "shortest cycle through \(index.shortDescription(of: cycle.holder)) at \(index.hexAddress(of: cycle.holder)) (\(cycle.length) reference\(cycle.length == 1 ? "" : "s")):"
                    )
                    out += index.describe(cycle).map { "  " + $0 }
                }
            }
            if all.count > entries.count { out.append("\n(\(all.count - entries.count) more not shown; use --limit.)") }
            return out
        }
        guard !all.isEmpty else { return ["No reference cycles\(sizeNote) in the snapshot."] }
        let objects = all.reduce(0) { $0 + components.size(of: $1) }
        out.append(
            "\(Formatting.count(all.count)) reference cycle\(all.count == 1 ? "" : "s")\(sizeNote), \(Formatting.count(objects)) objects in all; largest first:"
        )
        var table = TextTable(columns: [
            .init("cycle", alignment: .right), .init("objects", alignment: .right), .init("bytes", alignment: .right),
            .init("types"),
        ])
        for (i, entry) in entries.enumerated() {
            table.append([
                String(i + 1), Formatting.count(entry.summary.objectCount), ByteCountFormat.string(entry.summary.bytes),
                typeText(entry.summary),
            ])
        }
        out.append(table.render())
        if all.count > entries.count { out.append("(\(all.count - entries.count) more not shown; use --limit.)") }
        return out
    }
}
