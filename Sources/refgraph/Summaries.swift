import GraphRender
import PythonAgent

/// One-line descriptions of finished work.
enum Summaries {
    /// `refgraph: snapshot of 1,234,567 objects, 2,345,678 edges, 98.7 MiB in 0.42 s → leaky.rgs`
    static func line(for summary: CaptureSummary) -> String {
        "refgraph: snapshot of \(Formatting.count(summary.objects)) objects, "
            + "\(Formatting.count(summary.edges)) edges, \(ByteCountFormat.string(summary.totalBytes)) "
            + "in \(Formatting.seconds(summary.seconds)) → \(summary.path)"
    }
}
