import HeapGraph
import TestSupport
import Testing

/// A snapshot may record any size up to 2^64 - 1: totals stop at `UInt64.max` instead of
/// wrapping around to small numbers, and changes clamp to `Int64`.
@Suite struct SaturatingTotalsTests {
    /// A module holding a list holding two objects of 2^63 bytes each (type `Huge`) and one of 8.
    func heap(hugeSize: UInt64 = 1 << 63) -> Snapshot {
        var snapshot = GraphFixtures.make(
            nodes: [("module", "m"), ("list", "3 items"), ("Huge", ""), ("Huge", ""), ("int", "1")],
            edges: [(0, 1, ".x"), (1, 2, "[0]"), (1, 3, "[1]"), (1, 4, "[2]")],
            roots: [(0, .module)]
        )
        snapshot.sizes[2] = hugeSize
        snapshot.sizes[3] = hugeSize
        snapshot.sizes[4] = 8
        return snapshot
    }

    @Test func shallowTotalsStopAtTheLargestValue() {
        let snapshot = heap()
        #expect(snapshot.totalSize == .max)
        let census = TypeCensus(snapshot)
        #expect(census.totalBytes == .max)
        #expect(census.rows.first { $0.displayName == "Huge" }?.bytes == .max)
    }

    @Test func retainedSizesStopAtTheLargestValue() {
        let index = HeapIndex(heap())
        let tree = index.dominatorTree()
        #expect(tree.totalBytes == .max)
        #expect(tree.retainedSize(of: ObjectID(1)) == .max)
        #expect(tree.retainedSize(of: ObjectID(2)) == 1 << 63)
        #expect(index.retainedSize(ofSet: [ObjectID(2), ObjectID(3)], in: tree) == .max)
        #expect(index.retainedSize(ofSet: [ObjectID(4)], in: tree) == 8)
        let rows = index.retentionByType(in: tree)
        #expect(rows.first?.retainedBytes == .max)
    }

    @Test func growthClampsTheChange() {
        let diff = SnapshotDiff(old: heap(hugeSize: 0), new: heap())
        let huge = diff.rows.first { $0.oldBytes == 0 && $0.newBytes == .max }
        #expect(huge?.bytesChange == .max)
        let back = SnapshotDiff(old: heap(), new: heap(hugeSize: 0))
        #expect(back.rows.contains { $0.bytesChange == -.max })
    }
}
