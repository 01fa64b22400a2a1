import HeapGraph

/// One object as plain values for a JSON document (a chain's link, a graph's node): its
/// address, type, label and size, and what the report adds about its place. Fields that do
/// not apply are nil and left out of the JSON.
public struct ObjectReport: Codable, Sendable, Equatable {
    /// The object's address in the captured process, as `0x` and lowercase hex digits.
    public var address: String
    /// The qualified type name (`module.qualname`, or the bare name for built-ins).
    public var type: String
    /// The object's safe label ("" for none).
    public var label: String
    /// Shallow size in bytes.
    public var size: UInt64
    /// In a chain: the name of the reference from the previous object to this one; nil for
    /// the holder, "" for a reference without a name.
    public var edgeLabel: String?
    /// In a graph: references from the selection (0 for a selected object).
    public var depth: Int?
    /// In a graph: whether the user selected this object.
    public var selected: Bool?
    /// In a graph: neighbours left out by the `too_many` cut, if any.
    public var cut: Int?

    public init(
        address: String,
        type: String,
        label: String,
        size: UInt64,
        edgeLabel: String? = nil,
        depth: Int? = nil,
        selected: Bool? = nil,
        cut: Int? = nil
    ) {
        self.address = address
        self.type = type
        self.label = label
        self.size = size
        self.edgeLabel = edgeLabel
        self.depth = depth
        self.selected = selected
        self.cut = cut
    }
}

extension HeapIndex {
    /// `object`'s address, qualified type name, label and size.
    ///
    /// - Complexity: O(1).
    public func objectReport(of object: ObjectID) -> ObjectReport {
        ObjectReport(
            address: hexAddress(of: object),
            type: snapshot.type(of: object).qualifiedName,
            label: snapshot.label(of: object),
            size: snapshot.size(of: object)
        )
    }
}
