/// Facts about one object, recorded by the capture.
public struct ObjectFlags: OptionSet, Hashable, Sendable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// The gc tracks the object (it was in `gc.get_objects()`).
    public static let gcTracked = ObjectFlags(rawValue: 1 << 0)
    /// A module object (`types.ModuleType` or a subclass).
    public static let module = ObjectFlags(rawValue: 1 << 1)
    /// A frame object.
    public static let frame = ObjectFlags(rawValue: 1 << 2)
    /// A type object (a class).
    public static let typeObject = ObjectFlags(rawValue: 1 << 3)
    /// A Python function, method, builtin function or code object.
    public static let function = ObjectFlags(rawValue: 1 << 4)
    /// A weak reference or weak proxy: its referent is not kept alive by it.
    public static let weakReference = ObjectFlags(rawValue: 1 << 5)
    /// A container (dict, tuple, ...) the gc does not track because it holds only atoms.
    public static let untrackedContainer = ObjectFlags(rawValue: 1 << 6)
    /// The capture could not list this object's references; its out-edges may be missing.
    public static let referencesUnknown = ObjectFlags(rawValue: 1 << 7)
    /// The object's label was cut short.
    public static let labelTruncated = ObjectFlags(rawValue: 1 << 8)
}

/// Why an object is a root of the heap graph.
public enum RootKind: UInt32, Sendable, CaseIterable, CustomStringConvertible {
    /// A module listed in `sys.modules`; the root's name is its key there.
    case module = 1
    /// The innermost frame of a thread; the root's name is the thread's name, its detail the thread id.
    case threadFrame = 2
    /// An object whose reference count is larger than the references the capture found to it:
    /// something outside the recorded graph (C code, a C stack, the interpreter) holds it.
    /// The root's detail is the number of unexplained references.
    case heldFromOutside = 3

    public var description: String {
        switch self {
        case .module: "module"
        case .threadFrame: "thread frame"
        case .heldFromOutside: "held from outside"
        }
    }
}

/// One root of the heap graph.
public struct Root: Hashable, Sendable {
    public var object: ObjectID
    public var kind: RootKind
    /// The module's name, or the thread's name; empty for `heldFromOutside`.
    public var name: StringID
    /// The thread id for `threadFrame`, the unexplained reference count for `heldFromOutside`, else 0.
    public var detail: UInt64

    public init(object: ObjectID, kind: RootKind, name: StringID = .empty, detail: UInt64 = 0) {
        self.object = object
        self.kind = kind
        self.name = name
        self.detail = detail
    }
}

/// One type of the snapshot's type table.
public struct TypeInfo: Hashable, Sendable {
    /// `type.__module__` (`builtins` for built-in types).
    public var module: String
    /// `type.__qualname__`.
    public var name: String
    /// The type object itself, if it is in the snapshot.
    public var object: ObjectID?

    public init(module: String, name: String, object: ObjectID? = nil) {
        self.module = module
        self.name = name
        self.object = object
    }

    /// `module.name`, or `name` alone for built-in types, as objgraph's long type names.
    public var qualifiedName: String {
        module == "builtins" || module.isEmpty ? name : "\(module).\(name)"
    }
}
