/// A snapshot's contents as borrowed buffers: what the file encoder reads.
///
/// A `Snapshot` lends its arrays (`Snapshot.withColumns`); a capture lends its own buffers,
/// so it writes its file straight from them, with no copy into a `Snapshot` first (a copy
/// that, at millions of objects, costs a page fault per 4 KiB of new memory). The buffers
/// must stay valid, and unchanged, while the value is used.
public struct SnapshotColumns {
    public var metadata: SnapshotMetadata
    /// The string table's UTF-8 bytes and its `count + 1` offsets (`StringTable`'s layout).
    public var stringBytes: UnsafeBufferPointer<UInt8>
    public var stringOffsets: UnsafeBufferPointer<UInt32>
    public var types: [TypeInfo]
    public var addresses: UnsafeBufferPointer<UInt64>
    public var objectTypes: UnsafeBufferPointer<UInt32>
    public var sizes: UnsafeBufferPointer<UInt64>
    public var refcounts: UnsafeBufferPointer<UInt64>
    public var labels: UnsafeBufferPointer<UInt32>
    public var flags: UnsafeBufferPointer<UInt32>
    public var edgeOffsets: UnsafeBufferPointer<UInt32>
    public var edgeTargets: UnsafeBufferPointer<UInt32>
    public var edgeLabels: UnsafeBufferPointer<UInt32>
    public var roots: [Root]

    /// Columns with `Snapshot`'s meaning, element for element.
    public init(
        metadata: SnapshotMetadata,
        stringBytes: UnsafeBufferPointer<UInt8>,
        stringOffsets: UnsafeBufferPointer<UInt32>,
        types: [TypeInfo],
        addresses: UnsafeBufferPointer<UInt64>,
        objectTypes: UnsafeBufferPointer<UInt32>,
        sizes: UnsafeBufferPointer<UInt64>,
        refcounts: UnsafeBufferPointer<UInt64>,
        labels: UnsafeBufferPointer<UInt32>,
        flags: UnsafeBufferPointer<UInt32>,
        edgeOffsets: UnsafeBufferPointer<UInt32>,
        edgeTargets: UnsafeBufferPointer<UInt32>,
        edgeLabels: UnsafeBufferPointer<UInt32>,
        roots: [Root]
    ) {
        self.metadata = metadata
        self.stringBytes = stringBytes
        self.stringOffsets = stringOffsets
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

    /// The number of objects.
    public var objectCount: Int { addresses.count }
    /// The number of edges.
    public var edgeCount: Int { edgeTargets.count }
    /// The number of strings, the empty string 0 included.
    public var stringCount: Int { stringOffsets.count - 1 }
    /// The sum of the shallow sizes.
    public var totalSize: UInt64 { sizes.reduce(0) { $0.addingSaturating($1) } }
}

extension Snapshot {
    /// Lends the snapshot's arrays to `body` as columns.
    /// - Complexity: O(1).
    public func withColumns<Result>(_ body: (SnapshotColumns) -> Result) -> Result {
        strings.bytes.withUnsafeBufferPointer { stringBytes in
            strings.offsets.withUnsafeBufferPointer { stringOffsets in
                addresses.withUnsafeBufferPointer { addresses in
                    objectTypes.withUnsafeBufferPointer { objectTypes in
                        sizes.withUnsafeBufferPointer { sizes in
                            refcounts.withUnsafeBufferPointer { refcounts in
                                labels.withUnsafeBufferPointer { labels in
                                    flags.withUnsafeBufferPointer { flags in
                                        edgeOffsets.withUnsafeBufferPointer { edgeOffsets in
                                            edgeTargets.withUnsafeBufferPointer { edgeTargets in
                                                edgeLabels.withUnsafeBufferPointer { edgeLabels in
                                                    body(
                                                        SnapshotColumns(
                                                            metadata: metadata,
                                                            stringBytes: stringBytes,
                                                            stringOffsets: stringOffsets,
                                                            types: types,
                                                            addresses: addresses,
                                                            objectTypes: objectTypes,
                                                            sizes: sizes,
                                                            refcounts: refcounts,
                                                            labels: labels,
                                                            flags: flags,
                                                            edgeOffsets: edgeOffsets,
                                                            edgeTargets: edgeTargets,
                                                            edgeLabels: edgeLabels,
                                                            roots: roots
                                                        )
                                                    )
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

extension Snapshot {
    /// A snapshot holding copies of the columns' buffers.
    /// - Complexity: O(objects + edges + string bytes), one bulk copy per column.
    public init(copying columns: SnapshotColumns) {
        self.init(
            metadata: columns.metadata,
            strings: StringTable(bytes: Array(columns.stringBytes), offsets: Array(columns.stringOffsets)),
            types: columns.types,
            addresses: Array(columns.addresses),
            objectTypes: Array(columns.objectTypes),
            sizes: Array(columns.sizes),
            refcounts: Array(columns.refcounts),
            labels: Array(columns.labels),
            flags: Array(columns.flags),
            edgeOffsets: Array(columns.edgeOffsets),
            edgeTargets: Array(columns.edgeTargets),
            edgeLabels: Array(columns.edgeLabels),
            roots: columns.roots
        )
    }
}
