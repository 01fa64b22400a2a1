import HeapGraph

/// One type's count and bytes in the JSON documents of `top`, `cycles` and `orphans`.
package struct TypeRowJSON: Encodable {
    /// The display name (`Snapshot.displayNames()`).
    var type: String
    var qualifiedName: String
    var count: Int
    var bytes: UInt64
    /// With `top --retained`: what the type's objects retain together (see `TypeRetention`).
    var retained: UInt64?
    /// In `top`: how many distinct classes share this module and qualified name, when more
    /// than one (a class factory's classes, counted as one row).
    var classes: Int?

    package init(
        _ type: TypeID,
        names: [String],
        in snapshot: Snapshot,
        count: Int,
        bytes: UInt64,
        retained: UInt64? = nil,
        classes: Int? = nil
    ) {
        self.classes = classes
        self.type = names[type.index]
        self.qualifiedName = snapshot.types[type.index].qualifiedName
        self.count = count
        self.bytes = bytes
        self.retained = retained
    }
}
