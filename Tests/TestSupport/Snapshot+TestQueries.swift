import HeapGraph

/// Questions the tests ask of a snapshot.
extension Snapshot {
    /// The object at `address`, if recorded.
    public func object(at address: UInt64) -> ObjectID? {
        addresses.firstIndex(of: address).map { ObjectID($0) }
    }

    /// `(label, target)` of each edge leaving `object`.
    public func edges(from object: ObjectID) -> [(label: String, target: ObjectID)] {
        edgeRange(of: object).map { (strings[StringID(rawValue: edgeLabels[$0])], ObjectID(Int(edgeTargets[$0]))) }
    }

    /// The target of the first edge named `label` leaving `object`.
    public func target(from object: ObjectID, _ label: String) -> ObjectID? {
        edges(from: object).first { $0.label == label }?.target
    }

    /// Objects whose type's qualified name is `name`.
    public func objects(ofType name: String) -> [ObjectID] {
        objectIDs.filter { type(of: $0).qualifiedName == name }
    }

    /// The module object rooted under `name`.
    public func module(_ name: String) -> ObjectID? {
        roots.first { $0.kind == .module && strings[$0.name] == name }?.object
    }

    /// A module-level global: module → `.__dict__` → `['name']`.
    public func global(_ module: String, _ name: String) -> ObjectID? {
        guard let m = self.module(module), let dict = target(from: m, ".__dict__") else { return nil }
        return target(from: dict, "['\(name)']")
    }
}
