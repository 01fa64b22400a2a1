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
    let layout: CPythonLayout
    /// The layout's entries the walk reads for every object, looked up once.
    let offsets: ResolvedLayout
    var types: [UInt64: TypeRecord] = [:]
    var stringCache: [UInt64: String] = [:]
    /// 3.11+: the interpreter frames of every thread's chain (running), and those of them that
    /// have no frame object (recorded at their own address).
    var runningFrames: Set<UInt64> = []
    var interpreterFrames: Set<UInt64> = []
    /// The names of each code object's local slots, read once.
    var localNameCache: [UInt64: [LocalName]] = [:]
    /// Types decoded by calibrated traverse tables, by address (see `knownKinds`).
    var resolvedKinds: [UInt64: ObjectKind]?
    /// Kinds of extension heap types known by `tp_name` and module (see `namedKind`).
    var namedKinds: [String: ObjectKind] = [:]
    var modulesByName: [String: UInt64]?
    /// The `tp_traverse` of classes made by a class statement (`subtype_traverse`), or 0.
    var subtypeTraverse: UInt64 = 0
    /// Labels made once: `[i]` by index, a dict key's `['name']` by key, a class's shared keys'
    /// `.name` by keys object (see HeapReader+Labels).
    var indexLabels: [String] = []
    var keyLabels: [UInt64: String] = [:]
    var sharedKeyLabelCache: [UInt64: [String]] = [:]
    /// Objects that could not be read, by reason.
    public internal(set) var skipped: [String: Int] = [:]

    public init(runtime: PythonRuntime, memory: MemorySource) {
        self.runtime = runtime
        self.memory = memory
        self.layout = runtime.layout
        self.offsets = ResolvedLayout(runtime.layout, symbols: runtime.symbols)
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
        var interp = try memory.word(runtime.runtimeAddress + UInt64(layout["_PyRuntimeState.interpreters.head"]))
        while interp != 0 && out.count < 1024 {
            out.append(interp)
            interp = try field(interp, "PyInterpreterState.next")
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

    /// The objects of one gc list, in list order. A list that does not come back to its head
    /// within `limit` steps, or comes back to a node it passed, was caught changing (or is
    /// damaged): an error. A loop that misses the head is found as Brent's method finds one:
    /// a node kept at every power of two of steps, met again.
    func gcList(head: UInt64, limit: Int = 1 << 28) throws(HeapReaderError) -> [UInt64] {
        let header = UInt64(layout["sizeof(PyGC_Head)"])
        let nextOffset = UInt64(layout["PyGC_Head._gc_next"])
        var out: [UInt64] = []
        var kept = head
        var span = 1
        var node = try memory.word(head &+ nextOffset) & ~7
        while node != head {
            guard node != 0, out.count < limit, node != kept else {
                throw HeapReaderError(
                    .inconsistent,
                    "A gc list of process \(runtime.pid) does not lead back to its head."
                )
            }
            out.append(node &+ header)
            if out.count == span {
                kept = node
                span *= 2
            }
            node = try memory.word(node &+ nextOffset) & ~7
        }
        return out
    }

    /// The snapshot of the heap as it is now in `memory`.
    public func snapshot() throws(HeapReaderError) -> Snapshot {
        let started = Date()
        var queue: [UInt64] = []
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
        // What the walk expects to find, to reserve room for (bounded: a damaged gc list
        // must not make it reserve more than a large heap needs).
        let expected = min(tracked.count * 4, 1 << 26)
        // Every object found, by address: its position in `queue` (room for the gc's objects
        // and the untracked ones they refer to, a few per object).
        var index = AddressIndex(minimumCapacity: expected)
        /// The position of `address` in the queue, queued now if it is new.
        func position(of address: UInt64) -> Int {
            if let known = index[address] { return known }
            index[address] = queue.count
            queue.append(address)
            return queue.count - 1
        }
        for object in tracked { _ = position(of: object) }
        let threads = threadTops(interpreters: interps)
        for thread in threads { _ = position(of: thread.frame) }
        // Room reserved up front is only address space until it is used: the arrays are not
        // copied as they grow.
        var walk = WalkResult(expectedObjects: expected)
        while walk.recordOfPosition.count < queue.count {
            let address = queue[walk.recordOfPosition.count]
            let read = interpreterFrames.contains(address) ? try? interpreterFrameRecord(address) : try? decode(address)
            guard var record = read else {
                skipped["unreadable object", default: 0] += 1
                walk.recordOfPosition.append(-1)
                continue
            }
            walk.recordOfPosition.append(walk.records.count)
            for reference in record.references {
                walk.edges.append((walk.records.count, position(of: reference.target), reference.label))
            }
            record.references = []
            walk.records.append(record)
        }
        walk.index = index
        return try build(walk, main: main, threads: threads, started: started)
    }
}
