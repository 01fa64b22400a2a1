import HeapGraph

/// Hand-built and generated snapshots for tests of the index and the queries, plus
/// brute-force answers computed without `HeapIndex`.
public enum GraphFixtures {
    /// Metadata for snapshots that never came from a process.
    public static let metadata = SnapshotMetadata(
        pythonVersion: "3.11.2 (fixture)",
        pid: 1,
        time: 0,
        gcEnabled: true,
        gcCounts: [0, 0, 0],
        gcThresholds: [700, 10, 10],
        collected: false,
        capturedBy: "GraphFixtures"
    )

    /// The address fixtures give object `i`.
    public static func address(_ i: Int) -> UInt64 { 0x1000 + UInt64(i) * 0x10 }

    /// A builder for a snapshot taken at `time` that holds module `app` (at 0x100, a root) and
    /// its `__dict__` (at 0x200); returns the builder and the dict.
    public static func appModule(time: Double) -> (SnapshotBuilder, globals: ObjectID) {
        var metadata = Self.metadata
        metadata.time = time
        var b = SnapshotBuilder(metadata: metadata)
        let module = b.addObject(
            address: 0x100,
            type: b.type(module: "builtins", name: "module"),
            size: 72,
            label: "app",
            flags: .module
        )
        let dict = b.addObject(address: 0x200, type: b.type(module: "builtins", name: "dict"), size: 200)
        b.addEdge(from: module, to: dict, label: "__dict__")
        b.addRoot(module, kind: .module, name: "app")
        return (b, dict)
    }

    /// A snapshot from a list of objects and references.
    ///
    /// - Parameters:
    ///   - nodes: per object, its type (`"Foo"` and `"dict"` are built-ins' or `__main__`'s
    ///     as below; `"pkg.mod:Outer.Inner"` names module and qualname; `"pkg.Foo"` splits at
    ///     the last dot) and its label. Object `i` gets `address(i)`, size `16 * (i + 1)`.
    ///   - edges: references `(from, to, label)`, added in order.
    ///   - roots: `(object, kind)`; a `.module` root gets the module flag and is named by its label.
    ///   - flags: extra flags per object.
    /// Types written without a dot are built-ins when they are one of `builtinNames`, else in
    /// module `__main__`.
    public static func make(
        nodes: [(type: String, label: String)],
        edges: [(from: Int, to: Int, label: String)] = [],
        roots: [(object: Int, kind: RootKind)] = [],
        flags: [Int: ObjectFlags] = [:]
    ) -> Snapshot {
        var builder = SnapshotBuilder(metadata: metadata)
        var moduleRoots = Set<Int>()
        for root in roots where root.kind == .module { moduleRoots.insert(root.object) }
        for (i, node) in nodes.enumerated() {
            let (module, name) = split(node.type)
            let type = builder.type(module: module, name: name)
            var objectFlags = flags[i] ?? []
            if moduleRoots.contains(i) { objectFlags.insert(.module) }
            builder.addObject(
                address: address(i),
                type: type,
                size: 16 * UInt64(i + 1),
                label: node.label,
                flags: objectFlags
            )
        }
        for edge in edges { builder.addEdge(from: ObjectID(edge.from), to: ObjectID(edge.to), label: edge.label) }
        for root in roots {
            let name = root.kind == .module ? nodes[root.object].label : ""
            builder.addRoot(ObjectID(root.object), kind: root.kind, name: name)
        }
        return builder.build()
    }

    /// Names `make` treats as built-in types.
    public static let builtinNames: Set<String> = [
        "dict", "list", "tuple", "set", "str", "int", "float", "bytes", "module", "function", "type",
        "frame", "cell", "method", "object",
    ]

    private static func split(_ type: String) -> (module: String, name: String) {
        if let colon = type.firstIndex(of: ":") {
            return (String(type[..<colon]), String(type[type.index(after: colon)...]))
        }
        if let dot = type.lastIndex(of: ".") {
            return (String(type[..<dot]), String(type[type.index(after: dot)...]))
        }
        return (builtinNames.contains(type) ? "builtins" : "__main__", type)
    }

    /// A path `0 ← 1 ← 2 ← … ← count-1`: object `i + 1` refers to object `i` (edge label
    /// `"next"`), and the last object is a module root. Built straight as arrays, so ten
    /// million objects take a moment, not minutes.
    public static func path(count: Int) -> Snapshot {
        precondition(count >= 1)
        var strings = StringTableBuilder()
        let next = strings.intern("next")
        let root = strings.intern("far")
        let types = [TypeInfo(module: "__main__", name: "Node"), TypeInfo(module: "builtins", name: "module")]
        var objectTypes = [UInt32](repeating: 0, count: count)
        objectTypes[count - 1] = 1
        var flags = [UInt32](repeating: ObjectFlags.gcTracked.rawValue, count: count)
        flags[count - 1] |= ObjectFlags.module.rawValue
        var offsets = [UInt32](repeating: 0, count: count + 1)
        for i in 1...count { offsets[i] = UInt32(max(0, i - 1)) }
        let targets = (0..<(count - 1)).map { UInt32($0) }
        return Snapshot(
            metadata: metadata,
            strings: strings.table,
            types: types,
            addresses: (0..<count).map { address($0) },
            objectTypes: objectTypes,
            sizes: [UInt64](repeating: 48, count: count),
            refcounts: [UInt64](repeating: 1, count: count),
            labels: [UInt32](repeating: 0, count: count),
            flags: flags,
            edgeOffsets: offsets,
            edgeTargets: targets,
            edgeLabels: [UInt32](repeating: next.rawValue, count: count - 1),
            roots: [Root(object: ObjectID(count - 1), kind: .module, name: root)]
        )
    }

    /// A ring of `count` objects of type `Node` (size 48): object `i` refers to object
    /// `(i + 1) % count` (edge label `"next"`); object 0 is held from outside.
    public static func ring(count: Int) -> Snapshot {
        precondition(count >= 1)
        var strings = StringTableBuilder()
        let next = strings.intern("next")
        return Snapshot(
            metadata: metadata,
            strings: strings.table,
            types: [TypeInfo(module: "__main__", name: "Node")],
            addresses: (0..<count).map { address($0) },
            objectTypes: [UInt32](repeating: 0, count: count),
            sizes: [UInt64](repeating: 48, count: count),
            refcounts: [UInt64](repeating: 1, count: count),
            labels: [UInt32](repeating: 0, count: count),
            flags: [UInt32](repeating: ObjectFlags.gcTracked.rawValue, count: count),
            edgeOffsets: (0...count).map { UInt32($0) },
            edgeTargets: (0..<count).map { UInt32(($0 + 1) % count) },
            edgeLabels: [UInt32](repeating: next.rawValue, count: count),
            roots: [Root(object: ObjectID(0), kind: .heldFromOutside, detail: 1)]
        )
    }

    /// A star: object 0 (type `Hub`) and `referrers` objects (type `Spoke`, labels `"s<i>"`)
    /// that each refer to it with the reference named `"hub"`.
    public static func star(referrers: Int) -> Snapshot {
        var strings = StringTableBuilder()
        let hub = strings.intern("hub")
        let count = referrers + 1
        var offsets = [UInt32](repeating: 0, count: count + 1)
        for i in 1...count { offsets[i] = UInt32(i - 1) }
        var objectTypes = [UInt32](repeating: 1, count: count)
        objectTypes[0] = 0
        return Snapshot(
            metadata: metadata,
            strings: strings.table,
            types: [TypeInfo(module: "__main__", name: "Hub"), TypeInfo(module: "__main__", name: "Spoke")],
            addresses: (0..<count).map { address($0) },
            objectTypes: objectTypes,
            sizes: [UInt64](repeating: 32, count: count),
            refcounts: [UInt64](repeating: 1, count: count),
            labels: [UInt32](repeating: 0, count: count),
            flags: [UInt32](repeating: 0, count: count),
            edgeOffsets: offsets,
            edgeTargets: [UInt32](repeating: 0, count: referrers),
            edgeLabels: [UInt32](repeating: hub.rawValue, count: referrers),
            roots: []
        )
    }

    /// A seeded random heap: `count` objects of types `T0`…`T<types-1>` (and every
    /// `moduleEvery`th object a module root), each with 0 to `2 * meanDegree` references to
    /// random objects (duplicates and self references possible), labels `"e<k>"` from a small
    /// set, and a few `heldFromOutside` roots.
    public static func random(
        seed: UInt64,
        count: Int,
        meanDegree: Int = 2,
        types typeCount: Int = 5,
        moduleEvery: Int = 97
    ) -> Snapshot {
        var rng = SplitMix64(seed: seed)
        var builder = SnapshotBuilder(metadata: metadata)
        let types = (0..<typeCount).map { builder.type(module: "gen", name: "T\($0)") }
        let moduleType = builder.type(module: "builtins", name: "module")
        for i in 0..<count {
            let isModule = i % moduleEvery == moduleEvery - 1
            builder.addObject(
                address: address(i),
                type: isModule ? moduleType : types[Int(rng.next(below: UInt64(typeCount)))],
                size: 16 + rng.next(below: 200),
                label: isModule ? "mod\(i)" : "",
                flags: isModule ? [.module, .gcTracked] : [.gcTracked]
            )
        }
        for i in 0..<count {
            let degree = Int(rng.next(below: UInt64(2 * meanDegree + 1)))
            for _ in 0..<degree {
                let target = Int(rng.next(below: UInt64(count)))
                builder.addEdge(from: ObjectID(i), to: ObjectID(target), label: "e\(rng.next(below: 7))")
            }
        }
        for i in stride(from: moduleEvery - 1, to: count, by: moduleEvery) {
            builder.addRoot(ObjectID(i), kind: .module, name: "mod\(i)")
        }
        for _ in 0..<max(1, count / 500) {
            builder.addRoot(ObjectID(Int(rng.next(below: UInt64(count)))), kind: .heldFromOutside, detail: 1)
        }
        return builder.build()
    }
}

/// Answers computed the slow, obvious way, straight from a snapshot's forward edges, to check
/// `HeapIndex` against.
public enum GraphOracle {
    /// `referrers[t]`: every source of an edge to `t`, with duplicates, in source order.
    public static func referrerLists(_ snapshot: Snapshot) -> [[Int]] {
        var lists = [[Int]](repeating: [], count: snapshot.objectCount)
        for source in 0..<snapshot.objectCount {
            for edge in snapshot.edgeRange(of: ObjectID(source)) {
                lists[Int(snapshot.edgeTargets[edge])].append(source)
            }
        }
        return lists
    }

    /// The number of references on a shortest path from any object where `isEnd` holds to any
    /// of `targets`, or nil when there is none: a plain BFS with a dictionary of distances.
    public static func shortestChainLength(
        _ snapshot: Snapshot,
        to targets: [Int],
        isEnd: (Int) -> Bool
    ) -> Int? {
        let referrers = referrerLists(snapshot)
        var distance: [Int: Int] = [:]
        var frontier: [Int] = []
        for target in targets where distance[target] == nil {
            distance[target] = 0
            frontier.append(target)
        }
        var level = 0
        while !frontier.isEmpty {
            if frontier.contains(where: isEnd) { return level }
            var nextFrontier: [Int] = []
            for node in frontier {
                for source in referrers[node] where distance[source] == nil {
                    distance[source] = level + 1
                    nextFrontier.append(source)
                }
            }
            frontier = nextFrontier
            level += 1
        }
        return nil
    }

    /// Whether `objects` with `labels` is a real chain of `snapshot`: each consecutive pair is
    /// joined by an edge, and each label is the label of the first such edge.
    public static func isChain(_ snapshot: Snapshot, objects: [Int], labels: [StringID]) -> Bool {
        guard labels.count == objects.count - 1 else { return false }
        for i in 0..<labels.count {
            let edges = snapshot.edgeRange(of: ObjectID(objects[i]))
            guard let first = edges.first(where: { Int(snapshot.edgeTargets[$0]) == objects[i + 1] }),
                snapshot.edgeLabels[first] == labels[i].rawValue
            else { return false }
        }
        return true
    }
}
