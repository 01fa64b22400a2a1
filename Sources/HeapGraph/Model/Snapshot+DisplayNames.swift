extension Snapshot {
    /// A name for each type, indexed by `TypeID`: the short name (`TypeInfo.name`) unless two
    /// types in the table share it, then `qualifiedName` for those (objgraph's shortnames).
    ///
    /// Two types with the same module and name (a class defined twice) keep the same name;
    /// sorts that need a total order break such ties by `TypeID`.
    /// - Complexity: O(types).
    public func displayNames() -> [String] { TypeInfo.displayNames(of: types) }
}
