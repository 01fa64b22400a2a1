/// Where the snapshot encoder puts the file's bytes, in file order: little-endian scalars one
/// at a time, arrays in bulk.
///
/// Two sinks share one encoder (`SnapshotFile.encode(_:into:)`), so the layout is written in
/// one place: `SnapshotFileWriteBuffer` collects the bytes in memory (`SnapshotFile.encode`),
/// `SnapshotFileStream` sends them to a file descriptor without building the file in memory.
protocol SnapshotFileSink {
    /// Bytes put so far.
    var count: UInt64 { get }
    /// Puts raw bytes.
    mutating func append(raw: UnsafeRawBufferPointer)
}

extension SnapshotFileSink {
    mutating func append(_ value: some FixedWidthInteger) {
        withUnsafeBytes(of: value.littleEndian) { append(raw: $0) }
    }

    mutating func append(bytes: [UInt8]) {
        bytes.withUnsafeBytes { append(raw: $0) }
    }

    /// Appends every element of `array` little-endian, in one copy on little-endian hosts.
    /// - Complexity: O(array.count).
    mutating func append<T: FixedWidthInteger>(array: [T]) {
        array.withUnsafeBufferPointer { append(buffer: $0) }
    }

    /// Appends every element of `buffer` little-endian, in one copy on little-endian hosts.
    /// - Complexity: O(buffer.count).
    mutating func append<T: FixedWidthInteger>(buffer: UnsafeBufferPointer<T>) {
        #if _endian(little)
        append(raw: UnsafeRawBufferPointer(buffer))
        #else
        for value in buffer { append(value) }
        #endif
    }

    /// Zero bytes up to the next multiple of 8.
    mutating func pad() {
        let zeros: UInt64 = 0
        let missing = Int(SnapshotFileFormat.padded(count) - count)
        withUnsafeBytes(of: zeros) { append(raw: UnsafeRawBufferPointer(rebasing: $0[0..<missing])) }
    }
}

/// A growing byte buffer: the file's bytes in memory.
struct SnapshotFileWriteBuffer: SnapshotFileSink {
    private(set) var bytes: [UInt8] = []

    var count: UInt64 { UInt64(bytes.count) }

    mutating func append(raw: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: raw)
    }
}
