import HeapGraph

/// Two snapshots of the same moment compared object by object (by address): the outside
/// reader's against the in-process agent's, the oracle. Differences are counted per category,
/// with a few examples each, so a test can require some to be zero and a person can see why
/// the others are not.
public struct SnapshotComparison: Sendable {
    /// Differences per category (`"missing from reader"`, `"type"`, `"size: dict"`,
    /// `"held from outside: referenced by opaque"`, ...).
    public private(set) var counts: [String: Int] = [:]
    /// Up to five examples per category.
    public private(set) var examples: [String: [String]] = [:]
    /// Objects present in both.
    public private(set) var common = 0
    /// References of decoded objects present in both (same target, same label).
    public private(set) var matchedReferences = 0
    /// Objects present in both that both hold from outside by the same unexplained count.
    public internal(set) var matchedHeldFromOutside = 0
    /// Oracle frame address → the reader's frame of the same thread at the same depth, where
    /// the two differ; and the oracle's addresses of the frames running on threads.
    private var frameAliases: [UInt64: UInt64] = [:]
    private var runningFrames: Set<UInt64> = []
    /// Every reference the oracle records.
    public private(set) var oracleReferences = 0
    /// The oracle's references from objects the reader read too.
    public private(set) var commonReferences = 0
    /// The oracle's references the reader also records (to the same target, with the same label
    /// or with a name where the oracle has none).
    public var recoveredReferences: Int {
        matchedReferences + counts.filter { $0.key.hasPrefix("named only by reader: ") }.values.reduce(0, +)
    }

    /// Compares `reader` with `oracle`. References are compared only for objects the reader did
    /// not flag `referencesUnknown`, as multisets of (target address, label). Frames running on
    /// a thread are paired by thread and depth where their addresses differ (counted as
    /// `"frame matched by thread and depth"`).
    public init(reader: Snapshot, oracle: Snapshot) {
        var byAddress: [UInt64: ObjectID] = [:]
        for id in reader.objectIDs { byAddress[reader.address(of: id)] = id }
        (frameAliases, runningFrames) = Self.threadFrames(reader: reader, oracle: oracle)
        let readerAddresses = byAddress
        for (theirs, ours) in frameAliases { byAddress[theirs] = byAddress[ours] }
        var seen: Set<UInt64> = []
        oracleReferences = oracle.edgeCount
        for theirs in oracle.objectIDs {
            let address = oracle.address(of: theirs)
            seen.insert(address)
            let typeName = oracle.type(of: theirs).qualifiedName
            if let alias = frameAliases[address] {
                seen.insert(alias)
                note("frame matched by thread and depth", "0x\(String(alias, radix: 16)) \(oracle.label(of: theirs))")
            }
            guard let ours = byAddress[address] else {
                note(
                    "missing from reader",
                    "\(typeName) at 0x\(String(address, radix: 16)) \(oracle.label(of: theirs))"
                )
                continue
            }
            common += 1
            commonReferences += oracle.edgeRange(of: theirs).count
            let ourType = reader.type(of: ours).qualifiedName
            if ourType != typeName { note("type", "\(ourType) instead of \(typeName)") }
            if reader.size(of: ours) != oracle.size(of: theirs) {
                note(
                    "size: \(typeName)",
                    "\(reader.size(of: ours)) instead of \(oracle.size(of: theirs)) \(oracle.label(of: theirs).prefix(40))"
                )
            }
            if reader.refcount(of: ours) == 0xFFFF_FFFF && oracle.refcount(of: theirs) != 0xFFFF_FFFF {
                // 3.12+ immortal objects: the agent subtracts its own references from a count
                // that its references never raised.
                note("refcount: immortal", typeName)
            } else if reader.refcount(of: ours) != oracle.refcount(of: theirs) {
                note("refcount: \(typeName)", " \(reader.refcount(of: ours)) instead of \(oracle.refcount(of: theirs))")
            }
            if reader.label(of: ours) != oracle.label(of: theirs) && reader.label(of: ours).hasSuffix(" items")
                && oracle.label(of: theirs).hasSuffix(" items")
            {
                note(
                    "changed since oracle: \(typeName)",
                    "\(reader.label(of: ours)) instead of \(oracle.label(of: theirs))"
                )
            } else if reader.label(of: ours) != oracle.label(of: theirs) {
                note("label: \(typeName)", "\(reader.label(of: ours)) instead of \(oracle.label(of: theirs))")
            }
            let ourFlags = reader.flags(of: ours)
            var expectedFlags = oracle.flags(of: theirs)
            expectedFlags.remove(.referencesUnknown)
            var comparable = ourFlags
            comparable.remove(.referencesUnknown)
            if comparable != expectedFlags {
                note("flags: \(typeName)", "\(comparable.rawValue) instead of \(expectedFlags.rawValue)")
            }
            if ourFlags.contains(.referencesUnknown) {
                note("opaque: \(typeName)", "0x\(String(address, radix: 16))")
                if reader.edgeRange(of: ours).isEmpty {
                    let references = oracle.edgeRange(of: theirs).count
                    if references > 0 {
                        counts["references of opaque: \(typeName)", default: 0] += references
                    }
                    continue
                }
            }
            compareReferences(
                reader: reader,
                ours,
                oracle: oracle,
                theirs,
                typeName: typeName,
                byAddress: readerAddresses
            )
        }
        // The objects the reader missed, by the type of the first oracle object referring to them.
        var missing: Set<UInt64> = []
        for theirs in oracle.objectIDs where byAddress[oracle.address(of: theirs)] == nil {
            missing.insert(oracle.address(of: theirs))
        }
        if !missing.isEmpty {
            for source in oracle.objectIDs {
                for e in oracle.edgeRange(of: source) {
                    let target = oracle.addresses[Int(oracle.edgeTargets[e])]
                    if missing.remove(target) != nil {
                        let read = byAddress[oracle.address(of: source)] != nil ? "read" : "missed too"
                        note(
                            "missing from reader, referenced by: \(oracle.type(of: source).qualifiedName) (\(read))",
                            "\(target) from \(oracle.address(of: source)) \(oracle.label(of: source).prefix(40))"
                        )
                    }
                }
            }
        }
        for id in reader.objectIDs where !seen.contains(reader.address(of: id)) {
            note("only in reader", "\(reader.type(of: id).qualifiedName) \(reader.label(of: id))")
        }
        compareHeldFromOutside(reader: reader, oracle: oracle, byAddress: byAddress)
    }

    /// References compared as multisets of (target, label); of an object the reader flagged
    /// `referencesUnknown` but read in part (an extension module's dict, not its state), those
    /// the reader did not record are counted as references of opaque objects. A container whose length changed
    /// between the two snapshots changed after the oracle was taken: its differences are
    /// counted apart. A reference the oracle left unnamed and the reader named (an attribute
    /// set from outside its class's methods, which the agent cannot name on 3.11+) is counted
    /// apart too, and so are references of a frame running on a thread or of an object the
    /// oracle flagged `referencesUnknown` that only the reader recorded, and a frame's cell the
    /// oracle recorded by its contents.
    private mutating func compareReferences(
        reader: Snapshot,
        _ ours: ObjectID,
        oracle: Snapshot,
        _ theirs: ObjectID,
        typeName: String,
        byAddress: [UInt64: ObjectID]
    ) {
        let incomplete =
            oracle.flags(of: theirs).contains(.referencesUnknown) || runningFrames.contains(oracle.address(of: theirs))
        let changed = reader.label(of: ours) != oracle.label(of: theirs) && reader.label(of: ours).hasSuffix(" items")
        let partlyRead = reader.flags(of: ours).contains(.referencesUnknown)
        var expected: [String: Int] = [:]
        var unnamed: [UInt64: Int] = [:]
        for e in oracle.edgeRange(of: theirs) {
            let address = oracle.addresses[Int(oracle.edgeTargets[e])]
            let target = frameAliases[address] ?? address
            let label = oracle.strings[StringID(rawValue: oracle.edgeLabels[e])]
            expected["\(target) \(label)", default: 0] += 1
            if label.isEmpty { unnamed[target, default: 0] += 1 }
        }
        var extra: [(UInt64, String)] = []
        for e in reader.edgeRange(of: ours) {
            let target = reader.addresses[Int(reader.edgeTargets[e])]
            let key = "\(target) \(reader.strings[StringID(rawValue: reader.edgeLabels[e])])"
            if let n = expected[key], n > 0 {
                expected[key] = n - 1
                if key.hasSuffix(" "), let u = unnamed[target] { unnamed[target] = u - 1 }
                matchedReferences += 1
            } else {
                extra.append((target, key))
            }
        }
        for (target, key) in extra {
            if Self.cellLocal(target, key, reader: reader, byAddress: byAddress, expected: &expected) {
                note("frame cell local recorded as its cell", key)
            } else if let n = unnamed[target], n > 0 {
                unnamed[target] = n - 1
                expected["\(target) ", default: 1] -= 1
                note("named only by reader: \(typeName)", key)
            } else if incomplete && !changed {
                note("recorded only by reader: \(typeName)", key)
            } else {
                note(changed ? "changed since oracle: \(typeName)" : "extra reference: \(typeName)", key)
            }
        }
        for (key, n) in expected where n > 0 {
            for _ in 0..<n {
                if partlyRead {
                    counts["references of opaque: \(typeName)", default: 0] += 1
                } else {
                    note(changed ? "changed since oracle: \(typeName)" : "missing reference: \(typeName)", key)
                }
            }
        }
    }

    mutating func note(_ category: String, _ example: String) {
        counts[category, default: 0] += 1
        if examples[category, default: []].count < 5 { examples[category, default: []].append(example) }
    }

    /// One line per category, largest first, with examples.
    public var report: String {
        let share = oracleReferences == 0 ? 100 : Double(recoveredReferences) * 100 / Double(oracleReferences)
        let bothRead = commonReferences == 0 ? 100 : Double(recoveredReferences) * 100 / Double(commonReferences)
        var lines = [
            "common objects \(common), matched references \(matchedReferences), matched held from outside \(matchedHeldFromOutside)",
            "recovered \(recoveredReferences) of the oracle's \(oracleReferences) references "
                + "(\(String(format: "%.2f", share)) %), of its \(commonReferences) from objects both read "
                + "(\(String(format: "%.2f", bothRead)) %)",
        ]
        for (category, n) in counts.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
            lines.append("\(n)\t\(category)\t\(examples[category, default: []].joined(separator: " | "))")
        }
        return lines.joined(separator: "\n")
    }
}
