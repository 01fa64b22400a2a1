import HeapGraph

/// The JSON document `refgraph top --json` prints (its shape is documented in the README).
package struct TopReport: Encodable {
    struct Total: Encodable {
        var objects: Int
        var bytes: UInt64
        var types: Int
    }

    var snapshot: String
    var sort: String
    var rows: [TypeRowJSON]
    var total: Total

    package init(
        _ census: TypeCensus,
        of snapshot: Snapshot,
        path snapshotPath: String,
        sort: String,
        limit: Int,
        retained: [UInt64]? = nil
    ) {
        self.snapshot = snapshotPath
        self.sort = sort
        let names = snapshot.displayNames()
        self.rows = census.rows.prefix(limit).map { row in
            TypeRowJSON(
                row.type,
                names: names,
                in: snapshot,
                count: row.count,
                bytes: row.bytes,
                retained: retained.map { retained in row.types.reduce(0) { $0 &+ retained[$1.index] } },
                classes: row.types.count > 1 ? row.types.count : nil
            )
        }
        self.total = Total(objects: census.totalCount, bytes: census.totalBytes, types: census.rows.count)
    }
}
