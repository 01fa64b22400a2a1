extension HeapIndex {
    /// The names of the types (with at least one object) closest to `name` by edit distance,
    /// nearest first, at most `limit`. Each type is measured by the nearest of its short,
    /// `__qualname__` and qualified names, ignoring case: the edit distance to the whole name,
    /// or one more than the distance to the name's closest prefix, so `Requst` finds
    /// `RequestQueue` and `requests.Session` before `dict`. Ties go to the name sorting first.
    /// A type is shown by its `__qualname__` when no other type with objects shares it, else
    /// by its qualified name.
    ///
    /// - Complexity: O(types × name length²).
    public func closestTypeNames(to name: String, limit: Int) -> [String] {
        let types = snapshot.types
        var present: [Int] = []
        var nameCounts: [String: Int] = [:]
        for type in types.indices where count(ofType: TypeID(type)) > 0 {
            present.append(type)
            nameCounts[types[type].name, default: 0] += 1
        }
        let wanted = Array(name.lowercased().unicodeScalars)
        var scored: [(distance: Int, shown: String)] = []
        for type in present {
            let info = types[type]
            let candidates = [String(ObjectSelector.shortName(of: info)), info.name, info.qualifiedName]
            var best = Int.max
            for candidate in candidates {
                let distance = Self.editDistance(wanted, Array(candidate.lowercased().unicodeScalars))
                best = min(best, distance.whole, distance.toPrefix + 1)
            }
            let shown = nameCounts[info.name, default: 0] > 1 ? info.qualifiedName : info.name
            scored.append((best, shown))
        }
        scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.shown < $1.shown }
        var result: [String] = []
        for entry in scored where result.count < limit && !result.contains(entry.shown) {
            result.append(entry.shown)
        }
        return result
    }

    /// Levenshtein distance (insertions, deletions and substitutions each cost 1) from `a` to the
    /// whole of `b` and to the closest prefix of `b`, with two rows.
    private static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> (whole: Int, toPrefix: Int) {
        if a.isEmpty { return (b.count, 0) }
        if b.isEmpty { return (a.count, a.count) }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return (previous[b.count], previous.min() ?? a.count)
    }
}
