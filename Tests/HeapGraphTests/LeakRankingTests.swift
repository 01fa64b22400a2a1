import HeapGraph
import TestSupport
import Testing

/// `LeakSuspects` on hand-built heaps where address matching alone gives the wrong answer: a
/// new object at a reused address, a cache that filled and then stayed full, a module dict
/// that holds a leak and churns objects of the leaking type, and leaked objects whose own
/// lists grow.
@Suite struct LeakRankingTests {
    /// Builds one snapshot of module `app` whose `__dict__` (at 0x200) holds what `fill` adds.
    static func snapshot(time: Double, _ fill: (inout SnapshotBuilder, ObjectID) -> Void) -> Snapshot {
        var (b, dict) = GraphFixtures.appModule(time: time)
        fill(&b, dict)
        return b.build()
    }

    static func suspects(
        _ snapshots: [Snapshot],
        options: LeakSuspects.Options = .init()
    ) -> (LeakSuspects, [HeapIndex]) {
        let indexes = snapshots.map(HeapIndex.init)
        return (LeakSuspects(snapshots: indexes, trees: indexes.map { $0.dominatorTree() }, options: options), indexes)
    }

    /// `count` objects of `type` under `holder` with labels from `first`, at addresses from `base`.
    static func add(
        _ count: Int,
        _ type: String,
        size: UInt64 = 64,
        under holder: ObjectID,
        first: Int = 0,
        base: UInt64,
        _ b: inout SnapshotBuilder
    ) {
        for k in 0..<count {
            let object = b.addObject(
                address: base + UInt64(first + k) * 0x40,
                type: b.type(module: "app", name: type),
                size: size
            )
            b.addEdge(from: holder, to: object, label: "\(first + k)")
        }
    }

    @Test func aNewTupleAtTheAddressOfAnUnrelatedOldOneIsNotAGrownContainer() throws {
        let tupleAddress: UInt64 = 0x9000
        let first = Self.snapshot(time: 0) { b, dict in
            let history = b.addObject(address: 0x300, type: b.type(module: "builtins", name: "list"), size: 56)
            b.addEdge(from: dict, to: history, label: "history")
            let unrelated = b.addObject(
                address: tupleAddress,
                type: b.type(module: "builtins", name: "tuple"),
                size: 56,
                label: "tuple (1 items)"
            )
            b.addEdge(from: dict, to: unrelated, label: "unrelated")
        }
        let second = Self.snapshot(time: 1) { b, dict in
            let history = b.addObject(address: 0x300, type: b.type(module: "builtins", name: "list"), size: 120)
            b.addEdge(from: dict, to: history, label: "history")
            // The unrelated tuple is gone; the history's new entry took its address.
            let entry = b.addObject(
                address: tupleAddress,
                type: b.type(module: "builtins", name: "tuple"),
                size: 56,
                label: "tuple (1 items)"
            )
            b.addEdge(from: history, to: entry, label: "0")
            Self.add(40, "Record", under: entry, base: 0x20000, &b)
        }
        let (result, indexes) = Self.suspects([first, second])
        try #require(result.suspects.count == 1)
        #expect(indexes[1].snapshot.address(of: result.suspects[0].container) == 0x300)
        // The tuple is new too: 40 records and their tuple.
        #expect(result.suspects[0].newObjects == 40)
        let correspondence = ObjectCorrespondence(earlier: indexes[0], later: indexes[1])
        let tuple = try #require(
            indexes[1].snapshot.objectIDs.first { indexes[1].snapshot.address(of: $0) == tupleAddress }
        )
        #expect(!correspondence.isOld(tuple))
        let history = try #require(indexes[1].snapshot.objectIDs.first { indexes[1].snapshot.address(of: $0) == 0x300 })
        #expect(correspondence.isOld(history))
    }

    @Test func aCacheThatFilledUpAndThenStayedFullIsNoSuspect() {
        // An LRU cache of 128 entries: empty, full, full again with other entries.
        let snapshots = [0, 128, 128].enumerated().map { step, entries in
            Self.snapshot(time: Double(step)) { b, dict in
                let cache = b.addObject(
                    address: 0x400,
                    type: b.type(module: "builtins", name: "dict"),
                    size: 64 + 8 * UInt64(entries)
                )
                b.addEdge(from: dict, to: cache, label: "cache")
                Self.add(entries, "Entry", under: cache, base: 0x100000 * UInt64(step + 1), &b)
            }
        }
        let (result, _) = Self.suspects(snapshots)
        #expect(result.suspects.isEmpty)
        #expect(result.growingTypes.isEmpty)
    }

    /// A module dict holding a leaking registry and, directly, a dozen current requests that
    /// are replaced all the time; each leaked request has a log list, and the three requests
    /// of the first snapshot keep logging into theirs.
    static func registryHeap(step: Int) -> Snapshot {
        snapshot(time: Double(step)) { b, dict in
            let registry = b.addObject(
                address: 0x300,
                type: b.type(module: "builtins", name: "list"),
                size: 56 + 8 * UInt64(step * 20)
            )
            b.addEdge(from: dict, to: registry, label: "registry")
            for k in 0..<(3 + step * 20) {
                let request = b.addObject(
                    address: 0x10000 + UInt64(k) * 0x40,
                    type: b.type(module: "app", name: "Request"),
                    size: 48
                )
                b.addEdge(from: registry, to: request, label: "\(k)")
                let attributes = b.addObject(
                    address: 0x40000 + UInt64(k) * 0x40,
                    type: b.type(module: "builtins", name: "dict"),
                    size: 104
                )
                b.addEdge(from: request, to: attributes, label: "__dict__")
                let old = k < 3
                let lines = old ? 12 * (step + 1) : 2
                let log = b.addObject(
                    address: 0x80000 + UInt64(k) * 0x40,
                    type: b.type(module: "builtins", name: "list"),
                    size: 56 + 8 * UInt64(lines)
                )
                b.addEdge(from: attributes, to: log, label: "log")
                Self.add(
                    lines,
                    "Line",
                    size: 60,
                    under: log,
                    base: 0x1000000 + UInt64(k) * 0x10000 + (old ? UInt64(step) * 0x1000 : 0),
                    &b
                )
            }
            Self.add(12, "Request", under: dict, first: 1000, base: 0x200000 * UInt64(step + 1), &b)
        }
    }

    @Test func aLeakComesBeforeItsAncestorsAndItsSymptomsAreOneEntryInsideIt() throws {
        let (result, indexes) = Self.suspects((0..<3).map(Self.registryHeap))
        let last = indexes[2].snapshot
        try #require(result.suspects.count == 2)
        // The module dict churns new requests, but what it retains besides the registry does
        // not grow: it is no suspect although it retains the most.
        let leak = result.suspects[0]
        #expect(last.address(of: leak.container) == 0x300)
        #expect(leak.inside == nil && leak.similar.isEmpty)
        // The three first requests' logs grow: one entry, inside the registry.
        let symptom = result.suspects[1]
        #expect(symptom.inside == 0)
        #expect(
            ([symptom.container] + symptom.similar).map { last.address(of: $0) }.sorted() == [
                0x80000, 0x80040, 0x80080,
            ]
        )
        #expect(result.suspectCount == 2)
    }
}
