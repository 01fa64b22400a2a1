import ArgumentParser
import HeapGraph
import Reports

/// `refgraph retained`: what holds the most memory, by the dominator tree (retained sizes),
/// or how much the selected objects retain together (guppy3's domisize).
struct RetainedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retained",
        abstract: "List the objects or types that retain the most memory, or what the selection retains.",
        discussion: """
            An object's retained size is what would be freed if it were released: its own \
            bytes and those of every object only it keeps alive (the objects it dominates from \
            the roots). Weak references keep nothing alive. Objects no root reaches (garbage \
            cycles, objects held from C) hang from the top of the tree, so retained sizes add \
            up to the whole heap. --by object lists objects with the chain from a root to each; \
            --by type lists per type what its objects retain together, counting objects that \
            another object of the type retains once (a lower bound; select the type with \
            --type NAME for the exact figure). With --type or --address: the bytes freed if all \
            chosen objects (all matches unless --pick) were released, and what holds them.
            """
    )

    /// How rows are grouped.
    enum Grouping: String, ExpressibleByArgument, CaseIterable {
        case object, type
    }

    @Argument(help: ArgumentHelp("The snapshot file to read.", valueName: "snapshot"))
    var snapshotPath: String

    @OptionGroup var selection: SelectorOptions

    @Option(name: .long, help: "List objects or types.")
    var by: Grouping = .object

    @Option(name: .long, help: "How many objects or types to list.")
    var limit = 20

    @Flag(name: .long, help: "Print the result as a JSON document.")
    var json = false

    func validate() throws {
        if limit < 1 { throw ValidationError("'--limit' must be at least 1.") }
    }

    func run() throws {
        let index = HeapIndex(try SnapshotFile.read(from: snapshotPath))
        let chosen = selection.isGiven ? try LoadedQuery.select(selection, in: index, defaultMultiple: .all) : nil
        let tree = index.dominatorTree()
        let report: RetainedReport
        if let chosen {
            report = RetainedReport(selection: chosen, index: index, tree: tree, path: snapshotPath)
        } else if by == .type {
            report = RetainedReport(
                types: index.retentionByType(in: tree),
                index: index,
                tree: tree,
                path: snapshotPath,
                limit: limit
            )
        } else {
            report = RetainedReport(
                objects: index.largestRetainers(in: tree, limit: limit),
                index: index,
                tree: tree,
                path: snapshotPath
            )
        }
        Console.out(json ? try JSONOutput.encode(report) : report.text(index: index))
    }
}
