/// A part of the heap graph chosen by a query (backrefs, refs, a chain, a cycle), ready to be
/// drawn or printed. Node and edge order is deterministic: the order the query found them.
public struct Subgraph: Sendable, Equatable {
    /// Which way the query followed references.
    public enum Direction: Sendable, Equatable {
        /// From the selection to what refers to it (objgraph's `show_backrefs`, chains).
        case referrers
        /// From the selection to what it refers to (objgraph's `show_refs`).
        case referents
    }

    /// One reference drawn in the subgraph, always from referrer (`source`) to referent (`target`).
    public struct Edge: Hashable, Sendable {
        public var source: ObjectID
        public var target: ObjectID
        /// The edge's name (`StringID.empty` for none), from the snapshot's string table.
        public var label: StringID
        /// Drawn emphasised: a chain's or a cycle's edge.
        public var highlighted: Bool

        public init(source: ObjectID, target: ObjectID, label: StringID, highlighted: Bool = false) {
            self.source = source
            self.target = target
            self.label = label
            self.highlighted = highlighted
        }
    }

    public var direction: Direction
    /// Every object in the subgraph, each once, in the order the query reached them.
    public var nodes: [ObjectID]
    public var edges: [Edge]
    /// The objects the user selected (drawn highlighted).
    public var selected: [ObjectID]
    /// For nodes whose neighbours were cut by `too_many`: how many were left out.
    public var cut: [ObjectID: Int]
    /// Each node's distance from the selection, in references.
    public var depth: [ObjectID: Int]

    public init(
        direction: Direction,
        nodes: [ObjectID] = [],
        edges: [Edge] = [],
        selected: [ObjectID] = [],
        cut: [ObjectID: Int] = [:],
        depth: [ObjectID: Int] = [:]
    ) {
        self.direction = direction
        self.nodes = nodes
        self.edges = edges
        self.selected = selected
        self.cut = cut
        self.depth = depth
    }
}
