extension HeapIndex {
    /// The types that answer to `name` (see `ObjectSelector.Criterion.type`), in table order.
    ///
    /// - Throws: `HeapGraphError.noSuchType` with the closest type names when none does.
    /// - Complexity: O(types).
    public func types(named name: String) throws(HeapGraphError) -> [TypeID] {
        let types = snapshot.types.indices.filter {
            ObjectSelector.type(snapshot.types[$0], isNamed: name)
        }.map { TypeID($0) }
        if types.isEmpty {
            throw .noSuchType(name: name, closest: closestTypeNames(to: name, limit: 3))
        }
        return types
    }
}
