/// The memory of a process as a core file holds it. Bytes the core holds come from the core;
/// bytes it left out (read-only file mappings: code, constant data such as the names of
/// built-in types) come from the mapped file itself, at the offset `NT_FILE` gives, once that
/// file is known to be the one the process had mapped. Every read is checked: an address in
/// neither is an error, never a crash.
public final class CoreMemory: MemorySource {
    public let core: CoreFile
    /// Where the files the core names are looked for: "" for where the core says, else a
    /// folder that holds a copy of the other machine's files at the same paths.
    public let fileRoot: String
    private var files: [String: Result<MappedFile, HeapReaderError>] = [:]
    /// Files read without a check that they are the ones the process mapped, with the reason.
    public private(set) var unchecked: [String: String] = [:]

    /// Files the core names that reads needed and that are missing here or another build, with
    /// the reason: what the core left out of them could not be read.
    public var unusable: [String: String] {
        files.compactMapValues { result in
            if case let .failure(error) = result { return error.message }
            return nil
        }
    }

    public init(core: CoreFile, fileRoot: String = "") {
        self.core = core
        self.fileRoot = fileRoot
    }

    public func read(_ address: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(HeapReaderError) {
        var done = 0
        while done < buffer.count {
            let at = address &+ UInt64(done)
            let wanted = UInt64(buffer.count - done)
            let (segment, next) = core.segment(at: at)
            var limit = next < core.segments.count ? core.segments[next].address : UInt64.max
            if let segment {
                let inside = at - segment.address
                if inside < segment.fileSize {
                    let n = Int(min(wanted, segment.fileSize - inside))
                    try core.copy(
                        at: segment.offset &+ inside,
                        into: UnsafeMutableRawBufferPointer(rebasing: buffer[done..<(done + n)])
                    )
                    done += n
                    continue
                }
                limit = segment.address &+ segment.memorySize
            }
            guard let region = core.map.region(containing: at) else {
                throw HeapReaderError(
                    .unreadable,
                    "0x\(String(at, radix: 16)) is not in the core file \(core.path) nor in a file it had mapped."
                )
            }
            let n = Int(min(wanted, limit &- at, region.end &- at))
            try readMappedFile(
                region,
                at: at,
                into: UnsafeMutableRawBufferPointer(rebasing: buffer[done..<(done + n)])
            )
            done += n
        }
    }

    /// Bytes of the mapped file behind `region`, at the address `at`.
    private func readMappedFile(
        _ region: MemoryMap.Region,
        at address: UInt64,
        into buffer: UnsafeMutableRawBufferPointer
    ) throws(HeapReaderError) {
        let file = try mappedFile(region.path)
        let offset = region.offset &+ (address &- region.start)
        let bytes = file.reader()
        guard offset < UInt64(Int.max), bytes.contains(Int(offset), buffer.count) else {
            throw HeapReaderError(
                .unreadable,
                "0x\(String(address, radix: 16)) is past the end of \(fileRoot + region.path), which the core left out."
            )
        }
        buffer.copyMemory(from: try bytes.slice(Int(offset), buffer.count))
    }

    /// The file the process mapped as `path`, opened and checked once.
    private func mappedFile(_ path: String) throws(HeapReaderError) -> MappedFile {
        if let known = files[path] { return try known.get() }
        let result: Result<MappedFile, HeapReaderError>
        do throws(HeapReaderError) {
            result = .success(try open(path))
        } catch {
            result = .failure(error)
        }
        files[path] = result
        return try result.get()
    }

    /// Checks that the file the process mapped as `path` is here and is the build the process
    /// ran: its build id against the one in the core's copy of its first page (the kernel and
    /// gcore write the ELF headers of mapped files). Where that cannot be told, the file is
    /// used and the reason kept in `unchecked`.
    /// - Throws: `.missingFile` if it is not there, `.differentFile` if it is another build.
    public func check(_ path: String) throws(HeapReaderError) {
        _ = try mappedFile(path)
    }

    /// Opens and checks (see `check`) the file the process mapped as `path`.
    private func open(_ path: String) throws(HeapReaderError) -> MappedFile {
        let local = fileRoot + path
        let file: MappedFile
        do throws(HeapReaderError) {
            file = try MappedFile(path: local)
        } catch {
            let reason = error.message.hasSuffix(".") ? String(error.message.dropLast()) : error.message
            throw HeapReaderError(.missingFile, reason + " (a file the process in the core file had mapped).")
        }
        let onDisk = ELFHeader.buildID(of: file.reader())
        guard let copy = headerCopy(path) else {
            unchecked[path] = "the core holds no copy of its ELF header"
            return file
        }
        let inCore = copy.withUnsafeBytes { ELFHeader.buildID(of: ByteReader(bytes: $0, name: "The copy of \(path)")) }
        guard let inCore, let onDisk else {
            unchecked[path] = "no build id in the core's copy of its header or in the file"
            return file
        }
        guard inCore == onDisk else {
            throw HeapReaderError(
                .differentFile,
                "\(local) is not the file the process in the core file had mapped: build id \(Self.hex(onDisk)), the core says \(Self.hex(inCore))."
            )
        }
        return file
    }

    /// The first page of `path` as the core holds it (from its mapping at file offset 0), or nil
    /// if the core left it out.
    private func headerCopy(_ path: String) -> [UInt8]? {
        guard let region = core.map.regions.first(where: { $0.path == path && $0.offset == 0 }) else { return nil }
        let (segment, _) = core.segment(at: region.start)
        guard let segment, region.start &- segment.address < segment.fileSize else { return nil }
        let inside = region.start &- segment.address
        var copy = [UInt8](repeating: 0, count: Int(min(segment.fileSize - inside, 4096, region.end &- region.start)))
        let ok = copy.withUnsafeMutableBytes { (try? core.copy(at: segment.offset &+ inside, into: $0)) != nil }
        return ok ? copy : nil
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
