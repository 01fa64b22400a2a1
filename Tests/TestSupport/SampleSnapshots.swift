import HeapGraph

/// Hand-built snapshots with known contents, for any test target.
public enum SampleSnapshots {
    /// Metadata with every optional field set.
    public static func fullMetadata() -> SnapshotMetadata {
        SnapshotMetadata(
            pythonVersion: "3.11.2 (main, Mar 13 2023, 12:18:29) [GCC 12.2.0]",
            pythonImplementation: "cpython",
            pid: 31337,
            time: 1_700_000_000.125,
            rssBytes: 52_428_800,
            peakRSSBytes: 62_914_560,
            gcEnabled: true,
            gcCounts: [412, 3, 1],
            gcThresholds: [700, 10, 10],
            collected: false,
            capturedBy: "refgraph run (C-API walker) 0.1.0",
            captureSeconds: 0.75,
            executable: "/usr/bin/python3.11",
            argv: ["service.py", "--port", "8080", "naïve \"quoted\"\n"],
            incomplete: nil,
            limitations: ["Edge labels of C extension types are not recorded."]
        )
    }

    /// A small heap with every `ObjectFlags` bit, every `RootKind`, labelled and unlabelled
    /// edges, and a type whose type object is in the snapshot.
    ///
    /// Objects, in order: #0 module `__main__`, #1 its dict, #2 class `Node` (a type object),
    /// #3 a `Node` instance, #4 the instance's dict, #5 function `handler`, #6 a frame,
    /// #7 a weakref to #3, #8 an untracked tuple, #9 a long str (label cut), #10 a C-extension
    /// object whose references are unknown, #11 int 42.
    /// Edges: #0 →`.__dict__` #1; #1 →`['Node']` #2; #1 →`['handler']` #5; #1 →`['node']` #3;
    /// #3 →`.__dict__` #4; #3 →`.__class__` #2; #4 →`['payload']` #9; #4 →`['pair']` #8;
    /// #5 →`.__globals__` #1; #6 →`f_locals['n']` #3; #6 → #0 (no label); #7 → #3 (no label);
    /// #8 →`[0]` #11; #8 →`[1]` #9; #10 →`.__dict__` #1.
    /// Roots: #0 module `__main__`; #6 thread frame `MainThread` (detail 140_001);
    /// #10 held from outside (detail 2).
    public static func tinyHeap() -> Snapshot {
        var b = SnapshotBuilder(metadata: fullMetadata())
        let module = b.type(module: "builtins", name: "module")
        let dict = b.type(module: "builtins", name: "dict")
        let type = b.type(module: "builtins", name: "type")
        let node = b.type(module: "__main__", name: "Node", object: ObjectID(2))
        let function = b.type(module: "builtins", name: "function")
        let frame = b.type(module: "builtins", name: "frame")
        let weakref = b.type(module: "builtins", name: "weakref")
        let tuple = b.type(module: "builtins", name: "tuple")
        let str = b.type(module: "builtins", name: "str")
        let ext = b.type(module: "_ext", name: "Handle")
        let int = b.type(module: "builtins", name: "int")

        let main = b.addObject(
            address: 0x7f00_0000_1000,
            type: module,
            size: 72,
            refcount: 3,
            label: "__main__",
            flags: [.gcTracked, .module]
        )
        let mainDict = b.addObject(
            address: 0x7f00_0000_2000,
            type: dict,
            size: 1184,
            refcount: 4,
            label: "3 items",
            flags: .gcTracked
        )
        let nodeClass = b.addObject(
            address: 0x7f00_0000_3000,
            type: type,
            size: 1072,
            refcount: 5,
            label: "Node",
            flags: [.gcTracked, .typeObject]
        )
        let instance = b.addObject(address: 0x7f00_0000_4000, type: node, size: 48, refcount: 3, flags: .gcTracked)
        let instanceDict = b.addObject(
            address: 0x7f00_0000_5000,
            type: dict,
            size: 232,
            refcount: 1,
            label: "2 items",
            flags: .gcTracked
        )
        let handler = b.addObject(
            address: 0x7f00_0000_6000,
            type: function,
            size: 144,
            refcount: 2,
            label: "handler",
            flags: [.gcTracked, .function]
        )
        let frameObject = b.addObject(
            address: 0x7f00_0000_7000,
            type: frame,
            size: 464,
            refcount: 1,
            label: "service.py:12 in serve",
            flags: [.gcTracked, .frame]
        )
        let weak = b.addObject(
            address: 0x7f00_0000_8000,
            type: weakref,
            size: 80,
            refcount: 1,
            flags: [.gcTracked, .weakReference]
        )
        let pair = b.addObject(
            address: 0x7f00_0000_9000,
            type: tuple,
            size: 56,
            refcount: 1,
            label: "2 items",
            flags: .untrackedContainer
        )
        let payload = b.addObject(
            address: 0x7f00_0000_a000,
            type: str,
            size: 4145,
            refcount: 2,
            label: "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            flags: .labelTruncated
        )
        let handle = b.addObject(
            address: 0x7f00_0000_b000,
            type: ext,
            size: 32,
            refcount: 4,
            flags: [.gcTracked, .referencesUnknown]
        )
        let answer = b.addObject(address: 0x7f00_0000_c000, type: int, size: 28, refcount: 100, label: "42")

        b.addEdge(from: main, to: mainDict, label: ".__dict__")
        b.addEdge(from: mainDict, to: nodeClass, label: "['Node']")
        b.addEdge(from: mainDict, to: handler, label: "['handler']")
        b.addEdge(from: mainDict, to: instance, label: "['node']")
        b.addEdge(from: instance, to: instanceDict, label: ".__dict__")
        b.addEdge(from: instance, to: nodeClass, label: ".__class__")
        b.addEdge(from: instanceDict, to: payload, label: "['payload']")
        b.addEdge(from: instanceDict, to: pair, label: "['pair']")
        b.addEdge(from: handler, to: mainDict, label: ".__globals__")
        b.addEdge(from: frameObject, to: instance, label: "f_locals['n']")
        b.addEdge(from: frameObject, to: main)
        b.addEdge(from: weak, to: instance)
        b.addEdge(from: pair, to: answer, label: "[0]")
        b.addEdge(from: pair, to: payload, label: "[1]")
        b.addEdge(from: handle, to: mainDict, label: ".__dict__")

        b.addRoot(main, kind: .module, name: "__main__")
        b.addRoot(frameObject, kind: .threadFrame, name: "MainThread", detail: 140_001)
        b.addRoot(handle, kind: .heldFromOutside, detail: 2)
        return b.build()
    }

    /// The worked example of docs/snapshot-format.md: a dict holding a str under `'greeting'`,
    /// held from outside. Two objects, one edge, one root.
    public static func documentExample() -> Snapshot {
        var b = SnapshotBuilder(
            metadata: SnapshotMetadata(
                pythonVersion: "3.11.2",
                pid: 4242,
                time: 1_700_000_000.5,
                gcEnabled: true,
                gcCounts: [10, 2, 0],
                gcThresholds: [700, 10, 10],
                collected: false,
                capturedBy: "example"
            )
        )
        let dict = b.type(module: "builtins", name: "dict")
        let str = b.type(module: "builtins", name: "str")
        let holder = b.addObject(
            address: 0x7f3a_0000_1000,
            type: dict,
            size: 184,
            refcount: 2,
            label: "1 items",
            flags: .gcTracked
        )
        let greeting = b.addObject(address: 0x7f3a_0000_2000, type: str, size: 54, refcount: 1, label: "'hello'")
        b.addEdge(from: holder, to: greeting, label: "['greeting']")
        b.addRoot(holder, kind: .heldFromOutside, detail: 1)
        return b.build()
    }

    /// A heap for type-census tests: two types share the short name `Node` (`a.Node`, `b.Node`).
    ///
    /// Counts and bytes: dict 3 objects, 600 bytes; `a.Node` 2 objects, 96 bytes; `b.Node`
    /// 2 objects, 112 bytes; str 4 objects, 1000 bytes; list 1 object, 5000 bytes; int 2 objects,
    /// 56 bytes; `tuple` has no objects. Total 14 objects, 6864 bytes.
    public static func censusHeap() -> Snapshot {
        var b = SnapshotBuilder(metadata: documentExample().metadata)
        let dict = b.type(module: "builtins", name: "dict")
        let aNode = b.type(module: "a", name: "Node")
        let bNode = b.type(module: "b", name: "Node")
        let str = b.type(module: "builtins", name: "str")
        _ = b.type(module: "builtins", name: "tuple")
        let list = b.type(module: "builtins", name: "list")
        let int = b.type(module: "builtins", name: "int")
        var address: UInt64 = 0x1000
        func add(_ type: TypeID, _ size: UInt64) {
            b.addObject(address: address, type: type, size: size)
            address += 0x100
        }
        add(str, 100)
        add(dict, 200)
        add(aNode, 48)
        add(bNode, 56)
        add(str, 300)
        add(list, 5000)
        add(dict, 200)
        add(int, 28)
        add(bNode, 56)
        add(str, 250)
        add(aNode, 48)
        add(dict, 200)
        add(str, 350)
        add(int, 28)
        return b.build()
    }

    /// A random but reproducible snapshot: `objectCount` objects of a few types, `edgeCount`
    /// edges with random labels (some empty), random flags and roots, and random metadata.
    public static func random(seed: UInt64, objectCount: Int, edgeCount: Int) -> Snapshot {
        var rng = SplitMix64(seed: seed)
        var b = SnapshotBuilder(
            metadata: SnapshotMetadata(
                pythonVersion: "3.11.\(rng.next() % 10)",
                pid: Int32(truncatingIfNeeded: rng.next() % 100_000),
                time: Double(rng.next() % 2_000_000_000) + 0.25,
                rssBytes: rng.next() % 2 == 0 ? nil : rng.next(),
                gcEnabled: rng.next() % 2 == 0,
                gcCounts: [Int(rng.next() % 700), 1, 2],
                gcThresholds: [700, 10, 10],
                collected: rng.next() % 2 == 0,
                capturedBy: "random \(seed)",
                captureSeconds: Double(rng.next() % 1000) / 8
            )
        )
        let typeCount = 1 + Int(rng.next() % 12)
        var types: [TypeID] = []
        for t in 0..<typeCount {
            let object: ObjectID? =
                objectCount > 0 && rng.next() % 2 == 0 ? ObjectID(Int(rng.next() % UInt64(objectCount))) : nil
            types.append(b.type(module: t % 3 == 0 ? "builtins" : "mod\(t % 4)", name: "T\(t % 5)", object: object))
        }
        for _ in 0..<objectCount {
            let label = rng.next() % 3 == 0 ? "" : "label \(rng.next() % UInt64(max(objectCount / 2, 1)))é"
            b.addObject(
                address: rng.next(),
                type: types[Int(rng.next() % UInt64(typeCount))],
                size: rng.next() % 100_000,
                refcount: rng.next() % 50,
                label: label,
                flags: ObjectFlags(rawValue: UInt32(truncatingIfNeeded: rng.next()) & 0x1FF)
            )
        }
        if objectCount > 0 {
            for _ in 0..<edgeCount {
                let source = ObjectID(Int(rng.next() % UInt64(objectCount)))
                let target = ObjectID(Int(rng.next() % UInt64(objectCount)))
                b.addEdge(from: source, to: target, label: rng.next() % 4 == 0 ? "" : "['k\(rng.next() % 20)']")
            }
            for _ in 0..<Int(rng.next() % 6) {
                let kind = RootKind.allCases[Int(rng.next() % UInt64(RootKind.allCases.count))]
                b.addRoot(
                    ObjectID(Int(rng.next() % UInt64(objectCount))),
                    kind: kind,
                    name: "root \(rng.next() % 3)",
                    detail: rng.next()
                )
            }
        }
        return b.build()
    }
}
