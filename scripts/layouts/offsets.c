/* Prints, as JSON, the structure offsets, sizes and constants of the CPython whose headers it is
 * compiled against: what refgraph's outside reader needs to walk that version's heap.
 * Compiled and run by scripts/generate-layouts, once per version; never edit its output by hand.
 * Py_BUILD_CORE exposes the internal headers (the runtime, interpreter and gc state). */
#define Py_BUILD_CORE 1
#include <Python.h>
#include <frameobject.h>
#include <structmember.h>
#include <stdio.h>
#include <string.h>
#if PY_VERSION_HEX >= 0x03090000
#include "internal/pycore_interp.h"
#include "internal/pycore_gc.h"
#endif
#include "internal/pycore_pystate.h"
#if PY_VERSION_HEX >= 0x03090000
#include "internal/pycore_runtime.h"
#endif
#if PY_VERSION_HEX >= 0x030A0000
#include "internal/pycore_moduleobject.h"
#endif
#if PY_VERSION_HEX >= 0x030B0000
#include "internal/pycore_frame.h"
#include "internal/pycore_dict.h"
#endif
#include "internal/pycore_code.h"
#if PY_VERSION_HEX >= 0x030D0000
#include "internal/pycore_genobject.h"
#include "internal/pycore_cell.h"
#endif

static int first = 1;
static void put(const char *name, long long value) {
    printf("%s\n  \"%s\": %lld", first ? "{" : ",", name, value);
    first = 0;
}
#define OFF(type, field) put(#type "." #field, (long long)offsetof(type, field))
#define OFFN(name, type, field) put(name, (long long)offsetof(type, field))
#define SIZE(type) put("sizeof(" #type ")", (long long)sizeof(type))
#define CONST(name) put(#name, (long long)(name))

/* The bits of a bit-field struct, found by setting the field to all ones in a zeroed copy. */
#define BITS(name, type, member, field) do { \
        type probe; memset(&probe, 0, sizeof probe); probe.member.field = ~0u; \
        unsigned long long word = 0; memcpy(&word, &probe.member, sizeof probe.member); \
        put(name, (long long)word); } while (0)

int main(void) {
    put("version.hex", PY_VERSION_HEX);
    put("pointer.size", sizeof(void *));

    /* Objects */
    SIZE(PyObject); OFF(PyObject, ob_refcnt); OFF(PyObject, ob_type);
    SIZE(PyVarObject); OFF(PyVarObject, ob_size);
    SIZE(PyGC_Head); OFF(PyGC_Head, _gc_next); OFF(PyGC_Head, _gc_prev);

    /* Types */
    SIZE(PyTypeObject);
    OFF(PyTypeObject, tp_name); OFF(PyTypeObject, tp_basicsize); OFF(PyTypeObject, tp_itemsize);
    OFF(PyTypeObject, tp_flags); OFF(PyTypeObject, tp_dictoffset); OFF(PyTypeObject, tp_weaklistoffset);
    OFF(PyTypeObject, tp_dict); OFF(PyTypeObject, tp_mro); OFF(PyTypeObject, tp_base);
    OFF(PyTypeObject, tp_bases); OFF(PyTypeObject, tp_members); OFF(PyTypeObject, tp_cache);
    OFF(PyTypeObject, tp_subclasses); OFF(PyTypeObject, tp_traverse);
    SIZE(PyHeapTypeObject);
    OFF(PyHeapTypeObject, ht_name); OFF(PyHeapTypeObject, ht_qualname); OFF(PyHeapTypeObject, ht_slots);
    OFF(PyHeapTypeObject, ht_cached_keys);
#if PY_VERSION_HEX >= 0x03090000
    OFF(PyHeapTypeObject, ht_module);
#endif
    SIZE(PyMemberDef); OFF(PyMemberDef, name); OFF(PyMemberDef, type); OFF(PyMemberDef, offset);
    OFF(PyMemberDef, flags); OFF(PyMemberDescrObject, d_member);
    CONST(T_OBJECT); CONST(T_OBJECT_EX);
    CONST(Py_TPFLAGS_HEAPTYPE); CONST(Py_TPFLAGS_HAVE_GC); CONST(Py_TPFLAGS_LONG_SUBCLASS);
    CONST(Py_TPFLAGS_LIST_SUBCLASS); CONST(Py_TPFLAGS_TUPLE_SUBCLASS); CONST(Py_TPFLAGS_BYTES_SUBCLASS);
    CONST(Py_TPFLAGS_UNICODE_SUBCLASS); CONST(Py_TPFLAGS_DICT_SUBCLASS);
    CONST(Py_TPFLAGS_BASE_EXC_SUBCLASS); CONST(Py_TPFLAGS_TYPE_SUBCLASS);
#ifdef Py_TPFLAGS_MANAGED_DICT
    CONST(Py_TPFLAGS_MANAGED_DICT);
#endif
#ifdef Py_TPFLAGS_MANAGED_WEAKREF
    CONST(Py_TPFLAGS_MANAGED_WEAKREF);
#endif
#ifdef Py_TPFLAGS_INLINE_VALUES
    CONST(Py_TPFLAGS_INLINE_VALUES);
#endif
#ifdef _Py_TPFLAGS_STATIC_BUILTIN
    CONST(_Py_TPFLAGS_STATIC_BUILTIN);
#endif

    /* Runtime, interpreters, threads, gc */
    SIZE(_PyRuntimeState);
    OFFN("_PyRuntimeState.interpreters.head", _PyRuntimeState, interpreters.head);
    OFFN("_PyRuntimeState.interpreters.main", _PyRuntimeState, interpreters.main);
#if PY_VERSION_HEX >= 0x03090000 && PY_VERSION_HEX < 0x030D0000
    /* Before 3.13 a pending call added from a thread other than the main one leaves the eval
     * breaker unset; `attach --inject` sets it (see PythonRuntime+EvalBreaker.swift). */
    OFFN("PyInterpreterState.ceval.eval_breaker", PyInterpreterState, ceval.eval_breaker);
#endif
    SIZE(PyInterpreterState);
    OFF(PyInterpreterState, next); OFF(PyInterpreterState, id);
    OFF(PyInterpreterState, sysdict); OFF(PyInterpreterState, builtins);
#if PY_VERSION_HEX >= 0x030C0000
    OFFN("PyInterpreterState.modules", PyInterpreterState, imports.modules);
#else
    OFF(PyInterpreterState, modules);
#endif
#if PY_VERSION_HEX >= 0x030B0000
    OFFN("PyInterpreterState.threads.head", PyInterpreterState, threads.head);
#else
    OFFN("PyInterpreterState.threads.head", PyInterpreterState, tstate_head);
#endif
#if PY_VERSION_HEX >= 0x03090000
    OFFN("PyInterpreterState.gc", PyInterpreterState, gc);
#else
    OFFN("_PyRuntimeState.gc", _PyRuntimeState, gc);
#endif
#if PY_VERSION_HEX >= 0x030D0000
    /* Static built-in types keep their __dict__ here; tp_subclasses holds index + 1. */
    OFFN("PyInterpreterState.types.builtins", PyInterpreterState, types.builtins.initialized);
    put("sizeof(static_builtin_state)", sizeof(managed_static_type_state));
    OFFN("static_builtin_state.type", managed_static_type_state, type);
    OFFN("static_builtin_state.tp_dict", managed_static_type_state, tp_dict);
#elif PY_VERSION_HEX >= 0x030C0000
    OFFN("PyInterpreterState.types.builtins", PyInterpreterState, types.builtins);
    SIZE(static_builtin_state);
    OFF(static_builtin_state, type); OFF(static_builtin_state, tp_dict);
#endif
    CONST(NUM_GENERATIONS);
    SIZE(struct gc_generation);
    put("gc_generation.head", offsetof(struct gc_generation, head));
    put("gc_generation.threshold", offsetof(struct gc_generation, threshold));
    put("gc_generation.count", offsetof(struct gc_generation, count));
    put("_gc_runtime_state.enabled", offsetof(struct _gc_runtime_state, enabled));
    put("_gc_runtime_state.generations", offsetof(struct _gc_runtime_state, generations));
    put("_gc_runtime_state.permanent_generation", offsetof(struct _gc_runtime_state, permanent_generation));

    SIZE(PyThreadState);
    OFF(PyThreadState, next); OFF(PyThreadState, interp); OFF(PyThreadState, thread_id);
#if PY_VERSION_HEX >= 0x030B0000
    OFF(PyThreadState, native_thread_id);
#endif
#if PY_VERSION_HEX >= 0x030D0000
    OFF(PyThreadState, current_frame);
#elif PY_VERSION_HEX >= 0x030B0000
    OFF(PyThreadState, cframe); OFF(_PyCFrame, current_frame);
#else
    OFF(PyThreadState, frame);
#endif

    /* Frames */
    SIZE(PyFrameObject); OFF(PyFrameObject, f_back);
#if PY_VERSION_HEX >= 0x030B0000
    OFF(PyFrameObject, f_frame); OFF(PyFrameObject, f_trace);
    SIZE(_PyInterpreterFrame);
    OFF(_PyInterpreterFrame, previous); OFF(_PyInterpreterFrame, f_globals);
    OFF(_PyInterpreterFrame, f_builtins); OFF(_PyInterpreterFrame, f_locals);
    OFF(_PyInterpreterFrame, frame_obj); OFF(_PyInterpreterFrame, stacktop);
    OFF(_PyInterpreterFrame, owner); OFF(_PyInterpreterFrame, localsplus);
#if PY_VERSION_HEX >= 0x030D0000
    OFF(_PyInterpreterFrame, f_executable); OFF(_PyInterpreterFrame, f_funcobj);
    OFF(_PyInterpreterFrame, instr_ptr);
#elif PY_VERSION_HEX >= 0x030C0000
    OFF(_PyInterpreterFrame, f_code); OFF(_PyInterpreterFrame, f_funcobj);
    OFF(_PyInterpreterFrame, prev_instr);
#else
    OFF(_PyInterpreterFrame, f_code); OFF(_PyInterpreterFrame, f_func);
    OFF(_PyInterpreterFrame, prev_instr);
#endif
    CONST(FRAME_OWNED_BY_THREAD); CONST(FRAME_OWNED_BY_GENERATOR); CONST(FRAME_OWNED_BY_FRAME_OBJECT);
#if PY_VERSION_HEX >= 0x030C0000
    CONST(FRAME_OWNED_BY_CSTACK);
#endif
    OFF(PyFrameObject, _f_frame_data); OFF(PyFrameObject, f_lineno);
    CONST(FRAME_EXECUTING); CONST(FRAME_CLEARED);
    CONST(CO_FAST_CELL); CONST(CO_FAST_FREE);
#if PY_VERSION_HEX >= 0x030D0000
    OFF(PyFrameObject, f_extra_locals); OFF(PyFrameObject, f_locals_cache);
#endif
#else
    OFF(PyFrameObject, f_code); OFF(PyFrameObject, f_builtins); OFF(PyFrameObject, f_globals);
    OFF(PyFrameObject, f_locals); OFF(PyFrameObject, f_valuestack); OFF(PyFrameObject, f_trace);
    OFF(PyFrameObject, f_localsplus); OFF(PyFrameObject, f_lineno); OFF(PyFrameObject, f_lasti);
#if PY_VERSION_HEX >= 0x030A0000
    OFF(PyFrameObject, f_stackdepth);
#else
    OFF(PyFrameObject, f_stacktop);
#endif
#endif

    /* Containers */
    SIZE(PyDictObject); OFF(PyDictObject, ma_used); OFF(PyDictObject, ma_keys); OFF(PyDictObject, ma_values);
#if PY_VERSION_HEX >= 0x030B0000
    SIZE(PyDictKeysObject);
    OFF(PyDictKeysObject, dk_refcnt); OFF(PyDictKeysObject, dk_log2_size);
    OFF(PyDictKeysObject, dk_log2_index_bytes); OFF(PyDictKeysObject, dk_kind);
    OFF(PyDictKeysObject, dk_usable); OFF(PyDictKeysObject, dk_nentries); OFF(PyDictKeysObject, dk_indices);
    SIZE(PyDictKeyEntry); OFF(PyDictKeyEntry, me_hash); OFF(PyDictKeyEntry, me_key); OFF(PyDictKeyEntry, me_value);
    SIZE(PyDictUnicodeEntry); OFF(PyDictUnicodeEntry, me_key); OFF(PyDictUnicodeEntry, me_value);
    CONST(DICT_KEYS_GENERAL); CONST(DICT_KEYS_UNICODE); CONST(DICT_KEYS_SPLIT);
    OFF(PyDictValues, values);
#endif
#if PY_VERSION_HEX >= 0x030D0000
    OFF(PyDictValues, capacity); OFF(PyDictValues, size); OFF(PyDictValues, embedded); OFF(PyDictValues, valid);
    SIZE(PyManagedDictPointer);
#endif
    SIZE(PyListObject); OFF(PyListObject, ob_item); OFF(PyListObject, allocated);
    SIZE(PyTupleObject); OFF(PyTupleObject, ob_item);
    SIZE(PySetObject); OFF(PySetObject, fill); OFF(PySetObject, used); OFF(PySetObject, mask);
    OFF(PySetObject, table); OFF(PySetObject, smalltable);
    SIZE(setentry); OFF(setentry, key); OFF(setentry, hash);
    CONST(PySet_MINSIZE);

    /* Atoms */
    SIZE(PyASCIIObject); OFF(PyASCIIObject, length); OFF(PyASCIIObject, hash); OFF(PyASCIIObject, state);
    SIZE(PyCompactUnicodeObject); OFF(PyCompactUnicodeObject, utf8_length); OFF(PyCompactUnicodeObject, utf8);
    SIZE(PyUnicodeObject);
    BITS("PyASCIIObject.state.interned", PyASCIIObject, state, interned);
    BITS("PyASCIIObject.state.kind", PyASCIIObject, state, kind);
    BITS("PyASCIIObject.state.compact", PyASCIIObject, state, compact);
    BITS("PyASCIIObject.state.ascii", PyASCIIObject, state, ascii);
#if PY_VERSION_HEX < 0x030C0000
    BITS("PyASCIIObject.state.ready", PyASCIIObject, state, ready);
    OFF(PyASCIIObject, wstr); OFF(PyCompactUnicodeObject, wstr_length);
    put("sizeof(wchar_t)", sizeof(wchar_t));
#endif
    SIZE(PyBytesObject); OFF(PyBytesObject, ob_shash); OFF(PyBytesObject, ob_sval);
    SIZE(PyLongObject); put("sizeof(digit)", sizeof(digit)); CONST(PyLong_SHIFT);
#if PY_VERSION_HEX >= 0x030C0000
    OFFN("PyLongObject.lv_tag", PyLongObject, long_value.lv_tag);
    OFFN("PyLongObject.ob_digit", PyLongObject, long_value.ob_digit);
    CONST(_PyLong_NON_SIZE_BITS); CONST(_PyLong_SIGN_MASK);
#else
    OFF(PyLongObject, ob_digit);
#endif
    SIZE(PyFloatObject); OFF(PyFloatObject, ob_fval);

    /* Functions, code, modules */
#if PY_VERSION_HEX >= 0x030A0000
    SIZE(PyModuleObject); OFF(PyModuleObject, md_dict); OFF(PyModuleObject, md_name);
    OFF(PyModuleObject, md_def); OFF(PyModuleObject, md_state);
#endif
    OFF(PyModuleDef, m_size); OFF(PyModuleDef, m_traverse);
    SIZE(PyFunctionObject);
    OFF(PyFunctionObject, func_code); OFF(PyFunctionObject, func_globals); OFF(PyFunctionObject, func_defaults);
    OFF(PyFunctionObject, func_kwdefaults); OFF(PyFunctionObject, func_closure); OFF(PyFunctionObject, func_doc);
    OFF(PyFunctionObject, func_name); OFF(PyFunctionObject, func_dict); OFF(PyFunctionObject, func_module);
    OFF(PyFunctionObject, func_qualname); OFF(PyFunctionObject, func_annotations);
#if PY_VERSION_HEX >= 0x030A0000
    OFF(PyFunctionObject, func_builtins);
#endif
#if PY_VERSION_HEX >= 0x030C0000
    OFF(PyFunctionObject, func_typeparams);
#endif
    SIZE(PyCellObject); OFF(PyCellObject, ob_ref);
    SIZE(PyMethodObject); OFF(PyMethodObject, im_func); OFF(PyMethodObject, im_self);
    SIZE(PyCFunctionObject); OFF(PyCFunctionObject, m_ml); OFF(PyCFunctionObject, m_self);
    OFF(PyCFunctionObject, m_module); OFF(PyMethodDef, ml_name);
    SIZE(PyCodeObject);
    OFF(PyCodeObject, co_consts); OFF(PyCodeObject, co_names); OFF(PyCodeObject, co_filename);
    OFF(PyCodeObject, co_name); OFF(PyCodeObject, co_firstlineno); OFF(PyCodeObject, co_flags);
    OFF(PyCodeObject, co_stacksize); OFF(PyCodeObject, co_nlocals);
#if PY_VERSION_HEX >= 0x030B0000
    OFF(PyCodeObject, co_qualname); OFF(PyCodeObject, co_linetable); OFF(PyCodeObject, co_exceptiontable);
    OFF(PyCodeObject, co_localsplusnames); OFF(PyCodeObject, co_localspluskinds);
    OFF(PyCodeObject, co_nlocalsplus); OFF(PyCodeObject, co_code_adaptive);
    OFF(PyCodeObject, _co_firsttraceable);
#else
    OFF(PyCodeObject, co_code); OFF(PyCodeObject, co_varnames); OFF(PyCodeObject, co_freevars);
    OFF(PyCodeObject, co_cellvars);
    /* What code_sizeof counts besides the object before 3.11: the cell-to-argument map and the
     * opcache (one map byte per code unit and one _PyOpcache per cached instruction). */
    OFF(PyCodeObject, co_cell2arg); OFF(PyCodeObject, co_opcache); OFF(PyCodeObject, co_opcache_size);
    put("sizeof(_PyOpcache)", sizeof(struct _PyOpcache)); put("sizeof(_Py_CODEUNIT)", sizeof(_Py_CODEUNIT));
#if PY_VERSION_HEX >= 0x030A0000
    OFF(PyCodeObject, co_linetable);
#else
    OFF(PyCodeObject, co_lnotab);
#endif
#endif
    CONST(CO_OPTIMIZED);

    /* Generators and coroutines */
    SIZE(PyGenObject); OFF(PyGenObject, gi_name); OFF(PyGenObject, gi_qualname); OFF(PyGenObject, gi_weakreflist);
    SIZE(PyCoroObject); OFF(PyCoroObject, cr_name); OFF(PyCoroObject, cr_qualname);
    OFF(PyGenObject, gi_exc_state); OFF(_PyErr_StackItem, exc_value);
#if PY_VERSION_HEX >= 0x030B0000
    OFF(PyGenObject, gi_iframe); OFF(PyGenObject, gi_frame_state); OFF(PyCoroObject, cr_iframe);
    OFF(PyAsyncGenObject, ag_origin_or_finalizer);
#if PY_VERSION_HEX < 0x030C0000
    OFF(PyGenObject, gi_code);
#endif
#else
    OFF(PyGenObject, gi_frame); OFF(PyGenObject, gi_code); OFF(PyCoroObject, cr_frame); OFF(PyCoroObject, cr_code);
    OFF(PyAsyncGenObject, ag_finalizer); OFF(_PyErr_StackItem, exc_type); OFF(_PyErr_StackItem, exc_traceback);
#endif

#if PY_VERSION_HEX >= 0x030D0000
    /* What 3.13 writes into _PyRuntime for debuggers: compared with the target's own copy. */
    OFFN("_PyRuntimeState.debug_offsets", _PyRuntimeState, debug_offsets);
    SIZE(_Py_DebugOffsets);
    /* Where each field of _Py_DebugOffsets sits, and which entry above it should equal. */
    put("debug:runtime_state.interpreters_head=_PyRuntimeState.interpreters.head", offsetof(_Py_DebugOffsets, runtime_state.interpreters_head));
    put("debug:interpreter_state.next=PyInterpreterState.next", offsetof(_Py_DebugOffsets, interpreter_state.next));
    put("debug:interpreter_state.id=PyInterpreterState.id", offsetof(_Py_DebugOffsets, interpreter_state.id));
    put("debug:interpreter_state.threads_head=PyInterpreterState.threads.head", offsetof(_Py_DebugOffsets, interpreter_state.threads_head));
    put("debug:interpreter_state.gc=PyInterpreterState.gc", offsetof(_Py_DebugOffsets, interpreter_state.gc));
    put("debug:interpreter_state.imports_modules=PyInterpreterState.modules", offsetof(_Py_DebugOffsets, interpreter_state.imports_modules));
    put("debug:interpreter_state.sysdict=PyInterpreterState.sysdict", offsetof(_Py_DebugOffsets, interpreter_state.sysdict));
    put("debug:interpreter_state.builtins=PyInterpreterState.builtins", offsetof(_Py_DebugOffsets, interpreter_state.builtins));
    put("debug:thread_state.next=PyThreadState.next", offsetof(_Py_DebugOffsets, thread_state.next));
    put("debug:thread_state.interp=PyThreadState.interp", offsetof(_Py_DebugOffsets, thread_state.interp));
    put("debug:thread_state.current_frame=PyThreadState.current_frame", offsetof(_Py_DebugOffsets, thread_state.current_frame));
    put("debug:thread_state.thread_id=PyThreadState.thread_id", offsetof(_Py_DebugOffsets, thread_state.thread_id));
    put("debug:thread_state.native_thread_id=PyThreadState.native_thread_id", offsetof(_Py_DebugOffsets, thread_state.native_thread_id));
    put("debug:interpreter_frame.previous=_PyInterpreterFrame.previous", offsetof(_Py_DebugOffsets, interpreter_frame.previous));
    put("debug:interpreter_frame.executable=_PyInterpreterFrame.f_executable", offsetof(_Py_DebugOffsets, interpreter_frame.executable));
    put("debug:interpreter_frame.instr_ptr=_PyInterpreterFrame.instr_ptr", offsetof(_Py_DebugOffsets, interpreter_frame.instr_ptr));
    put("debug:interpreter_frame.localsplus=_PyInterpreterFrame.localsplus", offsetof(_Py_DebugOffsets, interpreter_frame.localsplus));
    put("debug:interpreter_frame.owner=_PyInterpreterFrame.owner", offsetof(_Py_DebugOffsets, interpreter_frame.owner));
    put("debug:code_object.filename=PyCodeObject.co_filename", offsetof(_Py_DebugOffsets, code_object.filename));
    put("debug:code_object.name=PyCodeObject.co_name", offsetof(_Py_DebugOffsets, code_object.name));
    put("debug:code_object.qualname=PyCodeObject.co_qualname", offsetof(_Py_DebugOffsets, code_object.qualname));
    put("debug:code_object.firstlineno=PyCodeObject.co_firstlineno", offsetof(_Py_DebugOffsets, code_object.firstlineno));
    put("debug:code_object.localsplusnames=PyCodeObject.co_localsplusnames", offsetof(_Py_DebugOffsets, code_object.localsplusnames));
    put("debug:pyobject.ob_type=PyObject.ob_type", offsetof(_Py_DebugOffsets, pyobject.ob_type));
    put("debug:type_object.tp_name=PyTypeObject.tp_name", offsetof(_Py_DebugOffsets, type_object.tp_name));
    put("debug:type_object.tp_flags=PyTypeObject.tp_flags", offsetof(_Py_DebugOffsets, type_object.tp_flags));
    put("debug:tuple_object.ob_item=PyTupleObject.ob_item", offsetof(_Py_DebugOffsets, tuple_object.ob_item));
    put("debug:tuple_object.ob_size=PyVarObject.ob_size", offsetof(_Py_DebugOffsets, tuple_object.ob_size));
    put("debug:list_object.ob_item=PyListObject.ob_item", offsetof(_Py_DebugOffsets, list_object.ob_item));
    put("debug:list_object.ob_size=PyVarObject.ob_size", offsetof(_Py_DebugOffsets, list_object.ob_size));
    put("debug:dict_object.ma_keys=PyDictObject.ma_keys", offsetof(_Py_DebugOffsets, dict_object.ma_keys));
    put("debug:dict_object.ma_values=PyDictObject.ma_values", offsetof(_Py_DebugOffsets, dict_object.ma_values));
    put("debug:float_object.ob_fval=PyFloatObject.ob_fval", offsetof(_Py_DebugOffsets, float_object.ob_fval));
    put("debug:long_object.lv_tag=PyLongObject.lv_tag", offsetof(_Py_DebugOffsets, long_object.lv_tag));
    put("debug:long_object.ob_digit=PyLongObject.ob_digit", offsetof(_Py_DebugOffsets, long_object.ob_digit));
    put("debug:bytes_object.ob_sval=PyBytesObject.ob_sval", offsetof(_Py_DebugOffsets, bytes_object.ob_sval));
    put("debug:unicode_object.state=PyASCIIObject.state", offsetof(_Py_DebugOffsets, unicode_object.state));
    put("debug:unicode_object.length=PyASCIIObject.length", offsetof(_Py_DebugOffsets, unicode_object.length));
    put("debug:unicode_object.asciiobject_size=sizeof(PyASCIIObject)", offsetof(_Py_DebugOffsets, unicode_object.asciiobject_size));
#endif
    printf("\n}\n");
    return 0;
}
