"""References Python cannot spell by attribute or key but that have a name: a deque's
items, a defaultdict's values and default_factory, a C lru_cache wrapper's cache, a
subclass of deque, and a finished asyncio future's result. Usage:
named_references.py SNAPSHOT"""
import asyncio
import collections
import functools
import json
import sys

import refgraph_agent


class Payload:
    pass


class History(collections.deque):
    def __iter__(self):
        raise AssertionError("the agent ran a subclass's __iter__")


history = collections.deque(Payload() for _ in range(3))
audit = History(Payload() for _ in range(2))
groups = collections.defaultdict(list)
groups["a"].append(Payload())


@functools.lru_cache(maxsize=None)
def fetch(n):
    return Payload()


fetch(1)


async def work():
    return Payload()


async def main():
    global done
    done = asyncio.ensure_future(work())
    await done
    refgraph_agent.snapshot(sys.argv[1])


asyncio.run(main())
print(json.dumps({"history": id(history), "groups": id(groups)}))
