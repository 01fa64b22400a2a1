import Foundation

/// A process as the reader finds its runtime in: its pid, what it had mapped where, its
/// executable, and where each mapped file can be read on this machine. A live process gives
/// these through /proc; a core file through its notes.
public struct ProcessImage: Sendable {
    /// Where the memory comes from.
    public enum Origin: Sendable, Equatable {
        /// A running process, read through /proc and `process_vm_readv`.
        case live
        /// A core file at this path.
        case core(path: String)
    }

    public var pid: Int32
    public var origin: Origin
    public var map: MemoryMap
    /// The executable's path as the process saw it, if known.
    public var executable: String?
    /// Prepended to a mapped file's path to read it here: `/proc/PID/root` for a live process
    /// (its own view of the file system, in a container too), "" or a copy's root for a core.
    public var fileRoot: String

    public init(pid: Int32, origin: Origin, map: MemoryMap, executable: String?, fileRoot: String) {
        self.pid = pid
        self.origin = origin
        self.map = map
        self.executable = executable
        self.fileRoot = fileRoot
    }

    /// The running process `pid`.
    public static func live(pid: Int32) throws(HeapReaderError) -> ProcessImage {
        ProcessImage(
            pid: pid,
            origin: .live,
            map: try MemoryMap(pid: pid),
            executable: try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe"),
            fileRoot: "/proc/\(pid)/root"
        )
    }

    /// The process in `core`, its files read under `fileRoot`.
    public static func core(_ core: CoreFile, fileRoot: String = "") -> ProcessImage {
        ProcessImage(
            pid: core.pid,
            origin: .core(path: core.path),
            map: core.map,
            executable: core.executable,
            fileRoot: fileRoot
        )
    }

    /// The files that may hold the interpreter: each libpython mapped, then the executable.
    public var interpreterFiles: [String] {
        let libraries = map.files.filter { ($0 as NSString).lastPathComponent.hasPrefix("libpython3.") }
        return libraries + (executable.map { [$0] } ?? [])
    }

    /// How a message names the process at the start of a sentence: `Process 4242`, or `The
    /// process in the core file core.4242`.
    var name: String {
        switch origin {
        case .live: "Process \(pid)"
        case let .core(path): "The process in the core file \(path)"
        }
    }
}
