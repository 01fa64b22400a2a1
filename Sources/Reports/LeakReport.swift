import HeapGraph

/// The leak suspects of a series of snapshots as plain values, ready to print, to write as
/// JSON (`refgraph leaks --json`) or as an HTML page. Documented in docs/leaks.md.
public struct LeakReport: Codable, Sendable, Equatable {
    /// One snapshot of the series.
    public struct SnapshotEntry: Codable, Sendable, Equatable {
        /// The file as the user named it.
        public var path: String
        /// Capture time, seconds since the Unix epoch.
        public var time: Double
        public var pid: Int32
        public var objects: Int
        /// The sum of all shallow sizes.
        public var bytes: UInt64
        /// The process's resident set size at capture, when known.
        public var rssBytes: UInt64?
    }

    /// A type that keeps growing.
    public struct TypeEntry: Codable, Sendable, Equatable {
        /// The short name (qualified when two types share it).
        public var type: String
        public var qualifiedName: String
        /// Count and shallow bytes per snapshot.
        public var counts: [Int]
        public var bytes: [UInt64]
        /// Objects of the type in the last snapshot that the first did not hold.
        public var newObjects: Int
    }

    /// How many of one type's new objects a suspect holds.
    public struct HeldType: Codable, Sendable, Equatable {
        public var type: String
        public var qualifiedName: String
        /// New objects of the type the suspect holds, and their shallow bytes.
        public var held: Int
        public var heldBytes: UInt64
        /// All new objects of the type.
        public var new: Int
        /// Count per snapshot (of the whole heap).
        public var counts: [Int]
    }

    /// A container where new objects accumulate.
    public struct Suspect: Codable, Sendable, Equatable {
        /// 1 for the biggest retained growth.
        public var rank: Int
        /// The container in the last snapshot.
        public var container: ObjectReport
        /// The container as text (`list (5000 items)`).
        public var description: String
        /// The container as Python code would reach it from the nearest module, class or
        /// function of its chain (`Profiler.results`, `__main__.dispatcher._expected`), or ""
        /// when no chain was found.
        public var name: String
        /// The container's retained size per snapshot (matched by address and type).
        public var retainedBytes: [UInt64]
        /// Objects of growing types the container retains, per snapshot.
        public var heldObjects: [Int]
        /// Retained bytes in the last snapshot minus in the first.
        public var retainedGrowth: Int64
        /// New objects (of growing types) that the container is the nearest old holder of,
        /// and their shallow bytes.
        public var newObjects: Int
        public var newObjectBytes: UInt64
        /// Those new objects by type, most bytes first.
        public var types: [HeldType]
        /// Where the chain to the container starts: "module", "root", or "none" when no root
        /// reaches it.
        public var chainStart: String
        /// From the module (or root) down to the container, holder first; each link names the
        /// reference that leads to it.
        public var chain: [ObjectReport]
        /// The chain as text lines, as `refgraph chain` prints it.
        public var chainText: [String]
        /// From the container down to the biggest new object it holds (empty when it holds
        /// none it dominates), and as text lines.
        public var heldThrough: [ObjectReport]
        public var heldThroughText: [String]
        /// A sentence about the shape of the leak when it has a known one (objects kept by a
        /// suspended generator), or nil.
        public var note: String?
    }

    public var snapshots: [SnapshotEntry]
    /// Every type that keeps growing, most new objects first.
    public var growingTypes: [TypeEntry]
    /// Most retained growth first, at most `--limit` of them; empty when nothing leaks.
    public var suspects: [Suspect]
    /// How many suspects were found, listed or not.
    public var suspectCount: Int

    /// The report of `suspects`, found in `snapshots` (in time order), read from `paths`.
    ///
    /// - Complexity: O(growing types + suspects × chain lengths).
    public init(_ suspects: LeakSuspects, snapshots: [HeapIndex], paths: [String]) {
        precondition(paths.count == snapshots.count, "one path per snapshot")
        self.snapshots = zip(snapshots, paths).map { index, path in
            let snapshot = index.snapshot
            return SnapshotEntry(path: path, time: snapshot.metadata.time, pid: snapshot.metadata.pid,
                                 objects: snapshot.objectCount, bytes: snapshot.totalSize,
                                 rssBytes: snapshot.metadata.rssBytes)
        }
        growingTypes = suspects.growingTypes.map { series in
            TypeEntry(type: series.displayName, qualifiedName: TypeInfo(module: series.module, name: series.name).qualifiedName,
                      counts: series.counts, bytes: series.bytes, newObjects: series.newObjects)
        }
        let last = snapshots[snapshots.count - 1]
        suspectCount = suspects.suspectCount
        self.suspects = suspects.suspects.enumerated().map { rank, suspect in
            let types = suspect.types.map { held in
                let entry = suspects.growingTypes[held.type]
                return HeldType(type: entry.displayName, qualifiedName: TypeInfo(module: entry.module, name: entry.name).qualifiedName,
                                held: held.count, heldBytes: held.bytes, new: entry.newObjects, counts: entry.counts)
            }
            var chain: [ObjectReport] = [], chainText: [String] = []
            var start = "none"
            if case let .found(found) = suspect.chain {
                chain = last.report(of: found).links
                chainText = last.describe(found)
                start = suspect.chainFromModule ? "module" : "root"
            } else {
                chainText = last.describe(suspect.chain, end: .root)
            }
            let down = suspect.heldThrough
            return Suspect(
                rank: rank + 1, container: last.objectReport(of: suspect.container),
                description: last.shortDescription(of: suspect.container),
                name: { if case let .found(found) = suspect.chain { last.dottedName(of: found) } else { "" } }(),
                retainedBytes: suspect.retainedBytes, heldObjects: suspect.heldObjects,
                retainedGrowth: suspect.retainedGrowth, newObjects: suspect.newObjects,
                newObjectBytes: suspect.newObjectBytes, types: types, chainStart: start,
                chain: chain, chainText: chainText,
                heldThrough: down.map { last.report(of: $0).links } ?? [],
                heldThroughText: down.map { last.describe($0) } ?? [],
                note: down.flatMap { last.generatorNote(for: $0) })
        }
    }
}

extension HeapIndex {
    /// The chain's target as Python code would name it: the label of the last module, class
    /// or function on the chain, then the names of the references after it, with `.__dict__`
    /// left out, `['key']` written `.key` when the key is an identifier, and other names
    /// (`f_locals['x']`) set apart by a space.
    ///
    /// - Complexity: O(chain length).
    func dottedName(of chain: ReferenceChain) -> String {
        let named: ObjectFlags = [.module, .typeObject, .function]
        var start = 0
        for (i, object) in chain.objects.enumerated() where !snapshot.flags(of: object).isDisjoint(with: named) { start = i }
        var name = snapshot.label(of: chain.objects[start])
        for i in start..<chain.edgeLabels.count {
            var part = edgeName(chain.edgeLabels[i], from: chain.objects[i])
            if part == ".__dict__" { continue }
            if part.hasPrefix("['"), part.hasSuffix("']") {
                let key = String(part.dropFirst(2).dropLast(2))
                if !key.isEmpty, key.unicodeScalars.allSatisfy({ $0 == "_" || $0.properties.isXIDContinue }),
                    key.unicodeScalars.first.map({ $0 == "_" || $0.properties.isXIDStart }) == true {
                    part = "." + key
                }
            }
            if part.isEmpty { part = "→" }
            name += part.hasPrefix(".") || part.hasPrefix("[") ? part : " " + part
        }
        return name
    }

    /// When `chain` passes through a suspended generator or coroutine, a sentence naming it
    /// and the local through which it holds the rest of the chain; otherwise nil.
    ///
    /// - Complexity: O(chain length).
    func generatorNote(for chain: ReferenceChain) -> String? {
        let kinds: Set<String> = ["generator", "coroutine", "async_generator"]
        for (i, object) in chain.objects.enumerated().dropLast() {
            let type = snapshot.type(of: object)
            guard type.module == "builtins" || type.module.isEmpty, kinds.contains(type.name) else { continue }
            let label = snapshot.label(of: object)
            let name = label.isEmpty ? "\(type.name)s" : "\(type.name)s like \(label)"
            let local = edgeName(chain.edgeLabels[i], from: object)
            let through = local.isEmpty ? "" : ", here \(local)"
            return "Kept by suspended \(name) that were never closed: a suspended \(type.name)'s frame keeps every local alive\(through). "
                + "Close each one (.close()), run it to the end, or stop keeping it."
        }
        return nil
    }
}
