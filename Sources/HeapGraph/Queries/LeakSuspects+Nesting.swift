extension LeakSuspects {
    /// A holder of new objects, found in every snapshot, with its figures per snapshot.
    struct Candidate {
        /// Its position among `AccumulationPoints.groups`.
        var group: Int
        /// The holder in each snapshot.
        var containers: [ObjectID]
        /// Its retained size in each snapshot.
        var retained: [UInt64]
        /// The objects of growing types it retains in each snapshot, itself left out.
        var held: [Int]

        /// Retained bytes in the last snapshot minus in the first.
        var growth: Int64 { Int64(bitPattern: retained[retained.count - 1] &- retained[0]) }

        func keepsGrowing(_ options: Options) -> Bool { Self.keepsGrowing(retained: retained, held: held, options) }

        /// Whether both series keep growing, by at least the options' minimums.
        static func keepsGrowing(retained: [UInt64], held: [Int], _ options: Options) -> Bool {
            GrowthRule.keepsGrowing(held.map(Int64.init), minimum: Int64(max(1, options.minimumObjects)))
                && GrowthRule.keepsGrowing(
                    retained.map { Int64(bitPattern: $0) },
                    minimum: Int64(max(1, options.minimumBytes))
                )
        }
    }

    /// Which candidates sit inside others in the dominator tree, and which of them grow on
    /// their own.
    ///
    /// A module's dict that holds a leaking list retains all the list's growth, and so does
    /// every object above it; each of a leaked object's own growing lists sits inside the
    /// container that leaks the objects. A candidate is a suspect in its own right only when
    /// what it retains *besides* the suspects inside it keeps growing; a suspect inside
    /// another is a symptom of that one.
    struct Nesting {
        /// Per candidate: whether it is a suspect in its own right.
        var isSuspect: [Bool]
        /// Per candidate: the nearest suspect above it in the last snapshot's dominator tree.
        var enclosing: [Int?]
        /// Per candidate: how many suspects are above it.
        var depth: [Int]

        /// - Complexity: O(k · n) for k snapshots of n objects, plus O(c · d) for c candidates
        ///   nested d deep.
        init(_ candidates: [Candidate], trees: [DominatorTree], options: Options) {
            let k = trees.count
            let above = (0..<k).map { s in Self.nearestCandidateAbove(candidates.map { $0.containers[s] }, in: trees[s])
            }
            let lastTree = trees[k - 1]
            var position = [Int](repeating: 0, count: lastTree.immediateDominators.count)
            for (p, v) in lastTree.preorder.enumerated() { position[Int(v)] = p }
            // Descendants before their ancestors.
            let order = candidates.indices.sorted {
                position[candidates[$0].containers[k - 1].index] > position[candidates[$1].containers[k - 1].index]
            }

            func isInside(_ d: Int, _ c: Int, snapshot s: Int) -> Bool {
                var a = above[s][d]
                while let x = a {
                    if x == c { return true }
                    a = above[s][x]
                }
                return false
            }
            var isSuspect = [Bool](repeating: false, count: candidates.count)
            var directlyInside = [[Int]](repeating: [], count: candidates.count)
            for c in order {
                let inner = directlyInside[c]
                let own = (0..<k).map { s in
                    var retained = candidates[c].retained[s]
                    var held = candidates[c].held[s]
                    for d in inner where isInside(d, c, snapshot: s) {
                        retained = retained >= candidates[d].retained[s] ? retained - candidates[d].retained[s] : 0
                        held -= candidates[d].held[s]
                    }
                    return (retained, held)
                }
                isSuspect[c] = Candidate.keepsGrowing(retained: own.map(\.0), held: own.map(\.1), options)
                guard let parent = above[k - 1][c] else { continue }
                directlyInside[parent] += isSuspect[c] ? [c] : inner
            }
            var enclosing = [Int?](repeating: nil, count: candidates.count)
            var depth = [Int](repeating: 0, count: candidates.count)
            for c in order.reversed() {
                var a = above[k - 1][c]
                while let x = a, !isSuspect[x] { a = above[k - 1][x] }
                enclosing[c] = a
                depth[c] = a.map { depth[$0] + 1 } ?? 0
            }
            self.isSuspect = isSuspect
            self.enclosing = enclosing
            self.depth = depth
        }

        /// For each of `holders`, the nearest other one above it in `tree`, or nil.
        ///
        /// - Complexity: O(n): one pass in preorder, where every object follows its dominator.
        private static func nearestCandidateAbove(_ holders: [ObjectID], in tree: DominatorTree) -> [Int?] {
            let idom = tree.immediateDominators
            var holderAt = [Int32](repeating: -1, count: idom.count)
            for (c, holder) in holders.enumerated() { holderAt[holder.index] = Int32(c) }
            var nearest = [Int32](repeating: -1, count: idom.count)
            for v in tree.preorder {
                let d = idom[Int(v)]
                if d == DominatorTree.superRoot { continue }
                nearest[Int(v)] = holderAt[Int(d)] >= 0 ? holderAt[Int(d)] : nearest[Int(d)]
            }
            return holders.map { nearest[$0.index] >= 0 ? Int(nearest[$0.index]) : nil }
        }
    }

    /// The suspects as reported: candidates that accumulate the same way (the same pattern,
    /// inside the same top suspect) are one entry, biggest growth first within it. Entries that
    /// sit inside no other come first, by their total retained growth; then the ones inside
    /// others, shallowest first.
    static func rankedGroups(
        _ nesting: Nesting,
        _ candidates: [Candidate],
        index: HeapIndex,
        tree: DominatorTree
    ) -> [(members: [Int], enclosing: Int?)] {
        func top(_ c: Int) -> Int? {
            var a = nesting.enclosing[c]
            var found: Int?
            while let x = a {
                found = x
                a = nesting.enclosing[x]
            }
            return found
        }
        let last = index.snapshot
        func address(_ c: Int) -> UInt64 {
            last.address(of: candidates[c].containers[candidates[c].containers.count - 1])
        }
        var entries: [String: [Int]] = [:]
        for c in candidates.indices where nesting.isSuspect[c] {
            let holder = candidates[c].containers[candidates[c].containers.count - 1]
            let key = pattern(of: holder, index: index, tree: tree) + "\u{0}\(top(c) ?? -1)"
            entries[key, default: []].append(c)
        }
        let groups = entries.values.map { members in
            members.sorted {
                candidates[$0].growth != candidates[$1].growth
                    ? candidates[$0].growth > candidates[$1].growth : address($0) < address($1)
            }
        }
        func total(_ members: [Int]) -> Int64 {
            members.reduce(0) { sum, c in
                let (added, overflow) = sum.addingReportingOverflow(candidates[c].growth)
                return overflow ? (candidates[c].growth > 0 ? .max : .min) : added
            }
        }
        let ordered = groups.sorted { a, b in
            let (da, db) = (nesting.depth[a[0]], nesting.depth[b[0]])
            if da != db { return da < db }
            let (ga, gb) = (total(a), total(b))
            if ga != gb { return ga > gb }
            if a.count != b.count { return a.count > b.count }
            return address(a[0]) < address(b[0])
        }
        return ordered.map { ($0, nesting.enclosing[$0[0]]) }
    }

    /// What a container's place looks like, whatever its address: its type, the name of the
    /// reference from its immediate dominator (indices made alike), that dominator's type and
    /// the type above that, and the name of a dominator that is a module, class or function.
    /// `RequestAudit.__dict__['statements'] → list` gives one pattern for every audit's list.
    ///
    /// - Complexity: O(referrers of `holder`).
    static func pattern(of holder: ObjectID, index: HeapIndex, tree: DominatorTree) -> String {
        let snapshot = index.snapshot
        var parts = [snapshot.type(of: holder).qualifiedName]
        let d = tree.immediateDominators[holder.index]
        if d == DominatorTree.superRoot {
            // Held by the roots together: one of a kind.
            parts.append(String(snapshot.address(of: holder), radix: 16))
        } else {
            var label = ""
            for k in Int(index.reverseOffsets[holder.index])..<Int(index.reverseOffsets[holder.index + 1])
            where index.reverseSources[k] == d {
                label = snapshot.strings[StringID(rawValue: snapshot.edgeLabels[Int(index.reverseEdges[k])])]
                break
            }
            if !label.isEmpty && label.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) { label = "[i]" }
            parts += [label, snapshot.type(of: ObjectID(rawValue: d)).qualifiedName]
            // Modules, classes and functions are one of a kind: their names tell them apart.
            if !snapshot.flags(of: ObjectID(rawValue: d)).isDisjoint(with: [.module, .typeObject, .function]) {
                parts.append(snapshot.label(of: ObjectID(rawValue: d)))
            }
            let dd = tree.immediateDominators[Int(d)]
            if dd != DominatorTree.superRoot { parts.append(snapshot.type(of: ObjectID(rawValue: dd)).qualifiedName) }
        }
        return parts.joined(separator: "\u{1}")
    }

    /// The old containers that refer directly to `objects` (the new objects `holder` is the
    /// nearest old holder of), by pattern, when `holder` is not the one that refers to most.
    ///
    /// - Complexity: O(referrers of `objects`).
    static func via(
        _ holder: ObjectID,
        holding objects: [ObjectID],
        isOld: [Bool],
        index: HeapIndex,
        tree: DominatorTree
    ) -> [Via] {
        var counts: [UInt32: Int] = [:]
        var patternOf: [UInt32: String] = [:]
        var objectsOfPattern: [String: Int] = [:]
        for object in objects {
            var patterns: Set<String> = []
            var previous = UInt32.max
            for k in Int(index.reverseOffsets[object.index])..<Int(index.reverseOffsets[object.index + 1]) {
                let source = index.reverseSources[k]
                if source == previous || !isOld[Int(source)] { continue }
                previous = source
                counts[source, default: 0] += 1
                if patternOf[source] == nil {
                    patternOf[source] = pattern(of: ObjectID(rawValue: source), index: index, tree: tree)
                }
                patterns.insert(patternOf[source] ?? "")
            }
            for p in patterns { objectsOfPattern[p, default: 0] += 1 }
        }
        guard let most = counts.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }),
            most.key != holder.rawValue
        else { return [] }
        var members: [String: [UInt32]] = [:]
        for source in counts.keys { members[patternOf[source] ?? "", default: []].append(source) }
        let entries = members.map { key, sources -> Via in
            let sorted = sources.sorted { counts[$0] != counts[$1] ? counts[$0] ?? 0 > counts[$1] ?? 0 : $0 < $1 }
            return Via(containers: sorted.map { ObjectID(rawValue: $0) }, newObjects: objectsOfPattern[key] ?? 0)
        }
        return Array(
            entries.sorted {
                $0.newObjects != $1.newObjects ? $0.newObjects > $1.newObjects : $0.containers[0] < $1.containers[0]
            }.prefix(3)
        )
    }
}
