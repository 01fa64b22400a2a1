/// The leak suspects of a series of snapshots of one process, taken in time order: the types
/// that keep growing, and for the objects of those types created since the first snapshot,
/// the long-lived containers they accumulate in, ranked by how much more each retains.
///
/// **Keeps growing.** A series of counts (or bytes) `v0 … vk` keeps growing when it ends at
/// least `minimum` above where it started, at least half of its steps rise, and no step
/// falls by more than a tenth of the overall growth (`GrowthRule`). A type keeps growing when
/// its object count does (types are matched across snapshots by module and qualified name,
/// as `SnapshotDiff` does).
///
/// **Accumulation point.** The new objects are those of the last snapshot that the first did
/// not hold at the same address with the same type (`SnapshotDiff.newObjects`); only those of
/// growing types are counted. Each is assigned to the nearest object above it in the last
/// snapshot's dominator tree that the first snapshot already held (`AccumulationPoints`): the
/// long-lived object that keeps it alive. Such a holder is a suspect when
/// - it holds at least `minimumObjects` of the counted new objects,
/// - it is found in every snapshot (same address and type), and
/// - in those snapshots both the number of objects of growing types it retains and its
///   retained size keep growing (by at least `minimumObjects` objects and `minimumBytes`).
/// A bounded cache holds new objects too (replacing old ones), but neither its count nor its
/// retained size grows, so it is not a suspect. Suspects are ranked by retained growth
/// (last minus first), then by the number of new objects, then by address.
public struct LeakSuspects: Sendable {
    /// Thresholds of the rules above.
    public struct Options: Sendable, Equatable {
        /// The fewest new objects a suspect must hold, and the least its count must grow by.
        public var minimumObjects: Int
        /// The least a suspect's retained size must grow by, in bytes.
        public var minimumBytes: UInt64
        /// The most suspects to report (the biggest retained growth first).
        public var limit: Int

        public init(minimumObjects: Int = 10, minimumBytes: UInt64 = 1024, limit: Int = 10) {
            self.minimumObjects = minimumObjects
            self.minimumBytes = minimumBytes
            self.limit = limit
        }
    }

    /// One type's object count and shallow bytes in each snapshot.
    public struct TypeSeries: Sendable, Equatable {
        public var module: String
        public var name: String
        /// The short name unless two types share it (as `SnapshotDiff.TypeRow.displayName`).
        public var displayName: String
        /// Per snapshot, in the order given.
        public var counts: [Int]
        public var bytes: [UInt64]
        /// Objects of the type in the last snapshot that the first did not hold.
        public var newObjects: Int
    }

    /// How many of one growing type's new objects a suspect holds.
    public struct HeldType: Sendable, Equatable {
        /// Position in `LeakSuspects.growingTypes`.
        public var type: Int
        /// The new objects of the type that the suspect holds.
        public var count: Int
        /// The sum of their shallow sizes.
        public var bytes: UInt64
    }

    /// A container where new objects accumulate.
    public struct Suspect: Sendable, Equatable {
        /// The container in each snapshot, in the order given.
        public var containers: [ObjectID]
        /// The container's retained size in each snapshot.
        public var retainedBytes: [UInt64]
        /// How many objects of growing types the container retains in each snapshot.
        public var heldObjects: [Int]
        /// The new objects (of growing types) the container is the nearest old holder of.
        public var newObjects: Int
        /// The sum of their shallow sizes.
        public var newObjectBytes: UInt64
        /// Those new objects by type, most bytes first (ties by count, then type order).
        public var types: [HeldType]
        /// In the last snapshot: the shortest chain from a module (or, when no module reaches
        /// it, from any root) to the container.
        public var chain: ChainResult
        /// Whether `chain` starts at a module (false: at another root, or not found).
        public var chainFromModule: Bool
        /// In the last snapshot: how the container holds its biggest new object — the chain
        /// from the container to its new object that retains most, and on down the dominator
        /// tree's heaviest path (see `AccumulationPoints.heaviestPath`).
        public var heldThrough: ReferenceChain?
        /// In the last snapshot: other containers that accumulate the same way (the same type,
        /// held under the same name by the same kind of owner: each leaked object's own
        /// growing list, say), reported as one suspect with this one as the example.
        public var similar: [ObjectID]
        /// The position in `LeakSuspects.suspects` of the suspect this one sits inside: its
        /// growth is part of that one's, a symptom of that leak rather than another leak.
        public var inside: Int?
        /// When the container does not refer to its new objects itself but owns the old
        /// containers that do (a session's pending dict and each cached customer's orders
        /// list): those containers, grouped by pattern, most new objects first, at most three.
        public var via: [Via]

        /// The container in the last snapshot.
        public var container: ObjectID { containers[containers.count - 1] }
        /// Retained bytes in the last snapshot minus in the first.
        public var retainedGrowth: Int64 {
            Int64(bitPattern: retainedBytes[retainedBytes.count - 1] &- retainedBytes[0])
        }
    }

    /// Old containers that refer directly to a suspect's new objects.
    public struct Via: Sendable, Equatable {
        /// The containers, the one that refers to the most new objects first.
        public var containers: [ObjectID]
        /// How many of the suspect's new objects they refer to.
        public var newObjects: Int
    }

    /// The types that keep growing, most new objects first (ties by count growth, then name).
    public var growingTypes: [TypeSeries]
    /// Most retained growth first, at most `Options.limit` of them.
    public var suspects: [Suspect]
    /// The number of suspects found, `suspects.count` or more.
    public var suspectCount: Int
    /// The number of new objects of growing types in the last snapshot.
    public var newObjectCount: Int

    /// Finds the leak suspects of `snapshots`, in time order, with each one's dominator tree.
    ///
    /// - Precondition: at least two snapshots, one tree per snapshot, built from it.
    /// - Complexity: O(k · (n log n + e)) for k snapshots of n objects and e references (one
    ///   `SnapshotDiff` and one `ObjectCorrespondence` per earlier snapshot), plus O(k · n) for
    ///   the counts over each tree, plus O(n + e) for each reported suspect's two chain searches.
    public init(snapshots: [HeapIndex], trees: [DominatorTree], options: Options = Options()) {
        precondition(
            snapshots.count >= 2 && trees.count == snapshots.count,
            "leak suspects need two snapshots or more, each with its tree"
        )
        let first = snapshots[0].snapshot
        let lastIndex = snapshots[snapshots.count - 1]
        let last = lastIndex.snapshot
        let lastTree = trees[trees.count - 1]
        let diffs = snapshots.dropFirst().map { SnapshotDiff(old: first, new: $0.snapshot) }
        let sameAs = snapshots.dropLast().map { ObjectCorrespondence(earlier: $0, later: lastIndex) }
        let isOld = sameAs[0].earlierObject.map { $0 != ObjectCorrespondence.none }

        var series = Self.typeSeries(diffs)
        var growingKeys: Set<TypeName> = []
        for entry in series where GrowthRule.keepsGrowing(entry.counts.map(Int64.init), minimum: 1) {
            growingKeys.insert(TypeName(module: entry.module, name: entry.name))
        }
        let lastIsGrowing = last.types.map { growingKeys.contains(TypeName($0)) }
        var counted: [ObjectID] = []
        var newOfKey: [TypeName: Int] = [:]
        for object in 0..<last.objectCount where !isOld[object] {
            let type = last.types[Int(last.objectTypes[object])]
            newOfKey[TypeName(type), default: 0] += 1
            if lastIsGrowing[Int(last.objectTypes[object])] { counted.append(ObjectID(object)) }
        }
        for i in series.indices {
            series[i].newObjects = newOfKey[TypeName(module: series[i].module, name: series[i].name)] ?? 0
        }
        var growing = series.filter { growingKeys.contains(TypeName(module: $0.module, name: $0.name)) }
        growing = Self.growingOrder(growing).map { growing[$0] }
        let positionOfKey = Dictionary(
            uniqueKeysWithValues: growing.enumerated().map { (TypeName(module: $1.module, name: $1.name), $0) }
        )

        let points = AccumulationPoints(tree: lastTree, isOld: isOld)
        let groups = points.groups(of: counted, sizes: last.sizes, minimum: max(1, options.minimumObjects))
        // Each holder in every snapshot: the same object, by the evidence, or nil.
        let located: [[ObjectID?]] =
            sameAs.map { correspondence in groups.map { correspondence.earlier($0.holder) } }
            + [groups.map { $0.holder }]
        let masks = snapshots.map { index in
            let isGrowing = index.snapshot.types.map { growingKeys.contains(TypeName($0)) }
            return index.snapshot.objectTypes.map { isGrowing[Int($0)] }
        }
        let held = zip(trees, masks).map { AccumulationPoints.dominatedCounts(in: $0, mask: $1) }

        var groupOfHolder: [UInt32: Int] = [:]
        for (c, group) in groups.enumerated() { groupOfHolder[group.holder.rawValue] = c }
        var typeCounts = [[Int: (count: Int, bytes: UInt64)]](repeating: [:], count: groups.count)
        for object in counted {
            guard let c = groupOfHolder[points.holders[object.index]] else { continue }
            let type = last.type(of: object)
            guard let position = positionOfKey[TypeName(type)] else { continue }
            let (count, bytes) = typeCounts[c][position] ?? (0, 0)
            typeCounts[c][position] = (count + 1, bytes.addingSaturating(last.size(of: object)))
        }

        // A holder whose retained size and growing objects keep growing.
        var candidates: [Candidate] = []
        for c in groups.indices {
            let containers = located.compactMap { $0[c] }
            guard containers.count == snapshots.count else { continue }
            let retained = containers.enumerated().map { trees[$0].retainedSizes[$1.index] }
            // Objects of growing types it retains, itself left out.
            let heldCounts = containers.enumerated().map { Int(held[$0][$1.index]) - (masks[$0][$1.index] ? 1 : 0) }
            let candidate = Candidate(group: c, containers: containers, retained: retained, held: heldCounts)
            if candidate.keepsGrowing(options) { candidates.append(candidate) }
        }
        let nesting = Nesting(candidates, trees: trees, options: options)
        let ordered = Self.rankedGroups(nesting, candidates, index: lastIndex, tree: lastTree)

        let paths =
            ordered.isEmpty ? nil : AccumulationPoints.HeaviestPaths(tree: lastTree, firstStep: isOld.map { !$0 })
        let reported = Set(
            ordered.prefix(max(0, options.limit)).map { groups[candidates[$0.members[0]].group].holder.rawValue }
        )
        var heldBy: [UInt32: [ObjectID]] = [:]
        for object in counted where reported.contains(points.holders[object.index]) {
            heldBy[points.holders[object.index], default: []].append(object)
        }
        var suspects: [Suspect] = []
        var rankOfCandidate: [Int: Int] = [:]
        for entry in ordered.prefix(max(0, options.limit)) {
            let candidate = candidates[entry.members[0]]
            let group = groups[candidate.group]
            for member in entry.members { rankOfCandidate[member] = suspects.count }
            let types = typeCounts[candidate.group].map {
                HeldType(type: $0.key, count: $0.value.count, bytes: $0.value.bytes)
            }.sorted { a, b in
                if a.bytes != b.bytes { return a.bytes > b.bytes }
                return a.count != b.count ? a.count > b.count : a.type < b.type
            }
            var chain = lastIndex.shortestChain(to: [group.holder], from: .module)
            var fromModule = true
            if case .unreachable = chain {
                chain = lastIndex.shortestChain(to: [group.holder], from: .root)
                fromModule = false
            }
            let path = paths?.path(from: group.holder) ?? [group.holder]
            var heldThrough: ReferenceChain?
            if path.count > 1,
                case let .found(down) = lastIndex.shortestChain(
                    to: [path[path.count - 1]],
                    from: .objects([group.holder])
                )
            {
                heldThrough = down
            }
            suspects.append(
                Suspect(
                    containers: candidate.containers,
                    retainedBytes: candidate.retained,
                    heldObjects: candidate.held,
                    newObjects: group.count,
                    newObjectBytes: group.bytes,
                    types: types,
                    chain: chain,
                    chainFromModule: fromModule,
                    heldThrough: heldThrough,
                    similar: entry.members.dropFirst().map { candidates[$0].containers[snapshots.count - 1] },
                    inside: entry.enclosing.flatMap { rankOfCandidate[$0] },
                    via: Self.via(
                        group.holder,
                        holding: heldBy[group.holder.rawValue] ?? [],
                        isOld: isOld,
                        index: lastIndex,
                        tree: lastTree
                    )
                )
            )
        }
        self.suspectCount = ordered.count
        self.growingTypes = growing
        self.suspects = suspects
        self.newObjectCount = counted.count
    }

    /// One series per row of the last diff, in its row order: counts and bytes in the first
    /// snapshot, then in each later one.
    private static func typeSeries(_ diffs: [SnapshotDiff]) -> [TypeSeries] {
        let finalDiff = diffs[diffs.count - 1]
        let later = diffs.map { diff in
            Dictionary(
                uniqueKeysWithValues: diff.rows.map {
                    (TypeName(module: $0.module, name: $0.name), ($0.newCount, $0.newBytes))
                }
            )
        }
        return finalDiff.rows.map { row in
            let key = TypeName(module: row.module, name: row.name)
            var counts = [row.oldCount]
            var bytes = [row.oldBytes]
            for values in later {
                let (count, size) = values[key] ?? (0, 0)
                counts.append(count)
                bytes.append(size)
            }
            return TypeSeries(
                module: row.module,
                name: row.name,
                displayName: row.displayName,
                counts: counts,
                bytes: bytes,
                newObjects: row.newObjectCount
            )
        }
    }

    /// Positions of `types` ordered by new objects, then by count growth, then by name.
    private static func growingOrder(_ types: [TypeSeries]) -> [Int] {
        types.indices.sorted { a, b in
            let (x, y) = (types[a], types[b])
            if x.newObjects != y.newObjects { return x.newObjects > y.newObjects }
            let gx = x.counts[x.counts.count - 1] - x.counts[0]
            let gy = y.counts[y.counts.count - 1] - y.counts[0]
            if gx != gy { return gx > gy }
            return (x.displayName, x.module, x.name) < (y.displayName, y.module, y.name)
        }
    }
}
