/// A growing little-endian byte buffer for the snapshot writer: scalars one at a time, arrays
/// in bulk.
struct SnapshotFileWriteBuffer {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    var count: UInt64 { UInt64(bytes.count) }

    mutating func append(_ value: some FixedWidthInteger) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func append(bytes raw: some Collection<UInt8>) {
        bytes.append(contentsOf: raw)
    }

    /// Appends every element of `array` little-endian, in one copy on little-endian hosts.
    /// - Complexity: O(array.count).
    mutating func append<T: FixedWidthInteger>(array: [T]) {
        #if _endian(little)
        array.withUnsafeBytes { bytes.append(contentsOf: $0) }
        #else
        for value in array { append(value) }
        #endif
    }

    /// Zero bytes up to the next multiple of 8.
    mutating func pad() {
        let target = SnapshotFileFormat.padded(count)
        bytes.append(contentsOf: repeatElement(0, count: Int(target - count)))
    }
}
