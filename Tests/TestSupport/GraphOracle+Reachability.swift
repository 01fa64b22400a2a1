import HeapGraph

/// Brute-force answers for cycles and dominators: plain breadth-first searches over
/// adjacency lists, one per question, with none of `HeapIndex`'s arrays.
extension GraphOracle {
    /// The strong references of each object (a reference from a weak reference without a
    /// label is weak), duplicates kept.
    public static func strongAdjacency(_ snapshot: Snapshot) -> [[Int]] {
        (0..<snapshot.objectCount).map { source in
            let weakSource = snapshot.flags[source] & ObjectFlags.weakReference.rawValue != 0
            return snapshot.edgeRange(of: ObjectID(source)).compactMap { edge in
                weakSource && snapshot.edgeLabels[edge] == 0 ? nil : Int(snapshot.edgeTargets[edge])
            }
        }
    }

    /// Which objects a search from `starts` reaches without entering `removed`.
    public static func reachable(_ adjacency: [[Int]], from starts: [Int], removing removed: Set<Int> = []) -> [Bool] {
        var seen = [Bool](repeating: false, count: adjacency.count)
        var frontier: [Int] = []
        for start in starts where !removed.contains(start) && !seen[start] {
            seen[start] = true
            frontier.append(start)
        }
        while let node = frontier.popLast() {
            for next in adjacency[node] where !removed.contains(next) && !seen[next] {
                seen[next] = true
                frontier.append(next)
            }
        }
        return seen
    }

    /// The strongly connected components as sets of objects, by pairwise reachability, each
    /// sorted, listed by their smallest object.
    public static func components(_ snapshot: Snapshot) -> [[Int]] {
        let adjacency = strongAdjacency(snapshot)
        let reach = (0..<snapshot.objectCount).map { reachable(adjacency, from: [$0]) }
        var assigned = [Bool](repeating: false, count: snapshot.objectCount)
        var result: [[Int]] = []
        for u in 0..<snapshot.objectCount where !assigned[u] {
            let members = (u..<snapshot.objectCount).filter { reach[u][$0] && reach[$0][u] }
            for v in members { assigned[v] = true }
            result.append(members)
        }
        return result
    }

    /// The objects the dominator tree's super-root holds, by the rule `DominatorTree`
    /// documents: each root in root order; then each object no root reaches that has no
    /// strong referrer but itself; then, in object order, each object still not reached (each
    /// added start extends what is reached).
    public static func superRootEntries(_ snapshot: Snapshot) -> [Int] {
        let adjacency = strongAdjacency(snapshot)
        var entries: [Int] = []
        for root in snapshot.roots where !entries.contains(root.object.index) { entries.append(root.object.index) }
        var reached = reachable(adjacency, from: entries)
        var referred = [Bool](repeating: false, count: snapshot.objectCount)
        for (source, targets) in adjacency.enumerated() { for t in targets where t != source { referred[t] = true } }
        for v in 0..<snapshot.objectCount where !reached[v] && !referred[v] {
            entries.append(v)
            reached = reachable(adjacency, from: entries)
        }
        for v in 0..<snapshot.objectCount where !reached[v] {
            entries.append(v)
            reached = reachable(adjacency, from: entries)
        }
        return entries
    }

    /// Per object: its immediate dominator (nil for the super-root) and its retained size,
    /// from "remove a node, see what is no longer reachable".
    public static func dominators(_ snapshot: Snapshot) -> (idom: [Int?], retained: [UInt64]) {
        let n = snapshot.objectCount
        let adjacency = strongAdjacency(snapshot)
        let entries = superRootEntries(snapshot)
        // dominated[d][v]: v is unreachable without d (d dominates v, d != v).
        var dominated: [[Bool]] = []
        var retained = [UInt64](repeating: 0, count: n)
        for d in 0..<n {
            let reach = reachable(adjacency, from: entries, removing: [d])
            let lost = (0..<n).map { !reach[$0] && $0 != d }
            dominated.append(lost)
            retained[d] = snapshot.sizes[d] + (0..<n).filter { lost[$0] }.reduce(UInt64(0)) { $0 + snapshot.sizes[$1] }
        }
        var idom = [Int?](repeating: nil, count: n)
        for v in 0..<n {
            let doms = (0..<n).filter { dominated[$0][v] }
            // The immediate dominator is the one every other dominator of v dominates.
            idom[v] = doms.first { d in doms.allSatisfy { $0 == d || dominated[$0][d] } }
        }
        return (idom, retained)
    }

    /// The bytes no longer reachable from the super-root's entries once every object of `set`
    /// is removed (the set's own bytes included): guppy3's domisize.
    public static func retainedSize(_ snapshot: Snapshot, of set: [Int]) -> UInt64 {
        let reach = reachable(strongAdjacency(snapshot), from: superRootEntries(snapshot), removing: Set(set))
        return (0..<snapshot.objectCount).filter { !reach[$0] }.reduce(UInt64(0)) { $0 + snapshot.sizes[$1] }
    }
}
