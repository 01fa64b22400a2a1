import Foundation
import HeapGraph
import Reports
import TestSupport
import Testing

@Suite struct ChainTests {
    private func ids(_ numbers: [Int]) -> [ObjectID] { numbers.map { ObjectID($0) } }

    private func chain(_ result: ChainResult) -> ReferenceChain? {
        if case let .found(chain) = result { return chain }
        return nil
    }

    private func labels(_ chain: ReferenceChain?, _ index: HeapIndex) -> [String] {
        (chain?.edgeLabels ?? []).map { index.snapshot.strings[$0] }
    }

    /// module leakyapp → dict → Dispatcher → dict → list → Request, and a second module
    /// `other` whose dict refers to the same list: 3 references from the Request instead of 5.
    private let app = HeapIndex(
        GraphFixtures.make(
            nodes: [
                ("module", "leakyapp"), ("dict", "12 items"), ("Dispatcher", ""), ("dict", "3 items"),
                ("list", "2 items"), ("Request", "r1"), ("module", "other"), ("dict", "1 items"),
            ],
            edges: [
                (0, 1, "__dict__"), (1, 2, "dispatcher"), (2, 3, "__dict__"), (3, 4, "handlers"), (4, 5, "0"),
                (4, 5, "1"), (6, 7, "__dict__"), (7, 4, "shared"),
            ],
            roots: [(0, .module), (6, .module)],
            flags: [0: [.module], 6: [.module]]
        )
    )

    @Test func shortestChainFromTheNearestModule() {
        let found = chain(app.shortestChain(to: [ObjectID(5)], from: .module))
        #expect(found?.objects == ids([6, 7, 4, 5]))
        #expect(labels(found, app) == ["__dict__", "shared", "0"], "the first of two list slots names the link")
        #expect(found?.length == 3)
        #expect(found?.holder == ObjectID(6))
        #expect(found?.target == ObjectID(5))
    }

    /// A list holding three records, listed in the snapshot last first: the chain shows the
    /// list's lowest index, whichever record the backward search happened to reach first.
    @Test func aListOfTargetsIsShownByItsFirstIndex() {
        let index = HeapIndex(
            GraphFixtures.make(
                nodes: [
                    ("Record", "c"), ("Record", "b"), ("Record", "a"), ("module", "app"), ("dict", "1 items"),
                    ("list", "3 items"),
                ],
                edges: [(3, 4, "__dict__"), (4, 5, "records"), (5, 2, "0"), (5, 1, "1"), (5, 0, "2")],
                roots: [(3, .module)]
            )
        )
        let found = chain(index.shortestChain(to: ids([0, 1, 2]), from: .module))
        #expect(found?.objects == ids([3, 4, 5, 2]))
        #expect(labels(found, index) == ["__dict__", "records", "0"])
    }

    @Test func longChainWithKnownLabels() {
        let found = chain(app.shortestChain(to: [ObjectID(3)], from: .module))
        #expect(found?.objects == ids([0, 1, 2, 3]))
        #expect(labels(found, app) == ["__dict__", "dispatcher", "__dict__"])
    }

    @Test func describeWritesOneLinkPerLine() throws {
        let index = HeapIndex(
            GraphFixtures.make(
                nodes: [
                    ("module", "leakyapp"), ("dict", "12 items"), ("Dispatcher", ""), ("dict", "3 items"),
                    ("list", "2 items"), ("Request", "r1"), ("function", "handler"), ("tuple", "1 items"),
                ],
                edges: [
                    (0, 1, "__dict__"), (1, 2, "dispatcher"), (2, 3, "__dict__"), (3, 4, "handlers"), (4, 5, "0"),
                    (6, 7, "__defaults__"), (7, 5, "0"), (3, 6, "on get"),
                ],
                roots: [(0, .module)],
                flags: [6: .function]
            )
        )
        let found = try #require(chain(index.shortestChain(to: [ObjectID(5)], from: .module)))
        #expect(
            index.describe(found) == [
                "module leakyapp",
                "  .__dict__ → dict (12 items)",
                "  ['dispatcher'] → Dispatcher",
                "  .__dict__ → dict (3 items)",
                "  ['handlers'] → list (2 items)",
                "  [0] → Request (r1)",
            ]
        )
        let viaFunction = ReferenceChain(
            objects: ids([3, 6, 7, 5]),
            edgeLabels: [
                index.referrers(of: ObjectID(6))[0].label, index.referrers(of: ObjectID(7))[0].label,
                index.referrers(of: ObjectID(5))[1].label,
            ]
        )
        #expect(
            index.describe(viaFunction) == [
                "dict (3 items)", "  ['on get'] → function handler", "  .__defaults__ → tuple (1 items)",
                "  [0] → Request (r1)",
            ]
        )
    }

    @Test func reportForJSON() throws {
        let found = try #require(chain(app.shortestChain(to: [ObjectID(5)], from: .module)))
        let report = app.report(of: found)
        #expect(
            report.links == [
                ChainReport.Link(address: "0x1060", type: "module", label: "other", size: 112, edgeLabel: nil),
                ChainReport.Link(address: "0x1070", type: "dict", label: "1 items", size: 128, edgeLabel: "__dict__"),
                ChainReport.Link(address: "0x1040", type: "list", label: "2 items", size: 80, edgeLabel: "shared"),
                ChainReport.Link(address: "0x1050", type: "__main__.Request", label: "r1", size: 96, edgeLabel: "0"),
            ]
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(report.links[3]), as: UTF8.self)
        #expect(json == #"{"address":"0x1050","edgeLabel":"0","label":"r1","size":96,"type":"__main__.Request"}"#)
    }

    /// 0 Leak; 1 frame root → 0; 2 Cache → 3 list → 0; 4 module → 5 dict → 6 dict → 0;
    /// 7 flagged module not in sys.modules → 0.
    private let ends = HeapIndex(
        GraphFixtures.make(
            nodes: [
                ("Leak", ""), ("frame", "app.py:3"), ("Cache", ""), ("list", ""), ("module", "m"), ("dict", ""),
                ("dict", ""), ("module", "ghost"),
            ],
            edges: [
                (1, 0, "leak"), (2, 3, "items"), (3, 0, "0"), (4, 5, "__dict__"), (5, 6, "d"), (6, 0, "x"),
                (7, 0, "leak"),
            ],
            roots: [(1, .threadFrame), (4, .module)],
            flags: [7: .module]
        )
    )

    @Test func rootModuleAndTypeEnds() {
        #expect(chain(ends.shortestChain(to: [ObjectID(0)], from: .root))?.objects == ids([1, 0]))
        #expect(
            chain(ends.shortestChain(to: [ObjectID(0)], from: .module))?.objects == ids([4, 5, 6, 0]),
            "the module that is not in sys.modules does not count"
        )
        let cache = ends.snapshot.typeID(of: ObjectID(2))
        #expect(chain(ends.shortestChain(to: [ObjectID(0)], from: .type(cache)))?.objects == ids([2, 3, 0]))
        let dict = ends.snapshot.typeID(of: ObjectID(5))
        #expect(chain(ends.shortestChain(to: [ObjectID(0)], from: .types([cache, dict])))?.objects == ids([6, 0]))
    }

    @Test func aTargetThatIsItselfAnEndIsAOneObjectChain() {
        let found = chain(ends.shortestChain(to: [ObjectID(4)], from: .module))
        #expect(found == ReferenceChain(objects: [ObjectID(4)], edgeLabels: []))
        #expect(ends.describe(found ?? ReferenceChain(objects: [ObjectID(0)], edgeLabels: [])) == ["module m"])
    }

    @Test func nearestOfSeveralTargetsWins() {
        // 3 is held only by the Cache, which nothing holds; 6 is two references from module m.
        let found = chain(ends.shortestChain(to: ids([3, 6]), from: .module))
        #expect(found?.objects == ids([4, 5, 6]))
    }

    @Test func tiesGoToTheLowerNumberedReferrer() {
        let index = HeapIndex(
            GraphFixtures.make(
                nodes: [("Leak", ""), ("module", "b"), ("module", "a")],
                edges: [(2, 0, "from_a"), (1, 0, "from_b")],
                roots: [(2, .module), (1, .module)]
            )
        )
        let found = chain(index.shortestChain(to: [ObjectID(0)], from: .module))
        #expect(found?.objects == ids([1, 0]))
        #expect(labels(found, index) == ["from_b"])
    }

    @Test func unreachableWithHolders() {
        // A cycle 1 ⇄ 2 holds 0; nothing reaches the cycle. 2 refers to 0 twice.
        let index = HeapIndex(
            GraphFixtures.make(
                nodes: [("Leak", ""), ("A", ""), ("B", ""), ("module", "m")],
                edges: [(1, 2, "b"), (2, 1, "a"), (2, 0, "x"), (1, 0, "y"), (2, 0, "z")],
                roots: [(3, .module)]
            )
        )
        #expect(
            index.shortestChain(to: [ObjectID(0)], from: .module)
                == .unreachable(target: ObjectID(0), holders: ids([1, 2]))
        )
        #expect(
            index.describe(.unreachable(target: ObjectID(0), holders: ids([1, 2])), end: .module) == [
                "Leak at 0x1000 is not reachable from any module.",
                "Referred to by 2 objects: A, B.",
            ]
        )
    }

    @Test func unreachableWithoutHolders() {
        let index = HeapIndex(GraphFixtures.make(nodes: [("Leak", "x"), ("module", "m")], roots: [(1, .module)]))
        #expect(index.shortestChain(to: [ObjectID(0)], from: .root) == .unreachable(target: ObjectID(0), holders: []))
        #expect(
            index.describe(.unreachable(target: ObjectID(0), holders: []), end: .root).first
                == "Leak (x) at 0x1000 is not reachable from any root."
        )
    }

    @Test func chainSubgraphLooksLikeShowChain() throws {
        // module 0 → dict 1 → A 2 → B 3 (target); B refers back to A; another dict 4 refers to B.
        let index = HeapIndex(
            GraphFixtures.make(
                nodes: [("module", "m"), ("dict", ""), ("A", ""), ("B", ""), ("dict", "")],
                edges: [(0, 1, "__dict__"), (1, 2, "a"), (2, 3, "b"), (3, 2, "back"), (4, 3, "other"), (2, 3, "b2")],
                roots: [(0, .module)]
            )
        )
        let found = try #require(chain(index.shortestChain(to: [ObjectID(3)], from: .module)))
        let graph = index.subgraph(of: found)
        #expect(graph.direction == .referrers)
        #expect(graph.nodes == ids([3, 2, 1, 0]))
        #expect(graph.selected == ids([3]))
        #expect(graph.depth == [ObjectID(3): 0, ObjectID(2): 1, ObjectID(1): 2, ObjectID(0): 3])
        let drawn = graph.edges.map {
            "\($0.source.index)->\($0.target.index) \(index.snapshot.strings[$0.label]) \($0.highlighted)"
        }
        #expect(drawn == ["2->3 b true", "1->2 a true", "3->2 back false", "0->1 __dict__ true"])
    }

    @Test func tenMillionLongPathWithoutStackOverflow() {
        let count = 10_000_000
        let index = HeapIndex(GraphFixtures.path(count: count))
        guard case let .found(found) = index.shortestChain(to: [ObjectID(0)], from: .module) else {
            Issue.record("the far end is a module and must be found")
            return
        }
        #expect(found.objects.count == count)
        #expect(found.objects.first == ObjectID(count - 1))
        #expect(found.objects.last == ObjectID(0))
        #expect(found.objects[1] == ObjectID(count - 2))
        #expect(index.snapshot.strings[found.edgeLabels[count / 2]] == "next")
        let graph = index.backrefs(of: [ObjectID(0)], options: NeighbourhoodOptions(maxDepth: 5))
        #expect(graph.nodes == ids([0, 1, 2, 3, 4, 5]))
    }

    @Test func deterministic() {
        let a = HeapIndex(GraphFixtures.random(seed: 99, count: 3000))
        let b = HeapIndex(GraphFixtures.random(seed: 99, count: 3000))
        let targets = ids([5, 500, 2500])
        #expect(a.shortestChain(to: targets, from: .module) == b.shortestChain(to: targets, from: .module))
        #expect(a.shortestChain(to: targets, from: .root) == a.shortestChain(to: targets, from: .root))
    }
}
