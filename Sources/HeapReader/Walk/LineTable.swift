/// The line number of an instruction, decoded from a code object's line table as
/// `PyCode_Addr2Line` decodes it in each CPython version.
enum LineTable {
    /// The table's format.
    enum Format {
        /// 3.8-3.9 `co_lnotab`: pairs (address increment, signed line increment).
        case lnotab
        /// 3.10 `co_linetable`: pairs (address increment, signed line increment, -128: no line).
        case linetable310
        /// 3.11+ `co_linetable`: the location entries of CPython's Objects/locations.md.
        case locations
    }

    /// The line of the instruction at byte offset `address` (`f_lasti` in bytes), or -1 where
    /// the table says the instruction has no line. An address before the first instruction is
    /// on the first line.
    /// - Complexity: O(table length).
    static func line(_ table: [UInt8], format: Format, firstLine: Int, address: Int) -> Int {
        if address < 0 { return firstLine }
        switch format {
        case .lnotab: return lnotabLine(table, firstLine: firstLine, address: address)
        case .linetable310: return line310(table, firstLine: firstLine, address: address)
        case .locations: return locationsLine(table, firstLine: firstLine, address: address)
        }
    }

    private static func lnotabLine(_ table: [UInt8], firstLine: Int, address: Int) -> Int {
        var line = firstLine
        var current = 0
        var i = 0
        while i + 1 < table.count {
            current += Int(table[i])
            if current > address { break }
            line += Int(Int8(bitPattern: table[i + 1]))
            i += 2
        }
        return line
    }

    /// `_PyCode_CheckLineNumber` over 3.10's ranges: the range holding `address`.
    private static func line310(_ table: [UInt8], firstLine: Int, address: Int) -> Int {
        var start = 0
        var computed = firstLine
        var i = 0
        while i + 1 < table.count {
            let end = start + Int(table[i])
            let delta = Int8(bitPattern: table[i + 1])
            var line = -1
            if delta != -128 {
                computed += Int(delta)
                line = computed
            }
            if start <= address && address < end { return line }
            start = end
            i += 2
        }
        return -1
    }

    /// 3.11+: each entry starts with a byte whose top bit is set: bits 3-6 its code, bits 0-2
    /// its length in code units minus one; codes 13 and 14 carry a signed varint line delta,
    /// 10-12 a delta of 0-2, 15 means no line, the others the same line.
    private static func locationsLine(_ table: [UInt8], firstLine: Int, address: Int) -> Int {
        var computed = firstLine
        var start = 0
        var i = 0
        while i < table.count {
            let first = table[i]
            let code = Int(first >> 3) & 15
            let end = start + (Int(first & 7) + 1) * 2
            switch code {
            case 10, 11, 12: computed += code - 10
            case 13, 14: computed += signedVarint(table, at: i + 1)
            default: break
            }
            let line = code == 15 ? -1 : computed
            if start <= address && address < end { return line }
            start = end
            i += 1
            while i < table.count && table[i] & 0x80 == 0 { i += 1 }
        }
        return -1
    }

    /// The varint of 6-bit chunks (bit 6 set: more follow) at `at`, sign in its lowest bit.
    private static func signedVarint(_ table: [UInt8], at: Int) -> Int {
        var i = at
        guard i < table.count else { return 0 }
        var read = Int(table[i])
        var value = read & 63
        var shift = 0
        while read & 64 != 0 && i + 1 < table.count && shift < 56 {
            i += 1
            read = Int(table[i])
            shift += 6
            value |= (read & 63) << shift
        }
        return value & 1 != 0 ? -(value >> 1) : value >> 1
    }
}
