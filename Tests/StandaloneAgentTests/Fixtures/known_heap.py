"""A heap with known structure; takes a snapshot with refgraph_agent (the pure-Python walk
under a plain python, the C-API walk under `refgraph run`) and prints the facts a test
checks as one JSON line. Usage: known_heap.py SNAPSHOT"""
import gc
import json
import operator
import os
import sys
import threading

import refgraph_agent


class Leaf:
    def __init__(self, n):
        self.n = n
        self.text = "leaf-%d" % n


class Node:
    def __init__(self, name):
        self.name = name
        self.children = []
        self.peer = None


class Target:
    def __init__(self):
        self.payload = "the target"


class Slotted:
    __slots__ = ("value", "other")

    def __init__(self, value):
        self.value = value


leaves = [Leaf(n) for n in range(5)]
registry = {"root": Node("root")}
registry["root"].children.append({"deep": [None, None, Target()]})

# A cycle of two nodes, unreachable once the names go: held only by each other and `cycle`.
a, b = Node("a"), Node("b")
a.peer, b.peer = b, a
cycle = [a]
del a, b

slotted = Slotted(leaves[0])
STRINGS = ["short", "x" * 100, "caf\u00e9 \u2603", "it's", "".join(["un", "shared"])]
SIZES = [sys.getsizeof(s) for s in STRINGS]
BIG = 1 << 70

# Objects the pure-Python walk names itself (functions it calls, descriptors its type records
# keep). Each is held only by references the snapshot records, so none may look held from
# outside: the walk's own references must not be counted.
WALK_NAMED = [sys.getrefcount, gc.get_referents, operator.sub, object.__dict__["__sizeof__"],
              Slotted.__dict__["value"]]

if __name__ == "__main__":
    gc.set_threshold(702, 11, 12)
    summary = refgraph_agent.snapshot(sys.argv[1])
    print(json.dumps({
        "pid": os.getpid(),
        "summary": sorted(summary),
        "objects": summary["objects"],
        "target": id(registry["root"].children[0]["deep"][2]),
        "cycle": [id(cycle[0]), id(cycle[0].peer)],
        "strings": [id(s) for s in STRINGS],
        "sizes": SIZES,
        "slotted": id(slotted),
        "leaf0": id(leaves[0]),
        "thread": threading.main_thread().ident,
        "big": id(BIG),
        "walk_named": [id(o) for o in WALK_NAMED],
    }))
