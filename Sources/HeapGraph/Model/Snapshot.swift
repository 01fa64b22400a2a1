/// A heap snapshot: every recorded object, every reference between them, the roots and the
/// metadata of the moment. Immutable once built; the contract between capture and analysis.
///
/// Objects are numbered `0..<objectCount` and their data is held in parallel arrays. Edges
/// are stored in compressed-sparse-row form by source: the targets of object `i` are
/// `edgeTargets[edgeOffsets[i]..<edgeOffsets[i + 1]]`, in the order the capture found them.
public struct Snapshot: Sendable, Equatable {
    public var metadata: SnapshotMetadata
    /// Interned strings: labels, edge labels, root names.
    public var strings: StringTable
    /// The type table; `objectTypes` holds indices into it.
    public var types: [TypeInfo]

    /// Address of each object in the captured process.
    public var addresses: [UInt64]
    /// Type of each object (index into `types`).
    public var objectTypes: [UInt32]
    /// Shallow size of each object in bytes, with `sys.getsizeof` semantics.
    public var sizes: [UInt64]
    /// Reference count of each object at capture time.
    public var refcounts: [UInt64]
    /// A short safe label for each object (a `StringID`; 0 for none).
    public var labels: [UInt32]
    /// `ObjectFlags` of each object.
    public var flags: [UInt32]

    /// `objectCount + 1` offsets into `edgeTargets`, starting at 0 and never decreasing.
    public var edgeOffsets: [UInt32]
    /// The target object of each edge.
    public var edgeTargets: [UInt32]
    /// The label of each edge (a `StringID`; 0 for none), parallel to `edgeTargets`.
    public var edgeLabels: [UInt32]

    public var roots: [Root]

    public init(
        metadata: SnapshotMetadata,
        strings: StringTable,
        types: [TypeInfo],
        addresses: [UInt64],
        objectTypes: [UInt32],
        sizes: [UInt64],
        refcounts: [UInt64],
        labels: [UInt32],
        flags: [UInt32],
        edgeOffsets: [UInt32],
        edgeTargets: [UInt32],
        edgeLabels: [UInt32],
        roots: [Root]
    ) {
        self.metadata = metadata
        self.strings = strings
        self.types = types
        self.addresses = addresses
        self.objectTypes = objectTypes
        self.sizes = sizes
        self.refcounts = refcounts
        self.labels = labels
        self.flags = flags
        self.edgeOffsets = edgeOffsets
        self.edgeTargets = edgeTargets
        self.edgeLabels = edgeLabels
        self.roots = roots
    }

    public var objectCount: Int { addresses.count }
    public var edgeCount: Int { edgeTargets.count }

    /// The ids of all objects, `0..<objectCount`.
    public var objectIDs: some RandomAccessCollection<ObjectID> {
        (0..<objectCount).lazy.map { ObjectID($0) }
    }

    public func type(of object: ObjectID) -> TypeInfo { types[Int(objectTypes[object.index])] }
    public func typeID(of object: ObjectID) -> TypeID { TypeID(rawValue: objectTypes[object.index]) }
    public func address(of object: ObjectID) -> UInt64 { addresses[object.index] }
    public func size(of object: ObjectID) -> UInt64 { sizes[object.index] }
    public func refcount(of object: ObjectID) -> UInt64 { refcounts[object.index] }
    public func flags(of object: ObjectID) -> ObjectFlags { ObjectFlags(rawValue: flags[object.index]) }
    /// The object's label, or "" when it has none.
    public func label(of object: ObjectID) -> String { strings[StringID(rawValue: labels[object.index])] }

    /// The positions in `edgeTargets`/`edgeLabels` of the edges leaving `object`.
    public func edgeRange(of object: ObjectID) -> Range<Int> {
        Int(edgeOffsets[object.index])..<Int(edgeOffsets[object.index + 1])
    }

    /// The total of all shallow sizes.
    public var totalSize: UInt64 { sizes.reduce(0) { $0.addingSaturating($1) } }
}
