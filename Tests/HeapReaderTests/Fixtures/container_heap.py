"""Known objects of every kind the outside reader decodes by calibrated traverse tables, for
HeapReaderTests: the agent's folder in argv[1], the file of its in-process snapshot in argv[2];
prints "ready" after the snapshot, then waits in select for ever."""

import ast
import asyncio
import collections
import csv
import json
import contextvars
import functools
import io
import itertools
import operator
import os
import re
import select
import sys
import threading
import types
import weakref

sys.path.insert(0, sys.argv[1])
import refgraph_agent


class Target:
    def method(self):
        return self

    @property
    def prop(self):
        return 1

    @classmethod
    def cls_method(cls):
        return cls

    @staticmethod
    def static_method():
        return None


def factory():
    return []


@functools.lru_cache(maxsize=4)
def bounded(n):
    return [n]


@functools.lru_cache(maxsize=None)
def unbounded(n):
    return {"n": n}


for n in range(6):
    bounded(n)
    unbounded(n)


def traceback_of(error):
    try:
        raise error
    except BaseException as caught:
        return caught


target = Target()
callback = lambda ref: None  # noqa: E731
ordered = collections.OrderedDict((("a", [1]), (2, [2]), ("c", [3])))
ordered.move_to_end("a")
defaults = collections.defaultdict(factory, {10: [10], 11: [11]})
queue = collections.deque(range(150))
queue.rotate(40)
failure = traceback_of(OSError(2, "missing", "file"))
failure.__context__ = KeyError("context")
failure.__cause__ = ValueError("cause")
kinds = [
    ordered, defaults, queue, collections.deque(maxlen=3),
    functools.partial(factory, 1, key=2), bounded, unbounded,
    weakref.ref(target, callback), weakref.ref(target), weakref.proxy(target, callback),
    vars(Target)["prop"], vars(Target)["cls_method"], vars(Target)["static_method"],
    len, [].append, vars(list)["append"], vars(dict)["fromkeys"], vars(type)["__basicsize__"],
    vars(type)["__dict__"], vars(object)["__init__"], object().__str__,
    slice(1, [2], None), types.MappingProxyType({"k": [1]}),
    iter([1, 2]), iter((1, 2)), iter({1}), iter({"a": 1}), iter({"a": 1}.items()),
    enumerate([1]), zip([1], [2]), map(factory, []), filter(None, [1]), reversed("ab"),
    failure, failure.__traceback__, traceback_of(KeyError("key")), SystemExit(3), StopIteration([4]),
    ImportError("message", name="name", path="path"),
]
pattern = re.compile("a(?P<group>b)")
kinds += [
    os.stat("."), sys.flags, threading.Lock(), threading.RLock(), itertools.count(5), contextvars.ContextVar("v"),
    threading.local(),
    io.StringIO("text"), io.BytesIO(b"bytes"), pattern, pattern.match, types.SimpleNamespace(a=[1]),
    operator.attrgetter("a"), operator.itemgetter(1), operator.methodcaller("m", 1),
    ast.parse("x = y + 1"), json.JSONDecoder(object_hook=dict).scan_once, csv.get_dialect("excel"),
]
if sys.version_info >= (3, 10):
    kinds += [int | str, list[int]]
loop = asyncio.new_event_loop()
future = loop.create_future()
future.add_done_callback(callback)
finished = loop.create_future()
finished.set_result(["result"])
waited = loop.create_future()


async def waiting():
    await waited


task = loop.create_task(waiting())
loop.run_until_complete(asyncio.sleep(0))
kinds += [future, finished, task, waited]
refgraph_agent.snapshot(sys.argv[2])
print("ready", flush=True)
while True:
    select.select([], [], [])
