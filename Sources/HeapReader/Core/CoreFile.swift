import Glibc

/// An ELF core file of a Linux process, written by the kernel or by gdb's `gcore`, mapped with
/// `mmap` (never read whole): its memory segments (`PT_LOAD`), the process and thread ids
/// (`NT_PRSTATUS`, `NT_PRPSINFO`), its command line, and the files it had mapped (`NT_FILE`).
public final class CoreFile {
    /// The core file's path.
    public let path: String
    /// The process id (the thread group's), from `NT_PRPSINFO`, else the first thread's.
    public private(set) var pid: Int32 = 0
    /// The thread ids, one per `NT_PRSTATUS`, in the core's order.
    public private(set) var threads: [Int32] = []
    /// The command line as the kernel keeps it (`pr_psargs`: at most 80 bytes).
    public private(set) var command = ""
    /// The mapped files, from `NT_FILE`: start, end, file offset in bytes, path.
    public private(set) var map = MemoryMap(regions: [])
    /// The executable: the mapped file that holds the program headers the auxiliary vector
    /// points at (`AT_PHDR`).
    public private(set) var executable: String?
    /// When the core was written (its modification time, seconds since 1970), if known.
    public let modificationTime: Double?
    /// The memory segments, sorted by address.
    private(set) var segments: [ELFHeader.Segment] = []
    private let file: MappedFile
    /// The file's bytes (alive as long as `file`).
    private let bytes: ByteReader

    // Note types (<elf.h>) and the auxiliary vector's AT_PHDR.
    private static let prstatus: UInt32 = 1
    private static let prpsinfo: UInt32 = 3
    private static let auxv: UInt32 = 6
    private static let mappedFiles: UInt32 = 0x4649_4C45
    private static let atPHDR: UInt64 = 3

    /// Maps and parses the core file at `path`.
    /// - Throws: `.badFile` with one line: unreadable, not an ELF core file, or truncated.
    public init(path: String) throws(HeapReaderError) {
        self.path = path
        file = try MappedFile(path: path)
        var info = stat()
        modificationTime =
            stat(path, &info) == 0 ? Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9 : nil
        bytes = file.reader(name: "The core file \(path)")
        guard ELFHeader.isELF64(bytes) else {
            throw HeapReaderError(.badFile, "\(path) is not an ELF core file.")
        }
        let header = try ELFHeader(bytes)
        guard header.type == ELFHeader.core else {
            throw HeapReaderError(.badFile, "\(path) is not a core file: it is an ELF executable or library.")
        }
        var needed: UInt64 = 0
        for segment in header.segments where segment.type == ELFHeader.load || segment.type == ELFHeader.note {
            let (end, overflow) = segment.offset.addingReportingOverflow(segment.fileSize)
            needed = overflow ? UInt64.max : max(needed, end)
        }
        guard needed <= UInt64(bytes.count) else {
            throw HeapReaderError(
                .badFile,
                "The core file \(path) is truncated: its segments need \(needed) bytes, it has \(bytes.count)."
            )
        }
        segments = header.segments.filter { $0.type == ELFHeader.load && $0.memorySize > 0 }
            .sorted { $0.address < $1.address }
        var auxiliary: [UInt64: UInt64] = [:]
        for note in try header.notes(bytes) where note.name == "CORE" {
            switch note.type {
            case Self.prstatus where note.descriptor.count >= 36:
                threads.append(Int32(bitPattern: try bytes.u32(note.descriptor.lowerBound + 32)))
            case Self.prpsinfo where note.descriptor.count >= 136:
                pid = Int32(bitPattern: try bytes.u32(note.descriptor.lowerBound + 24))
                command = try bytes.string(note.descriptor.lowerBound + 56, end: note.descriptor.lowerBound + 136)
            case Self.auxv:
                var at = note.descriptor.lowerBound
                while at + 16 <= note.descriptor.upperBound {
                    auxiliary[try bytes.u64(at)] = try bytes.u64(at + 8)
                    at += 16
                }
            case Self.mappedFiles:
                map = try Self.mappedFiles(bytes, note.descriptor, segments: segments)
            default:
                continue
            }
        }
        if pid == 0, let first = threads.first { pid = first }
        guard pid > 0, !map.regions.isEmpty else {
            throw HeapReaderError(
                .badFile,
                "The core file \(path) has no process status or no list of mapped files (NT_PRSTATUS, NT_FILE)."
            )
        }
        if let headers = auxiliary[Self.atPHDR], let region = map.region(containing: headers) {
            executable = region.path
        }
    }

    /// The regions of an `NT_FILE` note: a count, a page size, (start, end, offset in pages)
    /// per file, then the paths, NUL-terminated. Permissions come from the memory segment
    /// at the same address where there is one.
    private static func mappedFiles(
        _ bytes: ByteReader,
        _ descriptor: Range<Int>,
        segments: [ELFHeader.Segment]
    ) throws(HeapReaderError) -> MemoryMap {
        let base = descriptor.lowerBound
        let count = try bytes.u64(base)
        let pageSize = try bytes.u64(base + 8)
        guard count <= UInt64(descriptor.count / 24) else {
            throw HeapReaderError(.badFile, "\(bytes.name) has a damaged NT_FILE note.")
        }
        var flags: [UInt64: UInt32] = [:]
        for segment in segments { flags[segment.address] = segment.flags }
        var regions: [MemoryMap.Region] = []
        var name = base + 16 + Int(count) * 24
        for i in 0..<Int(count) {
            let entry = base + 16 + i * 24
            let start = try bytes.u64(entry)
            let path = try bytes.string(name, end: descriptor.upperBound)
            name += path.utf8.count + 1
            let flag = flags[start] ?? 4
            let permissions =
                (flag & 4 != 0 ? "r" : "-") + (flag & 2 != 0 ? "w" : "-") + (flag & 1 != 0 ? "x" : "-") + "p"
            regions.append(
                MemoryMap.Region(
                    start: start,
                    end: try bytes.u64(entry + 8),
                    permissions: permissions,
                    offset: try bytes.u64(entry + 16) &* pageSize,
                    path: path
                )
            )
        }
        return MemoryMap(regions: regions)
    }

    /// The segment that holds `address`, and the index of the first segment after it.
    func segment(at address: UInt64) -> (segment: ELFHeader.Segment?, next: Int) {
        guard let index = segments.lastIndex(startingAtOrBefore: address, start: \.address) else { return (nil, 0) }
        let candidate = segments[index]
        return address &- candidate.address < candidate.memorySize ? (candidate, index + 1) : (nil, index + 1)
    }

    /// Where in the file the memory at `address` is kept, or nil if the core holds no copy of it.
    public func fileOffset(of address: UInt64) -> UInt64? {
        guard let segment = segment(at: address).segment, address &- segment.address < segment.fileSize else {
            return nil
        }
        return segment.offset &+ (address &- segment.address)
    }

    /// Copies `buffer.count` bytes of the file at `offset`.
    func copy(at offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(HeapReaderError) {
        let source = try bytes.slice(Int(clamping: offset), buffer.count)
        buffer.copyMemory(from: source)
    }
}
