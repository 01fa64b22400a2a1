import Foundation
import HeapGraph

/// Builds a snapshot of a CPython heap from its memory, read from outside: the objects in the
/// gc's lists of every generation (the permanent one included) and every object they refer
/// to, with the references of the types it decodes. An object of a type it cannot decode is
/// recorded with its type, size and refcount and flagged `referencesUnknown`: nothing is
/// guessed. Every read is checked; an object that cannot be read is skipped and counted.
public final class HeapReader {
    let runtime: PythonRuntime
    let memory: MemorySource
    /// `memory` when it is a copy, whose objects the walk prefetches a few ahead.
    let copy: MemoryCopy?
    let layout: CPythonLayout
    /// The layout's entries the walk reads for every object, looked up once.
    let offsets: ResolvedLayout
    // The walk's state: its helpers read and write each property one access at a time, never
    // across a call that reaches the same property, so the runtime's exclusivity checks (a
    // lookup per access, millions of them) are left out.
    /// Types read, in the order first seen (a type's `index`), their (module, name) and
    /// `__slots__` members (subclass first as subtype_traverse visits them: offset in the
    /// object, the id of `.name`), and the index of each by address.
    @exclusivity(unchecked) var typeList: [TypeRecord] = []
    @exclusivity(unchecked) var typeNames: [(module: String, name: String)] = []
    @exclusivity(unchecked) var typeSlots: [[(offset: Int, label: UInt32)]] = []
    @exclusivity(unchecked) var typeTable = AddressTable(minimumCapacity: 256)
    /// The type of the object read last (most objects follow one of the same type).
    @exclusivity(unchecked) var lastType = (address: UInt64(0), index: 0)
    /// The calibrated traverse tables the walk uses (`ObjectKind.fields` and the like).
    @exclusivity(unchecked) var fieldTables: [[TraverseField]] = []
    @exclusivity(unchecked) var stringCache: [UInt64: String] = [:]
    /// 3.11+: the interpreter frames of every thread's chain (running), and those of them that
    /// have no frame object (recorded at their own address).
    @exclusivity(unchecked) var runningFrames: Set<UInt64> = []
    @exclusivity(unchecked) var interpreterFrames: Set<UInt64> = []
    /// The names of each code object's local slots, read once.
    @exclusivity(unchecked) var localNameCache: [UInt64: [LocalName]] = [:]
    /// Types decoded by calibrated traverse tables, by address (see `knownKinds`).
    @exclusivity(unchecked) var resolvedKinds: [UInt64: ObjectKind]?
    /// Kinds of extension heap types known by `tp_name` and module (see `namedKind`).
    @exclusivity(unchecked) var namedKinds: [String: ObjectKind] = [:]
    @exclusivity(unchecked) var modulesByName: [String: UInt64]?
    /// The `tp_traverse` of classes made by a class statement (`subtype_traverse`), or 0.
    @exclusivity(unchecked) var subtypeTraverse: UInt64 = 0
    /// The snapshot being built: objects, references and every label's text.
    @exclusivity(unchecked) var columns = ReaderColumns(trackedObjects: 0)
    /// Labels made once (see HeapReader+Labels): `[i]` by index, `12 items` by count, a dict
    /// key's `['name']` by key object, a class's shared keys' `.name` by keys object, and the
    /// fixed ones.
    @exclusivity(unchecked) var indexLabels: [UInt32] = []
    @exclusivity(unchecked) var countLabels: [UInt32] = []
    @exclusivity(unchecked) var keyLabels = AddressTable(minimumCapacity: 1024)
    @exclusivity(unchecked) var sharedKeyLabelCache: [UInt64: [UInt32]] = [:]
    @exclusivity(unchecked) var fixed = FixedLabels()
    /// The fields of functions, cells, methods and code by kind (`plainFields`), and the set
    /// dummy's address, resolved once.
    @exclusivity(unchecked) var plainFieldTables: [[(offset: Int, label: UInt32)]?] = [nil, nil, nil, nil]
    @exclusivity(unchecked) var setDummyAddress: UInt64?
    /// When the walk gives up (`HeapReaderError.timedOut`), and whether it did.
    public var deadline = Date.distantFuture
    public private(set) var timedOut = false
    /// Objects that could not be read, by reason.
    public internal(set) var skipped: [String: Int] = [:]

    public init(runtime: PythonRuntime, memory: MemorySource) {
        self.runtime = runtime
        self.memory = memory
        self.copy = memory as? MemoryCopy
        self.layout = runtime.layout
        self.offsets = ResolvedLayout(runtime.layout, symbols: runtime.symbols)
        fixed = FixedLabels(&columns.strings)
    }

    deinit {
        columns.deallocate()
        typeTable.deallocate()
        keyLabels.deallocate()
    }

    var pointerSize: UInt64 { 8 }

    /// A pointer field of the object at `address`.
    func field(_ address: UInt64, _ name: String) throws(HeapReaderError) -> UInt64 {
        try memory.word(address &+ UInt64(layout[name]))
    }

    /// The built-in type of that symbol's name (`PyList_Type`), or 0 if not found.
    func builtin(_ symbol: String) -> UInt64 { runtime.symbols[symbol] ?? 0 }

    /// The main interpreter's state and every other interpreter's, newest first.
    func interpreters() throws(HeapReaderError) -> [UInt64] {
        var out: [UInt64] = []
        do throws(HeapReaderError) {
            var interp = try memory.word(runtime.runtimeAddress + UInt64(layout["_PyRuntimeState.interpreters.head"]))
            while interp != 0 && out.count < 1024 {
                out.append(interp)
                interp = try field(interp, "PyInterpreterState.next")
            }
        } catch {
            throw HeapReaderError(
                error.kind,
                "The interpreters of process \(runtime.pid) could not be listed (its memory is damaged, or was changing): \(error.message)"
            )
        }
        return out
    }

    /// The heads of the gc lists of one interpreter: every generation, then the permanent one.
    func generationHeads(interpreter: UInt64) -> [UInt64] {
        let state: UInt64
        if let offset = layout.optional("PyInterpreterState.gc") {
            state = interpreter &+ UInt64(offset)
        } else {
            state = runtime.runtimeAddress &+ UInt64(layout["_PyRuntimeState.gc"])
        }
        let size = UInt64(layout["sizeof(struct gc_generation)"])
        let first = state &+ UInt64(layout["_gc_runtime_state.generations"])
        var heads = (0..<UInt64(layout["NUM_GENERATIONS"])).map {
            first &+ $0 * size &+ UInt64(layout["gc_generation.head"])
        }
        heads.append(
            state &+ UInt64(layout["_gc_runtime_state.permanent_generation"]) &+ UInt64(layout["gc_generation.head"])
        )
        return heads
    }

    /// The objects of one gc list. A list caught changing, or damaged, does not lead back to
    /// its head: then it is read from both ends (its `_gc_prev` links lead back from the head
    /// to where it broke), the objects between the breaks are left to be found by reference,
    /// and the break is counted among the skipped.
    func gcList(head: UInt64, limit: Int = 1 << 28) throws(HeapReaderError) -> [UInt64] {
        let header = UInt64(layout["sizeof(PyGC_Head)"])
        let forward = try links(from: head, offset: UInt64(layout["PyGC_Head._gc_next"]), mask: ~7, limit: limit)
        guard !forward.complete else { return forward.nodes.map { $0 &+ header } }
        skipped["broken gc list, read from both ends", default: 0] += 1
        let passed = Set(forward.nodes)
        // _gc_prev keeps flags in its two low bits.
        let backward = try links(
            from: head,
            offset: UInt64(layout["PyGC_Head._gc_prev"]),
            mask: ~3,
            limit: limit - forward.nodes.count,
            stop: passed
        )
        return (forward.nodes + backward.nodes.reversed()).map { $0 &+ header }
    }

    /// The nodes of a circular list (gc lists, the lru_cache's links) met following the link
    /// at `offset` (its bits outside `mask` are flags) from `head`, until the head again
    /// (`complete`), or a node in `stop`, an unreadable or null link, `limit` nodes, or a loop
    /// that misses the head (found as Brent's method finds one: a node kept at every power of
    /// two of steps, met again).
    func links(
        from head: UInt64,
        offset: UInt64,
        mask: UInt64,
        limit: Int,
        stop: Set<UInt64>? = nil
    ) throws(HeapReaderError) -> (nodes: [UInt64], complete: Bool) {
        var nodes: [UInt64] = []
        var kept = head
        var span = 1
        var link = try? memory.word(head &+ offset)
        while let next = link.map({ $0 & mask }) {
            if next == head { return (nodes, true) }
            guard next != 0, next != kept, nodes.count < limit, stop?.contains(next) != true else { break }
            nodes.append(next)
            if nodes.count & 0xFFFF == 0 { try checkDeadline() }
            if nodes.count == span {
                kept = next
                span *= 2
            }
            link = try? memory.word(next &+ offset)
        }
        return (nodes, false)
    }

    /// The snapshot of the heap as it is now in `memory`.
    public func snapshot() throws(HeapReaderError) -> Snapshot {
        try withSnapshot { Snapshot(copying: $0) }
    }

    /// Reads the heap as it is now in `memory` and lends the snapshot to `body` as columns
    /// (the walk's own buffers, valid until `body` returns): a snapshot written straight to a
    /// file needs no copy of them. `started` is told the number of gc-tracked objects before
    /// the walk proper (to prepare what `body` will need). A reader reads one heap.
    public func withSnapshot<Result>(
        started: (Int) -> Void = { _ in },
        _ body: (SnapshotColumns) -> Result
    ) throws(HeapReaderError) -> Result {
        let startTime = Date()
        let interps = try interpreters()
        guard let main = interps.last else {
            throw HeapReaderError(
                .notPython,
                "Process \(runtime.pid) has no interpreter (not yet started, or finalizing)."
            )
        }
        var tracked: [UInt64] = []
        for interp in interps {
            for head in generationHeads(interpreter: interp) { tracked += try gcList(head: head) }
        }
        // Room for the gc's objects and the untracked ones they refer to, a few per object
        // (bounded: a damaged gc list must not make it reserve more than a large heap needs).
        guard columns.count == 0 else {
            throw HeapReaderError(.inconsistent, "A heap reader reads one heap; make another for another snapshot.")
        }
        columns.makeRoom(trackedObjects: min(tracked.count, 1 << 24))
        // Key labels grow with the heap (dicts made by json.loads have keys of their own):
        // sized up front, as each growth places every key again.
        keyLabels.deallocate()
        keyLabels = AddressTable(minimumCapacity: max(1024, min(tracked.count, 1 << 24) / 2))
        started(tracked.count)
        // The columns' first touches (page faults) are taken on the other core meanwhile.
        let prefaulter = WalkPrefaulter.start(columns.prefaultRanges(trackedObjects: min(tracked.count, 1 << 24)))
        defer { prefaulter?.finish() }
        for object in tracked { _ = columns.id(of: object) }
        let threads = threadTops(interpreters: interps)
        for thread in threads { _ = columns.id(of: thread.frame) }
        // Bounds of the interpreter frames' addresses, so that most objects are told apart
        // from them without a lookup in the set.
        let frameBounds = (low: interpreterFrames.min() ?? .max, high: interpreterFrames.max() ?? 0)
        var references: [(target: UInt64, label: UInt32)] = []
        references.reserveCapacity(1024)
        while true {
            if columns.readCount == columns.count {
                // Targets still queued may be objects not yet numbered.
                columns.resolveAll()
                if columns.readCount == columns.count { break }
            }
            // The clock is read every 4096 objects: an object is read in well under a microsecond.
            if columns.readCount & 0xFFF == 0 { try checkDeadline() }
            let address = columns.buffers.addresses[columns.readCount]
            // Objects are read in the order found, scattered over the heap: the next ones'
            // headers are loaded while this one is read.
            if let copy, columns.readCount + 8 < columns.count {
                copy.prefetch(columns.buffers.addresses[columns.readCount + 8])
            }
            references.removeAll(keepingCapacity: true)
            do throws(HeapReaderError) {
                if address >= frameBounds.low && address <= frameBounds.high && interpreterFrames.contains(address) {
                    try readInterpreterFrame(address, references: &references)
                } else {
                    try read(address, references: &references)
                }
            } catch {
                skipped["unreadable object", default: 0] += 1
                columns.addUnreadable()
            }
        }
        prefaulter?.finish()
        // A heap has objects: none read means the memory is not a heap (a damaged core).
        guard columns.readCount > columns.unreadable.count else {
            throw HeapReaderError(
                .inconsistent,
                "No object of process \(runtime.pid) could be read: its memory does not hold a readable heap."
            )
        }
        return try finish(main: main, threads: threads, started: startTime, body)
    }

    /// Throws `.timedOut` once `deadline` has passed.
    func checkDeadline() throws(HeapReaderError) {
        guard Date() >= deadline else { return }
        timedOut = true
        throw HeapReaderError(.timedOut, "The deadline passed.")
    }
}
