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

    /// An error whose message is kept to one line: a control character in it (from a path a
    /// core file names, a name read from memory) is written as its `\u{…}` escape.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        // Most messages are printable ASCII, kept as they are: a damaged core can make the
        // walk build hundreds of thousands of errors (each skipped object is one).
        if message.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            self.message = message
            return
        }
        var line = ""
        line.unicodeScalars.reserveCapacity(message.unicodeScalars.count)
        for scalar in message.unicodeScalars {
            if [.control, .lineSeparator, .paragraphSeparator].contains(scalar.properties.generalCategory) {
                line += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                line.unicodeScalars.append(scalar)
            }
        }
        self.message = line
    }

    public var description: String { message }
}
