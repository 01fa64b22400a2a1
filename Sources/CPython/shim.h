// Umbrella header for CPython (python3-embed). Each helper below exists because the C API
// offers the thing only as a macro, a global, a variadic function, or a 3.11 internal
// struct layout, none of which Swift 6 can use directly.
#ifndef REFGRAPH_CPYTHON_SHIM_H
#define REFGRAPH_CPYTHON_SHIM_H

// pyconfig.h defines _GNU_SOURCE; glibc's headers must be read first or a clean debug
// build fails with "'__fds_bits' ... is not present in definition of 'fd_set'".
#include <features.h>
#include <stdio.h>
#include <Python.h>
#include <frameobject.h>
#include <structmember.h>

// The heap walker reads CPython 3.11 struct layouts that only the internal headers
// describe (interpreter frames, dict keys, managed instance dicts, module objects). They
// are read after the public headers so the public API keeps its normal (non-core) form.
#if PY_VERSION_HEX < 0x030B0000 || PY_VERSION_HEX >= 0x030C0000
#error "refgraph's heap walker reads CPython 3.11 struct layouts"
#endif
#define Py_BUILD_CORE 1
#include <internal/pycore_frame.h>
#include <internal/pycore_dict.h>
#include <internal/pycore_moduleobject.h>
#include <internal/pycore_gc.h>
#include <internal/pycore_interp.h>
#undef Py_BUILD_CORE

// MARK: - Globals (Swift 6 rejects C globals as not concurrency-safe)

/// Py_None is a macro over a global (&_Py_NoneStruct).
static inline PyObject *rg_None(void) { return Py_None; }
/// Py_True / Py_False are macros over globals.
static inline PyObject *rg_True(void) { return Py_True; }
static inline PyObject *rg_False(void) { return Py_False; }
/// Exception type globals.
static inline PyObject *rg_ExcSystemExit(void) { return PyExc_SystemExit; }
static inline PyObject *rg_ExcSyntaxError(void) { return PyExc_SyntaxError; }
static inline PyObject *rg_ExcKeyboardInterrupt(void) { return PyExc_KeyboardInterrupt; }
static inline PyObject *rg_ExcOSError(void) { return PyExc_OSError; }
static inline PyObject *rg_ExcRuntimeError(void) { return PyExc_RuntimeError; }
static inline PyObject *rg_ExcTypeError(void) { return PyExc_TypeError; }
/// Static type objects are globals.
static inline PyTypeObject *rg_DictType(void) { return &PyDict_Type; }
static inline PyTypeObject *rg_ODictType(void) { return &PyODict_Type; }
static inline PyTypeObject *rg_ListType(void) { return &PyList_Type; }
static inline PyTypeObject *rg_TupleType(void) { return &PyTuple_Type; }
static inline PyTypeObject *rg_SetType(void) { return &PySet_Type; }
static inline PyTypeObject *rg_FrozenSetType(void) { return &PyFrozenSet_Type; }
static inline PyTypeObject *rg_UnicodeType(void) { return &PyUnicode_Type; }
static inline PyTypeObject *rg_BytesType(void) { return &PyBytes_Type; }
static inline PyTypeObject *rg_LongType(void) { return &PyLong_Type; }
static inline PyTypeObject *rg_BoolType(void) { return &PyBool_Type; }
static inline PyTypeObject *rg_FloatType(void) { return &PyFloat_Type; }
static inline PyTypeObject *rg_FunctionType(void) { return &PyFunction_Type; }
static inline PyTypeObject *rg_MethodType(void) { return &PyMethod_Type; }
static inline PyTypeObject *rg_CFunctionType(void) { return &PyCFunction_Type; }
static inline PyTypeObject *rg_CMethodType(void) { return &PyCMethod_Type; }
static inline PyTypeObject *rg_CodeType(void) { return &PyCode_Type; }
static inline PyTypeObject *rg_CellType(void) { return &PyCell_Type; }
static inline PyTypeObject *rg_FrameType(void) { return &PyFrame_Type; }
static inline PyTypeObject *rg_ModuleType(void) { return &PyModule_Type; }
static inline PyTypeObject *rg_TypeType(void) { return &PyType_Type; }
static inline PyTypeObject *rg_BaseObjectType(void) { return &PyBaseObject_Type; }
static inline PyTypeObject *rg_MethodDescrType(void) { return &PyMethodDescr_Type; }
static inline PyTypeObject *rg_WeakrefRefType(void) { return &_PyWeakref_RefType; }
static inline PyTypeObject *rg_WeakrefProxyType(void) { return &_PyWeakref_ProxyType; }
static inline PyTypeObject *rg_WeakrefCallableProxyType(void) { return &_PyWeakref_CallableProxyType; }
static inline PyTypeObject *rg_ClassMethodType(void) { return &PyClassMethod_Type; }
static inline PyTypeObject *rg_StaticMethodType(void) { return &PyStaticMethod_Type; }
static inline PyTypeObject *rg_PropertyType(void) { return &PyProperty_Type; }
static inline PyTypeObject *rg_GenType(void) { return &PyGen_Type; }
static inline PyTypeObject *rg_CoroType(void) { return &PyCoro_Type; }
static inline PyTypeObject *rg_AsyncGenType(void) { return &PyAsyncGen_Type; }
static inline PyTypeObject *rg_TracebackType(void) { return &PyTraceBack_Type; }
static inline PyTypeObject *rg_BaseExceptionType(void) { return (PyTypeObject *)PyExc_BaseException; }

// MARK: - Macros

/// Type checks (PyUnicode_Check and friends) are macros over tp_flags.
static inline int rg_is_str(PyObject *o) { return PyUnicode_Check(o); }
static inline int rg_is_str_exact(PyObject *o) { return PyUnicode_CheckExact(o); }
static inline int rg_is_int(PyObject *o) { return PyLong_Check(o); }
static inline int rg_is_list(PyObject *o) { return PyList_Check(o); }
static inline int rg_is_tuple(PyObject *o) { return PyTuple_Check(o); }
static inline int rg_is_dict(PyObject *o) { return PyDict_Check(o); }
static inline int rg_is_type(PyObject *o) { return PyType_Check(o); }
static inline int rg_is_module(PyObject *o) { return PyModule_Check(o); }

/// PyType_IS_GC is a macro; PyObject_IS_GC's tp_is_gc check is inline in internal headers.
static inline int rg_type_is_gc(PyTypeObject *t) { return (t->tp_flags & Py_TPFLAGS_HAVE_GC) != 0; }
/// An object the collector may traverse: GC type, and tp_is_gc (if any) agrees. Calling
/// tp_traverse on a static type object aborts the process, which this check prevents.
static inline int rg_object_is_gc(PyObject *o) {
    PyTypeObject *t = Py_TYPE(o);
    if (!(t->tp_flags & Py_TPFLAGS_HAVE_GC) || t->tp_traverse == NULL) return 0;
    return t->tp_is_gc == NULL || t->tp_is_gc(o);
}
/// The GC header and managed-dict pre-header that sys.getsizeof adds (_PyType_PreHeaderSize).
static inline Py_ssize_t rg_preheader_size(PyTypeObject *t) {
    return ((t->tp_flags & Py_TPFLAGS_HAVE_GC) ? (Py_ssize_t)sizeof(PyGC_Head) : 0)
         + ((t->tp_flags & Py_TPFLAGS_MANAGED_DICT) ? 2 * (Py_ssize_t)sizeof(PyObject *) : 0);
}
/// Calls a traverseproc through the struct field (a C function pointer Swift can't call
/// with a Swift-made visitproc without a cast).
static inline int rg_traverse(PyObject *o, visitproc visit, void *arg) {
    return Py_TYPE(o)->tp_traverse(o, visit, arg);
}
static inline int rg_traverse_as(traverseproc traverse, PyObject *o, visitproc visit, void *arg) {
    return traverse(o, visit, arg);
}
/// PyObject_GC_IsTracked without the call (pycore_gc.h's _PyObject_GC_IS_TRACKED).
static inline int rg_gc_is_tracked(PyObject *o) { return _PyObject_GC_IS_TRACKED(o); }
/// The permanent generation, where gc.freeze() moves every tracked object and which
/// gc.get_objects() leaves out: a circular list of GC headers headed by this one
/// (interp->gc.permanent_generation, 3.11 internal layout; no API lists its objects).
static inline PyGC_Head *rg_gc_permanent_head(void) { return &PyInterpreterState_Get()->gc.permanent_generation.head; }
static inline PyGC_Head *rg_gc_next(PyGC_Head *g) { return _PyGCHead_NEXT(g); }
/// The object after its GC header (pycore_object.h's _Py_FROM_GC).
static inline PyObject *rg_gc_object(PyGC_Head *g) { return (PyObject *)(g + 1); }
/// __builtin_prefetch is a compiler builtin Swift cannot name: lets the walker start the cache
/// miss of a hash-table slot or an object header before it needs it.
static inline void rg_prefetch(const void *p) { __builtin_prefetch(p); }
static inline Py_ssize_t rg_refcnt(PyObject *o) { return Py_REFCNT(o); }
static inline Py_ssize_t rg_size(PyObject *o) { return Py_SIZE(o); }
static inline PyObject **rg_list_items(PyObject *o) { return ((PyListObject *)o)->ob_item; }
static inline PyObject **rg_tuple_items(PyObject *o) { return ((PyTupleObject *)o)->ob_item; }

// MARK: - Dicts (3.11 internal layout; read without lookups that could call user __eq__)

static inline PyDictKeysObject *rg_dict_keys(PyObject *d) { return ((PyDictObject *)d)->ma_keys; }
static inline PyObject **rg_dict_values(PyObject *d) {
    PyDictValues *v = ((PyDictObject *)d)->ma_values;
    return v ? v->values : NULL;
}
static inline Py_ssize_t rg_keys_nentries(PyDictKeysObject *k) { return k->dk_nentries; }
static inline int rg_keys_is_unicode(PyDictKeysObject *k) { return DK_IS_UNICODE(k); }
/// Key and value of entry i of a keys table (DK_ENTRIES / DK_UNICODE_ENTRIES are macros).
/// For a split table the value comes from `values`.
static inline PyObject *rg_keys_key(PyDictKeysObject *k, Py_ssize_t i) {
    int8_t *base = &((int8_t *)k->dk_indices)[(size_t)1 << k->dk_log2_index_bytes];
    if (DK_IS_UNICODE(k)) return ((PyDictUnicodeEntry *)base)[i].me_key;
    return ((PyDictKeyEntry *)base)[i].me_key;
}
static inline PyObject *rg_keys_value(PyDictKeysObject *k, Py_ssize_t i) {
    int8_t *base = &((int8_t *)k->dk_indices)[(size_t)1 << k->dk_log2_index_bytes];
    if (DK_IS_UNICODE(k)) return ((PyDictUnicodeEntry *)base)[i].me_value;
    return ((PyDictKeyEntry *)base)[i].me_value;
}
/// A borrowed value for an ASCII name from a dict whose keys are all str, found without
/// calling any __eq__ (str keys compare by identity or by str's own equality); NULL if
/// absent or if the dict has non-str keys (then nothing is looked up). A dict subclass (the
/// class dict of a ctypes type is one) keeps its items in a dict's own storage, read here
/// without calling any of the subclass's methods.
static inline PyObject *rg_dict_get_str(PyObject *d, const char *name) {
    if (d == NULL || !PyDict_Check(d)) return NULL;
    PyDictKeysObject *k = ((PyDictObject *)d)->ma_keys;
    if (!DK_IS_UNICODE(k)) return NULL;
    PyObject **values = rg_dict_values(d);
    Py_ssize_t n = k->dk_nentries;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *key = rg_keys_key(k, i);
        PyObject *value = values ? values[i] : rg_keys_value(k, i);
        if (key == NULL || value == NULL || !PyUnicode_CheckExact(key)) continue;
        if (PyUnicode_CompareWithASCIIString(key, name) == 0) return value;
    }
    return NULL;
}

/// OrderedDict's private layout (odictobject.c, 3.11): a dict, then a linked list of nodes,
/// each holding a reference of its own to its key (od_fast_nodes points at nodes, not objects).
typedef struct rg_odictnode { PyObject *key; Py_hash_t hash; struct rg_odictnode *next; struct rg_odictnode *prev; } rg_odictnode;
typedef struct {
    PyDictObject od_dict; rg_odictnode *od_first; rg_odictnode *od_last; rg_odictnode **od_fast_nodes;
    Py_ssize_t od_fast_nodes_size; void *od_resize_sentinel; size_t od_state; PyObject *od_inst_dict; PyObject *od_weakreflist;
} rg_odict;
static inline PyObject *rg_odict_inst_dict(PyObject *o) { return ((rg_odict *)o)->od_inst_dict; }
static inline rg_odictnode *rg_odict_first(PyObject *o) { return ((rg_odict *)o)->od_first; }
static inline rg_odictnode *rg_odictnode_next(rg_odictnode *n) { return n->next; }
static inline PyObject *rg_odictnode_key(rg_odictnode *n) { return n->key; }

// MARK: - Instances of heap types (3.11 managed dicts and __slots__)

/// The inline attribute values of a managed-dict instance (_PyObject_ValuesPointer), or NULL.
static inline PyObject **rg_managed_values(PyObject *o) {
    if (!(Py_TYPE(o)->tp_flags & Py_TPFLAGS_MANAGED_DICT)) return NULL;
    PyDictValues *v = *(((PyDictValues **)o) - 4);
    return v ? v->values : NULL;
}
/// The shared keys of a heap type's instances (CACHED_KEYS).
static inline PyDictKeysObject *rg_cached_keys(PyTypeObject *t) {
    return (t->tp_flags & Py_TPFLAGS_HEAPTYPE) ? ((PyHeapTypeObject *)t)->ht_cached_keys : NULL;
}
/// The instance __dict__ if it exists (never creates it; _PyObject_DictPointer isn't exported).
static inline PyObject *rg_instance_dict(PyObject *o) {
    PyTypeObject *t = Py_TYPE(o);
    if (t->tp_flags & Py_TPFLAGS_MANAGED_DICT) return *(((PyObject **)o) - 3);
    Py_ssize_t offset = t->tp_dictoffset;
    if (offset == 0) return NULL;
    if (offset < 0) {
        Py_ssize_t n = Py_SIZE(o);
        if (n < 0) n = -n;
        offset += (Py_ssize_t)_PyObject_VAR_SIZE(t, n);
    }
    return *(PyObject **)((char *)o + offset);
}
static inline int rg_is_heap_type(PyTypeObject *t) { return (t->tp_flags & Py_TPFLAGS_HEAPTYPE) != 0; }
/// A heap type's __slots__ members follow its struct (typeobject.c's PyHeapType_GET_MEMBERS,
/// which 3.11's public headers do not define).
static inline PyMemberDef *rg_heap_members(PyTypeObject *t) { return (PyMemberDef *)(((char *)t) + Py_TYPE(t)->tp_basicsize); }
static inline PyObject *rg_member_object(PyObject *o, PyMemberDef *m) {
    return (m->type == T_OBJECT_EX || m->type == T_OBJECT) ? *(PyObject **)((char *)o + m->offset) : NULL;
}
static inline PyObject *rg_heap_qualname(PyTypeObject *t) { return ((PyHeapTypeObject *)t)->ht_qualname; }

// MARK: - Structs the C API exposes only through macros or private definitions

static inline PyObject *rg_module_dict(PyObject *m) { return ((PyModuleObject *)m)->md_dict; }
static inline PyObject *rg_cell_contents(PyObject *c) { return ((PyCellObject *)c)->ob_ref; }
/* A weak reference's (or proxy's) callback, the one reference its tp_traverse visits. */
static inline PyObject *rg_weakref_callback(PyObject *o) { return ((PyWeakReference *)o)->wr_callback; }
static inline PyObject *rg_method_func(PyObject *m) { return ((PyMethodObject *)m)->im_func; }
static inline PyObject *rg_method_self(PyObject *m) { return ((PyMethodObject *)m)->im_self; }
static inline PyObject *rg_cfunction_self(PyObject *m) { return ((PyCFunctionObject *)m)->m_self; }
static inline PyObject *rg_cfunction_module(PyObject *m) { return ((PyCFunctionObject *)m)->m_module; }
static inline const char *rg_cfunction_name(PyObject *m) { return ((PyCFunctionObject *)m)->m_ml->ml_name; }
/// classmethod and staticmethod share this private layout (funcobject.c, 3.11).
typedef struct { PyObject_HEAD PyObject *cm_callable; PyObject *cm_dict; } rg_classmethod;
static inline PyObject *rg_classmethod_callable(PyObject *o) { return ((rg_classmethod *)o)->cm_callable; }
static inline PyObject *rg_classmethod_dict(PyObject *o) { return ((rg_classmethod *)o)->cm_dict; }
/// property's private layout (descrobject.c, 3.11).
typedef struct { PyObject_HEAD PyObject *prop_get; PyObject *prop_set; PyObject *prop_del; PyObject *prop_doc; PyObject *prop_name; int getter_doc; } rg_property;
static inline PyObject *rg_property_field(PyObject *o, int i) {
    rg_property *p = (rg_property *)o;
    switch (i) { case 0: return p->prop_get; case 1: return p->prop_set; case 2: return p->prop_del; case 3: return p->prop_doc; default: return p->prop_name; }
}
static inline PyObject *rg_exception_field(PyObject *o, int i) {
    PyBaseExceptionObject *e = (PyBaseExceptionObject *)o;
    switch (i) { case 0: return e->dict; case 1: return e->args; case 2: return e->notes; case 3: return e->traceback; case 4: return e->context; default: return e->cause; }
}
static inline PyObject *rg_traceback_next(PyObject *o) { return (PyObject *)((PyTracebackObject *)o)->tb_next; }
static inline PyObject *rg_traceback_frame(PyObject *o) { return (PyObject *)((PyTracebackObject *)o)->tb_frame; }
static inline PyObject *rg_gen_code(PyObject *o) { return (PyObject *)((PyGenObject *)o)->gi_code; }
static inline PyObject *rg_gen_name(PyObject *o) { return ((PyGenObject *)o)->gi_name; }
static inline PyObject *rg_gen_qualname(PyObject *o) { return ((PyGenObject *)o)->gi_qualname; }
/// The generator's embedded interpreter frame, or NULL once it is cleared.
static inline _PyInterpreterFrame *rg_gen_iframe(PyObject *o) {
    PyGenObject *g = (PyGenObject *)o;
    return g->gi_frame_state < FRAME_CLEARED ? (_PyInterpreterFrame *)g->gi_iframe : NULL;
}
static inline PyObject *rg_type_dict(PyTypeObject *t) { return t->tp_dict; }
static inline PyObject *rg_type_mro(PyTypeObject *t) { return t->tp_mro; }
static inline PyObject *rg_type_bases(PyTypeObject *t) { return t->tp_bases; }
static inline PyObject *rg_type_base(PyTypeObject *t) { return (PyObject *)t->tp_base; }
static inline PyObject *rg_type_ht_module(PyTypeObject *t) { return rg_is_heap_type(t) ? ((PyHeapTypeObject *)t)->ht_module : NULL; }
/// The C function behind a method descriptor (e.g. list.__sizeof__), if it takes no arguments.
static inline PyCFunction rg_method_descr_noargs(PyObject *d) {
    if (!Py_IS_TYPE(d, &PyMethodDescr_Type)) return NULL;
    PyMethodDef *m = ((PyMethodDescrObject *)d)->d_method;
    return (m->ml_flags & METH_NOARGS) && !(m->ml_flags & (METH_CLASS | METH_STATIC)) ? m->ml_meth : NULL;
}
static inline PyObject *rg_call_cfunction_noargs(PyCFunction f, PyObject *self) { return f(self, NULL); }
/// Calls a module's C function with no arguments straight from its method table, without
/// making a function object (which would be a new gc-tracked object) — the calling
/// convention depends on ml_flags, and the function pointer casts are C-only.
static inline PyObject *rg_call_method_def_noargs(PyMethodDef *m, PyObject *self) {
    int flags = m->ml_flags & ~(METH_CLASS | METH_STATIC | METH_COEXIST);
    PyObject *empty, *result;
    switch (flags) {
    case METH_NOARGS: return m->ml_meth(self, NULL);
    case METH_FASTCALL: return ((_PyCFunctionFast)(void (*)(void))m->ml_meth)(self, NULL, 0);
    case METH_FASTCALL | METH_KEYWORDS:
        return ((_PyCFunctionFastWithKeywords)(void (*)(void))m->ml_meth)(self, NULL, 0, NULL);
    case METH_VARARGS:
    case METH_VARARGS | METH_KEYWORDS:
        empty = PyTuple_New(0);
        if (empty == NULL) return NULL;
        result = (flags & METH_KEYWORDS) ? ((PyCFunctionWithKeywords)(void (*)(void))m->ml_meth)(self, empty, NULL)
                                         : m->ml_meth(self, empty);
        Py_DECREF(empty);
        return result;
    default:
        PyErr_SetString(PyExc_TypeError, "unsupported calling convention");
        return NULL;
    }
}

// MARK: - Frames (3.11 interpreter frames)

static inline PyObject *rg_code_filename(PyObject *c) { return ((PyCodeObject *)c)->co_filename; }
static inline PyObject *rg_code_name(PyObject *c) { return ((PyCodeObject *)c)->co_name; }
static inline PyObject *rg_code_qualname(PyObject *c) { return ((PyCodeObject *)c)->co_qualname; }
static inline int rg_code_firstlineno(PyObject *c) { return ((PyCodeObject *)c)->co_firstlineno; }
static inline PyObject *rg_code_localsplusnames(PyObject *c) { return ((PyCodeObject *)c)->co_localsplusnames; }
static inline int rg_code_nlocalsplus(PyObject *c) { return ((PyCodeObject *)c)->co_nlocalsplus; }
/// The kind byte of local i (CO_FAST_LOCAL 0x20, CO_FAST_CELL 0x40, CO_FAST_FREE 0x80).
static inline int rg_code_localspluskind(PyObject *c, int i) {
    PyObject *kinds = ((PyCodeObject *)c)->co_localspluskinds;
    return (kinds && i < PyBytes_GET_SIZE(kinds)) ? (unsigned char)PyBytes_AS_STRING(kinds)[i] : 0;
}
/// The object fields a 3.11 code object owns (it is not a GC type, so nothing traverses them):
/// 0 co_consts, 1 co_names, 2 co_exceptiontable, 3 co_localsplusnames, 4 co_filename,
/// 5 co_name, 6 co_qualname, 7 co_linetable.
static inline PyObject *rg_code_field(PyObject *c, int i) {
    PyCodeObject *code = (PyCodeObject *)c;
    switch (i) {
    case 0: return code->co_consts; case 1: return code->co_names; case 2: return code->co_exceptiontable;
    case 3: return code->co_localsplusnames; case 4: return code->co_filename; case 5: return code->co_name;
    case 6: return code->co_qualname; default: return code->co_linetable;
    }
}
static inline _PyInterpreterFrame *rg_frame_iframe(PyObject *f) { return ((PyFrameObject *)f)->f_frame; }
static inline PyObject *rg_frame_back_field(PyObject *f) { return (PyObject *)((PyFrameObject *)f)->f_back; }
static inline PyObject *rg_frame_trace(PyObject *f) { return ((PyFrameObject *)f)->f_trace; }
static inline int rg_iframe_owner(_PyInterpreterFrame *f) { return f->owner; }
static inline PyObject *rg_iframe_func(_PyInterpreterFrame *f) { return (PyObject *)f->f_func; }
static inline PyObject *rg_iframe_globals(_PyInterpreterFrame *f) { return f->f_globals; }
static inline PyObject *rg_iframe_locals(_PyInterpreterFrame *f) { return f->f_locals; }
static inline PyObject *rg_iframe_code(_PyInterpreterFrame *f) { return (PyObject *)f->f_code; }
static inline PyObject *rg_iframe_frame_obj(_PyInterpreterFrame *f) { return (PyObject *)f->frame_obj; }
static inline int rg_iframe_stacktop(_PyInterpreterFrame *f) { return f->stacktop; }
static inline PyObject **rg_iframe_localsplus(_PyInterpreterFrame *f) { return f->localsplus; }
static inline int rg_iframe_owned_by_thread(_PyInterpreterFrame *f) { return f->owner == FRAME_OWNED_BY_THREAD; }
/// The innermost interpreter frame of a thread (tstate->cframe->current_frame).
static inline _PyInterpreterFrame *rg_thread_current_iframe(PyThreadState *t) {
    return t->cframe ? t->cframe->current_frame : NULL;
}
static inline _PyInterpreterFrame *rg_iframe_previous(_PyInterpreterFrame *f) { return f->previous; }
static inline int rg_iframe_is_incomplete(_PyInterpreterFrame *f) { return _PyFrame_IsIncomplete(f); }
static inline unsigned long rg_thread_id(PyThreadState *t) { return t->thread_id; }

// MARK: - Strings (PEP 393 accessors are macros)

static inline int rg_unicode_kind(PyObject *s) { return PyUnicode_KIND(s); }
static inline void *rg_unicode_data(PyObject *s) { return PyUnicode_DATA(s); }
static inline Py_ssize_t rg_unicode_length(PyObject *s) { return PyUnicode_GET_LENGTH(s); }
static inline int rg_unicode_is_ready(PyObject *s) { return PyUnicode_IS_READY(s); }
static inline int rg_unicode_is_ascii(PyObject *s) { return PyUnicode_IS_ASCII(s); }
/// str.__sizeof__ (unicode_sizeof_impl, 3.11) computed without creating an int; its
/// wstr/utf8 checks are macros private to unicodeobject.c.
static inline Py_ssize_t rg_unicode_sizeof(PyObject *o) {
    PyASCIIObject *a = (PyASCIIObject *)o;
    PyCompactUnicodeObject *c = (PyCompactUnicodeObject *)o;
    int compactASCII = a->state.compact && a->state.ascii && a->state.ready;
    Py_ssize_t size;
    if (compactASCII) size = sizeof(PyASCIIObject) + a->length + 1;
    else if (a->state.compact) size = sizeof(PyCompactUnicodeObject) + (a->length + 1) * a->state.kind;
    else {
        size = sizeof(PyUnicodeObject);
        if (((PyUnicodeObject *)o)->data.any) size += (a->length + 1) * a->state.kind;
    }
    if (a->wstr && (!a->state.ready || a->wstr != (wchar_t *)PyUnicode_DATA(o)))
        size += ((compactASCII ? a->length : c->wstr_length) + 1) * (Py_ssize_t)sizeof(wchar_t);
    if (!compactASCII && c->utf8 && c->utf8 != (char *)PyUnicode_DATA(o)) size += c->utf8_length + 1;
    return size;
}
/// int.__sizeof__ (3.11): the digits in use.
static inline Py_ssize_t rg_long_sizeof(PyObject *o) {
    Py_ssize_t n = Py_SIZE(o);
    return (Py_ssize_t)offsetof(PyLongObject, ob_digit) + (n < 0 ? -n : n) * (Py_ssize_t)sizeof(digit);
}
/// list.__sizeof__ (3.11): the struct and the allocated item slots.
static inline Py_ssize_t rg_list_sizeof(PyObject *o) {
    return Py_TYPE(o)->tp_basicsize + ((PyListObject *)o)->allocated * (Py_ssize_t)sizeof(PyObject *);
}
static inline char *rg_bytes_data(PyObject *b) { return ((PyBytesObject *)b)->ob_sval; }

// MARK: - Writing to stderr (fprintf is variadic and stderr a global)

static inline void rg_write_stderr(const char *text) { fputs(text, stderr); fflush(stderr); }

// MARK: - Config (PyConfig fields passed to setters by pointer overlap in Swift)

static inline PyStatus rg_config_set_executable(PyConfig *c, const char *value) { return PyConfig_SetBytesString(c, &c->executable, value); }
static inline PyStatus rg_config_set_program_name(PyConfig *c, const char *value) { return PyConfig_SetBytesString(c, &c->program_name, value); }
static inline PyStatus rg_config_set_home(PyConfig *c, const char *value) { return PyConfig_SetBytesString(c, &c->home, value); }
static inline PyStatus rg_config_set_argv(PyConfig *c, Py_ssize_t argc, char *const *argv) { return PyConfig_SetBytesArgv(c, argc, argv); }

// MARK: - The built-in `_refgraph` module (PyModuleDef_HEAD_INIT is a macro; the def must outlive the module)

typedef PyObject *(*rg_fastcall)(PyObject *, PyObject *const *, Py_ssize_t);
static inline PyObject *rg_make_module(rg_fastcall snapshot, const char *doc) {
    static PyMethodDef methods[2];
    static PyModuleDef def = { PyModuleDef_HEAD_INIT, "_refgraph", NULL, -1, NULL, NULL, NULL, NULL, NULL };
    methods[0].ml_name = "snapshot";
    methods[0].ml_meth = (PyCFunction)(void (*)(void))snapshot;
    methods[0].ml_flags = METH_FASTCALL;
    methods[0].ml_doc = doc;
    methods[1].ml_name = NULL;
    def.m_methods = methods;
    def.m_doc = "refgraph's C-API heap walker, available inside `refgraph run`.";
    return PyModule_Create(&def);
}

#endif
