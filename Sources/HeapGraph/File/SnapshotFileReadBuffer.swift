/// Little-endian reads from a snapshot file: from bytes in memory, or straight from an open
/// regular file with `pread(2)`, so that each column is read once, into its own array, with no
/// copy of the whole file in between. Callers check ranges against `count` first (with
/// overflow-checked arithmetic); the reads themselves only assert them.
struct SnapshotFileReadBuffer {
    private enum Source {
        case memory([UInt8])
        case file(descriptor: Int32)
    }

    private let source: Source
    /// The file's size in bytes.
    let count: Int

    /// Reads from bytes in memory.
    init(bytes: [UInt8]) {
        source = .memory(bytes)
        count = bytes.count
    }

    /// Reads from the open regular file `descriptor` of `size` bytes; the caller keeps it open
    /// while the buffer is used and closes it afterwards.
    init(descriptor: Int32, size: Int) {
        source = .file(descriptor: descriptor)
        count = size
    }

    /// Fills `buffer` with the bytes at `offset`. A file that shrank since its size was taken
    /// is reported as truncated, a failed read with its errno.
    private func fill(_ buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(SnapshotFileError.Reason) {
        precondition(offset >= 0 && buffer.count >= 0 && offset <= count - buffer.count, "read past the end")
        switch source {
        case let .memory(bytes):
            bytes.withUnsafeBytes { raw in
                buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + buffer.count)]))
            }
        case let .file(descriptor):
            guard let base = buffer.baseAddress else { return }
            var done = 0
            while done < buffer.count {
                switch SnapshotFileSystem.pread(descriptor, base + done, buffer.count - done, at: offset + done) {
                case let .success(got) where got > 0:
                    done += got
                case .success:
                    throw .truncated(
                        what: "the file as it is read",
                        end: UInt64(offset + buffer.count),
                        fileSize: UInt64(offset + done)
                    )
                case let .failure(error):
                    throw SnapshotFileSystem.reason(writing: false, errno: error.code)
                }
            }
        }
    }

    func value<T: FixedWidthInteger>(_: T.Type, at offset: Int) throws(SnapshotFileError.Reason) -> T {
        var raw: T = 0
        try withUnsafeMutableBytes(of: &raw) { (buffer) throws(SnapshotFileError.Reason) in try fill(buffer, at: offset)
        }
        return T(littleEndian: raw)
    }

    func u16(at offset: Int) throws(SnapshotFileError.Reason) -> UInt16 { try value(UInt16.self, at: offset) }
    func u32(at offset: Int) throws(SnapshotFileError.Reason) -> UInt32 { try value(UInt32.self, at: offset) }
    func u64(at offset: Int) throws(SnapshotFileError.Reason) -> UInt64 { try value(UInt64.self, at: offset) }

    /// `count` little-endian values starting at `offset`, read in bulk into the new array.
    /// - Complexity: O(count).
    func array<T: FixedWidthInteger>(_: T.Type, at offset: Int, count: Int) throws(SnapshotFileError.Reason) -> [T] {
        precondition(count >= 0 && count <= (self.count - max(offset, 0)) / MemoryLayout<T>.size, "read past the end")
        var failure: SnapshotFileError.Reason?
        var result = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            do throws(SnapshotFileError.Reason) {
                HugePages.advise(UnsafeMutableRawPointer(buffer.baseAddress), bytes: count * MemoryLayout<T>.size)
                try fill(UnsafeMutableRawBufferPointer(buffer), at: offset)
                initialized = count
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        #if _endian(big)
        for i in result.indices { result[i] = T(littleEndian: result[i]) }
        #endif
        return result
    }

    /// `count` raw bytes starting at `offset`.
    func slice(at offset: Int, count: Int) throws(SnapshotFileError.Reason) -> [UInt8] {
        try array(UInt8.self, at: offset, count: count)
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
