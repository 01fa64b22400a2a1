import Glibc

/// A regular file mapped read-only (`mmap`): pages come from disk only where they are read,
/// so a core file of gigabytes costs what the walk touches of it, not its size.
final class MappedFile {
    let path: String
    private let base: UnsafeRawPointer?
    private let size: Int

    /// Maps the file at `path`.
    /// - Throws: `.badFile` naming `path` if it cannot be opened, is not a regular file, or
    ///   cannot be mapped.
    init(path: String) throws(HeapReaderError) {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Self.failure(path, errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Self.failure(path, errno) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw HeapReaderError(.badFile, "Cannot read \(path): it is not a regular file.")
        }
        size = Int(info.st_size)
        guard size > 0 else {
            base = nil
            return
        }
        let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let mapped, mapped != MAP_FAILED else { throw Self.failure(path, errno) }
        base = UnsafeRawPointer(mapped)
    }

    deinit {
        if let base { munmap(UnsafeMutableRawPointer(mutating: base), size) }
    }

    /// The file's bytes, read through `name` in errors (default: the path).
    func reader(name: String? = nil) -> ByteReader {
        ByteReader(bytes: UnsafeRawBufferPointer(start: base, count: size), name: name ?? path)
    }

    private static func failure(_ path: String, _ code: Int32) -> HeapReaderError {
        HeapReaderError(.badFile, "Cannot read \(path): \(String(cString: strerror(code))).")
    }
}
