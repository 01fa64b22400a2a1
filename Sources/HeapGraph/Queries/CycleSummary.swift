/// One reference cycle (a strongly connected component that is a cycle) summed up.
public struct CycleSummary: Sendable, Equatable {
    /// How many objects of one type the cycle holds.
    public struct TypeShare: Sendable, Equatable {
        public var type: TypeID
        public var count: Int
        public var bytes: UInt64

        public init(type: TypeID, count: Int, bytes: UInt64) {
            self.type = type
            self.count = count
            self.bytes = bytes
        }
    }

    /// The component's number in its `StronglyConnectedComponents`.
    public var component: Int
    public var objectCount: Int
    /// The sum of the objects' shallow sizes.
    public var bytes: UInt64
    /// The types of the objects, most objects first (ties by bytes, then `TypeID`).
    public var types: [TypeShare]
}
