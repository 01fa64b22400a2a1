/// A chain of references from a holder (a module, a root, an object of a chosen type) down
/// to a selected object: what objgraph's `find_backref_chain` returns.
public struct ReferenceChain: Sendable, Equatable {
    /// The objects, from the holder end (first) down to the selected object (last).
    public var objects: [ObjectID]
    /// The labels of the references between consecutive objects: `edgeLabels[i]` names the
    /// reference from `objects[i]` to `objects[i + 1]`. `count == objects.count - 1`.
    public var edgeLabels: [StringID]

    public init(objects: [ObjectID], edgeLabels: [StringID]) {
        precondition(!objects.isEmpty && edgeLabels.count == objects.count - 1, "a chain has one label per link")
        self.objects = objects
        self.edgeLabels = edgeLabels
    }

    /// The object at the holder end.
    public var holder: ObjectID { objects[0] }
    /// The selected object the chain leads to.
    public var target: ObjectID { objects[objects.count - 1] }
    /// The number of references in the chain (0 when the target is itself a holder).
    public var length: Int { edgeLabels.count }
}

/// Where a back-reference chain may start: objgraph's `predicate`.
public enum ChainEnd: Sendable, Equatable {
    /// A module listed in `sys.modules` (`HeapIndex.isModule`): objgraph's `is_proper_module`.
    case module
    /// Any recorded root: a module, a thread's frame, or an object held from outside.
    case root
    /// Any object of this type.
    case type(TypeID)
    /// Any object of one of these types.
    case types([TypeID])
    /// One of these objects (a container, to show how it holds something below it).
    case objects([ObjectID])
}

/// The answer to a chain query.
public enum ChainResult: Sendable, Equatable {
    /// The shortest chain found.
    case found(ReferenceChain)
    /// No object satisfying the end refers to any target, directly or not. `target` is the
    /// first target; `holders` are its distinct direct referrers in referrer order (empty
    /// when nothing in the snapshot refers to it: it is held only from outside the recorded
    /// graph, or about to be freed).
    case unreachable(target: ObjectID, holders: [ObjectID])
}
