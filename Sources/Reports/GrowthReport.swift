import HeapGraph

/// The JSON document `refgraph growth --json` prints.
package struct GrowthReport: Encodable {
    struct Row: Encodable {
        var type: String
        var qualifiedName: String
        var oldCount: Int
        var newCount: Int
        var countChange: Int
        var oldBytes: UInt64
        var newBytes: UInt64
        var bytesChange: Int64
        var newObjects: Int
    }

    struct NewType: Encodable {
        var type: String
        var qualifiedName: String
        var count: Int
        var bytes: UInt64
        /// Addresses of the new objects, as `0x` and lowercase hex digits.
        var addresses: [String]
    }

    struct NewObjects: Encodable {
        var count: Int
        var bytes: UInt64
        var byType: [NewType]
    }

    struct Totals: Encodable {
        var oldObjects: Int
        var newObjects: Int
        var oldBytes: UInt64
        var newBytes: UInt64
    }

    var old: String
    var new: String
    /// The types that grew in count or bytes, largest growth first, at most `limit`.
    var rows: [Row]
    var total: Totals
    /// The new objects of the `limit` types with the most of them.
    var newObjects: NewObjects

    package init(_ diff: SnapshotDiff, new snapshot: Snapshot, oldPath: String, newPath: String, limit: Int) {
        old = oldPath
        new = newPath
        rows = diff.growing.prefix(limit).map { row in
            Row(
                type: row.displayName,
                qualifiedName: TypeInfo(module: row.module, name: row.name).qualifiedName,
                oldCount: row.oldCount,
                newCount: row.newCount,
                countChange: row.countChange,
                oldBytes: row.oldBytes,
                newBytes: row.newBytes,
                bytesChange: row.bytesChange,
                newObjects: row.newObjectCount
            )
        }
        total = Totals(
            oldObjects: diff.oldTotalCount,
            newObjects: diff.newTotalCount,
            oldBytes: diff.oldTotalBytes,
            newBytes: diff.newTotalBytes
        )
        let byType = GrowthTable.newObjectRows(diff).prefix(limit).map { row in
            NewType(
                type: row.displayName,
                qualifiedName: TypeInfo(module: row.module, name: row.name).qualifiedName,
                count: row.newObjectCount,
                bytes: row.newObjectBytes,
                addresses: diff.newObjects(of: row).map { "0x" + String(snapshot.address(of: $0), radix: 16) }
            )
        }
        newObjects = NewObjects(count: diff.newObjects.count, bytes: diff.newObjectBytes, byType: Array(byType))
    }
}
