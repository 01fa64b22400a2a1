import HeapGraph
import TestSupport
import Testing

/// Dominator trees and retained sizes on graphs with known answers (the papers' examples, a
/// diamond, a cycle entered at two points, a self-loop, unreachable parts, weak references),
/// seeded random graphs against "remove a node, test reachability", and a long chain.
@Suite struct DominatorTests {
    private func ids(_ values: [Int]) -> [ObjectID] { values.map { ObjectID($0) } }

    /// Immediate dominators as object numbers, -1 for the super-root.
    private func idoms(_ tree: DominatorTree) -> [Int] {
        tree.immediateDominators.map { $0 == DominatorTree.superRoot ? -1 : Int($0) }
    }

    private func graph(
        _ count: Int,
        _ edges: [(Int, Int)],
        roots: [Int] = [0],
        flags: [Int: ObjectFlags] = [:],
        labels: [String] = []
    ) -> HeapIndex {
        HeapIndex(
            GraphFixtures.make(
                nodes: (0..<count).map { _ in ("N", "") },
                edges: edges.enumerated().map {
                    ($0.element.0, $0.element.1, $0.offset < labels.count ? labels[$0.offset] : "e")
                },
                roots: roots.map { ($0, .heldFromOutside) },
                flags: flags
            )
        )
    }

    @Test func lengauerTarjanPaperExample() {
        // Lengauer and Tarjan 1979, figure 1: R A B C D E F G H I J K L = 0 ... 12.
        let (R, A, B, C, D, E, F, G, H, I, J, K, L) = (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
        let index = graph(
            13,
            [
                (R, A), (R, B), (R, C), (A, D), (B, A), (B, D), (B, E), (C, F), (C, G), (D, L), (E, H), (F, I),
                (G, I), (G, J), (H, E), (H, K), (I, K), (J, I), (K, I), (K, R), (L, H),
            ]
        )
        let tree = index.dominatorTree()
        #expect(idoms(tree) == [-1, R, R, R, R, R, C, C, R, R, G, R, D])
        #expect(
            tree.retainedSize(of: ObjectID(C)) == index.snapshot.sizes[C] + index.snapshot.sizes[F]
                + index.snapshot.sizes[G] + index.snapshot.sizes[J]
        )
        #expect(tree.retainedSize(of: ObjectID(R)) == index.snapshot.totalSize)
        #expect(tree.dominators(of: ObjectID(J)) == ids([R, C, G]))
    }

    @Test func cooperHarveyKennedyIrreducibleExample() {
        // Cooper, Harvey and Kennedy 2001, figure 4: entry 5 → 4, 3; 4 → 1; 3 → 2; 1 → 2; 2 → 1.
        // Numbered here 0 = 5, 1 = 4, 2 = 3, 3 = 2, 4 = 1: everything's immediate dominator is the entry.
        let index = graph(5, [(0, 1), (0, 2), (1, 4), (2, 3), (4, 3), (3, 4)])
        #expect(idoms(index.dominatorTree()) == [-1, 0, 0, 0, 0])
    }

    @Test func diamondIsDominatedOnlyByItsTop() {
        let index = graph(4, [(0, 1), (0, 2), (1, 3), (2, 3)])
        let tree = index.dominatorTree()
        #expect(idoms(tree) == [-1, 0, 0, 0])
        #expect(tree.retainedSize(of: ObjectID(1)) == 32 && tree.retainedSize(of: ObjectID(2)) == 48)
        // Released together, 1 and 2 free 3 as well: the set retains more than its members.
        #expect(index.retainedSize(ofSet: ids([1, 2]), in: tree) == 32 + 48 + 64)
        #expect(index.commonDominator(of: ids([1, 2]), in: tree) == ObjectID(0))
        #expect(index.commonDominator(of: ids([0, 3]), in: tree) == nil)
        // Two roots over one object: only the super-root dominates it.
        let twoRoots = graph(3, [(0, 2), (1, 2)], roots: [0, 1])
        #expect(idoms(twoRoots.dominatorTree()) == [-1, -1, -1])
    }

    @Test func cycleEnteredAtTwoPointsAndSelfLoop() {
        // 0 → 1 → 3, 0 → 2 → 4, 3 ⇄ 4; 4 → 5 → 5.
        let index = graph(6, [(0, 1), (0, 2), (1, 3), (2, 4), (3, 4), (4, 3), (4, 5), (5, 5)])
        let tree = index.dominatorTree()
        #expect(idoms(tree) == [-1, 0, 0, 0, 0, 4])
        #expect(tree.retainedSize(of: ObjectID(4)) == 80 + 96)
    }

    @Test func unreachableObjectsHangFromTheSuperRoot() {
        // 0 (root) → 1. 2 ⇄ 3, a garbage cycle; 4 → 5 with nothing referring to 4; 6 → 2.
        // Entries: 0 (root), then 4 and 6 (no referrers), then nothing is left unreached.
        let index = graph(7, [(0, 1), (2, 3), (3, 2), (4, 5), (6, 2)])
        let tree = index.dominatorTree()
        #expect(tree.entries == ids([0, 4, 6]))
        #expect(tree.rootEntryCount == 1)
        #expect(idoms(tree) == [-1, 0, 6, 2, -1, 4, -1])
        #expect(tree.reachableFromRoots == [true, true, false, false, false, false, false])
        // A cycle nothing holds: its first object in object order is the entry.
        let cycle = graph(4, [(0, 1), (2, 3), (3, 2)])
        let cycleTree = cycle.dominatorTree()
        #expect(cycleTree.entries == ids([0, 2]))
        #expect(idoms(cycleTree) == [-1, 0, -1, 2])
        #expect(cycleTree.totalBytes == cycle.snapshot.totalSize)
        let topLevel = (0..<4).filter { cycleTree.immediateDominators[$0] == DominatorTree.superRoot }
        #expect(topLevel.reduce(UInt64(0)) { $0 + cycleTree.retainedSizes[$1] } == cycle.snapshot.totalSize)
    }

    @Test func weakReferencesKeepNothingAlive() {
        // 0 → 1 (a weakref) → 2 unlabelled: weak. 0 → 3 → 2. 1 → 4 as `.__callback__`: strong.
        let index = graph(
            5,
            [(0, 1), (1, 2), (0, 3), (3, 2), (1, 4)],
            flags: [1: .weakReference],
            labels: ["w", "", "y", "x", ".__callback__"]
        )
        let tree = index.dominatorTree()
        #expect(idoms(tree) == [-1, 0, 3, 0, 1])
        #expect(tree.retainedSize(of: ObjectID(3)) == 64 + 48)
        #expect(tree.retainedSize(of: ObjectID(1)) == 32 + 80)
    }

    @Test(arguments: [UInt64(1), 2, 3, 5, 8, 13, 21, 34]) func randomGraphsMatchTheOracle(seed: UInt64) {
        var snapshot = GraphFixtures.random(seed: seed, count: 120, meanDegree: 1, moduleEvery: 41)
        for i in stride(from: 0, to: snapshot.objectCount, by: 11) {
            snapshot.flags[i] |= ObjectFlags.weakReference.rawValue
        }
        for edge in stride(from: 0, to: snapshot.edgeCount, by: 4) { snapshot.edgeLabels[edge] = 0 }
        let index = HeapIndex(snapshot)
        let tree = index.dominatorTree()
        #expect(tree.entries.map(\.index) == GraphOracle.superRootEntries(snapshot))
        let oracle = GraphOracle.dominators(snapshot)
        #expect(idoms(tree) == oracle.idom.map { $0 ?? -1 })
        #expect(tree.retainedSizes == oracle.retained)
        #expect(tree.totalBytes == snapshot.totalSize)
        var rng = SplitMix64(seed: seed)
        for _ in 0..<5 {
            let set = (0..<3).map { _ in Int(rng.next(below: UInt64(snapshot.objectCount))) }
            #expect(index.retainedSize(ofSet: ids(set), in: tree) == GraphOracle.retainedSize(snapshot, of: set))
        }
        // The common dominator: the deepest object not chosen that dominates (or is) every chosen one.
        for size in [1, 2, 5, 40] {
            let set = (0..<size).map { _ in Int(rng.next(below: UInt64(snapshot.objectCount))) }
            let lines = set.map { tree.dominators(of: ObjectID($0)) + [ObjectID($0)] }
            let common = lines[0].filter { v in lines.allSatisfy { $0.contains(v) } && !set.contains(v.index) }
            #expect(index.commonDominator(of: ids(set), in: tree) == common.last, "set \(set)")
        }
        // By type: the counted objects' subtrees are disjoint and within the exact set figure.
        for row in index.retentionByType(in: tree) {
            let members = (0..<snapshot.objectCount).filter { snapshot.objectTypes[$0] == row.type.rawValue }
            #expect(row.count == members.count)
            #expect(row.retainedBytes <= GraphOracle.retainedSize(snapshot, of: members))
            let topMost = members.filter { v in
                !tree.dominators(of: ObjectID(v)).contains { snapshot.objectTypes[$0.index] == row.type.rawValue }
            }
            #expect(row.retainedBytes == topMost.reduce(UInt64(0)) { $0 + tree.retainedSizes[$1] })
        }
        let largest = index.largestRetainers(in: tree, limit: 10).map { tree.retainedSizes[$0.index] }
        #expect(largest == Array(tree.retainedSizes.sorted(by: >).prefix(10)))
    }

    @Test func tenMillionLongChain() {
        let count = 10_000_000
        let index = HeapIndex(GraphFixtures.path(count: count))
        let tree = index.dominatorTree()
        #expect(tree.immediateDominator(of: ObjectID(count - 1)) == nil)
        #expect(tree.immediateDominator(of: ObjectID(0)) == ObjectID(1))
        #expect(tree.retainedSize(of: ObjectID(count - 1)) == 48 * UInt64(count))
        #expect(tree.retainedSize(of: ObjectID(count / 2)) == 48 * UInt64(count / 2 + 1))
        #expect(index.commonDominator(of: ids([0, 5]), in: tree) == ObjectID(6))
        #expect(index.commonDominator(of: ids(Array(0..<(count - 1))), in: tree) == ObjectID(count - 1))
    }

    @Test func deterministic() {
        let a = HeapIndex(GraphFixtures.random(seed: 77, count: 3000)).dominatorTree()
        let b = HeapIndex(GraphFixtures.random(seed: 77, count: 3000)).dominatorTree()
        #expect(a.immediateDominators == b.immediateDominators && a.retainedSizes == b.retainedSizes)
    }
}
