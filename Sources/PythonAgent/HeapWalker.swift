import CPython
import HeapGraph

/// The C-API heap walker: turns the live heap of the current interpreter into a `Snapshot`.
public enum HeapWalker {
    /// Who writes these snapshots (`SnapshotMetadata.capturedBy`).
    public static let capturedBy = "refgraph run (C-API walker) " + RefgraphVersion.current

    /// Walks the heap of the current interpreter. Must be called with the GIL held.
    ///
    /// Starts from `gc.get_objects()`, the objects `gc.freeze()` moved to the permanent
    /// generation (which `gc.get_objects()` leaves out) and every thread's frames, then
    /// follows `tp_traverse` from each object, adding the untracked objects reached (str, int, untracked dicts and
    /// tuples, ...) and traversing those that are containers. No Python code of the user's
    /// runs; the gc is disabled during the walk and its state restored; `gc.collect()` runs
    /// first only if `collectFirst`; the walker's own list, references and the frames of
    /// `refgraph_agent` are left out, and no reference is kept after it returns.
    ///
    /// - Complexity: O(objects + edges), expected.
    /// - Throws: `PythonAgentError` (`.capture`) if `gc.get_objects()` fails.
    public static func capture(collectFirst: Bool = false) throws -> Snapshot {
        try withCapture(collectFirst: collectFirst, started: { _ in }, { Snapshot(copying: $0) })
    }

    /// Walks the heap as `capture` does and lends the walk's own buffers to `body` as
    /// columns, valid until `body` returns: a capture written straight to a file needs no
    /// copy of them. `started` is called with the number of gc-tracked objects before the
    /// walk proper, to prepare what `body` will need. Must be called with the GIL held; `body`
    /// may release it meanwhile and must take it back before it returns.
    /// - Complexity: O(objects + edges), expected.
    /// - Throws: `PythonAgentError` (`.capture`) if `gc.get_objects()` fails, or what
    ///   `started` or `body` throws.
    static func withCapture<Result>(
        collectFirst: Bool,
        started: (Int) throws -> Void,
        _ body: (SnapshotColumns) throws -> Result
    ) throws -> Result {
        let start = Clock.seconds()
        let wallTime = Clock.wallSeconds()
        let wasEnabled = PyGC_IsEnabled() != 0
        let counts = CaptureMetadata.gcCounts()
        if collectFirst { _ = PyGC_Collect() }
        _ = PyGC_Disable()
        defer { if wasEnabled { _ = PyGC_Enable() } }
        var metadata = CaptureMetadata.read(
            time: wallTime,
            gcEnabled: wasEnabled,
            gcCounts: counts,
            collected: collectFirst
        )

        guard let sizeofName = PyUnicode_InternFromString("__sizeof__") else {
            PyErr_Clear()
            throw PythonAgentError(.capture, "The heap walk could not start: Python could not create a string.")
        }
        defer { Py_DECREF(sizeofName) }
        guard let list = getObjects() else {
            throw PythonAgentError(.capture, "The heap walk could not start: gc.get_objects() failed.")
        }
        let trackedCount = PyList_Size(list)
        let frozen = frozenObjects()
        do {
            try started(trackedCount + frozen.count)
        } catch {
            Py_DECREF(list)
            throw error
        }
        let walk = UnsafeMutablePointer<HeapWalk>.allocate(capacity: 1)
        walk.initialize(to: HeapWalk(expectedObjects: trackedCount + frozen.count, sizeofName: sizeofName))
        defer {
            walk.pointee.deallocate()
            walk.deinitialize(count: 1)
            walk.deallocate()
        }
        let prefaulter = WalkPrefaulter.start(walk.pointee.prefaultRanges(trackedObjects: trackedCount + frozen.count))
        defer { prefaulter?.finish() }
        if let items = rg_list_items(list) {
            for i in 0..<trackedCount {
                if i + 8 < trackedCount { walk.pointee.table.prefetch(UInt(bitPattern: items[i + 8])) }
                guard let item = items[i] else { continue }
                _ = walk.pointee.id(of: item)
            }
        }
        walk.pointee.trackedCount = walk.pointee.count
        for object in frozen { _ = walk.pointee.id(of: object) }

        let agentGlobals = agentModuleGlobals()
        let frames = ThreadFrames(agentGlobals: agentGlobals)
        let heldFrames = frames.held.map { Int(walk.pointee.id(of: $0)) }

        var i = 0
        while i < walk.pointee.count {
            if i + 4 < walk.pointee.count { rg_prefetch(walk.pointee.object(i + 4)) }
            process(walk, i)
            i += 1
        }
        PyErr_Clear()
        prefaulter?.finish()
        // The frame objects `ThreadFrames` materialized hold one reference each of ours.
        for id in heldFrames { walk.pointee.buffers.refcounts[id] -= Swift.min(walk.pointee.buffers.refcounts[id], 1) }

        let roots = findRoots(walk, frames: frames)
        frames.release()
        Py_DECREF(list)

        metadata.captureSeconds = Clock.seconds() - start
        return try body(columns(walk, metadata: metadata, roots: roots))
    }

    /// `gc.get_objects()`: a new list of every object the gc tracks (never itself).
    private static func getObjects() -> UnsafeMutablePointer<PyObject>? {
        guard let list = GCModule.call("get_objects") else { return nil }
        guard rg_is_list(list) != 0 else {
            Py_DECREF(list)
            return nil
        }
        return list
    }

    /// The objects `gc.freeze()` moved to the gc's permanent generation, which
    /// `gc.get_objects()` leaves out (borrowed: the gc is disabled and the GIL held while
    /// the walk uses them, and nothing is unfrozen meanwhile).
    /// - Complexity: O(frozen objects).
    private static func frozenObjects() -> [UnsafeMutablePointer<PyObject>] {
        let head = rg_gc_permanent_head()
        var objects: [UnsafeMutablePointer<PyObject>] = []
        var node = rg_gc_next(head)
        while let current = node, current != head {
            if let object = rg_gc_object(current) { objects.append(object) }
            node = rg_gc_next(current)
        }
        return objects
    }

    /// The globals of `refgraph_agent`, if it was imported: its frames are the agent's own.
    private static func agentModuleGlobals() -> UnsafeMutablePointer<PyObject>? {
        LoadedModules.globals(of: "refgraph_agent")
    }

    /// The walk's buffers as snapshot columns, with the type table made from its type records.
    private static func columns(
        _ w: UnsafeMutablePointer<HeapWalk>,
        metadata: SnapshotMetadata,
        roots: [Root]
    ) -> SnapshotColumns {
        var types: [TypeInfo] = []
        types.reserveCapacity(w.pointee.types.count)
        for record in w.pointee.types {
            let object = w.pointee.table.find(UInt(bitPattern: record.type)).map { ObjectID(rawValue: $0) }
            let (module, name) = typeNames(record.type)
            types.append(TypeInfo(module: module, name: name, object: object))
        }
        return w.pointee.buffers.snapshotColumns(
            metadata: metadata,
            strings: w.pointee.strings,
            types: types,
            roots: roots
        )
    }

    /// `(__module__, __qualname__)` of a type, read from its struct and its own dict: for a
    /// heap type `__module__` from `tp_dict` and `ht_qualname`; for a static type the parts
    /// of `tp_name` around its last dot (`builtins` when there is none).
    ///
    /// A heap type made from a C spec (`PyType_FromSpec`, as Cython makes its function type)
    /// may have a `__module__` in its dict that is not a str (the descriptor of its instances'
    /// own `__module__`); its `tp_name` then still says `module.Name`, and the module is read
    /// from there.
    static func typeNames(_ type: UnsafeMutablePointer<PyTypeObject>) -> (String, String) {
        let tpName = type.pointee.tp_name.map { String(cString: $0) } ?? "?"
        let dot = tpName.lastIndex(of: ".")
        if rg_is_heap_type(type) != 0 {
            var module = dot.map { String(tpName[..<$0]) } ?? "builtins"
            if let value = rg_dict_get_str(rg_type_dict(type), "__module__"), rg_is_str(value) != 0 {
                module = PythonString.swiftString(value) ?? module
            }
            let name =
                rg_heap_qualname(type).flatMap { rg_is_str($0) != 0 ? PythonString.swiftString($0) : nil } ?? tpName
            return (module, name)
        }
        guard let dot else { return ("builtins", tpName) }
        return (String(tpName[..<dot]), String(tpName[tpName.index(after: dot)...]))
    }
}
