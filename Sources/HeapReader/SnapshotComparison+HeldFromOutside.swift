import HeapGraph

extension SnapshotComparison {
    /// What can explain a held-from-outside count that differs, most specific first: the
    /// categories `"held from outside: CAUSE"`; any other such category names a type whose
    /// count differs for no known reason.
    public static let heldFromOutsideCauses = [
        "refcount differs", "referenced by opaque", "referrer missing from reader", "referrer only in reader",
        "referrer changed since oracle", "referrer's references differ",
    ]

    /// Roots of kind `heldFromOutside` compared object by object: the unexplained count the
    /// reader found against the oracle's (0 where an object is no such root). A difference is
    /// counted under the first cause that applies: a refcount that differs, a referrer the
    /// reader flagged `referencesUnknown`, a referrer in one snapshot only, a referrer that
    /// changed since the oracle, a referrer whose references to it differ in number (already
    /// counted as missing or extra references); otherwise under the object's type. Immortal
    /// objects (3.12+) are roots in neither: their refcounts are at or above
    /// `Root.immortalRefcount` in both.
    /// - Complexity: O(objects + edges) of both snapshots.
    mutating func compareHeldFromOutside(reader: Snapshot, oracle: Snapshot, byAddress: [UInt64: ObjectID]) {
        let ours = Self.heldCounts(reader)
        let theirs = Self.heldCounts(oracle)
        let causes = Self.referrerCauses(reader: reader, oracle: oracle, byAddress: byAddress)
        for object in oracle.objectIDs {
            let address = oracle.address(of: object)
            guard let mine = byAddress[address] else { continue }
            let (found, expected) = (ours[mine.index], theirs[object.index])
            if found == expected {
                if found > 0 { matchedHeldFromOutside += 1 }
                continue
            }
            let typeName = oracle.type(of: object).qualifiedName
            let (refcount, oracleRefcount) = (reader.refcount(of: mine), oracle.refcount(of: object))
            let cause: String
            if refcount != oracleRefcount {
                cause = "refcount differs"
            } else if let index = causes[address] {
                cause = Self.heldFromOutsideCauses[index]
            } else {
                cause = typeName
            }
            note(
                "held from outside: \(cause)",
                "\(typeName) 0x\(String(address, radix: 16)) \(found) instead of \(expected)"
            )
        }
    }

    /// Each object's unexplained count (its `heldFromOutside` root's detail, else 0).
    private static func heldCounts(_ snapshot: Snapshot) -> [UInt64] {
        var counts = [UInt64](repeating: 0, count: snapshot.objectCount)
        for root in snapshot.roots where root.kind == .heldFromOutside { counts[root.object.index] = root.detail }
        return counts
    }

    /// Target address → index in `heldFromOutsideCauses` of the most specific reason one of its
    /// referrers may count differently in the two snapshots.
    private static func referrerCauses(
        reader: Snapshot,
        oracle: Snapshot,
        byAddress: [UInt64: ObjectID]
    ) -> [UInt64: Int] {
        var causes: [UInt64: Int] = [:]
        func mark(_ target: UInt64, _ cause: Int) { causes[target] = min(causes[target] ?? cause, cause) }
        var inOracle: Set<UInt64> = []
        for source in oracle.objectIDs {
            let address = oracle.address(of: source)
            inOracle.insert(address)
            let cause: Int
            if let mine = byAddress[address] {
                let label = reader.label(of: mine)
                if reader.flags(of: mine).contains(.referencesUnknown) {
                    cause = 1
                } else if label != oracle.label(of: source) && label.hasSuffix(" items") {
                    cause = 4
                } else {
                    var difference: [UInt64: Int] = [:]
                    for e in oracle.edgeRange(of: source) {
                        difference[oracle.addresses[Int(oracle.edgeTargets[e])], default: 0] += 1
                    }
                    for e in reader.edgeRange(of: mine) {
                        difference[reader.addresses[Int(reader.edgeTargets[e])], default: 0] -= 1
                    }
                    for (target, n) in difference where n != 0 { mark(target, 5) }
                    continue
                }
            } else {
                cause = 2
            }
            for e in oracle.edgeRange(of: source) { mark(oracle.addresses[Int(oracle.edgeTargets[e])], cause) }
        }
        for source in reader.objectIDs where !inOracle.contains(reader.address(of: source)) {
            for e in reader.edgeRange(of: source) { mark(reader.addresses[Int(reader.edgeTargets[e])], 3) }
        }
        return causes
    }
}
