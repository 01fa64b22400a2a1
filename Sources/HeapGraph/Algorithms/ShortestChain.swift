extension HeapIndex {
    /// The shortest back-reference chain from any object satisfying `end` to the nearest of
    /// `targets`: objgraph's `find_backref_chain(obj, predicate)`, without its `max_depth`.
    ///
    /// One breadth-first search over reverse references from all targets at once. A target
    /// that itself satisfies `end` gives a one-object chain. Ties are broken deterministically:
    /// the end object is the first the search reaches (targets in the order given, then
    /// referrers in reverse-edge order); from it, each link follows the holder's first
    /// reference (in its edge order) that still leads to a target at the shortest distance,
    /// so a list holding many targets is shown by its lowest index, as a reader would look.
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
        let unvisited = UInt32.max
        let isEnd = UInt32.max - 1
        let start = UInt32.max - 2
        var parent = endMarks(end, marked: isEnd, unmarked: unvisited)
        var queue = [UInt32](repeating: 0, count: n)
        var depth = [UInt32](repeating: unvisited, count: n)
        var tail = 0
        var head = 0
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
            depth[target.index] = 0
            queue[tail] = target.rawValue
            tail += 1
        }
        let offsets = reverseOffsets
        let sources = reverseSources
        let edges = reverseEdges
        search: while found < 0 && head < tail {
            let node = Int(queue[head])
            head += 1
            for slot in Int(offsets[node])..<Int(offsets[node + 1]) {
                let source = Int(sources[slot])
                let mark = parent[source]
                if mark < isEnd { continue }
                parent[source] = edges[slot]
                depth[source] = depth[node] &+ 1
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
        var node = found
        while parent[node] != start {
            let wanted = depth[node] &- 1
            var next = Int(parent[node])
            for edge in Int(snapshot.edgeOffsets[node])..<Int(snapshot.edgeOffsets[node + 1])
            where depth[Int(snapshot.edgeTargets[edge])] == wanted {
                next = edge
                break
            }
            node = Int(snapshot.edgeTargets[next])
            labels.append(StringID(rawValue: snapshot.edgeLabels[next]))
            objects.append(ObjectID(node))
            precondition(objects.count <= n, "the links of a chain search form a loop")
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
            let flags = snapshot.flags
            let rootBits = rootKindBits
            let moduleFlag = ObjectFlags.module.rawValue
            let moduleBit = UInt8(truncatingIfNeeded: 1 << RootKind.module.rawValue)
            return (0..<n).map { flags[$0] & moduleFlag != 0 && rootBits[$0] & moduleBit != 0 ? marked : unmarked }
        case .root:
            return rootKindBits.map { $0 != 0 ? marked : unmarked }
        case .type, .types:
            var wanted = [UInt32](repeating: unmarked, count: snapshot.types.count)
            let types: [TypeID] =
                if case let .type(type) = end { [type] } else if case let .types(types) = end { types } else { [] }
            for type in types where type.index < wanted.count { wanted[type.index] = marked }
            return snapshot.objectTypes.map { wanted[Int($0)] }
        case let .objects(objects):
            var marks = [UInt32](repeating: unmarked, count: n)
            for object in objects where object.index < n { marks[object.index] = marked }
            return marks
        }
    }
}
