extension HeapReader {
    /// The (key, value) pairs of a dict in iteration order (see `forEachItem`).
    func dictEntries(_ dict: UInt64) throws(HeapReaderError) -> [(key: UInt64, value: UInt64)] {
        var out: [(key: UInt64, value: UInt64)] = []
        try forEachItem(ofDict: dict) { key, value in out.append((key, value)) }
        return out
    }

    /// Calls `body` with each (key, value) of a dict in iteration order, in every form:
    /// combined and split tables (3.8+), and values kept apart from the keys (3.11+ split and
    /// 3.13 inline). The entries are read where they lie when the memory is a copy: the walk
    /// reads every dict's items this way.
    func forEachItem(
        ofDict dict: UInt64,
        _ body: (UInt64, UInt64) throws(HeapReaderError) -> Void
    ) throws(HeapReaderError) {
        let values = try memory.word(dict &+ UInt64(offsets.dictValues))
        let used = Int(try memory.signedWord(dict &+ UInt64(offsets.dictUsed)))
        let table = try keyTableLayout(try memory.word(dict &+ UInt64(offsets.dictKeys)))
        guard used >= 0, used <= table.count else {
            throw HeapReaderError(
                .inconsistent,
                "A dict at 0x\(String(dict, radix: 16)) has \(used) items in a table of \(table.count)."
            )
        }
        let order = values == 0 ? [] : try splitOrder(values, used: used, count: table.count)
        let valueWords = values &+ UInt64(offsets.valuesValues ?? 0)
        try memory.withBytes(table.entries, count: table.count * table.entrySize) { raw throws(HeapReaderError) in
            func entry(_ i: Int, _ offset: Int) -> UInt64 {
                raw.loadUnaligned(fromByteOffset: i * table.entrySize + offset, as: UInt64.self)
            }
            if values == 0 {
                for i in 0..<table.count {
                    let value = entry(i, table.valueOffset)
                    if value != 0 { try body(entry(i, table.keyOffset), value) }
                }
                return
            }
            for i in order {
                let value = try memory.word(valueWords &+ UInt64(i) * pointerSize)
                if value != 0 { try body(entry(i, table.keyOffset), value) }
            }
        }
    }

    /// The positions of a split dict's values in insertion order.
    func splitOrder(_ values: UInt64, used: Int, count: Int) throws(HeapReaderError) -> [Int] {
        if layout.minor < 11 {
            try checkExtent(values, UInt64(count) * pointerSize)
            return Array(0..<count)
        }
        if let capacityOffset = offsets.valuesCapacity {
            let capacity = UInt64(try memory.load(values &+ UInt64(capacityOffset), as: UInt8.self))
            let size = Int(try memory.load(values &+ UInt64(offsets.valuesSize), as: UInt8.self))
            let order = try memory.bytes(
                values &+ UInt64(offsets.valuesValues ?? 0) &+ capacity * pointerSize,
                count: size
            )
            return order.map(Int.init).filter { $0 < count }
        }
        // 3.11 and 3.12 keep the order in the bytes just before the values, newest last.
        guard used > 0 else { return [] }
        let order = try memory.bytes(values &- 2 &- UInt64(used), count: used)
        return order.reversed().map(Int.init).filter { $0 < count }
    }

    /// Where a keys object's entries are and how to read them.
    struct KeyTableLayout {
        var entries: UInt64
        var count: Int
        var entrySize: Int
        var keyOffset: Int
        var valueOffset: Int
        var unicode: Bool
    }

    /// The entries (key, value) of a keys object, in entry order, and whether its keys are
    /// all str (a table of `PyDictUnicodeEntry`).
    func keyTable(_ keys: UInt64) throws(HeapReaderError) -> (entries: [(key: UInt64, value: UInt64)], unicode: Bool) {
        let table = try keyTableLayout(keys)
        let entries = try memory.withBytes(table.entries, count: table.count * table.entrySize) { raw in
            (0..<table.count).map { i in
                (
                    key: raw.loadUnaligned(fromByteOffset: i * table.entrySize + table.keyOffset, as: UInt64.self),
                    value: raw.loadUnaligned(fromByteOffset: i * table.entrySize + table.valueOffset, as: UInt64.self)
                )
            }
        }
        return (entries, table.unicode)
    }

    /// The layout of a keys object's entries, checked.
    func keyTableLayout(_ keys: UInt64) throws(HeapReaderError) -> KeyTableLayout {
        let nentries = Int(try memory.signedWord(keys &+ UInt64(offsets.keysEntryCount)))
        let entries: UInt64
        let entrySize: Int
        let keyOffset: Int
        let valueOffset: Int
        var unicode = false
        if let log2Offset = offsets.keysLog2IndexBytes {
            let indexBytes = UInt64(try memory.load(keys &+ UInt64(log2Offset), as: UInt8.self))
            let log2Size = Int(try memory.load(keys &+ UInt64(offsets.keysLog2Size), as: UInt8.self))
            let kind = Int(try memory.load(keys &+ UInt64(offsets.keysKind), as: UInt8.self))
            guard indexBytes < 40, log2Size < 40, nentries >= 0, nentries <= 1 << log2Size else {
                throw HeapReaderError(.inconsistent, "A dict's keys at 0x\(String(keys, radix: 16)) make no sense.")
            }
            entries = keys &+ UInt64(offsets.keysIndices) &+ (1 << indexBytes)
            unicode = kind != offsets.keysGeneral
            entrySize = unicode ? offsets.unicodeEntrySize : offsets.keyEntrySize
            keyOffset = unicode ? offsets.unicodeEntryKey : offsets.keyEntryKey
            valueOffset = unicode ? offsets.unicodeEntryValue : offsets.keyEntryValue
        } else {
            let size = Int(try memory.signedWord(keys &+ UInt64(offsets.keysSize)))
            guard size > 0, size < 1 << 40, size & (size - 1) == 0, nentries >= 0, nentries <= size else {
                throw HeapReaderError(.inconsistent, "A dict's keys at 0x\(String(keys, radix: 16)) make no sense.")
            }
            let indexSize = size <= 0xFF ? 1 : size <= 0xFFFF ? 2 : size <= 0xFFFF_FFFF ? 4 : 8
            entries = keys &+ UInt64(offsets.keysIndices) &+ UInt64(size * indexSize)
            entrySize = offsets.keyEntrySize
            keyOffset = offsets.keyEntryKey
            valueOffset = offsets.keyEntryValue
        }
        // The entries must be there before anything is made per entry (damage can claim 2^40).
        try checkExtent(entries, UInt64(nentries * entrySize))
        return KeyTableLayout(
            entries: entries,
            count: nentries,
            entrySize: entrySize,
            keyOffset: keyOffset,
            valueOffset: valueOffset,
            unicode: unicode
        )
    }

    /// `dict.__sizeof__` (without the gc header): the object, the values array of a split
    /// dict, and the keys object when this dict owns it alone.
    func dictSize(_ dict: UInt64, basicSize: Int) throws(HeapReaderError) -> UInt64 {
        let keys = try memory.word(dict &+ UInt64(offsets.dictKeys))
        var size = UInt64(basicSize)
        let values = try memory.word(dict &+ UInt64(offsets.dictValues))
        if values != 0 {
            let slots: Int
            if offsets.keysLog2IndexBytes != nil {
                // Values kept apart count whole, also 3.13's values embedded in an object
                // (as 3.13.0's dict.__sizeof__ counts them).
                slots =
                    try count(at: keys &+ UInt64(offsets.keysUsable))
                    + count(at: keys &+ UInt64(offsets.keysEntryCount))
            } else {
                slots = (try count(at: keys &+ UInt64(offsets.keysSize)) << 1) / 3
            }
            try checkExtent(values, UInt64(slots) * pointerSize)
            size += UInt64(slots) * pointerSize
        }
        if try memory.signedWord(keys &+ UInt64(offsets.keysRefcount)) == 1 { size += try keysSize(keys) }
        return size
    }
}
