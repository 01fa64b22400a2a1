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

    /// Every object whose type is one of `types`, in snapshot order.
    ///
    /// - Complexity: O(matches) for one type; O(objects) for several.
    public func objects(ofTypes types: [TypeID]) -> [ObjectID] {
        if types.count == 1 { return objects(ofType: types[0]) }
        var wanted = [Bool](repeating: false, count: snapshot.types.count)
        for type in types { wanted[type.index] = true }
        var found: [ObjectID] = []
        for (object, type) in snapshot.objectTypes.enumerated() where wanted[Int(type)] {
            found.append(ObjectID(object))
        }
        return found
    }
}
