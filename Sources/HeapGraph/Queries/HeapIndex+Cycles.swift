extension HeapIndex {
    /// Component `component`'s object count, bytes and type make-up.
    ///
    /// - Complexity: O(size of the component + types in it · log).
    public func summary(ofComponent component: Int, in components: StronglyConnectedComponents) -> CycleSummary {
        var shares: [UInt32: CycleSummary.TypeShare] = [:]
        var bytes: UInt64 = 0
        for object in components.members(of: component) {
            let type = snapshot.objectTypes[object.index]
            let size = snapshot.sizes[object.index]
            shares[type, default: CycleSummary.TypeShare(type: TypeID(rawValue: type), count: 0, bytes: 0)].count += 1
            shares[type]?.bytes.addSaturating(size)
            bytes.addSaturating(size)
        }
        let types = shares.values.sorted { a, b in
            if a.count != b.count { return a.count > b.count }
            if a.bytes != b.bytes { return a.bytes > b.bytes }
            return a.type < b.type
        }
        return CycleSummary(
            component: component,
            objectCount: components.size(of: component),
            bytes: bytes,
            types: types
        )
    }

    /// The shortest cycle of strong references from `object` back to itself, as a chain whose
    /// first and last objects are `object` (one reference for an object that refers to itself);
    /// nil when `object` is in no cycle.
    ///
    /// Breadth first over strong references, staying inside `object`'s component (every cycle
    /// through it does). Between two objects joined by several references the chain names the
    /// first, as `shortestChain` does; ties go to the capture's edge order.
    /// - Complexity: O(objects) to allocate the parent marks, plus O(references inside the
    ///   component).
    public func shortestCycle(through object: ObjectID, in components: StronglyConnectedComponents) -> ReferenceChain? {
        let component = components.componentOf[object.index]
        guard components.isCycle[Int(component)] else { return nil }
        let unvisited = UInt32.max
        var parentEdge = [UInt32](repeating: unvisited, count: objectCount)
        var queue: [UInt32] = [object.rawValue]
        var head = 0
        var closing = -1
        let offsets = snapshot.edgeOffsets
        let targets = snapshot.edgeTargets
        let componentOf = components.componentOf
        search: while head < queue.count {
            let v = Int(queue[head])
            head += 1
            for edge in Int(offsets[v])..<Int(offsets[v + 1]) where isStrong(edge: edge, from: v) {
                let w = Int(targets[edge])
                if w == object.index {
                    closing = edge
                    break search
                }
                if componentOf[w] != component || parentEdge[w] != unvisited { continue }
                parentEdge[w] = UInt32(truncatingIfNeeded: edge)
                queue.append(UInt32(truncatingIfNeeded: w))
            }
        }
        guard closing >= 0 else { return nil }
        // Walk back from the closing edge's source to `object`, then reverse.
        var edges = [closing]
        var node = sourceOf(edge: closing)
        while node != object.index {
            let edge = Int(parentEdge[node])
            edges.append(edge)
            node = sourceOf(edge: edge)
        }
        edges.reverse()
        var objects = [object]
        var labels: [StringID] = []
        for edge in edges {
            objects.append(ObjectID(rawValue: targets[edge]))
            labels.append(StringID(rawValue: snapshot.edgeLabels[edge]))
        }
        return ReferenceChain(objects: objects, edgeLabels: labels)
    }

    /// The object the edge at position `edge` leaves: the first object whose edges end after
    /// it, by binary search of the forward offsets.
    ///
    /// - Complexity: O(log objects).
    private func sourceOf(edge: Int) -> Int {
        let offsets = snapshot.edgeOffsets
        var lo = 0
        var hi = objectCount
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(offsets[mid + 1]) <= edge { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// A cycle drawn inside its component: the cycle's objects first, then (when the component
    /// has at most `maxNodes` objects) the rest of the component; one edge per referrer and
    /// referent pair among them (the first strong reference, or the cycle's own), the cycle's
    /// references highlighted.
    ///
    /// - Complexity: O(drawn objects + their references).
    public func subgraph(
        ofCycle cycle: ReferenceChain,
        in components: StronglyConnectedComponents,
        maxNodes: Int
    ) -> Subgraph {
        var nodes: [ObjectID] = []
        var position: [ObjectID: Int] = [:]
        for object in cycle.objects where position[object] == nil {
            position[object] = nodes.count
            nodes.append(object)
        }
        let component = components.component(of: cycle.holder)
        if components.size(of: component) <= maxNodes {
            for object in components.members(of: component) where position[object] == nil {
                position[object] = nodes.count
                nodes.append(object)
            }
        }
        var link: [ObjectID: [ObjectID: StringID]] = [:]
        for i in 0..<cycle.length { link[cycle.objects[i], default: [:]][cycle.objects[i + 1]] = cycle.edgeLabels[i] }
        var edges: [Subgraph.Edge] = []
        for source in nodes {
            var drawn: Set<ObjectID> = []
            for reference in references(from: source) where position[reference.object] != nil {
                guard isStrong(edge: reference.edge, from: source.index), drawn.insert(reference.object).inserted else {
                    continue
                }
                if let label = link[source]?[reference.object] {
                    edges.append(
                        Subgraph.Edge(source: source, target: reference.object, label: label, highlighted: true)
                    )
                } else {
                    edges.append(Subgraph.Edge(source: source, target: reference.object, label: reference.label))
                }
            }
        }
        var depth: [ObjectID: Int] = [:]
        for (i, object) in cycle.objects.dropLast().enumerated() { depth[object] = i }
        return Subgraph(direction: .referents, nodes: nodes, edges: edges, selected: [cycle.holder], depth: depth)
    }

    /// Objects no other recorded object refers to by a strong reference, but whose reference
    /// count is larger than their references to themselves: something outside the recorded
    /// graph holds them (C code, a C stack), or a reference was lost. objgraph's
    /// `get_leaking_objects`, in object order.
    ///
    /// - Complexity: O(objects + edges).
    public func orphans() -> [ObjectID] {
        var result: [ObjectID] = []
        let sources = reverseSources
        let edges = reverseEdges
        let refcounts = snapshot.refcounts
        for v in 0..<objectCount {
            var selfReferences: UInt64 = 0
            var heldByOthers = false
            for slot in Int(reverseOffsets[v])..<Int(reverseOffsets[v + 1]) {
                let source = Int(sources[slot])
                guard isStrong(edge: Int(edges[slot]), from: source) else { continue }
                if source == v {
                    selfReferences += 1
                } else {
                    heldByOthers = true
                    break
                }
            }
            if !heldByOthers && refcounts[v] > selfReferences { result.append(ObjectID(v)) }
        }
        return result
    }
}
