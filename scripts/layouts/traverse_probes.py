"""What each built-in or standard-library type's tp_traverse lists, for refgraph's outside reader:
for a type whose references are pointer fields at fixed offsets (a private C struct), the offset
of every field its traverse visits, with the label the in-process agent gives that reference.

Found on live probe objects whose fields hold distinct known objects: every object
gc.get_referents returns must sit at exactly one offset of the object's memory (or be listed
as held outside it, such as a dict's items), and every offset found in one probe of a type must
hold either NULL or a referent in every other probe of it. A type whose probes disagree is an
error, never a guess. Versions where a type does not exist or has no such probe are left out.

Entries are `traverse|KIND|NAME|OFFSET|LABEL` = OFFSET, where KIND|NAME says how the reader finds
the type in the target: `symbol|PyProperty_Type` (an exported type object), `pointer|PyExc_OSError`
(an exported pointer to it), `module|_functools.partial` (a type in that module's dict),
`name|_abc._abc_data` (a heap type of that tp_name whose module is named so).
Also `extra|...` entries: sizes and offsets of the structures behind deque, OrderedDict and the
lru_cache wrapper, which hold references outside their own object.
"""

import asyncio
import collections
import os
import functools
import gc
import struct
import sys
import types
import weakref

POINTER = struct.calcsize("P")
HEAPTYPE = 1 << 9
MANAGED_DICT = 1 << 4
LABEL_CHARACTERS = 40
MEMBER_DESCRIPTOR = type(type.__dict__["__basicsize__"])


_MEMORY = open("/proc/self/mem", "rb", buffering=0)


def words(address, count):
    """Words of this process's memory; an address that is not mapped raises OSError (where
    ctypes.string_at would crash), so a word can be tried as a pointer."""
    if address >= 1 << 63:
        raise OSError("not an address")
    raw = os.pread(_MEMORY.fileno(), count * POINTER, address)
    if len(raw) != count * POINTER:
        raise OSError("short read")
    return list(struct.unpack(f"{count}Q", raw))


def fail(message):
    raise SystemExit("calibrate: " + message)


def heap_labels(obj, loaded):
    """The labels the agent gives by identity to an object of a heap type it does not know by
    kind: its classes' member descriptors (and its class)."""
    out = []
    if loaded:
        return out
    for klass in type(obj).__mro__:
        if not klass.__flags__ & HEAPTYPE:
            break
        for name, value in list(vars(klass).items()):
            if type(value) is MEMBER_DESCRIPTOR:
                try:
                    out.append(("." + name[:LABEL_CHARACTERS], value.__get__(obj, type(obj))))
                except AttributeError:
                    pass
    return out


def probe_fields(obj, names, outside, loaded):
    """{offset: label} of the referents of obj found in its own memory."""
    size = type(obj).__basicsize__
    memory = words(id(obj), size // POINTER)
    referents = gc.get_referents(obj)
    heap = bool(type(obj).__flags__ & HEAPTYPE)
    labels = list(names.items()) + heap_labels(obj, loaded)
    found = {}
    ordered = []
    managed = type(obj).__flags__ & MANAGED_DICT and sys.version_info >= (3, 11)
    for r in referents:
        if id(r) in outside:
            continue
        hits = [i * POINTER for i, w in enumerate(memory) if w == id(r) and i * POINTER not in found]
        if not hits and managed and type(r) is dict:
            # 3.11+: a dict kept before the object, read as instances' are (offset -1).
            found[-1] = ""
            ordered.append((-1, r))
            continue
        if not hits:
            fail(f"{type(obj).__name__}: referent {type(r).__name__} not in the object")
        label = ""
        for name, value in labels:
            if value is r and name not in found.values():
                label = name
                break
        if heap and not loaded and r is type(obj) and ".__class__" not in found.values():
            label = ".__class__"
        found[hits[0]] = label
        ordered.append((hits[0], r))
    # The agent names an unnamed dict listed just before the class (subtype_traverse's order).
    for k, (offset, _) in enumerate(ordered):
        if found[offset] == ".__class__":
            if k > 0 and found[ordered[k - 1][0]] == "" and type(ordered[k - 1][1]) is dict:
                found[ordered[k - 1][0]] = ".__dict__"
            break
    return found, memory


def merge(type_id, probes):
    """One table of a type from several probes, checked against each of them. A table of no
    field is an error: the probes held nothing, not a proof that the type holds nothing."""
    table = {}
    results = []
    for obj, names, outside, loaded in probes:
        found, memory = probe_fields(obj, names, outside, loaded)
        results.append((found, memory, obj, outside))
        for offset, label in found.items():
            if table.setdefault(offset, label) != label:
                fail(f"{type_id}: offset {offset} named {label!r} and {table[offset]!r}")
    if not table:
        fail(f"{type_id}: no probe held a reference")
    for _, memory, obj, outside in results:
        referents = {id(r) for r in gc.get_referents(obj) if id(r) not in outside}
        for offset in table:
            if offset < 0:
                continue
            value = memory[offset // POINTER]
            if value != 0 and value not in referents:
                fail(f"{type_id}: offset {offset} holds an object the traverse does not list")
    return {f"traverse|{type_id}|{offset}|{label}": offset for offset, label in table.items()}


def function():
    return lambda: None


def raised():
    """A traceback of two entries (tb_next set)."""
    def inner():
        raise ValueError("inner")
    try:
        inner()
    except ValueError as error:
        return error.__traceback__


def exception_probe(error):
    error.__traceback__ = raised()
    error.__context__ = KeyError("context")
    error.__cause__ = TypeError("cause")
    error.attribute = object()
    names = {".args": error.args, ".__traceback__": error.__traceback__, ".__context__": error.__context__,
             ".__cause__": error.__cause__}
    return (error, names, set(), False)


def exception_probes():
    location = ("file", 11, 12, "text", 13, 14)[:6 if sys.version_info >= (3, 10) else 4]
    out = {"pointer|PyExc_BaseException": [exception_probe(BaseException("message"))],
           "pointer|PyExc_OSError": [exception_probe(OSError(9999, "strerror", "file", None, "file2"))],
           "pointer|PyExc_ImportError": [exception_probe(ImportError("message", name="name", path="path"))],
           "pointer|PyExc_StopIteration": [exception_probe(StopIteration(object()))],
           "pointer|PyExc_SystemExit": [exception_probe(SystemExit(object()))],
           "pointer|PyExc_SyntaxError": [exception_probe(SyntaxError("message", location))],
           "pointer|PyExc_UnicodeError": [exception_probe(UnicodeDecodeError("utf-8", b"xy", 0, 1, "reason"))]}
    if sys.version_info >= (3, 10):
        out["pointer|PyExc_AttributeError"] = [exception_probe(AttributeError("message", name="n", obj=object()))]
        out["pointer|PyExc_NameError"] = [exception_probe(NameError("message", name="n"))]
    if sys.version_info >= (3, 11):
        group = BaseExceptionGroup("message", [KeyboardInterrupt("one")])  # noqa: F821 (3.11+)
        group.add_note("note")
        out["pointer|PyExc_BaseExceptionGroup"] = [exception_probe(group)]
        note = BaseException("message")
        note.add_note("note")
        out["pointer|PyExc_BaseException"].append(exception_probe(note))
    return out


def future_probes(loop):
    """Futures and tasks in every state whose fields differ, named by the C class's getters."""
    def getters(obj, cls):
        out = {}
        for name in ("._loop", "._result", "._exception", "._source_traceback", "._coro", "._fut_waiter"):
            descriptor = vars(cls).get(name[1:])
            if descriptor is not None:
                value = descriptor.__get__(obj, cls)
                if value is not None:
                    out[name] = value
        return out

    future_type = asyncio.futures._CFuture
    task_type = asyncio.tasks._CTask
    futures = []
    pending = future_type(loop=loop)
    pending.add_done_callback(lambda f: None)
    pending.add_done_callback(lambda f: None)
    pending.attribute = object()
    futures.append(pending)
    done = future_type(loop=loop)
    done.set_result(object())
    futures.append(done)
    failed = future_type(loop=loop)
    try:
        raise ValueError("failed")
    except ValueError as error:
        failed.set_exception(error)
    futures.append(failed)
    cancelled = future_type(loop=loop)
    if sys.version_info >= (3, 9):
        cancelled.cancel(msg="message")
    else:
        cancelled.cancel()
    futures.append(cancelled)
    loop.set_debug(True)
    futures.append(future_type(loop=loop))
    loop.set_debug(False)
    waited = future_type(loop=loop)

    async def waiting():
        await waited

    task = task_type(waiting(), loop=loop)
    task.get_name()
    loop.run_until_complete(asyncio.sleep(0))
    task.add_done_callback(lambda f: None)
    task.add_done_callback(lambda f: None)
    task.attribute = object()
    tasks = [task]
    cancelled_task = task_type(waiting(), loop=loop)
    if sys.version_info >= (3, 9):
        cancelled_task.cancel(msg="message")
    else:
        cancelled_task.cancel()
    tasks.append(cancelled_task)

    async def returning():
        return object()

    async def failing():
        raise ValueError("failed")

    loop.set_debug(True)
    for make in (returning, failing):
        finished = task_type(make(), loop=loop)
        loop.run_until_complete(asyncio.wait([finished]))
        tasks.append(finished)
    loop.set_debug(False)
    probes = {"module|_asyncio.Future": [(f, getters(f, future_type), set(), True) for f in futures],
              "module|_asyncio.Task": [(t, getters(t, task_type), set(), True) for t in tasks]}
    return probes, [pending, done, failed, cancelled, waited, task]


def deque_block_size():
    """(bytes of a block, items it holds) from deque.__sizeof__, which grows by one block each
    time appends fill one."""
    d = collections.deque()
    size = d.__sizeof__()
    jumps = []
    for n in range(1, 1000):
        d.append(n)
        if d.__sizeof__() != size:
            jumps.append((n, d.__sizeof__() - size))
            size = d.__sizeof__()
            if len(jumps) == 2:
                break
    if len(jumps) != 2 or jumps[0][1] != jumps[1][1]:
        fail("deque: __sizeof__ does not grow by blocks")
    return jumps[1][1], jumps[1][0] - jumps[0][0]


def deque_ends(d, block_words):
    """(word index of the left block's pointer, index of the first item in it, word index of the
    right block's pointer, index of the last item in it) of a deque of distinct objects."""
    memory = words(id(d), type(d).__basicsize__ // POINTER)
    left = right = None
    for i, w in enumerate(memory):
        if i < 3 or w < 4096:
            continue
        try:
            block = words(w, block_words)
        except OSError:
            continue
        if left is None and id(d[0]) in block:
            left = (i, block.index(id(d[0])))
        if right is None and id(d[-1]) in block:
            right = (i, block.index(id(d[-1])))
    if left is None or right is None:
        fail("deque: blocks not found")
    return memory, left, right


def only_offset(probes, what):
    """The one word index where every probe's memory holds its expected value."""
    memory, _ = probes[0]
    hits = [i for i in range(2, len(memory)) if all(m[i] == value for m, value in probes)]
    if len(hits) != 1:
        fail(f"deque: {len(hits)} candidates for {what}")
    return hits[0] * POINTER


def deque_layout():
    """Where a deque keeps its end blocks and the indexes of its first and last items, and how
    a block holds its items and its link to the next block."""
    block_size, blocklen = deque_block_size()
    block_words = block_size // POINTER
    marker = [object() for _ in range(200)]
    big = collections.deque(marker)
    memory, (left_at, first), (right_at, last) = deque_ends(big, block_words)
    left = memory[left_at]
    # The block after the left one links back to it; the left block's word that points to it
    # is its right link.
    rightlink = leftlink = None
    for k, w in enumerate(words(left, block_words)):
        if w in (0, left) or w < 4096:
            continue
        try:
            other = words(w, block_words)
        except OSError:
            continue
        if left in other and id(marker[0]) not in other and id(marker[100]) in other:
            rightlink, leftlink = k * POINTER, other.index(left) * POINTER
            break
    if rightlink is None:
        fail("deque: block links not found")
    data = POINTER if leftlink == 0 else 0
    if (rightlink - data) // POINTER != blocklen:
        fail("deque: the items of a block do not lie between its links")
    # Deques whose first and last items sit elsewhere: the index fields hold those positions.
    small = collections.deque(marker[:3])
    shifted = collections.deque(marker[3:6])
    shifted.appendleft(marker[6])
    shifted.appendleft(marker[7])
    lefts, rights = [], []
    for d in (big, small, shifted):
        m, (_, f), (_, la) = deque_ends(d, block_words)
        lefts.append((m, f - data // POINTER))
        rights.append((m, la - data // POINTER))
    out = {"extra|deque|BLOCKLEN": blocklen, "extra|deque|block.data": data,
           "extra|deque|block.rightlink": rightlink, "extra|deque|leftblock": left_at * POINTER,
           "extra|deque|rightblock": right_at * POINTER, "extra|deque|sizeof(block)": block_size,
           "extra|deque|leftindex": only_offset(lefts, "leftindex"),
           "extra|deque|rightindex": only_offset(rights, "rightindex")}
    blocks = (first - data // POINTER + len(big) + blocklen - 1) // blocklen
    if big.__sizeof__() != type(big).__basicsize__ + blocks * block_size:
        fail("deque: __sizeof__ is not the object and its blocks")
    return out


def structseq_layout():
    """Whether a struct sequence's traverse lists its hidden fields too (its type's n_fields
    items, not only the n_sequence_fields a tuple shows)."""
    result = os.stat(".")
    cls = type(result)
    referents = [r for r in gc.get_referents(result) if r is not cls]
    if cls.n_fields == len(result):
        fail("structseq: os.stat_result has no hidden fields")
    if len(referents) not in (len(result), cls.n_fields):
        fail("structseq: the traverse lists neither the visible nor all the fields")
    return {"extra|structseq|hidden listed": int(len(referents) == cls.n_fields),
            "extra|structseq|type listed": int(len(referents) != len(gc.get_referents(result)))}


def lru_layout():
    """The lru_cache wrapper starts with the root of its list of links (a link's own layout): where
    a link keeps the next one, its key and its result."""
    keys = [10 ** 30 + i for i in range(2)]
    results = [object(), object()]
    wrapper = functools.lru_cache(maxsize=8)(lambda k: results[keys.index(k)])
    for key in keys:
        wrapper(key)
    memory = words(id(wrapper), type(wrapper).__basicsize__ // POINTER)
    links = []
    for i, w in enumerate(memory):
        if w < 4096 or i < 2:
            continue
        try:
            link = words(w, 8)
        except Exception:
            continue
        for n in range(2):
            if id(keys[n]) in link and id(results[n]) in link:
                links.append((n, i * POINTER, w, link))
    first = [entry for entry in links if entry[0] == 0]
    second = [entry for entry in links if entry[0] == 1]
    if len(first) != 1 or len(second) != 1:
        fail("lru_cache: the root's links not found")
    _, next_offset, link0, words0 = first[0]
    _, _, link1, words1 = second[0]
    if words0[next_offset // POINTER] != link1 or words1[next_offset // POINTER] != id(wrapper):
        fail("lru_cache: links do not lead from the oldest to the root")
    # 3.10+ (a heap type of links) lists each link's type too.
    link_type = words0[1]
    listed = sum(1 for r in gc.get_referents(wrapper) if id(r) == link_type)
    # (The wrapper may hold the type in a field of its own too: listed once more.)
    in_field = 1 if link_type in memory else 0
    if listed - in_field not in (0, 2):
        fail("lru_cache: the links' type is listed neither never nor once per link")
    return {"extra|lru|next": next_offset, "extra|lru|link type listed": (listed - in_field) // 2,
            "extra|lru|key": words0.index(id(keys[0])) * POINTER,
            "extra|lru|result": words0.index(id(results[0])) * POINTER}


def odict_layout():
    od3 = collections.OrderedDict((str(k), k) for k in range(3))
    od20 = collections.OrderedDict((str(k), k) for k in range(20))
    base = dict.__basicsize__ // POINTER
    m3 = words(id(od3), type(od3).__basicsize__ // POINTER)
    m20 = words(id(od20), type(od20).__basicsize__ // POINTER)
    fast = [i for i in range(base, len(m3)) if m3[i] == 8 and m20[i] == 32]
    if len(fast) != 1:
        fail("OrderedDict: od_fast_nodes_size not found")
    node = (od20.__sizeof__() - dict.__sizeof__(od20) - 32 * POINTER) // len(od20)
    if od3.__sizeof__() != dict.__sizeof__(od3) + 8 * POINTER + 3 * node:
        fail("OrderedDict: __sizeof__ is not the dict, its fast nodes and its nodes")
    return {"extra|odict|od_fast_nodes_size": fast[0] * POINTER, "extra|odict|sizeof(_ODictNode)": node}


def traverse_tables(layout):
    probes = {}
    cleanup = []

    def add(type_id, obj, names=None, outside=(), loaded=False):
        probes.setdefault(type_id, []).append((obj, names or {}, set(outside), loaded))

    f = function()
    cm = classmethod(function())
    add("symbol|PyClassMethod_Type", cm, {".__func__": cm.__func__})
    cm2 = classmethod(function())
    cm2.attribute = 1
    add("symbol|PyClassMethod_Type", cm2, {".__func__": cm2.__func__})
    sm = staticmethod(function())
    sm.attribute = 1
    add("symbol|PyStaticMethod_Type", sm, {".__func__": sm.__func__})

    class Holder:
        prop = property(function(), function(), function(), "doc text")
    prop = vars(Holder)["prop"]
    add("symbol|PyProperty_Type", prop, {".fget": prop.fget, ".fset": prop.fset, ".fdel": prop.fdel})
    add("symbol|PyMethodDescr_Type", vars(list)["append"])
    add("symbol|PyClassMethodDescr_Type", vars(dict)["fromkeys"])
    add("symbol|PyMemberDescr_Type", vars(type)["__basicsize__"])
    add("symbol|PyGetSetDescr_Type", vars(type)["__dict__"])
    add("symbol|PyWrapperDescr_Type", vars(object)["__init__"])
    add("symbol|_PyMethodWrapper_Type", object().__str__)
    for method in (len, [].append, object().__dir__):
        add("symbol|PyCFunction_Type", method, {".__self__": method.__self__, ".__module__": method.__module__})
    target = Holder()
    callback = function()
    add("symbol|_PyWeakref_RefType", weakref.ref(target, callback), {".__callback__": callback})
    add("symbol|_PyWeakref_RefType", weakref.ref(target))
    add("symbol|_PyWeakref_ProxyType", weakref.proxy(target, callback), {".__callback__": callback})
    add("symbol|_PyWeakref_CallableProxyType", weakref.proxy(f, callback), {".__callback__": callback})
    add("symbol|PyDictProxy_Type", types.MappingProxyType({}))
    add("symbol|PyListIter_Type", iter([1]))
    add("symbol|PyListRevIter_Type", reversed([1]))
    add("symbol|PyTupleIter_Type", iter((1, 2)))
    add("symbol|PySetIter_Type", iter({1}))
    d = {"a": 1}
    add("symbol|PyDictIterKey_Type", iter(d))
    add("symbol|PyDictIterValue_Type", iter(d.values()))
    add("symbol|PyDictIterItem_Type", iter(d.items()))
    add("symbol|PyEnum_Type", enumerate([1]))
    add("symbol|PyEnum_Type", enumerate([1], 2 ** 70))
    add("symbol|PyReversed_Type", reversed("abc"))
    add("symbol|PyZip_Type", zip([1], [2]))
    add("symbol|PyMap_Type", map(f, [1]))
    add("symbol|PyFilter_Type", filter(f, [1]))
    add("symbol|PySlice_Type", slice([1], [2], [3]))
    tb = raised()
    add("symbol|PyTraceBack_Type", tb, {".tb_next": tb.tb_next, ".tb_frame": tb.tb_frame})
    if sys.version_info >= (3, 9):
        alias = dict[str, list]
        _ = alias.__parameters__  # computed and kept on first use
        add("symbol|Py_GenericAliasType", alias)
    add("symbol|_PyNamespace_Type", types.SimpleNamespace(a=1))
    if sys.version_info >= (3, 10):
        union = int | list[str]
        _ = union.__parameters__
        add("module|types.UnionType", union)
        # Where the types module is not imported, the type's own symbol (exported by 3.13).
        add("symbol|_PyUnion_Type", union)
    for type_id, entries in exception_probes().items():
        probes.setdefault(type_id, []).extend(entries)

    partial = functools.partial(f, 1, k=2)
    partial.attribute = 1
    add("module|_functools.partial", partial)
    factory = function()
    dd = collections.defaultdict(factory)
    dd[10 ** 20] = object()
    add("module|_collections.defaultdict", dd, {".default_factory": factory},
        outside=[id(x) for item in dd.items() for x in item], loaded=True)
    items = [object(), object()]
    add("module|_collections.deque", collections.deque(items), outside=[id(x) for x in items], loaded=True)
    od = collections.OrderedDict(a=object())
    od.attribute = 1
    add("symbol|PyODict_Type", od, outside=[id(x) for item in od.items() for x in item])
    getter = collections.namedtuple("Probe", "a").a
    add("module|_collections._tuplegetter", getter, {".__doc__": getter.__doc__})
    import re
    pattern = re.compile("(?P<name>x)probe")
    add("module|re.Pattern", pattern)
    import abc

    class Abstract(abc.ABC):  # noqa: B024 (registered classes only)
        pass
    Abstract.register(int)
    isinstance(1, Abstract)
    isinstance(1.5, Abstract)
    issubclass(bool, Abstract)
    if type(Abstract._abc_impl).__flags__ & HEAPTYPE:
        add("name|_abc._abc_data", Abstract._abc_impl)
    if sys.version_info >= (3, 9):
        method = pattern.match
        if type(method) is not type(len):
            add("symbol|PyCMethod_Type", method)
    import _thread
    for lock in (_thread.allocate_lock(), _thread.RLock()):
        add("module|_thread." + ("LockType" if type(lock) is _thread.LockType else "RLock"), lock)
    local = _thread._local()
    local.attribute = object()
    add("module|_thread._local", local)
    import contextvars
    variable = contextvars.ContextVar("probe")
    variable.set(object())
    add("module|_contextvars.Context", contextvars.copy_context())
    add("module|_contextvars.ContextVar", variable)
    import itertools
    add("module|itertools.count", itertools.count(10 ** 20, 10 ** 21))
    import io
    import tempfile
    # Probes are measured after every one is made: the file stays open until then.
    raw_file = tempfile.TemporaryFile()
    raw = io.FileIO(raw_file.fileno(), "r+", closefd=False)
    raw.attribute = 1
    add("module|_io.FileIO", raw)
    buffered = io.BufferedRandom(raw)
    buffered.attribute = 1
    add("module|_io.BufferedRandom", buffered)
    reader = io.BufferedReader(io.FileIO(raw_file.fileno(), "r", closefd=False))
    reader.attribute = 1
    add("module|_io.BufferedReader", reader)
    writer = io.BufferedWriter(io.FileIO(raw_file.fileno(), "w", closefd=False))
    writer.attribute = 1
    add("module|_io.BufferedWriter", writer)
    text = io.TextIOWrapper(buffered, encoding="utf-8", errors="strict", newline="")
    text.write("probe\n")
    text.seek(0)
    text.readline()
    text.write("pending")
    text.attribute = 1
    add("module|_io.TextIOWrapper", text)
    cleanup += [text.detach, raw_file.close]
    strings = io.StringIO("probe\r\n", newline=None)
    strings.readline()
    strings.attribute = 1
    add("module|_io.StringIO", strings)
    for newline in ("\n", "\r\n", ""):
        add("module|_io.StringIO", io.StringIO("probe", newline=newline))
    buffer = io.BytesIO(b"probe")
    buffer.attribute = 1
    add("module|_io.BytesIO", buffer)
    import ast
    node = ast.AST()
    node.field = object()
    add("module|_ast.AST", node)
    import json
    import _json
    decoder = json.JSONDecoder(object_hook=function(), parse_float=function(), parse_int=function(),
                               parse_constant=function(), object_pairs_hook=function())
    add("module|_json.make_scanner", _json.make_scanner(decoder))
    import _csv
    add("module|_csv.Dialect", _csv.Dialect(delimiter=";", quotechar="'", escapechar="\\",
                                            lineterminator="\r\n"))
    import struct as structs
    add("module|_struct.Struct", structs.Struct("<iq"))
    import operator
    add("module|operator.attrgetter", operator.attrgetter("a", "b"))
    add("module|operator.itemgetter", operator.itemgetter(1, 2))
    add("module|operator.methodcaller", operator.methodcaller("m", 1, k=2))

    # The lru_cache wrapper: its fixed fields (the links are read apart).
    results = [object()]
    wrapper = functools.lru_cache(maxsize=None)(lambda k: results[0])
    wrapper(10 ** 25)
    cache = [r for r in gc.get_referents(wrapper) if type(r) is dict and r is not wrapper.__dict__][-1]
    add("module|_functools._lru_cache_wrapper", wrapper,
        {".__dict__": wrapper.__dict__, ".__wrapped__": wrapper.__wrapped__, "<cache>": cache}, loaded=True)

    loop = asyncio.new_event_loop()
    try:
        future_probe_table, keep = future_probes(loop)
        for type_id, entries in future_probe_table.items():
            probes.setdefault(type_id, []).extend(entries)
        out = {}
        for type_id, entries in probes.items():
            try:
                out.update(merge(type_id, entries))
            except SystemExit as error:
                # Left out: its objects stay opaque to the reader.
                print(f"{error} (left out)", file=sys.stderr)
    finally:
        loop.close()
        for step in cleanup:
            step()
    out.update(deque_layout())
    out.update(odict_layout())
    out.update(lru_layout())
    out.update(structseq_layout())
    return out
