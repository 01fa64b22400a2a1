"""refgraph's agent: write a heap snapshot of this Python process for refgraph to analyse.

    import refgraph_agent
    summary = refgraph_agent.snapshot("after-warmup.rgs")
    # {'path': 'after-warmup.rgs', 'objects': 123456, 'edges': 234567,
    #  'bytes': 12345678, 'seconds': 0.05, 'write_seconds': 0.01}

    refgraph_agent.install()          # then: kill -USR1 <pid>
    refgraph_agent.uninstall()        # puts the previous SIGUSR1 handler back

Inside ``refgraph run script.py`` ``snapshot`` uses refgraph's C-API walker (the built-in
``_refgraph`` module). Anywhere else -- any CPython 3.8 to 3.13, standard library only -- it
walks the heap in pure Python and writes the same file format (docs/snapshot-format.md;
version 1.1, with references by address, which refgraph resolves when it reads the file).
Either way it never runs code of yours: no ``__repr__``, ``__eq__``, ``__hash__``,
``__getattr__``, properties, descriptors or Python-level ``__sizeof__`` are called; the gc's
state is restored; the agent's own frames and objects are left out of the snapshot; nothing
is kept after it returns; files are written to a temporary name, then renamed, mode 0600.

What the pure-Python walk cannot see is listed in the snapshot's ``limitations``.
"""

# The top level imports only modules every interpreter has loaded before user code runs.
# Under `refgraph run` the walk is refgraph's own, so the pure-Python walk's modules (array,
# itertools, operator, struct, ...) would only add objects of no use to every snapshot.
# Outside it they are imported here, with the agent, so that taking a snapshot never
# changes sys.modules. install imports signal itself.
import _thread
import _weakref
import gc as _gc
import os as _os
import posix as _posix
import sys as _sys
import time as _time

# --- What the agent calls, bound once at import from what a program cannot replace: a
# program may put wrappers in the place of builtins.len, id, getattr, sorted,
# sys.getrefcount, gc.get_referents, os.write, ... before or after importing the agent,
# and none of them may run during a snapshot. Types come from literals; a function is the
# C function of its module (type builtin_function_or_method, ``__self__`` the module, its
# own name: nothing else can be made so), found in the module's dict, else among the
# objects that refer to the module (a wrapper usually keeps the original alive, and the
# interpreter keeps a copy of the builtins' dict from before any code of the program
# ran). Every name of builtins the agent uses is bound in this module's namespace, which
# Python searches before builtins.

type = ().__class__.__class__
_BUILTIN_TYPE = type(().__sizeof__)
_MODULE_TYPE = type(_sys)
_dict_get = {}.__class__.get
_type_flags = type.__dict__["__flags__"].__get__
_type_qualname = type.__dict__["__qualname__"].__get__
_module_dict_get = _MODULE_TYPE.__dict__["__dict__"].__get__
_HEAPTYPE = 1 << 9  # Py_TPFLAGS_HEAPTYPE; the walk's section names the other flags
# What the agent needs that it found replaced and could not recover, by name (the snapshot
# names it in its limitations).
_REPLACED = []


def _module_named(name):
    """The loaded module ``name``, checked to be a module of that name."""
    modules = _sys.modules
    module = _dict_get(modules, name) if type(modules) is {}.__class__ else None
    if type(module) is not _MODULE_TYPE or _dict_get(_module_dict_get(module), "__name__") != name:
        raise ImportError("refgraph_agent: sys.modules[%r] is not the module %s." % (name, name))
    return module


def _is_own_function(value, module, name):
    return type(value) is _BUILTIN_TYPE and value.__self__ is module and value.__name__ == name


def _genuine_functions(module, names):
    """The module's own C functions ``names``, in order."""
    namespace = _module_dict_get(module)
    found = [_dict_get(namespace, name) for name in names]
    missing = [name for name, value in zip(names, found) if not _is_own_function(value, module, name)]
    if missing:
        referrers = _gc_get_referrers(module)
        for k, name in enumerate(names):
            if name in missing:
                for value in referrers:
                    if _is_own_function(value, module, name):
                        found[k] = value
                        break
                else:
                    _REPLACED.append(_dict_get(namespace, "__name__") + "." + name)
    return found


def _is_c_type(value, name):
    """A built-in (static) type or an immutable C type named ``name``: Python cannot make one."""
    return type(value) is type and (not _type_flags(value) & _HEAPTYPE or _type_flags(value) & (1 << 8)) \
        and _type_qualname(value) == name


def _genuine_types(namespace, names, more=None):
    """C types ``names`` from the dict ``namespace``, else from the first of the dicts
    ``more()`` gives that holds one under that name."""
    found = [_dict_get(namespace, name) for name in names]
    for k, name in enumerate(names):
        if not _is_c_type(found[k], name):
            for other in (more() if more is not None else []):
                if _is_c_type(_dict_get(other, name), name):
                    found[k] = _dict_get(other, name)
                    break
            else:
                _REPLACED.append(name)
    return found


def _kept_by(replacement, module, name):
    """The module's own function ``name`` among what a replacement refers to, up to three
    references away (a wrapper's closure cell or default), or None."""
    level = [replacement]
    for _ in range(3):
        following = []
        for value in level:
            for referent in _gc_get_referents(value):
                if _is_own_function(referent, module, name):
                    return referent
                following.append(referent)
        level = following[:10000]
    return None


_gc_get_referents = _dict_get(_module_dict_get(_gc), "get_referents")
if not _is_own_function(_gc_get_referents, _gc, "get_referents"):
    _gc_get_referents = _kept_by(_gc_get_referents, _gc, "get_referents") or _gc_get_referents
_gc_get_referrers = _dict_get(_module_dict_get(_gc), "get_referrers")
if not _is_own_function(_gc_get_referrers, _gc, "get_referrers"):
    _gc_get_referrers = _kept_by(_gc_get_referrers, _gc, "get_referrers") or _gc_get_referrers
_builtins = _module_named("builtins")
(all, callable, getattr, globals, hasattr, id, isinstance, issubclass, len, max, min, next, sorted,
 sum) = _genuine_functions(_builtins, (
    "all", "callable", "getattr", "globals", "hasattr", "id", "isinstance", "issubclass", "len", "max", "min",
    "next", "sorted", "sum"))


def _builtins_copies():
    """The interpreter's copies of the builtins' dict, from before any code of the program
    ran (looked for only when a name in the dict is not what it was)."""
    return [d for d in _gc_get_referrers(len) if type(d) is {}.__class__ and _dict_get(d, "__name__") == "builtins"]


(bool, bytearray, bytes, classmethod, dict, enumerate, float, frozenset, int, list, map, memoryview, object,
 property, range, reversed, set, slice, staticmethod, str, tuple, zip, BaseException, Exception, ImportError,
 IsADirectoryError, OSError, OverflowError, RuntimeError, ValueError) = _genuine_types(_module_dict_get(_builtins), (
    "bool", "bytearray", "bytes", "classmethod", "dict", "enumerate", "float", "frozenset", "int", "list", "map",
    "memoryview", "object", "property", "range", "reversed", "set", "slice", "staticmethod", "str", "tuple", "zip",
    "BaseException", "Exception", "ImportError", "IsADirectoryError", "OSError", "OverflowError", "RuntimeError",
    "ValueError"), _builtins_copies)
(_gc_collect, _gc_disable, _gc_enable, _gc_get_count, _gc_get_freeze_count, _gc_get_objects, _get_referents,
 _gc_get_threshold, _is_tracked, _gc_isenabled, _gc_set_threshold) = _genuine_functions(_gc, (
    "collect", "disable", "enable", "get_count", "get_freeze_count", "get_objects", "get_referents",
    "get_threshold", "is_tracked", "isenabled", "set_threshold"))
(_current_frames, _getframe, _getrefcount, _getsizeof, _getswitchinterval, _setswitchinterval) = \
    _genuine_functions(_sys, ("_current_frames", "_getframe", "getrefcount", "getsizeof", "getswitchinterval",
                              "setswitchinterval"))
(_os_close, _os_fspath, _os_fsync, _os_ftruncate, _os_getpid, _os_lstat, _os_open, _os_read, _os_replace,
 _os_stat, _os_unlink, _os_write) = _genuine_functions(_posix, (
    "close", "fspath", "fsync", "ftruncate", "getpid", "lstat", "open", "read", "replace", "stat", "unlink",
    "write"))
# Where the system has them (Linux).
_os_posix_fadvise = _genuine_functions(_posix, ("posix_fadvise",))[0] if "posix_fadvise" in _posix.__dict__ else None
_os_preadv = _genuine_functions(_posix, ("preadv",))[0] if "preadv" in _posix.__dict__ else None
_perf_counter, _time_time, _strftime, _gmtime = _genuine_functions(_time, ("perf_counter", "time", "strftime",
                                                                         "gmtime"))
_allocate_lock, _start_new_thread = _genuine_functions(_thread, ("allocate_lock", "start_new_thread"))

try:
    import _refgraph
except ImportError:  # outside `refgraph run`
    _refgraph = None
    # The standard-library modules the pure-Python walk uses, imported with the agent.
    import _json
    import _operator
    import _struct
    import array
    import itertools
    from opcode import opmap as _opmap
    _array, = _genuine_types(array.__dict__, ("array",))
    _accumulate, _chain, _compress, _count, _repeat = _genuine_types(itertools.__dict__, (
        "accumulate", "chain", "compress", "count", "repeat"))
    _itemgetter, = _genuine_types(_operator.__dict__, ("itemgetter",))
    _add, _is, _not, _rshift, _sub = _genuine_functions(_operator, ("add", "is_", "not_", "rshift", "sub"))
    _Struct, = _genuine_types(_struct.__dict__, ("Struct",))
    _encode_json_string, = _genuine_functions(_json, ("encode_basestring_ascii",))

__all__ = ["snapshot", "install", "uninstall"]
__version__ = "0.1.0"

CAPTURED_BY = "refgraph_agent (pure Python) " + __version__


def snapshot(path, collect=False):
    """Write a snapshot of this process's heap to ``path`` (str or path-like; relative to
    the current directory) and return a summary dict with the keys ``path`` (as given),
    ``objects``, ``edges``, ``bytes`` (total shallow size), ``seconds`` (the whole capture,
    file write included) and ``write_seconds``.

    ``collect=True`` runs ``gc.collect()`` first. Raises ``OSError`` if the file cannot be
    written (nothing half-written is left) and ``RuntimeError`` if the walk fails.
    """
    path = _os_fspath(path)
    if _refgraph is not None:
        return _refgraph.snapshot(path, bool(collect))
    return _snapshot(path, collect, None)


def _snapshot(path, collect, own):
    """``snapshot`` for a caller that is part of refgraph (``refgraph attach``'s bootstrap).
    ``own`` (a list, or None) holds the caller's objects, its frames included: they are left
    out of the snapshot like the agent's own, so they do not show up as new in every attach."""
    started = _perf_counter()
    for attempt in range(_WALK_ATTEMPTS):
        try:
            data, objects, edges, total, fd, temporary = _capture(bool(collect), started, own, path)
            break
        except _HeapChanged:
            if attempt + 1 == _WALK_ATTEMPTS:
                raise
    writing = _perf_counter()
    _write_into(fd, temporary, path, data)
    del data
    ended = _perf_counter()
    return {"path": path, "objects": objects, "edges": edges, "bytes": total,
            "seconds": ended - started, "write_seconds": ended - writing}


_installed = {}
_busy = []


def install(signum=None, directory=None, collect=False):
    """Write a snapshot each time the process receives ``signum`` (default ``SIGUSR1``),
    into ``directory`` (default: the current directory at install time), named
    ``refgraph-PID-YYYYmmddTHHMMSS.ffffffZ.rgs``.

    The snapshot is taken by a Python-level handler, which CPython runs in the main thread
    between bytecodes (never inside the C signal handler); the handler that was installed
    before is called after it (unless it was the default action or ``SIG_IGN``). A failure
    is printed to stderr as one line and never raised into the interrupted code. Must be
    called from the main thread; it unblocks ``signum`` in that thread if it was blocked.
    Returns the handler it replaced; ``uninstall(signum)`` puts that handler back.
    """
    import signal
    if signum is None:
        signum = signal.SIGUSR1
    folder = _os.path.abspath(_os_fspath(directory) if directory is not None else _os.getcwd())
    if not _os.path.isdir(folder):
        raise OSError("refgraph_agent.install: %r is not a directory." % folder)
    uninstall(signum)
    previous = signal.getsignal(signum)

    def handler(received, frame):
        _on_signal(folder, collect)
        if callable(previous):
            previous(received, frame)

    try:
        signal.signal(signum, handler)
    except ValueError as error:
        raise ValueError("refgraph_agent.install must be called from the main thread: %s" % error) from error
    # A process started with the signal blocked (some supervisors and test runners block
    # most signals for their children) would never see it.
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, [signum])
    _installed[signum] = (handler, previous)
    return previous


def uninstall(signum=None):
    """Put back the handler that ``install(signum)`` replaced (default ``SIGUSR1``).
    Returns True if a handler of this module was removed."""
    import signal
    if signum is None:
        signum = signal.SIGUSR1
    entry = _installed.pop(signum, None)
    if entry is None:
        return False
    handler, previous = entry
    if signal.getsignal(signum) is handler:
        signal.signal(signum, previous if previous is not None else signal.SIG_DFL)
    return True


def _on_signal(folder, collect):
    if _busy:
        _sys.stderr.write("refgraph_agent: a snapshot is already being written; signal ignored.\n")
        return
    _busy.append(True)
    try:
        now = _time_time()
        stamp = _strftime("%Y%m%dT%H%M%S", _gmtime(now)) + ".%06dZ" % int((now % 1) * 1e6)
        path = _join_path(folder, "refgraph-%d-%s.rgs" % (_os_getpid(), stamp))
        summary = snapshot(path, collect)
        _sys.stderr.write("refgraph_agent: snapshot of %d objects -> %s\n" % (summary["objects"], path))
    except Exception as error:  # never raise into the interrupted program
        _sys.stderr.write("refgraph_agent: snapshot failed: %s\n" % (error,))
    finally:
        del _busy[:]
    try:
        _sys.stderr.flush()
    except Exception:
        pass


_WRITE_STEP = 8 << 20


def _write_error(path, error):
    return OSError(error.errno, "The snapshot could not be written to '%s': %s." % (path, error.strerror))


# What a snapshot never replaces, by st_mode's file type (S_IFMT bits), in words.
_S_IFMT = 0o170000
_SPECIAL_FILES = {0o010000: "a FIFO", 0o020000: "a character device", 0o060000: "a block device",
                  0o140000: "a socket", 0o040000: "a directory"}
_S_IFLNK = 0o120000


def _special_file_error(path):
    """The OSError (IsADirectoryError for a folder) to raise if ``path`` exists and is not
    a regular file, or is a symbolic link to one that is not, else None: renaming the
    snapshot over it would replace a device node, FIFO or socket (run as root on
    /dev/null, the system's)."""
    try:
        mode = _os_lstat(path).st_mode & _S_IFMT
        if mode == _S_IFLNK:
            mode = _os_stat(path).st_mode & _S_IFMT
    except OSError:
        return None
    what = _SPECIAL_FILES.get(mode)
    if what is None:
        return None
    message = "The snapshot could not be written to '%s': it is %s, not a regular file; it was left as it is." % (
        path, what)
    if mode == 0o040000:
        return IsADirectoryError(21, message)
    return OSError(message)


def _split_path(path):
    """(folder, name) of a str or bytes path, the folder "" for a name alone (posixpath's
    split, whose Python code calls builtins by name)."""
    if type(path) is bytes:
        path = bytes.decode(path, "utf-8", "surrogateescape")
    i = str.rfind(path, "/") + 1
    folder = path[:i]
    if folder and folder != "/" * len(folder):
        folder = str.rstrip(folder, "/")
    return folder, path[i:]


def _join_path(folder, name):
    """``name`` in ``folder`` ("" for the current directory)."""
    if not folder:
        return name
    return folder + name if str.endswith(folder, "/") else folder + "/" + name


def _create_temporary(path):
    """A new private file beside ``path`` (mode 0600, ``O_EXCL``), open for reading and
    writing, made before the walk: (descriptor, its name). Raises OSError naming ``path``,
    also when ``path`` is not a regular file (nothing is then made)."""
    refusal = _special_file_error(path)
    if refusal is not None:
        raise refusal
    folder, name = _split_path(path)
    temporary = _join_path(folder, ".%s.%d.tmp" % (name, _os_getpid()))
    try:
        return _os_open(temporary, _os.O_RDWR | _os.O_CREAT | _os.O_EXCL, 0o600), temporary
    except OSError as error:
        raise _write_error(path, error) from error


def _remove_quietly(temporary):
    """Removes a temporary file that will not be put in place, if it is still there."""
    try:
        _os_unlink(temporary)
    except OSError:
        pass


def _discard(fd, temporary):
    """Closes and removes a temporary file that will not be put in place."""
    try:
        _os_close(fd)
    except OSError:
        pass
    _remove_quietly(temporary)


def _write_into(fd, temporary, path, parts):
    """Write the buffers ``parts``, in order, into the temporary file ``fd`` (from
    ``_create_temporary``), cut it to that length, fsync it, close it and rename it over
    ``path``; on any failure remove the temporary file and raise OSError naming ``path``."""
    try:
        try:
            # In steps of 8 MiB, each handed to the disk as soon as it is written (fadvise
            # DONTNEED starts write-back of dirty pages and keeps them cached): the final fsync
            # then waits for milliseconds, not for the whole file, and the kernel does not
            # throttle the writer for the dirty pages of a 100+ MiB file.
            advise = _os_posix_fadvise
            written = 0
            for part in parts:
                view = memoryview(part).cast("B")
                while view:
                    n = _os_write(fd, view[:_WRITE_STEP])
                    view = view[n:]
                    if advise is not None:
                        advise(fd, written, n, _os.POSIX_FADV_DONTNEED)
                    written += n
            # The page-cache helper may have made the file longer.
            _os_ftruncate(fd, written)
            _os_fsync(fd)
        finally:
            _os_close(fd)
        # Again: the path may have become a special file during the walk.
        refusal = _special_file_error(path)
        if refusal is None:
            _os_replace(temporary, path)
    except BaseException as error:
        _remove_quietly(temporary)
        if isinstance(error, OSError):
            raise _write_error(path, error) from error
        raise
    if refusal is not None:
        _remove_quietly(temporary)
        raise refusal


# Bytes of page cache readied per gc-tracked object for the file (the bench heap's files
# take 149), at most this many in all, and this many MiB per read.
_READY_BYTES_PER_OBJECT = 128
_READY_BYTES_MAX = 1 << 30
_READY_STEP_MIB = 48


def _start_page_cache_helper(fd, size):
    """Starts a thread that readies ``size`` bytes of page cache for the new file ``fd``
    while the walk runs, and returns a function that stops it and waits for its work to
    end (None if it could not start or there is nothing worth doing).

    Why: the file's write(2) calls mostly wait for the kernel to find fresh pages (1.4 to
    13 microseconds each in a VM here: 0.15 to 0.55 s for 150 MB). Extending the file to
    ``size`` (a hole) and reading it through caches zeroed pages without any disk I/O; the
    writes then overwrite them. Each read is one ``preadv`` call of up to 48 MiB into one
    small buffer repeated, during which the thread does not hold the GIL; a stop takes
    effect after the read in progress."""
    if size < (4 << 20) or _os_preadv is None:
        return None
    done = _allocate_lock()
    done.acquire()
    stop = []
    try:
        _start_new_thread(_ready_page_cache, (fd, min(size, _READY_BYTES_MAX), stop, done))
    except RuntimeError:
        return None

    def finish():
        stop.append(True)
        done.acquire()
    return finish


def _ready_page_cache(fd, size, stop, done):
    """The page-cache helper's thread (see ``_start_page_cache_helper``)."""
    try:
        _os_ftruncate(fd, size)
        buffer = bytearray(1 << 20)
        offset = 0
        while offset < size and not stop:
            got = _os_preadv(fd, [buffer] * min(_READY_STEP_MIB, (size - offset) >> 20 or 1), offset)
            if got <= 0:
                break
            offset += got
    except (OSError, ValueError, OverflowError):
        pass
    finally:
        done.release()


# ---------------------------------------------------------------------------------------
# The pure-Python heap walk, in parts: the gc's state saved and restored around it
# (_capture), one _Walk object holding the state of a walk and what it leaves out, type
# records (_TypeRecord, _TypeTable), labels (_Labels), references per kind (the
# _REFERENCE_HANDLERS table), the objects a chunk at a time (_walk_chunks), roots, and
# the file's parts (_encode).

# Type flags (CPython's Include/object.h).
_MANAGED_DICT = 1 << 4  # 3.11+: the instance's attribute values live before the object
_HAVE_GC = 1 << 14
_LONG_SUBCLASS = 1 << 24
_LIST_SUBCLASS = 1 << 25
_TUPLE_SUBCLASS = 1 << 26
_BYTES_SUBCLASS = 1 << 27
_UNICODE_SUBCLASS = 1 << 28
_DICT_SUBCLASS = 1 << 29
_TYPE_SUBCLASS = 1 << 31
_CO_OPTIMIZED = 1

# The snapshot file (docs/snapshot-format.md): magic, format version, section version,
# alignment of every part, root kinds the agent writes (kind 3, held from outside, is left
# to the reader), and "no object".
_MAGIC = b"\x89RGS\r\n\x1a\n"
_FORMAT_MAJOR, _FORMAT_MINOR = 1, 1
_SECTION_VERSION = 1
_ALIGNMENT = 8
_ROOT_MODULE, _ROOT_THREAD = 1, 2
_NO_OBJECT = 0xFFFFFFFF
# Packed records: file header (major, minor, section count), directory entry (tag,
# version, offset, length), a section's leading pair of counts, a root (object, kind,
# name, reserved, detail).
_FILE_HEADER_FORMAT = "<HHI"
_DIRECTORY_ENTRY_FORMAT = "<4sIQQ"
_COUNT_PAIR_FORMAT = "<II"
_ROOT_RECORD_FORMAT = "<IIIIQ"

# ObjectFlags (docs/snapshot-format.md).
_F_TRACKED, _F_MODULE, _F_FRAME, _F_TYPE = 0x1, 0x2, 0x4, 0x8
_F_FUNCTION, _F_WEAKREF, _F_UNTRACKED_CONTAINER, _F_UNKNOWN, _F_TRUNCATED = 0x10, 0x20, 0x40, 0x80, 0x100

# How an object's references are listed and named.
(_K_GENERIC, _K_SEQUENCE, _K_DICT, _K_INSTANCE, _K_FUNCTION, _K_METHOD, _K_CFUNCTION, _K_CELL,
 _K_MODULE, _K_TYPE, _K_STATIC_TYPE, _K_FRAME, _K_CLASSMETHOD, _K_PROPERTY, _K_EXCEPTION,
 _K_TRACEBACK, _K_GENERATOR, _K_CODE, _K_WEAKREF, _K_ORDERED_DICT, _K_DEQUE, _K_DEFAULTDICT,
 _K_LRU_CACHE, _K_FUTURE) = range(24)

# Which label an object gets.
(_L_NONE, _L_STR, _L_BYTES, _L_INT, _L_BOOL, _L_FLOAT, _L_LIST, _L_TUPLE, _L_DICT, _L_SET,
 _L_FUNCTION, _L_CFUNCTION, _L_TYPE, _L_MODULE, _L_FRAME, _L_METHOD, _L_CODE) = range(17)

# Characters kept of a str or bytes label, a function or module name, a class name, a path.
_LABEL_CHARACTERS = 40
_NAME_CHARACTERS = 80
_TYPE_NAME_CHARACTERS = 200
_PATH_CHARACTERS = 4096
# Ints in this range are labelled with their value, others with their size in bits.
_INT64_MIN, _INT64_END = -(1 << 63), 1 << 63
_IMMORTAL_REFCOUNT = 500000000
# Objects processed at a time; a chunk of at most this many types is grouped by type with
# one C-level pass per type; above this many str or int labels in a group, they are stored
# without looking for equal ones.
_CHUNK = 16384
_FEW_TYPES = 8
_APPEND_LABELS_ABOVE = 64
# The set of objects seen holds each address shifted right by log2 of the smallest
# object's size: distinct for distinct live objects (they never overlap), and dense where
# addresses are 16-aligned, so the set's probes rarely collide (raw addresses all hash to
# every 16th slot), which makes its lookups, the walk's largest cost, cheaper.
_SHIFT = object.__basicsize__.bit_length() - 1

_LIMITATIONS = [
    "Written by the pure-Python agent: objects that no gc-tracked object, thread frame or module "
    "references (for example objects held only by C code) are not recorded.",
    "References that gc.get_referents does not report are not recorded, except dict keys, code object "
    "fields and static type fields, which are added.",
    "Objects with an immortal-style reference count (500000000 and up) are never reported as held from "
    "outside.",
    "Instance attributes stored inline (Python 3.11+) are named only when the class's own methods assign "
    "them (self.name = ...); others are recorded unnamed.",
    "Local variables of running frames are recorded unnamed on Python 3.8-3.10; on 3.11 and 3.12 the "
    "locals of running function frames are not recorded (reading them would change the frame), and those "
    "frames are flagged referencesUnknown.",
    "Function __dict__ and __annotations__ references are recorded unnamed (reading them by name would "
    "create them).",
    "Dict keys ('<key>' edges) are recorded for every dict, also instance dicts whose keys their class "
    "shares (the C-API walker records them only where the dict owns its keys).",
    "Code objects are listed through their attributes; on 3.11+ their table of local names "
    "(co_localsplusnames) is not recorded.",
    "Sizes of objects whose type defines __sizeof__ in Python use the object.__sizeof__ formula; that "
    "method is never called.",
    "Other threads keep running during the walk, in turns of up to 0.5 s (sys.setswitchinterval) instead "
    "of 5 ms; a container they change meanwhile (or a C extension that releases the GIL changes) may be "
    "recorded partly before and partly after the change.",
]


# gc.get_objects() does not list the gc's permanent generation, and nothing in Python
# does (CPython 3.8-3.13: gc.get_referrers skips it too); gc.unfreeze() then gc.freeze()
# would also freeze every other object, so the walk finds frozen objects only through
# references to them.
_FROZEN_LIMITATION = (
    "%d objects are in the gc's permanent generation (gc.freeze()), which the pure-Python agent cannot list "
    "without changing the gc's state: those that no recorded object references are not recorded.")


_REPLACED_LIMITATION = (
    "The program had replaced %s before the agent was imported and the original was not found: the walk "
    "called the replacement.")


_AGENT_GLOBALS = globals()
_VERSION = _sys.version_info[:2]

# The switch interval during the walk: other threads get the GIL in slices this long at
# most, so they change the heap under the walk seldom, yet the walk is never starved. A
# thread already waiting for the GIL asks for it after the interval it started waiting
# with and then keeps it for the raised one, while the walk waits that long for it back:
# an interval of many seconds stalled the walk next to a busy thread for as long.
_WALK_SWITCH_INTERVAL = 0.5


def _capture(collect, started, own, path):
    """Saves the gc's state, holds other threads off, walks, restores; returns
    (file bytes, objects, edges, total size, descriptor and name of the temporary file for
    ``path``, to give to ``_write_into``)."""
    enabled = _gc_isenabled()
    counts = _gc_get_count()
    thresholds = _gc_get_threshold()
    switch = _getswitchinterval()
    if collect:
        _gc_collect()
    _gc_disable()
    try:
        _setswitchinterval(max(switch, _WALK_SWITCH_INTERVAL))
        try:
            return _walk(started, enabled, counts, thresholds, collect, own, path)
        finally:
            _setswitchinterval(switch)
    finally:
        if enabled:
            _gc_enable()
        _gc_set_threshold(*thresholds)


def _read_file(path):
    """The bytes of a small file, read with the posix module's own functions."""
    fd = _os_open(path, _os.O_RDONLY)
    try:
        parts = []
        while True:
            part = _os_read(fd, 65536)
            if not part:
                return b"".join(parts)
            parts.append(part)
    finally:
        _os_close(fd)


def _metadata(enabled, counts, thresholds, collected):
    wall = _time_time()
    rss = peak = None
    try:
        for line in bytes.split(_read_file("/proc/self/status"), b"\n"):
            parts = line.split()
            if len(parts) >= 2 and parts[0] == b"VmRSS:":
                rss = int(parts[1]) * 1024
            elif len(parts) >= 2 and parts[0] == b"VmHWM:":
                peak = int(parts[1]) * 1024
    except (OSError, ValueError):
        pass
    meta = {
        "pythonVersion": _sys.version,
        "pythonImplementation": _sys.implementation.name,
        "pid": _os_getpid(),
        "time": wall,
    }
    if rss is not None:
        meta["rssBytes"] = rss
    if peak is not None:
        meta["peakRSSBytes"] = peak
    meta.update({
        "gcEnabled": bool(enabled),
        "gcCounts": list(counts),
        "gcThresholds": list(thresholds),
        "collected": bool(collected),
        "capturedBy": CAPTURED_BY,
        "captureSeconds": 0.0,
    })
    executable = _sys.executable
    if type(executable) is str and executable:
        meta["executable"] = executable
    argv = getattr(_sys, "argv", None)
    if type(argv) is list:
        meta["argv"] = [a for a in argv if type(a) is str]
    meta["limitations"] = list(_LIMITATIONS)
    frozen = _gc_get_freeze_count()
    if frozen:
        meta["limitations"].append(_FROZEN_LIMITATION % frozen)
    if _REPLACED:
        meta["limitations"].append(_REPLACED_LIMITATION % ", ".join(_REPLACED))
    return meta

class _Strings(object):
    """The string table (STRS): string 0 is the empty string. Strings are packed as they
    come, in runs of UTF-8 bytes with an array of their byte lengths, so that a label made
    for one object (most of them) does not stay a Python str until the file is written."""

    _RUN = 16384

    def __init__(self, texts=("",)):
        self.ids = {"": 0}
        self.count = len(texts)
        self.pending = list(texts)
        self.runs = []
        self.lengths = _array("I")

    def intern(self, text):
        """The id of a string equal to ``text``, added if there is none."""
        i = self.ids.get(text)
        if i is None:
            i = self.count
            self.ids[text] = i
            self.add([text])
        return i

    def add(self, texts):
        """Appends ``texts`` without looking for equal strings; returns the first one's id."""
        start = self.count
        self.count += len(texts)
        self.pending.extend(texts)
        if len(self.pending) >= self._RUN:
            self.pack()
        return start

    def pack(self):
        """Moves the pending strings into a run."""
        pending = self.pending
        if not pending:
            return
        text = "".join(pending)
        if text.isascii():
            # One character per byte: the byte lengths are the lengths of the strings.
            self.runs.append(text.encode("ascii"))
            self.lengths.extend(map(len, pending))
        else:
            encoded = [t.encode("utf-8", "replace") for t in pending]
            self.runs.append(b"".join(encoded))
            self.lengths.extend(map(len, encoded))
        self.pending = []


def _mappingproxy_dict(proxy):
    """The dict behind a class's ``__dict__`` mappingproxy (its only referent): a dict, or
    before 3.13 a C subclass of dict for ctypes classes (StgDict). Read with dict's own
    methods only."""
    for referent in _get_referents(proxy):
        if type(referent) is dict or _type_flags(type(referent)) & _DICT_SUBCLASS:
            return referent
    return None


_type_dict = type.__dict__["__dict__"].__get__
_type_mro = type.__dict__["__mro__"].__get__
_type_bases = type.__dict__["__bases__"].__get__
_type_base = type.__dict__["__base__"].__get__
_type_basicsize = type.__dict__["__basicsize__"].__get__
_type_itemsize = type.__dict__["__itemsize__"].__get__
_type_module = type.__dict__["__module__"].__get__
_GETSET_DESCRIPTOR = type(type.__dict__["__dict__"])


def _class_dict(cls):
    """A class's own namespace dict, read without descriptors of its metaclass."""
    return _mappingproxy_dict(_type_dict(cls))


def _mro(cls):
    """The class's MRO; for a type CPython never readied (3.8 and 3.9 make objects of
    functools' ``_lru_list_elem`` without it: its ``__mro__`` is None), the class and its
    bases. Reading it never readies the type."""
    mro = _type_mro(cls)
    if type(mro) is tuple:
        return mro
    chain = []
    while cls is not None:
        chain.append(cls)
        cls = _type_base(cls)
    return tuple(chain)


def _is_ready(cls):
    return type(_type_mro(cls)) is tuple


def _lookup(cls, name):
    """(found, value) of ``name`` on the class's MRO, read from each class's own dict."""
    for klass in _mro(cls):
        namespace = _class_dict(klass)
        if namespace is not None and dict.__contains__(namespace, name):
            return True, dict.__getitem__(namespace, name)
    return False, None


def _is_descriptor(value):
    found, _ = _lookup(type(value), "__get__")
    return found


def _type_names(cls):
    """(module, qualname) as the Swift walker records them."""
    try:
        qualname = _type_qualname(cls)
    except Exception:
        qualname = None
    if type(qualname) is not str:
        qualname = "?"
    if _type_flags(cls) & _HEAPTYPE:
        namespace = _class_dict(cls)
        module = dict.get(namespace, "__module__") if namespace is not None else None
        if type(module) is not str:
            module = _module_of_functions(namespace)
    else:
        try:
            module = _type_module(cls)
        except Exception:
            module = None
        if type(module) is not str:
            module = "builtins"
    return module, qualname


def _module_of_functions(namespace):
    """The module of the first function defined in a class namespace whose ``__module__``
    is not a str (a descriptor of its instances' ``__module__``, as function-like types
    have), else ``builtins``."""
    if namespace is None:
        return "builtins"
    for value in list(dict.values(namespace)):
        if type(value) is staticmethod or type(value) is classmethod:
            value = value.__func__
        if type(value) is _FUNCTION_TYPE:
            module = _object_getattribute(value, "__module__")
            if type(module) is str:
                return module
    return "builtins"


def _store_attr_names(cls):
    """Attribute names the class's own functions assign (``x.name = ...``), from their
    bytecode and, on 3.13, ``__static_attributes__``; bases first."""
    store = _opmap.get("STORE_ATTR")
    extended = _opmap.get("EXTENDED_ARG")
    names = []
    seen = set()
    for klass in reversed(_mro(cls)):
        if not _type_flags(klass) & _HEAPTYPE:
            continue
        namespace = _class_dict(klass)
        if namespace is None:
            continue
        static = dict.get(namespace, "__static_attributes__")
        if type(static) is tuple:
            for name in static:
                if type(name) is str and name not in seen:
                    seen.add(name)
                    names.append(name)
        codes = []
        for value in list(dict.values(namespace)):
            if type(value) in (staticmethod, classmethod):
                value = value.__func__
            if type(value) is property:
                for part in (value.fget, value.fset, value.fdel):
                    if type(part) is _FUNCTION_TYPE:
                        codes.append(part.__code__)
            elif type(value) is _FUNCTION_TYPE:
                codes.append(value.__code__)
        while codes:
            code = codes.pop()
            co_names = code.co_names
            raw = code.co_code
            arg = 0
            for i in range(0, len(raw) - 1, 2):
                op = raw[i]
                if op == extended:
                    arg = (arg | raw[i + 1]) << 8
                    continue
                if op == store:
                    k = arg | raw[i + 1]
                    if k < len(co_names):
                        name = co_names[k]
                        if name not in seen:
                            seen.add(name)
                            names.append(name)
                arg = 0
            for const in code.co_consts:
                if type(const) is type(code):
                    codes.append(const)
    return names




class _Probe(object):
    """An object of a plain class, for measuring the walk's own references and headers."""

    def method(self):
        """A method, for the type of bound methods."""


def _cell():
    """A closure cell, for its type."""
    value = None
    return (lambda: value).__closure__[0]


def _generator():
    yield


async def _coroutine():
    pass


async def _async_generator():
    yield


def _static_types():
    """The built-in types the walk tells apart, made from the language's own constructs
    (not from the ``types`` module, whose names a program can replace)."""
    try:
        raise ValueError
    except ValueError as error:
        frame_type, traceback_type = type(error.__traceback__.tb_frame), type(error.__traceback__)
    coroutine = _coroutine()
    coroutine_type = type(coroutine)
    coroutine.close()
    return (type(_cell), type(_Probe().method), type(().__sizeof__), type(_cell.__code__), type(_cell()),
            frame_type, traceback_type, type(_generator()), coroutine_type,
            type(_async_generator()), type(object.__sizeof__), type(object.__init__),
            type(type(_cell).__globals__))


(_FUNCTION_TYPE, _METHOD_TYPE, _BUILTIN_TYPE, _CODE_TYPE, _CELL_TYPE, _FRAME_TYPE,
 _TRACEBACK_TYPE, _GENERATOR_TYPE, _COROUTINE_TYPE, _ASYNC_GENERATOR_TYPE, _METHOD_DESCRIPTOR,
 _WRAPPER_DESCRIPTOR, _MEMBER_DESCRIPTOR) = _static_types()
_WEAK_REF, _WEAK_PROXY, _WEAK_CALLABLE_PROXY = _weakref.ref, _weakref.ProxyType, _weakref.CallableProxyType

# The kind of references of each built-in base type, and its kind of label.
_STATIC_KINDS = (
    (list, _K_SEQUENCE), (tuple, _K_SEQUENCE), (dict, _K_DICT), (_FUNCTION_TYPE, _K_FUNCTION),
    (_METHOD_TYPE, _K_METHOD), (_BUILTIN_TYPE, _K_CFUNCTION), (_CELL_TYPE, _K_CELL),
    (_MODULE_TYPE, _K_MODULE), (type, _K_TYPE), (_FRAME_TYPE, _K_FRAME),
    (classmethod, _K_CLASSMETHOD), (staticmethod, _K_CLASSMETHOD), (property, _K_PROPERTY),
    (_TRACEBACK_TYPE, _K_TRACEBACK), (_GENERATOR_TYPE, _K_GENERATOR),
    (_COROUTINE_TYPE, _K_GENERATOR), (_ASYNC_GENERATOR_TYPE, _K_GENERATOR), (_CODE_TYPE, _K_CODE),
    (_WEAK_REF, _K_WEAKREF), (_WEAK_PROXY, _K_WEAKREF), (_WEAK_CALLABLE_PROXY, _K_WEAKREF),
)
# C types of extension modules, found where their module is loaded: (module, name, kind).
_LOADED_KINDS = (
    ("_collections", "deque", _K_DEQUE), ("_collections", "defaultdict", _K_DEFAULTDICT),
    ("_functools", "_lru_cache_wrapper", _K_LRU_CACHE), ("_asyncio", "Task", _K_FUTURE),
    ("_asyncio", "Future", _K_FUTURE),
)
# The fields of a C asyncio future or task its traverse lists, read through the type's own
# getset descriptors (C getters that return the stored object).
_FUTURE_FIELDS = ("._loop", "._result", "._exception", "._source_traceback", "._coro", "._fut_waiter")
_STATIC_LABELS = (
    (float, _L_FLOAT), (set, _L_SET), (frozenset, _L_SET), (_FUNCTION_TYPE, _L_FUNCTION),
    (_BUILTIN_TYPE, _L_CFUNCTION), (_MODULE_TYPE, _L_MODULE), (_FRAME_TYPE, _L_FRAME),
    (_METHOD_TYPE, _L_METHOD), (_CODE_TYPE, _L_CODE),
)
# Label kinds chosen by a base type's subclass flag, in order.
_FLAG_LABELS = (
    (_UNICODE_SUBCLASS, _L_STR), (_BYTES_SUBCLASS, _L_BYTES), (_LONG_SUBCLASS, _L_INT),
    (_LIST_SUBCLASS, _L_LIST), (_TUPLE_SUBCLASS, _L_TUPLE), (_DICT_SUBCLASS, _L_DICT),
    (_TYPE_SUBCLASS, _L_TYPE),
)

# Readers of fields, bound once: none of them runs a descriptor of the object's own type.
_object_getattribute = object.__getattribute__
_object_sizeof = object.__sizeof__
_OBJECT_SIZEOF_DESCRIPTOR = object.__dict__["__sizeof__"]
_weak_callback = _WEAK_REF.__dict__["__callback__"].__get__
_classmethod_func = classmethod.__dict__["__func__"].__get__
_staticmethod_func = staticmethod.__dict__["__func__"].__get__
_property_fields = tuple((property.__dict__[name].__get__, "." + name) for name in ("fget", "fset", "fdel"))
_EXCEPTION_FIELDS = tuple((BaseException.__dict__[name].__get__, "." + name)
                          for name in ("args", "__traceback__", "__context__", "__cause__"))
_FUNCTION_FIELDS = tuple(name for name in (
    ".__code__", ".__globals__", ".__builtins__", ".__module__", ".__defaults__", ".__kwdefaults__",
    ".__doc__", ".__name__", ".__closure__", ".__qualname__") if name != ".__builtins__" or _VERSION >= (3, 10))
if _VERSION >= (3, 11):
    _CODE_FIELDS = (".co_consts", ".co_names", ".co_exceptiontable", ".co_filename", ".co_name",
                    ".co_qualname", ".co_linetable")
else:
    _CODE_FIELDS = (".co_consts", ".co_names", ".co_code", ".co_varnames", ".co_freevars", ".co_cellvars",
                    ".co_filename", ".co_name", ".co_linetable" if _VERSION >= (3, 10) else ".co_lnotab")

# Edge labels every walk interns first, in this order: string i + 1 is _FIXED_LABELS[i].
_FIXED_LABELS = (
    ".__dict__", ".__class__", ".__self__", ".__func__", ".__closure__", ".__globals__",
    ".__code__", ".__defaults__", ".__kwdefaults__", ".__module__", ".__name__",
    ".__qualname__", ".__doc__", ".__builtins__", ".cell_contents", ".f_back",
    ".f_code", ".f_locals", ".f_globals", ".f_trace", ".f_builtins", ".gi_code",
    ".cr_code", ".ag_code", ".__mro__", ".__bases__", ".__base__", ".args",
    ".__traceback__", ".__context__", ".__cause__", ".tb_next", ".tb_frame", ".fget",
    ".fset", ".fdel", "<key>", ".co_consts", ".co_names", ".co_filename", ".co_name",
    ".co_qualname", ".co_linetable", ".co_exceptiontable", ".co_code", ".co_varnames",
    ".co_freevars", ".co_cellvars", ".co_lnotab", ".__callback__", "<node key>",
    ".default_factory", ".__wrapped__", "<cache>", "._loop", "._result", "._exception",
    "._source_traceback", "._coro", "._fut_waiter")
_FIXED = dict((name, i + 1) for i, name in enumerate(_FIXED_LABELS))
_L_DICT_LABEL, _L_CLASS_LABEL, _L_KEY_LABEL = _FIXED[".__dict__"], _FIXED[".__class__"], _FIXED["<key>"]
# An OrderedDict's second reference to each key: its linked list's node (C's _odictnode).
_L_NODE_KEY_LABEL = _FIXED["<node key>"]

# getsizeof's gc header, and the 3.11+ managed-dict pointers before an object.
_PREHEADER_GC = _getsizeof([]) - list.__sizeof__([])
_PREHEADER_MANAGED = _getsizeof(_Probe()) - _object_sizeof(_Probe()) - _PREHEADER_GC


def _record_index(record):
    return record.index


class _Walk(object):
    """The state of one walk: the objects in processing order (``objs``; an object's id in
    the file is its position there) and the set of those seen, the ids left out (the
    agent's own frames and lists, and the caller's), the references the walk holds on
    objects of the heap (subtracted from their counts), the thread frames, and the parts it
    builds: labels, type records and the file's columns."""

    __slots__ = ("objs", "seen", "exclude", "tracked_count", "extra_refs", "held_type_ids", "live_frames",
                 "thread_tops", "held_frames", "labels", "types", "columns", "named", "concurrent")

    def __init__(self, objs, exclude):
        self.objs = objs
        self.exclude = exclude
        self.seen = set()
        self.tracked_count = 0
        self.extra_refs = {}
        # Types of the objects in extra_refs: only their groups need the subtraction.
        self.held_type_ids = set()
        self.live_frames = set()
        self.thread_tops = []
        self.held_frames = []
        self.labels = _Labels()
        self.types = _TypeTable()
        if self.types.ordered_dict is not None:
            self.hold(self.types.ordered_dict)
        for loaded, _ in self.types.loaded_kinds:
            self.hold(loaded)
        if self.types.asyncio_module is not None:
            self.hold(self.types.asyncio_module)
        self.columns = _Columns()
        # Position of each class, module and frame: what roots and type records name.
        self.named = {}
        # Whether other threads have Python frames (and may change the heap meanwhile).
        self.concurrent = False

    def hold(self, obj):
        """Notes one more reference this walk holds on obj, to subtract from its count."""
        extra = self.extra_refs
        extra[id(obj)] = extra.get(id(obj), 0) + 1
        self.held_type_ids.add(id(type(obj)))

    def is_own_frame(self, frame):
        """Whether ``frame`` is one of the agent's (or its caller's) own, left out."""
        return frame.f_globals is _AGENT_GLOBALS or id(frame) in self.exclude


def _walk(started, enabled, gc_counts, gc_thresholds, collected, own, path):
    """The walk proper. Its first act is ``gc.get_objects()``, so that the only tracked
    objects of the agent in that list are its own frames, the gc tuples passed in and the
    caller's ``own`` objects, which are taken out by id. Then the temporary file for
    ``path`` is made (so an unwritable path fails before the walk) and the page-cache helper
    started for it, both after the list, so that their objects and frames are new ones; the
    helper is waited for before this returns the file's parts and the temporary file."""
    objs = _gc_get_objects()
    fd, temporary = _create_temporary(path)
    finish_helper = _start_page_cache_helper(fd, len(objs) * _READY_BYTES_PER_OBJECT)
    try:
        data, n, m, total = _walk_listed(objs, started, enabled, gc_counts, gc_thresholds, collected, own)
    except BaseException:
        if finish_helper is not None:
            finish_helper()
        _discard(fd, temporary)
        raise
    if finish_helper is not None:
        finish_helper()
    return data, n, m, total, fd, temporary


def _walk_listed(objs, started, enabled, gc_counts, gc_thresholds, collected, own):
    """``_walk`` after the list is taken: the ids to leave out, then the walk's state."""
    exclude = {id(objs), id(gc_counts), id(gc_thresholds), id(_getframe())}
    if own is not None:
        exclude.add(id(own))
        exclude.update(map(id, own))
    walk = _Walk(objs, exclude)
    # Each object of the walk's own classes holds its class.
    for cls in (_Walk, _Labels, _Strings, _TypeTable, _Columns):
        walk.hold(cls)
    _leave_out_own_frames(walk, _getframe())
    _number_listed(walk)
    meta = _metadata(enabled, gc_counts, gc_thresholds, collected)
    # The callables held by the map objects that count a chunk's references.
    walk.hold(_getrefcount)
    walk.hold(_sub)
    _add_thread_frames(walk)
    _walk_chunks(walk)
    module_items = _module_items()
    position_of = _positions_of_named(walk, module_items)
    roots = _roots(walk, position_of, module_items)
    type_objects, type_strings = _type_names_table(walk, position_of)
    columns = walk.columns
    walk.labels.strings.pack()
    data = _encode(meta, walk.labels.strings, type_objects, type_strings, columns, roots, started)
    return data, len(columns.addresses), len(columns.targets), sum(columns.sizes)


def _leave_out_own_frames(walk, frame):
    """Leaves out ``frame`` and its callers while they are the agent's or listed to leave out."""
    while frame is not None and walk.is_own_frame(frame):
        walk.exclude.add(id(frame))
        frame = frame.f_back


def _number_listed(walk):
    """Marks gc.get_objects()'s list seen, less the excluded ids (deleted from it in place:
    the caller's frame holds this list too)."""
    objs = walk.objs
    keys = list(map(_rshift, map(id, objs), _repeat(_SHIFT)))
    seen = walk.seen
    seen.update(keys)
    excluded = set(map(_rshift, walk.exclude, _repeat(_SHIFT)))
    if not excluded.isdisjoint(seen):
        # They are few: delete them by position, last first.
        dropped = list(_compress(_count(), map(excluded.__contains__, keys)))
        for k in reversed(dropped):
            del objs[k]
        seen.difference_update(excluded)
    walk.tracked_count = len(objs)


def _add_thread_frames(walk):
    """Adds every thread's frames (materialized: 3.11+ creates frame objects for running
    frames), with this agent's frames skipped at the top of the current thread; the
    references held on them here are subtracted from their counts."""
    for thread_id, top in list(dict.items(_current_frames())):
        while top is not None and walk.is_own_frame(top):
            walk.exclude.add(id(top))
            top = top.f_back
        if top is None:
            continue
        walk.thread_tops.append((thread_id, top))
        frame = top
        while frame is not None:
            walk.held_frames.append(frame)
            frame = frame.f_back
    seen = walk.seen
    for frame in walk.held_frames:
        fid = id(frame)
        walk.live_frames.add(fid)
        walk.hold(frame)
        if fid >> _SHIFT not in seen:
            seen.add(fid >> _SHIFT)
            walk.objs.append(frame)
    for _, top in walk.thread_tops:
        walk.hold(top)
    walk.concurrent = len(walk.thread_tops) > 1


class _Columns(object):
    """The file's object and edge columns, filled in processing order (references by the
    target's address, section EDGA)."""

    __slots__ = ("addresses", "type_ids", "sizes", "refcounts", "labels", "flags", "offsets", "targets",
                 "edge_labels")

    def __init__(self):
        self.addresses = _array("Q")
        self.type_ids = _array("I")
        self.sizes = _array("Q")
        self.refcounts = _array("Q")
        self.labels = _array("I")
        self.flags = _array("I")
        self.offsets = _array("I", [0])
        self.targets = _array("Q")
        self.edge_labels = _array("I")


# --- type records

class _TypeRecord(object):
    """What the walk knows of one class: how its objects are sized, labelled and listed."""

    __slots__ = ("index", "kind", "label", "flags", "gc", "heap", "size_safe", "fixed_size", "preheader",
                 "sizeof", "slots", "attributes", "base_kind", "cls", "ordered")


class _TypeTable(object):
    """The type records, in the order of the file's TYPS section, and by the class's id."""

    __slots__ = ("by_id", "records", "ordered_dict", "loaded_kinds", "asyncio_module")

    def __init__(self):
        self.by_id = {}
        self.records = []
        # The C OrderedDict type, if _collections is loaded (no OrderedDict exists else).
        self.ordered_dict = _loaded_type("_collections", "OrderedDict")
        # C types of extension modules whose references have names, where the module is
        # loaded (no object of theirs exists else): the type and its kind.
        self.asyncio_module = _asyncio_module_with_freelist()
        self.loaded_kinds = [(t, kind) for t, kind in (
            (_loaded_type(module, name), kind) for module, name, kind in _LOADED_KINDS) if t is not None]

    def records_of(self, walk, chunk):
        """The type record of each object of ``chunk``, made for classes met first."""
        records = list(map(self.by_id.get, map(id, map(type, chunk))))
        if None in records:
            for k in range(len(records)):
                if records[k] is None:
                    cls = type(chunk[k])
                    records[k] = self.by_id.get(id(cls)) or _new_type_record(walk, cls)
        return records


def _asyncio_module_with_freelist():
    """The _asyncio module where its traverse lists freed objects (3.12 and 3.13), else None."""
    if not (3, 12) <= _VERSION < (3, 14):
        return None
    modules = _sys.modules
    module = dict.get(modules, "_asyncio") if type(modules) is dict else None
    return module if type(module) is _MODULE_TYPE else None


def _loaded_type(module_name, name):
    """A type of an already imported module, read from its dict (None if there is none)."""
    modules = _sys.modules
    module = dict.get(modules, module_name) if type(modules) is dict else None
    namespace = _module_dict(module) if type(module) is _MODULE_TYPE else None
    value = dict.get(namespace, name) if type(namespace) is dict else None
    return value if type(value) is type else None


def _loaded_kind(cls, table):
    for key, value in table.loaded_kinds:
        if key is cls:
            return value
    return None


def _base_kind(base):
    for key, value in _STATIC_KINDS:
        if key is base:
            return value
    return _K_EXCEPTION if issubclass(base, BaseException) else _K_GENERIC


def _label_kind(cls, base):
    if cls is bool:
        return _L_BOOL
    base_flags = _type_flags(base)
    for flag, label in _FLAG_LABELS:
        if base_flags & flag:
            return label
    label = _L_NONE
    for key, value in _STATIC_LABELS:
        if key is base:
            label = value
    return label


def _object_flags(cls):
    flags = 0
    if issubclass(cls, _MODULE_TYPE):
        flags |= _F_MODULE
    if cls is _FRAME_TYPE:
        flags |= _F_FRAME
    if issubclass(cls, type):
        flags |= _F_TYPE
    if cls is _FUNCTION_TYPE or cls is _METHOD_TYPE or cls is _BUILTIN_TYPE or cls is _CODE_TYPE:
        flags |= _F_FUNCTION
    if issubclass(cls, _WEAK_REF) or cls is _WEAK_PROXY or cls is _WEAK_CALLABLE_PROXY:
        flags |= _F_WEAKREF
    return flags


def _new_type_record(walk, cls):
    record = _TypeRecord()
    walk.hold(_TypeRecord)
    table = walk.types
    record.index = len(table.records)
    record.cls = cls
    walk.hold(cls)
    flags = _type_flags(cls)
    record.gc = bool(flags & _HAVE_GC)
    record.heap = bool(flags & _HEAPTYPE)
    # The C type below the class: the first static type up its bases, or an extension type
    # the walk knows by name (since 3.10 many are heap types: deque, lru_cache's wrapper,
    # asyncio's Task).
    base = cls
    loaded = _loaded_kind(base, table)
    while loaded is None and _type_flags(base) & _HEAPTYPE:
        base = _type_base(base)
        loaded = _loaded_kind(base, table)
    record.ordered = base is table.ordered_dict
    # C's OrderedDict lists its keys and values as a dict does, and each key once more.
    record.base_kind = _K_DICT if record.ordered else loaded if loaded is not None else _base_kind(base)
    if loaded is not None and base is cls:
        record.kind = loaded
    else:
        record.kind = _K_INSTANCE if record.heap else _K_ORDERED_DICT if record.ordered else record.base_kind
    record.label = _label_kind(cls, base)
    record.flags = _object_flags(cls)
    record.preheader = (_PREHEADER_GC if flags & _HAVE_GC else 0) + \
        (_PREHEADER_MANAGED if flags & _MANAGED_DICT and _VERSION >= (3, 11) else 0)
    found, sizeof = _lookup(cls, "__sizeof__")
    # sys.getsizeof of an object of a type never readied would ready it: such objects are
    # sized by object.__sizeof__'s formula instead.
    record.size_safe = _is_ready(cls) and (
        (not found) or type(sizeof) is _METHOD_DESCRIPTOR or type(sizeof) is _WRAPPER_DESCRIPTOR)
    # object.__sizeof__ of a type without items is its basic size: the same for every
    # instance (checked against sys.getsizeof on the first one met).
    record.fixed_size = _type_basicsize(cls) + record.preheader \
        if sizeof is _OBJECT_SIZEOF_DESCRIPTOR and _type_itemsize(cls) == 0 and record.size_safe else None
    # The C __sizeof__ sys.getsizeof would call, to call directly (getsizeof looks it
    # up on each call). Not for classes: getsizeof adds a gc header only to heap types.
    record.sizeof = sizeof if found and type(sizeof) is _METHOD_DESCRIPTOR and not issubclass(cls, type) else None
    if record.sizeof is not None:
        walk.hold(sizeof)
    record.slots = []
    record.attributes = []
    if record.heap:
        _add_named_fields(walk, record, flags)
    table.by_id[id(cls)] = record
    table.records.append(record)
    return record


def _add_named_fields(walk, record, flags):
    """A class's ``__slots__`` members and (3.11+ inline values) the attributes its methods
    assign, with their labels."""
    intern = walk.labels.intern
    klass = record.cls
    while _type_flags(klass) & _HEAPTYPE:
        namespace = _class_dict(klass)
        if namespace is not None:
            for name, value in list(dict.items(namespace)):
                if type(value) is _MEMBER_DESCRIPTOR and type(name) is str:
                    record.slots.append((value, intern("." + name[:_LABEL_CHARACTERS])))
                    walk.hold(value)
        klass = _type_base(klass)
    if _VERSION >= (3, 11) and flags & _MANAGED_DICT:
        for name in _store_attr_names(record.cls):
            if type(name) is not str or (name.startswith("__") and name.endswith("__")):
                continue
            found, value = _lookup(record.cls, name)
            if found and _is_descriptor(value):
                continue
            record.attributes.append((name, intern("." + name[:_LABEL_CHARACTERS])))
            walk.hold(name)


# --- labels

def _module_dict(module):
    try:
        return _module_dict_get(module)
    except Exception:
        return None


class _Labels(object):
    """The snapshot's strings (a ``_Strings``) and the labels made of them, each kind kept
    by what it labels: list indexes, item counts, dict keys (by id: every key stays alive
    in its dict for the whole walk) and local names."""

    __slots__ = ("strings", "index", "counts", "keys", "locals")

    def __init__(self):
        self.strings = _Strings()
        for name in _FIXED_LABELS:
            self.strings.intern(name)
        self.index = []
        self.counts = {}
        self.keys = {}
        self.locals = {}

    def intern(self, text):
        return self.strings.intern(text)

    def many(self, texts):
        """Ids of ``texts``, added where there is no equal string."""
        strings = self.strings
        ids_get = strings.ids.get
        got = list(map(ids_get, texts))
        if None in got:
            new = dict.fromkeys(_compress(texts, map(_is, got, _repeat(None))))
            strings.ids.update(zip(new, _count(strings.count)))
            strings.add(list(new))
            got = list(map(ids_get, texts))
        return got

    def append(self, texts):
        """Ids for labels stored without looking for an equal one (long texts rarely repeat;
        the format allows duplicates)."""
        start = self.strings.add(texts)
        return range(start, start + len(texts))

    def index_list(self, n):
        """Labels ``[0]`` .. ``[n - 1]``."""
        index = self.index
        while len(index) < n:
            index.append(self.intern("[%d]" % len(index)))
        return index[:n]

    def count(self, n):
        i = self.counts.get(n)
        if i is None:
            i = self.counts[n] = self.intern("%d items" % n)
        return i

    def local(self, name):
        i = self.locals.get(name)
        if i is None:
            i = self.locals[name] = self.intern(
                "f_locals[" + str.__repr__(str.__getitem__(name, slice(None, _LABEL_CHARACTERS))) + "]")
        return i

    def key(self, key):
        """['key'], [42] or [<Type>] for a dict value under ``key``."""
        kid = id(key)
        i = self.keys.get(kid)
        if i is None:
            t = type(key)
            if t is str or _type_flags(t) & _UNICODE_SUBCLASS:
                text = "[" + str.__repr__(str.__getitem__(key, slice(None, _LABEL_CHARACTERS))) + "]"
            elif t is int:
                text = "[%d]" % key if _INT64_MIN <= key < _INT64_END else "[<int>]"
            else:
                try:
                    name = _type_qualname(t)
                except Exception:
                    name = "?"
                text = "[<%s>]" % (name,)
            i = self.keys[kid] = self.intern(text)
        return i

    def keys_of(self, keys):
        """``key`` of each of ``keys``, made a type at a time for str and int keys."""
        key_labels = self.keys
        got = list(map(key_labels.get, map(id, keys)))
        if None not in got:
            return got
        missing = list(_compress(keys, map(_is, got, _repeat(None))))
        kinds = list(map(type, missing))
        texts = list(_compress(missing, map(_is, kinds, _repeat(str))))
        if texts:
            made = list(map("[{}]".format, map(str.__repr__, map(str.__getitem__, texts, _repeat(_LABEL_CUT)))))
            key_labels.update(zip(map(id, texts), self.many(made)))
        numbers = list(_compress(missing, map(_is, kinds, _repeat(int))))
        done = len(texts)
        handled = {id(str)}
        if numbers and _INT64_MIN <= min(numbers) and max(numbers) < _INT64_END:
            handled.add(id(int))
            before = len(key_labels)
            made = self.append(list(map("[%d]".__mod__, numbers)))
            key_labels.update(zip(map(id, numbers), made))
            if len(numbers) == len(keys) and len(key_labels) - before == len(numbers):
                # Every key a distinct int seen for the first time (a big int-keyed
                # dict): its labels are the ones just made, in order.
                return list(made)
            done += len(numbers)
        if done < len(missing):
            # Keys of other types, and ints too large for the fast path, one at a time
            # (in order; by type id: hashing a class could run its metaclass's code).
            for key in _compress(missing, map(_not, map(handled.__contains__, map(id, kinds)))):
                self.key(key)
        return list(map(key_labels.__getitem__, map(id, keys)))

    def of_object(self, o, kind):
        """(label id, truncated) of an object, from builtin types' own methods only."""
        return _OBJECT_LABELS[kind](self, o)

    def of_group(self, group, record):
        """(label ids, truncated flags or None) of objects of one type."""
        kind = record.label
        n = len(group)
        if kind == _L_NONE:
            return [0] * n, None
        if kind == _L_STR:
            texts = list(map(str.__repr__, map(str.__getitem__, group, _repeat(_LABEL_CUT))))
            long = [length > _LABEL_CHARACTERS for length in map(str.__len__, group)]
            return (self.append(texts) if n > _APPEND_LABELS_ABOVE else self.many(texts)), long
        if kind == _L_BYTES:
            texts = list(map(bytes.__repr__, map(bytes.__getitem__, group, _repeat(_LABEL_CUT))))
            long = [length > _LABEL_CHARACTERS for length in map(bytes.__len__, group)]
            return self.many(texts), long
        if kind == _L_INT and record.cls is int and _INT64_MIN <= min(group) and max(group) < _INT64_END:
            texts = list(map(int.__repr__, group))
            return (self.append(texts) if n > _APPEND_LABELS_ABOVE else self.many(texts)), None
        if kind == _L_FLOAT and record.cls is float:
            return self.many(list(map(float.__repr__, group))), None
        if kind == _L_LIST or kind == _L_TUPLE or kind == _L_DICT:
            length = list.__len__ if kind == _L_LIST else tuple.__len__ if kind == _L_TUPLE else dict.__len__
            counts = list(map(length, group))
            got = list(map(self.counts.get, counts))
            if None in got:
                got = list(map(self.count, counts))
            return got, None
        label = _OBJECT_LABELS[kind]
        pairs = list(map(label, _repeat(self), group))
        return [p[0] for p in pairs], [p[1] for p in pairs]


_LABEL_CUT = slice(None, _LABEL_CHARACTERS)


def _str_label(labels, o):
    return labels.intern(str.__repr__(str.__getitem__(o, _LABEL_CUT))), str.__len__(o) > _LABEL_CHARACTERS


def _bytes_label(labels, o):
    return labels.intern(bytes.__repr__(bytes.__getitem__(o, _LABEL_CUT))), bytes.__len__(o) > _LABEL_CHARACTERS


def _int_label(labels, o):
    v = int.__index__(o)
    if _INT64_MIN <= v < _INT64_END:
        return labels.intern(int.__repr__(v)), False
    return labels.intern("int of %d bits" % v.bit_length()), False


def _bool_label(labels, o):
    return labels.intern("True" if o is True else "False"), False


def _float_label(labels, o):
    return labels.intern(float.__repr__(o)), False


def _list_label(labels, o):
    return labels.count(list.__len__(o)), False


def _tuple_label(labels, o):
    return labels.count(tuple.__len__(o)), False


def _dict_label(labels, o):
    return labels.count(dict.__len__(o)), False


def _set_label(labels, o):
    return labels.count(set.__len__(o) if issubclass(type(o), set) else frozenset.__len__(o)), False


def _function_label(labels, o):
    return labels.intern(_raw(o.__qualname__, _NAME_CHARACTERS)), False


def _cfunction_label(labels, o):
    return labels.intern(_raw(o.__name__, _NAME_CHARACTERS)), False


def _type_label(labels, o):
    return labels.intern(_raw(_type_qualname(o), _TYPE_NAME_CHARACTERS)), False


def _module_label(labels, o):
    namespace = _module_dict(o)
    name = dict.get(namespace, "__name__") if type(namespace) is dict else None
    return labels.intern(_raw(name, _NAME_CHARACTERS)), False


def _frame_label(labels, o):
    code = o.f_code
    return labels.intern("%s:%d in %s" % (_basename(code.co_filename), o.f_lineno or 0,
                                          _raw(code.co_name, _NAME_CHARACTERS))), False


def _method_label(labels, o):
    function = o.__func__
    if type(function) is _FUNCTION_TYPE:
        name = _raw(function.__qualname__, _NAME_CHARACTERS)
    elif type(function) is _BUILTIN_TYPE:
        name = _raw(function.__name__, _NAME_CHARACTERS)
    else:
        name = ""
    return labels.intern(name + " (bound)"), False


def _code_label(labels, o):
    return labels.intern("%s %s:%d" % (_raw(o.co_name, _NAME_CHARACTERS), _basename(o.co_filename),
                                       o.co_firstlineno)), False


def _no_label(labels, o):
    return 0, False


# One label maker per label kind (_L_...), indexed by it.
_OBJECT_LABELS = (_no_label, _str_label, _bytes_label, _int_label, _bool_label, _float_label, _list_label,
                  _tuple_label, _dict_label, _set_label, _function_label, _cfunction_label, _type_label,
                  _module_label, _frame_label, _method_label, _code_label)


# --- references: one handler per kind gives (refs, labels or None, extra flags) of an object

def _match(refs, expected, names):
    """Labels for ``refs``: each takes the first unused label expected for the same object
    (order-independent: traverse orders differ between versions)."""
    n = len(expected)
    if len(refs) == n:
        for a, b in zip(refs, expected):
            if a is not b:
                break
        else:
            return list(names)
    wanted = {}
    for value, label in zip(expected, names):
        key = id(value)
        queue = wanted.get(key)
        if queue is None:
            wanted[key] = [label]
        else:
            queue.append(label)
    out = [0] * len(refs)
    for k, r in enumerate(refs):
        queue = wanted.get(id(r))
        if queue:
            out[k] = queue.pop(0)
    return out


def _by_pairs(o, pairs):
    refs = _get_referents(o)
    return refs, _match(refs, [p[0] for p in pairs], [p[1] for p in pairs]), 0


# Expected (object, label) pairs of a static kind's own traverse, one function per kind.

def _sequence_pairs(walk, o):
    items = list(list.__iter__(o)) if issubclass(type(o), list) else list(tuple.__iter__(o))
    return list(zip(items, walk.labels.index_list(len(items))))


def _dict_pairs(walk, o):
    key = walk.labels.key
    return [(value, key(k)) for k, value in list(dict.items(o))]


def _function_fields(o):
    out = []
    for name in _FUNCTION_FIELDS:
        try:
            out.append((name, getattr(o, name[1:])))
        except Exception:
            pass
    return out


def _function_pairs(walk, o):
    return [(value, _FIXED[name]) for name, value in _function_fields(o) if value is not None or name == ".__doc__"]


def _method_pairs(walk, o):
    return [(o.__func__, _FIXED[".__func__"]), (o.__self__, _FIXED[".__self__"])]


def _cfunction_pairs(walk, o):
    return [(o.__self__, _FIXED[".__self__"]), (o.__module__, _FIXED[".__module__"])]


def _cell_pairs(walk, o):
    try:
        return [(o.cell_contents, _FIXED[".cell_contents"])]
    except ValueError:
        return []


def _module_pairs(walk, o):
    return [(_module_dict(o), _L_DICT_LABEL)]


def _type_pairs(walk, o):
    return [(_class_dict(o), _L_DICT_LABEL), (_type_mro(o), _FIXED[".__mro__"]),
            (_type_bases(o), _FIXED[".__bases__"]), (_type_base(o), _FIXED[".__base__"])]


def _classmethod_pairs(walk, o):
    cls = type(o)
    if cls is classmethod:
        return [(_classmethod_func(o), _FIXED[".__func__"])]
    if cls is staticmethod:
        return [(_staticmethod_func(o), _FIXED[".__func__"])]
    return []


def _property_pairs(walk, o):
    return [(read(o), _FIXED[name]) for read, name in _property_fields]


def _exception_pairs(walk, o):
    pairs = []
    for read, name in _EXCEPTION_FIELDS:
        try:
            pairs.append((read(o), _FIXED[name]))
        except Exception:
            pass
    return pairs


def _traceback_pairs(walk, o):
    return [(o.tb_next, _FIXED[".tb_next"]), (o.tb_frame, _FIXED[".tb_frame"])]


def _generator_pairs(walk, o):
    prefix = ".gi_" if type(o) is _GENERATOR_TYPE else ".cr_" if type(o) is _COROUTINE_TYPE else ".ag_"
    return [(getattr(o, prefix[1:] + "code", None), _FIXED[prefix + "code"]),
            (o.__name__, _FIXED[".__name__"]), (o.__qualname__, _FIXED[".__qualname__"])]


def _weakref_pairs(walk, o):
    # A weak reference's traverse lists only its callback. A proxy forwards attribute
    # lookups to its referent, so its callback is not asked for by name.
    if type(o) is _WEAK_PROXY or type(o) is _WEAK_CALLABLE_PROXY:
        return [(r, _FIXED[".__callback__"]) for r in _get_referents(o)]
    return [(_weak_callback(o), _FIXED[".__callback__"])]


def _loaded_bases(walk, o, kind):
    """The extension types of ``kind`` the walk knows (``_LOADED_KINDS``) that ``o``'s class
    derives from, nearest first: their own C methods and descriptors are the ones to use,
    whatever a subclass defines."""
    mro = _mro(type(o))
    return [t for t, k in walk.types.loaded_kinds if k == kind and t in mro]


def _deque_pairs(walk, o):
    for deque in _loaded_bases(walk, o, _K_DEQUE):
        iterate = dict.get(_class_dict(deque), "__iter__")
        try:
            items = list(iterate(o))
        except RuntimeError:
            return []
        return list(zip(items, walk.labels.index_list(len(items))))
    return []


def _defaultdict_pairs(walk, o):
    pairs = _dict_pairs(walk, o)
    for defaultdict in _loaded_bases(walk, o, _K_DEFAULTDICT):
        descriptor = dict.get(_class_dict(defaultdict), "default_factory")
        if type(descriptor) is _MEMBER_DESCRIPTOR:
            pairs.append((descriptor.__get__(o, defaultdict), _FIXED[".default_factory"]))
    return pairs


def _future_pairs(walk, o):
    pairs = []
    for future in _loaded_bases(walk, o, _K_FUTURE):
        namespace = _class_dict(future)
        for name in _FUTURE_FIELDS:
            descriptor = dict.get(namespace, name[1:])
            if type(descriptor) is not _GETSET_DESCRIPTOR:
                continue
            try:
                pairs.append((descriptor.__get__(o, future), _FIXED[name]))
            except Exception:
                pass
    return pairs


def _no_pairs(walk, o):
    return []


_BASE_PAIRS = {
    _K_SEQUENCE: _sequence_pairs, _K_DICT: _dict_pairs, _K_FUNCTION: _function_pairs, _K_METHOD: _method_pairs,
    _K_CFUNCTION: _cfunction_pairs, _K_CELL: _cell_pairs, _K_MODULE: _module_pairs, _K_TYPE: _type_pairs,
    _K_CLASSMETHOD: _classmethod_pairs, _K_PROPERTY: _property_pairs, _K_EXCEPTION: _exception_pairs,
    _K_TRACEBACK: _traceback_pairs, _K_GENERATOR: _generator_pairs, _K_WEAKREF: _weakref_pairs,
    _K_DEQUE: _deque_pairs, _K_DEFAULTDICT: _defaultdict_pairs, _K_FUTURE: _future_pairs,
}


def _base_pairs(walk, o, kind):
    return _BASE_PAIRS.get(kind, _no_pairs)(walk, o)


def _instance_refs(walk, o, record):
    refs = _get_referents(o)
    expected, names = [], []
    for descriptor, label in record.slots:
        try:
            value = descriptor.__get__(o, record.cls)
        except Exception:
            continue
        expected.append(value)
        names.append(label)
    for name, label in record.attributes:
        try:
            value = _object_getattribute(o, name)
        except Exception:
            continue
        expected.append(value)
        names.append(label)
    expected.append(record.cls)
    names.append(_L_CLASS_LABEL)
    for value, label in _base_pairs(walk, o, record.base_kind):
        expected.append(value)
        names.append(label)
    if record.ordered:
        refs = _ordered_dict_keys(o, refs, expected, names)
    out = _match(refs, expected, names)
    if record.attributes and len(refs) == len(expected) and out != names:
        # Learn the order inline values come in (the class's shared keys), so that the
        # next instance takes _match()'s fast path.
        position = dict((label, k) for k, label in enumerate(out))
        if all(label in position for _, label in record.attributes):
            record.attributes.sort(key=lambda pair: position[pair[1]])
    # The instance __dict__ comes just before the class in subtype_traverse's order.
    for k in range(len(refs)):
        if out[k] == _L_CLASS_LABEL and refs[k] is record.cls:
            if k > 0 and out[k - 1] == 0 and type(refs[k - 1]) is dict:
                out[k - 1] = _L_DICT_LABEL
            break
    return refs, out, 0


def _ordered_dict_keys(o, refs, expected, names):
    """An OrderedDict subclass's traverse lists each key once, from its node, and again
    from the dict's table only where that table holds keys other than str: expects both
    references of each key, and adds the dict's where the traverse leaves it out."""
    keys = list(dict.keys(o))
    listed = {}
    for r in refs:
        listed[id(r)] = listed.get(id(r), 0) + 1
    refs = list(refs)
    for key in keys:
        expected.append(key)
        names.append(_L_NODE_KEY_LABEL)
        expected.append(key)
        names.append(_L_KEY_LABEL)
        if listed.get(id(key), 0) < 2:
            refs.append(key)
    return refs


def _dict_refs(walk, o, record):
    keys = list(dict.keys(o))
    values = list(dict.values(o))
    n = len(keys)
    refs = [None] * (2 * n)
    refs[0::2] = values
    refs[1::2] = keys
    out = [_L_KEY_LABEL] * (2 * n)
    out[0::2] = map(walk.labels.key, keys)
    return refs, out, 0


def _ordered_dict_refs(walk, o, record):
    refs = _get_referents(o)
    expected, names = [], []
    for value, label in _dict_pairs(walk, o):
        expected.append(value)
        names.append(label)
    refs = _ordered_dict_keys(o, refs, expected, names)
    return refs, _match(refs, expected, names), 0


def _code_refs(walk, o, record):
    refs, out = [], []
    for name in _CODE_FIELDS:
        value = getattr(o, name[1:], None)
        if value is not None:
            refs.append(value)
            out.append(_FIXED[name])
    return refs, out, 0


def _type_refs(walk, o, record):
    if _type_flags(o) & _HEAPTYPE:
        return _by_pairs(o, _type_pairs(walk, o))
    # A static type is not a gc object: nothing traverses it, so its fields are listed.
    refs, out = [], []
    for value, label in _type_pairs(walk, o):
        if value is not None:
            refs.append(value)
            out.append(label)
    return refs, out, 0


def _frame_refs(walk, o, record):
    code = o.f_code
    if _VERSION < (3, 11) or id(o) not in walk.live_frames:
        pairs = [(o.f_back, _FIXED[".f_back"]), (code, _FIXED[".f_code"])]
        if _VERSION < (3, 11):
            pairs += [(o.f_builtins, _FIXED[".f_builtins"]), (o.f_globals, _FIXED[".f_globals"])]
            if not code.co_flags & _CO_OPTIMIZED:
                pairs.append((o.f_locals, _FIXED[".f_locals"]))
        return _by_pairs(o, pairs)
    # A running 3.11+ frame: its traverse lists only f_back and f_trace.
    back = o.f_back
    refs = [r for r in _get_referents(o) if r is not back]
    out = [0] * len(refs)
    for value, label in ((back, _FIXED[".f_back"]), (code, _FIXED[".f_code"]),
                         (o.f_globals, _FIXED[".f_globals"])):
        if value is not None:
            refs.append(value)
            out.append(label)
    if not code.co_flags & _CO_OPTIMIZED:
        refs.append(o.f_locals)
        out.append(_FIXED[".f_locals"])
        return refs, out, 0
    if _VERSION >= (3, 13):
        local = walk.labels.local
        for name, value in list(o.f_locals.items()):
            if type(name) is str:
                refs.append(value)
                out.append(local(name))
        return refs, out, 0
    return refs, out, _F_UNKNOWN


def _module_refs(walk, o, record):
    """A module's references; only its __dict__ for _asyncio on 3.12 and 3.13, whose
    module traverse lists its freelist of future iterators: gc.get_referents would hand out
    freed objects, and dropping them frees them twice (CPython gh-122695: the process then
    hangs in its next collection or crashes)."""
    if o is walk.types.asyncio_module:
        return [_module_dict(o)], [_L_DICT_LABEL], _F_UNKNOWN
    return _by_pairs(o, _module_pairs(walk, o))


def _lru_cache_refs(walk, o, record):
    """functools' C lru_cache wrapper: its __dict__ (with __wrapped__, the function) and
    its cache, the other dict its traverse lists, which Python cannot reach by name. The
    traverse lists every cached key and result before the wrapper's own fields, so the
    cache is the last such dict: a cached result that is a dict is not the cache."""
    refs = _get_referents(o)
    try:
        namespace = _object_getattribute(o, "__dict__")
    except Exception:
        namespace = None
    wrapped = dict.get(namespace, "__wrapped__") if type(namespace) is dict else None
    out = _match(refs, [namespace, wrapped], [_L_DICT_LABEL, _FIXED[".__wrapped__"]])
    for k in range(len(refs) - 1, -1, -1):
        r = refs[k]
        if out[k] == 0 and type(r) is dict and r is not namespace:
            out[k] = _FIXED["<cache>"]
            break
    return refs, out, 0


def _generic_refs(walk, o, record):
    return _by_pairs(o, _base_pairs(walk, o, record.kind))


_REFERENCE_HANDLERS = {
    _K_DICT: _dict_refs, _K_INSTANCE: _instance_refs, _K_CODE: _code_refs, _K_TYPE: _type_refs,
    _K_FRAME: _frame_refs, _K_ORDERED_DICT: _ordered_dict_refs, _K_LRU_CACHE: _lru_cache_refs,
    _K_MODULE: _module_refs,
}


def _instance_template(walk, group, record, refs_lists):
    """The labels every instance of the group shares when each holds its slots, named
    attributes, __dict__ and class at the same positions (checked by identity, and by
    type for the __dict__), else None."""
    size = len(refs_lists[0])
    if list(map(len, refs_lists)).count(size) != len(refs_lists):
        return None
    first = _instance_refs(walk, group[0], record)[1]
    readers = dict((label, (descriptor.__get__, None)) for descriptor, label in record.slots)
    readers.update((label, (_object_getattribute, name)) for name, label in record.attributes)
    for position, label in enumerate(first):
        if label == 0:
            continue
        column = map(_itemgetter(position), refs_lists)
        if label == _L_CLASS_LABEL:
            same = all(map(_is, column, _repeat(record.cls)))
        elif label == _L_DICT_LABEL:
            same = all(map(_is, map(type, column), _repeat(dict)))
        elif label in readers:
            read, name = readers[label]
            try:
                values = list(map(read, group)) if name is None else list(map(read, group, _repeat(name)))
            except Exception:
                return None
            same = all(map(_is, column, values))
        else:
            return None
        if not same:
            return None
    return first


# --- the objects, a chunk at a time

def _emit(walk, flat, lengths, names):
    """Appends the edges of a run of processed objects: all their referents in one list
    (``lengths`` per object) with their labels (a list, or None for none), queueing
    referents seen for the first time."""
    seen = walk.seen
    exclude = walk.exclude
    while True:
        ids = list(map(id, flat))
        known = list(map(seen.__contains__, map(_rshift, ids, _repeat(_SHIFT))))
        if False not in known:
            break
        fresh = list(map(_not, known))
        new = list(_compress(ids, fresh))
        new_objects = list(_compress(flat, fresh))
        # Marked seen at once; if the set grew by fewer than the new references, some
        # object is referenced twice: it is queued once, at its first reference.
        before = len(seen)
        seen.update(map(_rshift, new, _repeat(_SHIFT)))
        if len(seen) - before != len(new):
            first = dict(zip(new, new_objects))
            new, new_objects = list(first), list(first.values())
        # By id: hashing a class would call its metaclass's __hash__.
        if id(_FRAME_TYPE) in set(map(id, map(type, new_objects))):
            # This walk's own frames, reachable when a tracer or profiler kept them.
            for o in new_objects:
                if type(o) is _FRAME_TYPE and o.f_globals is _AGENT_GLOBALS:
                    exclude.add(id(o))
        if exclude.isdisjoint(new):
            walk.objs.extend(new_objects)
            break
        # A reference to the agent's own frames or list: unmark the new ones, drop those
        # edges, again.
        seen.difference_update(map(_rshift, new, _repeat(_SHIFT)))
        keep = [i not in exclude for i in ids]
        kept_lengths, start = [], 0
        for length in lengths:
            kept_lengths.append(sum(keep[start:start + length]))
            start += length
        flat, lengths = list(_compress(flat, keep)), kept_lengths
        names = None if names is None else list(_compress(names, keep))
    columns = walk.columns
    columns.targets.extend(_array("Q", ids))
    ends = _accumulate(lengths, initial=columns.offsets[-1])
    next(ends)
    columns.offsets.extend(_array("I", ends))
    if names is None:
        columns.edge_labels.frombytes(bytes(4 * len(ids)))
    else:
        columns.edge_labels.extend(names if type(names) is _array else _array("I", names))


def _walk_chunks(walk):
    """Processes the objects a chunk at a time, in the order found (the list grows as new
    referents are queued), each chunk type by type with C-level map() calls."""
    probe = _Probe()
    calibration = [probe]
    chunk = calibration[0:1]
    # References this walk holds on each object while counting it: `objs`, the chunk and
    # the call's argument (measured on a probe held by one name).
    own = list(map(_getrefcount, chunk))[0] - 1
    probe = calibration = None
    objs = walk.objs
    position = 0
    while position < len(objs):
        end = min(len(objs), position + _CHUNK)
        chunk = objs[position:end]
        records = walk.types.records_of(walk, chunk)
        # Counted after the chunk's type records are made: a class's record holds it, and
        # that reference (in extra_refs) is subtracted from its count below.
        counts = list(map(_sub, map(_getrefcount, chunk), _repeat(own)))
        for record, positions in _groups(records):
            group = chunk if len(positions) == len(chunk) else list(map(chunk.__getitem__, positions))
            _walk_group(walk, record, group, positions, counts, position, end)
        position = end


def _groups(records):
    """(type record, positions in the chunk) of each type of a chunk, in record order."""
    distinct = set(records)
    buckets = {}
    if len(distinct) <= _FEW_TYPES:
        # Few types (the common case in a big heap): one C-level pass per type.
        for record in sorted(distinct, key=_record_index):
            buckets[record] = list(_compress(range(len(records)), map(_is, records, _repeat(record))))
        return list(buckets.items())
    for k, record in enumerate(records):
        bucket = buckets.get(record)
        if bucket is None:
            buckets[record] = [k]
        else:
            bucket.append(k)
    return list(buckets.items())


def _walk_group(walk, record, group, positions, counts, position, end):
    """Records the objects of one type of a chunk (at ``position`` .. ``end`` of the
    objects): their addresses, types, counts, sizes, labels and flags, then their edges."""
    columns = walk.columns
    n = len(group)
    group_ids = list(map(id, group))
    if record.flags & (_F_TYPE | _F_MODULE | _F_FRAME):
        walk.named.update(zip(group_ids, _count(len(columns.addresses))))
    columns.type_ids.extend(_array("I", [record.index]) * n)
    columns.addresses.extend(_array("Q", group_ids))
    extra_refs = walk.extra_refs
    if id(record.cls) in walk.held_type_ids and not extra_refs.keys().isdisjoint(group_ids):
        group_counts = map(_sub, map(counts.__getitem__, positions), map(extra_refs.get, group_ids, _repeat(0)))
        columns.refcounts.extend([c if c > 0 else 0 for c in group_counts])
    else:
        columns.refcounts.extend(_array("Q", map(counts.__getitem__, positions)))
    _add_sizes(columns.sizes, record, group)
    group_label_ids, truncated = walk.labels.of_group(group, record)
    columns.labels.extend(group_label_ids)
    group_flags = _group_flags(walk, record, group, positions, position, end)
    if truncated is not None and True in truncated:
        group_flags = [f | _F_TRUNCATED if cut else f for f, cut in zip(group_flags, truncated)]
    _group_edges(walk, record, group, group_flags)
    columns.flags.extend(group_flags)


def _add_sizes(sizes, record, group):
    """Appends the objects' shallow sizes (sys.getsizeof semantics)."""
    n = len(group)
    if record.fixed_size is not None and _getsizeof(group[0]) != record.fixed_size:
        record.fixed_size = None
    if record.fixed_size is not None:
        sizes.extend(_array("Q", [record.fixed_size]) * n)
    elif record.sizeof is not None:
        # getsizeof(x) is x.__sizeof__() plus a header size that depends on the type only
        # (not a class here), measured on the first object.
        size_of = record.sizeof
        header = _getsizeof(group[0]) - size_of(group[0])
        if header:
            sizes.extend(_array("Q", map(_add, map(size_of, group), _repeat(header))))
        else:
            sizes.extend(_array("Q", map(size_of, group)))
    elif record.size_safe:
        sizes.extend(map(_getsizeof, group))
    else:
        sizes.extend([_object_sizeof(x) + record.preheader for x in group])


def _group_flags(walk, record, group, positions, position, end):
    """The objects' flags: gc-tracked (every object of gc.get_objects()' list; the rest as
    the gc says), untracked containers, and the type's own flags."""
    base = record.flags
    n = len(group)
    tracked_count = walk.tracked_count
    traversable = record.gc and not (base & _F_TYPE and record.kind != _K_INSTANCE)
    if end <= tracked_count:
        return [base | _F_TRACKED] * n
    if position >= tracked_count:
        if traversable:
            untracked = base | (0 if base & _F_FRAME else _F_UNTRACKED_CONTAINER)
            return [base | _F_TRACKED if x else untracked for x in map(_is_tracked, group)]
        if base & _F_TYPE:
            return [base | _F_TRACKED if _is_tracked(x) else base for x in group]
        return [base] * n
    group_flags = []
    for k, x in zip(positions, group):
        if position + k < tracked_count or (record.gc and _is_tracked(x)):
            group_flags.append(base | _F_TRACKED)
        elif traversable and not base & _F_FRAME:
            group_flags.append(base | _F_UNTRACKED_CONTAINER)
        else:
            group_flags.append(base)
    return group_flags


# Another thread may change a list or dict between two C calls of the walk (it takes the
# GIL at most every 0.5 s, between bytecodes), so a group's items and lengths are taken
# from copies made in one C call each when other threads have Python frames, and checked
# against each other otherwise (then taken again from copies if they disagree).

def _sequence_items(group, concurrent):
    """(all items, length of each) of exact lists and tuples, taken at one moment."""
    items = list(map(tuple, group)) if concurrent else group
    lengths = list(map(len, items))
    flat = list(_chain.from_iterable(items))
    if len(flat) != sum(lengths):
        return _sequence_items(group, True)
    return flat, lengths


def _dict_items(group, concurrent):
    """(all keys, all values, twice the length of each) of exact dicts, taken at one moment."""
    items = list(map(dict.copy, group)) if concurrent else group
    keys = list(_chain.from_iterable(map(dict.keys, items)))
    values = list(_chain.from_iterable(map(dict.values, items)))
    lengths = [2 * length for length in map(dict.__len__, items)]
    if len(keys) != len(values) or 2 * len(keys) != sum(lengths):
        return _dict_items(group, True)
    return keys, values, lengths


def _group_edges(walk, record, group, group_flags):
    """Emits the objects' references, a whole group at a time where the kind allows."""
    kind = record.kind
    n = len(group)
    exact = record.cls is list or record.cls is tuple or record.cls is dict
    chain_all = _chain.from_iterable
    if kind == _K_GENERIC:
        refs_lists = list(map(_get_referents, group))
        _emit(walk, list(chain_all(refs_lists)), list(map(len, refs_lists)), None)
    elif kind == _K_SEQUENCE and exact:
        # Forward, as the Swift walker lists them (list_traverse goes backwards).
        flat, lengths = _sequence_items(group, walk.concurrent)
        index_labels = walk.labels.index
        longest = max(lengths)
        if longest > len(index_labels):
            walk.labels.index_list(longest)
        if lengths.count(longest) == n:
            names = _array("I", index_labels[:longest]) * n
        else:
            names = list(chain_all(map(index_labels.__getitem__, map(slice, lengths))))
        _emit(walk, flat, lengths, names)
    elif kind == _K_DICT and exact:
        keys, values, lengths = _dict_items(group, walk.concurrent)
        both = [None] * (2 * len(keys))
        both[0::2] = values
        both[1::2] = keys
        names = [_L_KEY_LABEL] * len(both)
        names[0::2] = walk.labels.keys_of(keys)
        del keys, values
        _emit(walk, both, lengths, names)
    else:
        template = None
        if kind == _K_INSTANCE and record.base_kind == _K_GENERIC:
            refs_lists = list(map(_get_referents, group))
            template = _instance_template(walk, group, record, refs_lists)
        if template is not None:
            _emit(walk, list(chain_all(refs_lists)), list(map(len, refs_lists)), _array("I", template) * n)
            return
        refs_lists, label_lists = [], []
        handler = _REFERENCE_HANDLERS.get(kind, _generic_refs)
        for k, o in enumerate(group):
            refs, out, more = handler(walk, o, record)
            refs_lists.append(refs)
            label_lists.append(out)
            if more:
                group_flags[k] |= more
        labels = (out if out is not None else [0] * len(refs) for refs, out in zip(refs_lists, label_lists))
        _emit(walk, list(chain_all(refs_lists)), list(map(len, refs_lists)), list(chain_all(labels)))


# --- roots and the type table

def _positions_of_named(walk, module_items):
    """Positions of the objects roots and type records name: classes, thread frames and
    sys.modules' values, all in ``walk.named`` unless a value there is not a module."""
    if all(map(issubclass, map(type, map(_itemgetter(1), module_items)), _repeat(_MODULE_TYPE))):
        return walk.named
    wanted = set(map(id, (r.cls for r in walk.types.records)))
    wanted.update(map(id, map(_itemgetter(1), module_items)))
    wanted.update(map(id, map(_itemgetter(1), walk.thread_tops)))
    addresses = walk.columns.addresses
    chosen = list(map(wanted.__contains__, addresses))
    return dict(zip(_compress(addresses, chosen), _compress(_count(), chosen)))


def _module_items():
    modules = _sys.modules
    return list(dict.items(modules)) if type(modules) is dict else []


def _roots(walk, position_of, module_items):
    """Roots (object, kind, name, detail): modules by their sys.modules keys, each thread's
    top frame by the thread's name. Objects held from outside (root kind 3) are left for
    the reader, which counts each object's references as it resolves them
    (docs/snapshot-format.md, section EDGA)."""
    intern = walk.labels.intern
    roots = []
    for name, module in module_items:
        i = position_of.get(id(module))
        if i is not None and type(name) is str:
            roots.append((i, _ROOT_MODULE, intern(name), 0))
    names = _thread_names()
    for thread_id, top in walk.thread_tops:
        i = position_of.get(id(top))
        if i is not None:
            name = names.get(thread_id)
            roots.append((i, _ROOT_THREAD, intern(name if name is not None else "thread %d" % thread_id), thread_id))
    del walk.thread_tops[:], walk.held_frames[:]
    return roots


def _type_names_table(walk, position_of):
    """Each type record's class position (or _NO_OBJECT) and its module and qualified name,
    in record order; the records let go of their classes."""
    records = walk.types.records
    type_objects = _array("I", [position_of.get(id(r.cls), _NO_OBJECT) for r in records])
    type_strings = []
    for r in records:
        module, qualname = _type_names(r.cls)
        type_strings.append(module)
        type_strings.append(qualname)
        r.cls = None
    return type_objects, type_strings

def _raw(text, limit):
    if type(text) is not str and not (text is not None and _type_flags(type(text)) & _UNICODE_SUBCLASS):
        return ""
    return str.__getitem__(text, slice(None, limit))


def _basename(path):
    path = _raw(path, 4096)
    return path[path.rfind("/") + 1:]


def _thread_names():
    """Thread id -> name from ``threading._active``, read from instance storage without
    descriptors (``Thread._name``); empty when ``threading`` was never imported."""
    names = {}
    modules = _sys.modules
    threading = dict.get(modules, "threading") if type(modules) is dict else None
    if threading is None or type(threading) is not type(_sys):
        return names
    active = dict.get(threading.__dict__, "_active")
    if type(active) is not dict:
        return names
    for ident, thread in list(dict.items(active)):
        if type(ident) is not int:
            continue
        found, value = _lookup(type(thread), "_name")
        if found and _is_descriptor(value):
            continue
        try:
            name = object.__getattribute__(thread, "_name")
        except Exception:
            continue
        if type(name) is str:
            names[ident] = name
    return names


class _HeapChanged(RuntimeError):
    """The walk's columns disagree: another thread changed the heap in a way the walk did
    not take at one moment. The walk is then taken again, up to _WALK_ATTEMPTS times."""


_WALK_ATTEMPTS = 3


def _json_text(value):
    """``value`` (dicts, lists, str, int, float, bool, None) as json.dumps writes it with
    separators (",", ":"), without the json package's Python code."""
    t = type(value)
    if t is str:
        return _encode_json_string(value)
    if value is None:
        return "null"
    if t is bool:
        return "true" if value else "false"
    if t is int:
        return int.__repr__(value)
    if t is float:
        if value != value:
            return "NaN"
        if value in (_INFINITY, -_INFINITY):
            return "Infinity" if value > 0 else "-Infinity"
        return float.__repr__(value)
    if t is list:
        return "[" + ",".join(map(_json_text, value)) + "]"
    if t is dict:
        return "{" + ",".join([_encode_json_string(k) + ":" + _json_text(v) for k, v in dict.items(value)]) + "}"
    raise ValueError("refgraph_agent: metadata of type %s" % (_type_qualname(t),))


_INFINITY = float("inf")


def _encode(meta, strings, type_objects, type_strings, columns, roots, started):
    """The file as a list of buffers to write in order: small packed parts and the walk's
    arrays themselves (on a little-endian machine), so no second copy of the columns is
    made in memory before they reach the file."""
    big = _sys.byteorder == "big"

    def raw(a):
        if big:
            a = _array(a.typecode, a)
            a.byteswap()
        return memoryview(a).cast("B")

    def padding(length):
        return bytes(-length % _ALIGNMENT)

    def padded(*parts):
        """``parts`` followed by the zero bytes that end them at a multiple of 8."""
        return list(parts) + [padding(sum(map(len, parts)))]

    def string_block(table):
        """A packed ``_Strings``: its offsets, then its runs as they are."""
        offsets = _array("I", _accumulate(table.lengths, initial=0))
        return padded(raw(offsets)) + table.runs

    c = columns
    n = len(c.addresses)
    m = len(c.targets)
    if len(c.edge_labels) != m or c.offsets[-1] != m or len(c.offsets) != n + 1 or \
            not len(c.sizes) == len(c.refcounts) == len(c.type_ids) == len(c.labels) == len(c.flags) == n:
        raise _HeapChanged("refgraph_agent: the heap changed under the walk; no snapshot was written.")
    # Struct objects, not struct.pack: pack(format) would leave its compiled format in the
    # struct module's cache, a new object in the process's next snapshot.
    root_record, pair = _Struct(_ROOT_RECORD_FORMAT), _Struct(_COUNT_PAIR_FORMAT)
    file_header, entry = _Struct(_FILE_HEADER_FORMAT), _Struct(_DIRECTORY_ENTRY_FORMAT)
    root_records = b"".join(root_record.pack(o, k, s, 0, d) for o, k, s, d in roots)
    names = _Strings(type_strings)
    names.pack()
    strs = [pair.pack(strings.count, 0)] + string_block(strings)
    typs = [pair.pack(len(type_objects), 0)] + padded(raw(type_objects)) + string_block(names)
    objs = [pair.pack(n, 0), raw(c.addresses), raw(c.sizes), raw(c.refcounts)] + \
        padded(raw(c.type_ids)) + padded(raw(c.labels)) + padded(raw(c.flags))
    edga = [pair.pack(n, m)] + padded(raw(c.offsets)) + [raw(c.targets)] + padded(raw(c.edge_labels))
    root = [pair.pack(len(roots), 0), root_records]
    meta["captureSeconds"] = _perf_counter() - started
    meta_bytes = [str.encode(_json_text(meta), "utf-8")]
    sections = [(b"META", meta_bytes), (b"STRS", strs), (b"TYPS", typs), (b"OBJS", objs),
                (b"EDGA", edga), (b"ROOT", root)]
    header = _MAGIC + file_header.pack(_FORMAT_MAJOR, _FORMAT_MINOR, len(sections))
    directory = []
    body = []
    offset = len(header) + entry.size * len(sections)
    for tag, parts in sections:
        length = sum(map(len, parts))
        directory.append(entry.pack(tag, _SECTION_VERSION, offset, length))
        body.extend(parts)
        body.append(padding(length))
        offset += length + (-length % _ALIGNMENT)
    return [header] + directory + body


def _main(argv=None):
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m refgraph_agent",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="refgraph's agent: heap snapshots of a running Python program for refgraph.",
        epilog="""\
Use it from your own program (standard library only, CPython 3.8 to 3.13):

  import refgraph_agent
  refgraph_agent.snapshot("heap.rgs")        # write a snapshot now; returns a summary dict
  refgraph_agent.snapshot("heap.rgs", collect=True)   # run gc.collect() first

  refgraph_agent.install()                   # from now on: kill -USR1 <pid> writes
                                             # refgraph-<pid>-<UTC time>.rgs into the
                                             # current directory
  refgraph_agent.install(signal.SIGUSR2, directory="/var/tmp/heaps")
  refgraph_agent.uninstall(signal.SIGUSR2)   # put the previous SIGUSR2 handler back

install() takes the snapshot in a Python-level signal handler, which CPython runs in the
main thread between bytecodes, then calls the handler it replaced. snapshot() never runs
code of yours (no __repr__, __eq__, properties, ...), restores the gc's state, leaves its
own objects out, and writes the file atomically with mode 0600 (during the walk, one
short-lived thread of its own readies the file's pages; its work is done before snapshot()
returns).

Then analyse the file: refgraph top heap.rgs, refgraph chain heap.rgs --type NAME, ...
The module's path inside a refgraph installation: refgraph agent-path
""")
    parser.add_argument("--version", action="version", version=CAPTURED_BY)
    parser.parse_args(argv)
    parser.print_help()
    return 0


if __name__ == "__main__":
    _sys.exit(_main())
