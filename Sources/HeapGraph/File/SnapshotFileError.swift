/// Why a snapshot file could not be read or written: the one error type of `SnapshotFile`.
///
/// Its `description` is one full sentence naming the file, ready to show a user, for example
/// `'x.rgs' is truncated: section OBJS ends at byte 1234 but the file has 1000 bytes.`
public struct SnapshotFileError: Error, CustomStringConvertible, Equatable {
    /// What went wrong.
    public enum Reason: Error, Sendable, Equatable {
        /// The file does not start with the snapshot magic bytes.
        case wrongMagic
        /// The file was written by a format version this reader does not understand.
        case unsupportedVersion(major: UInt16, minor: UInt16)
        /// A part of the file (`what`, e.g. `section OBJS`) ends past the end of the file.
        case truncated(what: String, end: UInt64, fileSize: UInt64)
        /// A section listed in the directory is required but absent.
        case missingSection(String)
        /// Two directory entries share a tag.
        case duplicateSection(String)
        /// A section marked required has a tag this reader does not know.
        case unknownRequiredSection(String)
        /// A section's length does not match the counts it declares.
        case sectionLength(section: String, length: UInt64, expected: UInt64, contents: String)
        /// A structural rule is broken; `detail` says which, as a sentence fragment.
        case corrupt(String)
        /// The `META` section is not valid JSON or lacks a required key.
        case invalidMetadata(String)
        /// A system call failed while reading (`writing == false`) or writing the file.
        case system(writing: Bool, errno: Int32, message: String)
        /// The path names something other than a regular file (`kind`: a device, a directory,
        /// a FIFO, a socket), which is never read as a snapshot.
        case notAFile(kind: String)
        /// The path to write names something other than a regular file (`kind`: a device, a
        /// FIFO, a socket), which a writer never replaces.
        case notReplaceable(kind: String)
    }

    /// The file, as the caller named it; `nil` when decoding bytes that came from elsewhere.
    public var path: String?
    public var reason: Reason

    public init(path: String?, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        let subject = path.map { "'\($0)'" } ?? "the snapshot data"
        switch reason {
        case .wrongMagic:
            return "\(subject) is not a refgraph snapshot (wrong magic bytes)."
        case let .unsupportedVersion(major, minor):
            let advice = major > SnapshotFileFormat.majorVersion ? ": upgrade refgraph" : ""
            return "\(subject) was written by format version \(major).\(minor); "
                + "this refgraph reads version \(SnapshotFileFormat.majorVersion).x\(advice)."
        case .truncated(_, _, 0):
            return "\(subject) is empty, not a refgraph snapshot."
        case let .truncated(what, end, fileSize):
            return "\(subject) is truncated: \(what) ends at byte \(end) but the file has \(fileSize) bytes."
        case let .missingSection(tag):
            return "\(subject) is corrupt: it has no \(tag) section."
        case let .duplicateSection(tag):
            return "\(subject) is corrupt: its section directory lists \(tag) twice."
        case let .unknownRequiredSection(tag):
            return "\(subject) needs section \(tag), which this refgraph does not know: upgrade refgraph."
        case let .sectionLength(section, length, expected, contents):
            return "\(subject) is corrupt: section \(section) is \(length) bytes long, "
                + "but \(contents) need exactly \(expected) bytes."
        case let .corrupt(detail):
            return "\(subject) is corrupt: \(detail)."
        case let .invalidMetadata(detail):
            return "\(subject) has invalid metadata: \(detail)."
        case let .system(writing, _, message):
            let verb = writing ? "write" : "read"
            return "cannot \(verb) \(path.map { "'\($0)'" } ?? "the snapshot"): \(message)."
        case let .notAFile(kind):
            return "\(subject) is \(kind), not a snapshot file: name a file written by refgraph or refgraph_agent."
        case let .notReplaceable(kind):
            return
                "\(subject) is \(kind), not a regular file: refgraph writes snapshots only to regular files and left it as it is."
        }
    }
}
