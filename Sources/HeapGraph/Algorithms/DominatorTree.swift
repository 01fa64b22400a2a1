/// The dominator tree of a snapshot's strong references (`HeapIndex.isStrong(edge:from:)`)
/// under one super-root, with every object's retained size: the bytes that would be freed if
/// nothing but its dominator held it and it were released.
///
/// Object `d` dominates `v` when every path of strong references from the super-root to `v`
/// passes through `d`; `v`'s immediate dominator is its closest such `d`. The retained size of
/// `v` is the sum of the shallow sizes of `v` and every object it dominates.
///
/// **The super-root** holds, in this order: every root of the snapshot (modules, thread
/// frames, objects held from outside), in root order; then every object no root reaches and
/// no other object refers to by a strong reference (it is held from outside the recorded
/// graph, or about to be freed); then, in object order, each object that is still not
/// reached (garbage cycles, objects held only by such cycles), each start extending what is
/// reached before the next is chosen. So every object is in the tree and retained sizes sum
/// to the snapshot's total: the super-root retains everything.
///
/// Computed by the algorithm of T. Lengauer and R. E. Tarjan, "A fast algorithm for finding
/// dominators in a flowgraph", ACM TOPLAS 1(1), 1979, in its simple form (path compression
/// without balancing, O(m log n)), made iterative: the depth-first search and the path
/// compression use explicit stacks, so a ten-million-long chain needs no call stack.
public struct DominatorTree: Sendable {
    /// Stands for the super-root in `immediateDominators`.
    public static let superRoot = UInt32.max

    /// The immediate dominator of each object, indexed by `ObjectID.index`;
    /// `DominatorTree.superRoot` when only the super-root dominates it.
    public let immediateDominators: [UInt32]
    /// The retained size of each object, indexed by `ObjectID.index`.
    public let retainedSizes: [UInt64]
    /// How many objects each object retains, itself included, indexed by `ObjectID.index`.
    public let retainedCounts: [UInt32]
    /// The objects the super-root holds, in the order described above.
    public let entries: [ObjectID]
    /// How many of `entries` are the snapshot's roots; the rest hold objects no root reaches.
    public let rootEntryCount: Int
    /// Whether each object is reached from the snapshot's roots (false: it hangs from the
    /// super-root through an entry that is not a root).
    public let reachableFromRoots: [Bool]
    /// The objects in depth-first preorder from the super-root: every object comes after its
    /// immediate dominator.
    public let preorder: [UInt32]

    /// The sum of all shallow sizes: the super-root's retained size.
    public let totalBytes: UInt64

    /// `object`'s immediate dominator, or nil when only the super-root dominates it.
    ///
    /// - Complexity: O(1).
    public func immediateDominator(of object: ObjectID) -> ObjectID? {
        let d = immediateDominators[object.index]
        return d == Self.superRoot ? nil : ObjectID(rawValue: d)
    }

    /// The retained size of `object`.
    ///
    /// - Complexity: O(1).
    public func retainedSize(of object: ObjectID) -> UInt64 { retainedSizes[object.index] }

    /// How many objects `object` retains, itself included.
    ///
    /// - Complexity: O(1).
    public func retainedCount(of object: ObjectID) -> Int { Int(retainedCounts[object.index]) }

    /// The objects that dominate `object`, from the one nearest the super-root down to its
    /// immediate dominator (empty when only the super-root dominates it).
    ///
    /// - Complexity: O(depth of `object` in the tree).
    public func dominators(of object: ObjectID) -> [ObjectID] {
        var chain: [ObjectID] = []
        var d = immediateDominators[object.index]
        while d != Self.superRoot {
            chain.append(ObjectID(rawValue: d))
            d = immediateDominators[Int(d)]
        }
        return chain.reversed()
    }
}

extension HeapIndex {
    /// The dominator tree of the strong references and every object's retained size.
    ///
    /// - Complexity: O(m log n) time for n objects and m references (near linear on heaps);
    ///   O(n) memory in flat `UInt32` arrays, plus the retained sizes.
    public func dominatorTree() -> DominatorTree {
        let n = objectCount
        let none = UInt32.max
        let vertexCount = n + 1  // preorder number 0 is the super-root
        // Object → preorder number (none: not yet visited).
        var number = [UInt32](repeating: none, count: n)
        // Preorder number → object (vertex[0] is unused: the super-root).
        var vertex = [UInt32](repeating: none, count: vertexCount)
        // Preorder number → the DFS tree parent's preorder number.
        var parent = [UInt32](repeating: 0, count: vertexCount)
        // Objects the super-root holds directly (its successors, so its predecessors).
        var heldBySuperRoot = [Bool](repeating: false, count: n)
        var entries: [ObjectID] = []
        var counter = 1

        let offsets = snapshot.edgeOffsets
        let targets = snapshot.edgeTargets
        var stackNode: [UInt32] = []
        var stackEdge: [UInt32] = []

        // Depth-first search from `start`, a child of the super-root; preorder numbers.
        func search(from start: Int) {
            var entering = start
            var enteringParent: UInt32 = 0
            while true {
                if entering >= 0 {
                    number[entering] = UInt32(truncatingIfNeeded: counter)
                    vertex[counter] = UInt32(truncatingIfNeeded: entering)
                    parent[counter] = enteringParent
                    counter += 1
                    stackNode.append(UInt32(truncatingIfNeeded: entering))
                    stackEdge.append(offsets[entering])
                    entering = -1
                }
                guard let top = stackNode.last else { return }
                let v = Int(top)
                var edge = Int(stackEdge[stackEdge.count - 1])
                let end = Int(offsets[v + 1])
                while true {
                    edge = nextStrongEdge(of: v, from: edge)
                    if edge >= end { break }
                    let w = Int(targets[edge])
                    edge += 1
                    if number[w] == none {
                        stackEdge[stackEdge.count - 1] = UInt32(truncatingIfNeeded: edge)
                        entering = w
                        enteringParent = number[v]
                        break
                    }
                }
                if entering < 0 {
                    stackNode.removeLast()
                    stackEdge.removeLast()
                }
            }
        }

        for root in snapshot.roots where !heldBySuperRoot[root.object.index] {
            heldBySuperRoot[root.object.index] = true
            entries.append(root.object)
            if number[root.object.index] == none { search(from: root.object.index) }
        }
        let rootEntryCount = entries.count
        let reachableFromRoots = number.map { $0 != none }
        let sources = reverseSources
        let reverseEdgeList = reverseEdges
        for v in 0..<n where number[v] == none {
            var referred = false
            for slot in Int(reverseOffsets[v])..<Int(reverseOffsets[v + 1]) {
                let source = Int(sources[slot])
                if source != v && isStrong(edge: Int(reverseEdgeList[slot]), from: source) {
                    referred = true
                    break
                }
            }
            if referred { continue }
            heldBySuperRoot[v] = true
            entries.append(ObjectID(v))
            search(from: v)
        }
        for v in 0..<n where number[v] == none {
            heldBySuperRoot[v] = true
            entries.append(ObjectID(v))
            search(from: v)
        }

        // Lengauer–Tarjan on preorder numbers. semi: semidominator; ancestor/best: the forest
        // of linked vertices with path compression; bucket lists as linked lists in arrays.
        var semi = (0..<vertexCount).map { UInt32(truncatingIfNeeded: $0) }
        var ancestor = [UInt32](repeating: none, count: vertexCount)
        var best = semi
        var idom = [UInt32](repeating: 0, count: vertexCount)
        var sameDominator = [UInt32](repeating: none, count: vertexCount)
        var bucketHead = [UInt32](repeating: none, count: vertexCount)
        var bucketNext = [UInt32](repeating: none, count: vertexCount)
        var path: [UInt32] = []

        // The vertex with the smallest semidominator on the forest path above `v` (Tarjan's
        // EVAL), compressing the path as it goes.
        func evaluate(_ v: UInt32) -> UInt32 {
            var x = v
            while ancestor[Int(ancestor[Int(x)])] != none {
                path.append(x)
                x = ancestor[Int(x)]
            }
            while let y = path.popLast() {
                let a = Int(ancestor[Int(y)])
                if semi[Int(best[a])] < semi[Int(best[Int(y)])] { best[Int(y)] = best[a] }
                ancestor[Int(y)] = ancestor[a]
            }
            return best[Int(v)]
        }

        for i in stride(from: vertexCount - 1, through: 1, by: -1) {
            let w = Int(vertex[i])
            let p = parent[i]
            var s = p
            if heldBySuperRoot[w] { s = 0 }
            for slot in Int(reverseOffsets[w])..<Int(reverseOffsets[w + 1]) {
                let source = Int(sources[slot])
                guard isStrong(edge: Int(reverseEdgeList[slot]), from: source) else { continue }
                let u = number[source]
                let candidate = Int(u) <= i ? u : semi[Int(evaluate(u))]
                if candidate < s { s = candidate }
            }
            semi[i] = s
            bucketNext[i] = bucketHead[Int(s)]
            bucketHead[Int(s)] = UInt32(truncatingIfNeeded: i)
            ancestor[i] = p
            var b = bucketHead[Int(p)]
            while b != none {
                let y = evaluate(b)
                if semi[Int(y)] == semi[Int(b)] { idom[Int(b)] = p } else { sameDominator[Int(b)] = y }
                b = bucketNext[Int(b)]
            }
            bucketHead[Int(p)] = none
        }
        for i in 1..<vertexCount where sameDominator[i] != none { idom[i] = idom[Int(sameDominator[i])] }

        // Retained sizes and counts: each vertex adds its total to its immediate dominator's,
        // children (higher preorder numbers) first.
        var retainedByNumber = [UInt64](repeating: 0, count: vertexCount)
        var countByNumber = [UInt32](repeating: 1, count: vertexCount)
        let sizes = snapshot.sizes
        for i in 1..<vertexCount { retainedByNumber[i] = sizes[Int(vertex[i])] }
        for i in stride(from: vertexCount - 1, through: 1, by: -1) {
            retainedByNumber[Int(idom[i])].addSaturating(retainedByNumber[i])
            countByNumber[Int(idom[i])] &+= countByNumber[i]
        }
        var immediate = [UInt32](repeating: DominatorTree.superRoot, count: n)
        var retained = [UInt64](repeating: 0, count: n)
        var counts = [UInt32](repeating: 0, count: n)
        for i in 1..<vertexCount {
            let object = Int(vertex[i])
            immediate[object] = idom[i] == 0 ? DominatorTree.superRoot : vertex[Int(idom[i])]
            retained[object] = retainedByNumber[i]
            counts[object] = countByNumber[i]
        }
        return DominatorTree(
            immediateDominators: immediate,
            retainedSizes: retained,
            retainedCounts: counts,
            entries: entries,
            rootEntryCount: rootEntryCount,
            reachableFromRoots: reachableFromRoots,
            preorder: Array(vertex.dropFirst()),
            totalBytes: retainedByNumber[0]
        )
    }
}
