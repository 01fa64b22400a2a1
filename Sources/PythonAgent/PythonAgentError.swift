/// Everything that can go wrong while running a script or capturing its heap, each case
/// carrying the context a user needs. `description` is one full sentence naming the file.
public struct PythonAgentError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What failed.
    public enum Kind: Sendable, Equatable {
        /// The script does not exist or cannot be read.
        case scriptUnreadable
        /// The script does not compile (a `SyntaxError` or one of its subclasses).
        case syntaxError
        /// The `--python-env` directory (or `VIRTUAL_ENV`) cannot be used.
        case pythonEnvironment
        /// The embedded interpreter could not start, or was already used.
        case interpreter
        /// The heap walk failed.
        case capture
        /// The snapshot could not be written.
        case snapshotWrite
        /// The bundled `refgraph_agent.py` is missing.
        case agentMissing
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

extension PythonAgentError {
    /// Ends `text` with a full stop unless it already ends a sentence.
    static func sentence(_ text: String) -> String {
        let trimmed = text.trimmingTrailingWhitespace
        guard let last = trimmed.last else { return trimmed }
        return ".!?".contains(last) ? trimmed : trimmed + "."
    }
}

extension String {
    var trimmingTrailingWhitespace: String {
        var s = Substring(self)
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return String(s)
    }
}
