extension HeapReader {
    /// `code.__sizeof__`: 3.11+ the object with its code units, rounded up to a word; before
    /// 3.11 the object, its cell-to-argument map and its opcache (a map byte per code unit and
    /// the cache entries). Code whose `co_extra` a PEP 523 tool set counts that too in CPython:
    /// its size is private to codeobject.c, and it is left out here.
    func codeSize(_ address: UInt64, type: TypeRecord) throws(HeapReaderError) -> UInt64 {
        let word = Int(pointerSize)
        if layout.minor >= 11 {
            let units = try count(at: address &+ UInt64(offsets.varSize))
            let size = UInt64((type.basicSize + units * type.itemSize + word - 1) / word * word)
            try checkExtent(address, size)
            return size
        }
        var size = type.basicSize
        let cellvars = try field(address, "PyCodeObject.co_cellvars")
        if try field(address, "PyCodeObject.co_cell2arg") != 0 && cellvars != 0 {
            let cells = try count(at: cellvars &+ UInt64(offsets.varSize))
            try checkExtent(cellvars, UInt64(cells * word))
            size += cells * word
        }
        if try field(address, "PyCodeObject.co_opcache") != 0 {
            let code = try field(address, "PyCodeObject.co_code")
            let codeBytes = try count(at: code &+ UInt64(offsets.varSize))
            try checkExtent(code, UInt64(codeBytes))
            size += codeBytes / layout["sizeof(_Py_CODEUNIT)"]
            let entries = Int(
                try memory.load(address &+ UInt64(layout["PyCodeObject.co_opcache_size"]), as: UInt8.self)
            )
            size += entries * layout["sizeof(_PyOpcache)"]
        }
        return UInt64(size)
    }
}
