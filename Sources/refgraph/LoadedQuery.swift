import HeapGraph
import Reports

/// A snapshot read from a file, indexed, with the user's selection made: where every query starts.
struct LoadedQuery {
    var index: HeapIndex
    var selection: Selection

    init(snapshotPath: String, selection options: SelectorOptions, defaultMultiple: ObjectSelector.Multiple) throws {
        index = HeapIndex(try SnapshotFile.read(from: snapshotPath))
        selection = try Self.select(options, in: index, defaultMultiple: defaultMultiple)
    }

    /// The objects `options` choose in `index`, after telling the user when more matched than
    /// were chosen.
    static func select(
        _ options: SelectorOptions,
        in index: HeapIndex,
        defaultMultiple: ObjectSelector.Multiple
    ) throws -> Selection {
        let selection: Selection
        do {
            selection = try options.selector(defaultMultiple: defaultMultiple).select(in: index)
        } catch {
            throw QueryFailure(error.message)
        }
        if let note = selection.note { Console.error("refgraph: " + note) }
        return selection
    }
}
