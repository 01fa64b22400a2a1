extension HeapIndex {
    /// The objects of one type, in snapshot order.
    ///
    /// - Complexity: O(objects of the type).
    public func objects(ofType type: TypeID) -> [ObjectID] {
        objectIDs(ofType: type).map { ObjectID(rawValue: $0) }
    }

    /// The number of objects of one type.
    ///
    /// - Complexity: O(1).
    public func count(ofType type: TypeID) -> Int {
        Int(typeOffsets[type.index + 1] - typeOffsets[type.index])
    }

    /// The raw object numbers of one type, without copying.
    func objectIDs(ofType type: TypeID) -> ArraySlice<UInt32> {
        typeObjects[Int(typeOffsets[type.index])..<Int(typeOffsets[type.index + 1])]
    }

    /// The object at `address` in the captured process, if the snapshot holds one.
    ///
    /// - Complexity: O(objects): a scan, since a lookup is asked for once per command.
    public func object(atAddress address: UInt64) -> ObjectID? {
        snapshot.addresses.firstIndex(of: address).map { ObjectID($0) }
    }
}
