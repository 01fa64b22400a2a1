/// An open-addressing hash table from an object's address to its `ObjectID` raw value, on
/// one flat block of 16-byte slots (no per-entry allocation, no Swift `Dictionary` per edge).
///
/// Address 0 marks an empty slot. The table doubles when half full. Call `deallocate()`
/// when done.
///
/// Two choices make a lookup one cache miss instead of three, which is what a walk of a
/// million-object heap waits on (every object and every edge looks up its target here):
/// - key and value share a slot, so a hit reads one cache line (separate key and value
///   arrays cost a second miss on every hit);
/// - the block is a `LargeAllocation`: zero pages handed out on first touch (no up-front
///   `memset` of tens of megabytes), in huge pages, so a random probe needs no page-table
///   walk: with 4 KiB pages a 128 MiB table spans 32,768 pages, far more than the TLB holds.
/// - Complexity: expected O(1) per lookup or insert.
public struct AddressTable {
    @usableFromInline struct Slot {
        @usableFromInline var key: UInt
        @usableFromInline var value: UInt32

        @inlinable init(key: UInt, value: UInt32) {
            self.key = key
            self.value = value
        }
    }

    @usableFromInline var slots: UnsafeMutablePointer<Slot>
    /// `slots` is a mapping (see `LargeAllocation.free`).
    private var mapped: Bool
    @usableFromInline var mask: Int
    @usableFromInline var shift: UInt64
    @usableFromInline var used = 0
    /// The number of keys held.
    @inlinable public var count: Int { used }

    public init(minimumCapacity: Int) {
        var capacity = 16
        while capacity < minimumCapacity * 2 { capacity <<= 1 }
        (slots, mapped) = Self.allocateZeroed(capacity)
        mask = capacity - 1
        shift = UInt64(64 - capacity.trailingZeroBitCount)
    }

    public func deallocate() {
        Self.free(slots, mask + 1, mapped: mapped)
    }

    /// The address and byte count of the slots, for `WalkPrefaulter`.
    public var storage: (address: UInt, bytes: Int) {
        (UInt(bitPattern: slots), (mask + 1) * MemoryLayout<Slot>.stride)
    }

    /// A zeroed block of `capacity` slots.
    private static func allocateZeroed(_ capacity: Int) -> (UnsafeMutablePointer<Slot>, mapped: Bool) {
        let (raw, mapped) = LargeAllocation.allocate(bytes: capacity * MemoryLayout<Slot>.stride, zeroed: true)
        return (raw.bindMemory(to: Slot.self, capacity: capacity), mapped)
    }

    private static func free(_ slots: UnsafeMutablePointer<Slot>, _ capacity: Int, mapped: Bool) {
        LargeAllocation.free(
            UnsafeMutableRawPointer(slots),
            bytes: capacity * MemoryLayout<Slot>.stride,
            mapped: mapped
        )
    }

    @inlinable @inline(__always)
    func slot(_ key: UInt) -> Int {
        Int(truncatingIfNeeded: (UInt64(key >> 4) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Where the slot of `key` starts, for a caller's prefetch (Swift has no prefetch of its
    /// own; the capture modules have a C shim's).
    @inlinable @inline(__always)
    public func slotAddress(_ key: UInt) -> UnsafeRawPointer {
        UnsafeRawPointer(slots + slot(key))
    }

    /// The value stored for `key`, or nil.
    @inlinable @inline(__always)
    public func find(_ key: UInt) -> UInt32? {
        var i = slot(key)
        while true {
            let k = slots[i].key
            if k == key { return slots[i].value }
            if k == 0 { return nil }
            i = (i + 1) & mask
        }
    }

    /// The value stored for `key`; if absent, stores `newValue` and returns it with `inserted`.
    @inlinable @inline(__always)
    public mutating func findOrInsert(_ key: UInt, _ newValue: UInt32) -> (value: UInt32, inserted: Bool) {
        var i = slot(key)
        while true {
            let k = slots[i].key
            if k == key { return (slots[i].value, false) }
            if k == 0 { break }
            i = (i + 1) & mask
        }
        slots[i] = Slot(key: key, value: newValue)
        used += 1
        if used * 2 > mask + 1 { grow() }
        return (newValue, true)
    }

    @usableFromInline mutating func grow() {
        let old = slots
        let oldMapped = mapped
        let oldCapacity = mask + 1
        let capacity = oldCapacity * 2
        (slots, mapped) = Self.allocateZeroed(capacity)
        mask = capacity - 1
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        for j in 0..<oldCapacity where old[j].key != 0 {
            var i = slot(old[j].key)
            while slots[i].key != 0 { i = (i + 1) & mask }
            slots[i] = old[j]
        }
        Self.free(old, oldCapacity, mapped: oldMapped)
    }
}
