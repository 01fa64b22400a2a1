extension Root {
    /// Reference counts at or above this are "immortal" objects (None, small ints, static
    /// strings: 999999999 on 3.11, 2^30 - 1 and up from 3.12); they are never reported as held
    /// from outside.
    public static let immortalRefcount: UInt64 = 500_000_000

    /// The roots of kind `heldFromOutside`, in object order: every object whose reference
    /// count exceeds the edges that point to it (and is below `immortalRefcount`), with the
    /// difference as its detail. Both captures and the reader of address-keyed files use it.
    /// - Complexity: O(objects + edges).
    public static func heldFromOutside(
        refcounts: UnsafeBufferPointer<UInt64>,
        edgeTargets: UnsafeBufferPointer<UInt32>
    ) -> [Root] {
        var found = [UInt32](repeating: 0, count: refcounts.count)
        found.withUnsafeMutableBufferPointer { found in
            for target in edgeTargets { found[Int(target)] &+= 1 }
        }
        var roots: [Root] = []
        for (i, refcount) in refcounts.enumerated() {
            let explained = UInt64(found[i])
            guard refcount < immortalRefcount, refcount > explained else { continue }
            roots.append(Root(object: ObjectID(i), kind: .heldFromOutside, detail: refcount - explained))
        }
        return roots
    }
}
