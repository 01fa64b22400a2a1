/// A snapshot's columns as a capture builds them, one object at a time: the C-API walker
/// (`refgraph run`) and the outside reader (`refgraph attach`) both append each object's
/// type, size, refcount, label and flags when they read it, and its references right after,
/// so the edges come out grouped by source with no sort; the file is then written straight
/// from these buffers (`snapshotColumns`).
///
/// Room for a heap of the expected size is reserved up front: untracked referents (str,
/// int, ...) usually outnumber tracked objects, and reserved room is only address space until
/// it is written, while a regrowth copies and faults everything. Call `deallocate()` when done.
public struct CaptureBuffers {
    /// Object addresses, by id (every object found, read or not yet).
    public var addresses: WalkBuffer<UInt64>
    public var objectTypes: WalkBuffer<UInt32>
    public var sizes: WalkBuffer<UInt64>
    public var refcounts: WalkBuffer<UInt64>
    public var labels: WalkBuffer<UInt32>
    public var flags: WalkBuffer<UInt32>
    /// `edgeOffsets[i] ..< edgeOffsets[i + 1]` are object i's references (one more entry than
    /// objects read: it starts with 0).
    public var edgeOffsets: WalkBuffer<UInt32>
    public var edgeTargets: WalkBuffer<UInt32>
    public var edgeLabels: WalkBuffer<UInt32>

    /// Empty buffers with room for a heap of about `trackedObjects` gc-tracked objects: four
    /// objects and six references per tracked object.
    public init(trackedObjects: Int) {
        let objects = trackedObjects * 4 + 1024
        addresses = WalkBuffer(capacity: objects)
        objectTypes = WalkBuffer(capacity: objects)
        sizes = WalkBuffer(capacity: objects)
        refcounts = WalkBuffer(capacity: objects)
        labels = WalkBuffer(capacity: objects)
        flags = WalkBuffer(capacity: objects)
        edgeOffsets = WalkBuffer(capacity: objects + 1)
        edgeOffsets.append(0)
        edgeTargets = WalkBuffer(capacity: trackedObjects * 6 + 1024)
        edgeLabels = WalkBuffer(capacity: trackedObjects * 6 + 1024)
    }

    public func deallocate() {
        for column in [addresses, sizes, refcounts] { column.deallocate() }
        for column in [objectTypes, labels, flags, edgeOffsets, edgeTargets, edgeLabels] { column.deallocate() }
    }

    /// The buffers' memory up to `objects` objects and `references` references, for
    /// `WalkPrefaulter`.
    public func storage(objects: Int, references: Int) -> [(address: UInt, bytes: Int)] {
        [
            addresses.storage(upTo: objects), objectTypes.storage(upTo: objects), sizes.storage(upTo: objects),
            refcounts.storage(upTo: objects), labels.storage(upTo: objects), flags.storage(upTo: objects),
            edgeOffsets.storage(upTo: objects), edgeTargets.storage(upTo: references),
            edgeLabels.storage(upTo: references),
        ]
    }

    /// The snapshot these buffers hold, with `strings` as its string table, lent as columns
    /// (valid while the buffers and `strings` are, unchanged).
    public func snapshotColumns(
        metadata: SnapshotMetadata,
        strings: LabelInterner,
        types: [TypeInfo],
        roots: [Root]
    ) -> SnapshotColumns {
        SnapshotColumns(
            metadata: metadata,
            stringBytes: strings.bytes.buffer,
            stringOffsets: strings.offsets.buffer,
            types: types,
            addresses: addresses.buffer,
            objectTypes: objectTypes.buffer,
            sizes: sizes.buffer,
            refcounts: refcounts.buffer,
            labels: labels.buffer,
            flags: flags.buffer,
            edgeOffsets: edgeOffsets.buffer,
            edgeTargets: edgeTargets.buffer,
            edgeLabels: edgeLabels.buffer,
            roots: roots
        )
    }
}
