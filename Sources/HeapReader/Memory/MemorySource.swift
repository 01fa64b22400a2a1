/// Memory of a process (live, copied, or a core file) read by address. Every read is checked:
/// an address that cannot be read is an error, never a crash.
public protocol MemorySource: AnyObject {
    /// Fills `buffer` with the bytes at `address`, or throws `.unreadable`.
    func read(_ address: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(HeapReaderError)
    /// The pointer-sized word at `address`. A default reads it through `read`; a source that
    /// holds its bytes in memory answers directly (the walk reads millions of words).
    func word(_ address: UInt64) throws(HeapReaderError) -> UInt64
    /// The `count` bytes at `address` in place, when the source holds them in its own memory
    /// (valid while the source lives), or nil: the caller then reads them through `read`. A
    /// default answers nil; a read of a range that cannot be read throws as `read` would.
    func view(_ address: UInt64, count: Int) throws(HeapReaderError) -> UnsafeRawBufferPointer?
}

extension MemorySource {
    /// `count` bytes at `address`.
    public func bytes(_ address: UInt64, count: Int) throws(HeapReaderError) -> [UInt8] {
        guard count >= 0, count <= 1 << 30 else {
            throw HeapReaderError(
                .inconsistent,
                "A read of \(count) bytes at 0x\(String(address, radix: 16)) is out of range."
            )
        }
        if let bytes = try view(address, count: count), bytes.count == count { return [UInt8](bytes) }
        var out = [UInt8](repeating: 0, count: count)
        var failure: HeapReaderError?
        out.withUnsafeMutableBytes { buffer in
            do throws(HeapReaderError) { try read(address, into: buffer) } catch { failure = error }
        }
        if let failure { throw failure }
        return out
    }

    /// Lends the `count` bytes at `address` to `body`: in place where the source holds them
    /// (a copy's memory), else read into a buffer first.
    public func withBytes<Value>(
        _ address: UInt64,
        count: Int,
        _ body: (UnsafeRawBufferPointer) throws(HeapReaderError) -> Value
    ) throws(HeapReaderError) -> Value {
        if let bytes = try view(address, count: count), bytes.count == count { return try body(bytes) }
        let copy = try self.bytes(address, count: count)
        return try copy.withUnsafeBytes { raw in Result { () throws(HeapReaderError) in try body(raw) } }.get()
    }

    /// A value of a fixed-size integer type at `address` (little-endian, as the target stores it).
    public func view(_ address: UInt64, count: Int) throws(HeapReaderError) -> UnsafeRawBufferPointer? { nil }

    /// A value of a fixed-size integer type at `address` (little-endian, as the target stores
    /// it): from the source's own memory where it has a `view`, else through `read`.
    @inline(__always)
    public func load<T: FixedWidthInteger>(_ address: UInt64, as type: T.Type = T.self) throws(HeapReaderError) -> T {
        if let bytes = try view(address, count: MemoryLayout<T>.size), bytes.count == MemoryLayout<T>.size {
            return T(littleEndian: bytes.loadUnaligned(as: T.self))
        }
        var value: T = 0
        var failure: HeapReaderError?
        withUnsafeMutableBytes(of: &value) { buffer in
            do throws(HeapReaderError) { try read(address, into: buffer) } catch { failure = error }
        }
        if let failure { throw failure }
        return T(littleEndian: value)
    }

    /// The pointer-sized word at `address`.
    public func word(_ address: UInt64) throws(HeapReaderError) -> UInt64 { try load(address, as: UInt64.self) }

    /// The signed pointer-sized word at `address` (a `Py_ssize_t`).
    public func signedWord(_ address: UInt64) throws(HeapReaderError) -> Int64 {
        Int64(bitPattern: try word(address))
    }

    /// The double at `address`.
    public func double(_ address: UInt64) throws(HeapReaderError) -> Double {
        Double(bitPattern: try word(address))
    }

    /// The NUL-terminated string at `address`, read up to `limit` bytes, as UTF-8.
    public func cString(_ address: UInt64, limit: Int = 256) throws(HeapReaderError) -> String {
        var collected: [UInt8] = []
        var at = address
        while collected.count < limit {
            // Within one page at a time: the string may end just before an unmapped page.
            let pageLeft = 0x1000 - (at & 0xFFF)
            let chunk = try bytes(at, count: Int(min(pageLeft, UInt64(limit - collected.count))))
            if let end = chunk.firstIndex(of: 0) {
                collected += chunk[..<end]
                return String(decoding: collected, as: UTF8.self)
            }
            collected += chunk
            at &+= pageLeft
        }
        return String(decoding: collected, as: UTF8.self)
    }
}
