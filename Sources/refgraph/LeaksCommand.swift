import ArgumentParser
import GraphRender
import HeapGraph

/// `refgraph leaks`: the leak-suspects report of snapshots of one process taken over time.
struct LeaksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leaks",
        abstract: "Name the containers where new objects pile up, from two or more snapshots of one process in time order.",
        discussion: """
            A type keeps growing when its count ends higher than it started, rises at least at \
            half of the steps and never falls by more than a tenth of its growth. The objects of \
            those types that are new since the first snapshot (not there at the same address \
            with the same type) are each assigned to the nearest object that already existed in \
            the first snapshot and dominates them: where they accumulate. Such a container is a \
            suspect when it holds at least --min-objects of them and, in every snapshot, what it \
            retains keeps growing. Suspects are ranked by retained growth, each with the chain \
            from a module to it. --output report.html writes the report as one self-contained \
            HTML page. Snapshots of different processes are refused unless --force is given.
            """
    )

    @Argument(help: ArgumentHelp("Two or more snapshot files of one process, oldest first.", valueName: "snapshot"))
    var snapshotPaths: [String] = []

    @Option(name: .long, help: "The fewest new objects a container must hold to be a suspect.")
    var minObjects = 10

    @Option(name: .long, help: "How many suspects to report, most retained growth first.")
    var limit = 10

    @Option(name: .long, help: ArgumentHelp("Write the report as a self-contained HTML page to this file (.html).", valueName: "file"))
    var output: String?

    @Flag(name: .long, help: "Compare snapshots even when they come from different processes.")
    var force = false

    @Flag(name: .long, help: "Print the report as a JSON document instead of text.")
    var json = false

    func validate() throws {
        if snapshotPaths.count < 2 {
            throw ValidationError("'leaks' needs at least two snapshot files of one process, oldest first; \(snapshotPaths.count) given.")
        }
        if minObjects < 1 { throw ValidationError("'--min-objects' must be at least 1.") }
        if limit < 1 { throw ValidationError("'--limit' must be at least 1.") }
        if let output, !output.lowercased().hasSuffix(".html") {
            throw ValidationError("'--output' must end in .html, not '\(output)'.")
        }
        if let output { try OutputWriter.checkDestination(output) }
    }

    func run() throws {
        let snapshots = try snapshotPaths.map { HeapIndex(try SnapshotFile.read(from: $0)) }
        try RepeatedSnapshot.refuse(snapshots.map(\.snapshot.metadata), paths: snapshotPaths)
        for i in 1..<snapshots.count {
            let (previous, current) = (snapshots[i - 1].snapshot.metadata, snapshots[i].snapshot.metadata)
            if current.time < previous.time {
                throw QueryFailure("'\(snapshotPaths[i])' was taken before '\(snapshotPaths[i - 1])'; name the snapshots oldest first.")
            }
            if let reason = snapshots[0].snapshot.metadata.processDifference(from: current) {
                let error = HeapGraphError.differentProcesses(old: snapshotPaths[0], new: snapshotPaths[i], reason: reason)
                guard force else { throw error }
                Console.error("refgraph: comparing anyway (--force): '\(snapshotPaths[0])' and '\(snapshotPaths[i])' were \(reason).")
            }
        }
        let trees = snapshots.map { $0.dominatorTree() }
        let suspects = LeakSuspects(snapshots: snapshots, trees: trees, options: .init(minimumObjects: minObjects, limit: limit))
        let report = LeakReport(suspects, snapshots: snapshots, paths: snapshotPaths)
        if json {
            Console.out(try JSONOutput.encode(report))
        } else {
            Console.out(LeakReportText.render(report))
        }
        if let output {
            let page = try LeakReportPage.render(
                report, suspects: suspects, in: snapshots[snapshots.count - 1], retainedSizes: trees[trees.count - 1].retainedSizes)
            try OutputWriter.write(Array(page.utf8), to: output)
            Console.error("refgraph: \(report.suspects.count) suspect\(report.suspects.count == 1 ? "" : "s") → \(output)")
        }
    }
}
