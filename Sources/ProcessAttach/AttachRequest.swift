/// What `ProcessAttacher.attach` is asked to do.
public struct AttachRequest: Sendable {
    /// The process to snapshot.
    public var pid: Int32
    /// Where the snapshot goes (relative to the current folder); written only when complete.
    public var snapshotPath: String
    /// The longest the whole attach may take, in seconds: gdb's part and the agent's run.
    public var timeout: Double
    /// The standalone agent (`refgraph_agent.py`) to run in the target.
    public var agentPath: String
    /// The gdb to run; `nil` finds `gdb` on `PATH`.
    public var gdbPath: String?

    public init(pid: Int32, snapshotPath: String, timeout: Double, agentPath: String, gdbPath: String? = nil) {
        self.pid = pid
        self.snapshotPath = snapshotPath
        self.timeout = timeout
        self.agentPath = agentPath
        self.gdbPath = gdbPath
    }
}

/// What a finished attach produced.
public struct AttachSummary: Sendable {
    /// The snapshot's path, as the caller gave it.
    public var path: String
    /// The target's Python version, `major.minor`.
    public var pythonVersion: String
    /// Objects and edges in the snapshot.
    public var objects: Int
    public var edges: Int
    /// Total shallow size of the objects.
    public var totalBytes: UInt64
    /// Seconds the target was stopped by gdb (attach to detach).
    public var stoppedSeconds: Double
    /// Seconds from the start of the attach until the snapshot was in place.
    public var totalSeconds: Double
}
