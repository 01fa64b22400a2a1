import Foundation

/// A memory source that stops answering once a deadline passes: every read after it throws,
/// so a walk ends promptly (each object it could not read is skipped) and the caller, seeing
/// `timedOut`, reports the time limit instead of the fragment.
final class DeadlineMemory: MemorySource {
    private let source: MemorySource
    private let deadline: Date
    // Plain values read and written on every read, never across a call: the runtime's
    // exclusivity check is left out.
    @exclusivity(unchecked) private var reads = 0
    /// Whether a read found the deadline passed.
    @exclusivity(unchecked) private(set) var timedOut = false

    init(_ source: MemorySource, deadline: Date) {
        self.source = source
        self.deadline = deadline
    }

    func read(_ address: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(HeapReaderError) {
        try check()
        try source.read(address, into: buffer)
    }

    func word(_ address: UInt64) throws(HeapReaderError) -> UInt64 {
        try check()
        return try source.word(address)
    }

    func view(_ address: UInt64, count: Int) throws(HeapReaderError) -> UnsafeRawBufferPointer? {
        try check()
        return try source.view(address, count: count)
    }

    /// Counts a read; throws once the deadline has passed.
    @inline(__always)
    private func check() throws(HeapReaderError) {
        reads &+= 1
        // The clock is read once every 64k reads: a read of the copy is a few nanoseconds.
        if timedOut || (reads & 0xFFFF == 0 && Date() >= deadline) {
            timedOut = true
            throw HeapReaderError(.timedOut, "The deadline passed.")
        }
    }
}
