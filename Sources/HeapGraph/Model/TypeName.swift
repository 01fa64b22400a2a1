/// A type by its name alone: module and qualified name. Snapshots of one process are compared
/// by it (a class has another type id, and its object another address, in each snapshot), and
/// distinct classes that share a name count as one.
public struct TypeName: Hashable, Sendable {
    public var module: String
    public var name: String

    public init(module: String, name: String) {
        self.module = module
        self.name = name
    }

    public init(_ type: TypeInfo) {
        self.init(module: type.module, name: type.name)
    }
}

/// Numbers type names in the order first met, across any number of snapshots: what lets
/// objects of different snapshots be compared by type with one integer each.
struct TypeNameNumbering {
    /// The names numbered so far; a name's number is its position.
    private(set) var names: [TypeName] = []
    private var numbers: [TypeName: UInt32] = [:]

    /// The number of `name`, given it now if it has none.
    mutating func number(_ name: TypeName) -> UInt32 {
        if let known = numbers[name] { return known }
        let number = UInt32(truncatingIfNeeded: names.count)
        numbers[name] = number
        names.append(name)
        return number
    }

    /// The number of each type of `snapshot`, by type id.
    mutating func typeNumbers(_ snapshot: Snapshot) -> [UInt32] { snapshot.types.map { number(TypeName($0)) } }

    /// The number of each object's type name in `snapshot`, by object id.
    mutating func objectNumbers(_ snapshot: Snapshot) -> [UInt32] {
        let ofType = typeNumbers(snapshot)
        return snapshot.objectTypes.map { ofType[Int($0)] }
    }
}
