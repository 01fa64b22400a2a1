import HeapGraph
import TestSupport
import Testing

@Suite struct HeapIndexTests {
    /// 0 module m, 1 dict, 2 list, 3 Foo, 4 Foo, 5 module-flagged object that is not in sys.modules.
    let index = HeapIndex(
        GraphFixtures.make(
            nodes: [
                ("module", "m"), ("dict", "2 items"), ("list", "3 items"), ("Foo", "a"), ("Foo", "b"),
                ("module", "ghost"),
            ],
            edges: [
                (0, 1, "__dict__"), (2, 3, "0"), (1, 3, "a"), (2, 3, "1"), (1, 2, "items"), (2, 4, "2"), (4, 3, "peer"),
            ],
            roots: [(0, .module), (4, .heldFromOutside), (2, .threadFrame)],
            flags: [5: .module]
        )
    )

    private func label(_ id: StringID) -> String { index.snapshot.strings[id] }

    @Test func referrersAreInSourceOrderWithDuplicatesNextToEachOther() {
        let referrers = Array(index.referrers(of: ObjectID(3))).map { ($0.object.index, label($0.label)) }
        #expect(referrers.map(\.0) == [1, 2, 2, 4])
        #expect(referrers.map(\.1) == ["a", "0", "1", "peer"])
        #expect(index.referrerCount(of: ObjectID(3)) == 4)
        #expect(index.distinctReferrers(of: ObjectID(3)) == [ObjectID(1), ObjectID(2), ObjectID(4)])
        #expect(index.referrers(of: ObjectID(0)).isEmpty)
    }

    @Test func referrerEdgePositionsPointBackAtTheForwardEdge() {
        for object in index.snapshot.objectIDs {
            for reference in index.referrers(of: object) {
                #expect(index.snapshot.edgeTargets[reference.edge] == object.rawValue)
                #expect(index.snapshot.edgeRange(of: reference.object).contains(reference.edge))
            }
        }
    }

    @Test func referentsKeepTheCaptureOrder() {
        #expect(Array(index.referents(of: ObjectID(2))).map(\.index) == [3, 3, 4])
        #expect(Array(index.references(from: ObjectID(1))).map { label($0.label) } == ["a", "items"])
        #expect(index.referentCount(of: ObjectID(2)) == 3)
        #expect(index.referentCount(of: ObjectID(5)) == 0)
    }

    @Test func objectsByType() {
        let foo = index.snapshot.typeID(of: ObjectID(3))
        #expect(index.objects(ofType: foo) == [ObjectID(3), ObjectID(4)])
        #expect(index.count(ofType: foo) == 2)
        let module = index.snapshot.typeID(of: ObjectID(0))
        #expect(index.objects(ofType: module) == [ObjectID(0), ObjectID(5)])
    }

    @Test func rootsAndModules() {
        #expect(index.rootObjects == [ObjectID(0), ObjectID(2), ObjectID(4)])
        #expect(index.isRoot(ObjectID(4)))
        #expect(index.isRoot(ObjectID(4), kind: .heldFromOutside))
        #expect(!index.isRoot(ObjectID(4), kind: .module))
        #expect(!index.isRoot(ObjectID(3)))
        #expect(index.isModule(ObjectID(0)))
        #expect(!index.isModule(ObjectID(5)), "a module not in sys.modules is not a proper module")
    }

    @Test func objectAtAddress() {
        #expect(index.object(atAddress: GraphFixtures.address(4)) == ObjectID(4))
        #expect(index.object(atAddress: 0xdead) == nil)
    }

    @Test func emptySnapshot() {
        let empty = HeapIndex(GraphFixtures.make(nodes: []))
        #expect(empty.objectCount == 0)
        #expect(empty.rootObjects.isEmpty)
    }
}
