import HeapGraph
import Reports
import TestSupport
import Testing

/// `LeakSuspects` on hand-built series of snapshots whose leaks, caches and churn are known:
/// a module holds a list that gains `perStep` Leak objects (each with a payload str) per
/// snapshot, a cache dict whose five entries are replaced by new ones every time, and a
/// churn list whose Temp objects come and go in numbers that rise and fall.
@Suite struct LeakSuspectsTests {
    /// What one snapshot of the series holds.
    struct Step {
        var leaks: Int
        var cacheGeneration: Int
        var churn: Int
        /// A `Gone` object at the address the last Leak will take (freed later, reused).
        var gone = false
    }

    static let listAddress: UInt64 = 0x300
    static func leakAddress(_ k: Int) -> UInt64 { 0x10000 + UInt64(k) * 0x40 }

    /// One snapshot; addresses of surviving objects stay the same across the series.
    static func snapshot(_ step: Step, time: Double, leaking: Bool = true) -> Snapshot {
        var (b, dict) = GraphFixtures.appModule(time: time)
        if leaking {
            let list = b.addObject(address: listAddress, type: b.type(module: "builtins", name: "list"), size: 56)
            b.addEdge(from: dict, to: list, label: "leaks")
            for k in 0..<step.leaks {
                let leak = b.addObject(address: leakAddress(k), type: b.type(module: "app", name: "Leak"), size: 100)
                let payload = b.addObject(
                    address: 0x80000 + UInt64(k) * 0x40,
                    type: b.type(module: "builtins", name: "str"),
                    size: 50
                )
                b.addEdge(from: list, to: leak, label: "\(k)")
                b.addEdge(from: leak, to: payload, label: "payload")
            }
        }
        if step.gone {
            let gone = b.addObject(
                address: leakAddress(step.leaks),
                type: b.type(module: "app", name: "Gone"),
                size: 100
            )
            b.addEdge(from: dict, to: gone, label: "gone")
        }
        let cache = b.addObject(address: 0x400, type: b.type(module: "builtins", name: "dict"), size: 360)
        b.addEdge(from: dict, to: cache, label: "cache")
        for j in 0..<5 {
            let entry = b.addObject(
                address: 0x200000 + UInt64(step.cacheGeneration * 5 + j) * 0x40,
                type: b.type(module: "app", name: "Entry"),
                size: 80
            )
            b.addEdge(from: cache, to: entry, label: "key\(j)")
        }
        let churn = b.addObject(address: 0x500, type: b.type(module: "builtins", name: "list"), size: 88)
        b.addEdge(from: dict, to: churn, label: "churn")
        for t in 0..<step.churn {
            let temp = b.addObject(
                address: 0x400000 + UInt64(Int(time) * 100 + t) * 0x40,
                type: b.type(module: "app", name: "Temp"),
                size: 64
            )
            b.addEdge(from: churn, to: temp, label: "\(t)")
        }
        return b.build()
    }

    static func suspects(
        _ steps: [Step],
        leaking: Bool = true,
        options: LeakSuspects.Options = .init()
    ) -> (LeakSuspects, [HeapIndex]) {
        let indexes = steps.enumerated().map { HeapIndex(snapshot($1, time: Double($0), leaking: leaking)) }
        return (LeakSuspects(snapshots: indexes, trees: indexes.map { $0.dominatorTree() }, options: options), indexes)
    }

    @Test func aListGainingObjectsEverySnapshotIsNamedWithItsChain() throws {
        let perStep = 12
        let steps = (1...3).map { Step(leaks: perStep * $0, cacheGeneration: $0, churn: [3, 1, 4][$0 - 1]) }
        let (result, indexes) = Self.suspects(steps)
        #expect(result.growingTypes.map(\.name) == ["Leak", "str"])
        #expect(result.growingTypes[0].counts == [12, 24, 36])
        #expect(result.growingTypes[0].newObjects == 24)
        #expect(result.newObjectCount == 48)

        try #require(result.suspects.count == 1)
        let suspect = result.suspects[0]
        let last = indexes[2]
        #expect(last.snapshot.address(of: suspect.container) == Self.listAddress)
        #expect(zip(suspect.containers, indexes).allSatisfy { $1.snapshot.address(of: $0) == Self.listAddress })
        let expectedRetained: [UInt64] = [56 + 150 * 12, 56 + 150 * 24, 56 + 150 * 36]
        #expect(suspect.retainedBytes == expectedRetained)
        #expect(suspect.retainedGrowth == 150 * 24)
        #expect(suspect.heldObjects == [24, 48, 72])
        #expect(suspect.newObjects == 48)
        #expect(suspect.newObjectBytes == 24 * 150)
        #expect(suspect.types.map { result.growingTypes[$0.type].name } == ["Leak", "str"])
        #expect(suspect.types.map(\.count) == [24, 24])

        guard case let .found(chain) = suspect.chain else {
            Issue.record("no chain to the list")
            return
        }
        #expect(suspect.chainFromModule)
        #expect(last.describe(chain) == ["module app", "  .__dict__ → dict", "  ['leaks'] → list"])
        let down = try #require(suspect.heldThrough)
        // The first new Leak (the 13th) is the biggest new object; its payload holds a third
        // of its retained bytes, so the descent stops at the Leak.
        #expect(last.describe(down) == ["list", "  [12] → Leak"])
        #expect(last.snapshot.address(of: down.target) == Self.leakAddress(12))
    }

    @Test func twoSnapshotsAreEnough() throws {
        let (result, indexes) = Self.suspects([
            Step(leaks: 10, cacheGeneration: 0, churn: 2), Step(leaks: 30, cacheGeneration: 1, churn: 2),
        ])
        try #require(result.suspects.count == 1)
        #expect(indexes[1].snapshot.address(of: result.suspects[0].container) == Self.listAddress)
        #expect(result.suspects[0].newObjects == 40)
    }

    @Test func aBoundedCacheAndChurnAreNoSuspect() {
        let steps = (1...4).map { Step(leaks: 0, cacheGeneration: $0, churn: [3, 1, 4, 2][$0 - 1]) }
        let (result, _) = Self.suspects(steps, leaking: false, options: .init(minimumObjects: 1, minimumBytes: 1))
        // Every cache entry is new in each snapshot, but neither their count nor the cache's
        // retained size grows; the churn rises and falls.
        #expect(result.growingTypes.isEmpty)
        #expect(result.suspects.isEmpty)
    }

    @Test func churnThatEndsHigherButFellOnTheWayIsNoSuspect() {
        let steps = [
            Step(leaks: 0, cacheGeneration: 0, churn: 10), Step(leaks: 0, cacheGeneration: 1, churn: 2),
            Step(leaks: 0, cacheGeneration: 2, churn: 12),
        ]
        let (result, _) = Self.suspects(steps, leaking: false, options: .init(minimumObjects: 1, minimumBytes: 1))
        #expect(result.suspects.isEmpty)
        #expect(!result.growingTypes.contains { $0.name == "Temp" })
    }

    @Test func objectsThatSurviveAreNotNewAndAReusedAddressOfAnotherTypeIs() throws {
        // The first snapshot holds a Gone at the address the 21st Leak takes later.
        let steps = [
            Step(leaks: 20, cacheGeneration: 0, churn: 0, gone: true), Step(leaks: 21, cacheGeneration: 0, churn: 0),
        ]
        let (result, indexes) = Self.suspects(steps, options: .init(minimumObjects: 1, minimumBytes: 1))
        let leak = try #require(result.growingTypes.first { $0.name == "Leak" })
        #expect(leak.newObjects == 1)
        let suspect = try #require(result.suspects.first)
        #expect(suspect.types.map(\.count) == [1, 1])
        let down = try #require(suspect.heldThrough)
        #expect(indexes[1].snapshot.address(of: down.objects[1]) == Self.leakAddress(20))
    }

    @Test func theThresholdsHoldBackSmallGrowth() {
        let steps = (1...3).map { Step(leaks: 3 * $0, cacheGeneration: 0, churn: 0) }
        #expect(Self.suspects(steps).0.suspects.isEmpty)
        #expect(Self.suspects(steps, options: .init(minimumObjects: 6, minimumBytes: 1)).0.suspects.count == 1)
    }

    /// An Owner keeps its new Items in a list and, by name, in a dict: neither container alone
    /// keeps an item alive, so the suspect is the Owner that holds both.
    @Test func newObjectsSharedByTwoContainersAccumulateInTheirCommonHolder() throws {
        func snapshot(items: Int, time: Double) -> Snapshot {
            var metadata = GraphFixtures.metadata
            metadata.time = time
            var b = SnapshotBuilder(metadata: metadata)
            let module = b.addObject(
                address: 0x100,
                type: b.type(module: "builtins", name: "module"),
                size: 72,
                label: "app",
                flags: .module
            )
            let owner = b.addObject(address: 0x200, type: b.type(module: "app", name: "Owner"), size: 48)
            let list = b.addObject(address: 0x300, type: b.type(module: "builtins", name: "list"), size: 56)
            let dict = b.addObject(address: 0x400, type: b.type(module: "builtins", name: "dict"), size: 232)
            b.addRoot(module, kind: .module, name: "app")
            b.addEdge(from: module, to: owner, label: "owner")
            b.addEdge(from: owner, to: list, label: "items")
            b.addEdge(from: owner, to: dict, label: "by_name")
            for k in 0..<items {
                let item = b.addObject(
                    address: 0x10000 + UInt64(k) * 0x40,
                    type: b.type(module: "app", name: "Item"),
                    size: 64
                )
                b.addEdge(from: list, to: item, label: "\(k)")
                b.addEdge(from: dict, to: item, label: "item-\(k)")
            }
            return b.build()
        }
        let indexes = [20, 40, 60].enumerated().map { HeapIndex(snapshot(items: $1, time: Double($0))) }
        let result = LeakSuspects(snapshots: indexes, trees: indexes.map { $0.dominatorTree() })
        let suspect = try #require(result.suspects.first)
        #expect(result.suspects.count == 1)
        #expect(indexes[2].snapshot.address(of: suspect.container) == 0x200)
        #expect(suspect.newObjects == 40)
        let base: UInt64 = 48 + 56 + 232
        let expected: [UInt64] = [20, 40, 60].map { base + $0 * 64 }
        #expect(suspect.retainedBytes == expected)
        let down = try #require(suspect.heldThrough)
        #expect(indexes[2].describe(down) == ["Owner", "  .items → list", "  [20] → Item"])
    }

    @Test func theLimitKeepsTheCountOfWhatItLeavesOut() {
        let steps = (1...3).map { Step(leaks: 12 * $0, cacheGeneration: 0, churn: 0) }
        let (result, _) = Self.suspects(steps, options: .init(limit: 0))
        #expect(result.suspects.isEmpty && result.suspectCount == 1)
    }

    @Test func growthRule() {
        #expect(GrowthRule.keepsGrowing([1, 2, 3], minimum: 1))
        #expect(GrowthRule.keepsGrowing([10, 9, 20], minimum: 1))
        #expect(!GrowthRule.keepsGrowing([10, 5, 20], minimum: 1))
        #expect(!GrowthRule.keepsGrowing([5, 5], minimum: 1))
        #expect(GrowthRule.keepsGrowing([5, 5, 6], minimum: 1))
        #expect(!GrowthRule.keepsGrowing([5, 5, 5, 6], minimum: 1))
        #expect(!GrowthRule.keepsGrowing([100, 105], minimum: 10))
        #expect(!GrowthRule.keepsGrowing([3], minimum: 1))
    }
}
