import GraphRender
import HeapGraph

/// The text table of `refgraph top`.
enum TopTable {
    static func render(_ census: TypeCensus, limit: Int) -> String {
        var table = TextTable(columns: [
            .init("type"),
            .init("count", alignment: .right),
            .init("bytes", alignment: .right),
        ])
        for row in census.rows.prefix(limit) {
            table.append([row.displayName, Formatting.count(row.count), ByteCountFormat.string(row.bytes)])
        }
        let hidden = census.rows.count - min(limit, census.rows.count)
        let totalLabel = hidden > 0 ? "total (\(census.rows.count) types, \(hidden) not shown)" : "total (\(census.rows.count) types)"
        table.total = [totalLabel, Formatting.count(census.totalCount), ByteCountFormat.string(census.totalBytes)]
        return table.render()
    }
}
