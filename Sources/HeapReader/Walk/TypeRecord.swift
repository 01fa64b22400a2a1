/// How the walk lists an object's references and names it, decided once per type.
enum ObjectKind: Equatable {
    /// No traverse function: no references (str, int, float, bytes, None, ...).
    case atom
    case list, tuple, dict, set, type, module, function, cell, method, code
    case frame, generator, coroutine, asyncGenerator
    /// References from fixed fields, as a calibrated traverse table lists them (the table's
    /// index in the reader's `fieldTables`).
    case fields(Int)
    /// A dict's references and the fields of the table (defaultdict's default_factory).
    case defaultDict(Int)
    /// A dict's references, each key once more from its node, and the table's fields.
    case orderedDict(Int)
    /// The lru_cache wrapper: its links' keys and results and the table's fields.
    case lruCache(Int)
    /// A deque's items, block by block, and the table's fields.
    case deque(Int)
    /// A struct sequence (`sys.flags`) of that many fields, hidden ones included.
    case structSequence(Int)
    /// A type the walk cannot decode: recorded with its type, size and refcount, flagged.
    case opaque
}

/// Which label an object gets (the agent's rules: builtin types only).
enum LabelKind {
    case none, str, bytes, int, bool, float, list, tuple, dict, set, type, module, function, code, method, builtin,
        frame
}

/// What the walk knows about one type, read once. Plain values only, so that the walk, which
/// looks one up per object, copies it without reference counting; the type's names and slots
/// are kept apart, by `index` (`HeapReader.typeNames`, `typeSlots`).
struct TypeRecord {
    var address: UInt64
    /// Its place in the walk's type table (the snapshot's `objectTypes`).
    var index: UInt32
    var flags: UInt64
    var basicSize: Int
    var itemSize: Int
    var dictOffset: Int
    /// How the objects' own C type lists their references (for an instance of a class, the
    /// kind of its first base whose traverse is not `subtype_traverse`).
    var kind: ObjectKind
    /// An instance of a class (a heap type) over a base of kind `kind`: its slots, dict and
    /// class come first, as subtype_traverse lists them.
    var isInstance: Bool
    var label: LabelKind
    var objectFlags: UInt32 = 0
    /// Whether the class or its heap bases have `__slots__` members (`HeapReader.typeSlots`).
    var hasSlots: Bool
    /// The class's shared keys (3.11+ managed dicts), or 0.
    var cachedKeys: UInt64
    var isHeap: Bool
    var isGC: Bool
    /// The C type whose traverse lists the objects' own references (the class itself, or the
    /// first base whose traverse is not `subtype_traverse`).
    var base: UInt64
    /// Whether that base is an extension's heap type whose traverse lists the class (3.9+:
    /// subtype_traverse then leaves it out).
    var baseListsClass = false
}
