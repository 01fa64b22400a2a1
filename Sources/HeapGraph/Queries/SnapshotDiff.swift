/// What changed between two snapshots of one process: per type, the count and bytes before
/// and after (objgraph's `show_growth`), and the objects that are new (objgraph's
/// `get_new_ids`).
///
/// Types are matched across the two snapshots by module and `__qualname__` (each snapshot
/// has its own type table); two types of one snapshot with the same module and name (a class
/// defined twice) are counted as one. An object of the new snapshot is *new* unless the old
/// snapshot holds an object at the same address with the same type: an address the
/// allocator reused for an object of another type is a new object.
public struct SnapshotDiff: Sendable {
    /// One type's totals in both snapshots.
    public struct TypeRow: Sendable, Equatable {
        public var module: String
        public var name: String
        /// The short name unless two types of either snapshot share it (as `Snapshot.displayNames()`).
        public var displayName: String
        public var oldCount: Int
        public var newCount: Int
        /// Sums of shallow sizes.
        public var oldBytes: UInt64
        public var newBytes: UInt64
        /// The positions in `SnapshotDiff.newObjects` of this type's new objects.
        public var newObjectRange: Range<Int>
        /// The sum of the shallow sizes of this type's new objects.
        public var newObjectBytes: UInt64

        /// `newCount - oldCount`.
        public var countChange: Int { newCount - oldCount }
        /// `newBytes - oldBytes`.
        public var bytesChange: Int64 { newBytes.clampedDifference(from: oldBytes) }
        /// The number of this type's new objects.
        public var newObjectCount: Int { newObjectRange.count }
        /// Whether the type grew in count or in bytes.
        public var grew: Bool { countChange > 0 || bytesChange > 0 }
    }

    /// Every type with objects in either snapshot, sorted by growth: count change descending,
    /// then bytes change descending, then display name, module and name, so output is
    /// deterministic.
    public var rows: [TypeRow]
    /// The new objects (ids of the new snapshot), grouped by type in the order of `rows`,
    /// ascending within a type.
    public var newObjects: [ObjectID]
    /// Object counts and total shallow bytes of the whole snapshots.
    public var oldTotalCount: Int
    public var newTotalCount: Int
    public var oldTotalBytes: UInt64
    public var newTotalBytes: UInt64
    /// The sum of the shallow sizes of the new objects.
    public var newObjectBytes: UInt64

    /// The rows of types that grew in count or in bytes, in `rows` order.
    public var growing: [TypeRow] { rows.filter(\.grew) }

    /// Compares `old` with `new`.
    ///
    /// - Complexity: O(n log n) for n objects of both snapshots (one sort of each by
    ///   address), plus O(types) dictionary work.
    public init(old: Snapshot, new: Snapshot) {
        var numbering = TypeNameNumbering()
        let oldKeys = numbering.objectNumbers(old)
        let newKeys = numbering.objectNumbers(new)
        let infos = numbering.names.map { TypeInfo(module: $0.module, name: $0.name) }
        let keyCount = infos.count

        var oldCounts = [Int](repeating: 0, count: keyCount)
        var newCounts = oldCounts
        var oldBytes = [UInt64](repeating: 0, count: keyCount)
        var newBytes = oldBytes
        for (i, key) in oldKeys.enumerated() {
            oldCounts[Int(key)] += 1
            oldBytes[Int(key)].addSaturating(old.sizes[i])
        }
        for (i, key) in newKeys.enumerated() {
            newCounts[Int(key)] += 1
            newBytes[Int(key)].addSaturating(new.sizes[i])
        }

        let isNew = Self.newObjectMarks(old: old, oldKeys: oldKeys, new: new, newKeys: newKeys)
        var newObjectCounts = [Int](repeating: 0, count: keyCount)
        var newObjectBytes = [UInt64](repeating: 0, count: keyCount)
        var totalNewBytes: UInt64 = 0
        for i in 0..<new.objectCount where isNew[i] {
            newObjectCounts[Int(newKeys[i])] += 1
            newObjectBytes[Int(newKeys[i])].addSaturating(new.sizes[i])
            totalNewBytes.addSaturating(new.sizes[i])
        }

        let names = TypeInfo.displayNames(of: infos)
        var order = (0..<keyCount).filter { oldCounts[$0] > 0 || newCounts[$0] > 0 }
        func change(_ k: Int) -> (count: Int, bytes: Int64) {
            (newCounts[k] - oldCounts[k], newBytes[k].clampedDifference(from: oldBytes[k]))
        }
        order.sort { a, b in
            let (ca, cb) = (change(a), change(b))
            if ca.count != cb.count { return ca.count > cb.count }
            if ca.bytes != cb.bytes { return ca.bytes > cb.bytes }
            return (names[a], infos[a].module, infos[a].name) < (names[b], infos[b].module, infos[b].name)
        }

        var start = [Int](repeating: 0, count: keyCount)
        var rows: [TypeRow] = []
        rows.reserveCapacity(order.count)
        var position = 0
        for k in order {
            start[k] = position
            rows.append(
                TypeRow(
                    module: infos[k].module,
                    name: infos[k].name,
                    displayName: names[k],
                    oldCount: oldCounts[k],
                    newCount: newCounts[k],
                    oldBytes: oldBytes[k],
                    newBytes: newBytes[k],
                    newObjectRange: position..<(position + newObjectCounts[k]),
                    newObjectBytes: newObjectBytes[k]
                )
            )
            position += newObjectCounts[k]
        }
        var grouped = [ObjectID](repeating: ObjectID(rawValue: 0), count: position)
        for i in 0..<new.objectCount where isNew[i] {
            let k = Int(newKeys[i])
            grouped[start[k]] = ObjectID(i)
            start[k] += 1
        }

        self.rows = rows
        self.newObjects = grouped
        self.oldTotalCount = old.objectCount
        self.newTotalCount = new.objectCount
        self.oldTotalBytes = old.totalSize
        self.newTotalBytes = new.totalSize
        self.newObjectBytes = totalNewBytes
    }

    /// The new objects of one row.
    public func newObjects(of row: TypeRow) -> ArraySlice<ObjectID> { newObjects[row.newObjectRange] }

    /// For each object of `new`: true unless `old` holds an object at the same address with
    /// the same type key.
    private static func newObjectMarks(old: Snapshot, oldKeys: [UInt32], new: Snapshot, newKeys: [UInt32]) -> [Bool] {
        ObjectCorrespondence.sameAddress(old.addresses, oldKeys, new.addresses, newKeys).map {
            $0 == ObjectCorrespondence.none
        }
    }
}
