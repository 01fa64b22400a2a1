/// Constants and layout arithmetic of the snapshot file format (docs/snapshot-format.md),
/// shared by the reader and the writer.
enum SnapshotFileFormat {
    /// `\x89RGS\r\n\x1a\n`: a high-bit byte, then CR LF, Ctrl-Z and LF, so that 7-bit transfers
    /// and text-mode newline conversion are caught, as in PNG.
    static let magic: [UInt8] = [0x89, 0x52, 0x47, 0x53, 0x0D, 0x0A, 0x1A, 0x0A]
    static let majorVersion: UInt16 = 1
    /// The minor version refgraph writes: its files store references by object id (`EDGE`),
    /// which version 1.0 readers read. (The pure-Python agent writes 1.1, with `EDGA`.)
    static let minorVersion: UInt16 = 0
    /// Magic, major version, minor version, section count.
    static let headerSize: UInt64 = 16
    /// Tag, flags, offset, length.
    static let directoryEntrySize: UInt64 = 24
    /// Directory flag bit 0: a reader that does not know the section must refuse the file.
    static let requiredFlag: UInt32 = 1
    /// The largest object count: `0xFFFFFFFF` means "no object" in `TYPS`.
    static let maxObjectCount: UInt64 = 0xFFFF_FFFE
    /// "No object" in the type table.
    static let noObject: UInt32 = 0xFFFF_FFFF
    /// Bytes of one `ROOT` record: object, kind, name, reserved, detail.
    static let rootRecordSize: UInt64 = 24

    /// `n` rounded up to a multiple of 8.
    static func padded(_ n: UInt64) -> UInt64 { (n + 7) & ~7 }

    /// Length of the `OBJS` section for `n` objects.
    static func objectsLength(_ n: UInt64) -> UInt64 { 8 + 24 * n + 3 * padded(4 * n) }

    /// Length of the `EDGE` section for `n` objects and `m` edges.
    static func edgesLength(objects n: UInt64, edges m: UInt64) -> UInt64 {
        8 + padded(4 * (n + 1)) + 2 * padded(4 * m)
    }

    /// Length of the `EDGA` section (targets as `u64` addresses) for `n` objects and `m` edges.
    static func edgesByAddressLength(objects n: UInt64, edges m: UInt64) -> UInt64 {
        8 + padded(4 * (n + 1)) + 8 * m + padded(4 * m)
    }
}

/// A section's four-character tag, stored as its four ASCII bytes in file order.
struct SnapshotFileTag: Hashable, Sendable, CustomStringConvertible {
    /// The four bytes read as a little-endian `UInt32`.
    var rawValue: UInt32

    init(rawValue: UInt32) { self.rawValue = rawValue }

    init(_ text: StaticString) {
        precondition(text.utf8CodeUnitCount == 4, "a tag has four characters")
        var value: UInt32 = 0
        for i in 0..<4 { value |= UInt32(text.utf8Start[i]) << (8 * UInt32(i)) }
        rawValue = value
    }

    static let meta = SnapshotFileTag("META")
    static let strings = SnapshotFileTag("STRS")
    static let types = SnapshotFileTag("TYPS")
    static let objects = SnapshotFileTag("OBJS")
    static let edges = SnapshotFileTag("EDGE")
    /// References with their targets stored by address (format 1.1), in place of `EDGE`.
    static let edgesByAddress = SnapshotFileTag("EDGA")
    static let roots = SnapshotFileTag("ROOT")

    /// The sections every version 1 file has, in the order the writer puts them; a 1.1 file
    /// may have `EDGA` in place of `EDGE`.
    static let required: [SnapshotFileTag] = [.meta, .strings, .types, .objects, .edges, .roots]
    /// The sections this reader knows.
    static let known: [SnapshotFileTag] = required + [.edgesByAddress]

    /// The tag's characters; bytes that are not printable ASCII are shown as `\xNN`.
    var description: String {
        var text = ""
        for i in 0..<4 {
            let byte = UInt8(truncatingIfNeeded: rawValue >> (8 * UInt32(i)))
            if byte >= 0x21 && byte < 0x7F {
                text.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                text += "\\x" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return text
    }
}
