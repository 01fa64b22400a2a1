extension HeapIndex {
    /// The bytes that would be freed if every object of `set` were released: the shallow
    /// sizes of the objects no longer reachable from the super-root's entries once the set is
    /// removed, the set's own included. guppy3's `domisize`. Stops at `UInt64.max`.
    ///
    /// - Complexity: O(objects + edges): one breadth-first search.
    public func retainedSize(ofSet set: [ObjectID], in tree: DominatorTree) -> UInt64 {
        let n = objectCount
        var seen = [Bool](repeating: false, count: n)
        for object in set { seen[object.index] = true }
        var queue: [UInt32] = []
        queue.reserveCapacity(n)
        for entry in tree.entries where !seen[entry.index] {
            seen[entry.index] = true
            queue.append(entry.rawValue)
        }
        let offsets = snapshot.edgeOffsets
        let targets = snapshot.edgeTargets
        let sizes = snapshot.sizes
        var head = 0
        while head < queue.count {
            let v = Int(queue[head])
            head += 1
            for edge in Int(offsets[v])..<Int(offsets[v + 1]) where isStrong(edge: edge, from: v) {
                let w = Int(targets[edge])
                if seen[w] { continue }
                seen[w] = true
                queue.append(UInt32(truncatingIfNeeded: w))
            }
        }
        // What the search did not reach is freed; summed directly, not as the heap's total
        // less what was reached, so that a total stopped at UInt64.max cannot skew it.
        for object in set { seen[object.index] = false }
        var freed: UInt64 = 0
        for v in 0..<n where !seen[v] { freed.addSaturating(sizes[v]) }
        return freed
    }

    /// The nearest object that dominates every object of `set` and is not in it, or nil when
    /// only the super-root does: what holds the set as a whole.
    ///
    /// The objects whose dominator subtrees hold the whole set form a path down from the
    /// super-root; the deepest of them, the last in `preorder`, is the set's nearest common
    /// dominator. Subtree counts are summed once, children before their dominators, instead of
    /// walking up from each chosen object, which was quadratic when they lie on one long chain.
    /// - Complexity: O(objects + |set|).
    public func commonDominator(of set: [ObjectID], in tree: DominatorTree) -> ObjectID? {
        let root = DominatorTree.superRoot
        let idom = tree.immediateDominators
        var inSet = [Bool](repeating: false, count: objectCount)
        var chosen: UInt32 = 0
        for object in set where !inSet[object.index] {
            inSet[object.index] = true
            chosen += 1
        }
        guard chosen > 0 else { return nil }
        var below = [UInt32](repeating: 0, count: objectCount)
        for object in set { below[object.index] = 1 }
        for v in tree.preorder.reversed() {
            let d = idom[Int(v)]
            if d != root { below[Int(d)] += below[Int(v)] }
        }
        var common = root
        for v in tree.preorder where below[Int(v)] == chosen { common = v }
        while common != root && inSet[Int(common)] { common = idom[Int(common)] }
        return common == root ? nil : ObjectID(rawValue: common)
    }

    /// The `limit` objects with the largest retained sizes, largest first (ties by object
    /// number).
    ///
    /// - Complexity: O(objects × log limit).
    public func largestRetainers(in tree: DominatorTree, limit: Int) -> [ObjectID] {
        guard limit > 0 else { return [] }
        let retained = tree.retainedSizes
        // A sorted array of the best so far, smallest last; most objects fail the first test.
        var best: [UInt32] = []
        best.reserveCapacity(limit + 1)
        for v in 0..<objectCount {
            let size = retained[v]
            if best.count == limit, let last = best.last, retained[Int(last)] >= size { continue }
            var lo = 0
            var hi = best.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if retained[Int(best[mid])] >= size { lo = mid + 1 } else { hi = mid }
            }
            best.insert(UInt32(truncatingIfNeeded: v), at: lo)
            if best.count > limit { best.removeLast() }
        }
        return best.map { ObjectID(rawValue: $0) }
    }

    /// Per type with objects: count, shallow bytes, and the bytes its objects retain together
    /// (see `TypeRetention.retainedBytes`), most retained first (ties by `TypeID`).
    ///
    /// One walk of the dominator tree in preorder, counting per type the objects of that
    /// type on the path from the super-root: an object is counted when none above it is of
    /// its type.
    /// - Complexity: O(objects + types log types).
    public func retentionByType(in tree: DominatorTree) -> [TypeRetention] {
        let n = objectCount
        let types = snapshot.objectTypes
        let sizes = snapshot.sizes
        let idom = tree.immediateDominators
        let retained = tree.retainedSizes
        // The tree's children lists (the super-root is n), built by counting sort, then an
        // iterative walk that counts, per type, the objects of that type on the current path.
        var childCount = [UInt32](repeating: 0, count: n + 1)
        for v in 0..<n {
            let d = idom[v]
            childCount[d == DominatorTree.superRoot ? n : Int(d)] += 1
        }
        var childStart = [UInt32](repeating: 0, count: n + 2)
        for v in 0...n { childStart[v + 1] = childStart[v] + childCount[v] }
        var cursor = childStart
        var children = [UInt32](repeating: 0, count: n)
        for v in tree.preorder {
            let d = idom[Int(v)]
            let parent = d == DominatorTree.superRoot ? n : Int(d)
            children[Int(cursor[parent])] = v
            cursor[parent] += 1
        }
        let typeCount = snapshot.types.count
        var onPath = [UInt32](repeating: 0, count: typeCount)
        var rows = (0..<typeCount).map { TypeRetention(type: TypeID($0), count: 0, shallowBytes: 0, retainedBytes: 0) }
        var stackNode: [UInt32] = [UInt32(truncatingIfNeeded: n)]
        var stackNext: [UInt32] = [childStart[n]]
        while let top = stackNode.last {
            let v = Int(top)
            let next = stackNext[stackNext.count - 1]
            if next < childStart[v + 1] {
                stackNext[stackNext.count - 1] = next + 1
                let child = Int(children[Int(next)])
                let type = Int(types[child])
                rows[type].count += 1
                rows[type].shallowBytes.addSaturating(sizes[child])
                if onPath[type] == 0 { rows[type].retainedBytes.addSaturating(retained[child]) }
                onPath[type] += 1
                stackNode.append(UInt32(truncatingIfNeeded: child))
                stackNext.append(childStart[child])
            } else {
                stackNode.removeLast()
                stackNext.removeLast()
                if v < n { onPath[Int(types[v])] -= 1 }
            }
        }
        return rows.filter { $0.count > 0 }.sorted { a, b in
            a.retainedBytes != b.retainedBytes ? a.retainedBytes > b.retainedBytes : a.type < b.type
        }
    }
}
