import CProcessTrace
import HeapGraph

/// The snapshot as the walk builds it, in the file's own columns (as the C-API walker builds
/// its): objects numbered in the order found, each object's columns and edges appended when it
/// is read, so the edges come out grouped by source with no sort, and every label interned as
/// bytes. An object found but not readable keeps its number until `removeUnreadable()`.
///
/// Why not one record per object: a record with a `String` label and an array of references,
/// then a builder that interned every label again, was most of a million-object walk's time
/// (allocation, reference counting and page faults of the growing arrays; docs/benchmarks.md).
///
/// Call `deallocate()` when done.
struct ReaderColumns {
    /// The snapshot's columns: object addresses by id (found, read or not yet), and the
    /// objects read so far (ids `0..<readCount`) with their references.
    var buffers: CaptureBuffers
    /// Address → id.
    var table: AddressTable
    var strings: LabelInterner
    /// Ids of the objects that could not be read, ascending.
    var unreadable: [UInt32] = []
    /// References to address 0 or to one not a multiple of 8 (read from damaged memory), left out.
    var impossibleReferences = 0
    /// The targets of the last references added, not yet looked up.
    private var pending = ReferenceQueue()

    /// Empty columns with room for a heap of about `trackedObjects` gc-tracked objects (room
    /// reserved is only address space until it is written).
    init(trackedObjects: Int) {
        self.init(trackedObjects: trackedObjects, strings: LabelInterner(expectedStrings: trackedObjects))
    }

    /// Empty columns as `init(trackedObjects:)` makes them, keeping the strings interned so far.
    private init(trackedObjects: Int, strings: LabelInterner) {
        buffers = CaptureBuffers(trackedObjects: trackedObjects)
        // Most heaps hold two or three objects per gc-tracked one: the table then never grows
        // (a growth places every address again).
        table = AddressTable(minimumCapacity: trackedObjects * 4)
        self.strings = strings
    }

    /// Makes room for a heap of about `trackedObjects` gc-tracked objects, before any object is
    /// found; the strings interned so far keep their ids.
    mutating func makeRoom(trackedObjects: Int) {
        precondition(count == 0, "room is made before the walk")
        buffers.deallocate()
        table.deallocate()
        pending.deallocate()
        var strings = strings
        strings.reserve(expectedStrings: trackedObjects)
        self = ReaderColumns(trackedObjects: trackedObjects, strings: strings)
    }

    /// What `WalkPrefaulter` should fault in for a heap of `trackedObjects` gc-tracked objects:
    /// the address table, then the columns up to 2.5 objects and 4 references per tracked
    /// object (the bench heap has 3.0 and 4.5: a little under, so that the helper rarely
    /// touches memory the walk will not use).
    func prefaultRanges(trackedObjects: Int) -> [(address: UInt, bytes: Int)] {
        [table.storage] + buffers.storage(objects: trackedObjects * 5 / 2, references: trackedObjects * 4)
    }

    func deallocate() {
        buffers.deallocate()
        table.deallocate()
        strings.deallocate()
        pending.deallocate()
    }

    /// Objects found.
    var count: Int { buffers.addresses.count }
    /// Objects read (or found unreadable): the next id to read is this.
    var readCount: Int { buffers.objectTypes.count }

    /// The id of the object at `address`, numbered (to be read later) if it is new.
    @inline(__always)
    mutating func id(of address: UInt64) -> UInt32 {
        let (id, inserted) = table.findOrInsert(UInt(address), UInt32(truncatingIfNeeded: buffers.addresses.count))
        if inserted { buffers.addresses.append(address) }
        return id
    }

    /// The id of the object at `address` if it was found.
    func existingID(of address: UInt64) -> UInt32? {
        address == 0 ? nil : table.find(UInt(address))
    }

    /// Records the next object read, and its references by address, in order.
    ///
    /// A reference's target is looked up (and numbered, if new) `ReferenceQueue.delay`
    /// references later, its table slot prefetched meanwhile: each lookup is a random probe of
    /// a table larger than any cache, and most objects have too few references to hide one
    /// behind the next. Targets are numbered in the same order either way; `resolveAll()`
    /// looks up the rest, and `count` is final only after it.
    mutating func addObject(
        type: UInt32,
        size: UInt64,
        refcount: UInt64,
        label: UInt32,
        flags: UInt32,
        references: [(target: UInt64, label: UInt32)]
    ) {
        buffers.objectTypes.append(type)
        buffers.sizes.append(size)
        buffers.refcounts.append(refcount)
        buffers.labels.append(label)
        buffers.flags.append(flags)
        references.withUnsafeBufferPointer { references in
            for reference in references {
                // Address 0 marks an empty slot of the table, and no object lives there, nor
                // at an address not a multiple of 8 (damaged memory, or a change under the read).
                guard reference.target != 0 && reference.target & 7 == 0 else {
                    impossibleReferences += 1
                    continue
                }
                if pending.isFull { resolveOldest() }
                rg_reader_prefetch(table.slotAddress(UInt(reference.target)))
                pending.push(reference.target)
                buffers.edgeTargets.append(0)
                buffers.edgeLabels.append(reference.label)
            }
        }
        buffers.edgeOffsets.append(UInt32(truncatingIfNeeded: buffers.edgeTargets.count))
    }

    /// Looks up the oldest reference not yet looked up.
    @inline(__always)
    private mutating func resolveOldest() {
        let edge = buffers.edgeTargets.count - pending.count
        buffers.edgeTargets[edge] = id(of: pending.pop())
    }

    /// Looks up every reference not yet looked up: then every object referred to is numbered.
    mutating func resolveAll() {
        while !pending.isEmpty { resolveOldest() }
    }

    /// Records that the next object could not be read: it keeps its id, with no references,
    /// until `removeUnreadable()`.
    mutating func addUnreadable() {
        unreadable.append(UInt32(truncatingIfNeeded: readCount))
        addObject(type: 0, size: 0, refcount: 0, label: 0, flags: 0, references: [])
    }

    /// Removes the objects that could not be read, numbering the others again in order, and
    /// the references to them; returns how many references were removed.
    /// - Complexity: O(objects + edges) when any was unreadable, else O(1).
    mutating func removeUnreadable() -> Int {
        guard !unreadable.isEmpty else { return 0 }
        let n = readCount
        var newID = [UInt32](repeating: 0, count: n)
        var next: UInt32 = 0
        var u = 0
        for i in 0..<n {
            if u < unreadable.count && unreadable[u] == UInt32(i) {
                newID[i] = .max
                u += 1
            } else {
                newID[i] = next
                next += 1
            }
        }
        var dropped = 0
        var edge = 0
        var start = Int(buffers.edgeOffsets[0])
        for i in 0..<n {
            let end = Int(buffers.edgeOffsets[i + 1])
            let keep = newID[i] != .max
            if keep {
                let j = Int(newID[i])
                buffers.addresses[j] = buffers.addresses[i]
                buffers.objectTypes[j] = buffers.objectTypes[i]
                buffers.sizes[j] = buffers.sizes[i]
                buffers.refcounts[j] = buffers.refcounts[i]
                buffers.labels[j] = buffers.labels[i]
                buffers.flags[j] = buffers.flags[i]
                buffers.edgeOffsets[j] = UInt32(edge)
            }
            for e in start..<end {
                let target = newID[Int(buffers.edgeTargets[e])]
                if target == .max {
                    dropped += 1
                    continue
                }
                buffers.edgeTargets[edge] = target
                buffers.edgeLabels[edge] = buffers.edgeLabels[e]
                edge += 1
            }
            start = end
        }
        let kept = Int(next)
        buffers.edgeOffsets[kept] = UInt32(edge)
        buffers.addresses.removeLast(from: kept)
        buffers.objectTypes.removeLast(from: kept)
        buffers.labels.removeLast(from: kept)
        buffers.flags.removeLast(from: kept)
        buffers.sizes.removeLast(from: kept)
        buffers.refcounts.removeLast(from: kept)
        buffers.edgeOffsets.removeLast(from: kept + 1)
        buffers.edgeTargets.removeLast(from: edge)
        buffers.edgeLabels.removeLast(from: edge)
        unreadable = []
        table.deallocate()
        table = AddressTable(minimumCapacity: kept)
        for i in 0..<kept { _ = table.findOrInsert(UInt(buffers.addresses[i]), UInt32(i)) }
        return dropped
    }
}

/// The targets of the references added last, oldest first: a ring of `delay` addresses.
struct ReferenceQueue {
    /// How many references a lookup waits for its prefetched slot: enough for the load to
    /// arrive, few enough that the slots are still in the cache.
    static let delay = 32
    private let slots = UnsafeMutablePointer<UInt64>.allocate(capacity: delay)
    private var head = 0
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }
    var isFull: Bool { count == Self.delay }

    @inline(__always)
    mutating func push(_ address: UInt64) {
        slots[(head + count) & (Self.delay - 1)] = address
        count += 1
    }

    @inline(__always)
    mutating func pop() -> UInt64 {
        let address = slots[head]
        head = (head + 1) & (Self.delay - 1)
        count -= 1
        return address
    }

    func deallocate() { slots.deallocate() }
}
