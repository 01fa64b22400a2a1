/// A subgraph (a backrefs or refs picture) as plain values for a JSON document: each
/// object with its address, type, label and size, each reference by the addresses of its
/// ends, and how many neighbours a `too_many` cut left out.
public struct SubgraphReport: Codable, Sendable, Equatable {
    public struct Node: Codable, Sendable, Equatable {
        /// The object's address in the captured process, as `0x` and lowercase hex digits.
        public var address: String
        /// The qualified type name (`module.qualname`, or the bare name for built-ins).
        public var type: String
        /// The object's safe label ("" for none).
        public var label: String
        /// Shallow size in bytes.
        public var size: UInt64
        /// References from the selection (0 for a selected object).
        public var depth: Int
        public var selected: Bool
        /// Neighbours left out by the `too_many` cut, if any.
        public var cut: Int?
    }

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
                SubgraphReport.Node(
                    address: hexAddress(of: object), type: snapshot.type(of: object).qualifiedName,
                    label: snapshot.label(of: object), size: snapshot.size(of: object),
                    depth: subgraph.depth[object] ?? 0, selected: selected.contains(object), cut: subgraph.cut[object])
            },
            edges: subgraph.edges.map { edge in
                SubgraphReport.Edge(
                    source: hexAddress(of: edge.source), target: hexAddress(of: edge.target),
                    label: snapshot.strings[edge.label])
            })
    }
}
