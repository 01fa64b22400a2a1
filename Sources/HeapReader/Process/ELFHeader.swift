/// The header and program headers of an ELF64 little-endian file, a core file, or the first
/// page of a mapped ELF file as a core holds it, and the notes its `PT_NOTE` segments carry.
struct ELFHeader {
    /// One program header.
    struct Segment {
        var type: UInt32
        var flags: UInt32
        var offset: UInt64
        var address: UInt64
        var fileSize: UInt64
        var memorySize: UInt64
    }

    /// One note: its owner's name, its type, and where its descriptor is in the bytes read.
    struct Note {
        var name: String
        var type: UInt32
        var descriptor: Range<Int>
    }

    static let load: UInt32 = 1
    static let note: UInt32 = 4
    /// `e_type` of a core file.
    static let core: UInt16 = 4

    /// `e_type`: executable, shared object, core...
    var type: UInt16
    var segments: [Segment] = []

    /// Reads the header of `bytes`.
    /// - Throws: `.badFile` if it is not a 64-bit little-endian ELF file, or if its program
    ///   headers lie past the end of `bytes`.
    init(_ bytes: ByteReader) throws(HeapReaderError) {
        guard Self.isELF64(bytes) else {
            throw HeapReaderError(.badFile, "\(bytes.name) is not a 64-bit little-endian ELF file.")
        }
        type = try bytes.u16(0x10)
        let table = try bytes.u64(0x20)
        let entrySize = Int(try bytes.u16(0x36))
        let count = Int(try bytes.u16(0x38))
        guard table < UInt64(Int.max / 2), entrySize >= 56 || count == 0 else {
            throw HeapReaderError(.badFile, "\(bytes.name) has a damaged ELF header.")
        }
        for i in 0..<count {
            let at = Int(table) + i * entrySize
            segments.append(
                Segment(
                    type: try bytes.u32(at),
                    flags: try bytes.u32(at + 4),
                    offset: try bytes.u64(at + 8),
                    address: try bytes.u64(at + 16),
                    fileSize: try bytes.u64(at + 32),
                    memorySize: try bytes.u64(at + 40)
                )
            )
        }
    }

    /// Whether `bytes` starts with the header of a 64-bit little-endian ELF file.
    static func isELF64(_ bytes: ByteReader) -> Bool {
        guard bytes.count >= 64 else { return false }
        return bytes.bytes[0] == 0x7F && bytes.bytes[1] == 0x45 && bytes.bytes[2] == 0x4C && bytes.bytes[3] == 0x46
            && bytes.bytes[4] == 2 && bytes.bytes[5] == 1
    }

    /// The notes of every `PT_NOTE` segment that lies wholly inside `bytes` (a first page copied
    /// into a core may hold some and not others).
    func notes(_ bytes: ByteReader) throws(HeapReaderError) -> [Note] {
        var out: [Note] = []
        for segment in segments where segment.type == Self.note {
            guard segment.offset < UInt64(Int.max / 2), segment.fileSize < UInt64(Int.max / 2),
                bytes.contains(Int(segment.offset), Int(segment.fileSize))
            else { continue }
            var at = Int(segment.offset)
            let end = at + Int(segment.fileSize)
            while at + 12 <= end {
                let nameSize = Int(try bytes.u32(at))
                let descriptorSize = Int(try bytes.u32(at + 4))
                let type = try bytes.u32(at + 8)
                let nameAt = at + 12
                let descriptorAt = nameAt + ((nameSize + 3) & ~3)
                let next = descriptorAt + ((descriptorSize + 3) & ~3)
                guard next <= end, descriptorAt + descriptorSize <= end else {
                    throw HeapReaderError(.badFile, "\(bytes.name) has a damaged note at \(at).")
                }
                let name = nameSize > 0 ? try bytes.string(nameAt, end: nameAt + nameSize) : ""
                out.append(Note(name: name, type: type, descriptor: descriptorAt..<(descriptorAt + descriptorSize)))
                at = next
            }
        }
        return out
    }

    /// The GNU build id (`NT_GNU_BUILD_ID`) among `notes`, or nil.
    static func buildID(in notes: [Note], of bytes: ByteReader) -> [UInt8]? {
        guard let note = notes.first(where: { $0.name == "GNU" && $0.type == 3 }) else { return nil }
        return try? Array(bytes.slice(note.descriptor.lowerBound, note.descriptor.count))
    }

    /// The GNU build id of the ELF file (or first page of one) in `bytes`, or nil if it is not
    /// ELF or has none there.
    static func buildID(of bytes: ByteReader) -> [UInt8]? {
        guard isELF64(bytes), let header = try? ELFHeader(bytes), let notes = try? header.notes(bytes) else {
            return nil
        }
        return buildID(in: notes, of: bytes)
    }
}
