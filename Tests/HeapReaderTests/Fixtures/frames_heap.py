"""Frames, threads and generators for HeapReaderTests: three named threads blocked in known
functions with known locals (the third inside a running generator), a suspended generator,
coroutine and async generator holding known locals, and finished frames kept by a traceback.
Prints "ready" and the three threads' idents, waits for a line on stdin (the reader reads
meanwhile, before anything makes frame objects for the running frames), then snapshots itself
with the agent (its folder in argv[1], the file in argv[2]), prints "snapshot" and waits in
select for ever."""

import select
import sys
import threading

sys.path.insert(0, sys.argv[1])
import refgraph_agent

# A first snapshot before the threads and generators exist, to a file the test ignores: what
# the agent makes once (imports, caches) is then made before the reader reads, while the
# frames below stay without frame objects until the second snapshot.
refgraph_agent.snapshot(sys.argv[2])


def worker(items, release):
    release.wait()
    return items


def holder(release):
    secret = ["secret", 42]

    def peek():
        return secret

    release.wait()
    return peek


def waiting(release):
    running_local = ["running", "generator"]
    release.wait()
    yield running_local


def drive(release):
    return next(waiting(release))


def counter(start):
    gen_local = ["generator", start]
    yield gen_local
    yield 2


class Pause:
    def __await__(self):
        yield "paused"


async def coro(tag):
    coro_local = {"coroutine": tag}
    await Pause()
    return coro_local


async def agen():
    agen_local = ("async", "generator")
    yield agen_local
    yield 2


def failing(n):
    doomed = ["doomed", n]
    raise ValueError(doomed)


def catch():
    try:
        failing(3)
    except ValueError:
        return sys.exc_info()[2]


def blocked(event):
    """Waits until a thread is inside ``event.wait()`` (its condition has a waiter)."""
    condition = event._cond
    while not condition._waiters:
        threading.Event().wait(0.01)


release_a = threading.Event()
release_b = threading.Event()
release_c = threading.Event()
thread_a = threading.Thread(target=worker, args=(["alpha", "beta"], release_a), name="worker-A", daemon=True)
thread_b = threading.Thread(target=holder, args=(release_b,), name="closure-B", daemon=True)
thread_c = threading.Thread(target=drive, args=(release_c,), name="generator-C", daemon=True)
for thread in (thread_a, thread_b, thread_c):
    thread.start()
for event in (release_a, release_b, release_c):
    blocked(event)

gen = counter(5)
next(gen)
coroutine = coro("c")
coroutine.send(None)
async_gen = agen()
try:
    async_gen.asend(None).send(None)
except StopIteration:
    pass
kept = [catch()]

print("ready", thread_a.ident, thread_b.ident, thread_c.ident, flush=True)
sys.stdin.readline()
refgraph_agent.snapshot(sys.argv[2])
print("snapshot", flush=True)
while True:
    select.select([], [], [])
