import HeapGraph

/// The name drawn for each type of a snapshot: the short `__qualname__`, or the
/// `qualifiedName` when another type of the snapshot has the same short name (objgraph's
/// shortnames; the same rule as the tables').
struct TypeDisplayNames {
    private var names: [String]

    /// - Complexity: O(types).
    init(_ snapshot: Snapshot) {
        var counts: [String: Int] = [:]
        for type in snapshot.types { counts[type.name, default: 0] += 1 }
        names = snapshot.types.map { type in
            (counts[type.name] ?? 0) > 1 ? type.qualifiedName : type.name
        }
    }

    func name(of type: TypeID) -> String { names[type.index] }
}
