import CPython
import HeapGraph

/// How the walker lists an object's references, decided once per type.
enum WalkKind: UInt8 {
    case generic, list, tuple, dict, orderedDict, function, method, cfunction, cell, module, typeObject,
        frame, classmethod, property, exception, traceback, generator, coroutine,
        asyncGenerator, code, weakref, deque, defaultdict, lruCache, future, task
}

/// Which safe label an object of a type gets, decided once per type.
enum LabelKind: UInt8 {
    case none, str, bytes, int, bool, float, list, tuple, dict, set, function, cfunction,
        type, module, frame, method, code
}

/// How an object's `sys.getsizeof` size is found.
enum SizeMode: UInt8 {
    /// `object.__sizeof__`'s formula: basic size plus items (also `bytes.__sizeof__`'s), and
    /// the fallback when `__sizeof__` is written in Python (never called).
    case formula
    /// `str.__sizeof__`, `int.__sizeof__`, `list.__sizeof__` computed inline.
    case str, int, list
    /// Another C `__sizeof__`, called directly.
    case call
}

/// The `__sizeof__` descriptors of built-in types whose result is computed inline.
struct KnownSizeof {
    var object, bytes, str, int, list: UnsafeMutablePointer<PyObject>?

    init(_ name: UnsafeMutablePointer<PyObject>) {
        object = _PyType_Lookup(rg_BaseObjectType(), name)
        bytes = _PyType_Lookup(rg_BytesType(), name)
        str = _PyType_Lookup(rg_UnicodeType(), name)
        int = _PyType_Lookup(rg_LongType(), name)
        list = _PyType_Lookup(rg_ListType(), name)
    }
}

/// What the walker knows about one type, looked up once per object.
struct TypeRecord {
    var type: UnsafeMutablePointer<PyTypeObject>
    /// The kind of the nearest static (non-heap) base, or of the type itself if static; or
    /// of the nearest base that is one of the `LoadedTypes` (some are heap types).
    var kind: WalkKind
    /// The type is a heap type other than one of the `LoadedTypes`: its instances get
    /// `__slots__`, attribute, `__dict__` and `__class__` edges before those of `kind`.
    var heap: Bool
    /// The type is exactly `list`, `tuple` or `dict`: listed directly, without `tp_traverse`.
    var exactContainer: Bool
    /// A class made by `class` statements all the way down to a base that traverses nothing
    /// (`object`, `int`, ...): its `tp_traverse` is `subtype_traverse` on every heap base,
    /// which reports exactly the `__slots__` members, inline attribute values, `__dict__` and
    /// the class, in that order. Its instances are listed directly from those fields, which
    /// skips the callback per referent and the matching of referents to expected labels.
    var plainInstance: Bool
    var label: LabelKind
    var flags: UInt32
    /// Instances may be traversed (GC type with a `tp_traverse`).
    var gc: Bool
    /// `tp_is_gc` must also agree, per object.
    var checkIsGC: Bool
    /// How `sys.getsizeof` is computed for instances.
    var sizeMode: SizeMode
    /// The C `__sizeof__` to call when `sizeMode` is `.call`.
    var sizeFunction: PyCFunction?
    var basicSize: Int
    var itemSize: Int
    /// The GC and managed-dict pre-header `sys.getsizeof` adds.
    var preheader: Int

    /// Classifies `type`.
    ///
    /// `sizeofName` is the interned str `"__sizeof__"`; `objectSizeof` is
    /// `object.__sizeof__`'s descriptor. `__sizeof__` is found with `_PyType_Lookup` (no
    /// descriptor is called) and used only if it is a C method taking no arguments; a
    /// Python-level `__sizeof__` is never called (the `object.__sizeof__` formula is used).
    init(
        _ type: UnsafeMutablePointer<PyTypeObject>,
        sizeofName: UnsafeMutablePointer<PyObject>,
        knownSizeof: KnownSizeof,
        subtypeTraverse: traverseproc?,
        loaded: LoadedTypes
    ) {
        self.type = type
        let t = type.pointee
        var loadedKind = loaded.kind(of: type)
        heap = rg_is_heap_type(type) != 0 && loadedKind == nil
        var base: UnsafeMutablePointer<PyTypeObject>? = type
        while let b = base, rg_is_heap_type(b) != 0 {
            base = b.pointee.tp_base
            if loadedKind == nil, let next = base { loadedKind = loaded.kind(of: next) }
        }
        let staticBase = base ?? type
        kind = loadedKind ?? Self.kind(of: staticBase)
        exactContainer = type == rg_ListType() || type == rg_TupleType() || type == rg_DictType()
        plainInstance = heap && Self.traversesLikeClassStatement(type, subtypeTraverse)
        label = Self.label(of: staticBase, exact: type)
        flags = Self.flags(of: type)
        gc = rg_type_is_gc(type) != 0 && t.tp_traverse != nil
        checkIsGC = t.tp_is_gc != nil
        basicSize = t.tp_basicsize
        itemSize = t.tp_itemsize
        preheader = rg_preheader_size(type)
        sizeFunction = nil
        sizeMode = .formula
        if let descriptor = _PyType_Lookup(type, sizeofName) {
            if descriptor == knownSizeof.object || descriptor == knownSizeof.bytes {
                sizeMode = .formula
            } else if descriptor == knownSizeof.str {
                sizeMode = .str
            } else if descriptor == knownSizeof.int {
                sizeMode = .int
            } else if descriptor == knownSizeof.list {
                sizeMode = .list
            } else if let function = rg_method_descr_noargs(descriptor) {
                sizeMode = .call
                sizeFunction = function
            }
        }
    }

    /// `subtype_traverse`, which CPython does not export: the `tp_traverse` of
    /// `importlib`'s `ModuleSpec`, a plain `class` statement in the frozen `_bootstrap`
    /// module every 3.11 interpreter loads. Read from the module's dict, no code runs.
    static func subtypeTraverse() -> traverseproc? {
        guard let bootstrap = LoadedModules.globals(of: "_frozen_importlib"),
            let spec = rg_dict_get_str(bootstrap, "ModuleSpec"), rg_is_type(spec) != 0
        else { return nil }
        let type = spec.withMemoryRebound(to: PyTypeObject.self, capacity: 1) { $0 }
        guard rg_is_heap_type(type) != 0 else { return nil }
        return type.pointee.tp_traverse
    }

    /// Every heap type from `type` down has `subtype_traverse`, and the first static base
    /// has no `tp_traverse` (so `subtype_traverse` calls no base traversal).
    private static func traversesLikeClassStatement(
        _ type: UnsafeMutablePointer<PyTypeObject>,
        _ subtypeTraverse: traverseproc?
    ) -> Bool {
        guard let subtypeTraverse else { return false }
        var base: UnsafeMutablePointer<PyTypeObject>? = type
        while let b = base, rg_is_heap_type(b) != 0 {
            guard let traverse = b.pointee.tp_traverse,
                unsafeBitCast(traverse, to: UInt.self) == unsafeBitCast(subtypeTraverse, to: UInt.self)
            else { return false }
            base = b.pointee.tp_base
        }
        guard let staticBase = base else { return false }
        return staticBase.pointee.tp_traverse == nil
    }

    private static func kind(of t: UnsafeMutablePointer<PyTypeObject>) -> WalkKind {
        switch Optional(t) {
        case rg_ListType(): return .list
        case rg_TupleType(): return .tuple
        case rg_DictType(): return .dict
        case rg_ODictType(): return .orderedDict
        case rg_FunctionType(): return .function
        case rg_MethodType(): return .method
        case rg_CFunctionType(), rg_CMethodType(): return .cfunction
        case rg_CellType(): return .cell
        case rg_ModuleType(): return .module
        case rg_TypeType(): return .typeObject
        case rg_FrameType(): return .frame
        case rg_ClassMethodType(), rg_StaticMethodType(): return .classmethod
        case rg_PropertyType(): return .property
        case rg_TracebackType(): return .traceback
        case rg_GenType(): return .generator
        case rg_CoroType(): return .coroutine
        case rg_AsyncGenType(): return .asyncGenerator
        case rg_CodeType(): return .code
        case rg_WeakrefRefType(), rg_WeakrefProxyType(), rg_WeakrefCallableProxyType(): return .weakref
        default:
            return PyType_IsSubtype(t, rg_BaseExceptionType()) != 0 ? .exception : .generic
        }
    }

    private static func label(
        of t: UnsafeMutablePointer<PyTypeObject>,
        exact: UnsafeMutablePointer<PyTypeObject>
    ) -> LabelKind {
        if exact == rg_BoolType() { return .bool }
        let flags = t.pointee.tp_flags
        if flags & UInt(Py_TPFLAGS_UNICODE_SUBCLASS) != 0 { return .str }
        if flags & UInt(Py_TPFLAGS_BYTES_SUBCLASS) != 0 { return .bytes }
        if flags & UInt(Py_TPFLAGS_LONG_SUBCLASS) != 0 { return .int }
        if flags & UInt(Py_TPFLAGS_LIST_SUBCLASS) != 0 { return .list }
        if flags & UInt(Py_TPFLAGS_TUPLE_SUBCLASS) != 0 { return .tuple }
        if flags & UInt(Py_TPFLAGS_DICT_SUBCLASS) != 0 { return .dict }
        if flags & UInt(Py_TPFLAGS_TYPE_SUBCLASS) != 0 { return .type }
        switch Optional(t) {
        case rg_FloatType(): return .float
        case rg_SetType(), rg_FrozenSetType(): return .set
        case rg_FunctionType(): return .function
        case rg_CFunctionType(), rg_CMethodType(): return .cfunction
        case rg_ModuleType(): return .module
        case rg_FrameType(): return .frame
        case rg_MethodType(): return .method
        case rg_CodeType(): return .code
        default: return .none
        }
    }

    private static func flags(of t: UnsafeMutablePointer<PyTypeObject>) -> UInt32 {
        var flags: ObjectFlags = []
        if PyType_IsSubtype(t, rg_ModuleType()) != 0 { flags.insert(.module) }
        if t == rg_FrameType() { flags.insert(.frame) }
        if PyType_IsSubtype(t, rg_TypeType()) != 0 { flags.insert(.typeObject) }
        if [rg_FunctionType(), rg_MethodType(), rg_CFunctionType(), rg_CMethodType(), rg_CodeType()].contains(
            Optional(t)
        ) {
            flags.insert(.function)
        }
        if PyType_IsSubtype(t, rg_WeakrefRefType()) != 0 || t == rg_WeakrefProxyType()
            || t == rg_WeakrefCallableProxyType()
        {
            flags.insert(.weakReference)
        }
        return flags.rawValue
    }
}
