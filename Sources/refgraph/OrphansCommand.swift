import ArgumentParser
import GraphRender
import HeapGraph
import Reports

/// `refgraph orphans`: objects nothing recorded refers to, yet something holds
/// (objgraph's get_leaking_objects).
struct OrphansCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orphans",
        abstract:
            "List objects no other recorded object refers to but whose reference count says something holds them.",
        discussion: """
            As objgraph's get_leaking_objects: such an object is held from C code or a C stack, \
            by the interpreter (a thread's innermost frame), or through a reference that was \
            lost (a leak in an extension). Weak references do not count as referrers. Listed by \
            type, most objects first, then the objects themselves.
            """
    )

    @Argument(help: ArgumentHelp("The snapshot file to read.", valueName: "snapshot"))
    var snapshotPath: String

    @Option(name: .long, help: "How many types and how many objects to list.")
    var limit = 20

    @Flag(name: .long, help: "Print the orphans as a JSON document.")
    var json = false

    func validate() throws {
        if limit < 1 { throw ValidationError("'--limit' must be at least 1.") }
    }

    func run() throws {
        let index = HeapIndex(try SnapshotFile.read(from: snapshotPath))
        let report = OrphansReport(index: index, orphans: index.orphans(), path: snapshotPath, limit: limit)
        Console.out(json ? try JSONOutput.encode(report) : report.text)
    }
}
