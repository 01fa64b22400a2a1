extension HeapIndex {
    /// The shortest back-reference chain from any object satisfying `end` to the nearest of
    /// `targets`: objgraph's `find_backref_chain(obj, predicate)`, without its `max_depth`.
    ///
    /// One breadth-first search over reverse references from all targets at once. A target
    /// that itself satisfies `end` gives a one-object chain. Ties are broken deterministically:
    /// targets in the order given, then referrers by object number; the first holder found at
    /// the shortest distance wins. Between two objects joined by several references the
    /// chain names the first (in the referrer's edge order).
    ///
    /// When no chain exists the answer is `.unreachable` for the first target, with its
    /// direct referrers.
    ///
    /// - Precondition: `targets` is not empty.
    /// - Complexity: O(objects + edges) in the worst case; O(objects) allocated once: a parent
    ///   array that doubles as the visited mark, and a queue with a head index.
    public func shortestChain(to targets: [ObjectID], from end: ChainEnd) -> ChainResult {
        precondition(!targets.isEmpty, "a chain query needs at least one target")
        let n = objectCount
        let wantedType: [Bool] =
            switch end {
            case .module, .root: []
            case let .type(type): markTypes([type])
            case let .types(types): markTypes(types)
            }
        let objectTypes = snapshot.objectTypes, rootBits = rootKindBits
        func accepts(_ object: Int) -> Bool {
            switch end {
            case .module: return isModule(ObjectID(object))
            case .root: return rootBits[object] != 0
            case .type, .types: return wantedType[Int(objectTypes[object])]
            }
        }

        // parent[v]: unvisited, a target, or the forward edge from v towards the targets.
        let unvisited = UInt32.max, start = UInt32.max - 1
        var parent = [UInt32](repeating: unvisited, count: n)
        var queue = [UInt32](repeating: 0, count: n)
        var tail = 0
        for target in targets where parent[target.index] == unvisited {
            if accepts(target.index) { return .found(ReferenceChain(objects: [target], edgeLabels: [])) }
            parent[target.index] = start
            queue[tail] = target.rawValue
            tail += 1
        }
        var found = -1
        var head = 0
        search: while head < tail {
            let node = Int(queue[head])
            head += 1
            for slot in Int(reverseOffsets[node])..<Int(reverseOffsets[node + 1]) {
                let source = Int(reverseSources[slot])
                if parent[source] != unvisited { continue }
                parent[source] = reverseEdges[slot]
                if accepts(source) {
                    found = source
                    break search
                }
                queue[tail] = UInt32(truncatingIfNeeded: source)
                tail += 1
            }
        }
        guard found >= 0 else {
            return .unreachable(target: targets[0], holders: distinctReferrers(of: targets[0]))
        }

        var objects = [ObjectID(found)]
        var labels: [StringID] = []
        var edge = parent[found]
        while edge != start {
            let child = snapshot.edgeTargets[Int(edge)]
            labels.append(StringID(rawValue: snapshot.edgeLabels[Int(edge)]))
            objects.append(ObjectID(rawValue: child))
            edge = parent[Int(child)]
        }
        return .found(ReferenceChain(objects: objects, edgeLabels: labels))
    }

    /// A mark per type of the snapshot, true for `types`.
    private func markTypes(_ types: [TypeID]) -> [Bool] {
        var marks = [Bool](repeating: false, count: snapshot.types.count)
        for type in types where type.index < marks.count { marks[type.index] = true }
        return marks
    }
}
