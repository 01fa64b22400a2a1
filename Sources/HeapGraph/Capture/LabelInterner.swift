import Foundation

/// Interns labels given as UTF-8 bytes, building a `StringTable` without a Swift `String`
/// per label: the walker writes a label into `scratch` and calls `internScratch()`.
///
/// String 0 is the empty string. Call `deallocate()` when done.
/// - Complexity: expected O(length) per intern.
public struct LabelInterner {
    /// The text of every string, back to back (a `WalkBuffer`: see there why not an `Array`).
    /// A label that needs no dedupe lookup may be written here directly, then ended with
    /// `commitBytes()`: that skips copying it out of `scratch`.
    public var bytes = WalkBuffer<UInt8>(capacity: 1 << 16)
    /// String i is `bytes[offsets[i] ..< offsets[i + 1]]`.
    public var offsets = WalkBuffer<UInt32>(capacity: 1 << 12)
    /// Each slot holds `hash << 32 | id` (id 0: empty), so a probe touches one cache line.
    @usableFromInline var slots: UnsafeMutablePointer<UInt64>
    @usableFromInline var mask: Int
    /// Labels this long or longer (in bytes), such as most texts of str objects, rarely repeat:
    /// captures store them with `appendScratch` or `commitBytes`, without looking for an equal
    /// one, as the lookup's cache miss costs more than the occasional duplicate.
    public static let uniqueLabelLength = 8
    /// The label being built.
    public var scratch = WalkBuffer<UInt8>(capacity: 512)

    /// `expectedStrings`: about how many strings will be interned, so that the table rarely
    /// grows (each growth rehashes every string so far).
    public init(expectedStrings: Int = 2048) {
        var capacity = 1 << 12
        while capacity < expectedStrings * 2 { capacity <<= 1 }
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: 0, count: capacity)
        mask = capacity - 1
        offsets.append(0)
        offsets.append(0)
    }

    public func deallocate() {
        slots.deallocate()
        bytes.deallocate()
        offsets.deallocate()
        scratch.deallocate()
    }

    public var count: Int { offsets.count - 1 }

    /// Makes room for about `expectedStrings` strings in all without the table growing.
    public mutating func reserve(expectedStrings: Int) {
        while mask + 1 < expectedStrings * 2 { grow() }
    }

    /// The finished table (a copy of the text and offsets).
    public var table: StringTable { StringTable(bytes: bytes.array(), offsets: offsets.array()) }

    /// Interns `scratch` and clears it.
    @inlinable @inline(__always)
    public mutating func internScratch() -> UInt32 {
        let id = intern(scratch.buffer)
        scratch.removeAll()
        return id
    }

    /// Appends `scratch` as a new string without looking for an equal one, and clears it: for
    /// labels that are almost always unique (the text of a str), where the lookup's cache
    /// miss costs more than the occasional duplicate (readers only resolve ids to text).
    @inlinable @inline(__always)
    public mutating func appendScratch() -> UInt32 {
        if scratch.isEmpty { return 0 }
        bytes.append(contentsOf: scratch.buffer)
        offsets.append(UInt32(truncatingIfNeeded: bytes.count))
        scratch.removeAll()
        return UInt32(offsets.count - 2)
    }

    /// Ends the text appended to `bytes` since the last string as a new string (no lookup for
    /// an equal one); 0 if nothing was appended.
    @inlinable @inline(__always)
    public mutating func commitBytes() -> UInt32 {
        if bytes.count == Int(offsets[offsets.count - 1]) { return 0 }
        offsets.append(UInt32(truncatingIfNeeded: bytes.count))
        return UInt32(offsets.count - 2)
    }

    public mutating func intern(_ string: String) -> UInt32 {
        var copy = string
        return copy.withUTF8 { intern($0) }
    }

    @inlinable
    public mutating func intern(_ utf8: UnsafeBufferPointer<UInt8>) -> UInt32 {
        if utf8.isEmpty { return 0 }
        let hash = StringTable.hash(utf8)
        var i = Int(hash) & mask
        while true {
            let slot = slots[i]
            if slot == 0 { break }
            let id = UInt32(truncatingIfNeeded: slot)
            if UInt32(truncatingIfNeeded: slot >> 32) == hash && equal(Int(id), utf8) { return id }
            i = (i + 1) & mask
        }
        bytes.append(contentsOf: utf8)
        offsets.append(UInt32(truncatingIfNeeded: bytes.count))
        let id = UInt32(offsets.count - 2)
        slots[i] = UInt64(hash) << 32 | UInt64(id)
        if Int(id) * 2 > mask { grow() }
        return id
    }

    @usableFromInline func equal(_ id: Int, _ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(offsets[id])
        let end = Int(offsets[id + 1])
        guard end - start == utf8.count else { return false }
        return memcmp(bytes.base + start, utf8.baseAddress.unsafelyUnwrapped, utf8.count) == 0
    }

    @usableFromInline mutating func grow() {
        let old = slots
        let oldCapacity = mask + 1
        let capacity = oldCapacity * 2
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: 0, count: capacity)
        mask = capacity - 1
        for j in 0..<oldCapacity where old[j] != 0 {
            var i = Int(truncatingIfNeeded: old[j] >> 32) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = old[j]
        }
        old.deallocate()
    }
}

extension WalkBuffer where Element == UInt8 {
    /// Appends the ASCII/UTF-8 of a string literal.
    @inlinable @inline(__always)
    public mutating func appendText(_ text: StaticString) {
        text.withUTF8Buffer { append(contentsOf: $0) }
    }

    /// Appends a decimal integer without creating a String.
    @inlinable @inline(__always)
    public mutating func appendDecimal(_ value: Int64) {
        if value < 0 {
            append(UInt8(ascii: "-"))
            appendDecimal(UInt64(value.magnitude))
        } else {
            appendDecimal(UInt64(value))
        }
    }

    @inlinable @inline(__always)
    public mutating func appendDecimal(_ value: UInt64) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var n = value
        var count = 0
        Swift.withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[23 - count] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
                count += 1
            } while n > 0
            let start = buffer.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self) + (24 - count)
            append(contentsOf: UnsafeBufferPointer(start: start, count: count))
        }
    }
}
