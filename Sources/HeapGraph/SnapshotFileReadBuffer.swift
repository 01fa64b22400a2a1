/// Little-endian reads from a snapshot file's bytes. Callers check ranges against `count`
/// first (with overflow-checked arithmetic); the reads themselves only assert them.
struct SnapshotFileReadBuffer {
    let bytes: [UInt8]

    var count: Int { bytes.count }

    func value<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T {
        precondition(offset >= 0 && offset <= bytes.count - MemoryLayout<T>.size, "read past the end")
        return bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
    }

    func u16(at offset: Int) -> UInt16 { value(UInt16.self, at: offset) }
    func u32(at offset: Int) -> UInt32 { value(UInt32.self, at: offset) }
    func u64(at offset: Int) -> UInt64 { value(UInt64.self, at: offset) }

    /// `count` little-endian values starting at `offset`, copied in bulk.
    /// - Complexity: O(count).
    func array<T: FixedWidthInteger>(_: T.Type, at offset: Int, count: Int) -> [T] {
        let byteCount = count * MemoryLayout<T>.size
        precondition(offset >= 0 && count >= 0 && offset <= bytes.count - byteCount, "read past the end")
        var result = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { raw in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + byteCount)]))
            }
            initialized = count
        }
        #if _endian(big)
        for i in result.indices { result[i] = T(littleEndian: result[i]) }
        #endif
        return result
    }

    /// `count` raw bytes starting at `offset`.
    func slice(at offset: Int, count: Int) -> [UInt8] {
        Array(bytes[offset..<(offset + count)])
    }
}

/// Tight validation loops over id arrays.
enum SnapshotFileChecks {
    /// The first index whose value is `limit` or more, or nil.
    /// - Complexity: O(values.count); the common all-valid case is one vectorisable pass.
    static func firstIndex(in values: [UInt32], notBelow limit: UInt64) -> Int? {
        var largest: UInt32 = 0
        values.withUnsafeBufferPointer { buffer in
            for value in buffer { largest = max(largest, value) }
        }
        guard !values.isEmpty, UInt64(largest) >= limit else { return nil }
        return values.firstIndex { UInt64($0) >= limit }
    }

    /// The first index `i > 0` with `values[i] < values[i - 1]`, or nil.
    /// - Complexity: O(values.count).
    static func firstDecrease(in values: [UInt32]) -> Int? {
        values.withUnsafeBufferPointer { buffer in
            var decreasing = false
            var i = 1
            while i < buffer.count {
                decreasing = decreasing || buffer[i] < buffer[i - 1]
                i += 1
            }
            guard decreasing else { return nil }
            return (1..<buffer.count).first { buffer[$0] < buffer[$0 - 1] }
        }
    }
}
