/// Everything that can go wrong while reading another process's heap, each with the one-line
/// message a user reads.
public struct HeapReaderError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What failed.
    public enum Kind: Sendable, Equatable {
        /// No process has that id, or it exited meanwhile.
        case noSuchProcess
        /// ptrace or reading its memory was refused.
        case permissionDenied
        /// The process is not CPython, or its runtime could not be found.
        case notPython
        /// A CPython version outside 3.8-3.13.
        case unsupportedVersion
        /// An address could not be read (a bad pointer, or memory that changed under the read).
        case unreadable
        /// A structure read did not make sense (a list that does not end, a size out of range).
        case inconsistent
        /// A file (an executable, a library) could not be read or parsed.
        case badFile
        /// The capture did not finish before its deadline.
        case timedOut
        /// A file a core file names (its executable, libpython) is not on this machine.
        case missingFile
        /// A file a core file names is on this machine, but is another build than the one the
        /// process had mapped.
        case differentFile
    }

    public var kind: Kind
    /// The one-line message.
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
