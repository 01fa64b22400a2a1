import HeapGraph
import TestSupport
import Testing

/// `SnapshotDiff` on hand-built pairs with known answers and on seeded random pairs against
/// a brute-force comparison.
@Suite struct SnapshotDiffTests {
    private func snapshot(pid: Int32 = 1, _ objects: [(address: UInt64, type: String, size: UInt64)]) -> Snapshot {
        var metadata = GraphFixtures.metadata
        metadata.pid = pid
        var builder = SnapshotBuilder(metadata: metadata)
        for object in objects {
            let module = ["str", "list"].contains(object.type) ? "builtins" : "app"
            let type = builder.type(module: module, name: object.type)
            builder.addObject(address: object.address, type: type, size: object.size)
        }
        return builder.build()
    }

    @Test func knownPair() {
        let old = snapshot([(0x10, "Foo", 48), (0x20, "Bar", 32), (0x30, "str", 60), (0x40, "list", 56)])
        // 0x10 is the same Foo; 0x20 now holds a Baz (a reused address: new); two new Foos;
        // the list at 0x40 grew; the str is unchanged.
        let new = snapshot([
            (0x50, "Foo", 48), (0x10, "Foo", 48), (0x20, "Baz", 32), (0x30, "str", 60),
            (0x60, "Foo", 48), (0x40, "list", 120),
        ])
        let diff = SnapshotDiff(old: old, new: new)
        #expect(diff.rows.map(\.name) == ["Foo", "Baz", "list", "str", "Bar"])
        let foo = diff.rows[0]
        #expect((foo.oldCount, foo.newCount, foo.countChange, foo.oldBytes, foo.newBytes) == (1, 3, 2, 48, 144))
        #expect(diff.newObjects(of: foo).map(\.index) == [0, 4])
        #expect(diff.newObjects(of: diff.rows[1]).map(\.index) == [2])
        #expect(diff.rows[2].countChange == 0 && diff.rows[2].bytesChange == 64 && diff.rows[2].newObjectCount == 0)
        #expect(diff.rows[4].countChange == -1 && diff.rows[4].bytesChange == -32)
        #expect(diff.growing.map(\.name) == ["Foo", "Baz", "list"])
        #expect(diff.newObjects.map(\.index) == [0, 4, 2])
        #expect(diff.newObjectBytes == 128)
        #expect((diff.oldTotalCount, diff.newTotalCount, diff.oldTotalBytes, diff.newTotalBytes) == (4, 6, 196, 356))
    }

    @Test func typesAreMatchedByModuleAndNameNotByTableOrder() {
        var a = SnapshotBuilder(metadata: GraphFixtures.metadata)
        let aX = a.type(module: "m", name: "X")
        let aY = a.type(module: "n", name: "X")
        a.addObject(address: 1, type: aX, size: 8)
        a.addObject(address: 2, type: aY, size: 8)
        var b = SnapshotBuilder(metadata: GraphFixtures.metadata)
        let bY = b.type(module: "n", name: "X")
        let bX = b.type(module: "m", name: "X")
        b.addObject(address: 1, type: bX, size: 8)
        b.addObject(address: 2, type: bX, size: 8)
        b.addObject(address: 3, type: bY, size: 8)
        let diff = SnapshotDiff(old: a.build(), new: b.build())
        // Object 1 at address 2 changed type (n.X → m.X): new. Same short name: qualified names shown.
        #expect(diff.newObjects.map(\.index).sorted() == [1, 2])
        #expect(diff.rows.map(\.displayName) == ["m.X", "n.X"])
        #expect(diff.rows.map(\.countChange) == [1, 0])
    }

    @Test func randomPairsAgreeWithBruteForce() {
        for seed in UInt64(1)...20 {
            var rng = SplitMix64(seed: seed)
            let names = ["A", "B", "C", "str"]
            var oldObjects: [(address: UInt64, type: String, size: UInt64)] = []
            for _ in 0..<Int(rng.next(below: 300)) {
                oldObjects.append(
                    (0x1000 + rng.next(below: 400) * 16, names[Int(rng.next(below: 4))], 16 + rng.next(below: 100))
                )
            }
            var newObjects: [(address: UInt64, type: String, size: UInt64)] = []
            for object in oldObjects where rng.next(below: 4) != 0 {
                newObjects.append(
                    rng.next(below: 5) == 0 ? (object.address, names[Int(rng.next(below: 4))], object.size) : object
                )
            }
            for _ in 0..<Int(rng.next(below: 200)) {
                newObjects.append(
                    (0x1000 + rng.next(below: 600) * 16, names[Int(rng.next(below: 4))], 16 + rng.next(below: 100))
                )
            }
            newObjects.shuffle(using: &rng)
            let diff = SnapshotDiff(old: snapshot(oldObjects), new: snapshot(newObjects))

            let oldKeys = Set(oldObjects.map { "\($0.address) \($0.type)" })
            let expectedNew = newObjects.indices.filter {
                !oldKeys.contains("\(newObjects[$0].address) \(newObjects[$0].type)")
            }
            #expect(diff.newObjects.map(\.index).sorted() == expectedNew, "seed \(seed)")
            for row in diff.rows {
                let oldCount = oldObjects.filter { $0.type == row.name }.count
                let newCount = newObjects.filter { $0.type == row.name }.count
                #expect((row.oldCount, row.newCount) == (oldCount, newCount), "seed \(seed) type \(row.name)")
                #expect(diff.newObjects(of: row).allSatisfy { newObjects[$0.index].type == row.name })
            }
            #expect(diff.rows.map(\.countChange) == diff.rows.map(\.countChange).sorted(by: >))
        }
    }

    @Test func processesAreToldApartByPidExecutableAndArguments() {
        var a = GraphFixtures.metadata
        a.executable = "/usr/bin/python3"
        a.argv = ["app.py"]
        var b = a
        #expect(a.processDifference(from: b) == nil)
        b.pid = 2
        #expect(a.processDifference(from: b) == "taken in different processes (pid 1 and pid 2)")
        b = a
        b.argv = ["other.py"]
        #expect(a.processDifference(from: b) != nil)
        b.argv = nil
        #expect(a.processDifference(from: b) == nil)
    }
}
