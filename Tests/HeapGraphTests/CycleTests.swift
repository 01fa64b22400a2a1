import HeapGraph
import TestSupport
import Testing

/// Strongly connected components, shortest cycles and orphans on graphs with known answers,
/// seeded random graphs against pairwise reachability, and worst-case shapes.
@Suite struct CycleTests {
    private func ids(_ values: [Int]) -> [ObjectID] { values.map { ObjectID($0) } }

    /// The components as sorted member lists, ordered by smallest member.
    private func partition(_ components: StronglyConnectedComponents) -> [[Int]] {
        (0..<components.count).map { Array(components.members(of: $0)).map(\.index) }.sorted { $0[0] < $1[0] }
    }

    /// 0→1→2→0 (a triangle); 2→3; 3→3 (a self-loop); 3→4 (alone); 4→5; 5→6→5 and 5→7→6→5
    /// (nested cycles, one component {5,6,7}).
    private func knownGraph() -> HeapIndex {
        HeapIndex(
            GraphFixtures.make(
                nodes: [("A", ""), ("A", ""), ("B", ""), ("C", ""), ("D", ""), ("E", ""), ("E", ""), ("F", "")],
                edges: [
                    (0, 1, "a"), (1, 2, "b"), (2, 0, "c"), (2, 3, "d"), (3, 3, "self"), (3, 4, "e"), (4, 5, "f"),
                    (5, 6, "g"), (6, 5, "h"), (5, 7, "i"), (7, 6, "j"),
                ],
                roots: [(0, .heldFromOutside)]
            )
        )
    }

    @Test func knownComponentsSelfLoopsAndNestedCycles() {
        let index = knownGraph()
        let components = index.stronglyConnectedComponents()
        #expect(partition(components) == [[0, 1, 2], [3], [4], [5, 6, 7]])
        let cycle = { (object: Int) in components.isCycle[components.component(of: ObjectID(object))] }
        #expect(cycle(0) && cycle(3) && !cycle(4) && cycle(5))
        // Largest first; ties (3 objects each) by bytes (sizes are 16·(i+1)): {5,6,7} holds more.
        let listed = components.cycles(minSize: 1, in: index).map { Array(components.members(of: $0)).map(\.index) }
        #expect(listed == [[5, 6, 7], [0, 1, 2], [3]])
        #expect(components.cycles(minSize: 2, in: index).count == 2)
        let summary = index.summary(ofComponent: components.component(of: ObjectID(5)), in: components)
        #expect(summary.objectCount == 3 && summary.bytes == 96 + 112 + 128)
        #expect(summary.types.map { index.snapshot.types[$0.type.index].name } == ["E", "F"])
        #expect(summary.types.map(\.count) == [2, 1])
    }

    @Test func shortestCyclesThroughAnObject() throws {
        let index = knownGraph()
        let components = index.stronglyConnectedComponents()
        let triangle = try #require(index.shortestCycle(through: ObjectID(1), in: components))
        #expect(triangle.objects == ids([1, 2, 0, 1]))
        #expect(triangle.edgeLabels.map { index.snapshot.strings[$0] } == ["b", "c", "a"])
        let selfLoop = try #require(index.shortestCycle(through: ObjectID(3), in: components))
        #expect(selfLoop.objects == ids([3, 3]))
        // Through 7 the only cycle is 7→6→5→7; through 5 the shortest is 5→6→5.
        #expect(index.shortestCycle(through: ObjectID(7), in: components)?.objects == ids([7, 6, 5, 7]))
        #expect(index.shortestCycle(through: ObjectID(5), in: components)?.objects == ids([5, 6, 5]))
        #expect(index.shortestCycle(through: ObjectID(4), in: components) == nil)

        let graph = index.subgraph(
            ofCycle: try #require(index.shortestCycle(through: ObjectID(7), in: components)),
            in: components,
            maxNodes: 10
        )
        #expect(graph.nodes == ids([7, 6, 5]))
        let drawn = graph.edges.map { "\($0.source.index)->\($0.target.index) \($0.highlighted)" }
        #expect(drawn == ["7->6 true", "6->5 true", "5->6 false", "5->7 true"])
    }

    @Test func weakReferencesMakeNoCycleButTheirNamedReferencesDo() {
        // 1 is a weakref to 0 (an unlabelled reference) and 0 refers to 1: no cycle.
        // 3 is a weakref whose `.__callback__` (2) refers back to it: a cycle.
        let index = HeapIndex(
            GraphFixtures.make(
                nodes: [("A", ""), ("weakref", ""), ("function", "cb"), ("weakref", "")],
                edges: [(0, 1, "w"), (1, 0, ""), (3, 2, ".__callback__"), (2, 3, "w")],
                flags: [1: .weakReference, 3: .weakReference]
            )
        )
        let components = index.stronglyConnectedComponents()
        #expect(partition(components) == [[0], [1], [2, 3]])
        #expect(components.cycles(minSize: 1, in: index).count == 1)
    }

    @Test(arguments: [UInt64(3), 7, 11, 19, 23, 31]) func randomGraphsMatchPairwiseReachability(seed: UInt64) {
        var snapshot = GraphFixtures.random(seed: seed, count: 150, meanDegree: 1)
        // Some weak references, so the oracle and the index must agree on which edges count.
        for i in stride(from: 0, to: snapshot.objectCount, by: 13) {
            snapshot.flags[i] |= ObjectFlags.weakReference.rawValue
        }
        for edge in stride(from: 0, to: snapshot.edgeCount, by: 5) { snapshot.edgeLabels[edge] = 0 }
        let index = HeapIndex(snapshot)
        let components = index.stronglyConnectedComponents()
        #expect(partition(components) == GraphOracle.components(snapshot))
        let adjacency = GraphOracle.strongAdjacency(snapshot)
        for c in 0..<components.count {
            let members = Array(components.members(of: c)).map(\.index)
            let expected = members.count > 1 || adjacency[members[0]].contains(members[0])
            #expect(components.isCycle[c] == expected)
            guard expected else { continue }
            let cycle = index.shortestCycle(through: ObjectID(members[0]), in: components)
            #expect(cycle?.objects.first == cycle?.objects.last)
            #expect(
                cycle.map { GraphOracle.isChain(snapshot, objects: $0.objects.map(\.index), labels: $0.edgeLabels) }
                    == true
            )
        }
    }

    @Test func tenMillionLongChainAndAMillionObjectCycleDoNotOverflow() {
        let chain = HeapIndex(GraphFixtures.path(count: 10_000_000))
        let chainComponents = chain.stronglyConnectedComponents()
        #expect(chainComponents.count == 10_000_000)
        #expect(chainComponents.cycles(minSize: 1, in: chain).isEmpty)

        let ring = HeapIndex(GraphFixtures.ring(count: 1_000_000))
        let ringComponents = ring.stronglyConnectedComponents()
        #expect(ringComponents.count == 1 && ringComponents.size(of: 0) == 1_000_000)
        let cycle = ring.shortestCycle(through: ObjectID(500_000), in: ringComponents)
        #expect(cycle?.length == 1_000_000)
        #expect(cycle?.objects[1] == ObjectID(500_001))
    }

    @Test func orphansAreUnreferencedObjectsSomethingStillHolds() {
        // 0 is held by nobody with refcount 1: an orphan. 1 refers to itself only, refcount 2:
        // an orphan (one reference unexplained). 2 refers to itself, refcount 1: explained, not
        // an orphan. 3 is referred to by 0. 4 is referred to only by a weak reference (5): an orphan.
        var snapshot = GraphFixtures.make(
            nodes: [("A", ""), ("A", ""), ("A", ""), ("B", ""), ("C", ""), ("weakref", "")],
            edges: [(0, 3, "x"), (1, 1, "me"), (2, 2, "me"), (5, 4, "")],
            flags: [5: .weakReference]
        )
        snapshot.refcounts = [1, 2, 1, 1, 1, 0]
        #expect(HeapIndex(snapshot).orphans() == ids([0, 1, 4]))
    }

    @Test func deterministic() {
        let a = HeapIndex(GraphFixtures.random(seed: 5, count: 2000))
        let b = HeapIndex(GraphFixtures.random(seed: 5, count: 2000))
        #expect(a.stronglyConnectedComponents().componentOf == b.stronglyConnectedComponents().componentOf)
    }
}
