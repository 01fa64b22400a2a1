import CPython

/// An open-addressing hash table from an object's address to its `ObjectID` raw value,
/// on two flat buffers (no per-entry allocation, no Swift `Dictionary` per edge).
///
/// Address 0 marks an empty slot. The table doubles when half full. Call `deallocate()`
/// when done.
/// - Complexity: expected O(1) per lookup or insert.
struct AddressTable {
    private var keys: UnsafeMutablePointer<UInt>
    private var values: UnsafeMutablePointer<UInt32>
    private var mask: Int
    private var shift: UInt64
    private(set) var count = 0

    init(minimumCapacity: Int) {
        var capacity = 16
        while capacity < minimumCapacity * 2 { capacity <<= 1 }
        keys = .allocate(capacity: capacity)
        keys.initialize(repeating: 0, count: capacity)
        values = .allocate(capacity: capacity)
        mask = capacity - 1
        shift = UInt64(64 - capacity.trailingZeroBitCount)
    }

    func deallocate() {
        keys.deallocate()
        values.deallocate()
    }

    @inline(__always)
    private func slot(_ key: UInt) -> Int {
        Int(truncatingIfNeeded: (UInt64(key >> 4) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Starts loading the slot where `key` would be.
    @inline(__always)
    func prefetch(_ key: UInt) {
        rg_prefetch(keys + slot(key))
    }

    /// The value stored for `key`, or nil.
    @inline(__always)
    func find(_ key: UInt) -> UInt32? {
        var i = slot(key)
        while true {
            let k = keys[i]
            if k == key { return values[i] }
            if k == 0 { return nil }
            i = (i + 1) & mask
        }
    }

    /// The value stored for `key`; if absent, stores `newValue` and returns it with `inserted`.
    @inline(__always)
    mutating func findOrInsert(_ key: UInt, _ newValue: UInt32) -> (value: UInt32, inserted: Bool) {
        var i = slot(key)
        while true {
            let k = keys[i]
            if k == key { return (values[i], false) }
            if k == 0 { break }
            i = (i + 1) & mask
        }
        keys[i] = key
        values[i] = newValue
        count += 1
        if count * 2 > mask + 1 { grow() }
        return (newValue, true)
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values, oldCapacity = mask + 1
        let capacity = oldCapacity * 2
        keys = .allocate(capacity: capacity)
        keys.initialize(repeating: 0, count: capacity)
        values = .allocate(capacity: capacity)
        mask = capacity - 1
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        for j in 0..<oldCapacity where oldKeys[j] != 0 {
            var i = slot(oldKeys[j])
            while keys[i] != 0 { i = (i + 1) & mask }
            keys[i] = oldKeys[j]
            values[i] = oldValues[j]
        }
        oldKeys.deallocate()
        oldValues.deallocate()
    }
}
