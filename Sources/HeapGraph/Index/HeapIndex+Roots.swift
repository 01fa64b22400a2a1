extension HeapIndex {
    /// Every object recorded as a root of any kind, each once, in object order.
    ///
    /// - Complexity: O(objects).
    public var rootObjects: [ObjectID] {
        var result: [ObjectID] = []
        for (object, bits) in rootKindBits.enumerated() where bits != 0 { result.append(ObjectID(object)) }
        return result
    }

    /// Whether `object` is a recorded root; of the given kind when `kind` is not nil.
    ///
    /// - Complexity: O(1).
    public func isRoot(_ object: ObjectID, kind: RootKind? = nil) -> Bool {
        let bits = rootKindBits[object.index]
        guard let kind else { return bits != 0 }
        return bits & UInt8(truncatingIfNeeded: 1 << kind.rawValue) != 0
    }

    /// Whether `object` is a module listed in `sys.modules`: flagged `.module` and recorded
    /// as a `RootKind.module` root. objgraph's `is_proper_module`.
    ///
    /// - Complexity: O(1).
    public func isModule(_ object: ObjectID) -> Bool {
        snapshot.flags[object.index] & ObjectFlags.module.rawValue != 0
            && rootKindBits[object.index] & UInt8(truncatingIfNeeded: 1 << RootKind.module.rawValue) != 0
    }
}
