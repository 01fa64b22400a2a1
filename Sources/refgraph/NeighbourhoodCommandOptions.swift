import ArgumentParser
import HeapGraph
import Reports

/// The options `backrefs` and `refs` share: objgraph's max_depth, too_many and filter.
struct NeighbourhoodCommandOptions: ParsableArguments {
    @Option(name: .long, help: "How many references away from the selection to go.")
    var maxDepth = 3

    @Option(name: .long, help: "Draw at most this many neighbours of one object; the rest are counted.")
    var tooMany = 10

    @Option(name: .long, help: ArgumentHelp("Leave out objects of this type (repeatable).", valueName: "type"))
    var filterType: [String] = []

    func validate() throws {
        if maxDepth < 1 { throw ValidationError("'--max-depth' must be at least 1.") }
        if tooMany < 1 { throw ValidationError("'--too-many' must be at least 1.") }
    }

    /// The query options, with `--filter-type` names resolved against the snapshot.
    func options(in index: HeapIndex) throws -> NeighbourhoodOptions {
        var filtered: [TypeID] = []
        for name in filterType {
            do {
                filtered += try index.types(named: name)
            } catch {
                throw QueryFailure(error.message)
            }
        }
        return NeighbourhoodOptions(maxDepth: maxDepth, tooMany: tooMany, filterTypes: filtered)
    }
}
