import HeapGraph

/// Two snapshots of the same moment compared object by object (by address): the outside
/// reader's against the in-process agent's, the oracle. Differences are counted per category,
/// with a few examples each, so a test can require some to be zero and a person can see why
/// the others are not.
public struct SnapshotComparison: Sendable {
    /// Differences per category (`"missing from reader"`, `"type"`, `"size: dict"`, ...).
    public private(set) var counts: [String: Int] = [:]
    /// Up to five examples per category.
    public private(set) var examples: [String: [String]] = [:]
    /// Objects present in both.
    public private(set) var common = 0
    /// References of decoded objects present in both (same target, same label).
    public private(set) var matchedReferences = 0

    /// Compares `reader` with `oracle`. References are compared only for objects the reader did
    /// not flag `referencesUnknown`, as multisets of (target address, label).
    public init(reader: Snapshot, oracle: Snapshot) {
        var byAddress: [UInt64: ObjectID] = [:]
        for id in reader.objectIDs { byAddress[reader.address(of: id)] = id }
        var seen: Set<UInt64> = []
        for theirs in oracle.objectIDs {
            let address = oracle.address(of: theirs)
            seen.insert(address)
            let typeName = oracle.type(of: theirs).qualifiedName
            guard let ours = byAddress[address] else {
                note("missing from reader", "\(typeName) at 0x\(String(address, radix: 16)) \(oracle.label(of: theirs))")
                continue
            }
            common += 1
            let ourType = reader.type(of: ours).qualifiedName
            if ourType != typeName { note("type", "\(ourType) instead of \(typeName)") }
            if reader.size(of: ours) != oracle.size(of: theirs) {
                note("size: \(typeName)", "\(reader.size(of: ours)) instead of \(oracle.size(of: theirs))")
            }
            if reader.refcount(of: ours) == 0xFFFF_FFFF && oracle.refcount(of: theirs) != 0xFFFF_FFFF {
                // 3.12+ immortal objects: the agent subtracts its own references from a count
                // that its references never raised.
                note("refcount: immortal", typeName)
            } else if reader.refcount(of: ours) != oracle.refcount(of: theirs) {
                note("refcount: \(typeName)", " \(reader.refcount(of: ours)) instead of \(oracle.refcount(of: theirs))")
            }
            if reader.label(of: ours) != oracle.label(of: theirs) {
                note("label: \(typeName)", "\(reader.label(of: ours)) instead of \(oracle.label(of: theirs))")
            }
            let ourFlags = reader.flags(of: ours)
            var expectedFlags = oracle.flags(of: theirs)
            expectedFlags.remove(.referencesUnknown)
            var comparable = ourFlags
            comparable.remove(.referencesUnknown)
            if comparable != expectedFlags { note("flags: \(typeName)", "\(comparable.rawValue) instead of \(expectedFlags.rawValue)") }
            if ourFlags.contains(.referencesUnknown) {
                note("opaque: \(typeName)", "0x\(String(address, radix: 16))")
                continue
            }
            var expected: [String: Int] = [:]
            for e in oracle.edgeRange(of: theirs) {
                let target = oracle.addresses[Int(oracle.edgeTargets[e])]
                expected["\(target) \(oracle.strings[StringID(rawValue: oracle.edgeLabels[e])])", default: 0] += 1
            }
            for e in reader.edgeRange(of: ours) {
                let target = reader.addresses[Int(reader.edgeTargets[e])]
                let key = "\(target) \(reader.strings[StringID(rawValue: reader.edgeLabels[e])])"
                if let n = expected[key], n > 0 {
                    expected[key] = n - 1
                    matchedReferences += 1
                } else {
                    note("extra reference: \(typeName)", key)
                }
            }
            for (key, n) in expected where n > 0 {
                note("missing reference: \(typeName)", key)
                if n > 1 { counts["missing reference: \(typeName)", default: 0] += n - 1 }
            }
        }
        for id in reader.objectIDs where !seen.contains(reader.address(of: id)) {
            note("only in reader", "\(reader.type(of: id).qualifiedName) \(reader.label(of: id))")
        }
    }

    private mutating func note(_ category: String, _ example: String) {
        counts[category, default: 0] += 1
        if examples[category, default: []].count < 5 { examples[category, default: []].append(example) }
    }

    /// One line per category, largest first, with examples.
    public var report: String {
        var lines = ["common objects \(common), matched references \(matchedReferences)"]
        for (category, n) in counts.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
            lines.append("\(n)\t\(category)\t\(examples[category, default: []].joined(separator: " | "))")
        }
        return lines.joined(separator: "\n")
    }
}
