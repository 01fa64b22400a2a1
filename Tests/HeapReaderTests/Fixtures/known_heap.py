"""A known heap for HeapReaderTests: objects of every decoded kind, an in-process snapshot by
the agent (its folder in argv[1], the file in argv[2]) taken just before it prints "ready",
then a wait in select for ever."""

import select
import sys

sys.path.insert(0, sys.argv[1])
import refgraph_agent


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


class Slotted:
    __slots__ = ("a", "b")


class Old:
    pass


def closure():
    v = [1]

    def inner():
        return v

    return inner


o = Old()
materialized = o.__dict__  # an instance dict that exists as a dict object
o.z = 3
p = Point(1.5, "hello")
s = Slotted()
s.a = [1, 2, 3]
s.b = (4, "five", 6.25)
data = {
    "key": [p, s], 7: b"bytes\x00\xff", "big": 2**70, "neg": -12345678901234,
    "uni": "h\u00e9llo \u2603 \U0001f600", "f": 1e16, "g": 0.1,
}
keep = [data, {1, 2, 3}, frozenset(["a"]), lambda q: q + 1, o, closure(), p.__init__]
refgraph_agent.snapshot(sys.argv[2])
print("ready", flush=True)
while True:
    select.select([], [], [])
