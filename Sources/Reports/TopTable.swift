import HeapGraph

/// The text table of `refgraph top`.
package enum TopTable {
    /// `retained`, when given, is indexed by `TypeID` and adds a column.
    package static func render(_ census: TypeCensus, limit: Int, retained: [UInt64]? = nil) -> String {
        var columns: [TextTable.Column] = [
            .init("type"),
            .init("count", alignment: .right),
            .init("bytes", alignment: .right),
        ]
        if retained != nil { columns.append(.init("retained", alignment: .right)) }
        var table = TextTable(columns: columns)
        for row in census.rows.prefix(limit) {
            let name = row.types.count > 1 ? "\(row.displayName) (\(row.types.count) classes)" : row.displayName
            var cells = [name, Formatting.count(row.count), ByteCountFormat.string(row.bytes)]
            if let retained { cells.append(ByteCountFormat.string(row.types.reduce(0) { $0 &+ retained[$1.index] })) }
            table.append(cells)
        }
        let hidden = census.rows.count - min(limit, census.rows.count)
        let totalLabel =
            hidden > 0
            ? "total (\(census.rows.count) types, \(hidden) not shown)" : "total (\(census.rows.count) types)"
        table.total = [totalLabel, Formatting.count(census.totalCount), ByteCountFormat.string(census.totalBytes)]
        return table.render()
    }
}
