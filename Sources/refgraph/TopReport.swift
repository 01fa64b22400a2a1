import HeapGraph

/// The JSON document `refgraph top --json` prints (its shape is documented in the README).
struct TopReport: Encodable {
    struct Row: Encodable {
        var type: String
        var qualifiedName: String
        var count: Int
        var bytes: UInt64
        /// With `--retained`: what the type's objects retain together (see `TypeRetention`).
        var retained: UInt64?
    }

    struct Total: Encodable {
        var objects: Int
        var bytes: UInt64
        var types: Int
    }

    var snapshot: String
    var sort: String
    var rows: [Row]
    var total: Total

    init(_ census: TypeCensus, of snapshot: Snapshot, path snapshotPath: String, sort: String, limit: Int, retained: [UInt64]? = nil) {
        self.snapshot = snapshotPath
        self.sort = sort
        self.rows = census.rows.prefix(limit).map {
            Row(type: $0.displayName, qualifiedName: snapshot.types[$0.type.index].qualifiedName, count: $0.count, bytes: $0.bytes,
                retained: retained?[$0.type.index])
        }
        self.total = Total(objects: census.totalCount, bytes: census.totalBytes, types: census.rows.count)
    }
}
