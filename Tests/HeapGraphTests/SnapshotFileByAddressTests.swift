import HeapGraph
import TestSupport
import Testing

/// Format 1.1's `EDGA` section (references by target address, as the pure-Python agent
/// writes them): the reader resolves each address and derives the held-from-outside roots.
/// The files are made by the tests' own writer from the tiny heap's 1.0 file.
@Suite struct SnapshotFileByAddressTests {
    let tiny = SampleSnapshots.tinyHeap()

    /// The tiny heap's file with `EDGE` rewritten as `EDGA` and the kind-3 roots left out.
    var parts: SnapshotFileParts {
        var p = SnapshotFileParts(SnapshotFile.encode(tiny))
        let edge = p["EDGE"]
        let objs = p["OBJS"]
        let n = Int(SnapshotFileParts.u32(edge, 0))
        let m = Int(SnapshotFileParts.u32(edge, 4))
        let offsetsEnd = 8 + (4 * (n + 1) + 7) / 8 * 8
        var edga = Array(edge[0..<offsetsEnd])
        for e in 0..<m {
            let target = Int(SnapshotFileParts.u32(edge, offsetsEnd + 4 * e))
            edga += Self.bytes(SnapshotFileParts.u64(objs, 8 + 8 * target))
        }
        let labelsStart = offsetsEnd + (4 * m + 7) / 8 * 8
        edga += edge[labelsStart..<labelsStart + (4 * m + 7) / 8 * 8]
        let index = p.sections.firstIndex { $0.tag == "EDGE" }!
        p.sections[index] = .init(tag: "EDGA", flags: 1, payload: edga)
        let root = p["ROOT"]
        var kept: [UInt8] = []
        var count: UInt32 = 0
        for r in 0..<Int(SnapshotFileParts.u32(root, 0)) {
            let record = Array(root[8 + 24 * r..<8 + 24 * (r + 1)])
            if SnapshotFileParts.u32(record, 4) != RootKind.heldFromOutside.rawValue {
                kept += record
                count += 1
            }
        }
        p["ROOT"] = Self.bytes(count) + Self.bytes(UInt32(0)) + kept
        p.minor = 1
        return p
    }

    static func bytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: MemoryLayout<T>.size)
        SnapshotFileParts.put(value, into: &out, at: 0)
        return out
    }

    func reason(_ bytes: [UInt8]) -> SnapshotFileError.Reason? {
        do {
            _ = try SnapshotFile.decode(bytes)
            return nil
        } catch {
            return error.reason
        }
    }

    /// Counted by hand from the tiny heap's refcounts and edges: (object, refcount − edges to it).
    let heldFromOutside: [(Int, UInt64)] = [(0, 2), (1, 1), (2, 3), (5, 1), (6, 1), (7, 1), (10, 4), (11, 99)]

    @Test func targetsResolveToTheSameEdgesAndHeldRootsAreDerived() throws {
        let decoded = try SnapshotFile.decode(parts.assembled())
        var expected = tiny
        expected.roots =
            tiny.roots.filter { $0.kind != .heldFromOutside }
            + heldFromOutside.map { Root(object: ObjectID($0.0), kind: .heldFromOutside, detail: $0.1) }
        #expect(decoded == expected)
        #expect(decoded.edgeTargets == tiny.edgeTargets)
    }

    @Test func reEncodingWritesAVersionOneZeroFileWithTheDerivedRoots() throws {
        let decoded = try SnapshotFile.decode(parts.assembled())
        let rewritten = SnapshotFile.encode(decoded)
        #expect(SnapshotFileParts(rewritten).sections.map(\.tag) == ["META", "STRS", "TYPS", "OBJS", "EDGE", "ROOT"])
        #expect(rewritten[10] == 0)
        #expect(try SnapshotFile.decode(rewritten) == decoded)
    }

    @Test func immortalObjectsAreNeverHeldFromOutside() throws {
        var p = parts
        let refcounts = 8 + 16 * tiny.addresses.count
        p.set("OBJS", at: refcounts + 8 * 11, UInt64(Root.immortalRefcount))
        p.set("OBJS", at: refcounts + 8 * 2, UInt64(Root.immortalRefcount - 1))
        let roots = try SnapshotFile.decode(p.assembled()).roots.filter { $0.kind == .heldFromOutside }
        #expect(!roots.contains { $0.object == ObjectID(11) })
        #expect(roots.first { $0.object == ObjectID(2) }?.detail == Root.immortalRefcount - 3)
    }

    @Test func anAddressNoObjectHasIsRefused() {
        var p = parts
        let targets = 8 + 56
        p.set("EDGA", at: targets + 8 * 4, UInt64(0x1234))
        #expect(
            reason(p.assembled())
                == .corrupt(
                    "edge 4 of object #3 points to address 0x1234, which no object in the snapshot has"
                )
        )
    }

    @Test func repeatedAddressesAreRefused() {
        var p = parts
        p.set("OBJS", at: 8 + 8 * 3, SnapshotFileParts.u64(p["OBJS"], 8 + 8 * 1))
        #expect(
            reason(p.assembled())
                == .corrupt(
                    "objects #1 and #3 have the same address 0x7f0000002000, but a file with section EDGA needs distinct addresses"
                )
        )
    }

    @Test func aHeldFromOutsideRootInTheFileIsRefused() {
        var p = parts
        p.set("ROOT", at: 8 + 24 + 4, RootKind.heldFromOutside.rawValue)
        #expect(
            reason(p.assembled())
                == .corrupt(
                    "root 1 is of kind 3 (held from outside), which a file with section EDGA leaves to the reader"
                )
        )
    }

    @Test func edgeAndEdgaTogetherAreRefused() {
        var p = parts
        p.sections.append(SnapshotFileParts(SnapshotFile.encode(tiny)).sections.first { $0.tag == "EDGE" }!)
        #expect(reason(p.assembled()) == .corrupt("it has both an EDGE and an EDGA section, where one of them belongs"))
    }

    @Test func withNeitherTheEdgeSectionIsMissing() {
        var p = parts
        p.sections.removeAll { $0.tag == "EDGA" }
        #expect(reason(p.assembled()) == .missingSection("EDGE"))
    }

    @Test func lengthAndCountsAreChecked() {
        var p = parts
        p["EDGA"] = p["EDGA"] + [UInt8](repeating: 0, count: 8)
        #expect(
            reason(p.assembled())
                == .sectionLength(
                    section: "EDGA",
                    length: 256,
                    expected: 248,
                    contents: "12 objects and 15 edges"
                )
        )
        p = parts
        p.set("EDGA", at: 0, UInt32(11))
        #expect(reason(p.assembled()) == .corrupt("section EDGA is for 11 objects, but section OBJS has 12"))
        p = parts
        p.set("EDGA", at: 8 + 4 * 12, UInt32(16))
        #expect(reason(p.assembled()) == .corrupt("section EDGA has edge offsets ending at 16, but 15 edges"))
    }

    @Test func everyPrefixAndRandomFlipsAreRefusedWithoutACrash() {
        let valid = parts.assembled()
        for length in 0..<valid.count {
            guard case .truncated? = reason(Array(valid[0..<length])) else {
                Issue.record("prefix of \(length) bytes was not refused as truncated")
                return
            }
        }
        var rng = SplitMix64(seed: 11)
        for _ in 0..<3000 {
            var bytes = valid
            bytes[Int(rng.next() % UInt64(bytes.count))] ^= UInt8(truncatingIfNeeded: 1 + rng.next() % 255)
            _ = reason(bytes)
        }
    }
}
