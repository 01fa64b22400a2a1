/// A snapshot with the lookups every query needs, built once: references in both directions,
/// the objects of each type, and which objects are roots.
///
/// Forward references come straight from the snapshot's CSR arrays. Reverse references are a
/// second CSR built by a stable counting sort: the referrers of object `t` are
/// `reverseSources[reverseOffsets[t]..<reverseOffsets[t + 1]]`, ordered by referrer number and,
/// for one referrer, by the order of its edges in the snapshot. `reverseEdges` holds, parallel
/// to `reverseSources`, the position of each edge in `snapshot.edgeTargets`/`edgeLabels`, so
/// its label can be found. Duplicate edges (an object twice in one list) are kept as the
/// snapshot has them; the duplicates of one referrer are next to each other.
public struct HeapIndex: Sendable {
    public let snapshot: Snapshot
    /// `objectCount + 1` offsets into `reverseSources` and `reverseEdges`.
    public let reverseOffsets: [UInt32]
    /// The source object of each reverse edge.
    public let reverseSources: [UInt32]
    /// The position in `snapshot.edgeTargets` of each reverse edge.
    public let reverseEdges: [UInt32]
    /// `types.count + 1` offsets into `typeObjects`.
    let typeOffsets: [UInt32]
    /// Object numbers grouped by type, in snapshot order within each type.
    let typeObjects: [UInt32]
    /// For each object, one bit per `RootKind` (`1 << kind.rawValue`) it is recorded as.
    let rootKindBits: [UInt8]

    /// Indexes `snapshot`.
    ///
    /// The snapshot must be well formed (as `SnapshotBuilder` and the file reader guarantee):
    /// offsets never decrease and end at `edgeCount`, every edge target, object type and root
    /// is in range.
    ///
    /// - Complexity: O(objects + edges + types): the reverse CSR and the by-type lists are each
    ///   built once by counting sort.
    public init(_ snapshot: Snapshot) {
        let n = snapshot.objectCount
        let e = snapshot.edgeCount
        precondition(snapshot.edgeOffsets.count == n + 1, "edgeOffsets must have objectCount + 1 entries")
        precondition(Int(snapshot.edgeOffsets[n]) == e, "edgeOffsets must end at edgeCount")
        precondition(e < Int(UInt32.max) - 1, "too many edges for 32-bit edge numbers")
        self.snapshot = snapshot

        var offsets = HugePages.zeroedArray(of: UInt32.self, count: n + 1)
        offsets.withUnsafeMutableBufferPointer { offsets in
            for target in snapshot.edgeTargets {
                precondition(Int(target) < n, "edge to an unknown object")
                offsets[Int(target) + 1] &+= 1
            }
            for i in 0..<n { offsets[i + 1] &+= offsets[i] }
        }
        var cursor = HugePages.copy(of: offsets)
        var sources = HugePages.zeroedArray(of: UInt32.self, count: e)
        var edges = HugePages.zeroedArray(of: UInt32.self, count: e)
        snapshot.edgeOffsets.withUnsafeBufferPointer { forwardOffsets in
            snapshot.edgeTargets.withUnsafeBufferPointer { targets in
                cursor.withUnsafeMutableBufferPointer { cursor in
                    sources.withUnsafeMutableBufferPointer { sources in
                        edges.withUnsafeMutableBufferPointer { edges in
                            for source in 0..<n {
                                let start = Int(forwardOffsets[source])
                                let end = Int(forwardOffsets[source + 1])
                                precondition(start <= end, "edgeOffsets must never decrease")
                                for k in start..<end {
                                    let target = Int(targets[k])
                                    let slot = Int(cursor[target])
                                    sources[slot] = UInt32(truncatingIfNeeded: source)
                                    edges[slot] = UInt32(truncatingIfNeeded: k)
                                    cursor[target] = UInt32(truncatingIfNeeded: slot + 1)
                                }
                            }
                        }
                    }
                }
            }
        }
        reverseOffsets = offsets
        reverseSources = sources
        reverseEdges = edges

        let typeCount = snapshot.types.count
        var typeStarts = [UInt32](repeating: 0, count: typeCount + 1)
        for type in snapshot.objectTypes {
            precondition(Int(type) < typeCount, "object of an unknown type")
            typeStarts[Int(type) + 1] &+= 1
        }
        for i in 0..<typeCount { typeStarts[i + 1] &+= typeStarts[i] }
        var typeCursor = typeStarts
        var byType = HugePages.zeroedArray(of: UInt32.self, count: n)
        for (object, type) in snapshot.objectTypes.enumerated() {
            byType[Int(typeCursor[Int(type)])] = UInt32(truncatingIfNeeded: object)
            typeCursor[Int(type)] &+= 1
        }
        typeOffsets = typeStarts
        typeObjects = byType

        var bits = HugePages.zeroedArray(of: UInt8.self, count: n)
        for root in snapshot.roots {
            precondition(root.object.index < n, "root is an unknown object")
            bits[root.object.index] |= UInt8(truncatingIfNeeded: 1 << root.kind.rawValue)
        }
        rootKindBits = bits
    }

    /// The number of objects in the snapshot.
    public var objectCount: Int { snapshot.objectCount }
}
