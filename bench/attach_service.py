"""A service-like target for bench/run-outside-attach-benchmark:
python attach_service.py RECORDS [--documents] [--exit].

Holds RECORDS small records (an instance, its tags list and its meta dict each: on 3.11, three
gc-tracked objects per record), or with --documents RECORDS JSON-like documents (nested dicts
with str keys, lists, floats and an OrderedDict, half of them parsed back by json.loads so that
their keys are not shared), and idles in time.sleep as a service between requests does. A
thread of its own wakes every millisecond and keeps the longest gap between two wake-ups: a
stall of the whole process (its threads stopped, or its main thread busy with the GIL held)
shows there. On SIGUSR1 it prints "gap SECONDS rss KIB" (the longest gap since the last
SIGUSR1, and VmRSS now) and starts a new measurement. With --exit it builds the heap and
ends, for `refgraph run` to snapshot the same heap.
"""

import collections
import gc
import json
import os
import signal
import sys
import threading
import time


class Record:
    def __init__(self, i):
        self.name = "record-%d" % i
        self.tags = [i, "tag-%d" % (i % 1000)]
        self.meta = {"id": i}


def document(i):
    return {
        "id": i,
        "user": {"name": "user%d" % (i % 5000), "email": "u%d@example.com" % i, "tags": ["t%d" % (i % 37), "x"]},
        "items": [{"sku": "S%06d" % (i * 3 + k), "qty": k, "price": 1.5 * k} for k in range(3)],
        "meta": collections.OrderedDict(created=1765000000.0 + i, source="api"),
    }


if "--documents" in sys.argv:
    RECORDS = [json.loads(json.dumps(document(i))) if i % 2 else document(i) for i in range(int(sys.argv[1]))]
else:
    RECORDS = [Record(i) for i in range(int(sys.argv[1]))]
if "--exit" in sys.argv:
    sys.exit(0)
longest = [0.0]


def watch():
    last = time.monotonic()
    while True:
        time.sleep(0.001)
        now = time.monotonic()
        longest[0] = max(longest[0], now - last)
        last = now


def report(signum, frame):
    with open("/proc/self/status") as status:
        rss = next(line.split()[1] for line in status if line.startswith("VmRSS:"))
    sys.stdout.write("gap %.6f rss %s\n" % (longest[0], rss))
    sys.stdout.flush()
    longest[0] = 0.0


signal.signal(signal.SIGUSR1, report)
threading.Thread(target=watch, daemon=True).start()
print("ready %d %d" % (os.getpid(), len(gc.get_objects())), flush=True)
while True:
    time.sleep(1)
