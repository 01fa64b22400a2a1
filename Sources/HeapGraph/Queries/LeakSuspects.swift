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

        /// The container in the last snapshot.
        public var container: ObjectID { containers[containers.count - 1] }
        /// Retained bytes in the last snapshot minus in the first.
        public var retainedGrowth: Int64 {
            Int64(bitPattern: retainedBytes[retainedBytes.count - 1] &- retainedBytes[0])
        }
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
    /// - Complexity: O(k · n log n) for k snapshots of n objects (one `SnapshotDiff` per later
    ///   snapshot), plus O(k · n) for the counts over each tree, plus O(n + e) for each
    ///   reported suspect's two chain searches.
    public init(snapshots: [HeapIndex], trees: [DominatorTree], options: Options = Options()) {
        precondition(snapshots.count >= 2 && trees.count == snapshots.count, "leak suspects need two snapshots or more, each with its tree")
        let first = snapshots[0].snapshot
        let lastIndex = snapshots[snapshots.count - 1]
        let last = lastIndex.snapshot
        let diffs = snapshots.dropFirst().map { SnapshotDiff(old: first, new: $0.snapshot) }
        let finalDiff = diffs[diffs.count - 1]

        let series = Self.typeSeries(diffs)
        var growingKeys: Set<TypeKey> = []
        var growing: [TypeSeries] = []
        var counted: [ObjectID] = []
        for (row, entry) in zip(finalDiff.rows, series) where GrowthRule.keepsGrowing(entry.counts.map(Int64.init), minimum: 1) {
            growing.append(entry)
            growingKeys.insert(TypeKey(module: row.module, name: row.name))
            counted.append(contentsOf: finalDiff.newObjects(of: row))
        }
        let typeOrder = Self.growingOrder(growing)
        growing = typeOrder.map { growing[$0] }
        let positionOfKey = Dictionary(uniqueKeysWithValues: growing.enumerated().map { (TypeKey(module: $1.module, name: $1.name), $0) })

        var isOld = [Bool](repeating: true, count: last.objectCount)
        for object in finalDiff.newObjects { isOld[object.index] = false }
        let isNew = isOld.map { !$0 }
        let points = AccumulationPoints(tree: trees[trees.count - 1], isOld: isOld)
        let groups = points.groups(of: counted, sizes: last.sizes, minimum: max(1, options.minimumObjects))

        let candidates = groups.map { $0.holder }
        let located = snapshots.map { Self.locate(candidates, of: last, in: $0.snapshot) }
        let masks = snapshots.map { index in
            let isGrowing = index.snapshot.types.map { growingKeys.contains(TypeKey(module: $0.module, name: $0.name)) }
            return index.snapshot.objectTypes.map { isGrowing[Int($0)] }
        }
        let held = zip(trees, masks).map { AccumulationPoints.dominatedCounts(in: $0, mask: $1) }

        var groupOfHolder: [UInt32: Int] = [:]
        for (c, group) in groups.enumerated() { groupOfHolder[group.holder.rawValue] = c }
        var typeCounts = [[Int: (count: Int, bytes: UInt64)]](repeating: [:], count: groups.count)
        for object in counted {
            guard let c = groupOfHolder[points.holders[object.index]] else { continue }
            let type = last.type(of: object)
            guard let position = positionOfKey[TypeKey(module: type.module, name: type.name)] else { continue }
            let (count, bytes) = typeCounts[c][position] ?? (0, 0)
            typeCounts[c][position] = (count + 1, bytes &+ last.size(of: object))
        }

        // The suspects' figures first; chains only for the ones reported.
        var accepted: [(group: Int, containers: [ObjectID], retained: [UInt64], held: [Int])] = []
        for (c, _) in groups.enumerated() {
            let containers = located.compactMap { $0[c] }
            guard containers.count == snapshots.count else { continue }
            let retained = containers.enumerated().map { trees[$0].retainedSizes[$1.index] }
            // Objects of growing types it retains, itself left out.
            let heldCounts = containers.enumerated().map { Int(held[$0][$1.index]) - (masks[$0][$1.index] ? 1 : 0) }
            guard GrowthRule.keepsGrowing(heldCounts.map(Int64.init), minimum: Int64(max(1, options.minimumObjects))),
                GrowthRule.keepsGrowing(retained.map { Int64(bitPattern: $0) }, minimum: Int64(max(1, options.minimumBytes)))
            else { continue }
            accepted.append((c, containers, retained, heldCounts))
        }
        func growth(_ retained: [UInt64]) -> Int64 { Int64(bitPattern: retained[retained.count - 1] &- retained[0]) }
        accepted.sort { a, b in
            let (ga, gb) = (growth(a.retained), growth(b.retained))
            if ga != gb { return ga > gb }
            let (na, nb) = (groups[a.group].count, groups[b.group].count)
            if na != nb { return na > nb }
            return last.address(of: groups[a.group].holder) < last.address(of: groups[b.group].holder)
        }

        let paths = accepted.isEmpty ? nil : AccumulationPoints.HeaviestPaths(tree: trees[trees.count - 1], firstStep: isNew)
        var suspects: [Suspect] = []
        for entry in accepted.prefix(max(0, options.limit)) {
            let group = groups[entry.group]
            let types = typeCounts[entry.group].map { HeldType(type: $0.key, count: $0.value.count, bytes: $0.value.bytes) }.sorted { a, b in
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
            if path.count > 1, case let .found(down) = lastIndex.shortestChain(to: [path[path.count - 1]], from: .objects([group.holder])) {
                heldThrough = down
            }
            suspects.append(Suspect(
                containers: entry.containers, retainedBytes: entry.retained, heldObjects: entry.held,
                newObjects: group.count, newObjectBytes: group.bytes, types: types,
                chain: chain, chainFromModule: fromModule, heldThrough: heldThrough))
        }
        self.suspectCount = accepted.count
        self.growingTypes = growing
        self.suspects = suspects
        self.newObjectCount = counted.count
    }

    /// One series per row of the last diff, in its row order: counts and bytes in the first
    /// snapshot, then in each later one.
    private static func typeSeries(_ diffs: [SnapshotDiff]) -> [TypeSeries] {
        let finalDiff = diffs[diffs.count - 1]
        let later = diffs.map { diff in
            Dictionary(uniqueKeysWithValues: diff.rows.map { (TypeKey(module: $0.module, name: $0.name), ($0.newCount, $0.newBytes)) })
        }
        return finalDiff.rows.map { row in
            let key = TypeKey(module: row.module, name: row.name)
            var counts = [row.oldCount], bytes = [row.oldBytes]
            for values in later {
                let (count, size) = values[key] ?? (0, 0)
                counts.append(count)
                bytes.append(size)
            }
            return TypeSeries(module: row.module, name: row.name, displayName: row.displayName,
                              counts: counts, bytes: bytes, newObjects: row.newObjectCount)
        }
    }

    /// Positions of `types` ordered by new objects, then by count growth, then by name.
    private static func growingOrder(_ types: [TypeSeries]) -> [Int] {
        types.indices.sorted { a, b in
            let (x, y) = (types[a], types[b])
            if x.newObjects != y.newObjects { return x.newObjects > y.newObjects }
            let gx = x.counts[x.counts.count - 1] - x.counts[0], gy = y.counts[y.counts.count - 1] - y.counts[0]
            if gx != gy { return gx > gy }
            return (x.displayName, x.module, x.name) < (y.displayName, y.module, y.name)
        }
    }

    /// For each of `objects` of `source`, the object of `target` at the same address with the
    /// same type (module and name), or nil.
    ///
    /// - Complexity: O(objects of `target` + `objects`).
    private static func locate(_ objects: [ObjectID], of source: Snapshot, in target: Snapshot) -> [ObjectID?] {
        var wanted: [UInt64: [Int]] = [:]
        for (i, object) in objects.enumerated() { wanted[source.address(of: object), default: []].append(i) }
        var found = [ObjectID?](repeating: nil, count: objects.count)
        guard !wanted.isEmpty else { return found }
        for (t, address) in target.addresses.enumerated() {
            guard let positions = wanted[address] else { continue }
            let type = target.type(of: ObjectID(t))
            for i in positions where found[i] == nil {
                let other = source.type(of: objects[i])
                if other.module == type.module && other.name == type.name { found[i] = ObjectID(t) }
            }
        }
        return found
    }

    private struct TypeKey: Hashable {
        var module: String
        var name: String
    }
}
