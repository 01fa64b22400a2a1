import GraphRender
import HeapGraph
import ProcessAttach
import PythonAgent
import Reports

/// One-line descriptions of finished work.
enum Summaries {
    /// `refgraph: snapshot of 1,234,567 objects, 2,345,678 edges, 98.7 MiB in 0.42 s → leaky.rgs`
    static func line(for summary: CaptureSummary) -> String {
        "refgraph: snapshot of \(Formatting.count(summary.objects)) objects, "
            + "\(Formatting.count(summary.edges)) edges, \(ByteCountFormat.string(summary.totalBytes)) "
            + "in \(Formatting.seconds(summary.seconds)) → \(summary.path)"
    }

    /// `refgraph: snapshot of process 4242 (Python 3.11): 123,456 objects, 234,567 edges, 9.9 MiB;
    /// stopped 0.31 s, done in 1.2 s → refgraph-4242-20260101-120000.rgs`
    static func line(for summary: AttachSummary, pid: Int32) -> String {
        "refgraph: snapshot of process \(pid) (Python \(summary.pythonVersion)): "
            + "\(Formatting.count(summary.objects)) objects, \(Formatting.count(summary.edges)) edges, "
            + "\(ByteCountFormat.string(summary.totalBytes)); stopped \(Formatting.seconds(summary.stoppedSeconds)), "
            + "done in \(Formatting.seconds(summary.totalSeconds)) → \(summary.path)"
    }

    /// `refgraph: snapshot of process 4242 from its core file (Python 3.11.4): 123,456 objects,
    /// 234,567 edges, 9.9 MiB in 0.8 s → refgraph-core-4242-20260101-120000.rgs`
    static func line(forCore snapshot: Snapshot, path: String, seconds: Double) -> String {
        let bytes = snapshot.sizes.reduce(UInt64(0)) { $0.addingSaturating($1) }
        let version = snapshot.metadata.pythonVersion.split(separator: " ").first.map(String.init) ?? "?"
        return "refgraph: snapshot of process \(snapshot.metadata.pid) from its core file (Python \(version)): "
            + "\(Formatting.count(snapshot.objectCount)) objects, \(Formatting.count(snapshot.edgeCount)) edges, "
            + "\(ByteCountFormat.string(bytes)) in \(Formatting.seconds(seconds)) → \(path)"
    }
}
