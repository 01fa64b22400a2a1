"""References Python cannot spell by attribute or key but that have a name: a deque's
items, a subclass of deque whose __iter__ must not run, a defaultdict's values and
default_factory, a C lru_cache wrapper's cache (also when a cached result is a dict), and a
finished asyncio future's result."""
import asyncio
import collections
import functools

ITER_RAN = False


class Payload:
    pass


class History(collections.deque):
    def __iter__(self):
        global ITER_RAN
        ITER_RAN = True
        raise AssertionError("the walker ran a subclass's __iter__")


history = collections.deque(Payload() for _ in range(3))
audit = History(Payload() for _ in range(2))
groups = collections.defaultdict(list)
groups["a"].append(Payload())


@functools.lru_cache(maxsize=None)
def fetch(n):
    return Payload()


fetch(1)


# A bounded cache whose result is a dict: its traverse lists the result before the cache.
@functools.lru_cache(maxsize=8)
def settings(n):
    return {"payload": Payload(), "n": n}


settings(1)


async def work():
    return Payload()


async def main():
    global done
    done = asyncio.ensure_future(work())
    await done


asyncio.run(main())
