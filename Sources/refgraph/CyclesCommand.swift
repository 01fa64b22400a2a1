import ArgumentParser
import HeapGraph
import Reports

/// `refgraph cycles`: the reference cycles of a snapshot (its strongly connected components),
/// or the ones the selected objects are in with the shortest cycle through them.
struct CyclesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cycles",
        abstract: "List reference cycles, largest first, or the cycles the selected objects are in.",
        discussion: """
            A cycle is a strongly connected component of the strong references: objects that \
            all reach each other (or one object that refers to itself). Each is listed with its \
            objects, bytes and types. With --type or --address, the cycles holding the chosen \
            objects (all matches unless --pick) are listed, each with the shortest cycle through \
            a chosen object; --output draws the first with that cycle's references in red.
            """
    )

    @Argument(help: ArgumentHelp("The snapshot file to read.", valueName: "snapshot"))
    var snapshotPath: String

    @OptionGroup var selection: SelectorOptions

    @Option(name: .long, help: "List only cycles of at least this many objects.")
    var minSize = 1

    @Option(name: .long, help: "How many cycles to list.")
    var limit = 20

    @OptionGroup var output: GraphOutputOptions

    func validate() throws {
        if minSize < 1 { throw ValidationError("'--min-size' must be at least 1.") }
        if limit < 1 { throw ValidationError("'--limit' must be at least 1.") }
    }

    func run() throws {
        let index = HeapIndex(try SnapshotFile.read(from: snapshotPath))
        let components = index.stronglyConnectedComponents()
        var listing = CyclesListing(index: index, components: components, minSize: minSize, limit: limit)
        if selection.isGiven {
            let chosen = try LoadedQuery.select(selection, in: index, defaultMultiple: .all)
            listing.restrict(to: chosen)
        }
        if output.json {
            Console.out(try JSONOutput.encode(CyclesReport(listing, path: snapshotPath)))
        } else {
            listing.text().forEach(Console.out)
        }
        if output.output != nil {
            guard let first = listing.entries.first, let cycle = first.cycle else {
                throw QueryFailure("There is no cycle to draw: no cycle matches; '--output' needs one.")
            }
            let subgraph = index.subgraph(ofCycle: cycle, in: components, maxNodes: 200)
            try output.emit(
                subgraph,
                in: index,
                title: "Reference cycle of \(Formatting.count(first.summary.objectCount)) objects"
            )
        }
    }
}
