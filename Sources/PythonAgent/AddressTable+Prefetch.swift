import CPython
import HeapGraph

extension AddressTable {
    /// Starts loading the slot where `key` would be.
    @inline(__always)
    func prefetch(_ key: UInt) {
        rg_prefetch(slotAddress(key))
    }
}
