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
    /// - Precondition: `targets` is not empty and holds only objects of the snapshot.
    /// - Complexity: O(objects + edges) in the worst case; O(objects) allocated once: a parent
    ///   array that doubles as the visited mark (and, before the search, marks the objects
    ///   satisfying `end`, so the search touches one array per referrer), and a queue with a
    ///   head index.
    public func shortestChain(to targets: [ObjectID], from end: ChainEnd) -> ChainResult {
        precondition(!targets.isEmpty, "a chain query needs at least one target")
        let n = objectCount
        precondition(targets.allSatisfy { $0.index < n }, "a chain target is not an object of the snapshot")

        // parent[v]: unvisited, isEnd (not reached yet, satisfies `end`), start (a target),
        // or the forward edge from v towards the targets.
        let unvisited = UInt32.max, isEnd = UInt32.max - 1, start = UInt32.max - 2
        var parent = endMarks(end, marked: isEnd, unmarked: unvisited)
        var queue = [UInt32](repeating: 0, count: n)
        var tail = 0, head = 0
        var found = -1
        for target in targets {
            let mark = parent[target.index]
            if mark == isEnd {
                parent[target.index] = start
                found = target.index
                break
            }
            if mark != unvisited { continue }
            parent[target.index] = start
            queue[tail] = target.rawValue
            tail += 1
        }
        let offsets = reverseOffsets, sources = reverseSources, edges = reverseEdges
        search: while found < 0 && head < tail {
            let node = Int(queue[head])
            head += 1
            for slot in Int(offsets[node])..<Int(offsets[node + 1]) {
                let source = Int(sources[slot])
                let mark = parent[source]
                if mark < isEnd { continue }
                parent[source] = edges[slot]
                if mark == isEnd {
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
            precondition(objects.count <= n, "the parent links of a chain search form a loop")
            edge = parent[Int(child)]
        }
        return .found(ReferenceChain(objects: objects, edgeLabels: labels))
    }

    /// One value per object: `marked` for the objects satisfying `end`, `unmarked` for others.
    ///
    /// - Complexity: O(objects), one sequential pass.
    private func endMarks(_ end: ChainEnd, marked: UInt32, unmarked: UInt32) -> [UInt32] {
        let n = objectCount
        switch end {
        case .module:
            let flags = snapshot.flags, rootBits = rootKindBits, moduleFlag = ObjectFlags.module.rawValue
            let moduleBit = UInt8(truncatingIfNeeded: 1 << RootKind.module.rawValue)
            return (0..<n).map { flags[$0] & moduleFlag != 0 && rootBits[$0] & moduleBit != 0 ? marked : unmarked }
        case .root:
            return rootKindBits.map { $0 != 0 ? marked : unmarked }
        case .type, .types:
            var wanted = [UInt32](repeating: unmarked, count: snapshot.types.count)
            let types: [TypeID] = if case let .type(type) = end { [type] } else if case let .types(types) = end { types } else { [] }
            for type in types where type.index < wanted.count { wanted[type.index] = marked }
            return snapshot.objectTypes.map { wanted[Int($0)] }
        }
    }
}
