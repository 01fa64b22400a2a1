import ArgumentParser
import HeapGraph
import Reports

/// `refgraph growth`: what grew between two snapshots of one process (objgraph's show_growth
/// and get_new_ids).
struct GrowthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "growth",
        abstract: "Show which types grew between two snapshots of one process, and the new objects.",
        discussion: """
            Per type: count and shallow bytes in OLD and NEW and the change, largest growth \
            first, as objgraph's show_growth. Then the objects that are new in NEW, by type, as \
            objgraph's get_new_ids: an object is new unless OLD held an object at the same \
            address with the same type. Snapshots of different processes are refused unless \
            --force is given.
            """
    )

    @Argument(help: ArgumentHelp("The earlier snapshot file.", valueName: "old"))
    var oldPath: String

    @Argument(help: ArgumentHelp("The later snapshot file.", valueName: "new"))
    var newPath: String

    @Option(name: .long, help: "How many types to list in each table.")
    var limit = 20

    @Flag(name: .long, help: "Compare snapshots even when they come from different processes.")
    var force = false

    @Flag(name: .long, help: "Print the result as a JSON document instead of tables.")
    var json = false

    func validate() throws {
        if limit < 1 { throw ValidationError("'--limit' must be at least 1.") }
    }

    func run() throws {
        let old = try SnapshotFile.read(from: oldPath)
        let new = try SnapshotFile.read(from: newPath)
        try RepeatedSnapshot.refuse([old.metadata, new.metadata], paths: [oldPath, newPath])
        try RepeatedSnapshot.refuseOtherProcess(old.metadata, new.metadata, paths: (oldPath, newPath), force: force)
        if new.metadata.time < old.metadata.time {
            Console.error(
                "refgraph: '\(newPath)' was taken before '\(oldPath)'; the changes shown are from the first file named to the second."
            )
        }
        let diff = SnapshotDiff(old: old, new: new)
        if json {
            Console.out(
                try JSONOutput.encode(GrowthReport(diff, new: new, oldPath: oldPath, newPath: newPath, limit: limit))
            )
        } else {
            Console.out(GrowthTable.render(diff, oldPath: oldPath, newPath: newPath, limit: limit))
        }
    }
}
