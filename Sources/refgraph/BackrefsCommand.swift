import ArgumentParser
import HeapGraph

/// `refgraph backrefs`: what refers to the selected objects (objgraph's show_backrefs).
struct BackrefsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backrefs",
        abstract: "Draw what refers to the selected objects, as objgraph's show_backrefs.",
        discussion: """
            Breadth first over referrers up to --max-depth; an object with more than \
            --too-many referrers shows the first ones and counts the rest. Modules are roots and \
            are not expanded. With several matches the first is drawn; --pick N or --all choose.
            """
    )

    @Argument(help: ArgumentHelp("The snapshot file to read.", valueName: "snapshot"))
    var snapshotPath: String

    @OptionGroup var selection: SelectorOptions
    @OptionGroup var neighbourhood: NeighbourhoodCommandOptions
    @OptionGroup var output: GraphOutputOptions

    func validate() throws { try selection.requireSelection() }

    func run() throws {
        let query = try LoadedQuery(snapshotPath: snapshotPath, selection: selection, defaultMultiple: .defaultForGraphs)
        let subgraph = query.index.backrefs(of: query.selection.chosen, options: try neighbourhood.options(in: query.index))
        try output.emit(subgraph, in: query.index, title: "What refers to \(query.selection.subject)")
    }
}

/// `refgraph refs`: what the selected objects refer to (objgraph's show_refs).
struct RefsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refs",
        abstract: "Draw what the selected objects refer to, as objgraph's show_refs."
    )

    @Argument(help: ArgumentHelp("The snapshot file to read.", valueName: "snapshot"))
    var snapshotPath: String

    @OptionGroup var selection: SelectorOptions
    @OptionGroup var neighbourhood: NeighbourhoodCommandOptions
    @OptionGroup var output: GraphOutputOptions

    func validate() throws { try selection.requireSelection() }

    func run() throws {
        let query = try LoadedQuery(snapshotPath: snapshotPath, selection: selection, defaultMultiple: .defaultForGraphs)
        var options = try neighbourhood.options(in: query.index)
        options.stopAtModules = false
        let subgraph = query.index.refs(of: query.selection.chosen, options: options)
        try output.emit(subgraph, in: query.index, title: "What \(query.selection.subject) refers to")
    }
}
