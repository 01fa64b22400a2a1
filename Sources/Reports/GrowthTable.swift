import HeapGraph

/// The text tables of `refgraph growth`.
package enum GrowthTable {
    package static func render(_ diff: SnapshotDiff, oldPath: String, newPath: String, limit: Int) -> String {
        var out = ""
        let growing = diff.growing
        if growing.isEmpty {
            out += "No type grew from \(oldPath) to \(newPath).\n"
        } else {
            var table = TextTable(columns: [
                .init("type"),
                .init("old count", alignment: .right), .init("new count", alignment: .right),
                .init("change", alignment: .right),
                .init("old bytes", alignment: .right), .init("new bytes", alignment: .right),
                .init("change", alignment: .right),
            ])
            for row in growing.prefix(limit) {
                table.append([
                    row.displayName, Formatting.count(row.oldCount), Formatting.count(row.newCount),
                    signedCount(row.countChange), ByteCountFormat.string(row.oldBytes),
                    ByteCountFormat.string(row.newBytes), signedBytes(row.bytesChange),
                ])
            }
            let hidden = growing.count - min(limit, growing.count)
            table.total = [
                hidden > 0 ? "all (\(growing.count) grew, \(hidden) not shown)" : "all (\(growing.count) grew)",
                Formatting.count(diff.oldTotalCount), Formatting.count(diff.newTotalCount),
                signedCount(diff.newTotalCount - diff.oldTotalCount),
                ByteCountFormat.string(diff.oldTotalBytes), ByteCountFormat.string(diff.newTotalBytes),
                signedBytes(Int64(bitPattern: diff.newTotalBytes &- diff.oldTotalBytes)),
            ]
            out += "Growth from \(oldPath) to \(newPath):\n" + table.render()
        }

        let newRows = newObjectRows(diff)
        out += "\nNew objects in \(newPath) (not in \(oldPath) at the same address with the same type): "
        guard !newRows.isEmpty else { return out + "none." }
        out += "\(Formatting.count(diff.newObjects.count)), \(ByteCountFormat.string(diff.newObjectBytes)).\n"
        var table = TextTable(columns: [
            .init("type"), .init("count", alignment: .right), .init("bytes", alignment: .right),
        ])
        for row in newRows.prefix(limit) {
            table.append([
                row.displayName, Formatting.count(row.newObjectCount), ByteCountFormat.string(row.newObjectBytes),
            ])
        }
        let hidden = newRows.count - min(limit, newRows.count)
        table.total = [
            hidden > 0 ? "total (\(newRows.count) types, \(hidden) not shown)" : "total (\(newRows.count) types)",
            Formatting.count(diff.newObjects.count), ByteCountFormat.string(diff.newObjectBytes),
        ]
        return out + table.render()
    }

    /// The rows with new objects, most new objects first (ties by bytes, then the diff's order).
    package static func newObjectRows(_ diff: SnapshotDiff) -> [SnapshotDiff.TypeRow] {
        diff.rows.enumerated().filter { $0.element.newObjectCount > 0 }.sorted { a, b in
            let (x, y) = (a.element, b.element)
            if x.newObjectCount != y.newObjectCount { return x.newObjectCount > y.newObjectCount }
            if x.newObjectBytes != y.newObjectBytes { return x.newObjectBytes > y.newObjectBytes }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// `+12`, `-3`, `0`.
    package static func signedCount(_ value: Int) -> String {
        value > 0 ? "+" + Formatting.count(value) : Formatting.count(value)
    }

    /// `+1.5 KiB`, `-512 B`, `0 B`.
    package static func signedBytes(_ value: Int64) -> String {
        let text = ByteCountFormat.string(value.magnitude)
        return value > 0 ? "+" + text : value < 0 ? "-" + text : text
    }
}
