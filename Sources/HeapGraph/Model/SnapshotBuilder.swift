/// Builds a `Snapshot` one object and one edge at a time; used by captures and by tests that
/// need a hand-made heap.
///
/// Edges may be added in any order; `build()` groups them by source with a stable counting
/// sort, so each object's edges keep the order they were added in.
public struct SnapshotBuilder: Sendable {
    public var metadata: SnapshotMetadata
    public private(set) var strings = StringTableBuilder()
    public private(set) var types: [TypeInfo] = []
    private var typeIDs: [TypeInfo: UInt32] = [:]

    private var addresses: [UInt64] = []
    private var objectTypes: [UInt32] = []
    private var sizes: [UInt64] = []
    private var refcounts: [UInt64] = []
    private var labels: [UInt32] = []
    private var flags: [UInt32] = []
    private var edgeSources: [UInt32] = []
    private var edgeTargets: [UInt32] = []
    private var edgeLabels: [UInt32] = []
    private var roots: [Root] = []

    public init(metadata: SnapshotMetadata) {
        self.metadata = metadata
    }

    public var objectCount: Int { addresses.count }

    /// Makes room for `objects` objects, `edges` edges and `distinctStrings` strings, so that a
    /// capture that knows its size up front does not grow its arrays step by step.
    public mutating func reserveCapacity(objects: Int, edges: Int, distinctStrings: Int) {
        addresses.reserveCapacity(objects)
        objectTypes.reserveCapacity(objects)
        sizes.reserveCapacity(objects)
        refcounts.reserveCapacity(objects)
        labels.reserveCapacity(objects)
        flags.reserveCapacity(objects)
        edgeSources.reserveCapacity(edges)
        edgeTargets.reserveCapacity(edges)
        edgeLabels.reserveCapacity(edges)
        strings.reserveCapacity(distinctStrings)
    }

    /// The id of a type, adding it to the type table if it is new.
    public mutating func type(module: String, name: String, object: ObjectID? = nil) -> TypeID {
        let info = TypeInfo(module: module, name: name, object: object)
        if let id = typeIDs[info] { return TypeID(rawValue: id) }
        let id = UInt32(types.count)
        types.append(info)
        typeIDs[info] = id
        return TypeID(rawValue: id)
    }

    /// The id of an interned string.
    public mutating func intern(_ string: String) -> StringID { strings.intern(string) }

    /// Adds an object and returns its id (the next free number).
    @discardableResult
    public mutating func addObject(
        address: UInt64,
        type: TypeID,
        size: UInt64,
        refcount: UInt64 = 1,
        label: String = "",
        flags: ObjectFlags = []
    ) -> ObjectID {
        let id = ObjectID(addresses.count)
        addresses.append(address)
        objectTypes.append(type.rawValue)
        sizes.append(size)
        refcounts.append(refcount)
        labels.append(strings.intern(label).rawValue)
        self.flags.append(flags.rawValue)
        return id
    }

    /// Adds a reference from `source` to `target`, named `label` ("" for none).
    public mutating func addEdge(from source: ObjectID, to target: ObjectID, label: String = "") {
        precondition(source.index < objectCount && target.index < objectCount, "edge to an unknown object")
        edgeSources.append(source.rawValue)
        edgeTargets.append(target.rawValue)
        edgeLabels.append(strings.intern(label).rawValue)
    }

    /// Records a root.
    public mutating func addRoot(_ object: ObjectID, kind: RootKind, name: String = "", detail: UInt64 = 0) {
        precondition(object.index < objectCount, "root is an unknown object")
        roots.append(Root(object: object, kind: kind, name: strings.intern(name), detail: detail))
    }

    /// The finished snapshot.
    ///
    /// - Complexity: O(objects + edges).
    public func build() -> Snapshot {
        let n = addresses.count
        var offsets = [UInt32](repeating: 0, count: n + 1)
        for source in edgeSources { offsets[Int(source) + 1] += 1 }
        for i in 0..<n { offsets[i + 1] += offsets[i] }
        var cursor = offsets
        var targets = [UInt32](repeating: 0, count: edgeTargets.count)
        var edgeLabelsSorted = [UInt32](repeating: 0, count: edgeTargets.count)
        for e in 0..<edgeSources.count {
            let s = Int(edgeSources[e])
            let slot = Int(cursor[s])
            targets[slot] = edgeTargets[e]
            edgeLabelsSorted[slot] = edgeLabels[e]
            cursor[s] += 1
        }
        return Snapshot(
            metadata: metadata,
            strings: strings.table,
            types: types,
            addresses: addresses,
            objectTypes: objectTypes,
            sizes: sizes,
            refcounts: refcounts,
            labels: labels,
            flags: flags,
            edgeOffsets: offsets,
            edgeTargets: targets,
            edgeLabels: edgeLabelsSorted,
            roots: roots
        )
    }
}
