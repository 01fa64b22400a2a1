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

    @OptionGroup var query: NeighbourhoodQuery

    func run() throws {
        try query.draw { index, chosen, options in
            index.backrefs(of: chosen, options: options)
        } title: {
            "What refers to \($0)"
        }
    }
}

/// `refgraph refs`: what the selected objects refer to (objgraph's show_refs).
struct RefsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refs",
        abstract: "Draw what the selected objects refer to, as objgraph's show_refs."
    )

    @OptionGroup var query: NeighbourhoodQuery

    func run() throws {
        try query.draw { index, chosen, options in
            var options = options
            options.stopAtModules = false
            return index.refs(of: chosen, options: options)
        } title: {
            "What \($0) refers to"
        }
    }
}
