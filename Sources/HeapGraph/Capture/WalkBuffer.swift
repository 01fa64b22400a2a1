/// A growable array of plain values (integers, pointers) on one malloc'd block, for the heap
/// walk's hot appends.
///
/// Why not `Array`: the walk state is reached through a pointer (so `tp_traverse`'s C
/// callback can share it), and through a pointer the compiler cannot prove an array's buffer
/// is unique, so every `append` called `swift_isUniquelyReferenced` and every
/// `removeAll(keepingCapacity:)` went through the generic `replaceSubrange`. Profiled with
/// callgrind, those paths cost more instructions than the label and edge work they served.
/// Here an append is a capacity compare and a store; growth doubles into a new block.
///
/// Blocks of 2 MiB and more are advised into huge pages (`HugePages`): otherwise the page
/// faults of a large capture's columns take more of its time than its CPU work (figures in
/// docs/benchmarks.md, "Measurements behind the code").
///
/// `Element` must be trivial (no references, no deinit): memory is copied bytewise and never
/// deinitialized. Call `deallocate()` when done.
public struct WalkBuffer<Element: BitwiseCopyable> {
    @usableFromInline var storage: UnsafeMutablePointer<Element>
    @usableFromInline var used = 0
    @usableFromInline var room: Int

    /// The first element's address (valid until the next growth).
    @inlinable public var base: UnsafeMutablePointer<Element> { storage }
    /// The number of elements.
    @inlinable public var count: Int { used }
    /// The number of elements that fit before the next growth.
    @inlinable public var capacity: Int { room }

    public init(capacity: Int = 16) {
        room = Swift.max(capacity, 16)
        storage = .allocate(capacity: room)
        HugePages.advise(storage, bytes: room * MemoryLayout<Element>.stride)
    }

    public func deallocate() { base.deallocate() }

    @inlinable public var isEmpty: Bool { count == 0 }

    @inlinable @inline(__always)
    public subscript(_ i: Int) -> Element {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }

    @inlinable @inline(__always)
    public mutating func append(_ value: Element) {
        if count == capacity { grow(to: count + 1) }
        base[count] = value
        used += 1
    }

    @inlinable @inline(__always)
    public mutating func append(contentsOf values: UnsafeBufferPointer<Element>) {
        guard let source = values.baseAddress else { return }
        if count + values.count > capacity { grow(to: count + values.count) }
        UnsafeMutableRawPointer(base + count).copyMemory(
            from: source,
            byteCount: values.count * MemoryLayout<Element>.stride
        )
        used += values.count
    }

    /// Makes room for `extra` more elements, to be written at `base + count` and then
    /// counted with `extend(by:)`.
    @inlinable @inline(__always)
    public mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    /// Counts `extra` elements written after the last one (room made by `reserve`).
    @inlinable @inline(__always)
    public mutating func extend(by extra: Int) {
        precondition(count + extra <= capacity)
        used += extra
    }

    /// Forgets every element, keeping the memory.
    @inlinable @inline(__always)
    public mutating func removeAll() { used = 0 }

    /// Forgets the elements from `newCount` on.
    @inlinable @inline(__always)
    public mutating func removeLast(from newCount: Int) {
        precondition(newCount >= 0 && newCount <= count)
        used = newCount
    }

    /// The address and byte count of the first `elements` places (at most the capacity),
    /// for `WalkPrefaulter`.
    public func storage(upTo elements: Int) -> (address: UInt, bytes: Int) {
        (UInt(bitPattern: base), Swift.min(elements, capacity) * MemoryLayout<Element>.stride)
    }

    /// The elements as a buffer, valid until the next append.
    @inlinable public var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    /// A Swift array holding a copy of the elements.
    /// - Complexity: O(count), one bulk copy.
    public func array() -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { target, initialized in
            // copyMemory is one memcpy; initialize(from:count:) compiled to a loop per element.
            if let address = target.baseAddress {
                UnsafeMutableRawPointer(address).copyMemory(from: base, byteCount: count * MemoryLayout<Element>.stride)
            }
            initialized = count
        }
    }

    @usableFromInline @inline(never)
    mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        HugePages.advise(newBase, bytes: newCapacity * MemoryLayout<Element>.stride)
        UnsafeMutableRawPointer(newBase).copyMemory(from: base, byteCount: count * MemoryLayout<Element>.stride)
        base.deallocate()
        storage = newBase
        room = newCapacity
    }
}
