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
