/// Bounds-checked little-endian reads from bytes in memory (a mapped file, or a page copied
/// out of a core): a read past the end is an error naming what was read, never a crash.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    /// What the bytes are, for errors: a path, or "the copy of PATH in the core".
    let name: String

    var count: Int { bytes.count }

    /// Throws unless `count` bytes at `at` are inside.
    func check(_ at: Int, _ count: Int) throws(HeapReaderError) {
        guard at >= 0, count >= 0, at <= bytes.count - count else {
            throw HeapReaderError(
                .badFile,
                "\(name) is truncated or damaged (a read at \(at) is past its end, \(bytes.count) bytes)."
            )
        }
    }

    func contains(_ at: Int, _ count: Int) -> Bool { at >= 0 && count >= 0 && at <= bytes.count - count }

    func u16(_ at: Int) throws(HeapReaderError) -> UInt16 {
        try check(at, 2)
        return UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt16.self))
    }

    func u32(_ at: Int) throws(HeapReaderError) -> UInt32 {
        try check(at, 4)
        return UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self))
    }

    func u64(_ at: Int) throws(HeapReaderError) -> UInt64 {
        try check(at, 8)
        return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self))
    }

    /// `count` bytes at `at`.
    func slice(_ at: Int, _ count: Int) throws(HeapReaderError) -> UnsafeRawBufferPointer {
        try check(at, count)
        return UnsafeRawBufferPointer(rebasing: bytes[at..<(at + count)])
    }

    /// The NUL-terminated string at `at`, or up to `end` if no NUL comes first.
    func string(_ at: Int, end: Int? = nil) throws(HeapReaderError) -> String {
        try check(at, 1)
        let limit = min(end ?? bytes.count, bytes.count)
        var stop = at
        while stop < limit && bytes[stop] != 0 { stop += 1 }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[at..<stop]), as: UTF8.self)
    }
}
