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
# Under `refgraph run` the walk is refgraph's own, so the pure-Python walk's modules (json,
# and with it re and enum; array; struct; ...) would only add ~30 modules and ~10,000
# objects of no use to every snapshot. Outside it they are imported here, with the agent,
# so that taking a snapshot never changes sys.modules. install imports signal itself.
import gc as _gc
import os as _os
import sys as _sys
import time as _time

# The standard-library modules the pure-Python walk uses; its functions import them again
# by name, which then only looks them up.
_WALK_MODULES = ("array", "itertools", "json", "opcode", "operator", "struct", "types", "weakref")

try:
    import _refgraph
except ImportError:  # outside `refgraph run`
    _refgraph = None
    for _name in _WALK_MODULES:
        __import__(_name)
    del _name

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
    path = _os.fspath(path)
    if _refgraph is not None:
        return _refgraph.snapshot(path, bool(collect))
    return _snapshot(path, collect, None)


def _snapshot(path, collect, own):
    """``snapshot`` for a caller that is part of refgraph (``refgraph attach``'s bootstrap).
    ``own`` (a list, or None) holds the caller's objects, its frames included: they are left
    out of the snapshot like the agent's own, so they do not show up as new in every attach."""
    perf_counter = _time.perf_counter
    started = perf_counter()
    data, objects, edges, total, fd, temporary = _capture(bool(collect), started, own, path)
    writing = perf_counter()
    _write_into(fd, temporary, path, data)
    del data
    ended = perf_counter()
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
    folder = _os.path.abspath(_os.fspath(directory) if directory is not None else _os.getcwd())
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
        raise ValueError("refgraph_agent.install must be called from the main thread: %s" % error)
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
    time = _time
    if _busy:
        _sys.stderr.write("refgraph_agent: a snapshot is already being written; signal ignored.\n")
        return
    _busy.append(True)
    try:
        now = time.time()
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(now)) + ".%06dZ" % int((now % 1) * 1e6)
        path = _os.path.join(folder, "refgraph-%d-%s.rgs" % (_os.getpid(), stamp))
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


def _create_temporary(path):
    """A new private file beside ``path`` (mode 0600, ``O_EXCL``), open for reading and
    writing, made before the walk: (descriptor, its name). Raises OSError naming ``path``."""
    folder, name = _os.path.split(_os.path.abspath(path))
    temporary = _os.path.join(folder, ".%s.%d.tmp" % (name, _os.getpid()))
    try:
        return _os.open(temporary, _os.O_RDWR | _os.O_CREAT | _os.O_EXCL, 0o600), temporary
    except OSError as error:
        raise _write_error(path, error)


def _remove_quietly(temporary):
    """Removes a temporary file that will not be put in place, if it is still there."""
    try:
        _os.unlink(temporary)
    except OSError:
        pass


def _discard(fd, temporary):
    """Closes and removes a temporary file that will not be put in place."""
    try:
        _os.close(fd)
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
            advise = getattr(_os, "posix_fadvise", None)
            written = 0
            for part in parts:
                view = memoryview(part).cast("B")
                while view:
                    n = _os.write(fd, view[:_WRITE_STEP])
                    view = view[n:]
                    if advise is not None:
                        advise(fd, written, n, _os.POSIX_FADV_DONTNEED)
                    written += n
            # The page-cache helper may have made the file longer.
            _os.ftruncate(fd, written)
            _os.fsync(fd)
        finally:
            _os.close(fd)
        _os.replace(temporary, path)
    except BaseException as error:
        _remove_quietly(temporary)
        if isinstance(error, OSError):
            raise _write_error(path, error)
        raise


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
    if size < (4 << 20) or not hasattr(_os, "preadv"):
        return None
    import _thread
    done = _thread.allocate_lock()
    done.acquire()
    stop = []
    try:
        _thread.start_new_thread(_ready_page_cache, (fd, min(size, _READY_BYTES_MAX), stop, done))
    except RuntimeError:
        return None

    def finish():
        stop.append(True)
        done.acquire()
    return finish


def _ready_page_cache(fd, size, stop, done):
    """The page-cache helper's thread (see ``_start_page_cache_helper``)."""
    try:
        _os.ftruncate(fd, size)
        buffer = bytearray(1 << 20)
        offset = 0
        while offset < size and not stop:
            got = _os.preadv(fd, [buffer] * min(_READY_STEP_MIB, (size - offset) >> 20 or 1), offset)
            if got <= 0:
                break
            offset += got
    except (OSError, ValueError, OverflowError):
        pass
    finally:
        done.release()


# ---------------------------------------------------------------------------------------
# The pure-Python heap walk.

_HAVE_GC = 1 << 14
_HEAPTYPE = 1 << 9
_LONG_SUBCLASS = 1 << 24
_LIST_SUBCLASS = 1 << 25
_TUPLE_SUBCLASS = 1 << 26
_BYTES_SUBCLASS = 1 << 27
_UNICODE_SUBCLASS = 1 << 28
_DICT_SUBCLASS = 1 << 29
_TYPE_SUBCLASS = 1 << 31
_CO_OPTIMIZED = 1

# ObjectFlags (docs/snapshot-format.md).
_F_TRACKED, _F_MODULE, _F_FRAME, _F_TYPE = 0x1, 0x2, 0x4, 0x8
_F_FUNCTION, _F_WEAKREF, _F_UNTRACKED_CONTAINER, _F_UNKNOWN, _F_TRUNCATED = 0x10, 0x20, 0x40, 0x80, 0x100

# How an object's references are listed and named.
(_K_GENERIC, _K_SEQUENCE, _K_DICT, _K_INSTANCE, _K_FUNCTION, _K_METHOD, _K_CFUNCTION, _K_CELL,
 _K_MODULE, _K_TYPE, _K_STATIC_TYPE, _K_FRAME, _K_CLASSMETHOD, _K_PROPERTY, _K_EXCEPTION,
 _K_TRACEBACK, _K_GENERATOR, _K_CODE, _K_WEAKREF) = range(19)

# Which label an object gets.
(_L_NONE, _L_STR, _L_BYTES, _L_INT, _L_BOOL, _L_FLOAT, _L_LIST, _L_TUPLE, _L_DICT, _L_SET,
 _L_FUNCTION, _L_CFUNCTION, _L_TYPE, _L_MODULE, _L_FRAME, _L_METHOD, _L_CODE) = range(17)

_LABEL_CHARACTERS = 40
_IMMORTAL_REFCOUNT = 500000000
_CHUNK = 16384

_LIMITATIONS = [
    "Written by the pure-Python agent: objects that no gc-tracked object, thread frame or module references (for example objects held only by C code) are not recorded.",
    "References that gc.get_referents does not report are not recorded, except dict keys, code object fields and static type fields, which are added.",
    "Objects with an immortal-style reference count (500000000 and up) are never reported as held from outside.",
    "Instance attributes stored inline (Python 3.11+) are named only when the class's own methods assign them (self.name = ...); others are recorded unnamed.",
    "Local variables of running frames are recorded unnamed on Python 3.8-3.10; on 3.11 and 3.12 the locals of running function frames are not recorded (reading them would change the frame), and those frames are flagged referencesUnknown.",
    "Function __dict__ and __annotations__ references are recorded unnamed (reading them by name would create them).",
    "Dict keys ('<key>' edges) are recorded for every dict, also instance dicts whose keys their class shares (the C-API walker records them only where the dict owns its keys).",
    "Code objects are listed through their attributes; on 3.11+ their table of local names (co_localsplusnames) is not recorded.",
    "Sizes of objects whose type defines __sizeof__ in Python use the object.__sizeof__ formula; that method is never called.",
    "Other threads keep running during the walk, in turns of up to 0.5 s (sys.setswitchinterval) instead of 5 ms; a container they change meanwhile (or a C extension that releases the GIL changes) may be recorded partly before and partly after the change.",
]


_AGENT_GLOBALS = globals()

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
    gc = _gc
    sys = _sys
    enabled = gc.isenabled()
    counts = gc.get_count()
    thresholds = gc.get_threshold()
    switch = sys.getswitchinterval()
    if collect:
        gc.collect()
    gc.disable()
    try:
        sys.setswitchinterval(max(switch, _WALK_SWITCH_INTERVAL))
        try:
            return _walk(started, enabled, counts, thresholds, collect, own, path)
        finally:
            sys.setswitchinterval(switch)
    finally:
        if enabled:
            gc.enable()
        gc.set_threshold(*thresholds)


def _metadata(enabled, counts, thresholds, collected):
    wall = _time.time()
    rss = peak = None
    try:
        with open("/proc/self/status", "rb") as status:
            for line in status.read().split(b"\n"):
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
        "pid": _os.getpid(),
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
    return meta


class _Strings(object):
    """The string table (STRS): string 0 is the empty string. Strings are packed as they
    come, in runs of UTF-8 bytes with an array of their byte lengths, so that a label made
    for one object (most of them) does not stay a Python str until the file is written."""

    _RUN = 16384

    def __init__(self, texts=("",)):
        from array import array
        self.ids = {"": 0}
        self.count = len(texts)
        self.pending = list(texts)
        self.runs = []
        self.lengths = array("I")

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
    """The dict behind a class's ``__dict__`` mappingproxy (its only referent)."""
    for referent in _gc.get_referents(proxy):
        if type(referent) is dict:
            return referent
    return None


_type_dict = type.__dict__["__dict__"].__get__
_type_mro = type.__dict__["__mro__"].__get__
_type_bases = type.__dict__["__bases__"].__get__
_type_base = type.__dict__["__base__"].__get__
_type_flags = type.__dict__["__flags__"].__get__
_type_qualname = type.__dict__["__qualname__"].__get__
_type_basicsize = type.__dict__["__basicsize__"].__get__
_type_itemsize = type.__dict__["__itemsize__"].__get__
_type_module = type.__dict__["__module__"].__get__


def _class_dict(cls):
    """A class's own namespace dict, read without descriptors of its metaclass."""
    return _mappingproxy_dict(_type_dict(cls))


def _lookup(cls, name):
    """(found, value) of ``name`` on the class's MRO, read from each class's own dict."""
    for klass in _type_mro(cls):
        namespace = _class_dict(klass)
        if namespace is not None and name in namespace:
            return True, namespace[name]
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
        module = namespace.get("__module__") if namespace is not None else None
        if type(module) is not str:
            module = "builtins"
    else:
        try:
            module = _type_module(cls)
        except Exception:
            module = None
        if type(module) is not str:
            module = "builtins"
    return module, qualname


def _store_attr_names(cls):
    """Attribute names the class's own functions assign (``x.name = ...``), from their
    bytecode and, on 3.13, ``__static_attributes__``; bases first."""
    import opcode
    store = opcode.opmap.get("STORE_ATTR")
    extended = opcode.opmap.get("EXTENDED_ARG")
    names = []
    seen = set()
    function_type = type(_class_dict)
    for klass in reversed(_type_mro(cls)):
        if not _type_flags(klass) & _HEAPTYPE:
            continue
        namespace = _class_dict(klass)
        if namespace is None:
            continue
        static = namespace.get("__static_attributes__")
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
                    if type(part) is function_type:
                        codes.append(part.__code__)
            elif type(value) is function_type:
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


def _record_index(record):
    return record.index


class _TypeRecord(object):
    __slots__ = ("index", "kind", "label", "flags", "gc", "heap", "size_safe", "fixed_size", "preheader",
                 "sizeof", "slots", "attributes", "base_kind", "cls")


def _walk(started, enabled, gc_counts, gc_thresholds, collected, own, path):
    """The walk proper. Its first act is ``gc.get_objects()``, so that the only tracked
    objects of the agent in that list are its own frames, the gc tuples passed in and the
    caller's ``own`` objects, which are taken out by id. Then the temporary file for
    ``path`` is made (so an unwritable path fails before the walk) and the page-cache helper
    started for it, both after the list, so that their objects and frames are new ones; the
    helper is waited for before this returns the file's parts and the temporary file."""
    objs = _gc.get_objects()
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
    """``_walk`` after the list is taken."""
    exclude = {id(objs), id(gc_counts), id(gc_thresholds)}
    if own is not None:
        exclude.add(id(own))
        exclude.update(map(id, own))
    frame = _sys._getframe()
    while frame is not None and (frame.f_globals is _AGENT_GLOBALS or id(frame) in exclude):
        exclude.add(id(frame))
        frame = frame.f_back
    frame = None
    return _walk_objects(objs, exclude, started, enabled, gc_counts, gc_thresholds, collected)


def _walk_objects(objs, exclude, started, enabled, gc_counts, gc_thresholds, collected):
    """Numbers ``objs`` (gc.get_objects(), taken in a frame with no closure cells, so no
    state of this walk is in it), drops the ``exclude``d ids, then walks. Nested functions
    here share the walk's state through cells made after that list was taken."""
    gc = _gc
    sys = _sys
    frame = sys._getframe()
    exclude.add(id(frame))
    frame = None
    import types
    import weakref
    from array import array
    from itertools import accumulate, chain, compress, count, repeat
    from operator import add, is_, itemgetter, not_, rshift, sub
    agent_globals = _AGENT_GLOBALS
    # The set of objects seen holds each address shifted right by log2 of the smallest
    # object's size: distinct for distinct live objects (they never overlap), and dense
    # where addresses are 16-aligned, so the set's probes rarely collide (raw addresses all
    # hash to every 16th slot), which makes its lookups, the walk's largest cost, cheaper.
    shift = repeat(object.__basicsize__.bit_length() - 1)
    keys = list(map(rshift, map(id, objs), shift))
    seen = set(keys)
    excluded = set(map(rshift, exclude, shift))
    if not excluded.isdisjoint(seen):
        # In place: the caller's frame holds this list too. They are few: delete them by
        # position, last first.
        dropped = list(compress(count(), map(excluded.__contains__, keys)))
        for k in reversed(dropped):
            del objs[k]
        seen.difference_update(excluded)
        dropped = None
    keys = excluded = None
    shift_bits = object.__basicsize__.bit_length() - 1
    tracked_count = len(objs)
    meta = _metadata(enabled, gc_counts, gc_thresholds, collected)

    get_referents = gc.get_referents
    getrefcount = sys.getrefcount
    getsizeof = sys.getsizeof
    is_tracked = gc.is_tracked
    object_sizeof = object.__sizeof__
    object_sizeof_descriptor = object.__dict__["__sizeof__"]
    object_getattribute = object.__getattribute__
    version = sys.version_info[:2]

    # Thread frames, materialized (3.11+ creates frame objects for running frames), with
    # this agent's frames skipped at the top of the current thread. The references held
    # on them here are subtracted from their counts.
    extra_refs = {}
    # Types of the objects in extra_refs: only their groups need the subtraction.
    held_type_ids = set()

    def hold(obj):
        """Notes one more reference this walk holds on obj, to subtract from its count."""
        extra_refs[id(obj)] = extra_refs.get(id(obj), 0) + 1
        held_type_ids.add(id(type(obj)))

    # The walk's own names for objects of the heap; getrefcount and sub once more for the
    # map objects that hold them while a chunk is counted, chain once more for chain_all.
    for obj in (gc, sys, types, weakref, array, accumulate, chain, chain, compress, count, repeat,
                add, is_, itemgetter, not_, rshift, sub, sub, get_referents, getrefcount, getrefcount,
                getsizeof, is_tracked, object_sizeof, object_sizeof_descriptor, object_getattribute):
        hold(obj)
    obj = None
    thread_tops = []
    held_frames = []
    current = sys._current_frames()
    for thread_id, top in list(dict.items(current)):
        while top is not None and (top.f_globals is agent_globals or id(top) in exclude):
            exclude.add(id(top))
            top = top.f_back
        if top is None:
            continue
        thread_tops.append((thread_id, top))
        f = top
        while f is not None:
            held_frames.append(f)
            f = f.f_back
    current = top = f = None
    live_frames = set()
    for f in held_frames:
        fid = id(f)
        live_frames.add(fid)
        hold(f)
        if fid >> shift_bits not in seen:
            seen.add(fid >> shift_bits)
            objs.append(f)
    for _, top in thread_tops:
        hold(top)
    f = top = None

    strings = _Strings()
    intern = strings.intern
    fixed = {}
    for name in (".__dict__", ".__class__", ".__self__", ".__func__", ".__closure__", ".__globals__",
                 ".__code__", ".__defaults__", ".__kwdefaults__", ".__module__", ".__name__",
                 ".__qualname__", ".__doc__", ".__builtins__", ".cell_contents", ".f_back",
                 ".f_code", ".f_locals", ".f_globals", ".f_trace", ".f_builtins", ".gi_code",
                 ".cr_code", ".ag_code", ".__mro__", ".__bases__", ".__base__", ".args",
                 ".__traceback__", ".__context__", ".__cause__", ".tb_next", ".tb_frame", ".fget",
                 ".fset", ".fdel", "<key>", ".co_consts", ".co_names", ".co_filename", ".co_name",
                 ".co_qualname", ".co_linetable", ".co_exceptiontable", ".co_code", ".co_varnames",
                 ".co_freevars", ".co_cellvars", ".co_lnotab", ".__callback__"):
        fixed[name] = intern(name)
    L_DICT, L_CLASS, L_KEY = fixed[".__dict__"], fixed[".__class__"], fixed["<key>"]

    index_labels = []

    def index_label_list(n):
        while len(index_labels) < n:
            index_labels.append(intern("[%d]" % len(index_labels)))
        return index_labels[:n]

    count_labels = {}

    def count_label(n):
        i = count_labels.get(n)
        if i is None:
            i = count_labels[n] = intern("%d items" % n)
        return i

    # --- type records
    types_by_id = {}
    type_list = []
    preheader_gc = getsizeof([]) - list.__sizeof__([])

    probe = _Probe()
    preheader_managed = getsizeof(probe) - object_sizeof(probe) - preheader_gc
    probe = None
    unsafe_size = set()

    function_type = types.FunctionType
    method_type = types.MethodType
    builtin_type = types.BuiltinFunctionType
    code_type = types.CodeType
    cell_type = type((lambda: function_type).__closure__[0])
    module_type = types.ModuleType
    frame_type = types.FrameType
    traceback_type = types.TracebackType
    generator_type = types.GeneratorType
    coroutine_type = types.CoroutineType
    async_generator_type = types.AsyncGeneratorType
    method_descriptor = type(object.__sizeof__)
    wrapper_descriptor = type(object.__init__)
    member_descriptor = types.MemberDescriptorType
    weak_ref, weak_proxy, weak_callable_proxy = weakref.ref, weakref.ProxyType, weakref.CallableProxyType

    static_kinds = [
        (list, _K_SEQUENCE), (tuple, _K_SEQUENCE), (dict, _K_DICT), (function_type, _K_FUNCTION),
        (method_type, _K_METHOD), (builtin_type, _K_CFUNCTION), (cell_type, _K_CELL),
        (module_type, _K_MODULE), (type, _K_TYPE), (frame_type, _K_FRAME),
        (classmethod, _K_CLASSMETHOD), (staticmethod, _K_CLASSMETHOD), (property, _K_PROPERTY),
        (traceback_type, _K_TRACEBACK), (generator_type, _K_GENERATOR),
        (coroutine_type, _K_GENERATOR), (async_generator_type, _K_GENERATOR), (code_type, _K_CODE),
        (weak_ref, _K_WEAKREF), (weak_proxy, _K_WEAKREF), (weak_callable_proxy, _K_WEAKREF),
    ]
    static_labels = [
        (float, _L_FLOAT), (set, _L_SET), (frozenset, _L_SET), (function_type, _L_FUNCTION),
        (builtin_type, _L_CFUNCTION), (module_type, _L_MODULE), (frame_type, _L_FRAME),
        (method_type, _L_METHOD), (code_type, _L_CODE),
    ]
    for obj in (function_type, method_type, builtin_type, code_type, cell_type, module_type, frame_type,
                traceback_type, generator_type, coroutine_type, async_generator_type, method_descriptor,
                wrapper_descriptor, member_descriptor, weak_ref, weak_proxy, weak_callable_proxy):
        hold(obj)
    for obj, _ in static_kinds + static_labels:
        hold(obj)
    obj = None

    def new_type(cls):
        record = _TypeRecord()
        record.index = len(type_list)
        record.cls = cls
        hold(cls)
        flags = _type_flags(cls)
        record.gc = bool(flags & _HAVE_GC)
        record.heap = bool(flags & _HEAPTYPE)
        base = cls
        while _type_flags(base) & _HEAPTYPE:
            base = _type_base(base)
        base_kind = None
        for key, value in static_kinds:
            if key is base:
                base_kind = value
        if base_kind is None:
            base_kind = _K_EXCEPTION if issubclass(base, BaseException) else _K_GENERIC
        record.base_kind = base_kind
        record.kind = _K_INSTANCE if record.heap else base_kind
        base_flags = _type_flags(base)
        if cls is bool:
            label = _L_BOOL
        elif base_flags & _UNICODE_SUBCLASS:
            label = _L_STR
        elif base_flags & _BYTES_SUBCLASS:
            label = _L_BYTES
        elif base_flags & _LONG_SUBCLASS:
            label = _L_INT
        elif base_flags & _LIST_SUBCLASS:
            label = _L_LIST
        elif base_flags & _TUPLE_SUBCLASS:
            label = _L_TUPLE
        elif base_flags & _DICT_SUBCLASS:
            label = _L_DICT
        elif base_flags & _TYPE_SUBCLASS:
            label = _L_TYPE
        else:
            label = _L_NONE
            for key, value in static_labels:
                if key is base:
                    label = value
        record.label = label
        f = 0
        if issubclass(cls, module_type):
            f |= _F_MODULE
        if cls is frame_type:
            f |= _F_FRAME
        if issubclass(cls, type):
            f |= _F_TYPE
        if cls is function_type or cls is method_type or cls is builtin_type or cls is code_type:
            f |= _F_FUNCTION
        if issubclass(cls, weak_ref) or cls is weak_proxy or cls is weak_callable_proxy:
            f |= _F_WEAKREF
        record.flags = f
        record.preheader = (preheader_gc if flags & _HAVE_GC else 0) + \
            (preheader_managed if flags & (1 << 4) and version >= (3, 11) else 0)
        found, sizeof = _lookup(cls, "__sizeof__")
        record.size_safe = (not found) or type(sizeof) is method_descriptor or type(sizeof) is wrapper_descriptor
        # object.__sizeof__ of a type without items is its basic size: the same for every
        # instance (checked against sys.getsizeof on the first one met).
        record.fixed_size = _type_basicsize(cls) + record.preheader \
            if sizeof is object_sizeof_descriptor and _type_itemsize(cls) == 0 else None
        if not record.size_safe:
            unsafe_size.add(record.index)
        # The C __sizeof__ sys.getsizeof would call, to call directly (getsizeof looks it
        # up on each call). Not for classes: getsizeof adds a gc header only to heap types.
        record.sizeof = sizeof if found and type(sizeof) is method_descriptor and not issubclass(cls, type) else None
        if record.sizeof is not None:
            hold(sizeof)
        record.slots = []
        record.attributes = []
        if record.heap:
            klass = cls
            while _type_flags(klass) & _HEAPTYPE:
                namespace = _class_dict(klass)
                if namespace is not None:
                    for name, value in list(dict.items(namespace)):
                        if type(value) is member_descriptor and type(name) is str:
                            record.slots.append((value, intern("." + name[:_LABEL_CHARACTERS])))
                            hold(value)
                klass = _type_base(klass)
            if version >= (3, 11) and flags & (1 << 4):
                for name in _store_attr_names(cls):
                    if type(name) is not str or (name.startswith("__") and name.endswith("__")):
                        continue
                    found, value = _lookup(cls, name)
                    if found and _is_descriptor(value):
                        continue
                    record.attributes.append((name, intern("." + name[:_LABEL_CHARACTERS])))
                    hold(name)
        types_by_id[id(cls)] = record
        type_list.append(record)
        return record

    # --- object labels
    module_dict_get = module_type.__dict__["__dict__"].__get__
    hold(module_type.__dict__["__dict__"])

    def module_dict(m):
        try:
            return module_dict_get(m)
        except Exception:
            return None

    def object_label(o, kind):
        """(label id, truncated) of an object, from builtin types' own methods only."""
        if kind == _L_STR:
            return intern(str.__repr__(str.__getitem__(o, slice(None, _LABEL_CHARACTERS)))), \
                str.__len__(o) > _LABEL_CHARACTERS
        if kind == _L_INT:
            v = int.__index__(o)
            if -(1 << 63) <= v < (1 << 63):
                return intern(int.__repr__(v)), False
            return intern("int of %d bits" % v.bit_length()), False
        if kind == _L_LIST:
            return count_label(list.__len__(o)), False
        if kind == _L_TUPLE:
            return count_label(tuple.__len__(o)), False
        if kind == _L_DICT:
            return count_label(dict.__len__(o)), False
        if kind == _L_BYTES:
            return intern(bytes.__repr__(bytes.__getitem__(o, slice(None, _LABEL_CHARACTERS)))), \
                bytes.__len__(o) > _LABEL_CHARACTERS
        if kind == _L_BOOL:
            return intern("True" if o is True else "False"), False
        if kind == _L_FLOAT:
            return intern(float.__repr__(o)), False
        if kind == _L_SET:
            return count_label(set.__len__(o) if issubclass(type(o), set) else frozenset.__len__(o)), False
        if kind == _L_FUNCTION:
            return intern(_raw(o.__qualname__, 80)), False
        if kind == _L_CFUNCTION:
            return intern(_raw(o.__name__, 80)), False
        if kind == _L_TYPE:
            return intern(_raw(_type_qualname(o), 200)), False
        if kind == _L_MODULE:
            namespace = module_dict(o)
            name = dict.get(namespace, "__name__") if type(namespace) is dict else None
            return intern(_raw(name, 80)), False
        if kind == _L_FRAME:
            code = o.f_code
            return intern("%s:%d in %s" % (_basename(code.co_filename), o.f_lineno or 0, _raw(code.co_name, 80))), False
        if kind == _L_METHOD:
            function = o.__func__
            if type(function) is function_type:
                name = _raw(function.__qualname__, 80)
            elif type(function) is builtin_type:
                name = _raw(function.__name__, 80)
            else:
                name = ""
            return intern(name + " (bound)"), False
        if kind == _L_CODE:
            return intern("%s %s:%d" % (_raw(o.co_name, 80), _basename(o.co_filename), o.co_firstlineno)), False
        return 0, False

    key_labels = {}

    def key_label(key):
        """['key'], [42] or [<Type>] for a dict value under ``key`` (cached by id: every key
        stays alive in its dict for the whole walk)."""
        kid = id(key)
        i = key_labels.get(kid)
        if i is None:
            t = type(key)
            if t is str or _type_flags(t) & _UNICODE_SUBCLASS:
                text = "[" + str.__repr__(str.__getitem__(key, slice(None, _LABEL_CHARACTERS))) + "]"
            elif t is int:
                text = "[%d]" % key if -(1 << 63) <= key < (1 << 63) else "[<int>]"
            else:
                try:
                    name = _type_qualname(t)
                except Exception:
                    name = "?"
                text = "[<%s>]" % (name,)
            i = key_labels[kid] = intern(text)
        return i

    local_labels = {}

    def local_label(name):
        i = local_labels.get(name)
        if i is None:
            i = local_labels[name] = intern(
                "f_locals[" + str.__repr__(str.__getitem__(name, slice(None, _LABEL_CHARACTERS))) + "]")
        return i

    # --- references: (refs, labels or None, extra flags) per kind
    def match(refs, expected, names):
        """Labels for ``refs``: each takes the first unused label expected for the same
        object (order-independent: traverse orders differ between versions)."""
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

    def by_pairs(o, pairs):
        refs = get_referents(o)
        return refs, match(refs, [p[0] for p in pairs], [p[1] for p in pairs]), 0

    def base_pairs(o, kind):
        """Expected (object, label) pairs of a static kind's own traverse."""
        if kind == _K_SEQUENCE:
            items = list(list.__iter__(o)) if issubclass(type(o), list) else list(tuple.__iter__(o))
            return list(zip(items, index_label_list(len(items))))
        if kind == _K_DICT:
            return [(value, key_label(key)) for key, value in list(dict.items(o))]
        if kind == _K_FUNCTION:
            return [(value, fixed[name]) for name, value in function_fields(o) if value is not None or name == ".__doc__"]
        if kind == _K_METHOD:
            return [(o.__func__, fixed[".__func__"]), (o.__self__, fixed[".__self__"])]
        if kind == _K_CFUNCTION:
            return [(o.__self__, fixed[".__self__"]), (o.__module__, fixed[".__module__"])]
        if kind == _K_CELL:
            try:
                return [(o.cell_contents, fixed[".cell_contents"])]
            except ValueError:
                return []
        if kind == _K_MODULE:
            return [(module_dict(o), L_DICT)]
        if kind == _K_TYPE:
            return [(_class_dict(o), L_DICT), (_type_mro(o), fixed[".__mro__"]),
                    (_type_bases(o), fixed[".__bases__"]), (_type_base(o), fixed[".__base__"])]
        if kind == _K_CLASSMETHOD:
            cls = type(o)
            if cls is classmethod or cls is staticmethod:
                return [(cls.__dict__["__func__"].__get__(o), fixed[".__func__"])]
            return []
        if kind == _K_PROPERTY:
            return [(property.__dict__["fget"].__get__(o), fixed[".fget"]),
                    (property.__dict__["fset"].__get__(o), fixed[".fset"]),
                    (property.__dict__["fdel"].__get__(o), fixed[".fdel"])]
        if kind == _K_EXCEPTION:
            pairs = []
            for name in ("args", "__traceback__", "__context__", "__cause__"):
                try:
                    pairs.append((exception_fields[name](o), fixed["." + name]))
                except Exception:
                    pass
            return pairs
        if kind == _K_TRACEBACK:
            return [(o.tb_next, fixed[".tb_next"]), (o.tb_frame, fixed[".tb_frame"])]
        if kind == _K_GENERATOR:
            prefix = ".gi_" if type(o) is generator_type else ".cr_" if type(o) is coroutine_type else ".ag_"
            return [(getattr(o, prefix[1:] + "code", None), fixed[prefix + "code"]),
                    (o.__name__, fixed[".__name__"]), (o.__qualname__, fixed[".__qualname__"])]
        if kind == _K_WEAKREF:
            # A weak reference's traverse lists only its callback. A proxy forwards attribute
            # lookups to its referent, so its callback is not asked for by name.
            if type(o) is weak_proxy or type(o) is weak_callable_proxy:
                return [(r, fixed[".__callback__"]) for r in get_referents(o)]
            return [(weak_callback(o), fixed[".__callback__"])]
        return []

    weak_callback = weak_ref.__dict__["__callback__"].__get__
    exception_fields = dict((name, BaseException.__dict__[name].__get__)
                            for name in ("args", "__traceback__", "__context__", "__cause__"))
    hold(weak_ref.__dict__["__callback__"])
    for name in exception_fields:
        hold(BaseException.__dict__[name])
    name = None
    function_names = [".__code__", ".__globals__", ".__builtins__", ".__module__", ".__defaults__",
                      ".__kwdefaults__", ".__doc__", ".__name__", ".__closure__", ".__qualname__"]
    if version < (3, 10):
        function_names.remove(".__builtins__")

    def function_fields(o):
        out = []
        for name in function_names:
            try:
                out.append((name, getattr(o, name[1:])))
            except Exception:
                pass
        return out

    def instance_refs(o, record):
        refs = get_referents(o)
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
                value = object_getattribute(o, name)
            except Exception:
                continue
            expected.append(value)
            names.append(label)
        expected.append(record.cls)
        names.append(L_CLASS)
        for value, label in base_pairs(o, record.base_kind):
            expected.append(value)
            names.append(label)
        out = match(refs, expected, names)
        if record.attributes and len(refs) == len(expected) and out != names:
            # Learn the order inline values come in (the class's shared keys), so that the
            # next instance takes match()'s fast path.
            position = dict((label, k) for k, label in enumerate(out))
            if all(label in position for _, label in record.attributes):
                record.attributes.sort(key=lambda pair: position[pair[1]])
        # The instance __dict__ comes just before the class in subtype_traverse's order.
        for k in range(len(refs)):
            if out[k] == L_CLASS and refs[k] is record.cls:
                if k > 0 and out[k - 1] == 0 and type(refs[k - 1]) is dict:
                    out[k - 1] = L_DICT
                break
        return refs, out, 0

    def dict_refs(o, record):
        keys = list(dict.keys(o))
        values = list(dict.values(o))
        n = len(keys)
        refs = [None] * (2 * n)
        refs[0::2] = values
        refs[1::2] = keys
        out = [L_KEY] * (2 * n)
        out[0::2] = map(key_label, keys)
        return refs, out, 0

    code_names = [".co_consts", ".co_names"]
    if version >= (3, 11):
        code_names += [".co_exceptiontable", ".co_filename", ".co_name", ".co_qualname", ".co_linetable"]
    else:
        code_names += [".co_code", ".co_varnames", ".co_freevars", ".co_cellvars", ".co_filename", ".co_name",
                       ".co_linetable" if version >= (3, 10) else ".co_lnotab"]

    def code_refs(o, record):
        refs, out = [], []
        for name in code_names:
            value = getattr(o, name[1:], None)
            if value is not None:
                refs.append(value)
                out.append(fixed[name])
        return refs, out, 0

    def type_refs(o, record):
        if _type_flags(o) & _HEAPTYPE:
            return by_pairs(o, base_pairs(o, _K_TYPE))
        # A static type is not a gc object: nothing traverses it, so its fields are listed.
        refs, out = [], []
        for value, label in base_pairs(o, _K_TYPE):
            if value is not None:
                refs.append(value)
                out.append(label)
        return refs, out, 0

    def frame_refs(o, record):
        code = o.f_code
        if version < (3, 11) or id(o) not in live_frames:
            pairs = [(o.f_back, fixed[".f_back"]), (code, fixed[".f_code"])]
            if version < (3, 11):
                pairs += [(o.f_builtins, fixed[".f_builtins"]), (o.f_globals, fixed[".f_globals"])]
                if not code.co_flags & _CO_OPTIMIZED:
                    pairs.append((o.f_locals, fixed[".f_locals"]))
            return by_pairs(o, pairs)
        # A running 3.11+ frame: its traverse lists only f_back and f_trace.
        back = o.f_back
        refs = [r for r in get_referents(o) if r is not back]
        out = [0] * len(refs)
        for value, label in ((back, fixed[".f_back"]), (code, fixed[".f_code"]),
                             (o.f_globals, fixed[".f_globals"])):
            if value is not None:
                refs.append(value)
                out.append(label)
        if not code.co_flags & _CO_OPTIMIZED:
            refs.append(o.f_locals)
            out.append(fixed[".f_locals"])
            return refs, out, 0
        if version >= (3, 13):
            for name, value in list(o.f_locals.items()):
                if type(name) is str:
                    refs.append(value)
                    out.append(local_label(name))
            return refs, out, 0
        return refs, out, _F_UNKNOWN

    def generic_refs(o, record):
        return by_pairs(o, base_pairs(o, record.kind))

    handlers = {
        _K_DICT: dict_refs, _K_INSTANCE: instance_refs, _K_CODE: code_refs, _K_TYPE: type_refs,
        _K_FRAME: frame_refs,
    }
    for kind in (_K_FUNCTION, _K_METHOD, _K_CFUNCTION, _K_CELL, _K_MODULE, _K_CLASSMETHOD,
                 _K_PROPERTY, _K_EXCEPTION, _K_TRACEBACK, _K_GENERATOR, _K_WEAKREF):
        handlers[kind] = generic_refs

    # --- the walk
    # Objects are processed a chunk at a time (in the order found), each chunk type by type
    # with C-level map() calls; an object's id in the file is its position in processing
    # order. References are recorded by the target's address (section EDGA), which the
    # reader resolves, so the walk keeps only the set of addresses seen.
    type_ids = array("I")
    sizes = array("Q")
    refcounts = array("Q")
    labels = array("I")
    flags = array("I")
    offsets = array("I", [0])
    targets = array("Q")
    edge_labels = array("I")
    addresses = array("Q")
    chain_all = chain.from_iterable
    ids_get = strings.ids.get
    cut = slice(None, _LABEL_CHARACTERS)

    def intern_many(texts):
        got = list(map(ids_get, texts))
        if None in got:
            new = dict.fromkeys(compress(texts, map(is_, got, repeat(None))))
            strings.ids.update(zip(new, count(strings.count)))
            strings.add(list(new))
            got = list(map(ids_get, texts))
        return got

    seen_contains = seen.__contains__

    def emit(flat, lengths, names):
        """Appends the edges of a run of processed objects: all their referents in one list
        (``lengths`` per object) with their labels (a list, or None for none), queueing
        referents seen for the first time."""
        while True:
            ids = list(map(id, flat))
            known = list(map(seen_contains, map(rshift, ids, shift)))
            if False not in known:
                break
            fresh = list(map(not_, known))
            new = list(compress(ids, fresh))
            new_objects = list(compress(flat, fresh))
            fresh = None
            # Marked seen at once; if the set grew by fewer than the new references, some
            # object is referenced twice: it is queued once, at its first reference.
            before = len(seen)
            seen.update(map(rshift, new, shift))
            if len(seen) - before != len(new):
                first = dict(zip(new, new_objects))
                new, new_objects = list(first), list(first.values())
                first = None
            # By id: hashing a class would call its metaclass's __hash__.
            if id(frame_type) in set(map(id, map(type, new_objects))):
                # This walk's own frames, reachable when a tracer or profiler kept them.
                for o in new_objects:
                    if type(o) is frame_type and o.f_globals is agent_globals:
                        exclude.add(id(o))
                o = None
            if exclude.isdisjoint(new):
                objs.extend(new_objects)
                new = new_objects = None
                break
            # A reference to the agent's own frames or list: unmark the new ones, drop those
            # edges, again.
            seen.difference_update(map(rshift, new, shift))
            new = new_objects = None
            keep = [i not in exclude for i in ids]
            kept_lengths, start = [], 0
            for length in lengths:
                kept_lengths.append(sum(keep[start:start + length]))
                start += length
            flat, lengths = list(compress(flat, keep)), kept_lengths
            names = None if names is None else list(compress(names, keep))
        known = None
        targets.extend(array("Q", ids))
        ends = accumulate(lengths, initial=offsets[-1])
        next(ends)
        offsets.extend(array("I", ends))
        if names is None:
            edge_labels.frombytes(bytes(4 * len(ids)))
        else:
            edge_labels.extend(names if type(names) is array else array("I", names))

    def append_labels(texts):
        """Ids for labels stored without looking for an equal one (long texts rarely repeat;
        the format allows duplicates)."""
        start = strings.add(texts)
        return range(start, start + len(texts))

    def key_labels_of(keys):
        got = list(map(key_labels.get, map(id, keys)))
        if None in got:
            missing = list(compress(keys, map(is_, got, repeat(None))))
            kinds = list(map(type, missing))
            texts = list(compress(missing, map(is_, kinds, repeat(str))))
            if texts:
                labels_ = list(map("[{}]".format, map(str.__repr__, map(str.__getitem__, texts, repeat(cut)))))
                key_labels.update(zip(map(id, texts), intern_many(labels_)))
            numbers = list(compress(missing, map(is_, kinds, repeat(int))))
            done = len(texts)
            handled = {id(str)}
            if numbers and -(1 << 63) <= min(numbers) and max(numbers) < (1 << 63):
                handled.add(id(int))
                before = len(key_labels)
                made = append_labels(list(map("[%d]".__mod__, numbers)))
                key_labels.update(zip(map(id, numbers), made))
                if len(numbers) == len(keys) and len(key_labels) - before == len(numbers):
                    # Every key a distinct int seen for the first time (a big int-keyed
                    # dict): its labels are the ones just made, in order.
                    return list(made)
                done += len(numbers)
            if done < len(missing):
                # Keys of other types, and ints too large for the fast path, one at a time
                # (in order; by type id: hashing a class could run its metaclass's code).
                for key in compress(missing, map(not_, map(handled.__contains__, map(id, kinds)))):
                    key_label(key)
                key = None
            missing = kinds = texts = numbers = labels_ = handled = None
            got = list(map(key_labels.__getitem__, map(id, keys)))
        return got

    def group_labels(group, record):
        """(label ids, truncated flags or None) of objects of one type."""
        kind = record.label
        n = len(group)
        if kind == _L_NONE:
            return [0] * n, None
        if kind == _L_STR:
            texts = list(map(str.__repr__, map(str.__getitem__, group, repeat(cut))))
            long = [length > _LABEL_CHARACTERS for length in map(str.__len__, group)]
            return (append_labels(texts) if n > 64 else intern_many(texts)), long
        if kind == _L_BYTES:
            texts = list(map(bytes.__repr__, map(bytes.__getitem__, group, repeat(cut))))
            long = [length > _LABEL_CHARACTERS for length in map(bytes.__len__, group)]
            return intern_many(texts), long
        if kind == _L_INT and record.cls is int and -(1 << 63) <= min(group) and max(group) < (1 << 63):
            texts = list(map(int.__repr__, group))
            return (append_labels(texts) if n > 64 else intern_many(texts)), None
        if kind == _L_FLOAT and record.cls is float:
            return intern_many(list(map(float.__repr__, group))), None
        if kind == _L_LIST or kind == _L_TUPLE or kind == _L_DICT:
            length = list.__len__ if kind == _L_LIST else tuple.__len__ if kind == _L_TUPLE else dict.__len__
            counts_ = list(map(length, group))
            got = list(map(count_labels.get, counts_))
            if None in got:
                got = list(map(count_label, counts_))
            return got, None
        pairs = list(map(object_label, group, repeat(kind)))
        return [p[0] for p in pairs], [p[1] for p in pairs]

    def instance_template(group, record, refs_lists):
        """The labels every instance of the group shares when each holds its slots, named
        attributes, __dict__ and class at the same positions (checked by identity, and by
        type for the __dict__), else None."""
        size = len(refs_lists[0])
        if list(map(len, refs_lists)).count(size) != len(refs_lists):
            return None
        first = instance_refs(group[0], record)[1]
        readers = dict((label, (descriptor.__get__, None)) for descriptor, label in record.slots)
        readers.update((label, (object_getattribute, name)) for name, label in record.attributes)
        for position, label in enumerate(first):
            if label == 0:
                continue
            column = map(itemgetter(position), refs_lists)
            if label == L_CLASS:
                same = all(map(is_, column, repeat(record.cls)))
            elif label == L_DICT:
                same = all(map(is_, map(type, column), repeat(dict)))
            elif label in readers:
                read, name = readers[label]
                try:
                    values = list(map(read, group)) if name is None else list(map(read, group, repeat(name)))
                except Exception:
                    return None
                same = all(map(is_, column, values))
            else:
                return None
            if not same:
                return None
        return first

    probe = _Probe()
    calibration = [probe]
    chunk = calibration[0:1]
    own = list(map(getrefcount, chunk))[0] - 1
    probe = calibration = chunk = None
    named = {}
    position = 0
    while position < len(objs):
        end = min(len(objs), position + _CHUNK)
        chunk = objs[position:end]
        types_ = list(map(types_by_id.get, map(id, map(type, chunk))))
        if None in types_:
            for k in range(len(types_)):
                if types_[k] is None:
                    cls = type(chunk[k])
                    types_[k] = types_by_id.get(id(cls)) or new_type(cls)
            cls = None
        # References this walk holds on each object while counting it: `objs`, the chunk
        # and the call's argument (measured on a probe held by one name). Counted after
        # the chunk's type records are made: a class's record holds it, and that reference
        # (in extra_refs) is subtracted from its count below.
        counts = list(map(sub, map(getrefcount, chunk), repeat(own)))
        distinct = set(types_)
        if len(distinct) <= 8:
            # Few types (the common case in a big heap): one C-level pass per type.
            buckets = {}
            for record in sorted(distinct, key=_record_index):
                buckets[record.index] = list(compress(range(len(types_)), map(is_, types_, repeat(record))))
        else:
            buckets = {}
            for k, record in enumerate(types_):
                bucket = buckets.get(record.index)
                if bucket is None:
                    buckets[record.index] = [k]
                else:
                    bucket.append(k)
        types_ = record = bucket = distinct = None
        all_tracked = end <= tracked_count
        for t, positions in buckets.items():
            record = type_list[t]
            group = chunk if len(positions) == len(chunk) else list(map(chunk.__getitem__, positions))
            n = len(group)
            group_ids = list(map(id, group))
            if record.flags & (_F_TYPE | _F_MODULE | _F_FRAME):
                # Classes, modules and frames are what roots and type records name.
                named.update(zip(group_ids, count(len(addresses))))
            type_ids.extend(array("I", [t]) * n)
            addresses.extend(array("Q", group_ids))
            if id(record.cls) in held_type_ids and not extra_refs.keys().isdisjoint(group_ids):
                group_counts = map(sub, map(counts.__getitem__, positions), map(extra_refs.get, group_ids, repeat(0)))
                refcounts.extend([c if c > 0 else 0 for c in group_counts])
                group_counts = None
            else:
                refcounts.extend(array("Q", map(counts.__getitem__, positions)))
            if record.fixed_size is not None and getsizeof(group[0]) != record.fixed_size:
                record.fixed_size = None
            if record.fixed_size is not None:
                sizes.extend(array("Q", [record.fixed_size]) * n)
            elif record.sizeof is not None:
                # getsizeof(x) is x.__sizeof__() plus a header size that depends on the type
                # only (not a class here), measured on the first object.
                size_of = record.sizeof
                header = getsizeof(group[0]) - size_of(group[0])
                if header:
                    sizes.extend(array("Q", map(add, map(size_of, group), repeat(header))))
                else:
                    sizes.extend(array("Q", map(size_of, group)))
                size_of = None
            elif record.size_safe:
                sizes.extend(map(getsizeof, group))
            else:
                sizes.extend([object_sizeof(x) + record.preheader for x in group])
            group_label_ids, truncated = group_labels(group, record)
            labels.extend(group_label_ids)
            base = record.flags
            traversable = record.gc and not (base & _F_TYPE and record.kind != _K_INSTANCE)
            if all_tracked:
                group_flags = [base | _F_TRACKED] * n
            elif position >= tracked_count:
                if traversable:
                    untracked = base | (0 if base & _F_FRAME else _F_UNTRACKED_CONTAINER)
                    group_flags = [base | _F_TRACKED if x else untracked for x in map(is_tracked, group)]
                elif base & _F_TYPE:
                    group_flags = [base | _F_TRACKED if is_tracked(x) else base for x in group]
                else:
                    group_flags = [base] * n
            else:
                group_flags = []
                for k, x in zip(positions, group):
                    if position + k < tracked_count or (record.gc and is_tracked(x)):
                        group_flags.append(base | _F_TRACKED)
                    elif traversable and not base & _F_FRAME:
                        group_flags.append(base | _F_UNTRACKED_CONTAINER)
                    else:
                        group_flags.append(base)
            if truncated is not None and True in truncated:
                group_flags = [f | _F_TRUNCATED if cut_ else f for f, cut_ in zip(group_flags, truncated)]

            kind = record.kind
            exact = record.cls is list or record.cls is tuple or record.cls is dict
            if kind == _K_GENERIC:
                refs_lists = list(map(get_referents, group))
                emit(list(chain_all(refs_lists)), list(map(len, refs_lists)), None)
                refs_lists = None
            elif kind == _K_SEQUENCE and exact:
                # Forward, as the Swift walker lists them (list_traverse goes backwards).
                longest = max(map(len, group))
                if longest > len(index_labels):
                    index_label_list(longest)
                lengths = list(map(len, group))
                if lengths.count(longest) == n:
                    names = array("I", index_labels[:longest]) * n
                else:
                    names = list(chain_all(map(index_labels.__getitem__, map(slice, lengths))))
                emit(list(chain_all(group)), lengths, names)
                names = None
            elif kind == _K_DICT and exact:
                keys = list(chain_all(map(dict.keys, group)))
                values = list(chain_all(map(dict.values, group)))
                both = [None] * (2 * len(keys))
                both[0::2] = values
                both[1::2] = keys
                names = [L_KEY] * len(both)
                names[0::2] = key_labels_of(keys)
                lengths = [2 * length for length in map(dict.__len__, group)]
                keys = values = None
                emit(both, lengths, names)
                both = names = None
            else:
                refs_lists = None
                template = None
                if kind == _K_INSTANCE and record.base_kind == _K_GENERIC:
                    refs_lists = list(map(get_referents, group))
                    template = instance_template(group, record, refs_lists)
                if template is not None:
                    emit(list(chain_all(refs_lists)), list(map(len, refs_lists)), array("I", template) * n)
                else:
                    refs_lists, label_lists = [], []
                    handler = handlers[kind] if kind in handlers else generic_refs
                    for k, o in enumerate(group):
                        refs, out, more = handler(o, record)
                        refs_lists.append(refs)
                        label_lists.append(out)
                        if more:
                            group_flags[k] |= more
                    refs = out = o = None
                    emit(list(chain_all(refs_lists)), list(map(len, refs_lists)),
                         list(chain_all(l if l is not None else [0] * len(r) for r, l in zip(refs_lists, label_lists))))
                refs_lists = label_lists = template = None
            flags.extend(group_flags)
            group = group_flags = group_label_ids = truncated = None
        buckets = positions = record = None
        position = end
    chunk = counts = None

    # Positions of the objects roots and type records name: classes, thread frames and
    # sys.modules' values, all in `named` unless a value there is not a module.
    n = len(objs)
    modules = sys.modules
    module_items = list(dict.items(modules)) if type(modules) is dict else []
    if all(map(issubclass, map(type, map(itemgetter(1), module_items)), repeat(module_type))):
        position_of = named
    else:
        wanted = set(map(id, (r.cls for r in type_list)))
        wanted.update(map(id, map(itemgetter(1), module_items)))
        wanted.update(map(id, map(itemgetter(1), thread_tops)))
        chosen = list(map(wanted.__contains__, addresses))
        position_of = dict(zip(compress(addresses, chosen), compress(count(), chosen)))
        chosen = wanted = None
    named = None

    # --- roots
    roots = []
    for name, module in module_items:
        i = position_of.get(id(module))
        if i is not None and type(name) is str:
            roots.append((i, 1, intern(name), 0))
    module = module_items = None
    names = _thread_names()
    for thread_id, top in thread_tops:
        i = position_of.get(id(top))
        if i is not None:
            name = names.get(thread_id)
            roots.append((i, 2, intern(name if name is not None else "thread %d" % thread_id), thread_id))
    top = None
    del thread_tops[:], held_frames[:]
    # Objects held from outside (root kind 3) are left for the reader, which counts each
    # object's references as it resolves them (docs/snapshot-format.md, section EDGA).

    # --- types
    type_objects = array("I", [position_of.get(id(r.cls), 0xFFFFFFFF) for r in type_list])
    type_strings = []
    for r in type_list:
        module, qualname = _type_names(r.cls)
        type_strings.append(module)
        type_strings.append(qualname)
        r.cls = None
    total = sum(sizes)
    objs = seen = position_of = None
    strings.pack()
    data = _encode(meta, strings, type_objects, type_strings, addresses, sizes, refcounts,
                   type_ids, labels, flags, offsets, targets, edge_labels, roots, started)
    return data, n, len(targets), total


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


def _encode(meta, strings, type_objects, type_strings, addresses, sizes, refcounts, type_ids,
            labels, flags, offsets, targets, edge_labels, roots, started):
    """The file as a list of buffers to write in order: small packed parts and the walk's
    arrays themselves (on a little-endian machine), so no second copy of the columns is
    made in memory before they reach the file."""
    import json
    import struct
    from array import array
    from itertools import accumulate
    perf_counter = _time.perf_counter

    big = _sys.byteorder == "big"

    def raw(a):
        if big:
            a = array(a.typecode, a)
            a.byteswap()
        return memoryview(a).cast("B")

    def padding(length):
        return bytes(-length % 8)

    def padded(*parts):
        """``parts`` followed by the zero bytes that end them at a multiple of 8."""
        return list(parts) + [padding(sum(map(len, parts)))]

    def string_block(table):
        """A packed ``_Strings``: its offsets, then its runs as they are."""
        offsets_ = array("I", accumulate(table.lengths, initial=0))
        return padded(raw(offsets_)) + table.runs

    n = len(addresses)
    m = len(targets)
    if len(edge_labels) != m or offsets[-1] != m or len(offsets) != n + 1 or \
            not len(sizes) == len(refcounts) == len(type_ids) == len(labels) == len(flags) == n:
        raise RuntimeError("refgraph_agent: the heap changed under the walk; no snapshot was written.")
    # Struct objects, not struct.pack: pack(format) would leave its compiled format in the
    # struct module's cache, a new object in the process's next snapshot.
    Struct = struct.Struct
    root_record, pair, file_header, entry = Struct("<IIIIQ"), Struct("<II"), Struct("<HHI"), Struct("<4sIQQ")
    root_records = b"".join(root_record.pack(o, k, s, 0, d) for o, k, s, d in roots)
    names = _Strings(type_strings)
    names.pack()
    strs = [pair.pack(strings.count, 0)] + string_block(strings)
    typs = [pair.pack(len(type_objects), 0)] + padded(raw(type_objects)) + string_block(names)
    objs = [pair.pack(n, 0), raw(addresses), raw(sizes), raw(refcounts)] + \
        padded(raw(type_ids)) + padded(raw(labels)) + padded(raw(flags))
    edga = [pair.pack(n, m)] + padded(raw(offsets)) + [raw(targets)] + padded(raw(edge_labels))
    root = [pair.pack(len(roots), 0), root_records]
    meta["captureSeconds"] = perf_counter() - started
    meta_bytes = [json.dumps(meta, separators=(",", ":")).encode("utf-8")]
    sections = [(b"META", meta_bytes), (b"STRS", strs), (b"TYPS", typs), (b"OBJS", objs),
                (b"EDGA", edga), (b"ROOT", root)]
    header = b"\x89RGS\r\n\x1a\n" + file_header.pack(1, 1, len(sections))
    directory = []
    body = []
    offset = len(header) + 24 * len(sections)
    for tag, parts in sections:
        length = sum(map(len, parts))
        directory.append(entry.pack(tag, 1, offset, length))
        body.extend(parts)
        body.append(padding(length))
        offset += length + (-length % 8)
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
