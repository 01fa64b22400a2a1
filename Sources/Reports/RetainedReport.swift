import HeapGraph

/// What `refgraph retained` prints, as text or JSON.
package struct RetainedReport: Encodable {
    /// One object that retains much, or one object of a dominator chain.
    struct Object: Encodable {
        var object: ObjectReport
        /// Objects it retains, itself included.
        var count: Int
        var shallowBytes: UInt64
        var retainedBytes: UInt64
        /// The shortest chain of references from a root down to it (empty when no root reaches it).
        var chain: [ObjectReport]?
    }

    struct TypeRow: Encodable {
        var type: String
        var qualifiedName: String
        var count: Int
        var shallowBytes: UInt64
        /// What the type's objects retain together, each object counted once; a lower bound
        /// of what releasing them all would free.
        var retainedBytes: UInt64
    }

    /// With a selection: the set's totals and what dominates it.
    struct SetRetention: Encodable {
        var what: String
        var count: Int
        var shallowBytes: UInt64
        /// guppy3's domisize: the bytes freed if every chosen object were released.
        var retainedBytes: UInt64
        /// The objects that dominate the whole selection, from the one nearest a root down to
        /// the nearest (empty when only the top of the tree does).
        var dominators: [Object]
    }

    var snapshot: String
    var totalBytes: UInt64
    /// Objects no root reaches, and their bytes (they hang from the top of the tree).
    var unreachableObjects: Int
    var unreachableBytes: UInt64
    var objects: [Object]?
    var types: [TypeRow]?
    var selection: SetRetention?
    /// The objects of `objects` or of `selection.dominators`, and the chains to `objects`, for the text.
    private var ids: [ObjectID] = []
    private var chains: [ReferenceChain?] = []

    private enum CodingKeys: String, CodingKey {
        case snapshot, totalBytes, unreachableObjects, unreachableBytes, objects, types, selection
    }

    private init(index: HeapIndex, tree: DominatorTree, path: String) {
        snapshot = path
        totalBytes = tree.totalBytes
        var count = 0
        var bytes: UInt64 = 0
        for (object, reached) in tree.reachableFromRoots.enumerated() where !reached {
            count += 1
            bytes.addSaturating(index.snapshot.sizes[object])
        }
        unreachableObjects = count
        unreachableBytes = bytes
    }

    package init(objects chosen: [ObjectID], index: HeapIndex, tree: DominatorTree, path: String) {
        self.init(index: index, tree: tree, path: path)
        ids = chosen
        chains = chosen.map { object in
            if case let .found(chain) = index.shortestChain(to: [object], from: .root) { return chain }
            return nil
        }
        objects = zip(chosen, chains).map { object, chain in
            Self.object(object, index: index, tree: tree, chain: chain.map { index.report(of: $0).links } ?? [])
        }
    }

    package init(types rows: [TypeRetention], index: HeapIndex, tree: DominatorTree, path: String, limit: Int) {
        self.init(index: index, tree: tree, path: path)
        let names = index.snapshot.displayNames()
        types = rows.prefix(limit).map {
            TypeRow(
                type: names[$0.type.index],
                qualifiedName: index.snapshot.types[$0.type.index].qualifiedName,
                count: $0.count,
                shallowBytes: $0.shallowBytes,
                retainedBytes: $0.retainedBytes
            )
        }
    }

    package init(selection chosen: Selection, index: HeapIndex, tree: DominatorTree, path: String) {
        self.init(index: index, tree: tree, path: path)
        let set = chosen.chosen
        let holder = index.commonDominator(of: set, in: tree)
        let chain = holder.map { tree.dominators(of: $0) + [$0] } ?? []
        ids = chain
        selection = SetRetention(
            what: chosen.what,
            count: set.count,
            shallowBytes: set.reduce(0) { $0.addingSaturating(index.snapshot.size(of: $1)) },
            retainedBytes: index.retainedSize(ofSet: set, in: tree),
            dominators: chain.map { Self.object($0, index: index, tree: tree, chain: nil) }
        )
    }

    private static func object(
        _ object: ObjectID,
        index: HeapIndex,
        tree: DominatorTree,
        chain: [ObjectReport]?
    ) -> Object {
        Object(
            object: index.objectReport(of: object),
            count: tree.retainedCount(of: object),
            shallowBytes: index.snapshot.size(of: object),
            retainedBytes: tree.retainedSize(of: object),
            chain: chain
        )
    }

    /// `12.5%` of the whole heap.
    private func share(_ bytes: UInt64) -> String {
        totalBytes == 0 ? "0.0%" : Formatting.fixed(Double(bytes) * 100 / Double(totalBytes), places: 1) + "%"
    }

    /// An object as the tables show it: `dict (12 items) at 0x7f…`.
    private func name(_ object: ObjectID, index: HeapIndex) -> String {
        index.shortDescription(of: object) + " at " + index.hexAddress(of: object)
    }

    package func text(index: HeapIndex) -> String {
        var out = "Heap: \(ByteCountFormat.string(totalBytes))"
        if unreachableObjects > 0 {
            out +=
                "; \(Formatting.count(unreachableObjects)) objects (\(ByteCountFormat.string(unreachableBytes))) are reached from no root"
        }
        out += ".\n"
        if let selection {
            out +=
                "\(SafeText.visible(selection.what, maxCharacters: 300)): \(Formatting.count(selection.count)) object\(selection.count == 1 ? "" : "s"), "
                + "\(ByteCountFormat.string(selection.shallowBytes)) shallow, retain \(ByteCountFormat.string(selection.retainedBytes)) "
                + "(\(share(selection.retainedBytes)) of the heap): the bytes freed if \(selection.count == 1 ? "it were" : "all were") released.\n"
            guard !selection.dominators.isEmpty else {
                return out
                    + "Nothing but the roots together holds \(selection.count == 1 ? "it" : "them"): no single object dominates \(selection.count == 1 ? "it" : "them all")."
            }
            out += "Held by these dominators, from a root down (each keeps everything below it alive):\n"
            var table = TextTable(columns: [
                .init("dominator"), .init("objects", alignment: .right), .init("retained", alignment: .right),
            ])
            for (i, d) in selection.dominators.enumerated() {
                table.append([
                    String(repeating: "  ", count: min(i, 20)) + name(ids[i], index: index), Formatting.count(d.count),
                    ByteCountFormat.string(d.retainedBytes),
                ])
            }
            return out + table.render()
        }
        if let types {
            var table = TextTable(columns: [
                .init("type"), .init("count", alignment: .right), .init("shallow", alignment: .right),
                .init("retained", alignment: .right), .init("share", alignment: .right),
            ])
            for row in types {
                table.append([
                    row.type, Formatting.count(row.count), ByteCountFormat.string(row.shallowBytes),
                    ByteCountFormat.string(row.retainedBytes), share(row.retainedBytes),
                ])
            }
            return out + "Types whose objects retain the most (each object counted once):\n" + table.render()
        }
        var table = TextTable(columns: [
            .init("#", alignment: .right), .init("object"), .init("objects", alignment: .right),
            .init("shallow", alignment: .right), .init("retained", alignment: .right),
            .init("share", alignment: .right),
        ])
        let objects = self.objects ?? []
        for (i, row) in objects.enumerated() {
            table.append([
                String(i + 1), name(ids[i], index: index), Formatting.count(row.count),
                ByteCountFormat.string(row.shallowBytes), ByteCountFormat.string(row.retainedBytes),
                share(row.retainedBytes),
            ])
        }
        out += "Objects that retain the most:\n" + table.render() + "\nChains from a root:\n"
        for i in objects.indices {
            guard let chain = chains[i] else {
                out += "\(i + 1). \(name(ids[i], index: index)) is reached from no root.\n"
                continue
            }
            out +=
                "\(i + 1). "
                + index.describe(chain).map { $0.trimmingPrefix(while: { $0 == " " }) }.joined(separator: " ") + "\n"
        }
        return out
    }
}
