// Umbrella header for CPython (python3-embed). Each helper below exists because the C API
// offers the thing only as a macro or a global, which Swift 6 cannot use directly.
#ifndef REFGRAPH_CPYTHON_SHIM_H
#define REFGRAPH_CPYTHON_SHIM_H

// pyconfig.h defines _GNU_SOURCE; glibc's headers must be read first or a clean debug
// build fails with "'__fds_bits' ... is not present in definition of 'fd_set'".
#include <features.h>
#include <Python.h>
#include <frameobject.h>

/// Py_None is a macro over a global (&_Py_NoneStruct).
static inline PyObject *rg_None(void) { return Py_None; }
/// Py_True / Py_False are macros over globals.
static inline PyObject *rg_True(void) { return Py_True; }
static inline PyObject *rg_False(void) { return Py_False; }

#endif
