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
        /// The addresses of the other containers that accumulate the same way, reported as
        /// this one (`LeakSuspects.Suspect.similar`); empty for most.
        public var similar: [String]
        /// The rank of the suspect this one sits inside (a symptom of that leak), or nil.
        public var inside: Int?
        /// The old containers that refer to its new objects when it only owns them
        /// (`LeakSuspects.Suspect.via`).
        public var via: [Via]
    }

    /// Old containers of one pattern that refer to a suspect's new objects.
    public struct Via: Codable, Sendable, Equatable {
        /// The first container as Python reaches it from a module ("" without a chain).
        public var name: String
        /// The first container's type and label.
        public var description: String
        /// How many containers of the pattern refer to the new objects.
        public var containers: Int
        /// How many of the suspect's new objects they refer to.
        public var newObjects: Int
    }

    public var snapshots: [SnapshotEntry]
    /// Every type that keeps growing, most new objects first.
    public var growingTypes: [TypeEntry]
    /// Most retained growth first, at most `--limit` of them; empty when nothing leaks.
    public var suspects: [Suspect]
    /// How many suspects were found, listed or not.
    public var suspectCount: Int
    /// Whether the values of str and bytes objects and non-identifier dict keys were left out
    /// (`Snapshot.withValuesLeftOut()`, `refgraph leaks --redact`).
    public var valuesLeftOut: Bool

    /// The report of `suspects`, found in `snapshots` (in time order), read from `paths`.
    ///
    /// - Complexity: O(growing types + suspects × chain lengths).
    public init(_ suspects: LeakSuspects, snapshots: [HeapIndex], paths: [String], valuesLeftOut: Bool = false) {
        self.valuesLeftOut = valuesLeftOut
        precondition(paths.count == snapshots.count, "one path per snapshot")
        self.snapshots = zip(snapshots, paths).map { index, path in
            let snapshot = index.snapshot
            return SnapshotEntry(
                path: path,
                time: snapshot.metadata.time,
                pid: snapshot.metadata.pid,
                objects: snapshot.objectCount,
                bytes: snapshot.totalSize,
                rssBytes: snapshot.metadata.rssBytes
            )
        }
        growingTypes = suspects.growingTypes.map { series in
            TypeEntry(
                type: series.displayName,
                qualifiedName: TypeInfo(module: series.module, name: series.name).qualifiedName,
                counts: series.counts,
                bytes: series.bytes,
                newObjects: series.newObjects
            )
        }
        let last = snapshots[snapshots.count - 1]
        suspectCount = suspects.suspectCount
        self.suspects = suspects.suspects.enumerated().map { rank, suspect in
            let types = suspect.types.map { held in
                let entry = suspects.growingTypes[held.type]
                return HeldType(
                    type: entry.displayName,
                    qualifiedName: TypeInfo(module: entry.module, name: entry.name).qualifiedName,
                    held: held.count,
                    heldBytes: held.bytes,
                    new: entry.newObjects,
                    counts: entry.counts
                )
            }
            var chain: [ObjectReport] = []
            var chainText: [String] = []
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
                rank: rank + 1,
                container: last.objectReport(of: suspect.container),
                description: last.shortDescription(of: suspect.container),
                name: { if case let .found(found) = suspect.chain { last.dottedName(of: found) } else { "" } }(),
                retainedBytes: suspect.retainedBytes,
                heldObjects: suspect.heldObjects,
                retainedGrowth: suspect.retainedGrowth,
                newObjects: suspect.newObjects,
                newObjectBytes: suspect.newObjectBytes,
                types: types,
                chainStart: start,
                chain: chain,
                chainText: chainText,
                heldThrough: down.map { last.report(of: $0).links } ?? [],
                heldThroughText: down.map { last.describe($0) } ?? [],
                note: down.flatMap { last.generatorNote(for: $0) },
                similar: suspect.similar.map { last.hexAddress(of: $0) },
                inside: suspect.inside.map { $0 + 1 },
                via: suspect.via.map { via in
                    let first = via.containers[0]
                    var name = ""
                    if case let .found(found) = last.shortestChain(to: [first], from: .module) {
                        name = last.dottedName(of: found)
                    }
                    return Via(
                        name: name,
                        description: last.shortDescription(of: first),
                        containers: via.containers.count,
                        newObjects: via.newObjects
                    )
                }
            )
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
    /// The chain's target as a Python expression from the last module, class or function of
    /// the chain whose name is a dotted path (`Profiler.results`, `__main__.dispatcher._expected`):
    /// `.__dict__['x']` reads `.x`, a key or index as `['key']` or `[3]`. A reference Python
    /// cannot spell wraps what came before in words: `(a key of _asyncio._current_tasks)`,
    /// `(an item of __main__.background_tasks)`, `(the cache of ApiClient.endpoint)`.
    ///
    /// - Complexity: O(chain length).
    func dottedName(of chain: ReferenceChain) -> String {
        let named: ObjectFlags = [.module, .typeObject, .function]
        var start = 0
        for (i, object) in chain.objects.enumerated()
        where !snapshot.flags(of: object).isDisjoint(with: named) && snapshot.label(of: object).isPythonDottedPath {
            start = i
        }
        var name = snapshot.label(of: chain.objects[start])
        if snapshot.flags(of: chain.objects[start]).contains(.frame) { name = "(the frame \(name))" }
        var afterDict = false
        for i in start..<chain.edgeLabels.count {
            let source = chain.objects[i]
            let label = snapshot.strings[chain.edgeLabels[i]]
            var part = edgeName(chain.edgeLabels[i], from: source)
            if part == ".__dict__" {
                afterDict = true
                continue
            }
            defer { afterDict = false }
            if afterDict, part.hasPrefix("['"), part.hasSuffix("']"), part.dropFirst(2).dropLast(2).isPythonIdentifier {
                part = "." + part.dropFirst(2).dropLast(2)
            }
            if part.hasPrefix(".") || part.hasPrefix("[") {
                name += part
            } else if label.isEmpty {
                let type = snapshot.type(of: source)
                let isSet =
                    (type.module == "builtins" || type.module.isEmpty)
                    && (type.name == "set" || type.name == "frozenset")
                name = "(\(isSet ? "an item" : "a referent") of \(name))"
            } else if label == "<key>" {
                name = "(a key of \(name))"
            } else if label.hasPrefix("<"), label.hasSuffix(">") {
                name = "(the \(label.dropFirst().dropLast()) of \(name))"
            } else {
                name += "." + label
            }
        }
        return name
    }

    func generatorNote(for chain: ReferenceChain) -> String? {
        let kinds: Set<String> = ["generator", "coroutine", "async_generator"]
        for (i, object) in chain.objects.enumerated().dropLast() {
            let type = snapshot.type(of: object)
            guard type.module == "builtins" || type.module.isEmpty, kinds.contains(type.name) else { continue }
            let label = snapshot.label(of: object)
            let name = label.isEmpty ? "\(type.name)s" : "\(type.name)s like \(label)"
            let local = edgeName(chain.edgeLabels[i], from: object)
            let through = local.isEmpty ? "" : ", here \(local)"
            return
                "Kept by suspended \(name) that were never closed: a suspended \(type.name)'s frame keeps every local alive\(through). "
                + "Close each one (.close()), run it to the end, or stop keeping it."
        }
        return nil
    }
}
