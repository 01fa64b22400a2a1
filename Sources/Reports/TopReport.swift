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

    package init(_ census: TypeCensus, of snapshot: Snapshot, path snapshotPath: String, sort: String, limit: Int, retained: [UInt64]? = nil) {
        self.snapshot = snapshotPath
        self.sort = sort
        let names = snapshot.displayNames()
        self.rows = census.rows.prefix(limit).map {
            TypeRowJSON($0.type, names: names, in: snapshot, count: $0.count, bytes: $0.bytes, retained: retained?[$0.type.index])
        }
        self.total = Total(objects: census.totalCount, bytes: census.totalBytes, types: census.rows.count)
    }
}
