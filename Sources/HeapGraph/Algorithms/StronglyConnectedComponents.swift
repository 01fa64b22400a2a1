/// The strongly connected components of a snapshot's graph of strong references
/// (`HeapIndex.isStrong(edge:from:)`): the sets of objects that all reach each other, which
/// for a heap are its reference cycles.
///
/// Computed by Tarjan's algorithm (R. E. Tarjan, "Depth-first search and linear graph
/// algorithms", SIAM J. Computing 1(2), 1972), made iterative: the depth-first search keeps an
/// explicit stack of (object, next edge) frames, so a ten-million-long chain or a
/// million-object cycle needs no call stack.
public struct StronglyConnectedComponents: Sendable {
    /// The component of each object, indexed by `ObjectID.index`. Components are numbered in
    /// the order Tarjan's algorithm completes them (a reverse topological order of the
    /// condensed graph).
    public let componentOf: [UInt32]
    /// `count + 1` offsets into `members`.
    let offsets: [UInt32]
    /// The objects of each component, ascending within a component.
    let members: [UInt32]
    /// Whether each component is a cycle: more than one object, or one that refers to itself.
    public let isCycle: [Bool]

    /// The number of components (every object is in exactly one).
    public var count: Int { offsets.count - 1 }

    /// The objects of component `component`, ascending.
    ///
    /// - Complexity: O(1) to get, O(size) to walk.
    public func members(of component: Int) -> LazyMapSequence<ArraySlice<UInt32>, ObjectID> {
        members[Int(offsets[component])..<Int(offsets[component + 1])].lazy.map { ObjectID(rawValue: $0) }
    }

    /// The number of objects of component `component`.
    ///
    /// - Complexity: O(1).
    public func size(of component: Int) -> Int { Int(offsets[component + 1] - offsets[component]) }

    /// The component of `object`.
    ///
    /// - Complexity: O(1).
    public func component(of object: ObjectID) -> Int { Int(componentOf[object.index]) }
}

extension HeapIndex {
    /// The strongly connected components of the strong references.
    ///
    /// - Complexity: O(objects + edges) time; O(objects) memory in a handful of flat arrays.
    public func stronglyConnectedComponents() -> StronglyConnectedComponents {
        let n = objectCount
        let unassigned = UInt32.max
        // order[v]: 0 = not visited, else preorder number + 1. low[v]: Tarjan's lowlink.
        var order = [UInt32](repeating: 0, count: n)
        var low = [UInt32](repeating: 0, count: n)
        var componentOf = [UInt32](repeating: unassigned, count: n)
        var tarjanStack: [UInt32] = []
        var frameNode: [UInt32] = []
        var frameEdge: [UInt32] = []
        var counter: UInt32 = 0
        var components: UInt32 = 0
        var componentSizes: [UInt32] = []

        let offsets = snapshot.edgeOffsets
        let targets = snapshot.edgeTargets
        order.withUnsafeMutableBufferPointer { order in
            low.withUnsafeMutableBufferPointer { low in
                componentOf.withUnsafeMutableBufferPointer { componentOf in
                    for start in 0..<n where order[start] == 0 {
                        // The object to enter next (-1: none): the start, then each new one found.
                        var entering = start
                        while true {
                            if entering >= 0 {
                                counter += 1
                                order[entering] = counter
                                low[entering] = counter
                                tarjanStack.append(UInt32(truncatingIfNeeded: entering))
                                frameNode.append(UInt32(truncatingIfNeeded: entering))
                                frameEdge.append(offsets[entering])
                                entering = -1
                            }
                            guard let top = frameNode.last else { break }
                            let v = Int(top)
                            var edge = Int(frameEdge[frameEdge.count - 1])
                            let end = Int(offsets[v + 1])
                            while true {
                                edge = nextStrongEdge(of: v, from: edge)
                                if edge >= end { break }
                                let w = Int(targets[edge])
                                edge += 1
                                if order[w] == 0 {
                                    frameEdge[frameEdge.count - 1] = UInt32(truncatingIfNeeded: edge)
                                    entering = w
                                    break
                                }
                                if componentOf[w] == unassigned && order[w] < low[v] { low[v] = order[w] }
                            }
                            if entering >= 0 { continue }
                            frameNode.removeLast()
                            frameEdge.removeLast()
                            if low[v] == order[v] {
                                var size: UInt32 = 0
                                while true {
                                    let w = Int(tarjanStack.removeLast())
                                    componentOf[w] = components
                                    size += 1
                                    if w == v { break }
                                }
                                componentSizes.append(size)
                                components += 1
                            }
                            if let parent = frameNode.last, low[v] < low[Int(parent)] { low[Int(parent)] = low[v] }
                        }
                    }
                }
            }
        }

        var componentOffsets = [UInt32](repeating: 0, count: Int(components) + 1)
        for c in 0..<Int(components) { componentOffsets[c + 1] = componentOffsets[c] &+ componentSizes[c] }
        var cursor = componentOffsets
        var members = [UInt32](repeating: 0, count: n)
        for v in 0..<n {
            let c = Int(componentOf[v])
            members[Int(cursor[c])] = UInt32(truncatingIfNeeded: v)
            cursor[c] += 1
        }
        var isCycle = componentSizes.map { $0 > 1 }
        for v in 0..<n where componentSizes[Int(componentOf[v])] == 1 {
            for edge in Int(offsets[v])..<Int(offsets[v + 1])
            where Int(targets[edge]) == v && isStrong(edge: edge, from: v) {
                isCycle[Int(componentOf[v])] = true
            }
        }
        return StronglyConnectedComponents(
            componentOf: componentOf,
            offsets: componentOffsets,
            members: members,
            isCycle: isCycle
        )
    }
}
