import HeapGraph
import TestSupport
import Testing

@Suite struct BackrefsTests {
    private func edges(_ graph: Subgraph, _ index: HeapIndex) -> [String] {
        graph.edges.map { "\($0.source.index)->\($0.target.index) \(index.snapshot.strings[$0.label])" }
    }

    private func ids(_ numbers: [Int]) -> [ObjectID] { numbers.map { ObjectID($0) } }

    /// A path 0 ← 1 ← 2 ← 3 ← 4 ← 5 of plain objects.
    private let path = HeapIndex(
        GraphFixtures.make(
            nodes: (0..<6).map { ("Node", "n\($0)") },
            edges: (1..<6).map { ($0, $0 - 1, "prev") }
        )
    )

    @Test func depthLimit() {
        let graph = path.backrefs(of: [ObjectID(0)], options: NeighbourhoodOptions(maxDepth: 3))
        #expect(graph.direction == .referrers)
        #expect(graph.nodes == ids([0, 1, 2, 3]), "the node at depth 4 is not drawn with maxDepth 3")
        #expect(graph.depth == [ObjectID(0): 0, ObjectID(1): 1, ObjectID(2): 2, ObjectID(3): 3])
        #expect(edges(graph, path) == ["1->0 prev", "2->1 prev", "3->2 prev"])
        #expect(graph.selected == ids([0]))
        #expect(graph.cut.isEmpty)
    }

    @Test func depthZeroDrawsOnlyTheSelection() {
        let graph = path.backrefs(of: [ObjectID(2)], options: NeighbourhoodOptions(maxDepth: 0))
        #expect(graph.nodes == ids([2]))
        #expect(graph.edges.isEmpty)
    }

    /// A module's dict held by twelve functions' `__globals__` and by its module, listed last:
    /// the cut keeps the module, the answer to "who keeps this alive".
    @Test func aCutKeepsTheModulesAmongTheReferrers() {
        var edgeList: [(from: Int, to: Int, label: String)] = (1...12).map { ($0, 0, "__globals__") }
        edgeList.append((13, 0, "__dict__"))
        let index = HeapIndex(
            GraphFixtures.make(
                nodes: [("dict", "14 items")] + (1...12).map { ("function", "f\($0)") } + [("module", "app")],
                edges: edgeList,
                roots: [(13, .module)]
            )
        )
        let graph = index.backrefs(of: [ObjectID(0)], options: NeighbourhoodOptions(maxDepth: 1, tooMany: 10))
        #expect(graph.nodes == ids([0, 13] + Array(1...9)))
        #expect(graph.cut == [ObjectID(0): 3])
    }

    @Test func tooManyCutsWithExactCounts() {
        // 0 is referred to by 1...25; 1 by 26...29 (4 of them, under the limit).
        var edgeList: [(from: Int, to: Int, label: String)] = (1...25).map { ($0, 0, "r\($0)") }
        edgeList += (26...29).map { ($0, 1, "s\($0)") }
        let index = HeapIndex(GraphFixtures.make(nodes: (0...29).map { ("Obj", "\($0)") }, edges: edgeList))
        let graph = index.backrefs(of: [ObjectID(0)], options: NeighbourhoodOptions(maxDepth: 2, tooMany: 10))
        #expect(graph.nodes == ids([0] + Array(1...10) + Array(26...29)))
        #expect(graph.cut == [ObjectID(0): 15])
        #expect(graph.edges.count == 14)
        #expect(edges(graph, index).first == "1->0 r1")
        #expect(edges(graph, index).last == "29->1 s29")
    }

    @Test func aCutReferrerCanStillComeInAnotherWay() {
        // 0 ← 1, 0 ← 2, 1 ← 2: with tooMany 1, node 0 draws 1 and cuts 2; node 1 then draws 2.
        let index = HeapIndex(
            GraphFixtures.make(
                nodes: [("A", ""), ("B", ""), ("C", "")],
                edges: [(1, 0, "x"), (2, 0, "y"), (2, 1, "z")]
            )
        )
        let graph = index.backrefs(of: [ObjectID(0)], options: NeighbourhoodOptions(maxDepth: 3, tooMany: 1))
        #expect(graph.nodes == ids([0, 1, 2]))
        #expect(edges(graph, index) == ["1->0 x", "2->1 z"])
        #expect(graph.cut == [ObjectID(0): 1])
    }

    @Test func filteredTypesAreLeftOutAndNotCounted() {
        // 0 ← 1 (frame), 0 ← 2 (Holder), 0 ← 3 (frame), 0 ← 4 (Holder); 2 ← 5 (frame).
        let index = HeapIndex(
            GraphFixtures.make(
                nodes: [("Leak", ""), ("frame", ""), ("Holder", ""), ("frame", ""), ("Holder", ""), ("frame", "")],
                edges: [(1, 0, "a"), (2, 0, "b"), (3, 0, "c"), (4, 0, "d"), (5, 2, "e")]
            )
        )
        let frame = index.snapshot.typeID(of: ObjectID(1))
        let graph = index.backrefs(
            of: [ObjectID(0)],
            options: NeighbourhoodOptions(maxDepth: 3, tooMany: 1, filterTypes: [frame])
        )
        #expect(graph.nodes == ids([0, 2]))
        #expect(edges(graph, index) == ["2->0 b"])
        #expect(graph.cut == [ObjectID(0): 1], "only the other Holder is cut; frames are not counted")
    }

    @Test func aSelectedObjectOfAFilteredTypeIsKept() {
        let index = HeapIndex(GraphFixtures.make(nodes: [("frame", ""), ("dict", "")], edges: [(1, 0, "f")]))
        let graph = index.backrefs(
            of: [ObjectID(0)],
            options: NeighbourhoodOptions(filterTypes: [index.snapshot.typeID(of: ObjectID(0))])
        )
        #expect(graph.nodes == ids([0, 1]))
    }

    /// 0 module app (in sys.modules), 1 its dict, 2 Leak, 3 sys.modules dict, 4 module app2 flagged but not a root.
    private let modules = HeapIndex(
        GraphFixtures.make(
            nodes: [
                ("module", "app"), ("dict", "1 items"), ("Leak", ""), ("dict", "2 items"), ("module", "app2"),
                ("dict", ""),
            ],
            edges: [
                (0, 1, "__dict__"), (1, 2, "leak"), (3, 0, "app"), (4, 5, "__dict__"), (5, 2, "leak2"), (3, 4, "app2"),
            ],
            roots: [(0, .module)],
            flags: [4: .module]
        )
    )

    @Test func modulesAreNotExpanded() {
        let graph = modules.backrefs(of: [ObjectID(2)], options: NeighbourhoodOptions(maxDepth: 5))
        #expect(graph.nodes == ids([2, 1, 5, 0, 4, 3]), "app2 is not in sys.modules, so it is expanded")
        #expect(edges(graph, modules) == ["1->2 leak", "5->2 leak2", "0->1 __dict__", "4->5 __dict__", "3->4 app2"])
        let through = modules.backrefs(
            of: [ObjectID(2)],
            options: NeighbourhoodOptions(maxDepth: 5, stopAtModules: false)
        )
        #expect(edges(through, modules).contains("3->0 app"))
    }

    @Test func aSelectedModuleIsNotExpandedEither() {
        let graph = modules.backrefs(of: [ObjectID(0)])
        #expect(graph.nodes == ids([0]))
    }

    @Test func duplicateEdgesAreDrawnOnceWithTheFirstLabel() {
        let index = HeapIndex(
            GraphFixtures.make(
                nodes: [("Item", ""), ("list", "3 items"), ("dict", "")],
                edges: [(1, 0, "0"), (2, 0, "k"), (1, 0, "2"), (1, 2, "1")]
            )
        )
        let graph = index.backrefs(of: [ObjectID(0)], options: NeighbourhoodOptions(tooMany: 1))
        #expect(edges(graph, index) == ["1->0 0"])
        #expect(graph.cut == [ObjectID(0): 1], "the list counts once, so only the dict is cut")
        let wide = index.backrefs(of: [ObjectID(0)])
        #expect(edges(wide, index) == ["1->0 0", "2->0 k", "1->2 1"])
    }

    @Test func cyclesDrawEdgesToNodesAlreadyInTheGraph() {
        let index = HeapIndex(
            GraphFixtures.make(
                nodes: [("A", ""), ("B", "")],
                edges: [(0, 1, "b"), (1, 0, "a"), (0, 0, "me")]
            )
        )
        let graph = index.backrefs(of: [ObjectID(0)])
        #expect(graph.nodes == ids([0, 1]))
        #expect(edges(graph, index) == ["0->0 me", "1->0 a", "0->1 b"])
    }

    @Test func selectionIsDeduplicatedAndSeveralObjectsStartTogether() {
        let graph = path.backrefs(of: ids([3, 0, 3]), options: NeighbourhoodOptions(maxDepth: 1))
        #expect(graph.selected == ids([3, 0]))
        #expect(graph.nodes == ids([3, 0, 4, 1]))
        #expect(graph.depth[ObjectID(4)] == 1)
    }

    @Test func refsFollowReferentsAndExpandModules() {
        let graph = modules.refs(of: [ObjectID(3)], options: NeighbourhoodOptions(maxDepth: 2))
        #expect(graph.direction == .referents)
        #expect(graph.nodes == ids([3, 0, 4, 1, 5]))
        #expect(edges(graph, modules) == ["3->0 app", "3->4 app2", "0->1 __dict__", "4->5 __dict__"])
    }

    @Test func refsDrawADuplicateReferentOnce() {
        let index = HeapIndex(
            GraphFixtures.make(
                nodes: [("list", "4 items"), ("A", ""), ("B", "")],
                edges: [(0, 1, "[0]"), (0, 2, "[1]"), (0, 1, "[2]"), (0, 2, "[3]")]
            )
        )
        let graph = index.refs(of: [ObjectID(0)], options: NeighbourhoodOptions(tooMany: 1))
        #expect(edges(graph, index) == ["0->1 [0]"])
        #expect(graph.cut == [ObjectID(0): 1])
    }

    @Test func starWithAMillionReferrers() {
        let index = HeapIndex(GraphFixtures.star(referrers: 1_000_000))
        let graph = index.backrefs(of: [ObjectID(0)], options: NeighbourhoodOptions(maxDepth: 3, tooMany: 10))
        #expect(graph.nodes == ids(Array(0...10)))
        #expect(graph.cut == [ObjectID(0): 999_990])
        #expect(graph.edges.count == 10)
    }

    @Test func deterministic() {
        let index = HeapIndex(GraphFixtures.random(seed: 7, count: 2000))
        let options = NeighbourhoodOptions(maxDepth: 4, tooMany: 5)
        let first = index.backrefs(of: ids([10, 20]), options: options)
        let second = HeapIndex(GraphFixtures.random(seed: 7, count: 2000)).backrefs(
            of: ids([10, 20]),
            options: options
        )
        #expect(first == second)
        #expect(first.nodes.count > 2)
        #expect(index.refs(of: ids([10]), options: options) == index.refs(of: ids([10]), options: options))
    }
}
