import HeapGraph

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes output files so that a reader never sees half of one.
public enum OutputWriter {
    /// Writes `bytes` to `path` atomically: into a new temporary file in the same folder
    /// (`.NAME.tmp-XXXXXX`, mode 0600, as a drawing of a heap can hold its secrets), flushed
    /// to disk, then renamed over `path`. On failure the temporary file is removed and `path`
    /// is left as it was.
    ///
    /// - Throws: `GraphRenderError` naming `path` and the system's reason, or if `path` names
    ///   something other than a regular file (`checkDestination`).
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try checkDestination(path)
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty, name != ".", name != ".." else {
            throw GraphRenderError(.write(path: path, reason: "it names a folder, not a file"))
        }
        var template = Array((folder + "." + name + ".tmp-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw failure(path) }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)

        var error = writeAll(bytes, to: descriptor)
        if error == nil, fsync(descriptor) != 0 { error = errno }
        if close(descriptor) != 0, error == nil { error = errno }
        if error == nil, rename(temporary, path) != 0 { error = errno }
        if let error {
            unlink(temporary)
            throw failure(path, errno: error)
        }
    }

    /// Refuses a `path` that names a device, a FIFO or a socket, which the rename would
    /// replace with a regular file; callers check it before the work they would write.
    /// - Throws: `GraphRenderError` naming `path`.
    public static func checkDestination(_ path: String) throws {
        if let kind = SnapshotFileSystem.specialFileKind(atPath: path) {
            throw GraphRenderError(
                .write(path: path, reason: "it is \(kind), not a regular file, and was left as it is")
            )
        }
    }

    /// Writes every byte, retrying short writes and interruptions; the `errno` of a failure.
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
        bytes.withUnsafeBytes { buffer -> Int32? in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
    }

    private static func failure(_ path: String, errno code: Int32 = errno) -> GraphRenderError {
        GraphRenderError(.write(path: path, reason: String(cString: strerror(code))))
    }
}

/// `write(2)`, named apart from `OutputWriter.write`.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, buffer, count)
    #else
    Darwin.write(descriptor, buffer, count)
    #endif
}
