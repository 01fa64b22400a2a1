import ArgumentParser
import GraphRender
import HeapGraph
import Reports

/// Where and how a query's graph is drawn: DOT on stdout, or a file whose extension picks the format.
struct GraphOutputOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Draw the graph into this file; .dot, .png, .svg or .pdf picks the format (without it, backrefs and refs print DOT, chain and cycles text).",
            valueName: "file"
        )
    )
    var output: String?

    @Flag(name: .long, help: "Show each object's address in the graph.")
    var showAddresses = false

    @Flag(name: .long, help: "Show each object's shallow size in the graph.")
    var showSizes = false

    @Flag(name: .long, help: "Print the objects and references as a JSON document instead of text or a drawing.")
    var json = false

    func validate() throws {
        if json && output != nil { throw ValidationError("'--json' prints to stdout; leave out '--output'.") }
        if let output, OutputFormat(path: output) == nil {
            throw ValidationError("'--output' must end in .dot, .png, .svg or .pdf, not '\(output)'.")
        }
        if let output { try OutputWriter.checkDestination(output) }
    }

    /// Draws `subgraph` to `--output`, prints its DOT, or with `--json` prints it as a
    /// `SubgraphReport`.
    func emit(_ subgraph: Subgraph, in index: HeapIndex, title: String) throws {
        if json {
            Console.out(try JSONOutput.encode(index.report(of: subgraph)))
            return
        }
        let snapshot = index.snapshot
        var options = DrawOptions()
        options.showAddresses = showAddresses
        options.showSizes = showSizes
        options.title = title
        let dot = try DotRenderer.render(subgraph, in: snapshot, options: options)
        guard let output, let format = OutputFormat(path: output) else {
            Console.out(dot)
            return
        }
        let bytes = format == .dot ? Array(dot.utf8) : try GraphvizRenderer.render(dot: dot, format: format)
        try OutputWriter.write(bytes, to: output)
        Console.error("refgraph: \(subgraph.nodes.count) objects, \(subgraph.edges.count) references → \(output)")
    }
}
