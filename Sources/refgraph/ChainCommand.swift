import ArgumentParser
import HeapGraph
import Reports

/// `refgraph chain`: the shortest chain of references from a root down to the selection
/// (objgraph's find_backref_chain and show_chain).
struct ChainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chain",
        abstract: "Print the shortest chain of references from a module (or any root) down to the selection.",
        discussion: """
            --to module (default) ends the chain at a module in sys.modules, as objgraph's \
            find_backref_chain with is_proper_module; --to root at any recorded root (modules, \
            thread frames, objects held from C); --to TYPE at an object of that type. With \
            several matching objects, the chain leads to the one nearest to such an end; \
            --group gives the chains of all of them instead, grouped by the references they \
            pass through (419 via __main__.background_tasks, 1 via a running frame), with a \
            count and one example each. An object no root reaches is reported with what holds \
            it: a leak candidate.
            """
    )

    @Argument(help: ArgumentHelp("The snapshot file to read.", valueName: "snapshot"))
    var snapshotPath: String

    @OptionGroup var selection: SelectorOptions

    @Option(
        name: .long,
        help: ArgumentHelp("What the chain leads back to: module, root, or a type name.", valueName: "end")
    )
    var to = "module"

    @Flag(name: .long, help: "Give the chains of every selected object, grouped by the references they pass through.")
    var group = false

    @OptionGroup var output: GraphOutputOptions

    func validate() throws {
        try selection.requireSelection()
        if group && output.output != nil {
            throw ValidationError("'--group' prints chains; it draws none: leave out '--output'.")
        }
    }

    func run() throws {
        let query = try LoadedQuery(snapshotPath: snapshotPath, selection: selection, defaultMultiple: .defaultForChain)
        let index = query.index
        let end: ChainEnd
        let endPhrase: String
        switch to {
        case "module": (end, endPhrase) = (.module, "a module")
        case "root": (end, endPhrase) = (.root, "a root")
        default:
            do {
                (end, endPhrase) = (.types(try index.types(named: to)), "an object of type '\(to)'")
            } catch {
                throw QueryFailure("'--to \(to)' is neither module, root, nor a type in the snapshot: \(error.message)")
            }
        }
        if group {
            let report = ChainGroupsReport(targets: query.selection.chosen, end: end, index: index)
            if output.json {
                Console.out(try JSONOutput.encode(report))
            } else {
                report.text(endPhrase: endPhrase).forEach(Console.out)
            }
            return
        }
        let result = index.shortestChain(to: query.selection.chosen, from: end)
        if output.json {
            Console.out(try JSONOutput.encode(ChainResultReport(result, index: index)))
        } else {
            index.describe(result, end: end).forEach(Console.out)
        }
        if case let .found(chain) = result, output.output != nil {
            try output.emit(
                index.subgraph(of: chain),
                in: index,
                title: "Shortest chain from \(endPhrase) to an object of \(query.selection.what)"
            )
        }
    }
}
