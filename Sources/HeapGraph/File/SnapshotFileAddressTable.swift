/// Address → object id, for resolving the targets of an `EDGA` section (references stored
/// by address, as the pure-Python agent writes them).
///
/// Open addressing with linear probing over one array of (address, id) slots, so a lookup
/// costs one cache miss in the common case; lookups are independent of each other, which
/// lets the processor overlap their misses. At most four fifths full, with a power-of-two
/// number of 16-byte slots: 20 to 40 bytes per object, less than the file holds for each
/// (36 in `OBJS`, at least 4 in `EDGA`), so a hostile file cannot make it larger than itself.
///
/// The C-API walker's `AddressTable` (PythonAgent) is a different table on purpose: it grows
/// while the walk discovers objects, treats address 0 as empty (live objects never have it)
/// and lives in huge pages; this one is built once from a file that may say anything (address
/// 0, repeated addresses) and must report which ids collide. Sharing one across modules also
/// cost the walker its inlined lookups (figures in docs/benchmarks.md, "Measurements behind
/// the code").
struct SnapshotFileAddressTable {
    private struct Slot {
        var address: UInt64
        var id: UInt32
    }

    private static let empty = UInt32.max
    private var slots: [Slot]
    private let mask: Int
    /// 64 − log2(slot count): the hash keeps the product's top bits.
    private let shift: UInt64

    /// The table of `addresses[i] → i`; throws with the two ids when an address repeats.
    /// - Complexity: O(n) expected.
    init(addresses: [UInt64]) throws(SnapshotFileError.Reason) {
        var capacity = 16
        var bits: UInt64 = 4
        while capacity < addresses.count + addresses.count / 4 + 1 {
            capacity *= 2
            bits += 1
        }
        mask = capacity - 1
        shift = 64 - bits
        slots = [Slot](repeating: Slot(address: 0, id: Self.empty), count: capacity)
        let mask = self.mask
        let shift = self.shift
        var duplicate: (Int, Int)?
        slots.withUnsafeMutableBufferPointer { slots in
            for (i, address) in addresses.enumerated() {
                var slot = Self.hash(address, shift)
                while slots[slot].id != Self.empty {
                    if slots[slot].address == address {
                        duplicate = (Int(slots[slot].id), i)
                        return
                    }
                    slot = (slot + 1) & mask
                }
                slots[slot] = Slot(address: address, id: UInt32(i))
            }
        }
        if let (first, second) = duplicate {
            throw .corrupt(
                "objects #\(first) and #\(second) have the same address \(Self.hex(addresses[first])), but a file with section EDGA needs distinct addresses"
            )
        }
    }

    /// Writes the object id of each of `addresses` to `ids` (as long), in order; returns the
    /// index of the first address no object has, if any (the ids from it on are unset).
    /// - Complexity: O(addresses.count) expected.
    func resolve(_ addresses: UnsafeBufferPointer<UInt64>, into ids: UnsafeMutableBufferPointer<UInt32>) -> Int? {
        precondition(ids.count >= addresses.count)
        let mask = self.mask
        let shift = self.shift
        return slots.withUnsafeBufferPointer { slots in
            for (e, address) in addresses.enumerated() {
                var slot = Self.hash(address, shift)
                while true {
                    let entry = slots[slot]
                    if entry.id == Self.empty { return e }
                    if entry.address == address {
                        ids[e] = entry.id
                        break
                    }
                    slot = (slot + 1) & mask
                }
            }
            return nil
        }
    }

    /// `0x` and lowercase hexadecimal digits, as refgraph prints addresses.
    static func hex(_ address: UInt64) -> String { "0x" + String(address, radix: 16) }

    /// Object addresses are multiples of 8 or 16, close together: a multiplicative
    /// (Fibonacci) hash spreads them, keeping the product's top bits.
    @inline(__always)
    private static func hash(_ address: UInt64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (address &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }
}
