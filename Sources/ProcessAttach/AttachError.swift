/// Everything that can go wrong while attaching to a process, each case carrying the one-line
/// message a user reads (a full sentence naming the process and what to do).
public struct AttachError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What failed.
    public enum Kind: Sendable, Equatable {
        /// No process has that id (or it is a zombie).
        case noSuchProcess
        /// The process is not a CPython interpreter refgraph can inject into.
        case notPython
        /// A CPython whose version the agent does not support.
        case unsupportedVersion
        /// ptrace was refused.
        case permissionDenied
        /// gdb is not installed or cannot run.
        case gdbMissing
        /// The process is stopped or already traced by a debugger.
        case notRunnable
        /// This gdb cannot call a function in the target without corrupting it (it cannot write the
        /// CPU's register state back); refgraph detached before any call.
        case gdbCannotCall
        /// gdb could not schedule the agent.
        case injectionFailed
        /// The agent did not finish within the time limit.
        case timeout
        /// The process exited before the snapshot was complete.
        case targetExited
        /// The agent ran but failed.
        case agentFailed
        /// The heap read from outside could not be made sense of.
        case readFailed
        /// The snapshot could not be read back or written to its destination.
        case snapshotWrite
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
