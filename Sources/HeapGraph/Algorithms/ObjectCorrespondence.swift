/// Which objects of a later snapshot of one process are the same objects as in an earlier one.
///
/// An address says little by itself: the allocator hands a freed object's memory to the next
/// object of the same size, often of the same type (a tuple where a tuple was). Two objects
/// are taken to be the same only when they have the same address and type *and* the
/// snapshots' evidence agrees:
/// - **unchanged**: the same shallow size, label and referents (by address, in order); or
/// - **held the same way**: some object refers to it under the same reference name in both
///   snapshots, from the same address and type (a list that grew is still `Profiler.results`:
///   the class dict at the same address refers to it as `'results'` in both); or
/// - **held from outside both times**: nothing recorded refers to it in either snapshot (it is
///   held from C), so there is no evidence against it.
/// A new tuple at the address of an unrelated old tuple fails all three: its items differ
/// and the old tuple's holders did not hold it under the same name.
public struct ObjectCorrespondence: Sendable {
    /// Stands for "no earlier object" in `earlierObject`.
    public static let none = UInt32.max

    /// For each object of the later snapshot, the same object in the earlier one, or `none`.
    public let earlierObject: [UInt32]

    /// Matches the objects of `later` with those of `earlier`.
    ///
    /// - Complexity: O(n log n) for the address sort of both snapshots, plus O(e) to weigh
    ///   the evidence: each pair of candidates compares its referents, then at most its
    ///   referrers in both snapshots.
    public init(earlier: HeapIndex, later: HeapIndex) {
        let candidates = Self.sameAddressAndType(earlier.snapshot, later.snapshot)
        var matched = [UInt32](repeating: Self.none, count: later.snapshot.objectCount)
        for object in 0..<candidates.count {
            let old = candidates[object]
            if old == Self.none { continue }
            if Self.unchanged(Int(old), object, earlier.snapshot, later.snapshot)
                || Self.heldTheSameWay(Int(old), object, earlier, later, candidates)
            {
                matched[object] = old
            }
        }
        self.earlierObject = matched
    }

    /// Whether `object` of the later snapshot is the same as an object of the earlier one.
    public func isOld(_ object: ObjectID) -> Bool { earlierObject[object.index] != Self.none }

    /// The same object in the earlier snapshot, or nil.
    public func earlier(_ object: ObjectID) -> ObjectID? {
        let old = earlierObject[object.index]
        return old == Self.none ? nil : ObjectID(rawValue: old)
    }

    private static func unchanged(_ old: Int, _ new: Int, _ earlier: Snapshot, _ later: Snapshot) -> Bool {
        guard earlier.sizes[old] == later.sizes[new] else { return false }
        let oldEdges = earlier.edgeRange(of: ObjectID(old))
        let newEdges = later.edgeRange(of: ObjectID(new))
        guard oldEdges.count == newEdges.count else { return false }
        for (a, b) in zip(oldEdges, newEdges)
        where earlier.addresses[Int(earlier.edgeTargets[a])] != later.addresses[Int(later.edgeTargets[b])] {
            return false
        }
        return earlier.label(of: ObjectID(old)) == later.label(of: ObjectID(new))
    }

    private static func heldTheSameWay(
        _ old: Int,
        _ new: Int,
        _ earlier: HeapIndex,
        _ later: HeapIndex,
        _ candidates: [UInt32]
    ) -> Bool {
        let oldStart = Int(earlier.reverseOffsets[old])
        let oldEnd = Int(earlier.reverseOffsets[old + 1])
        let newStart = Int(later.reverseOffsets[new])
        let newEnd = Int(later.reverseOffsets[new + 1])
        if oldStart == oldEnd && newStart == newEnd { return true }
        guard oldStart < oldEnd && newStart < newEnd else { return false }
        // The earlier referrers by object, for the larger side only when it pays.
        var earlierHolders: [UInt32: [UInt32]] = [:]
        let indexed = (oldEnd - oldStart) > 16
        if indexed {
            for k in oldStart..<oldEnd {
                earlierHolders[earlier.reverseSources[k], default: []].append(earlier.reverseEdges[k])
            }
        }
        for k in newStart..<newEnd {
            let holder = candidates[Int(later.reverseSources[k])]
            if holder == Self.none { continue }
            let label = later.snapshot.strings[
                StringID(rawValue: later.snapshot.edgeLabels[Int(later.reverseEdges[k])])
            ]
            if indexed {
                for edge in earlierHolders[holder] ?? [] where earlierLabel(edge, earlier) == label { return true }
            } else {
                for j in oldStart..<oldEnd where earlier.reverseSources[j] == holder {
                    if earlierLabel(earlier.reverseEdges[j], earlier) == label { return true }
                }
            }
        }
        return false
    }

    private static func earlierLabel(_ edge: UInt32, _ earlier: HeapIndex) -> String {
        earlier.snapshot.strings[StringID(rawValue: earlier.snapshot.edgeLabels[Int(edge)])]
    }

    /// For each object of `later`, the object of `earlier` at the same address with the same
    /// type (module and name), or `none`.
    private static func sameAddressAndType(_ earlier: Snapshot, _ later: Snapshot) -> [UInt32] {
        var numbering = TypeNameNumbering()
        let earlierKeys = numbering.objectNumbers(earlier)
        let laterKeys = numbering.objectNumbers(later)
        return sameAddress(earlier.addresses, earlierKeys, later.addresses, laterKeys)
    }

    /// For each later object, the earlier object at the same address with the same key, or
    /// `none`: both sorted by address and merged.
    ///
    /// - Complexity: O(n log n).
    static func sameAddress(
        _ earlierAddresses: [UInt64],
        _ earlierKeys: [UInt32],
        _ laterAddresses: [UInt64],
        _ laterKeys: [UInt32]
    ) -> [UInt32] {
        let earlierOrder = addressOrder(earlierAddresses)
        let laterOrder = addressOrder(laterAddresses)
        var result = [UInt32](repeating: none, count: laterAddresses.count)
        var o = 0
        for slot in 0..<laterOrder.count {
            let i = Int(laterOrder[slot])
            let address = laterAddresses[i]
            while o < earlierOrder.count && earlierAddresses[Int(earlierOrder[o])] < address { o += 1 }
            var same = o
            while same < earlierOrder.count && earlierAddresses[Int(earlierOrder[same])] == address {
                if earlierKeys[Int(earlierOrder[same])] == laterKeys[i] {
                    result[i] = earlierOrder[same]
                    break
                }
                same += 1
            }
        }
        return result
    }

    /// Object numbers sorted by address (ties by number).
    private static func addressOrder(_ addresses: [UInt64]) -> [UInt32] {
        var order = (0..<UInt32(truncatingIfNeeded: addresses.count)).map { $0 }
        addresses.withUnsafeBufferPointer { addresses in
            order.sort { a, b in
                let (x, y) = (addresses[Int(a)], addresses[Int(b)])
                return x != y ? x < y : a < b
            }
        }
        return order
    }
}
