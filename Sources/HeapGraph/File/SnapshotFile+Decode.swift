/// One entry of the section directory, checked to lie inside the file.
private struct SnapshotFileSection {
    var tag: SnapshotFileTag
    var offset: Int
    var length: Int
    var name: String { "section \(tag)" }
}

extension SnapshotFile {
    /// Parses and validates a file's bytes; see docs/snapshot-format.md for every rule.
    ///
    /// Every count is checked against its section's length before anything is allocated, so
    /// a hostile file costs no more memory than its own size.
    /// - Complexity: O(file size).
    static func decodeBytes(_ bytes: [UInt8]) throws(SnapshotFileError.Reason) -> Snapshot {
        try decode(SnapshotFileReadBuffer(bytes: bytes))
    }

    /// Parses and validates a file through its reader; see `decodeBytes`.
    /// - Complexity: O(file size).
    static func decode(_ file: SnapshotFileReadBuffer) throws(SnapshotFileError.Reason) -> Snapshot {
        let sections = try readDirectory(file)
        if sections[.edges] != nil && sections[.edgesByAddress] != nil {
            throw .corrupt("it has both an EDGE and an EDGA section, where one of them belongs")
        }
        let edge = sections[.edges] ?? sections[.edgesByAddress]
        guard let meta = sections[.meta], let strs = sections[.strings], let typs = sections[.types],
            let objs = sections[.objects], let edge, let root = sections[.roots]
        else {
            let missing = SnapshotFileTag.required.first { ($0 == .edges ? edge : sections[$0]) == nil }
            throw .missingSection((missing ?? .meta).description)
        }
        let strings = try readStrings(file, strs)
        let stringCount = UInt64(strings.count)
        let typeTable = try readTypes(file, typs)
        var types = typeTable.types
        let typeObjects = typeTable.objects
        let objects = try readObjects(file, objs, typeCount: UInt64(types.count), stringCount: stringCount)
        let n = UInt64(objects.addresses.count)
        if let bad = typeObjects.firstIndex(where: { $0 != SnapshotFileFormat.noObject && UInt64($0) >= n }) {
            throw .corrupt("type \(bad) names type object #\(typeObjects[bad]), but the snapshot has \(n) objects")
        }
        for (index, object) in typeObjects.enumerated() where object != SnapshotFileFormat.noObject {
            types[index].object = ObjectID(rawValue: object)
        }
        let byAddress = edge.tag == .edgesByAddress
        let edges =
            byAddress
            ? try readEdgesByAddress(file, edge, addresses: objects.addresses, stringCount: stringCount)
            : try readEdges(file, edge, objectCount: n, stringCount: stringCount)
        var roots = try readRoots(file, root, objectCount: n, stringCount: stringCount)
        if byAddress {
            if let bad = roots.firstIndex(where: { $0.kind == .heldFromOutside }) {
                throw .corrupt(
                    "root \(bad) is of kind 3 (held from outside), which a file with section EDGA leaves to the reader"
                )
            }
            roots += objects.refcounts.withUnsafeBufferPointer { refcounts in
                edges.targets.withUnsafeBufferPointer { Root.heldFromOutside(refcounts: refcounts, edgeTargets: $0) }
            }
        }
        let metadata = try decodeMetadata(try file.slice(at: meta.offset, count: meta.length))
        return Snapshot(
            metadata: metadata,
            strings: strings,
            types: types,
            addresses: objects.addresses,
            objectTypes: objects.types,
            sizes: objects.sizes,
            refcounts: objects.refcounts,
            labels: objects.labels,
            flags: objects.flags,
            edgeOffsets: edges.offsets,
            edgeTargets: edges.targets,
            edgeLabels: edges.labels,
            roots: roots
        )
    }

    /// Header and section directory: magic, version, every entry inside the file and aligned,
    /// no duplicates, no unknown required section. Unknown optional sections are dropped.
    private static func readDirectory(
        _ file: SnapshotFileReadBuffer
    ) throws(SnapshotFileError.Reason) -> [SnapshotFileTag: SnapshotFileSection] {
        let size = UInt64(file.count)
        let magic = SnapshotFileFormat.magic
        let present = min(file.count, magic.count)
        guard try file.slice(at: 0, count: present).elementsEqual(magic[0..<present]) else { throw .wrongMagic }
        guard size >= SnapshotFileFormat.headerSize else {
            throw .truncated(what: "the header", end: SnapshotFileFormat.headerSize, fileSize: size)
        }
        let major = try file.u16(at: 8)
        let minor = try file.u16(at: 10)
        guard major == SnapshotFileFormat.majorVersion else { throw .unsupportedVersion(major: major, minor: minor) }
        let sectionCount = UInt64(try file.u32(at: 12))
        let directoryEnd = SnapshotFileFormat.headerSize + SnapshotFileFormat.directoryEntrySize * sectionCount
        guard directoryEnd <= size else {
            throw .truncated(what: "the section directory", end: directoryEnd, fileSize: size)
        }

        var sections: [SnapshotFileTag: SnapshotFileSection] = [:]
        var seen: [SnapshotFileTag: Bool] = [:]
        for index in 0..<Int(sectionCount) {
            let entry = Int(SnapshotFileFormat.headerSize) + index * Int(SnapshotFileFormat.directoryEntrySize)
            let tag = SnapshotFileTag(rawValue: try file.u32(at: entry))
            let flags = try file.u32(at: entry + 4)
            let offset = try file.u64(at: entry + 8)
            let length = try file.u64(at: entry + 16)
            guard seen.updateValue(true, forKey: tag) == nil else { throw .duplicateSection(tag.description) }
            let (end, overflow) = offset.addingReportingOverflow(length)
            guard !overflow else {
                throw .corrupt("section \(tag) has offset \(offset) and length \(length), which overflow 64 bits")
            }
            guard end <= size else { throw .truncated(what: "section \(tag)", end: end, fileSize: size) }
            guard offset % 8 == 0 else {
                throw .corrupt("section \(tag) starts at byte \(offset), which is not a multiple of 8")
            }
            guard offset >= directoryEnd else {
                throw .corrupt("section \(tag) starts at byte \(offset), inside the header and directory")
            }
            if SnapshotFileTag.known.contains(tag) {
                sections[tag] = SnapshotFileSection(tag: tag, offset: Int(offset), length: Int(length))
            } else if flags & SnapshotFileFormat.requiredFlag != 0 {
                throw .unknownRequiredSection(tag.description)
            }
        }
        let known = sections.values.sorted { ($0.offset, $0.length) < ($1.offset, $1.length) }
        for (before, after) in zip(known, known.dropFirst()) where before.offset + before.length > after.offset {
            throw .corrupt("\(after.name) starts at byte \(after.offset), inside \(before.name)")
        }
        return sections
    }

    /// The section's two leading `u32`s (a count and a second count or reserved word).
    private static func sectionHeader(
        _ file: SnapshotFileReadBuffer,
        _ section: SnapshotFileSection,
        contents: String
    ) throws(SnapshotFileError.Reason) -> (UInt64, UInt64) {
        guard section.length >= 8 else {
            throw .sectionLength(
                section: section.tag.description,
                length: UInt64(section.length),
                expected: 8,
                contents: contents
            )
        }
        return (UInt64(try file.u32(at: section.offset)), UInt64(try file.u32(at: section.offset + 4)))
    }

    private static func checkLength(
        _ section: SnapshotFileSection,
        _ expected: UInt64,
        _ contents: String
    ) throws(SnapshotFileError.Reason) {
        guard UInt64(section.length) == expected else {
            throw .sectionLength(
                section: section.tag.description,
                length: UInt64(section.length),
                expected: expected,
                contents: contents
            )
        }
    }

    /// A string list: `count + 1` offsets (padded to 8) then the bytes, which must end exactly
    /// at the section's end. Returns the offsets and bytes.
    private static func readStringList(
        _ file: SnapshotFileReadBuffer,
        _ section: SnapshotFileSection,
        at start: Int,
        count: UInt64,
        headerLength: UInt64,
        contents: String
    ) throws(SnapshotFileError.Reason) -> ([UInt32], [UInt8]) {
        let offsetsLength = SnapshotFileFormat.padded(4 * (count + 1))
        guard headerLength + offsetsLength <= UInt64(section.length) else {
            throw .sectionLength(
                section: section.tag.description,
                length: UInt64(section.length),
                expected: headerLength + offsetsLength,
                contents: contents
            )
        }
        let offsets = try file.array(UInt32.self, at: start, count: Int(count) + 1)
        let blobLength = UInt64(section.length) - headerLength - offsetsLength
        guard offsets[0] == 0 else {
            throw .corrupt("\(section.name) has string offsets starting at \(offsets[0]), not 0")
        }
        if let bad = SnapshotFileChecks.firstDecrease(in: offsets) {
            throw .corrupt(
                "\(section.name) has string offset \(bad) (\(offsets[bad])) below the one before it (\(offsets[bad - 1]))"
            )
        }
        guard UInt64(offsets[offsets.count - 1]) == blobLength else {
            throw .corrupt(
                "\(section.name) has string offsets ending at \(offsets[offsets.count - 1]), but its string bytes are \(blobLength) bytes long"
            )
        }
        let blob = try file.slice(at: start + Int(offsetsLength), count: Int(blobLength))
        return (offsets, blob)
    }

    private static func readStrings(
        _ file: SnapshotFileReadBuffer,
        _ section: SnapshotFileSection
    ) throws(SnapshotFileError.Reason) -> StringTable {
        let (count, _) = try sectionHeader(file, section, contents: "its counts")
        guard count >= 1 else { throw .corrupt("section STRS has no strings, but string 0 must be the empty string") }
        let (offsets, bytes) = try readStringList(
            file,
            section,
            at: section.offset + 8,
            count: count,
            headerLength: 8,
            contents: "\(count) string offsets"
        )
        guard offsets[1] == 0 else { throw .corrupt("section STRS has a non-empty string 0") }
        return StringTable(bytes: bytes, offsets: offsets)
    }

    /// The type table, with `object` left nil, and each type's raw type-object id.
    private static func readTypes(
        _ file: SnapshotFileReadBuffer,
        _ section: SnapshotFileSection
    ) throws(SnapshotFileError.Reason) -> (types: [TypeInfo], objects: [UInt32]) {
        let (count, _) = try sectionHeader(file, section, contents: "its counts")
        let objectsLength = SnapshotFileFormat.padded(4 * count)
        guard 8 + objectsLength <= UInt64(section.length) else {
            throw .sectionLength(
                section: "TYPS",
                length: UInt64(section.length),
                expected: 8 + objectsLength,
                contents: "\(count) types"
            )
        }
        let objects = try file.array(UInt32.self, at: section.offset + 8, count: Int(count))
        let (offsets, bytes) = try readStringList(
            file,
            section,
            at: section.offset + 8 + Int(objectsLength),
            count: 2 * count,
            headerLength: 8 + objectsLength,
            contents: "\(count) types"
        )
        var types: [TypeInfo] = []
        types.reserveCapacity(Int(count))
        bytes.withUnsafeBufferPointer { buffer in
            func text(_ i: Int) -> String {
                String(
                    decoding: UnsafeBufferPointer(rebasing: buffer[Int(offsets[i])..<Int(offsets[i + 1])]),
                    as: UTF8.self
                )
            }
            for i in 0..<Int(count) { types.append(TypeInfo(module: text(2 * i), name: text(2 * i + 1))) }
        }
        return (types, objects)
    }

    private struct Objects {
        var addresses: [UInt64], sizes: [UInt64], refcounts: [UInt64]
        var types: [UInt32], labels: [UInt32], flags: [UInt32]
    }

    private static func readObjects(
        _ file: SnapshotFileReadBuffer,
        _ section: SnapshotFileSection,
        typeCount: UInt64,
        stringCount: UInt64
    ) throws(SnapshotFileError.Reason) -> Objects {
        let (n, _) = try sectionHeader(file, section, contents: "its counts")
        guard n <= SnapshotFileFormat.maxObjectCount else {
            throw .corrupt(
                "section OBJS declares \(n) objects, more than the limit of \(SnapshotFileFormat.maxObjectCount)"
            )
        }
        try checkLength(section, SnapshotFileFormat.objectsLength(n), "\(n) objects")
        let count = Int(n)
        let start = section.offset + 8
        let column32 = Int(SnapshotFileFormat.padded(4 * n))
        let objects = Objects(
            addresses: try file.array(UInt64.self, at: start, count: count),
            sizes: try file.array(UInt64.self, at: start + 8 * count, count: count),
            refcounts: try file.array(UInt64.self, at: start + 16 * count, count: count),
            types: try file.array(UInt32.self, at: start + 24 * count, count: count),
            labels: try file.array(UInt32.self, at: start + 24 * count + column32, count: count),
            flags: try file.array(UInt32.self, at: start + 24 * count + 2 * column32, count: count)
        )
        if let bad = SnapshotFileChecks.firstIndex(in: objects.types, notBelow: typeCount) {
            throw .corrupt("object #\(bad) has type \(objects.types[bad]), but the type table has \(typeCount) types")
        }
        if let bad = SnapshotFileChecks.firstIndex(in: objects.labels, notBelow: stringCount) {
            throw .corrupt(
                "object #\(bad) has label string \(objects.labels[bad]), but the string table has \(stringCount) strings"
            )
        }
        return objects
    }

    private typealias Edges = (offsets: [UInt32], targets: [UInt32], labels: [UInt32])

    /// Section `EDGE`: targets are object ids.
    private static func readEdges(
        _ file: SnapshotFileReadBuffer,
        _ section: SnapshotFileSection,
        objectCount n: UInt64,
        stringCount: UInt64
    ) throws(SnapshotFileError.Reason) -> Edges {
        let m = try edgeCount(file, section, objectCount: n, length: SnapshotFileFormat.edgesLength)
        let start = section.offset + 8 + Int(SnapshotFileFormat.padded(4 * (n + 1)))
        let offsets = try readEdgeOffsets(file, section, objectCount: n, edgeCount: m)
        let targets = try file.array(UInt32.self, at: start, count: Int(m))
        if let bad = SnapshotFileChecks.firstIndex(in: targets, notBelow: n) {
            throw .corrupt(
                "edge \(bad) of object #\(source(ofEdge: bad, offsets)) points to object #\(targets[bad]), but the snapshot has \(n) objects"
            )
        }
        let labels = try readEdgeLabels(
            file,
            at: start + Int(SnapshotFileFormat.padded(4 * m)),
            count: m,
            offsets: offsets,
            stringCount: stringCount
        )
        return (offsets, targets, labels)
    }

    /// Section `EDGA`: targets are addresses of objects in `OBJS`, resolved to their ids here.
    private static func readEdgesByAddress(
        _ file: SnapshotFileReadBuffer,
        _ section: SnapshotFileSection,
        addresses: [UInt64],
        stringCount: UInt64
    ) throws(SnapshotFileError.Reason) -> Edges {
        let n = UInt64(addresses.count)
        let m = try edgeCount(file, section, objectCount: n, length: SnapshotFileFormat.edgesByAddressLength)
        let start = section.offset + 8 + Int(SnapshotFileFormat.padded(4 * (n + 1)))
        let offsets = try readEdgeOffsets(file, section, objectCount: n, edgeCount: m)
        let table = try SnapshotFileAddressTable(addresses: addresses)
        // Read and resolved a block at a time, so the addresses never take memory of their own.
        let block = 1 << 16
        var unknown: (edge: Int, address: UInt64)?
        var failure: SnapshotFileError.Reason?
        let targets = [UInt32](unsafeUninitializedCapacity: Int(m)) { ids, initialized in
            var done = 0
            while done < Int(m) {
                let count = min(block, Int(m) - done)
                let chunk: [UInt64]
                do throws(SnapshotFileError.Reason) {
                    chunk = try file.array(UInt64.self, at: start + 8 * done, count: count)
                } catch {
                    failure = error
                    break
                }
                let bad = chunk.withUnsafeBufferPointer { chunk in
                    table.resolve(chunk, into: UnsafeMutableBufferPointer(rebasing: ids[done..<done + count]))
                }
                if let bad {
                    unknown = (done + bad, chunk[bad])
                    break
                }
                done += count
            }
            initialized = unknown == nil && failure == nil ? Int(m) : 0
        }
        if let failure { throw failure }
        if let (edge, address) = unknown {
            throw .corrupt(
                "edge \(edge) of object #\(source(ofEdge: edge, offsets)) points to address \(SnapshotFileAddressTable.hex(address)), which no object in the snapshot has"
            )
        }
        let labels = try readEdgeLabels(
            file,
            at: start + 8 * Int(m),
            count: m,
            offsets: offsets,
            stringCount: stringCount
        )
        return (offsets, targets, labels)
    }

    /// The edge count of `EDGE` or `EDGA`, with the section's object count and length checked.
    private static func edgeCount(
        _ file: SnapshotFileReadBuffer,
        _ section: SnapshotFileSection,
        objectCount n: UInt64,
        length: (UInt64, UInt64) -> UInt64
    ) throws(SnapshotFileError.Reason) -> UInt64 {
        let (sources, m) = try sectionHeader(file, section, contents: "its counts")
        guard sources == n else {
            throw .corrupt("\(section.name) is for \(sources) objects, but section OBJS has \(n)")
        }
        try checkLength(section, length(n, m), "\(n) objects and \(m) edges")
        return m
    }

    /// The `n + 1` edge offsets at the start of `EDGE` or `EDGA`: from 0, never decreasing, to `m`.
    private static func readEdgeOffsets(
        _ file: SnapshotFileReadBuffer,
        _ section: SnapshotFileSection,
        objectCount n: UInt64,
        edgeCount m: UInt64
    ) throws(SnapshotFileError.Reason) -> [UInt32] {
        let offsets = try file.array(UInt32.self, at: section.offset + 8, count: Int(n) + 1)
        guard offsets[0] == 0 else {
            throw .corrupt("\(section.name) has edge offsets starting at \(offsets[0]), not 0")
        }
        if let bad = SnapshotFileChecks.firstDecrease(in: offsets) {
            throw .corrupt(
                "object #\(bad - 1)'s edges end at \(offsets[bad]), before they start at \(offsets[bad - 1])"
            )
        }
        guard UInt64(offsets[offsets.count - 1]) == m else {
            throw .corrupt("\(section.name) has edge offsets ending at \(offsets[offsets.count - 1]), but \(m) edges")
        }
        return offsets
    }

    private static func readEdgeLabels(
        _ file: SnapshotFileReadBuffer,
        at start: Int,
        count m: UInt64,
        offsets: [UInt32],
        stringCount: UInt64
    ) throws(SnapshotFileError.Reason) -> [UInt32] {
        let labels = try file.array(UInt32.self, at: start, count: Int(m))
        if let bad = SnapshotFileChecks.firstIndex(in: labels, notBelow: stringCount) {
            throw .corrupt(
                "edge \(bad) of object #\(source(ofEdge: bad, offsets)) has label string \(labels[bad]), but the string table has \(stringCount) strings"
            )
        }
        return labels
    }

    /// The object whose edge range holds edge `e` (offsets already validated).
    private static func source(ofEdge e: Int, _ offsets: [UInt32]) -> Int {
        var low = 0
        var high = offsets.count - 1
        while high - low > 1 {
            let middle = (low + high) / 2
            if Int(offsets[middle]) <= e { low = middle } else { high = middle }
        }
        return low
    }

    private static func readRoots(
        _ file: SnapshotFileReadBuffer,
        _ section: SnapshotFileSection,
        objectCount n: UInt64,
        stringCount: UInt64
    ) throws(SnapshotFileError.Reason) -> [Root] {
        let (count, _) = try sectionHeader(file, section, contents: "its counts")
        try checkLength(section, 8 + SnapshotFileFormat.rootRecordSize * count, "\(count) roots")
        var roots: [Root] = []
        roots.reserveCapacity(Int(count))
        // One read for the records, then reads from memory.
        let records = SnapshotFileReadBuffer(bytes: try file.slice(at: section.offset + 8, count: section.length - 8))
        for index in 0..<Int(count) {
            let record = index * Int(SnapshotFileFormat.rootRecordSize)
            let object = try records.u32(at: record)
            let kindValue = try records.u32(at: record + 4)
            let name = try records.u32(at: record + 8)
            guard UInt64(object) < n else {
                throw .corrupt("root \(index) is object #\(object), but the snapshot has \(n) objects")
            }
            guard let kind = RootKind(rawValue: kindValue) else {
                throw .corrupt("root \(index) has kind \(kindValue), which this refgraph does not know")
            }
            guard UInt64(name) < stringCount else {
                throw .corrupt("root \(index) has name string \(name), but the string table has \(stringCount) strings")
            }
            roots.append(
                Root(
                    object: ObjectID(rawValue: object),
                    kind: kind,
                    name: StringID(rawValue: name),
                    detail: try records.u64(at: record + 16)
                )
            )
        }
        return roots
    }
}
