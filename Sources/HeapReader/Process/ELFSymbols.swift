/// The symbols of an ELF64 file (its `.dynsym` and, when not stripped, `.symtab`), the virtual
/// address its first loadable segment asks for, and its build id: enough to find where a
/// process placed a symbol (the address in the file plus the mapping's load bias) and to tell
/// whether a file on disk is the one a core file was written from.
public struct ELFSymbols: Sendable {
    /// Symbol values (addresses in the file's own numbering) by name.
    public private(set) var symbols: [String: UInt64] = [:]
    /// The loadable segments: (file offset, virtual address), in file order.
    public private(set) var loadSegments: [(offset: UInt64, address: UInt64)] = []
    /// The GNU build id, if the file has one.
    public private(set) var buildID: [UInt8]?

    /// Reads the symbol tables of the file at `path` (ELF64, little-endian).
    public init(path: String, wanted: Set<String>) throws(HeapReaderError) {
        let mapped = try MappedFile(path: path)
        let file = mapped.reader()
        let header = try ELFHeader(file)
        loadSegments = header.segments.filter { $0.type == ELFHeader.load }.map { ($0.offset, $0.address) }
        buildID = ELFHeader.buildID(in: try header.notes(file), of: file)
        let sectionHeaders = Int(clamping: try file.u64(0x28))
        let sectionSize = Int(try file.u16(0x3A))
        let sectionCount = Int(try file.u16(0x3C))
        for i in 0..<sectionCount {
            let at = sectionHeaders &+ i &* sectionSize
            let type = try file.u32(at + 4)
            guard type == 2 || type == 11 else { continue }  // SHT_SYMTAB, SHT_DYNSYM
            let offset = Int(clamping: try file.u64(at + 24))
            let size = Int(clamping: try file.u64(at + 32))
            let entrySize = Int(clamping: try file.u64(at + 56))
            let link = Int(try file.u32(at + 40))
            let strings = Int(clamping: try file.u64(sectionHeaders &+ link &* sectionSize &+ 24))
            guard entrySize >= 24 else { continue }
            for s in 0..<(size / entrySize) {
                let symbol = offset &+ s &* entrySize
                let value = try file.u64(symbol + 8)
                guard value != 0 else { continue }
                let name = try file.string(strings &+ Int(try file.u32(symbol)))
                if wanted.contains(name) { symbols[name] = value }
            }
        }
    }

    /// The load bias of this file in a process: where its first loadable segment was mapped
    /// minus the address the file asks for, from the mapping of the same file offset.
    public func loadBias(in map: MemoryMap, path: String) -> UInt64? {
        guard let first = loadSegments.first else { return nil }
        let page: UInt64 = 0xFFF
        let wantedOffset = first.offset & ~page
        guard let region = map.regions.first(where: { $0.path == path && $0.offset == wantedOffset }) else {
            return nil
        }
        return region.start &- (first.address & ~page)
    }
}
