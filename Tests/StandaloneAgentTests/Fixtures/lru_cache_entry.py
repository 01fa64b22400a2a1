"""A size-limited functools.lru_cache holding an entry (on 3.8 and 3.9 its entries are of a
type CPython never readied: ``_lru_list_elem.__mro__`` is None). Takes a snapshot directly
and one through install() and a signal; reports whether the entry's type is still as it
was. Usage: lru_cache_entry.py SNAPSHOT FOLDER"""
import functools
import gc
import json
import os
import signal
import sys

import refgraph_agent


@functools.lru_cache(maxsize=8)
def square(n):
    return [n * n]


# Read through type's own descriptors: an attribute lookup on a type never readied readies it.
type_name = type.__dict__["__name__"].__get__
type_mro = type.__dict__["__mro__"].__get__
square(12)
# The entry is the cache dict's value (3.8 to 3.10 do not track it in the gc).
cache = next(o for o in gc.get_referents(square) if type(o) is dict)
entry = next(o for o in dict.values(cache) if type_name(type(o)) == "_lru_list_elem")
ready_before = type(type_mro(type(entry))) is tuple

if __name__ == "__main__":
    refgraph_agent.snapshot(sys.argv[1])
    refgraph_agent.install(directory=sys.argv[2])
    os.kill(os.getpid(), signal.SIGUSR1)
    for _ in range(1000):  # the handler runs between bytecodes
        if any(name.endswith(".rgs") for name in os.listdir(sys.argv[2])):
            break
    refgraph_agent.uninstall()
    print(json.dumps({
        "entry": id(entry),
        "ready_before": ready_before,
        "ready_after": type(type_mro(type(entry))) is tuple,
        "signal_files": sorted(name for name in os.listdir(sys.argv[2]) if name.startswith("refgraph-")),
    }))
