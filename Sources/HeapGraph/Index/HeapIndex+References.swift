extension HeapIndex {
    /// The objects `object` refers to, in the order the capture found them, duplicates kept.
    ///
    /// - Complexity: O(1) to get; the collection is lazy and indexed from 0.
    public func referents(of object: ObjectID) -> LazyMapCollection<Range<Int>, ObjectID> {
        let range = snapshot.edgeRange(of: object)
        let start = range.lowerBound
        let targets = snapshot.edgeTargets
        return (0..<range.count).lazy.map { ObjectID(rawValue: targets[start + $0]) }
    }

    /// The references leaving `object`, each with its referent and name, in the order the
    /// capture found them, duplicates kept.
    ///
    /// - Complexity: O(1) to get; the collection is lazy and indexed from 0.
    public func references(from object: ObjectID) -> LazyMapCollection<Range<Int>, Reference> {
        let range = snapshot.edgeRange(of: object)
        let start = range.lowerBound
        let targets = snapshot.edgeTargets
        let labels = snapshot.edgeLabels
        return (0..<range.count).lazy.map { i in
            let edge = start + i
            return Reference(
                object: ObjectID(rawValue: targets[edge]),
                label: StringID(rawValue: labels[edge]),
                edge: edge
            )
        }
    }

    /// The references to `object`, each with its referrer and name, ordered by referrer number
    /// and, for one referrer, by the referrer's edge order. A referrer that refers to `object`
    /// twice appears twice, next to itself.
    ///
    /// - Complexity: O(1) to get; the collection is lazy and indexed from 0.
    public func referrers(of object: ObjectID) -> LazyMapCollection<Range<Int>, Reference> {
        let start = Int(reverseOffsets[object.index])
        let end = Int(reverseOffsets[object.index + 1])
        let sources = reverseSources
        let edges = reverseEdges
        let labels = snapshot.edgeLabels
        return (0..<(end - start)).lazy.map { i in
            let edge = Int(edges[start + i])
            return Reference(
                object: ObjectID(rawValue: sources[start + i]),
                label: StringID(rawValue: labels[edge]),
                edge: edge
            )
        }
    }

    /// The number of references leaving `object`, duplicates counted.
    ///
    /// - Complexity: O(1).
    public func referentCount(of object: ObjectID) -> Int { snapshot.edgeRange(of: object).count }

    /// The number of references to `object`, duplicates counted.
    ///
    /// - Complexity: O(1).
    public func referrerCount(of object: ObjectID) -> Int {
        Int(reverseOffsets[object.index + 1] - reverseOffsets[object.index])
    }

    /// The distinct referrers of `object`, in referrer order: what `gc.get_referrers` would list.
    ///
    /// - Complexity: O(references to `object`).
    public func distinctReferrers(of object: ObjectID) -> [ObjectID] {
        let start = Int(reverseOffsets[object.index])
        let end = Int(reverseOffsets[object.index + 1])
        var result: [ObjectID] = []
        var previous = UInt32.max
        for slot in start..<end where reverseSources[slot] != previous {
            previous = reverseSources[slot]
            result.append(ObjectID(rawValue: previous))
        }
        return result
    }
}
