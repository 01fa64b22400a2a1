"""A long-running target for `refgraph attach` tests: python attach_target.py MODE [SECONDS].

MODE is what the main thread does while it waits to be told to stop:
  sleep    time.sleep(SECONDS, default 600) in a loop (one thread)
  busy     a pure-Python loop (one thread)
  busy-reader  the pure-Python loop, while a worker waits in read(2) on a pipe (gdb then calls
           from the worker, and before 3.12 the pending call does not wake the main thread
           unless refgraph sets its eval breaker)
  join     Thread.join() on a worker that sleeps (main blocked on a lock)
  threads  main sleeps; workers wait on a lock, spin in Python, and sleep
  select   select() on a pipe nobody writes to (main blocked in a system call attach
           leaves alone, so the agent cannot run until it returns)

It prints "ready PID" when set up. SIGUSR1 is a ping: the main thread answers with a line
"pong MARKERS ENTRY_OK THREADS" on stdout. SIGUSR2 tells it to stop: every thread finishes,
it prints "bye SHORTEST_SLEEP_RATIO" and exits 0. In modes sleep and threads, each of the main
thread's sleeps that ends prints "slept RATIO STARTED ENDED" (times from time.time()).

Known heap for the snapshot: 1234 AttachMarker objects in MARKERS, and the chain
__main__ -> registry (Registry) -> .entries (dict) -> ['needle'] (Entry) -> .payload (Payload).
"""
import os
import select
import signal
import sys
import threading
import time


class AttachMarker:
    pass


class Registry:
    def __init__(self):
        self.entries = {}


class Entry:
    def __init__(self, payload):
        self.payload = payload


class Payload:
    pass


class Stop(Exception):
    pass


MARKERS = [AttachMarker() for _ in range(1234)]
registry = Registry()
registry.entries["needle"] = Entry(Payload())
mode = sys.argv[1]
stopping = threading.Event()
gate = threading.Lock()
gate.acquire()
counter = [0]
idle_read, idle_write = os.pipe()
sleep_ratios = []


def ping(signum, frame):
    entry_ok = type(registry.entries["needle"].payload) is Payload
    sys.stdout.write("pong %d %s %d\n" % (len(MARKERS), entry_ok, threading.active_count()))
    sys.stdout.flush()


def stop(signum, frame):
    stopping.set()
    raise Stop()


def measured_sleep(seconds):
    started = time.monotonic()
    time.sleep(seconds)
    sleep_ratios.append((time.monotonic() - started) / seconds)


def spin():
    while not stopping.is_set():
        counter[0] += 1


def wait_on_gate():
    gate.acquire()


def read_pipe():
    os.read(idle_read, 1)


def nap():
    while not stopping.is_set():
        measured_sleep(0.7)


signal.signal(signal.SIGUSR1, ping)
signal.signal(signal.SIGUSR2, stop)
workers = []
if mode == "threads":
    workers = [threading.Thread(target=f, name=f.__name__) for f in (wait_on_gate, spin, nap)]
elif mode == "join":
    workers = [threading.Thread(target=nap, name="nap")]
elif mode == "busy-reader":
    workers = [threading.Thread(target=read_pipe, name="read_pipe")]
for worker in workers:
    worker.start()
print("ready %d" % __import__("os").getpid(), flush=True)
try:
    if mode in ("sleep", "threads"):
        while True:
            started = time.time()
            measured_sleep(float(sys.argv[2]) if len(sys.argv) > 2 else 600)
            print("slept %.3f %.6f %.6f" % (sleep_ratios[-1], started, time.time()), flush=True)
    elif mode in ("busy", "busy-reader"):
        spin()
    elif mode == "join":
        workers[0].join()
    elif mode == "select":
        select.select([idle_read], [], [])
    else:
        raise SystemExit("unknown mode " + mode)
except Stop:
    pass
stopping.set()
if mode == "threads":
    gate.release()
os.write(idle_write, b"x")
for worker in workers:
    worker.join()
print("bye %.3f" % min(sleep_ratios or [1.0]), flush=True)
