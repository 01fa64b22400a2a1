import HeapGraph

/// Draws a subgraph as Graphviz DOT, in objgraph's look, from the templates in
/// `Templates/dot/`.
public enum DotRenderer {
    /// The DOT text of `subgraph`.
    ///
    /// Nodes are named `o0, o1, ...` in the subgraph's node order, so the same subgraph always
    /// gives the same text. All text from the snapshot is made visible, cut to a width and
    /// escaped; no label can break the DOT file.
    ///
    /// - Throws: `GraphRenderError` when the subgraph has more than `options.maxNodes` objects,
    ///   or when the templates cannot be loaded.
    /// - Precondition: every edge's ends are nodes of the subgraph; `options.retainedSizes`,
    ///   when given, has one entry per object of `snapshot`.
    /// - Complexity: O(nodes + edges + types + roots of the snapshot).
    public static func render(_ subgraph: Subgraph, in snapshot: Snapshot, options: DrawOptions) throws -> String {
        guard subgraph.nodes.count <= options.maxNodes else {
            throw GraphRenderError(.tooManyNodes(count: subgraph.nodes.count, limit: options.maxNodes))
        }
        let view = GraphView(subgraph, in: snapshot, options: options)
        return try TemplateLibrary.render(view, template: "dot/graph", in: TemplateLibrary.dot)
    }
}
