import CPython
import HeapGraph

/// Naming references. For objects listed through `tp_traverse`, the walker first lists the
/// pairs (pointer, label) it knows from the object's struct in `tp_traverse`'s order; each
/// referent the traversal reports takes the label of the matching pair, so a label always
/// names a field that holds exactly that referent, and a referent no pair explains stays
/// unlabelled. Exact lists, tuples and dicts, static type objects and code objects are listed
/// directly.
extension HeapWalk {
    /// `__slots__` members, inline attribute values, `__dict__` and `__class__` of an
    /// instance of a heap type, in `subtype_traverse`'s order: as expected pairs, or, when
    /// `direct` (the type is `plainInstance`, so `subtype_traverse` would report exactly
    /// these), added as edges without calling `tp_traverse` at all.
    mutating func heapInstanceReferences(
        _ object: UnsafeMutablePointer<PyObject>,
        _ type: UnsafeMutablePointer<PyTypeObject>,
        direct: Bool
    ) {
        @inline(__always) func note(_ w: inout HeapWalk, _ p: UnsafeMutablePointer<PyObject>?, _ label: UInt32) {
            if direct { w.addEdge(p, label) } else { w.expect(p, label) }
        }
        var base: UnsafeMutablePointer<PyTypeObject>? = type
        while let b = base, rg_is_heap_type(b) != 0 {
            let memberCount = rg_size(b.withMemoryRebound(to: PyObject.self, capacity: 1) { $0 })
            if memberCount > 0, let members = rg_heap_members(b) {
                for k in 0..<memberCount {
                    let member = members + k
                    note(&self, rg_member_object(object, member), memberLabel(member))
                }
            }
            base = b.pointee.tp_base
        }
        if let values = rg_managed_values(object), let keys = rg_cached_keys(type) {
            let n = rg_keys_nentries(keys)
            // Start every value's table lookup before the first one is needed.
            if direct {
                for i in 0..<n { if let value = values[i] { table.prefetch(UInt(bitPattern: value)) } }
            }
            for i in 0..<n {
                guard let value = values[i], let key = rg_keys_key(keys, i) else { continue }
                note(&self, value, attributeLabel(keys, i, key))
            }
        }
        note(&self, rg_instance_dict(object), fixed.dict)
        note(&self, type.withMemoryRebound(to: PyObject.self, capacity: 1) { $0 }, fixed.cls)
    }

    /// `.name` of entry `i` of a type's shared instance keys. Instances of one class come in
    /// runs, and shared keys only ever gain entries at the end, so the labels of the last
    /// keys object seen are kept by index: a lookup is an array read, not a hash probe.
    @inline(__always)
    private mutating func attributeLabel(
        _ keys: UnsafeMutablePointer<PyDictKeysObject>,
        _ i: Int,
        _ key: UnsafeMutablePointer<PyObject>
    ) -> UInt32 {
        if keys != attributeKeys {
            attributeKeys = keys
            attributeLabels.removeAll()
        }
        while attributeLabels.count <= i { attributeLabels.append(UInt32.max) }
        if attributeLabels[i] == UInt32.max { attributeLabels[i] = keyLabel(key, .attribute) }
        return attributeLabels[i]
    }

    /// `.name` of a `__slots__` member, cached by the member definition's address.
    private mutating func memberLabel(_ member: UnsafeMutablePointer<PyMemberDef>) -> UInt32 {
        let cacheKey = UInt(bitPattern: member) | KeyFormat.attribute.rawValue
        if let id = keyLabels.find(cacheKey) { return id }
        strings.scratch.append(UInt8(ascii: "."))
        strings.scratch.appendCString(member.pointee.name)
        let id = strings.internScratch()
        _ = keyLabels.findOrInsert(cacheKey, id)
        return id
    }

    /// The pairs of the struct of a static kind, in its `tp_traverse`'s order.
    mutating func expectKind(_ object: UnsafeMutablePointer<PyObject>, _ kind: WalkKind) {
        switch kind {
        case .generic, .code, .lruCache:
            break
        case .list:
            if let items = rg_list_items(object) {
                for i in 0..<rg_size(object) { expect(items[i], indexLabel(i)) }
            }
        case .tuple:
            if let items = rg_tuple_items(object) {
                for i in 0..<rg_size(object) { expect(items[i], indexLabel(i)) }
            }
        case .dict:
            expectDictEntries(object)
        case .orderedDict:
            // `odict_traverse`: the instance dict, each node's key, then `dict_traverse`.
            expect(rg_odict_inst_dict(object), fixed.dict)
            var node = rg_odict_first(object)
            while let n = node {
                expect(rg_odictnode_key(n), fixed.nodeKey)
                node = rg_odictnode_next(n)
            }
            expectDictEntries(object)
        case .deque:
            expectDequeItems(object)
        case .defaultdict:
            // `defdict_traverse`: the factory, then `dict_traverse`.
            if let member = loaded.defaultFactory { expect(rg_member_object(object, member), fixed.defaultFactory) }
            expectDictEntries(object)
        case .future, .task:
            for field in kind == .task ? loaded.taskFields : loaded.futureFields {
                // The getter returns a new reference to what the future holds (None for NULL).
                guard let value = field.get(object, field.closure) else {
                    PyErr_Clear()
                    continue
                }
                Py_DECREF(value)
                expect(value, field.label)
            }
        case .function:
            object.withMemoryRebound(to: PyFunctionObject.self, capacity: 1) { f in
                let v = f.pointee
                expect(v.func_code, fixed.code)
                expect(v.func_globals, fixed.globals)
                expect(v.func_builtins, fixed.builtins)
                expect(v.func_module, fixed.module)
                expect(v.func_defaults, fixed.defaults)
                expect(v.func_kwdefaults, fixed.kwdefaults)
                expect(v.func_doc, fixed.doc)
                expect(v.func_name, fixed.name)
                expect(v.func_dict, fixed.dict)
                expect(v.func_closure, fixed.closure)
                expect(v.func_annotations, fixed.annotations)
                expect(v.func_qualname, fixed.qualname)
            }
        case .method:
            expect(rg_method_func(object), fixed.fn)
            expect(rg_method_self(object), fixed.selfRef)
        case .cfunction:
            expect(rg_cfunction_self(object), fixed.selfRef)
            expect(rg_cfunction_module(object), fixed.module)
        case .cell:
            expect(rg_cell_contents(object), fixed.cellContents)
        case .weakref:
            expect(rg_weakref_callback(object), fixed.callback)
        case .module:
            expect(rg_module_dict(object), fixed.dict)
        case .typeObject:
            let type = object.withMemoryRebound(to: PyTypeObject.self, capacity: 1) { $0 }
            expect(rg_type_dict(type), fixed.dict)
            expect(rg_type_mro(type), fixed.mro)
            expect(rg_type_bases(type), fixed.bases)
            expect(rg_type_base(type), fixed.base)
        case .frame:
            expect(rg_frame_back_field(object), fixed.fBack)
            expect(rg_frame_trace(object), fixed.fTrace)
            if let iframe = rg_frame_iframe(object),
                rg_iframe_owner(iframe) == Int32(FRAME_OWNED_BY_FRAME_OBJECT.rawValue)
            {
                interpreterFrameReferences(iframe, frameLabel: 0, codeLabel: fixed.fCode, direct: false)
            }
        case .classmethod:
            expect(rg_classmethod_callable(object), fixed.fn)
            expect(rg_classmethod_dict(object), fixed.dict)
        case .property:
            expect(rg_property_field(object, 0), fixed.fget)
            expect(rg_property_field(object, 1), fixed.fset)
            expect(rg_property_field(object, 2), fixed.fdel)
            expect(rg_property_field(object, 3), fixed.doc)
        case .exception:
            expect(rg_exception_field(object, 0), fixed.dict)
            expect(rg_exception_field(object, 1), fixed.args)
            expect(rg_exception_field(object, 2), fixed.notes)
            expect(rg_exception_field(object, 3), fixed.traceback)
            expect(rg_exception_field(object, 4), fixed.context)
            expect(rg_exception_field(object, 5), fixed.cause)
        case .traceback:
            expect(rg_traceback_next(object), fixed.tbNext)
            expect(rg_traceback_frame(object), fixed.tbFrame)
        case .generator, .coroutine, .asyncGenerator:
            let (frameLabel, codeLabel) =
                kind == .generator
                ? (fixed.giFrame, fixed.giCode)
                : kind == .coroutine ? (fixed.crFrame, fixed.crCode) : (fixed.agFrame, fixed.agCode)
            expect(rg_gen_code(object), codeLabel)
            expect(rg_gen_name(object), fixed.name)
            expect(rg_gen_qualname(object), fixed.qualname)
            if let iframe = rg_gen_iframe(object) {
                interpreterFrameReferences(iframe, frameLabel: frameLabel, codeLabel: codeLabel, direct: false)
            }
        }
    }

    /// A deque's items in order, as `deque_traverse` lists them, read through deque's own
    /// iterator (a C type: no code of the user's runs, whatever a subclass defines).
    private mutating func expectDequeItems(_ object: UnsafeMutablePointer<PyObject>) {
        guard let makeIterator = loaded.dequeIter, let iterator = makeIterator(object) else {
            PyErr_Clear()
            return
        }
        defer { Py_DECREF(iterator) }
        guard let next = Py_TYPE(iterator)?.pointee.tp_iternext else { return }
        var i = 0
        while let item = next(iterator) {
            // The deque holds the item: the pointer stays valid after this reference is dropped.
            Py_DECREF(item)
            expect(item, indexLabel(i))
            i += 1
        }
        PyErr_Clear()
    }

    /// The pairs of functools' C lru_cache wrapper, made from the referents its traversal
    /// reported (its cache is not reachable by name): its `__dict__`, the function the dict
    /// names `__wrapped__`, and the one other dict, its cache (`<cache>`). The traversal
    /// lists every cached key and result first and the wrapper's own fields last (cache,
    /// function, ..., `__dict__`), so they are looked for from the end: a cached result that
    /// is a dict is not the cache.
    mutating func expectLruCacheReferents(_ object: UnsafeMutablePointer<PyObject>) {
        let namespace = rg_instance_dict(object)
        let wrapped = rg_dict_get_str(namespace, "__wrapped__")
        var found: [(index: Int, label: UInt32)] = []
        var namedDict = false
        var namedWrapped = false
        var namedCache = false
        for i in stride(from: visitedPointers.count - 1, through: 0, by: -1) {
            guard let referent = UnsafeMutablePointer<PyObject>(bitPattern: visitedPointers[i]) else { continue }
            if !namedDict, referent == namespace {
                found.append((i, fixed.dict))
                namedDict = true
            } else if !namedWrapped, referent == wrapped {
                found.append((i, fixed.wrapped))
                namedWrapped = true
            } else if !namedCache, referent != namespace, Py_IS_TYPE(referent, rg_DictType()) != 0 {
                found.append((i, fixed.cache))
                namedCache = true
            }
            if namedDict && namedWrapped && namedCache { break }
        }
        // Expected pairs are matched in the traversal's order.
        for (i, label) in found.reversed() {
            expect(UnsafeMutablePointer<PyObject>(bitPattern: visitedPointers[i]), label)
        }
    }

    /// Values of a dict labelled by their keys, with each key as a `<key>` edge where the
    /// dict owns it (combined tables), in `dict_traverse`'s order.
    private mutating func expectDictEntries(_ dict: UnsafeMutablePointer<PyObject>) {
        guard let keys = rg_dict_keys(dict) else { return }
        let n = rg_keys_nentries(keys)
        if let values = rg_dict_values(dict) {
            for i in 0..<n {
                guard let value = values[i], let key = rg_keys_key(keys, i) else { continue }
                expect(value, keyLabel(key, .item))
            }
            return
        }
        for i in 0..<n {
            guard let value = rg_keys_value(keys, i), let key = rg_keys_key(keys, i) else { continue }
            expect(value, keyLabel(key, .item))
            expect(key, fixed.key)
        }
    }

    /// Edges of an exact dict, listed directly: each value named by its key, then the key
    /// (`<key>`) where the dict owns it.
    /// The table slots of entries a few ahead are prefetched, as for lists: in a large dict
    /// each value's and key's lookup is otherwise a cache miss waited for in turn.
    mutating func addDictEdges(_ dict: UnsafeMutablePointer<PyObject>) {
        guard let keys = rg_dict_keys(dict) else { return }
        let n = rg_keys_nentries(keys)
        let ahead = 8
        if let values = rg_dict_values(dict) {
            for i in 0..<n {
                guard let value = values[i] else { continue }
                addEdge(value, rg_keys_key(keys, i).map { keyLabel($0, .item) } ?? 0)
            }
            return
        }
        for i in 0..<Swift.min(n, ahead) { prefetchEntry(keys, i) }
        for i in 0..<n {
            if i + ahead < n { prefetchEntry(keys, i + ahead) }
            guard let value = rg_keys_value(keys, i), let key = rg_keys_key(keys, i) else { continue }
            addEdge(value, keyLabel(key, .item))
            addEdge(key, fixed.key)
        }
    }

    @inline(__always)
    private func prefetchEntry(_ keys: UnsafeMutablePointer<PyDictKeysObject>, _ i: Int) {
        if let value = rg_keys_value(keys, i) { table.prefetch(UInt(bitPattern: value)) }
        if let key = rg_keys_key(keys, i) { table.prefetch(UInt(bitPattern: key)) }
    }

    /// The keys a combined str-keyed dict owns but `dict_traverse` does not report.
    mutating func addUnvisitedDictKeys(_ dict: UnsafeMutablePointer<PyObject>) {
        guard let keys = rg_dict_keys(dict), rg_dict_values(dict) == nil, rg_keys_is_unicode(keys) != 0 else { return }
        for i in 0..<rg_keys_nentries(keys) {
            guard rg_keys_value(keys, i) != nil, let key = rg_keys_key(keys, i) else { continue }
            addEdge(key, fixed.key)
        }
    }

    /// Items of an exact list or tuple.
    mutating func addSequenceEdges(_ items: UnsafeMutablePointer<UnsafeMutablePointer<PyObject>?>?, _ n: Int) {
        guard let items else { return }
        let ahead = 8
        for i in 0..<Swift.min(n, ahead) { table.prefetch(UInt(bitPattern: items[i])) }
        for i in 0..<n {
            if i + ahead < n { table.prefetch(UInt(bitPattern: items[i + ahead])) }
            if let item = items[i] { addEdge(item, indexLabel(i)) }
        }
    }

    /// What a static type object owns; it is not a GC object, so nothing traverses it.
    mutating func addStaticTypeEdges(_ object: UnsafeMutablePointer<PyObject>) {
        let type = object.withMemoryRebound(to: PyTypeObject.self, capacity: 1) { $0 }
        addEdge(rg_type_dict(type), fixed.dict)
        addEdge(rg_type_mro(type), fixed.mro)
        addEdge(rg_type_bases(type), fixed.bases)
        addEdge(rg_type_base(type), fixed.base)
    }

    /// What a code object owns; 3.11 code objects are not GC objects.
    mutating func addCodeEdges(_ code: UnsafeMutablePointer<PyObject>) {
        addEdge(rg_code_field(code, 0), fixed.coConsts)
        addEdge(rg_code_field(code, 1), fixed.coNames)
        addEdge(rg_code_field(code, 2), fixed.coExceptiontable)
        addEdge(rg_code_field(code, 3), fixed.coLocalsplusnames)
        addEdge(rg_code_field(code, 4), fixed.coFilename)
        addEdge(rg_code_field(code, 5), fixed.coName)
        addEdge(rg_code_field(code, 6), fixed.coQualname)
        addEdge(rg_code_field(code, 7), fixed.coLinetable)
    }

    /// The references of an interpreter frame in `_PyFrame_Traverse`'s order: its frame
    /// object, `f_locals`, function, code, then locals named by `co_localsplusnames` and the
    /// value stack. Added as edges (`direct`, for live frames, which `frame_traverse` does
    /// not list) or as expected pairs.
    mutating func interpreterFrameReferences(
        _ iframe: UnsafeMutablePointer<_PyInterpreterFrame>,
        frameLabel: UInt32,
        codeLabel: UInt32,
        direct: Bool
    ) {
        @inline(__always) func note(_ w: inout HeapWalk, _ p: UnsafeMutablePointer<PyObject>?, _ label: UInt32) {
            if direct { w.addEdge(p, label) } else { w.expect(p, label) }
        }
        if !direct { note(&self, rg_iframe_frame_obj(iframe), frameLabel) }
        note(&self, rg_iframe_locals(iframe), fixed.fLocals)
        note(&self, rg_iframe_func(iframe), 0)
        guard let code = rg_iframe_code(iframe) else { return }
        note(&self, code, codeLabel)
        let locals = rg_iframe_localsplus(iframe)!
        let n = Int(rg_code_nlocalsplus(code))
        let names = rg_code_localsplusnames(code)
        let nameCount = names.map { rg_size($0) } ?? 0
        for i in 0..<n {
            guard let value = locals[i] else { continue }
            var label: UInt32 = 0
            if let names, i < nameCount, let name = rg_tuple_items(names)?[i] {
                let cellKind =
                    rg_code_localspluskind(code, Int32(i)) & 0xC0 != 0 && Py_IS_TYPE(value, rg_CellType()) != 0
                label = keyLabel(name, cellKind ? .cellLocal : .local)
            }
            note(&self, value, label)
        }
        let top = Int(rg_iframe_stacktop(iframe))
        if top > n {
            for i in n..<top { note(&self, locals[i], 0) }
        }
    }
}
