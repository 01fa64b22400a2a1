/// The number of an object in a snapshot: objects are numbered `0..<objectCount`.
public struct ObjectID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public init(_ index: Int) { self.rawValue = UInt32(index) }
    /// The object's position in the snapshot's parallel arrays.
    public var index: Int { Int(rawValue) }
    public static func < (a: ObjectID, b: ObjectID) -> Bool { a.rawValue < b.rawValue }
    public var description: String { "#\(rawValue)" }
}

/// The number of a type in a snapshot's type table.
public struct TypeID: RawRepresentable, Hashable, Comparable, Sendable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public init(_ index: Int) { self.rawValue = UInt32(index) }
    public var index: Int { Int(rawValue) }
    public static func < (a: TypeID, b: TypeID) -> Bool { a.rawValue < b.rawValue }
}

/// The number of an interned string. `StringID.empty` (0) is always the empty string and
/// stands for "no label".
public struct StringID: RawRepresentable, Hashable, Comparable, Sendable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public init(_ index: Int) { self.rawValue = UInt32(index) }
    public var index: Int { Int(rawValue) }
    public static let empty = StringID(rawValue: 0)
    public static func < (a: StringID, b: StringID) -> Bool { a.rawValue < b.rawValue }
}
