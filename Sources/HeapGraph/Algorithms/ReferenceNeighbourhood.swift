/// How far and how wide `backrefs` and `refs` go: objgraph's `max_depth`, `too_many`,
/// `filter` and `cull_func`.
public struct NeighbourhoodOptions: Sendable, Equatable {
    /// Objects this many references from the selection are drawn but not expanded.
    public var maxDepth: Int
    /// A node with more neighbours than this has only the first `tooMany` drawn; the rest are
    /// counted in `Subgraph.cut`.
    public var tooMany: Int
    /// Objects of these types are left out entirely (not drawn, not counted as cut). The
    /// selected objects themselves are always kept.
    public var filterTypes: [TypeID]
    /// `backrefs` does not expand modules listed in `sys.modules` (`HeapIndex.isModule`),
    /// as objgraph's `show_backrefs` culls `is_proper_module`: they are roots, and behind them
    /// is only `sys.modules`. `refs` ignores this, as objgraph's `show_refs` follows modules.
    public var stopAtModules: Bool

    public init(maxDepth: Int = 3, tooMany: Int = 10, filterTypes: [TypeID] = [], stopAtModules: Bool = true) {
        self.maxDepth = maxDepth
        self.tooMany = tooMany
        self.filterTypes = filterTypes
        self.stopAtModules = stopAtModules
    }
}

extension HeapIndex {
    /// What keeps `objects` alive, as objgraph's `show_backrefs`: breadth first over referrers.
    ///
    /// Semantics follow objgraph's `_show_graph`: the selection has depth 0; each node taken
    /// from the queue is drawn; if its depth is below `maxDepth` (and, with `stopAtModules`,
    /// it is not a module in `sys.modules`, even when selected) its referrers are listed in
    /// order, those of filtered types skipped, the first `tooMany` drawn as edges (also to
    /// nodes already drawn) and queued if new at depth + 1, the rest counted in `cut`.
    /// Deliberate differences: a referrer that holds the object twice is one neighbour drawn
    /// with the label of its first edge (as `gc.get_referrers` lists it once); a selected
    /// object listed twice is selected once; there is no `extra_ignore`, as the snapshot holds
    /// none of the inspector's own objects.
    ///
    /// Deliberate addition: when a node has more than `tooMany` referrers, the modules among
    /// them are taken first, so a module's `__dict__` held by a thousand functions'
    /// `__globals__` still shows its module, the answer the user is looking for.
    ///
    /// Order is deterministic: referrers by object number, which is the capture's order.
    /// - Complexity: O(objects) to allocate the marks, plus O(references into and out of the
    ///   expanded nodes).
    public func backrefs(of objects: [ObjectID], options: NeighbourhoodOptions = NeighbourhoodOptions()) -> Subgraph {
        neighbourhood(of: objects, options: options, direction: .referrers)
    }

    /// What `objects` keep alive, as objgraph's `show_refs`: breadth first over referents,
    /// with the semantics of `backrefs` except that modules are expanded.
    ///
    /// Deliberate difference: a referent held twice (an object twice in a list) is one
    /// neighbour, drawn with the label of the first edge; `gc.get_referents` lists it twice.
    /// Order is deterministic: the capture's edge order.
    /// - Complexity: O(objects) to allocate the marks, plus O(references out of the expanded
    ///   nodes).
    public func refs(of objects: [ObjectID], options: NeighbourhoodOptions = NeighbourhoodOptions()) -> Subgraph {
        neighbourhood(of: objects, options: options, direction: .referents)
    }

    private func neighbourhood(
        of objects: [ObjectID],
        options: NeighbourhoodOptions,
        direction: Subgraph.Direction
    ) -> Subgraph {
        let n = objectCount
        let backwards = direction == .referrers
        let cullModules = backwards && options.stopAtModules
        var filtered = [Bool](repeating: false, count: snapshot.types.count)
        for type in options.filterTypes where type.index < filtered.count { filtered[type.index] = true }

        // depthOf[v] == -1: not reached. seenFrom[v] == k + 1: already a neighbour of queue[k].
        var depthOf = [Int32](repeating: -1, count: n)
        var seenFrom = [UInt32](repeating: 0, count: n)
        var queue: [UInt32] = []
        var selected: [ObjectID] = []
        for object in objects where depthOf[object.index] < 0 {
            depthOf[object.index] = 0
            queue.append(object.rawValue)
            selected.append(object)
        }
        var edges: [Subgraph.Edge] = []
        var cut: [ObjectID: Int] = [:]
        let maxDepth = options.maxDepth
        let tooMany = options.tooMany

        let offsets = backwards ? reverseOffsets : snapshot.edgeOffsets
        let neighbours = backwards ? reverseSources : snapshot.edgeTargets
        let types = snapshot.objectTypes
        let labels = snapshot.edgeLabels
        let reverseEdges = self.reverseEdges
        var head = 0
        while head < queue.count {
            let node = Int(queue[head])
            head += 1
            let depth = Int(depthOf[node])
            if depth >= maxDepth { continue }
            if cullModules && isModule(ObjectID(node)) { continue }
            var drawn = 0
            var skipped = 0
            let stamp = UInt32(truncatingIfNeeded: head)
            let slots = Int(offsets[node])..<Int(offsets[node + 1])
            let modulesFirst = backwards && slots.count > tooMany
            for pass in (modulesFirst ? 0 : 1)...1 {
                for slot in slots {
                    let other = Int(neighbours[slot])
                    if seenFrom[other] == stamp { continue }
                    if pass == 0 && !isModule(ObjectID(other)) { continue }
                    seenFrom[other] = stamp
                    if filtered[Int(types[other])] { continue }
                    if drawn >= tooMany {
                        skipped += 1
                        continue
                    }
                    drawn += 1
                    let edge = backwards ? Int(reverseEdges[slot]) : slot
                    let label = StringID(rawValue: labels[edge])
                    edges.append(
                        backwards
                            ? Subgraph.Edge(source: ObjectID(other), target: ObjectID(node), label: label)
                            : Subgraph.Edge(source: ObjectID(node), target: ObjectID(other), label: label)
                    )
                    if depthOf[other] < 0 {
                        depthOf[other] = Int32(truncatingIfNeeded: depth + 1)
                        queue.append(UInt32(truncatingIfNeeded: other))
                    }
                }
            }
            if skipped > 0 { cut[ObjectID(node)] = skipped }
        }

        var depths: [ObjectID: Int] = [:]
        depths.reserveCapacity(queue.count)
        for node in queue { depths[ObjectID(rawValue: node)] = Int(depthOf[Int(node)]) }
        return Subgraph(
            direction: direction,
            nodes: queue.map { ObjectID(rawValue: $0) },
            edges: edges,
            selected: selected,
            cut: cut,
            depth: depths
        )
    }
}
