"""Replaces every C function of builtins (but those that read their caller's frame), sys,
gc, os, posix, time, _thread, operator and struct, and json.dumps, with a wrapper that
counts its calls (and so allocates), before or after importing the agent, then takes a
snapshot. Usage: replaced_functions.py SNAPSHOT before|after"""
import builtins
import functools
import gc
import json
import operator
import os
import posix
import sys
import threading
import time
import _thread

calls = []
kept = {}
BUILTIN = type(len)
FRAME_READERS = ("locals", "vars", "globals", "dir")


def counting(original, name):
    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        calls.append(name)
        return original(*args, **kwargs)
    return wrapper


def replace_all():
    import _operator
    import struct
    for module in (builtins, sys, gc, os, posix, time, _thread, operator, _operator, struct, json):
        for name, value in list(vars(module).items()):
            if (type(value) is BUILTIN or (module is json and name == "dumps")) and name not in FRAME_READERS:
                kept[module.__name__ + "." + name] = value
                setattr(module, name, counting(value, module.__name__ + "." + name))


def restore():
    for key, value in kept.items():
        module, name = key.rsplit(".", 1)
        setattr(sys.modules[module], name, value)


class Item:
    def __init__(self, n):
        self.n = n
        self.text = "item-%d" % n


items = [Item(n) for n in range(200)]
table = {"items": items, "count": len(items)}
lock = threading.Lock()

if __name__ == "__main__":
    if sys.argv[2] == "before":
        replace_all()
        import refgraph_agent
    else:
        import refgraph_agent
        replace_all()
    del calls[:]
    try:
        summary = refgraph_agent.snapshot(sys.argv[1])
        outcome = ["ok", summary["objects"]]
    except Exception as error:
        outcome = [type(error).__name__, str(error)]
    during = list(calls)
    restore()
    counts = {}
    for name in during:
        counts[name] = counts.get(name, 0) + 1
    print(json.dumps({"outcome": outcome, "calls": len(during), "replaced": len(kept),
                      "most": sorted(counts.items(), key=lambda pair: -pair[1])[:12]}))
