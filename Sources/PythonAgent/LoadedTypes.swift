import CPython

/// C types of extension modules whose references have names (the standalone agent's
/// `_LOADED_KINDS`), found in their modules' dicts at walk start: a type whose module is not
/// loaded has no instances. Borrowed: their modules hold them, and no code runs in the walk.
struct LoadedTypes {
    /// A C getter of a future's field, and the label of what it returns.
    struct Field {
        let get: getter
        let closure: UnsafeMutableRawPointer?
        let label: UInt32
    }

    var deque, defaultdict, lruCache, future, task: UnsafeMutablePointer<PyTypeObject>?
    /// `deque`'s own `tp_iter` (never a subclass's `__iter__`).
    var dequeIter: getiterfunc?
    /// The `default_factory` member of `defaultdict`.
    var defaultFactory: UnsafeMutablePointer<PyMemberDef>?
    /// The fields of a `Future` and of a `Task`, in their `tp_traverse`'s order.
    var futureFields: [Field] = [], taskFields: [Field] = []

    init(_ fixed: FixedLabels) {
        deque = Self.type("_collections", "deque")
        defaultdict = Self.type("_collections", "defaultdict")
        lruCache = Self.type("_functools", "_lru_cache_wrapper")
        future = Self.type("_asyncio", "Future")
        task = Self.type("_asyncio", "Task")
        dequeIter = deque?.pointee.tp_iter
        var member = defaultdict?.pointee.tp_members
        while let m = member, let name = m.pointee.name {
            if strcmp(name, "default_factory") == 0 {
                defaultFactory = m
                break
            }
            member = m + 1
        }
        let common = [
            ("_loop", fixed.loop), ("_result", fixed.result), ("_exception", fixed.exception),
            ("_source_traceback", fixed.sourceTraceback),
        ]
        futureFields = Self.fields(future, common)
        // `TaskObj_traverse` lists the coroutine and the awaited future before the rest.
        taskFields = Self.fields(task, [("_coro", fixed.coro), ("_fut_waiter", fixed.futWaiter)] + common)
    }

    /// The kind of the instances of `type` itself, if it is one of these types.
    func kind(of type: UnsafeMutablePointer<PyTypeObject>) -> WalkKind? {
        switch Optional(type) {
        case deque: return .deque
        case defaultdict: return .defaultdict
        case lruCache: return .lruCache
        case future: return .future
        case task: return .task
        default: return nil
        }
    }

    /// `module.name` if the module is loaded and the value is a type.
    private static func type(_ module: String, _ name: String) -> UnsafeMutablePointer<PyTypeObject>? {
        guard let globals = LoadedModules.globals(of: module), let value = rg_dict_get_str(globals, name),
            rg_is_type(value) != 0
        else { return nil }
        return value.withMemoryRebound(to: PyTypeObject.self, capacity: 1) { $0 }
    }

    /// The C getters of `type`'s getset entries named `names`, in that order.
    private static func fields(_ type: UnsafeMutablePointer<PyTypeObject>?, _ names: [(String, UInt32)]) -> [Field] {
        var fields: [Field] = []
        for (name, label) in names {
            var entry = type?.pointee.tp_getset
            while let e = entry, let entryName = e.pointee.name {
                if String(cString: entryName) == name, let get = e.pointee.get {
                    fields.append(Field(get: get, closure: e.pointee.closure, label: label))
                    break
                }
                entry = e + 1
            }
        }
        return fields
    }
}
