import ArgumentParser
import HeapGraph

/// What `backrefs` and `refs` share: a snapshot, the selection, objgraph's depth and cut
/// options, and where the picture goes. The two differ only in the direction they walk.
struct NeighbourhoodQuery: ParsableArguments {
    @Argument(help: ArgumentHelp("The snapshot file to read.", valueName: "snapshot"))
    var snapshotPath: String

    @OptionGroup var selection: SelectorOptions
    @OptionGroup var neighbourhood: NeighbourhoodCommandOptions
    @OptionGroup var output: GraphOutputOptions

    func validate() throws { try selection.requireSelection() }

    /// Reads the snapshot, chooses the objects, takes the subgraph `walk` gives for them and
    /// draws it under the title `title` makes from the selection's subject.
    func draw(
        _ walk: (HeapIndex, [ObjectID], NeighbourhoodOptions) -> Subgraph,
        title: (String) -> String
    ) throws {
        let query = try LoadedQuery(
            snapshotPath: snapshotPath,
            selection: selection,
            defaultMultiple: .defaultForGraphs
        )
        let subgraph = walk(query.index, query.selection.chosen, try neighbourhood.options(in: query.index))
        try output.emit(subgraph, in: query.index, title: title(query.selection.subject))
    }
}
