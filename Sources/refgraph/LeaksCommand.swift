import ArgumentParser
import GraphRender
import HeapGraph
import Reports

/// `refgraph leaks`: the leak-suspects report of snapshots of one process taken over time.
struct LeaksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leaks",
        abstract:
            "Name the containers where new objects pile up, from two or more snapshots of one process in time order.",
        discussion: """
            A type keeps growing when its count ends higher than it started, rises at least at \
            half of the steps and at the last one, and never falls by more than a tenth of its \
            growth. An object is the same in two snapshots only when the evidence says so (same \
            address and type, and unchanged or held under the same name by the same holder). The \
            objects of growing types that are new since the first snapshot are each assigned to \
            the nearest object that already existed then and dominates them: where they \
            accumulate. Such a container is a suspect when it holds at least --min-objects of \
            them and what it retains, besides the suspects inside it, keeps growing. Suspects \
            inside no other come first, by retained growth, each with the chain from a module to \
            it; those inside another are its symptoms; containers that accumulate the same way \
            are one entry. --output report.html writes the report as one self-contained HTML \
            page. Values are shown unless --redact is given: then str and bytes labels give only \
            their size, and dict keys that are not identifiers are left out, in text, JSON and \
            HTML alike. Snapshots of different processes are refused unless --force is given.
            """
    )

    @Argument(help: ArgumentHelp("Two or more snapshot files of one process, oldest first.", valueName: "snapshot"))
    var snapshotPaths: [String] = []

    @Option(name: .long, help: "The fewest new objects a container must hold to be a suspect.")
    var minObjects = 10

    @Option(name: .long, help: "How many suspects to report, most retained growth first.")
    var limit = 10

    @Option(
        name: .long,
        help: ArgumentHelp("Write the report as a self-contained HTML page to this file (.html).", valueName: "file")
    )
    var output: String?

    @Flag(name: .long, help: "Compare snapshots even when they come from different processes.")
    var force = false

    @Flag(name: .long, help: "Print the report as a JSON document instead of text.")
    var json = false

    @Flag(name: .long, help: "Leave values out, for a report to share: str and bytes labels give their size only.")
    var redact = false

    func validate() throws {
        if snapshotPaths.count < 2 {
            throw ValidationError(
                "'leaks' needs at least two snapshot files of one process, oldest first; \(snapshotPaths.count) given."
            )
        }
        if minObjects < 1 { throw ValidationError("'--min-objects' must be at least 1.") }
        if limit < 1 { throw ValidationError("'--limit' must be at least 1.") }
        if let output, !output.lowercased().hasSuffix(".html") {
            throw ValidationError("'--output' must end in .html, not '\(output)'.")
        }
        if let output { try OutputWriter.checkDestination(output) }
    }

    func run() throws {
        let snapshots = try snapshotPaths.map { path in
            let snapshot = try SnapshotFile.read(from: path)
            return HeapIndex(redact ? snapshot.withValuesLeftOut() : snapshot)
        }
        try RepeatedSnapshot.refuse(snapshots.map(\.snapshot.metadata), paths: snapshotPaths)
        for i in 1..<snapshots.count {
            let (previous, current) = (snapshots[i - 1].snapshot.metadata, snapshots[i].snapshot.metadata)
            if current.time < previous.time {
                throw QueryFailure(
                    "'\(snapshotPaths[i])' was taken before '\(snapshotPaths[i - 1])'; name the snapshots oldest first."
                )
            }
            try RepeatedSnapshot.refuseOtherProcess(
                snapshots[0].snapshot.metadata,
                current,
                paths: (snapshotPaths[0], snapshotPaths[i]),
                force: force
            )
        }
        let trees = snapshots.map { $0.dominatorTree() }
        let suspects = LeakSuspects(
            snapshots: snapshots,
            trees: trees,
            options: .init(minimumObjects: minObjects, limit: limit)
        )
        let report = LeakReport(suspects, snapshots: snapshots, paths: snapshotPaths, valuesLeftOut: redact)
        if json {
            Console.out(try JSONOutput.encode(report))
        } else {
            Console.out(LeakReportText.render(report))
        }
        if let output {
            let page = try LeakReportPage.render(
                report,
                suspects: suspects,
                in: snapshots[snapshots.count - 1],
                retainedSizes: trees[trees.count - 1].retainedSizes
            )
            try OutputWriter.write(Array(page.utf8), to: output)
            Console.error(
                "refgraph: \(report.suspects.count) suspect\(report.suspects.count == 1 ? "" : "s") → \(output)"
            )
        }
    }
}
