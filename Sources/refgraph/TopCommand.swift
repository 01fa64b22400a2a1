import ArgumentParser
import GraphRender
import HeapGraph
import Reports

/// `refgraph top`: the most common types on the heap (objgraph's show_most_common_types).
struct TopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "top",
        abstract: "List the most common types in a snapshot, with their counts and bytes.",
        discussion: """
            Type names are short (Request) unless two types share a short name; then both are \
            module-qualified (xmpp.protocol.Iq), as objgraph's shortnames. Bytes are shallow \
            sizes, as sys.getsizeof reports them.
            """
    )

    /// Which column the rows are sorted by.
    enum SortKey: String, ExpressibleByArgument, CaseIterable {
        case count, bytes
    }

    @Argument(help: ArgumentHelp("The snapshot file to read.", valueName: "snapshot"))
    var snapshotPath: String

    @Option(name: .long, help: "How many types to list (default: 20 in the table, every type with --json).")
    var limit: Int?

    @Option(name: .long, help: "Sort by object count or by total shallow bytes.")
    var sort: SortKey = .count

    @Flag(name: .long, help: "Print the rows as a JSON document instead of a table.")
    var json = false

    @Flag(
        name: .long,
        help: "Add what each type's objects retain (builds the dominator tree; see 'refgraph retained --by type')."
    )
    var retained = false

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("'--limit' must be at least 1.") }
    }

    func run() throws {
        let snapshot = try SnapshotFile.read(from: snapshotPath)
        let census = TypeCensus(snapshot, order: sort == .count ? .count : .bytes)
        var retainedByType: [UInt64]?
        if retained {
            let index = HeapIndex(snapshot)
            var byType = [UInt64](repeating: 0, count: snapshot.types.count)
            for row in index.retentionByType(in: index.dominatorTree()) { byType[row.type.index] = row.retainedBytes }
            retainedByType = byType
        }
        if json {
            Console.out(
                try JSONOutput.encode(
                    TopReport(
                        census,
                        of: snapshot,
                        path: snapshotPath,
                        sort: sort.rawValue,
                        limit: limit ?? census.rows.count,
                        retained: retainedByType
                    )
                )
            )
        } else {
            Console.out(TopTable.render(census, limit: limit ?? 20, retained: retainedByType))
        }
    }
}
