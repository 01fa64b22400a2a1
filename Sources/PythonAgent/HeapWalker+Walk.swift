import CPython
import HeapGraph

/// Processing one object: its type, size, label, flags and refcount, then its edges. Static
/// functions on a pointer to the walk state, so `tp_traverse`'s callback can append to the
/// same state with no overlapping Swift access.
extension HeapWalker {
    static func process(_ w: UnsafeMutablePointer<HeapWalk>, _ id: Int) {
        let object = w.pointee.object(id)
        let type = Py_TYPE(object)!
        let r = w.pointee.record(type)
        let record = w.pointee.types[r]

        var size = record.basicSize + record.preheader
        switch record.sizeMode {
        case .formula:
            if record.itemSize > 0 { size += rg_size(object) * record.itemSize }
        case .str:
            size = rg_unicode_sizeof(object) + record.preheader
        case .int:
            size = rg_long_sizeof(object) + record.preheader
        case .list:
            size = rg_list_sizeof(object) + record.preheader
        case .call:
            if let sizeFunction = record.sizeFunction, let result = rg_call_cfunction_noargs(sizeFunction, object) {
                let exact = PyLong_AsSsize_t(result)
                Py_DECREF(result)
                if exact >= 0 { size = exact + record.preheader } else { PyErr_Clear() }
            } else {
                PyErr_Clear()
                if record.itemSize > 0 { size += rg_size(object) * record.itemSize }
            }
        }

        let (label, truncated) = w.pointee.objectLabel(object, record.label)
        var flags = record.flags
        if truncated { flags |= ObjectFlags.labelTruncated.rawValue }
        let traversable = record.gc && (!record.checkIsGC || type.pointee.tp_is_gc(object) != 0)
        if id < w.pointee.trackedCount {
            flags |= ObjectFlags.gcTracked.rawValue
        } else if traversable {
            if rg_gc_is_tracked(object) != 0 {
                flags |= ObjectFlags.gcTracked.rawValue
            } else if flags & ObjectFlags.frame.rawValue == 0 {
                flags |= ObjectFlags.untrackedContainer.rawValue
            }
        }
        let refcount = rg_refcnt(object) - (id < w.pointee.trackedCount ? 1 : 0)
        w.pointee.buffers.objectTypes.append(UInt32(r))
        w.pointee.buffers.sizes.append(UInt64(max(size, 0)))
        w.pointee.buffers.refcounts.append(UInt64(max(refcount, 0)))
        w.pointee.buffers.labels.append(label)
        w.pointee.buffers.flags.append(flags)

        if traversable {
            if record.exactContainer {
                switch record.kind {
                case .list: w.pointee.addSequenceEdges(rg_list_items(object), rg_size(object))
                case .tuple: w.pointee.addSequenceEdges(rg_tuple_items(object), rg_size(object))
                default: w.pointee.addDictEdges(object)
                }
            } else if record.plainInstance {
                w.pointee.heapInstanceReferences(object, type, direct: true)
            } else if record.kind == .frame && !record.heap, let iframe = rg_frame_iframe(object),
                rg_iframe_owned_by_thread(iframe) != 0
            {
                addLiveFrameEdges(w, object, iframe)
            } else {
                w.pointee.clearExpected()
                if record.heap { w.pointee.heapInstanceReferences(object, type, direct: false) }
                w.pointee.expectKind(object, record.kind)
                _ = rg_traverse(
                    object,
                    { referent, state in
                        if let referent, let state {
                            state.assumingMemoryBound(to: HeapWalk.self).pointee.visited(referent)
                        }
                        return 0
                    },
                    UnsafeMutableRawPointer(w)
                )
                if record.kind == .lruCache { w.pointee.expectLruCacheReferents(object) }
                w.pointee.addVisited()
                if record.kind == .dict || record.kind == .orderedDict || record.kind == .defaultdict {
                    w.pointee.addUnvisitedDictKeys(object)
                }
            }
        } else if record.kind == .typeObject {
            w.pointee.addStaticTypeEdges(object)
        } else if record.kind == .code {
            w.pointee.addCodeEdges(object)
        }
        w.pointee.buffers.edgeOffsets.append(UInt32(truncatingIfNeeded: w.pointee.buffers.edgeTargets.count))
    }

    /// A frame still running on a thread: `frame_traverse` lists only `f_trace`, so its
    /// caller's frame, locals, code and stack are listed from the interpreter frame.
    private static func addLiveFrameEdges(
        _ w: UnsafeMutablePointer<HeapWalk>,
        _ frame: UnsafeMutablePointer<PyObject>,
        _ iframe: UnsafeMutablePointer<_PyInterpreterFrame>
    ) {
        var previous = rg_iframe_previous(iframe)
        while let p = previous, rg_iframe_is_incomplete(p) != 0 { previous = rg_iframe_previous(p) }
        w.pointee.addEdge(previous.flatMap { rg_iframe_frame_obj($0) }, w.pointee.fixed.fBack)
        w.pointee.addEdge(rg_frame_trace(frame), w.pointee.fixed.fTrace)
        w.pointee.interpreterFrameReferences(iframe, frameLabel: 0, codeLabel: w.pointee.fixed.fCode, direct: true)
    }
}
