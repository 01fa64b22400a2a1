/// Where new objects accumulate: for every new object of a later snapshot, the nearest object
/// above it in the dominator tree that already existed in the first snapshot.
///
/// The idea is Eclipse Memory Analyzer's *accumulation point* (the leak-suspects report of
/// MAT, after W. De Pauw and G. Sevitsky, "Visualizing reference patterns for solving memory
/// leaks in Java", ECOOP 1999, and the MAT documentation's "Leak Suspects" report): descend
/// the dominator tree from a big retainer to the object below which the retained size is
/// split into many small parts. With several snapshots in time the split point can be named
/// directly: a long-lived object (present in the first snapshot) that dominates many objects
/// created since then is where they accumulate. A new object hangs from exactly one such
/// holder, so each new object is counted once, at the lowest old object that keeps it alive.
struct AccumulationPoints {
    /// Stands for "no old object dominates it" in `holders`.
    static let none = UInt32.max

    /// For each object, the nearest strict dominator that is old, or `none`.
    let holders: [UInt32]

    /// Computes the holders of every object of `tree`'s snapshot.
    ///
    /// - Parameters:
    ///   - tree: the dominator tree of the later snapshot.
    ///   - isOld: per object of the later snapshot, whether the first snapshot held it (same
    ///     address and type).
    /// - Complexity: O(objects): one pass in dominator-tree preorder, where every object
    ///   comes after its immediate dominator.
    init(tree: DominatorTree, isOld: [Bool]) {
        let idom = tree.immediateDominators
        var holders = [UInt32](repeating: Self.none, count: idom.count)
        for v in tree.preorder {
            let d = idom[Int(v)]
            if d == DominatorTree.superRoot { continue }
            holders[Int(v)] = isOld[Int(d)] ? d : holders[Int(d)]
        }
        self.holders = holders
    }

    /// How many objects of `counted` each holder holds, and their shallow bytes, for the
    /// holders of at least `minimum` of them, ordered by holder number.
    ///
    /// - Complexity: O(objects).
    func groups(
        of counted: [ObjectID],
        sizes: [UInt64],
        minimum: Int
    ) -> [(holder: ObjectID, count: Int, bytes: UInt64)] {
        var counts = [UInt32](repeating: 0, count: holders.count)
        var bytes = [UInt64](repeating: 0, count: holders.count)
        for object in counted {
            let holder = holders[object.index]
            if holder == Self.none { continue }
            counts[Int(holder)] &+= 1
            bytes[Int(holder)].addSaturating(sizes[object.index])
        }
        var result: [(holder: ObjectID, count: Int, bytes: UInt64)] = []
        for (holder, count) in counts.enumerated() where count > 0 && Int(count) >= minimum {
            result.append((ObjectID(holder), Int(count), bytes[holder]))
        }
        return result
    }

    /// For each object, how many objects marked in `mask` it dominates, itself included.
    ///
    /// - Complexity: O(objects): one pass in reverse preorder.
    static func dominatedCounts(in tree: DominatorTree, mask: [Bool]) -> [UInt32] {
        var counts = mask.map { $0 ? UInt32(1) : 0 }
        let idom = tree.immediateDominators
        for v in tree.preorder.reversed() {
            let d = idom[Int(v)]
            if d != DominatorTree.superRoot { counts[Int(d)] &+= counts[Int(v)] }
        }
        return counts
    }

    /// Paths down the dominator tree through the biggest retainers: from a container, the
    /// object with the largest retained size among those it immediately dominates and
    /// `firstStep` admits (one of the new objects it holds), then that object's biggest
    /// dominated child and so on, as long as the child retains at least half of what its
    /// parent retains (MAT's descent to where the retained size splits). Ties go to the
    /// lower object number.
    struct HeaviestPaths {
        private let tree: DominatorTree
        /// Per object, its dominated child that retains most, or `none`.
        private let heaviest: [UInt32]
        /// The same among the children `firstStep` admits.
        private let heaviestAdmitted: [UInt32]

        /// - Complexity: O(objects), once for any number of paths.
        init(tree: DominatorTree, firstStep: [Bool]) {
            let idom = tree.immediateDominators
            let retained = tree.retainedSizes
            var heaviest = [UInt32](repeating: AccumulationPoints.none, count: idom.count)
            var admitted = heaviest
            for v in 0..<idom.count {
                let d = Int(idom[v])
                if idom[v] == DominatorTree.superRoot { continue }
                let object = UInt32(truncatingIfNeeded: v)
                if heaviest[d] == AccumulationPoints.none || retained[v] > retained[Int(heaviest[d])] {
                    heaviest[d] = object
                }
                if firstStep[v], admitted[d] == AccumulationPoints.none || retained[v] > retained[Int(admitted[d])] {
                    admitted[d] = object
                }
            }
            self.tree = tree
            self.heaviest = heaviest
            self.heaviestAdmitted = admitted
        }

        /// The path from `start`, `start` first.
        ///
        /// - Complexity: O(path length).
        func path(from start: ObjectID) -> [ObjectID] {
            let retained = tree.retainedSizes
            var path = [start]
            var next = heaviestAdmitted[start.index]
            var current = start.rawValue
            while next != AccumulationPoints.none {
                if path.count > 1 && retained[Int(next)] * 2 < retained[Int(current)] { break }
                path.append(ObjectID(rawValue: next))
                current = next
                next = heaviest[Int(current)]
                precondition(path.count <= heaviest.count, "the dominator tree has a loop")
            }
            return path
        }
    }
}
