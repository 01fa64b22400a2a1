import Foundation

/// The mappings of a process, from `/proc/PID/maps`.
public struct MemoryMap: Sendable {
    /// One mapped range.
    public struct Region: Sendable, Equatable {
        public var start: UInt64
        public var end: UInt64
        /// `rwxp` as the kernel writes it.
        public var permissions: String
        /// Offset in the mapped file.
        public var offset: UInt64
        /// The mapped file's path, `[heap]`, `[stack]`, or "" for anonymous memory.
        public var path: String

        public var isReadable: Bool { permissions.hasPrefix("r") }
        public var isWritable: Bool { permissions.dropFirst().hasPrefix("w") }
        public var size: UInt64 { end - start }
    }

    public var regions: [Region]

    /// The given mappings (a core file's, from its `NT_FILE` note), sorted by address.
    public init(regions: [Region]) {
        self.regions = regions.sorted { $0.start < $1.start }
    }

    /// The mappings of process `pid`.
    public init(pid: Int32) throws(HeapReaderError) {
        // Read to the end: /proc files report a size of 0, and a read by size would stop early.
        guard let handle = FileHandle(forReadingAtPath: "/proc/\(pid)/maps"),
            let data = try? handle.readToEnd(), let text = String(data: data, encoding: .utf8)
        else {
            throw HeapReaderError(.noSuchProcess, "No process \(pid) (or its /proc/\(pid)/maps cannot be read).")
        }
        regions = text.split(separator: "\n").compactMap(Self.parse)
    }

    static func parse(_ line: Substring) -> Region? {
        let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
        guard fields.count >= 5 else { return nil }
        let range = fields[0].split(separator: "-")
        guard range.count == 2, let start = UInt64(range[0], radix: 16), let end = UInt64(range[1], radix: 16),
            let offset = UInt64(fields[2], radix: 16)
        else { return nil }
        let path = fields.count == 6 ? fields[5].trimmingCharacters(in: .whitespaces) : ""
        return Region(start: start, end: end, permissions: String(fields[1]), offset: offset, path: path)
    }

    /// The distinct files mapped, in order of first mapping.
    public var files: [String] {
        var seen: Set<String> = []
        return regions.compactMap { region in
            guard region.path.hasPrefix("/"), seen.insert(region.path).inserted else { return nil }
            return region.path
        }
    }
}

extension MemoryMap {
    /// The region that holds `address`, if any (regions sorted by address, as both sources give
    /// them).
    public func region(containing address: UInt64) -> Region? {
        guard let index = regions.lastIndex(startingAtOrBefore: address, start: \.start),
            address < regions[index].end
        else { return nil }
        return regions[index]
    }
}
