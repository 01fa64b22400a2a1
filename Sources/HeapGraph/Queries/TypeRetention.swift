/// Retained bytes of one type's objects, for `retained --by type` and `top --retained`.
public struct TypeRetention: Sendable, Equatable {
    public var type: TypeID
    public var count: Int
    /// The sum of the objects' shallow sizes.
    public var shallowBytes: UInt64
    /// What the type's objects retain together, counted once: the retained sizes of the
    /// objects no other object of the type dominates. A lower bound of the bytes freed if all
    /// of them were released (`HeapIndex.retainedSize(ofSet:in:)` gives the exact figure,
    /// which is larger when objects are held only jointly by several of them).
    public var retainedBytes: UInt64
}
