extension HeapReader {
    /// The references a calibrated traverse table lists: each non-NULL field, and for the field
    /// at offset -1 the 3.11+ dict (or its values) kept before the object. Labels are given as the
    /// agent gives them, by identity: each reference takes the first unused label whose getter
    /// returns that object (None for a NULL field), so a None in an unnamed field may take the
    /// name of a NULL one.
    func fieldReferences(
        _ address: UInt64,
        _ fields: [TraverseField],
        type: TypeRecord,
        into out: inout [(target: UInt64, label: UInt32)]
    ) throws(HeapReaderError) {
        var found: [(target: UInt64, label: UInt32)] = []
        var expected: [(value: UInt64, label: UInt32)] = []
        let none = builtin("_Py_NoneStruct")
        for field in fields {
            if field.offset < 0 {
                var managed: [(target: UInt64, label: UInt32)] = []
                try managedDictReferences(address, type: type, into: &managed)
                for (target, _) in managed { found.append((target, 0)) }
                continue
            }
            let value = try memory.word(address &+ UInt64(field.offset))
            if value != 0 { found.append((value, 0)) }
            if !field.label.isEmpty { expected.append((value == 0 ? none : value, label(field.label))) }
        }
        // The agent asks a future's getters in this order, whatever the fields' offsets.
        let order = ["._loop", "._result", "._exception", "._source_traceback", "._coro", "._fut_waiter"].map(label)
        expected = expected.enumerated().sorted {
            (order.firstIndex(of: $0.element.label) ?? $0.offset)
                < (order.firstIndex(of: $1.element.label) ?? $1.offset)
        }.map(\.element)
        out += Self.nameByIdentity(found, expected: expected)
    }

    /// References named as the agent's `_match` names them: each takes the first unused label
    /// expected for the same object.
    static func nameByIdentity(
        _ references: [(target: UInt64, label: UInt32)],
        expected: [(value: UInt64, label: UInt32)]
    ) -> [(target: UInt64, label: UInt32)] {
        var queues: [UInt64: [UInt32]] = [:]
        for (value, label) in expected { queues[value, default: []].append(label) }
        var out = references
        for i in out.indices {
            if var queue = queues[out[i].target], !queue.isEmpty {
                out[i].label = queue.removeFirst()
                queues[out[i].target] = queue
            }
        }
        return out
    }

    /// The references a container holds outside its fixed fields: a defaultdict's and an
    /// OrderedDict's dict items (an OrderedDict's keys twice: its nodes hold the dict's keys),
    /// the lru_cache wrapper's links, a deque's items.
    func containerReferences(
        _ address: UInt64,
        kind: ObjectKind,
        type: TypeRecord,
        into out: inout [(target: UInt64, label: UInt32)]
    ) throws(HeapReaderError) {
        switch kind {
        case .defaultDict:
            try dictItemReferences(address, keys: try dictTraverseListsKeys(address), into: &out)
        case .orderedDict:
            for (key, value) in try dictEntries(address) {
                out += [(value, try keyLabel(key)), (key, fixed.key), (key, fixed.nodeKey)]
            }
        case .lruCache:
            guard let next = layout.extra("lru|next"), let key = layout.extra("lru|key"),
                let result = layout.extra("lru|result")
            else { throw HeapReaderError(.inconsistent, "No lru_cache layout for Python \(layout.version).") }
            let cache = try links(from: address, offset: UInt64(next), mask: ~0, limit: 1 << 26)
            guard cache.complete else {
                throw HeapReaderError(.inconsistent, "An lru_cache's links do not lead back to it.")
            }
            let typeListed = layout.extra("lru|link type listed") == 1
            for link in cache.nodes {
                for offset in [key, result] {
                    let value = try memory.word(link &+ UInt64(offset))
                    if value != 0 { out.append((value, 0)) }
                }
                if typeListed { out.append((try field(link, "PyObject.ob_type"), 0)) }
            }
        case .deque:
            for (i, item) in try dequeItems(address).enumerated() { out.append((item, indexLabel(i))) }
        default:
            break
        }
    }

    /// A dict's values, named by their keys, and (where `keys`) its keys.
    func dictItemReferences(
        _ address: UInt64,
        keys: Bool,
        into out: inout [(target: UInt64, label: UInt32)]
    ) throws(HeapReaderError) {
        try forEachItem(ofDict: address) { key, value throws(HeapReaderError) in
            out.append((value, try keyLabel(key)))
            if keys { out.append((key, fixed.key)) }
        }
    }

    /// A deque's items, left to right, read block by block.
    func dequeItems(_ address: UInt64) throws(HeapReaderError) -> [UInt64] {
        guard let blocklen = layout.extra("deque|BLOCKLEN"), let data = layout.extra("deque|block.data"),
            let rightlink = layout.extra("deque|block.rightlink"), let leftblock = layout.extra("deque|leftblock"),
            let leftindex = layout.extra("deque|leftindex")
        else { throw HeapReaderError(.inconsistent, "No deque layout for Python \(layout.version).") }
        let count = Int(try memory.signedWord(address &+ UInt64(layout["PyVarObject.ob_size"])))
        var index = Int(try memory.signedWord(address &+ UInt64(leftindex)))
        guard count >= 0, count < 1 << 28, index >= 0, index < blocklen else {
            throw HeapReaderError(.inconsistent, "A deque has \(count) items from index \(index).")
        }
        var block = try memory.word(address &+ UInt64(leftblock))
        var items: [UInt64] = []
        items.reserveCapacity(min(count, 1 << 16))
        while items.count < count {
            let take = min(blocklen - index, count - items.count)
            try memory.withBytes(block &+ UInt64(data + index * 8), count: take * 8) { raw in
                for i in 0..<take { items.append(raw.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)) }
            }
            index = 0
            if items.count < count { block = try memory.word(block &+ UInt64(rightlink)) }
        }
        return items
    }

    /// `sys.getsizeof` without the gc header of a deque (the object and its blocks) and of an
    /// OrderedDict (the dict, its table of fast nodes and one node per item).
    func containerSize(_ address: UInt64, kind: ObjectKind, type: TypeRecord) throws(HeapReaderError) -> UInt64 {
        switch kind {
        case .deque:
            guard let blocklen = layout.extra("deque|BLOCKLEN"), let leftindex = layout.extra("deque|leftindex"),
                let block = layout.extra("deque|sizeof(block)")
            else { return UInt64(type.basicSize) }
            let items = try count(at: address &+ UInt64(offsets.varSize))
            let index = try count(at: address &+ UInt64(leftindex))
            let blocks = (index + items + blocklen - 1) / blocklen
            return UInt64(type.basicSize + blocks * block)
        case .orderedDict:
            var size = try dictSize(address, basicSize: type.basicSize)
            guard let fast = layout.extra("odict|od_fast_nodes_size"),
                let node = layout.extra("odict|sizeof(_ODictNode)")
            else { return size }
            size += UInt64(try count(at: address &+ UInt64(fast))) * pointerSize
            size += UInt64(try count(at: address &+ UInt64(offsets.dictUsed))) * UInt64(node)
            return size
        default:
            return UInt64(type.basicSize)
        }
    }

    /// Whether dict_traverse lists the dict's keys: 3.11+ only for a table of general keys
    /// (str keys are not gc objects); before 3.11 not for a split table (for a combined table
    /// the reader cannot tell lookdict from its str-only variants: listed).
    func dictTraverseListsKeys(_ dict: UInt64) throws(HeapReaderError) -> Bool {
        if try field(dict, "PyDictObject.ma_values") != 0 { return false }
        guard let kindOffset = layout.optional("PyDictKeysObject.dk_kind") else { return true }
        let keys = try field(dict, "PyDictObject.ma_keys")
        return Int(try memory.load(keys &+ UInt64(kindOffset), as: UInt8.self)) == layout["DICT_KEYS_GENERAL"]
    }
}
