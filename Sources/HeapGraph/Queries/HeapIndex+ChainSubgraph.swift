extension HeapIndex {
    /// A chain as a subgraph to draw the way objgraph's `show_chain` does: the backrefs of
    /// the chain's target restricted to the chain's objects, with the chain's own references
    /// highlighted.
    ///
    /// Nodes run from the target (depth 0, selected) up to the holder. Each node but the
    /// holder contributes one edge per distinct referrer that is in the chain, in referrer
    /// order, so a reference back down the chain (a cycle) is drawn too, not highlighted.
    /// The holder is not expanded, as `show_chain` stops at its `max_depth`.
    ///
    /// - Complexity: O(chain length + references into the chain's objects but the holder).
    public func subgraph(of chain: ReferenceChain) -> Subgraph {
        let count = chain.objects.count
        var position: [ObjectID: Int] = [:]
        for (i, object) in chain.objects.enumerated() where position[object] == nil { position[object] = i }
        var nodes: [ObjectID] = []
        var depth: [ObjectID: Int] = [:]
        var edges: [Subgraph.Edge] = []
        for i in stride(from: count - 1, through: 0, by: -1) {
            let object = chain.objects[i]
            nodes.append(object)
            depth[object] = count - 1 - i
        }
        for i in stride(from: count - 1, through: 1, by: -1) {
            let object = chain.objects[i]
            var previous: ObjectID?
            for reference in referrers(of: object) where reference.object != previous {
                previous = reference.object
                guard let from = position[reference.object] else { continue }
                let isLink = from == i - 1
                let label = isLink ? chain.edgeLabels[i - 1] : reference.label
                edges.append(Subgraph.Edge(source: reference.object, target: object, label: label, highlighted: isLink))
            }
        }
        return Subgraph(direction: .referrers, nodes: nodes, edges: edges, selected: [chain.target], depth: depth)
    }
}
