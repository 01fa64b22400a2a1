extension SnapshotFile {
    /// The file's bytes for `snapshot`: header, section directory, then META, STRS, TYPS, OBJS,
    /// EDGE and ROOT, each starting at a multiple of 8.
    ///
    /// The snapshot must be well formed (as `SnapshotBuilder` and `decode` make them): parallel
    /// arrays of one length, at most `0xFFFFFFFE` objects, edge offsets ending at the edge count.
    /// - Complexity: O(file size), with the arrays copied in bulk.
    static func encodeBytes(_ snapshot: Snapshot) -> [UInt8] {
        var out = SnapshotFileWriteBuffer()
        snapshot.withColumns { encode($0, into: &out) }
        return out.bytes
    }

    /// Section tags and lengths in file order.
    private static func sectionLengths(
        _ snapshot: SnapshotColumns,
        metaCount: UInt64,
        typeText: (offsets: [UInt32], bytes: [UInt8])
    ) -> [(SnapshotFileTag, UInt64)] {
        let n = UInt64(snapshot.objectCount)
        let m = UInt64(snapshot.edgeCount)
        let stringCount = UInt64(snapshot.stringCount)
        return [
            (.meta, metaCount),
            (.strings, 8 + SnapshotFileFormat.padded(4 * (stringCount + 1)) + UInt64(snapshot.stringBytes.count)),
            (
                .types,
                8 + SnapshotFileFormat.padded(4 * UInt64(snapshot.types.count))
                    + SnapshotFileFormat.padded(4 * UInt64(typeText.offsets.count)) + UInt64(typeText.bytes.count)
            ),
            (.objects, SnapshotFileFormat.objectsLength(n)),
            (.edges, SnapshotFileFormat.edgesLength(objects: n, edges: m)),
            (.roots, 8 + SnapshotFileFormat.rootRecordSize * UInt64(snapshot.roots.count)),
        ]
    }

    /// Puts the file's bytes for `snapshot` into `out`, in file order.
    /// - Complexity: O(file size), with the columns passed to `out` whole.
    static func encode<Sink: SnapshotFileSink>(_ snapshot: SnapshotColumns, into out: inout Sink) {
        let n = UInt64(snapshot.objectCount)
        let m = UInt64(snapshot.edgeCount)
        precondition(n <= SnapshotFileFormat.maxObjectCount, "too many objects for the file format")
        precondition(m <= UInt64(UInt32.max), "too many edges for the file format")
        precondition(
            snapshot.edgeOffsets.count == snapshot.objectCount + 1,
            "edge offsets must have objectCount + 1 entries"
        )
        precondition(snapshot.edgeOffsets.last.map(UInt64.init) == m, "edge offsets must end at the edge count")
        precondition(snapshot.edgeLabels.count == snapshot.edgeCount, "every edge needs a label")
        precondition(
            [
                snapshot.objectTypes.count, snapshot.sizes.count, snapshot.refcounts.count, snapshot.labels.count,
                snapshot.flags.count,
            ].allSatisfy { $0 == snapshot.objectCount },
            "object columns must have one entry per object"
        )

        let meta = encodeMetadata(snapshot.metadata)
        let typeText = typeTable(snapshot.types)
        let stringCount = UInt64(snapshot.stringCount)
        let sections = sectionLengths(snapshot, metaCount: UInt64(meta.count), typeText: typeText)

        var offset = SnapshotFileFormat.headerSize + SnapshotFileFormat.directoryEntrySize * UInt64(sections.count)
        var offsets: [UInt64] = []
        for (_, length) in sections {
            offsets.append(offset)
            offset = SnapshotFileFormat.padded(offset + length)
        }
        let start = out.count
        out.append(bytes: SnapshotFileFormat.magic)
        out.append(SnapshotFileFormat.majorVersion)
        out.append(SnapshotFileFormat.minorVersion)
        out.append(UInt32(sections.count))
        for (index, (tag, length)) in sections.enumerated() {
            out.append(tag.rawValue)
            out.append(SnapshotFileFormat.requiredFlag)
            out.append(offsets[index])
            out.append(length)
        }

        out.append(bytes: meta)
        out.pad()

        out.append(UInt32(stringCount))
        out.append(UInt32(0))
        out.append(buffer: snapshot.stringOffsets)
        out.pad()
        out.append(buffer: snapshot.stringBytes)
        out.pad()

        out.append(UInt32(snapshot.types.count))
        out.append(UInt32(0))
        out.append(array: snapshot.types.map { $0.object?.rawValue ?? SnapshotFileFormat.noObject })
        out.pad()
        out.append(array: typeText.offsets)
        out.pad()
        out.append(bytes: typeText.bytes)
        out.pad()

        out.append(UInt32(n))
        out.append(UInt32(0))
        out.append(buffer: snapshot.addresses)
        out.append(buffer: snapshot.sizes)
        out.append(buffer: snapshot.refcounts)
        out.append(buffer: snapshot.objectTypes)
        out.pad()
        out.append(buffer: snapshot.labels)
        out.pad()
        out.append(buffer: snapshot.flags)
        out.pad()

        out.append(UInt32(n))
        out.append(UInt32(m))
        out.append(buffer: snapshot.edgeOffsets)
        out.pad()
        out.append(buffer: snapshot.edgeTargets)
        out.pad()
        out.append(buffer: snapshot.edgeLabels)
        out.pad()

        out.append(UInt32(snapshot.roots.count))
        out.append(UInt32(0))
        for root in snapshot.roots {
            out.append(root.object.rawValue)
            out.append(root.kind.rawValue)
            out.append(root.name.rawValue)
            out.append(UInt32(0))
            out.append(root.detail)
        }
        assert(out.count - start == offset, "section lengths and contents disagree")
    }

    /// The type table's own strings: type i's module is string 2i, its name string 2i + 1.
    private static func typeTable(_ types: [TypeInfo]) -> (offsets: [UInt32], bytes: [UInt8]) {
        var offsets: [UInt32] = [0]
        var bytes: [UInt8] = []
        for type in types {
            bytes.append(contentsOf: type.module.utf8)
            offsets.append(UInt32(bytes.count))
            bytes.append(contentsOf: type.name.utf8)
            offsets.append(UInt32(bytes.count))
        }
        return (offsets, bytes)
    }
}
