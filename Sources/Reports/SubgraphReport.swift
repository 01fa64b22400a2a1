import HeapGraph

/// A subgraph (a backrefs or refs picture) as plain values for a JSON document: each
/// object with its address, type, label and size, each reference by the addresses of its
/// ends, and how many neighbours a `too_many` cut left out.
public struct SubgraphReport: Codable, Sendable, Equatable {
    /// One object of the graph, with its depth, whether it is selected, and its cut.
    public typealias Node = ObjectReport

    public struct Edge: Codable, Sendable, Equatable {
        /// The referrer's address.
        public var source: String
        /// The referent's address.
        public var target: String
        /// The reference's name ("" for none).
        public var label: String
    }

    /// `referrers` (backrefs) or `referents` (refs).
    public var direction: String
    public var nodes: [Node]
    public var edges: [Edge]
}

extension HeapIndex {
    /// The subgraph as a `SubgraphReport`, nodes and edges in the subgraph's order.
    ///
    /// - Complexity: O(nodes + edges).
    public func report(of subgraph: Subgraph) -> SubgraphReport {
        let selected = Set(subgraph.selected)
        return SubgraphReport(
            direction: subgraph.direction == .referrers ? "referrers" : "referents",
            nodes: subgraph.nodes.map { object in
                var node = objectReport(of: object)
                node.depth = subgraph.depth[object] ?? 0
                node.selected = selected.contains(object)
                node.cut = subgraph.cut[object]
                return node
            },
            edges: subgraph.edges.map { edge in
                SubgraphReport.Edge(
                    source: hexAddress(of: edge.source),
                    target: hexAddress(of: edge.target),
                    label: snapshot.strings[edge.label]
                )
            }
        )
    }
}
