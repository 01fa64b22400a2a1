import HeapGraph

/// What `refgraph orphans` prints, as text or JSON.
package struct OrphansReport: Encodable {
    struct Object: Encodable {
        var address: String
        var type: String
        var label: String
        var size: UInt64
        var refcount: UInt64
        /// The root kinds the object is recorded as, e.g. `held from outside`.
        var roots: [String]
    }

    var snapshot: String
    var count: Int
    var bytes: UInt64
    /// Types of the orphans, most first, at most `limit`.
    var types: [TypeRowJSON]
    /// The first `limit` orphans in object order.
    var objects: [Object]

    package init(index: HeapIndex, orphans: [ObjectID], path: String, limit: Int) {
        let snapshot = index.snapshot
        let names = snapshot.displayNames()
        var counts: [TypeID: (count: Int, bytes: UInt64)] = [:]
        var total: UInt64 = 0
        for object in orphans {
            let size = snapshot.size(of: object)
            counts[snapshot.typeID(of: object), default: (0, 0)].count += 1
            counts[snapshot.typeID(of: object)]?.bytes.addSaturating(size)
            total.addSaturating(size)
        }
        let sorted = counts.sorted { a, b in
            if a.value.count != b.value.count { return a.value.count > b.value.count }
            if names[a.key.index] != names[b.key.index] { return names[a.key.index] < names[b.key.index] }
            return a.key < b.key
        }
        self.snapshot = path
        count = orphans.count
        bytes = total
        types = sorted.prefix(limit).map {
            TypeRowJSON($0.key, names: names, in: snapshot, count: $0.value.count, bytes: $0.value.bytes)
        }
        objects = orphans.prefix(limit).map { object in
            Object(
                address: index.hexAddress(of: object),
                type: names[snapshot.typeID(of: object).index],
                label: snapshot.label(of: object),
                size: snapshot.size(of: object),
                refcount: snapshot.refcount(of: object),
                roots: RootKind.allCases.filter { index.isRoot(object, kind: $0) }.map(\.description)
            )
        }
    }

    package var text: String {
        guard count > 0 else {
            return "No orphans: every object with references from outside the graph is referred to by another object."
        }
        var out =
            "\(Formatting.count(count)) object\(count == 1 ? "" : "s") (\(ByteCountFormat.string(bytes))) that no other recorded object refers to:\n"
        var byType = TextTable(columns: [
            .init("type"), .init("count", alignment: .right), .init("bytes", alignment: .right),
        ])
        for row in types { byType.append([row.type, Formatting.count(row.count), ByteCountFormat.string(row.bytes)]) }
        out += byType.render() + "\n"
        var list = TextTable(columns: [
            .init("address"), .init("type"), .init("label"), .init("refcount", alignment: .right),
            .init("bytes", alignment: .right), .init("root"),
        ])
        for object in objects {
            list.append([
                object.address, object.type, object.label, Formatting.count(object.refcount),
                ByteCountFormat.string(object.size), object.roots.joined(separator: ", "),
            ])
        }
        out += list.render()
        if count > objects.count { out += "(\(Formatting.count(count - objects.count)) more not shown; use --limit.)" }
        return out
    }
}
