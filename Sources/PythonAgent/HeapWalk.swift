import CPython
import HeapGraph

/// The state of one heap walk: the objects found so far (numbered in the order found), their
/// data in parallel arrays, edges in CSR order, and the label caches.
///
/// Objects are processed in id order and each object's edges are appended when it is
/// processed, so the edges come out grouped by source with no sort. Helpers here never call
/// back into `tp_traverse`; the driver (`HeapWalker+Walk.swift`) does, through a pointer to
/// this state, so no Swift access overlaps the C callback.
///
/// The columns are `WalkBuffer`s (one append per object or edge each, the walk's most frequent
/// operation), copied into the snapshot's arrays once at the end: that copy costs a few
/// instructions per object, the `Array` appends it replaces about seventy.
struct HeapWalk {
    /// The snapshot's columns: object addresses by id, each object's data and its edges.
    var buffers: CaptureBuffers
    var table: AddressTable
    /// Objects that were in `gc.get_objects()` (ids `0..<trackedCount`). The walker's list
    /// holds one reference to each, subtracted from their recorded refcounts.
    var trackedCount = 0

    /// Labels expected for the current object's referents, matched by pointer in order.
    var expectedPointers = WalkBuffer<UInt>(capacity: 256)
    var expectedLabels = WalkBuffer<UInt32>(capacity: 256)
    var cursor = 0
    /// Referents reported by the current `tp_traverse` call, not yet added.
    var visitedPointers = WalkBuffer<UInt>(capacity: 256)

    var strings: LabelInterner
    var fixed: FixedLabels
    var indexLabels: [UInt32] = []
    var countLabels: [UInt32] = []
    /// (key object address | format) → label id.
    var keyLabels: AddressTable
    /// The shared keys whose attribute labels `attributeLabels` holds, by entry index
    /// (`UInt32.max`: not made yet).
    var attributeKeys: UnsafeMutablePointer<PyDictKeysObject>?
    var attributeLabels = WalkBuffer<UInt32>(capacity: 64)

    var types: [TypeRecord] = []
    var typeTable: AddressTable
    var lastType: UnsafeMutablePointer<PyTypeObject>?
    var lastRecord = 0
    let sizeofName: UnsafeMutablePointer<PyObject>
    let knownSizeof: KnownSizeof
    /// `tp_traverse` of classes made by a `class` statement (`subtype_traverse`).
    let subtypeTraverse: traverseproc?
    /// The extension types of loaded modules whose references have names.
    let loaded: LoadedTypes

    /// What `WalkPrefaulter` should fault in for a heap of `trackedObjects` gc-tracked
    /// objects: the address table, then the columns up to 1.75 objects and 3.75 references
    /// per tracked object (the bench heap has 1.98 and 4.32; a little under, so that the
    /// helper rarely touches memory the walk will not use).
    func prefaultRanges(trackedObjects: Int) -> [(address: UInt, bytes: Int)] {
        [table.storage] + buffers.storage(objects: trackedObjects * 7 / 4, references: trackedObjects * 15 / 4)
    }

    init(expectedObjects: Int, sizeofName: UnsafeMutablePointer<PyObject>) {
        buffers = CaptureBuffers(trackedObjects: expectedObjects)
        table = AddressTable(minimumCapacity: expectedObjects * 2)
        // Key labels and short labels grow with the heap (a dict keyed by ids or numbers has
        // one per entry); sized for that up front, as growing rehashes everything so far.
        keyLabels = AddressTable(minimumCapacity: Swift.max(1024, expectedObjects / 2))
        strings = LabelInterner(expectedStrings: expectedObjects / 2)
        typeTable = AddressTable(minimumCapacity: 256)
        self.sizeofName = sizeofName
        knownSizeof = KnownSizeof(sizeofName)
        subtypeTraverse = TypeRecord.subtypeTraverse()
        fixed = FixedLabels(&strings)
        loaded = LoadedTypes(fixed)
    }

    func deallocate() {
        buffers.deallocate()
        table.deallocate()
        keyLabels.deallocate()
        typeTable.deallocate()
        strings.deallocate()
        expectedPointers.deallocate()
        expectedLabels.deallocate()
        visitedPointers.deallocate()
        attributeLabels.deallocate()
    }

    var count: Int { buffers.addresses.count }

    /// The object with this id.
    @inline(__always)
    func object(_ id: Int) -> UnsafeMutablePointer<PyObject> {
        UnsafeMutablePointer(bitPattern: UInt(buffers.addresses[id])).unsafelyUnwrapped
    }

    /// The id of `object`, adding it (unprocessed) if it is new.
    @inline(__always)
    mutating func id(of object: UnsafeMutablePointer<PyObject>) -> UInt32 {
        let address = UInt(bitPattern: object)
        let (id, inserted) = table.findOrInsert(address, UInt32(truncatingIfNeeded: buffers.addresses.count))
        if inserted { buffers.addresses.append(UInt64(address)) }
        return id
    }

    /// Adds an edge from the object being processed.
    @inline(__always)
    mutating func addEdge(_ target: UnsafeMutablePointer<PyObject>, _ label: UInt32) {
        buffers.edgeTargets.append(id(of: target))
        buffers.edgeLabels.append(label)
    }

    @inline(__always)
    mutating func addEdge(_ target: UnsafeMutablePointer<PyObject>?, _ label: UInt32) {
        if let target { addEdge(target, label) }
    }

    /// A referent reported by `tp_traverse`, queued until the traversal ends so that its
    /// hash-table lookup can be prefetched (`addVisited()`).
    @inline(__always)
    mutating func visited(_ target: UnsafeMutablePointer<PyObject>) {
        visitedPointers.append(UInt(bitPattern: target))
    }

    /// Adds the queued referents as edges, each labelled by the first expected pair (from the
    /// cursor on, within a short window) whose pointer is the referent, else unlabelled.
    mutating func addVisited() {
        let n = visitedPointers.count
        let ahead = 8
        for i in 0..<Swift.min(n, ahead) { table.prefetch(visitedPointers[i]) }
        for i in 0..<n {
            if i + ahead < n { table.prefetch(visitedPointers[i + ahead]) }
            let address = visitedPointers[i]
            var label: UInt32 = 0
            var j = cursor
            let end = Swift.min(expectedPointers.count, cursor + 64)
            while j < end {
                if expectedPointers[j] == address {
                    label = expectedLabels[j]
                    cursor = j + 1
                    break
                }
                j += 1
            }
            let target: UnsafeMutablePointer<PyObject> = UnsafeMutablePointer(bitPattern: address).unsafelyUnwrapped
            addEdge(target, label)
        }
        visitedPointers.removeAll()
    }

    @inline(__always)
    mutating func expect(_ pointer: UnsafeMutablePointer<PyObject>?, _ label: UInt32) {
        guard let pointer else { return }
        expectedPointers.append(UInt(bitPattern: pointer))
        expectedLabels.append(label)
    }

    @inline(__always)
    mutating func clearExpected() {
        expectedPointers.removeAll()
        expectedLabels.removeAll()
        cursor = 0
    }

    /// The record of `type`, classifying it on first sight.
    @inline(__always)
    mutating func record(_ type: UnsafeMutablePointer<PyTypeObject>) -> Int {
        if type == lastType { return lastRecord }
        let (index, inserted) = typeTable.findOrInsert(UInt(bitPattern: type), UInt32(types.count))
        if inserted {
            types.append(
                TypeRecord(
                    type,
                    sizeofName: sizeofName,
                    knownSizeof: knownSizeof,
                    subtypeTraverse: subtypeTraverse,
                    loaded: loaded
                )
            )
        }
        lastType = type
        lastRecord = Int(index)
        return lastRecord
    }
}

/// Label ids of the fixed edge names, interned once per walk.
struct FixedLabels {
    let dict, cls, selfRef, fn, closure, globals, code, defaults, kwdefaults, module, name,
        qualname, doc, annotations, builtins, cellContents, fBack, fCode, fLocals, fTrace,
        giFrame, giCode, crFrame, crCode, agFrame, agCode, mro, bases, base, slots, args,
        traceback, context, cause, notes, tbNext, tbFrame, fget, fset, fdel, key, nodeKey, coConsts,
        coNames, coFilename, coName, coQualname, coLocalsplusnames, coLinetable,
        coExceptiontable, callback, defaultFactory, wrapped, cache, loop, result, exception,
        sourceTraceback, coro, futWaiter: UInt32

    init(_ s: inout LabelInterner) {
        dict = s.intern(".__dict__")
        cls = s.intern(".__class__")
        selfRef = s.intern(".__self__")
        fn = s.intern(".__func__")
        closure = s.intern(".__closure__")
        globals = s.intern(".__globals__")
        code = s.intern(".__code__")
        defaults = s.intern(".__defaults__")
        kwdefaults = s.intern(".__kwdefaults__")
        module = s.intern(".__module__")
        name = s.intern(".__name__")
        qualname = s.intern(".__qualname__")
        doc = s.intern(".__doc__")
        annotations = s.intern(".__annotations__")
        builtins = s.intern(".__builtins__")
        cellContents = s.intern(".cell_contents")
        fBack = s.intern(".f_back")
        fCode = s.intern(".f_code")
        fLocals = s.intern(".f_locals")
        fTrace = s.intern(".f_trace")
        giFrame = s.intern(".gi_frame")
        giCode = s.intern(".gi_code")
        crFrame = s.intern(".cr_frame")
        crCode = s.intern(".cr_code")
        agFrame = s.intern(".ag_frame")
        agCode = s.intern(".ag_code")
        mro = s.intern(".__mro__")
        bases = s.intern(".__bases__")
        base = s.intern(".__base__")
        slots = s.intern(".__slots__")
        args = s.intern(".args")
        traceback = s.intern(".__traceback__")
        context = s.intern(".__context__")
        cause = s.intern(".__cause__")
        notes = s.intern(".__notes__")
        tbNext = s.intern(".tb_next")
        tbFrame = s.intern(".tb_frame")
        fget = s.intern(".fget")
        fset = s.intern(".fset")
        fdel = s.intern(".fdel")
        key = s.intern("<key>")
        nodeKey = s.intern("<node key>")
        coConsts = s.intern(".co_consts")
        coNames = s.intern(".co_names")
        coFilename = s.intern(".co_filename")
        coName = s.intern(".co_name")
        coQualname = s.intern(".co_qualname")
        coLocalsplusnames = s.intern(".co_localsplusnames")
        coLinetable = s.intern(".co_linetable")
        coExceptiontable = s.intern(".co_exceptiontable")
        callback = s.intern(".__callback__")
        defaultFactory = s.intern(".default_factory")
        wrapped = s.intern(".__wrapped__")
        cache = s.intern("<cache>")
        loop = s.intern("._loop")
        result = s.intern("._result")
        exception = s.intern("._exception")
        sourceTraceback = s.intern("._source_traceback")
        coro = s.intern("._coro")
        futWaiter = s.intern("._fut_waiter")
    }
}
