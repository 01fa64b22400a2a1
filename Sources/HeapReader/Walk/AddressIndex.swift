/// A map from an object's address to an `Int`, for the walk's index of every object it has
/// seen (looked up once per object and once per reference: millions of times). Open
/// addressing with linear probing over one array of slots, hashed by a multiply (a `Dictionary`
/// hashes every `UInt64` key with SipHash).
///
/// - Complexity: expected O(1) per lookup or insert; the table doubles when half full.
struct AddressIndex {
    private struct Slot {
        /// 0: empty (address 0 is kept apart, in `zero`).
        var key: UInt64
        var value: Int
    }

    private var slots: [Slot]
    private var shift: UInt64
    private var zero: Int?
    /// The number of addresses held.
    private(set) var count = 0

    /// An empty index with room for `minimumCapacity` addresses before it grows.
    init(minimumCapacity: Int = 0) {
        var capacity = 16
        while capacity < minimumCapacity * 2 { capacity <<= 1 }
        slots = Array(repeating: Slot(key: 0, value: 0), count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
    }

    /// The slot of `key` (non-zero): where it is, or the empty slot where it would go.
    @inline(__always)
    private func position(of key: UInt64) -> Int {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while slots[i].key != key && slots[i].key != 0 { i = (i + 1) & mask }
        return i
    }

    /// The value held for `address`, or nil.
    subscript(address: UInt64) -> Int? {
        get {
            if address == 0 { return zero }
            let slot = slots[position(of: address)]
            return slot.key == 0 ? nil : slot.value
        }
        set {
            guard let newValue else { preconditionFailure("AddressIndex does not remove addresses") }
            if address == 0 {
                if zero == nil { count += 1 }
                zero = newValue
                return
            }
            var i = position(of: address)
            if slots[i].key == 0 {
                if (count + 1) * 2 > slots.count {
                    grow()
                    i = position(of: address)
                }
                count += 1
                slots[i].key = address
            }
            slots[i].value = newValue
        }
    }

    /// Doubles the table, placing every slot again.
    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(key: 0, value: 0), count: old.count * 2)
        shift -= 1
        for slot in old where slot.key != 0 { slots[position(of: slot.key)] = slot }
    }
}
