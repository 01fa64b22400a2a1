/// What the walk learned of one object before the snapshot is built: its references are kept
/// by address and resolved to object ids once every object is numbered.
struct ObjectRecord {
    var address: UInt64
    var type: UInt64
    var size: UInt64
    var refcount: UInt64
    var label: String
    var flags: UInt32
    var references: [(target: UInt64, label: String)]
}

/// How the walk lists an object's references and names it, decided once per type.
enum ObjectKind: Equatable {
    /// No traverse function: no references (str, int, float, bytes, None, ...).
    case atom
    case list, tuple, dict, set, type, module, function, cell, method, code
    case frame, generator, coroutine, asyncGenerator
    /// References from fixed fields, as a calibrated traverse table lists them.
    case fields([TraverseField])
    /// A dict's references and the fields of the table (defaultdict's default_factory).
    case defaultDict([TraverseField])
    /// A dict's references, each key once more from its node, and the table's fields.
    case orderedDict([TraverseField])
    /// The lru_cache wrapper: its links' keys and results and the table's fields.
    case lruCache([TraverseField])
    /// A deque's items, block by block, and the table's fields.
    case deque([TraverseField])
    /// A struct sequence (`sys.flags`) of that many fields, hidden ones included.
    case structSequence(Int)
    /// An instance of a class (a heap type) over the base kind `base`.
    indirect case instance(base: ObjectKind)
    /// A type the walk cannot decode: recorded with its type, size and refcount, flagged.
    case opaque
}

/// Which label an object gets (the agent's rules: builtin types only).
enum LabelKind {
    case none, str, bytes, int, bool, float, list, tuple, dict, set, type, module, function, code, method, builtin,
        frame
}

/// What the walk knows about one type, read once.
struct TypeRecord {
    var address: UInt64
    var module: String
    var name: String
    var flags: UInt64
    var basicSize: Int
    var itemSize: Int
    var dictOffset: Int
    var kind: ObjectKind
    var label: LabelKind
    var objectFlags: UInt32
    /// `__slots__` members of this class and its heap bases, subclass first as subtype_traverse
    /// visits them: (offset in the object, ".name").
    var slots: [(offset: Int, label: String)]
    /// The class's shared keys (3.11+ managed dicts), or 0.
    var cachedKeys: UInt64
    var isHeap: Bool
    var isGC: Bool
    /// The C type whose traverse lists the objects' own references (the class itself, or the
    /// first base whose traverse is not `subtype_traverse`).
    var base: UInt64 = 0
    /// Whether that base is an extension's heap type whose traverse lists the class (3.9+:
    /// subtype_traverse then leaves it out).
    var baseListsClass = false
}
