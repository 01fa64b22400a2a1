/// What a snapshot says about the process and the moment it was taken.
///
/// Stored in the file as one JSON object (section `META`); keys a reader does not know are
/// ignored, so fields can be added without a format version change.
public struct SnapshotMetadata: Codable, Hashable, Sendable {
    /// `sys.version`, e.g. `3.11.2 (main, ...) [GCC 12.2.0]`.
    public var pythonVersion: String
    /// `sys.implementation.name`, e.g. `cpython`.
    public var pythonImplementation: String
    public var pid: Int32
    /// Seconds since the Unix epoch at the start of the capture.
    public var time: Double
    /// Resident set size in bytes at the start of the capture, if it could be read.
    public var rssBytes: UInt64?
    /// Peak resident set size in bytes, if it could be read.
    public var peakRSSBytes: UInt64?
    /// `gc.isenabled()` before the capture.
    public var gcEnabled: Bool
    /// `gc.get_count()` before the capture.
    public var gcCounts: [Int]
    /// `gc.get_threshold()`.
    public var gcThresholds: [Int]
    /// Whether the capture ran `gc.collect()` first.
    public var collected: Bool
    /// Which capture wrote the snapshot, e.g. `refgraph run (C-API walker) 0.1.0`.
    public var capturedBy: String
    /// Seconds the capture took, from the start of the walk to the end of the write.
    public var captureSeconds: Double
    /// `sys.executable` and `sys.argv` of the process, when known.
    public var executable: String?
    public var argv: [String]?
    /// Non-nil when the capture did not finish: the reason. Such a snapshot is still readable.
    public var incomplete: String?
    /// What this capture cannot record (for example, edge labels of some kinds), one sentence each.
    public var limitations: [String]

    public init(
        pythonVersion: String,
        pythonImplementation: String = "cpython",
        pid: Int32,
        time: Double,
        rssBytes: UInt64? = nil,
        peakRSSBytes: UInt64? = nil,
        gcEnabled: Bool,
        gcCounts: [Int],
        gcThresholds: [Int],
        collected: Bool,
        capturedBy: String,
        captureSeconds: Double = 0,
        executable: String? = nil,
        argv: [String]? = nil,
        incomplete: String? = nil,
        limitations: [String] = []
    ) {
        self.pythonVersion = pythonVersion
        self.pythonImplementation = pythonImplementation
        self.pid = pid
        self.time = time
        self.rssBytes = rssBytes
        self.peakRSSBytes = peakRSSBytes
        self.gcEnabled = gcEnabled
        self.gcCounts = gcCounts
        self.gcThresholds = gcThresholds
        self.collected = collected
        self.capturedBy = capturedBy
        self.captureSeconds = captureSeconds
        self.executable = executable
        self.argv = argv
        self.incomplete = incomplete
        self.limitations = limitations
    }
}
