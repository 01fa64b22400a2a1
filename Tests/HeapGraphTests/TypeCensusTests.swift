import HeapGraph
import TestSupport
import Testing

@Suite struct TypeCensusTests {
    typealias Row = TypeCensus.Row

    @Test func displayNamesQualifyOnlySharedShortNames() {
        #expect(
            SampleSnapshots.censusHeap().displayNames() == ["dict", "a.Node", "b.Node", "str", "tuple", "list", "int"]
        )
    }

    @Test func rowsByCountBreakTiesByNameThenType() {
        let census = TypeCensus(SampleSnapshots.censusHeap())
        #expect(
            census.rows == [
                Row(type: TypeID(3), displayName: "str", count: 4, bytes: 1000),
                Row(type: TypeID(0), displayName: "dict", count: 3, bytes: 600),
                Row(type: TypeID(1), displayName: "a.Node", count: 2, bytes: 96),
                Row(type: TypeID(2), displayName: "b.Node", count: 2, bytes: 112),
                Row(type: TypeID(6), displayName: "int", count: 2, bytes: 56),
                Row(type: TypeID(5), displayName: "list", count: 1, bytes: 5000),
            ]
        )
        #expect(census.totalCount == 14)
        #expect(census.totalBytes == 6864)
    }

    @Test func rowsByBytes() {
        let census = TypeCensus(SampleSnapshots.censusHeap(), order: .bytes)
        #expect(census.rows.map(\.displayName) == ["list", "str", "dict", "b.Node", "a.Node", "int"])
        #expect(census.rows.map(\.bytes) == [5000, 1000, 600, 112, 96, 56])
        #expect(census.totalCount == 14)
        #expect(census.totalBytes == 6864)
    }

    /// Distinct classes with one module and qualified name are one row, not rows that look
    /// the same; their type ids in table order.
    @Test func typesWithTheSameQualifiedNameAreOneRow() {
        var b = SnapshotBuilder(metadata: SampleSnapshots.documentExample().metadata)
        let second = b.type(module: "m", name: "C", object: ObjectID(0))
        let first = b.type(module: "m", name: "C")
        b.addObject(address: 1, type: first, size: 10)
        b.addObject(address: 2, type: second, size: 10)
        let snapshot = b.build()
        #expect(snapshot.displayNames() == ["m.C", "m.C"])
        for order in [TypeCensus.Order.count, .bytes] {
            #expect(
                TypeCensus(snapshot, order: order).rows == [
                    Row(type: TypeID(0), displayName: "m.C", count: 2, bytes: 20, types: [TypeID(0), TypeID(1)])
                ]
            )
        }
    }

    @Test func emptySnapshotHasNoRows() {
        let census = TypeCensus(SnapshotBuilder(metadata: SampleSnapshots.documentExample().metadata).build())
        #expect(census.rows.isEmpty)
        #expect(census.totalCount == 0 && census.totalBytes == 0)
    }

    @Test func censusMatchesABruteForceCountOnRandomHeaps() {
        for seed in UInt64(1)...10 {
            let snapshot = SampleSnapshots.random(seed: seed, objectCount: 500, edgeCount: 0)
            let census = TypeCensus(snapshot)
            let names = snapshot.displayNames()
            var expected: [Row] = []
            for (index, _) in snapshot.types.enumerated() {
                let members = snapshot.objectIDs.filter { snapshot.typeID(of: $0) == TypeID(index) }
                guard !members.isEmpty else { continue }
                expected.append(
                    Row(
                        type: TypeID(index),
                        displayName: names[index],
                        count: members.count,
                        bytes: members.reduce(0) { $0 + snapshot.size(of: $1) }
                    )
                )
            }
            expected.sort { a, b in
                a.count != b.count
                    ? a.count > b.count
                    : a.displayName != b.displayName ? a.displayName < b.displayName : a.type < b.type
            }
            #expect(census.rows == expected)
            #expect(census.totalBytes == snapshot.totalSize)
        }
    }
}
