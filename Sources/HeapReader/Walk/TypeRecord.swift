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

/// What the walk knows about one type, read once (a class: the walk looks one up per object,
/// and a copy of its names and slots would cost a retain per field).
final class TypeRecord {
    let address: UInt64
    /// Its place in the walk's type table (the snapshot's `objectTypes`).
    let index: UInt32
    let module: String
    let name: String
    let flags: UInt64
    let basicSize: Int
    let itemSize: Int
    let dictOffset: Int
    let kind: ObjectKind
    let label: LabelKind
    var objectFlags: UInt32 = 0
    /// `__slots__` members of this class and its heap bases, subclass first as subtype_traverse
    /// visits them: (offset in the object, the id of `.name`).
    let slots: [(offset: Int, label: UInt32)]
    /// The class's shared keys (3.11+ managed dicts), or 0.
    let cachedKeys: UInt64
    let isHeap: Bool
    let isGC: Bool
    /// The C type whose traverse lists the objects' own references (the class itself, or the
    /// first base whose traverse is not `subtype_traverse`).
    let base: UInt64
    /// Whether that base is an extension's heap type whose traverse lists the class (3.9+:
    /// subtype_traverse then leaves it out).
    var baseListsClass = false

    init(
        address: UInt64,
        index: UInt32,
        module: String,
        name: String,
        flags: UInt64,
        basicSize: Int,
        itemSize: Int,
        dictOffset: Int,
        kind: ObjectKind,
        label: LabelKind,
        slots: [(offset: Int, label: UInt32)],
        cachedKeys: UInt64,
        isHeap: Bool,
        isGC: Bool,
        base: UInt64
    ) {
        self.address = address
        self.index = index
        self.module = module
        self.name = name
        self.flags = flags
        self.basicSize = basicSize
        self.itemSize = itemSize
        self.dictOffset = dictOffset
        self.kind = kind
        self.label = label
        self.slots = slots
        self.cachedKeys = cachedKeys
        self.isHeap = isHeap
        self.isGC = isGC
        self.base = base
    }
}
