import HeapGraph
import TestSupport
import Testing

/// A valid file taken apart into its sections, to be changed and put back together: the
/// tests' own independent writer of the layout in docs/snapshot-format.md.
struct SnapshotFileParts {
    struct Section {
        var tag: String
        var flags: UInt32
        var payload: [UInt8]
    }

    var major: UInt16 = 1
    var minor: UInt16 = 0
    var sections: [Section] = []

    init(_ bytes: [UInt8]) {
        let count = Int(Self.u32(bytes, 12))
        for i in 0..<count {
            let entry = 16 + 24 * i
            let tag = String(decoding: bytes[entry..<entry + 4], as: UTF8.self)
            let offset = Int(Self.u64(bytes, entry + 8))
            let length = Int(Self.u64(bytes, entry + 16))
            sections.append(
                Section(tag: tag, flags: Self.u32(bytes, entry + 4), payload: Array(bytes[offset..<offset + length]))
            )
        }
    }

    static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 | UInt32(bytes[at + $1]) << (8 * $1) }
    }

    static func u64(_ bytes: [UInt8], _ at: Int) -> UInt64 {
        (0..<8).reduce(0) { $0 | UInt64(bytes[at + $1]) << (8 * $1) }
    }

    static func put<T: FixedWidthInteger>(_ value: T, into bytes: inout [UInt8], at: Int) {
        for i in 0..<MemoryLayout<T>.size { bytes[at + i] = UInt8(truncatingIfNeeded: value >> (8 * i)) }
    }

    /// The section with this tag.
    subscript(tag: String) -> [UInt8] {
        get { sections.first { $0.tag == tag }?.payload ?? [] }
        set {
            if let index = sections.firstIndex(where: { $0.tag == tag }) { sections[index].payload = newValue }
        }
    }

    /// Overwrites a little-endian value inside a section.
    mutating func set<T: FixedWidthInteger>(_ tag: String, at offset: Int, _ value: T) {
        var payload = self[tag]
        Self.put(value, into: &payload, at: offset)
        self[tag] = payload
    }

    /// The file: header, directory, sections each at the next multiple of 8.
    func assembled() -> [UInt8] {
        var out: [UInt8] = [0x89, 0x52, 0x47, 0x53, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0, 0, 0, 0, 0]
        Self.put(major, into: &out, at: 8)
        Self.put(minor, into: &out, at: 10)
        Self.put(UInt32(sections.count), into: &out, at: 12)
        var offset = 16 + 24 * sections.count
        var body: [UInt8] = []
        for section in sections {
            var entry = [UInt8](repeating: 0, count: 24)
            entry.replaceSubrange(0..<4, with: Array(section.tag.utf8))
            Self.put(section.flags, into: &entry, at: 4)
            Self.put(UInt64(offset), into: &entry, at: 8)
            Self.put(UInt64(section.payload.count), into: &entry, at: 16)
            out += entry
            body += section.payload
            while body.count % 8 != 0 { body.append(0) }
            offset = 16 + 24 * sections.count + body.count
        }
        return out + body
    }
}

@Suite struct SnapshotFileValidationTests {
    let valid = SnapshotFile.encode(SampleSnapshots.tinyHeap())
    var parts: SnapshotFileParts { SnapshotFileParts(valid) }

    func reason(_ bytes: [UInt8]) -> SnapshotFileError.Reason? {
        do {
            _ = try SnapshotFile.decode(bytes)
            return nil
        } catch {
            return error.reason
        }
    }

    func message(_ bytes: [UInt8]) -> String? {
        do {
            _ = try SnapshotFile.decode(bytes)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func testPartsReassembleTheEncoderOutputExactly() {
        #expect(parts.assembled() == valid)
        #expect(parts.sections.map(\.tag) == ["META", "STRS", "TYPS", "OBJS", "EDGE", "ROOT"])
        #expect(parts.sections.allSatisfy { $0.flags == 1 })
    }

    @Test func everyPrefixIsRefusedAsTruncated() {
        for length in 0..<valid.count {
            let prefix = Array(valid[0..<length])
            guard case let .truncated(_, end, fileSize)? = reason(prefix) else {
                Issue.record("prefix of \(length) bytes: \(String(describing: reason(prefix)))")
                continue
            }
            #expect(fileSize == UInt64(length) && end > fileSize)
        }
    }

    @Test func truncationMessageNamesTheSection() {
        let cut = Array(valid.dropLast(10))
        #expect(
            message(cut)
                == "the snapshot data is truncated: section ROOT ends at byte \(valid.count) but the file has \(valid.count - 10) bytes."
        )
        #expect(
            message([0x89, 0x52])
                == "the snapshot data is truncated: the header ends at byte 16 but the file has 2 bytes."
        )
    }

    @Test func wrongMagicIsRefused() {
        var bytes = valid
        bytes[1] = UInt8(ascii: "X")
        #expect(message(bytes) == "the snapshot data is not a refgraph snapshot (wrong magic bytes).")
        #expect(reason(Array("RGSNAP".utf8)) == .wrongMagic)
    }

    @Test func textModeNewlineConversionIsCaught() {
        var bytes = valid
        bytes.remove(at: 4)  // CR LF became LF
        #expect(reason(bytes) == .wrongMagic)
        var stripped = valid
        stripped[0] &= 0x7F  // a 7-bit transfer
        #expect(reason(stripped) == .wrongMagic)
    }

    @Test func futureMajorVersionAsksForAnUpgrade() {
        var p = parts
        p.major = 3
        #expect(
            message(p.assembled())
                == "the snapshot data was written by format version 3.0; this refgraph reads version 1.x: upgrade refgraph."
        )
        p.major = 0
        #expect(reason(p.assembled()) == .unsupportedVersion(major: 0, minor: 0))
    }

    @Test func newerMinorVersionIsRead() throws {
        var p = parts
        p.minor = 9
        #expect(try SnapshotFile.decode(p.assembled()) == SampleSnapshots.tinyHeap())
    }

    @Test func unknownOptionalSectionIsSkipped() throws {
        var p = parts
        p.sections.insert(.init(tag: "XTRA", flags: 0, payload: Array("anything at all".utf8)), at: 2)
        p.sections.append(.init(tag: "ZZZZ", flags: 6, payload: [1, 2, 3]))
        #expect(try SnapshotFile.decode(p.assembled()) == SampleSnapshots.tinyHeap())
    }

    @Test func sectionsMayComeInAnyOrder() throws {
        var p = parts
        p.sections.reverse()
        #expect(try SnapshotFile.decode(p.assembled()) == SampleSnapshots.tinyHeap())
    }

    @Test func unknownRequiredSectionIsRefused() {
        var p = parts
        p.sections.append(.init(tag: "XTRA", flags: 1, payload: []))
        #expect(
            message(p.assembled())
                == "the snapshot data needs section XTRA, which this refgraph does not know: upgrade refgraph."
        )
    }

    @Test(arguments: ["META", "STRS", "TYPS", "OBJS", "EDGE", "ROOT"])
    func missingRequiredSectionIsRefused(tag: String) {
        var p = parts
        p.sections.removeAll { $0.tag == tag }
        #expect(message(p.assembled()) == "the snapshot data is corrupt: it has no \(tag) section.")
    }

    @Test func duplicateSectionIsRefused() {
        var p = parts
        p.sections.append(p.sections[5])
        #expect(reason(p.assembled()) == .duplicateSection("ROOT"))
    }

    @Test func nonPrintableTagsAreShownEscaped() {
        var p = parts
        p.sections.append(.init(tag: "A\u{1}BC", flags: 1, payload: []))
        #expect(reason(p.assembled()) == .unknownRequiredSection("A\\x01BC"))
    }

    /// The directory entry of section `index` starts at this byte.
    func entry(_ index: Int) -> Int { 16 + 24 * index }

    @Test func misalignedSectionIsRefused() {
        var bytes = valid
        let offset = SnapshotFileParts.u64(bytes, entry(5) + 8)
        SnapshotFileParts.put(offset + 4, into: &bytes, at: entry(5) + 8)
        SnapshotFileParts.put(UInt64(20), into: &bytes, at: entry(5) + 16)
        #expect(
            message(bytes)
                == "the snapshot data is corrupt: section ROOT starts at byte \(offset + 4), which is not a multiple of 8."
        )
    }

    @Test func sectionPastTheEndIsRefused() {
        var bytes = valid
        SnapshotFileParts.put(UInt64(1) << 40, into: &bytes, at: entry(3) + 16)
        let offset = SnapshotFileParts.u64(bytes, entry(3) + 8)
        #expect(
            reason(bytes) == .truncated(what: "section OBJS", end: offset + (1 << 40), fileSize: UInt64(valid.count))
        )
    }

    @Test func overflowingOffsetAndLengthAreRefused() {
        var bytes = valid
        SnapshotFileParts.put(UInt64.max - 7, into: &bytes, at: entry(4) + 8)
        SnapshotFileParts.put(UInt64(16), into: &bytes, at: entry(4) + 16)
        #expect(
            reason(bytes) == .corrupt("section EDGE has offset \(UInt64.max - 7) and length 16, which overflow 64 bits")
        )
    }

    @Test func sectionInsideTheHeaderIsRefused() {
        var bytes = valid
        SnapshotFileParts.put(UInt64(8), into: &bytes, at: entry(0) + 8)
        #expect(reason(bytes) == .corrupt("section META starts at byte 8, inside the header and directory"))
    }

    @Test func overlappingSectionsAreRefused() {
        var bytes = valid
        let stringsOffset = SnapshotFileParts.u64(bytes, entry(1) + 8)
        SnapshotFileParts.put(stringsOffset, into: &bytes, at: entry(2) + 8)
        #expect(reason(bytes) == .corrupt("section STRS starts at byte \(stringsOffset), inside section TYPS"))
    }

    @Test func directoryPastTheEndIsRefused() {
        var bytes = Array(valid[0..<200])
        SnapshotFileParts.put(UInt32(1000), into: &bytes, at: 12)
        #expect(reason(bytes) == .truncated(what: "the section directory", end: 16 + 24_000, fileSize: 200))
    }

    // MARK: Counts against lengths, before any allocation

    @Test func hugeObjectCountInASmallFileIsRefused() {
        var p = parts
        p.set("OBJS", at: 0, UInt32(0xFFFF_FFFE))
        #expect(
            message(p.assembled()) == "the snapshot data is corrupt: section OBJS is \(p["OBJS"].count) bytes long, "
                + "but 4294967294 objects need exactly \(8 + 24 * 0xFFFF_FFFE + 3 * 4 * 0xFFFF_FFFE) bytes."
        )
        p.set("OBJS", at: 0, UInt32.max)
        #expect(
            reason(p.assembled())
                == .corrupt("section OBJS declares 4294967295 objects, more than the limit of 4294967294")
        )
    }

    @Test func hugeCountsInEverySectionAreRefused() {
        for (tag, offset) in [("STRS", 0), ("TYPS", 0), ("EDGE", 4), ("ROOT", 0)] {
            var p = parts
            p.set(tag, at: offset, UInt32.max)
            guard case .sectionLength(section: tag, _, _, _)? = reason(p.assembled()) else {
                Issue.record("\(tag): \(String(describing: reason(p.assembled())))")
                continue
            }
        }
    }

    @Test func aHundredByteFileWithAHugeCountIsRefused() {
        // A whole file: header, one-entry directory, and an OBJS claiming 2^32 - 2 objects.
        var bytes = Array(valid[0..<16]) + [UInt8](repeating: 0, count: 84)
        SnapshotFileParts.put(UInt32(1), into: &bytes, at: 12)
        bytes.replaceSubrange(16..<20, with: Array("OBJS".utf8))
        SnapshotFileParts.put(UInt32(1), into: &bytes, at: 20)
        SnapshotFileParts.put(UInt64(40), into: &bytes, at: 24)
        SnapshotFileParts.put(UInt64(60), into: &bytes, at: 32)
        SnapshotFileParts.put(UInt32(0xFFFF_FFFE), into: &bytes, at: 40)
        #expect(bytes.count == 100)
        #expect(reason(bytes) == .missingSection("META"))
        var p = parts
        p.sections[3] = SnapshotFileParts(bytes).sections[0]
        guard case .sectionLength(section: "OBJS", length: 60, _, _)? = reason(p.assembled()) else {
            Issue.record("\(String(describing: reason(p.assembled())))")
            return
        }
    }

    @Test func shortSectionHeaderIsRefused() {
        var p = parts
        p["ROOT"] = [1, 0, 0]
        #expect(
            reason(p.assembled()) == .sectionLength(section: "ROOT", length: 3, expected: 8, contents: "its counts")
        )
    }

    @Test func extraBytesInASectionAreRefused() {
        var p = parts
        p["ROOT"] += [UInt8](repeating: 0, count: 8)
        #expect(reason(p.assembled()) == .sectionLength(section: "ROOT", length: 88, expected: 80, contents: "3 roots"))
    }

    // MARK: Strings

    @Test func stringTableMustHoldTheEmptyString() {
        var p = parts
        p["STRS"] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        #expect(reason(p.assembled()) == .corrupt("section STRS has no strings, but string 0 must be the empty string"))
        p["STRS"] = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, UInt8(ascii: "x")]
        #expect(reason(p.assembled()) == .corrupt("section STRS has a non-empty string 0"))
    }

    @Test func stringOffsetsMustStartAtZeroRiseAndEndAtTheBytes() {
        var p = parts
        p.set("STRS", at: 8, UInt32(1))
        #expect(reason(p.assembled()) == .corrupt("section STRS has string offsets starting at 1, not 0"))

        p = parts
        // Strings 0, 1 ("__main__") and 2: offsets 0, 0, 8, ...; make string 2 end before it starts.
        p.set("STRS", at: 8 + 4 * 3, UInt32(0))
        #expect(reason(p.assembled()) == .corrupt("section STRS has string offset 3 (0) below the one before it (8)"))

        p = parts
        p["STRS"].append(UInt8(ascii: "!"))
        guard case .corrupt(let detail)? = reason(p.assembled()) else {
            Issue.record("an extra string byte was accepted")
            return
        }
        #expect(detail.hasPrefix("section STRS has string offsets ending at"))
    }

    @Test func invalidUTF8InStringsIsTolerated() throws {
        var p = parts
        // Object #9's label starts with a quote; make its second byte invalid UTF-8.
        let snapshot = SampleSnapshots.tinyHeap()
        let label = Int(snapshot.labels[9])
        let start = Int(snapshot.strings.offsets[label])
        let count = Int(SnapshotFileParts.u32(p["STRS"], 0))
        let blob = 8 + (4 * (count + 1) + 7) / 8 * 8
        var strs = p["STRS"]
        strs[blob + start + 1] = 0xFF
        p["STRS"] = strs
        let decoded = try SnapshotFile.decode(p.assembled())
        #expect(decoded.label(of: ObjectID(9)).hasPrefix("'\u{FFFD}xx"))
    }

    // MARK: Ids in range

    @Test func objectTypeOutOfRangeIsRefused() {
        var p = parts
        p.set("OBJS", at: 8 + 24 * 12 + 4 * 5, UInt32(11))
        #expect(
            message(p.assembled())
                == "the snapshot data is corrupt: object #5 has type 11, but the type table has 11 types."
        )
    }

    @Test func objectLabelOutOfRangeIsRefused() {
        var p = parts
        let strings = SnapshotFileParts.u32(p["STRS"], 0)
        p.set("OBJS", at: 8 + 24 * 12 + 48 + 4 * 11, strings)
        #expect(
            reason(p.assembled())
                == .corrupt("object #11 has label string \(strings), but the string table has \(strings) strings")
        )
    }

    @Test func typeObjectOutOfRangeIsRefused() {
        var p = parts
        p.set("TYPS", at: 8 + 4 * 3, UInt32(12))
        #expect(reason(p.assembled()) == .corrupt("type 3 names type object #12, but the snapshot has 12 objects"))
    }

    /// Edge arrays of the tiny heap: 12 objects, 15 edges.
    let edgeTargetsStart = 8 + 56, edgeLabelsStart = 8 + 56 + 64

    @Test func edgeTargetOutOfRangeIsRefused() {
        var p = parts
        p.set("EDGE", at: edgeTargetsStart + 4 * 4, UInt32(12))
        #expect(
            message(p.assembled())
                == "the snapshot data is corrupt: edge 4 of object #3 points to object #12, but the snapshot has 12 objects."
        )
    }

    @Test func edgeLabelOutOfRangeIsRefused() {
        var p = parts
        p.set("EDGE", at: edgeLabelsStart + 4 * 14, UInt32.max)
        #expect(
            reason(p.assembled())
                == .corrupt(
                    "edge 14 of object #10 has label string 4294967295, but the string table has \(SnapshotFileParts.u32(p["STRS"], 0)) strings"
                )
        )
    }

    @Test func decreasingEdgeOffsetsAreRefused() {
        var p = parts
        p.set("EDGE", at: 8 + 4 * 2, UInt32(0))
        #expect(reason(p.assembled()) == .corrupt("object #1's edges end at 0, before they start at 1"))
    }

    @Test func edgeOffsetsMustStartAtZeroAndEndAtTheEdgeCount() {
        var p = parts
        p.set("EDGE", at: 8, UInt32(1))
        #expect(reason(p.assembled()) == .corrupt("section EDGE has edge offsets starting at 1, not 0"))
        p = parts
        p.set("EDGE", at: 8 + 4 * 12, UInt32(16))
        #expect(reason(p.assembled()) == .corrupt("section EDGE has edge offsets ending at 16, but 15 edges"))
    }

    @Test func edgeSectionForAnotherObjectCountIsRefused() {
        var p = parts
        p.set("EDGE", at: 0, UInt32(11))
        #expect(reason(p.assembled()) == .corrupt("section EDGE is for 11 objects, but section OBJS has 12"))
    }

    @Test func rootsAreChecked() {
        var p = parts
        p.set("ROOT", at: 8 + 24 + 4, UInt32(4))
        #expect(reason(p.assembled()) == .corrupt("root 1 has kind 4, which this refgraph does not know"))
        p = parts
        p.set("ROOT", at: 8 + 4, UInt32(0))
        #expect(reason(p.assembled()) == .corrupt("root 0 has kind 0, which this refgraph does not know"))
        p = parts
        p.set("ROOT", at: 8 + 48, UInt32(12))
        #expect(reason(p.assembled()) == .corrupt("root 2 is object #12, but the snapshot has 12 objects"))
        p = parts
        p.set("ROOT", at: 8 + 8, UInt32(99_999))
        #expect(
            reason(p.assembled())
                == .corrupt(
                    "root 0 has name string 99999, but the string table has \(SnapshotFileParts.u32(p["STRS"], 0)) strings"
                )
        )
    }

    @Test func reservedWordsAreIgnored() throws {
        var p = parts
        p.set("OBJS", at: 4, UInt32(7))
        p.set("ROOT", at: 8 + 12, UInt32(7))
        #expect(try SnapshotFile.decode(p.assembled()) == SampleSnapshots.tinyHeap())
    }

    @Test func randomByteFlipsNeverCrash() {
        var rng = SplitMix64(seed: 2024)
        for _ in 0..<3000 {
            var bytes = valid
            for _ in 0..<(1 + Int(rng.next() % 3)) {
                bytes[Int(rng.next() % UInt64(bytes.count))] ^= UInt8(truncatingIfNeeded: 1 + rng.next() % 255)
            }
            // Any result is fine as long as it is a snapshot or a SnapshotFileError.
            _ = reason(bytes)
        }
    }
}
