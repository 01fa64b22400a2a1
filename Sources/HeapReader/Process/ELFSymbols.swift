import Foundation

/// The symbols of an ELF64 file (its `.dynsym` and, when not stripped, `.symtab`) and the
/// virtual address its first loadable segment asks for, to find where a running process
/// placed a symbol: the address in the file plus the mapping's load bias.
public struct ELFSymbols: Sendable {
    /// Symbol values (addresses in the file's own numbering) by name.
    public private(set) var symbols: [String: UInt64] = [:]
    /// The loadable segments: (file offset, virtual address), in file order.
    public private(set) var loadSegments: [(offset: UInt64, address: UInt64)] = []

    /// Reads the symbol tables of the file at `path` (ELF64, little-endian).
    public init(path: String, wanted: Set<String>) throws(HeapReaderError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw HeapReaderError(.badFile, "Cannot read \(path).")
        }
        let bytes = [UInt8](data)
        let file = ELFBytes(bytes: bytes, path: path)
        guard bytes.count >= 64, bytes[0..<4] == [0x7F, 0x45, 0x4C, 0x46], bytes[4] == 2, bytes[5] == 1 else {
            throw HeapReaderError(.badFile, "\(path) is not a 64-bit little-endian ELF file.")
        }
        let programHeaders = try file.u64(0x20)
        let sectionHeaders = try file.u64(0x28)
        let programSize = Int(try file.u16(0x36))
        let programCount = Int(try file.u16(0x38))
        let sectionSize = Int(try file.u16(0x3A))
        let sectionCount = Int(try file.u16(0x3C))
        for i in 0..<programCount {
            let at = Int(programHeaders) + i * programSize
            if try file.u32(at) == 1 {  // PT_LOAD
                loadSegments.append((try file.u64(at + 8), try file.u64(at + 16)))
            }
        }
        for i in 0..<sectionCount {
            let at = Int(sectionHeaders) + i * sectionSize
            let type = try file.u32(at + 4)
            guard type == 2 || type == 11 else { continue }  // SHT_SYMTAB, SHT_DYNSYM
            let offset = Int(try file.u64(at + 24))
            let size = Int(try file.u64(at + 32))
            let entrySize = Int(try file.u64(at + 56))
            let link = Int(try file.u32(at + 40))
            let strings = Int(try file.u64(Int(sectionHeaders) + link * sectionSize + 24))
            guard entrySize >= 24 else { continue }
            for s in 0..<(size / entrySize) {
                let symbol = offset + s * entrySize
                let value = try file.u64(symbol + 8)
                guard value != 0 else { continue }
                let name = try file.string(strings + Int(try file.u32(symbol)))
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

/// Bounds-checked little-endian reads from a file's bytes.
private struct ELFBytes {
    let bytes: [UInt8]
    let path: String

    func check(_ at: Int, _ count: Int) throws(HeapReaderError) {
        guard at >= 0, count >= 0, at <= bytes.count - count else {
            throw HeapReaderError(.badFile, "\(path) is truncated or damaged (a read at \(at) is past its end).")
        }
    }

    func u16(_ at: Int) throws(HeapReaderError) -> UInt16 {
        try check(at, 2)
        return UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    func u32(_ at: Int) throws(HeapReaderError) -> UInt32 {
        try check(at, 4)
        return (0..<4).reduce(0) { $0 | UInt32(bytes[at + $1]) << (8 * $1) }
    }

    func u64(_ at: Int) throws(HeapReaderError) -> UInt64 {
        try check(at, 8)
        return (0..<8).reduce(0) { $0 | UInt64(bytes[at + $1]) << (8 * $1) }
    }

    func string(_ at: Int) throws(HeapReaderError) -> String {
        try check(at, 1)
        var end = at
        while end < bytes.count && bytes[end] != 0 { end += 1 }
        return String(decoding: bytes[at..<end], as: UTF8.self)
    }
}
