extension Snapshot {
    /// A name for each type, indexed by `TypeID`: the short name (`TypeInfo.name`) unless two
    /// types in the table share it, then `qualifiedName` for those (objgraph's shortnames).
    ///
    /// Two types with the same module and name (a class defined twice) keep the same name;
    /// sorts that need a total order break such ties by `TypeID`.
    /// - Complexity: O(types).
    public func displayNames() -> [String] { TypeInfo.displayNames(of: types) }
}

extension TypeInfo {
    /// A name for each of `types`, in order: the short name unless two of them share it, then
    /// `qualifiedName` for those (objgraph's shortnames).
    ///
    /// - Complexity: O(types).
    public static func displayNames(of types: [TypeInfo]) -> [String] {
        var uses: [String: Int] = [:]
        for type in types { uses[type.name, default: 0] += 1 }
        return types.map { uses[$0.name, default: 0] > 1 ? $0.qualifiedName : $0.name }
    }
}
