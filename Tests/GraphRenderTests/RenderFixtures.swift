import HeapGraph

/// Small hand-made heaps and the subgraphs a query would draw from them.
enum RenderFixtures {
    static let metadata = SnapshotMetadata(
        pythonVersion: "3.11.2",
        pid: 42,
        time: 0,
        gcEnabled: true,
        gcCounts: [0, 0, 0],
        gcThresholds: [700, 10, 10],
        collected: false,
        capturedBy: "GraphRenderTests"
    )

    /// `show_backrefs` of a leaked `app.Node`: module `app` → its `__dict__` → a `cache` list →
    /// the node; a closure cell of `handler` also holds it; the list has 12 more referrers cut.
    /// There is a `lib.Node` too, so `Node` is drawn qualified.
    static func backrefs() -> (Snapshot, Subgraph) {
        var b = SnapshotBuilder(metadata: metadata)
        let moduleType = b.type(module: "builtins", name: "module")
        let dictType = b.type(module: "builtins", name: "dict")
        let listType = b.type(module: "builtins", name: "list")
        let cellType = b.type(module: "builtins", name: "cell")
        let functionType = b.type(module: "builtins", name: "function")
        let nodeType = b.type(module: "app", name: "Node")
        _ = b.type(module: "lib", name: "Node")

        let module = b.addObject(
            address: 0x7f00_0000_1000,
            type: moduleType,
            size: 72,
            refcount: 3,
            label: "app",
            flags: [.gcTracked, .module]
        )
        let globals = b.addObject(
            address: 0x7f00_0000_2000,
            type: dictType,
            size: 2_272,
            refcount: 1,
            label: "41 items",
            flags: .gcTracked
        )
        let cache = b.addObject(
            address: 0x7f00_0000_3000,
            type: listType,
            size: 184,
            refcount: 1,
            label: "13 items",
            flags: .gcTracked
        )
        let handler = b.addObject(
            address: 0x7f00_0000_4000,
            type: functionType,
            size: 152,
            refcount: 2,
            label: "handler",
            flags: [.gcTracked, .function]
        )
        let cell = b.addObject(address: 0x7f00_0000_5000, type: cellType, size: 40, refcount: 1, flags: .gcTracked)
        let leak = b.addObject(
            address: 0x7f00_0000_6000,
            type: nodeType,
            size: 56,
            refcount: 2,
            label: "Node",
            flags: .gcTracked
        )
        b.addEdge(from: module, to: globals, label: "__dict__")
        b.addEdge(from: globals, to: cache, label: "cache")
        b.addEdge(from: globals, to: handler, label: "handler")
        b.addEdge(from: cache, to: leak, label: "[0]")
        b.addEdge(from: handler, to: cell, label: "__closure__[0]")
        b.addEdge(from: cell, to: leak, label: "cell_contents")
        b.addRoot(module, kind: .module, name: "app")
        let snapshot = b.build()

        let edge = { (s: ObjectID, t: ObjectID, name: String) in
            Subgraph.Edge(source: s, target: t, label: stringID(name, in: snapshot))
        }
        let subgraph = Subgraph(
            direction: .referrers,
            nodes: [leak, cache, cell, handler, globals, module],
            edges: [
                edge(cache, leak, "[0]"), edge(cell, leak, "cell_contents"), edge(globals, cache, "cache"),
                edge(handler, cell, "__closure__[0]"), edge(globals, handler, "handler"),
                edge(module, globals, "__dict__"),
            ],
            selected: [leak],
            cut: [cache: 12],
            depth: [leak: 0, cache: 1, cell: 1, handler: 2, globals: 2, module: 3]
        )
        return (snapshot, subgraph)
    }

    /// `show_chain` from module `__main__` down to a leaked socket, all edges highlighted; the
    /// socket is also held from outside and a thread's frame refers to the list.
    static func chain() -> (Snapshot, Subgraph) {
        var b = SnapshotBuilder(metadata: metadata)
        let moduleType = b.type(module: "builtins", name: "module")
        let dictType = b.type(module: "builtins", name: "dict")
        let listType = b.type(module: "builtins", name: "list")
        let frameType = b.type(module: "builtins", name: "frame")
        let socketType = b.type(module: "socket", name: "socket")

        let main = b.addObject(
            address: 0x1000,
            type: moduleType,
            size: 72,
            refcount: 5,
            label: "__main__",
            flags: [.gcTracked, .module]
        )
        let globals = b.addObject(
            address: 0x2000,
            type: dictType,
            size: 4_696,
            refcount: 1,
            label: "12 items",
            flags: .gcTracked
        )
        let pending = b.addObject(
            address: 0x3000,
            type: listType,
            size: 8_856,
            refcount: 2,
            label: "1000 items",
            flags: .gcTracked
        )
        let frame = b.addObject(
            address: 0x4000,
            type: frameType,
            size: 432,
            refcount: 1,
            label: "worker.py:17",
            flags: [.gcTracked, .frame]
        )
        let socket = b.addObject(
            address: 0x5000,
            type: socketType,
            size: 80,
            refcount: 3,
            label: "fd=7",
            flags: [.gcTracked, .labelTruncated]
        )
        b.addEdge(from: main, to: globals, label: "__dict__")
        b.addEdge(from: globals, to: pending, label: "pending")
        b.addEdge(from: pending, to: socket, label: "[999]")
        b.addEdge(from: frame, to: pending, label: "queue")
        b.addRoot(main, kind: .module, name: "__main__")
        b.addRoot(frame, kind: .threadFrame, name: "MainThread", detail: 140_000)
        b.addRoot(socket, kind: .heldFromOutside, detail: 1)
        let snapshot = b.build()

        let edge = { (s: ObjectID, t: ObjectID, name: String, highlighted: Bool) in
            Subgraph.Edge(source: s, target: t, label: stringID(name, in: snapshot), highlighted: highlighted)
        }
        let subgraph = Subgraph(
            direction: .referrers,
            nodes: [socket, pending, globals, frame, main],
            edges: [
                edge(pending, socket, "[999]", true), edge(globals, pending, "pending", true),
                edge(frame, pending, "queue", false), edge(main, globals, "__dict__", true),
            ],
            selected: [socket],
            depth: [socket: 0, pending: 1, globals: 2, frame: 2, main: 3]
        )
        return (snapshot, subgraph)
    }

    /// `show_refs` of a dict: a weak reference, an unlabelled edge, references left out.
    static func referents() -> (Snapshot, Subgraph) {
        var b = SnapshotBuilder(metadata: metadata)
        let dictType = b.type(module: "builtins", name: "dict")
        let weakType = b.type(module: "weakref", name: "ReferenceType")
        let strType = b.type(module: "builtins", name: "str")
        let tupleType = b.type(module: "builtins", name: "tuple")
        let registry = b.addObject(address: 0xa000, type: dictType, size: 640, label: "25 items", flags: .gcTracked)
        let weak = b.addObject(
            address: 0xb000,
            type: weakType,
            size: 72,
            label: "dead",
            flags: [.gcTracked, .weakReference]
        )
        let key = b.addObject(address: 0xc000, type: strType, size: 53, label: "'session'")
        let pair = b.addObject(
            address: 0xd000,
            type: tupleType,
            size: 56,
            label: "2 items",
            flags: [.gcTracked, .referencesUnknown]
        )
        b.addEdge(from: registry, to: weak, label: "'session'")
        b.addEdge(from: weak, to: key)
        b.addEdge(from: registry, to: pair, label: "'pair'")
        let snapshot = b.build()
        let subgraph = Subgraph(
            direction: .referents,
            nodes: [registry, weak, pair, key],
            edges: [
                Subgraph.Edge(source: registry, target: weak, label: stringID("'session'", in: snapshot)),
                Subgraph.Edge(source: registry, target: pair, label: stringID("'pair'", in: snapshot)),
                Subgraph.Edge(source: weak, target: key, label: .empty),
            ],
            selected: [registry],
            cut: [registry: 23, key: 0],
            depth: [registry: 0, weak: 1, pair: 1, key: 2]
        )
        return (snapshot, subgraph)
    }

    /// A heap-like graph of `count` objects: a module, its dict, and a tree of containers under
    /// it (every object has one or two referrers), drawn as the backrefs of the last object.
    static func heapLike(count: Int) -> (Snapshot, Subgraph) {
        precondition(count >= 3)
        var b = SnapshotBuilder(metadata: metadata)
        let moduleType = b.type(module: "builtins", name: "module")
        let dictType = b.type(module: "builtins", name: "dict")
        let listType = b.type(module: "builtins", name: "list")
        let itemType = b.type(module: "app", name: "Item")
        var nodes: [ObjectID] = []
        var edges: [(Int, Int, String)] = []
        nodes.append(b.addObject(address: 0x1000, type: moduleType, size: 72, label: "app", flags: .module))
        nodes.append(b.addObject(address: 0x2000, type: dictType, size: 1000, label: "99 items"))
        edges.append((0, 1, "__dict__"))
        for i in 2..<count {
            let type = i % 3 == 0 ? itemType : (i % 3 == 1 ? listType : dictType)
            nodes.append(b.addObject(address: UInt64(0x10000 + i * 64), type: type, size: 64, label: "item \(i)"))
            let parent = 1 + (i - 2) / 3
            edges.append((parent, i, i % 2 == 0 ? "[\(i)]" : "key\(i)"))
            if i % 7 == 0, i > 20 { edges.append((i - 17, i, "alias")) }
        }
        for (s, t, name) in edges { b.addEdge(from: nodes[s], to: nodes[t], label: name) }
        b.addRoot(nodes[0], kind: .module, name: "app")
        let snapshot = b.build()
        var depth: [ObjectID: Int] = [:]
        for (index, node) in nodes.enumerated() {
            depth[node] = index == 0 ? 6 : min(5, index.bitWidth - index.leadingZeroBitCount)
        }
        let subgraph = Subgraph(
            direction: .referrers,
            nodes: nodes.reversed(),
            edges: edges.map {
                Subgraph.Edge(source: nodes[$0.0], target: nodes[$0.1], label: stringID($0.2, in: snapshot))
            },
            selected: [nodes[count - 1]],
            depth: depth
        )
        return (snapshot, subgraph)
    }

    /// One list referring to `count` strings: the widest graph a `refs` query draws, the
    /// siblings side by side on one rank.
    static func siblings(count: Int) -> (Snapshot, Subgraph) {
        var b = SnapshotBuilder(metadata: metadata)
        let listType = b.type(module: "builtins", name: "list")
        let strType = b.type(module: "builtins", name: "str")
        let list = b.addObject(address: 0x1000, type: listType, size: 8 * UInt64(count) + 56, label: "\(count) items")
        var nodes = [list]
        for i in 0..<count {
            let item = b.addObject(address: 0x10000 + UInt64(i) * 64, type: strType, size: 58, label: "'request \(i)'")
            b.addEdge(from: list, to: item, label: "[\(i)]")
            nodes.append(item)
        }
        let snapshot = b.build()
        var depth: [ObjectID: Int] = [list: 0]
        for node in nodes.dropFirst() { depth[node] = 1 }
        let subgraph = Subgraph(
            direction: .referents,
            nodes: nodes,
            edges: nodes.dropFirst().enumerated().map { i, node in
                Subgraph.Edge(source: list, target: node, label: stringID("[\(i)]", in: snapshot))
            },
            selected: [list],
            depth: depth
        )
        return (snapshot, subgraph)
    }

    /// The id of `string` in the snapshot's string table (linear search; fixtures are small).
    static func stringID(_ string: String, in snapshot: Snapshot) -> StringID {
        for index in 0..<snapshot.strings.count where snapshot.strings[StringID(index)] == string {
            return StringID(index)
        }
        preconditionFailure("'\(string)' is not interned")
    }
}
