/// Objects reached the same way from a root: a chain shape and how many objects have it.
public struct ChainGroup: Sendable, Equatable {
    /// The chain to the group's first object (in the order the targets were given).
    public var example: ReferenceChain
    /// Every object of the group, in the order the targets were given.
    public var objects: [ObjectID]
}

extension HeapIndex {
    /// The chains from the objects satisfying `end` to each of `targets`, grouped by shape:
    /// two chains have one shape when they pass through objects of the same types under the
    /// same reference names, with list and tuple indices and dict keys taken as alike (the
    /// 419 tasks of `background_tasks` are one group, the one in a running frame another).
    /// Each chain is a shortest one; objects no chain reaches are left out (`unreached`).
    ///
    /// What objgraph's `find_backref_chain` cannot do: it answers for one object at a time.
    ///
    /// - Precondition: every target is an object of the snapshot.
    /// - Complexity: O(objects + edges) for one breadth-first search from all ends at once,
    ///   plus O(chain length) per target.
    public func chainGroups(to targets: [ObjectID], from end: ChainEnd) -> (groups: [ChainGroup], unreached: [ObjectID])
    {
        let n = objectCount
        precondition(targets.allSatisfy { $0.index < n }, "a chain target is not an object of the snapshot")
        let unvisited = UInt32.max
        let isStart = UInt32.max - 1
        // parent[v]: the forward edge that reached v, isStart for an end object, or unvisited.
        var parent = [UInt32](repeating: unvisited, count: n)
        var queue = [UInt32](repeating: 0, count: n)
        var tail = 0
        var head = 0
        for object in ends(end) where parent[object.index] == unvisited {
            parent[object.index] = isStart
            queue[tail] = object.rawValue
            tail += 1
        }
        let offsets = snapshot.edgeOffsets
        let edgeTargets = snapshot.edgeTargets
        while head < tail {
            let node = Int(queue[head])
            head += 1
            for edge in Int(offsets[node])..<Int(offsets[node + 1]) {
                let target = Int(edgeTargets[edge])
                guard parent[target] == unvisited else { continue }
                parent[target] = UInt32(truncatingIfNeeded: edge)
                queue[tail] = UInt32(truncatingIfNeeded: target)
                tail += 1
            }
        }
        var groups: [ChainGroup] = []
        var groupOfShape: [[UInt32]: Int] = [:]
        var unreached: [ObjectID] = []
        for target in targets {
            guard parent[target.index] != unvisited else {
                unreached.append(target)
                continue
            }
            var objects = [target]
            var edges: [Int] = []
            var node = target.index
            while parent[node] != isStart {
                let edge = Int(parent[node])
                let source = edgeSource(edge)
                edges.append(edge)
                objects.append(ObjectID(source))
                node = source
                precondition(objects.count <= n, "the links of a chain search form a loop")
            }
            objects.reverse()
            edges.reverse()
            let shape = chainShape(objects: objects, edges: edges)
            if let g = groupOfShape[shape] {
                groups[g].objects.append(target)
            } else {
                groupOfShape[shape] = groups.count
                let labels = edges.map { StringID(rawValue: snapshot.edgeLabels[$0]) }
                groups.append(
                    ChainGroup(example: ReferenceChain(objects: objects, edgeLabels: labels), objects: [target])
                )
            }
        }
        return (groups, unreached)
    }

    /// The objects satisfying `end`, in object order.
    private func ends(_ end: ChainEnd) -> [ObjectID] {
        switch end {
        case .module:
            return snapshot.objectIDs.filter { snapshot.flags(of: $0).contains(.module) && isRoot($0, kind: .module) }
        case .root:
            return snapshot.objectIDs.filter { rootKindBits[$0.index] != 0 }
        case let .type(type):
            return objects(ofType: type)
        case let .types(types):
            return types.flatMap { objects(ofType: $0) }
        case let .objects(objects):
            return objects
        }
    }

    /// The source of forward edge `edge`: the object whose range of `edgeOffsets` holds it.
    ///
    /// - Complexity: O(log objects), a binary search; a referrer scan would cost the target's
    ///   in-degree, which for a shared object is most of the heap.
    private func edgeSource(_ edge: Int) -> Int {
        let offsets = snapshot.edgeOffsets
        var low = 0
        var high = objectCount - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if Int(offsets[middle]) <= edge { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The types along a chain and the names of its references, with indices and keys alike:
    /// a label of digits (`3` or `[3]`), or any label out of a dict that is not a namespace, is one shape.
    private func chainShape(objects: [ObjectID], edges: [Int]) -> [UInt32] {
        var shape = objects.map { snapshot.objectTypes[$0.index] }
        for (i, edge) in edges.enumerated() {
            let label = StringID(rawValue: snapshot.edgeLabels[edge])
            let text = snapshot.strings[label]
            let source = snapshot.type(of: objects[i])
            // Keys of a namespace (a module's, class's or instance's `__dict__`) are names.
            let isNamespace =
                i > 0 && snapshot.strings[StringID(rawValue: snapshot.edgeLabels[edges[i - 1]])] == "__dict__"
            let isDictKey =
                (source.module == "builtins" || source.module.isEmpty) && source.name == "dict" && text != "<key>"
                && !isNamespace
            let index = text.hasPrefix("[") && text.hasSuffix("]") ? text.dropFirst().dropLast() : Substring(text)
            let alike = isDictKey || (!index.isEmpty && index.utf8.allSatisfy { $0 >= 48 && $0 <= 57 })
            shape.append(alike ? UInt32.max : label.rawValue)
        }
        return shape
    }
}
