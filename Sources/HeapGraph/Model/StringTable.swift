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

    /// The text and the offsets, for a lookup without copies.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt32>) -> R) -> R {
        bytes.withUnsafeBufferPointer { bytes in offsets.withUnsafeBufferPointer { body(bytes, $0) } }
    }

    /// A 32-bit hash of `utf8`, eight bytes per step (labels are short: a byte-at-a-time
    /// loop costs more than the table probe). Only equality within one table matters: the
    /// value is never stored in a file.
    @inline(__always)
    public static func hash(_ utf8: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard let base = utf8.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        let n = utf8.count
        var h = UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15
        var i = 0
        while i + 8 <= n {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0
            while i < n {
                tail = tail << 8 | UInt64(utf8[i])
                i += 1
            }
            h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        }
        h ^= h >> 29
        return UInt32(truncatingIfNeeded: h)
    }

    /// Appends a string without checking for a duplicate; used by `StringTableBuilder`.
    mutating func append(_ utf8: some Collection<UInt8>) -> StringID {
        bytes.append(contentsOf: utf8)
        offsets.append(UInt32(bytes.count))
        return StringID(count - 1)
    }
}

/// Builds a `StringTable`, giving each distinct string (each distinct UTF-8 text) one id.
///
/// - Complexity: amortised O(length) per `intern` call.
public struct StringTableBuilder: Sendable {
    public private(set) var table = StringTable()
    /// Open addressing over the table's own text: each slot holds `hash << 32 | id` (0: empty;
    /// string 0, the empty one, is never stored), so a probe touches one word and the text is
    /// kept once. Half full at most.
    private var slots = [UInt64](repeating: 0, count: 1 << 10)

    public init() {}

    /// The id of `string`, adding it to the table if it is new.
    public mutating func intern(_ string: String) -> StringID {
        if string.isEmpty { return .empty }
        var copy = string
        return copy.withUTF8 { intern(utf8: $0) }
    }

    /// The id of the UTF-8 text `utf8`, adding it to the table if it is new: no `String` is
    /// made for it.
    public mutating func intern(utf8: UnsafeBufferPointer<UInt8>) -> StringID {
        if utf8.isEmpty { return .empty }
        let hash = StringTable.hash(utf8)
        let mask = slots.count - 1
        let found: UInt32? = slots.withUnsafeBufferPointer { slots in
            table.withBytes { bytes, offsets in
                var i = Int(hash) & mask
                while true {
                    let slot = slots[i]
                    if slot == 0 { return nil }
                    let id = Int(UInt32(truncatingIfNeeded: slot))
                    if UInt32(truncatingIfNeeded: slot >> 32) == hash {
                        let start = Int(offsets[id])
                        let end = Int(offsets[id + 1])
                        if end - start == utf8.count,
                            UnsafeBufferPointer(rebasing: bytes[start..<end]).elementsEqual(utf8)
                        {
                            return UInt32(id)
                        }
                    }
                    i = (i + 1) & mask
                }
            }
        }
        if let found { return StringID(Int(found)) }
        let id = table.append(utf8)
        insert(UInt64(hash) << 32 | UInt64(id.index))
        if table.count * 2 > slots.count { rehash(capacity: slots.count * 2) }
        return id
    }

    /// Makes room for `count` distinct strings.
    public mutating func reserveCapacity(_ count: Int) {
        var capacity = slots.count
        while capacity < count * 2 { capacity <<= 1 }
        if capacity > slots.count { rehash(capacity: capacity) }
    }

    private mutating func insert(_ entry: UInt64) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: entry >> 32) & mask
        while slots[i] != 0 { i = (i + 1) & mask }
        slots[i] = entry
    }

    private mutating func rehash(capacity: Int) {
        let old = slots
        slots = [UInt64](repeating: 0, count: capacity)
        for entry in old where entry != 0 { insert(entry) }
    }
}
