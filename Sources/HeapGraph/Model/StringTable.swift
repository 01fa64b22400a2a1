/// Interned UTF-8 strings stored as one byte buffer and an offsets array.
///
/// String 0 is always the empty string. Strings are materialised on access, so a table of
/// millions of labels costs two allocations, not millions.
public struct StringTable: Sendable, Equatable {
    /// UTF-8 bytes of every string, back to back.
    public private(set) var bytes: [UInt8]
    /// `offsets[i]..<offsets[i + 1]` is string `i` in `bytes`; `offsets.count == count + 1`.
    public private(set) var offsets: [UInt32]

    /// A table holding only the empty string.
    public init() {
        bytes = []
        offsets = [0, 0]
    }

    /// A table from raw parts. The caller guarantees `offsets` starts at 0 and 1 (string 0 empty),
    /// never decreases, and ends at `bytes.count` (the file reader checks this before calling).
    public init(bytes: [UInt8], offsets: [UInt32]) {
        precondition(offsets.count >= 2 && offsets[0] == 0 && offsets[1] == 0, "string 0 must be empty")
        precondition(Int(offsets[offsets.count - 1]) == bytes.count, "offsets must end at bytes.count")
        self.bytes = bytes
        self.offsets = offsets
    }

    /// The number of strings, counting the empty string 0.
    public var count: Int { offsets.count - 1 }

    /// The string with this id. Invalid UTF-8 is repaired with U+FFFD.
    public subscript(id: StringID) -> String {
        let start = Int(offsets[id.index])
        let end = Int(offsets[id.index + 1])
        if start == end { return "" }
        return bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
        }
    }

    /// Appends a string without checking for a duplicate; used by `StringTableBuilder`.
    mutating func append(_ utf8: some Collection<UInt8>) -> StringID {
        bytes.append(contentsOf: utf8)
        offsets.append(UInt32(bytes.count))
        return StringID(count - 1)
    }
}

/// Builds a `StringTable`, giving each distinct string one id.
///
/// - Complexity: amortised O(length) per `intern` call.
public struct StringTableBuilder: Sendable {
    public private(set) var table = StringTable()
    private var ids: [String: StringID] = ["": .empty]

    public init() {}

    /// The id of `string`, adding it to the table if it is new.
    public mutating func intern(_ string: String) -> StringID {
        if string.isEmpty { return .empty }
        // One hash of the string: the entry is made with the next id if it is absent.
        let next = StringID(table.count)
        let id = Self.value(of: &ids[string, default: next])
        if id == next { _ = table.append(string.utf8) }
        return id
    }

    private static func value(of entry: inout StringID) -> StringID { entry }

    /// Makes room for `count` distinct strings.
    public mutating func reserveCapacity(_ count: Int) { ids.reserveCapacity(count) }
}
