"""Builds a service-like heap of about a million gc-tracked objects, then measures, on that
same heap and in the same process: refgraph's capture (the C-API walker, file write
included), a Python loop of gc.get_referents over gc.get_objects(), and
objgraph.show_most_common_types(). Run it under `refgraph run` (see run-benchmarks).

Prints one `name value unit` line per measurement for run-benchmarks to tabulate.
"""

import gc
import io
import os
import sys
import time

import refgraph_agent


class Record:
    def __init__(self, i, parent):
        self.name = "record-%d" % i
        self.tags = [i, "tag-%d" % (i % 1000)]
        self.meta = {"id": i, "parent": parent}
        self.owner = parent


class Registry:
    def __init__(self):
        self.by_id = {}
        self.recent = []


def build(records):
    registry = Registry()
    parent = None
    for i in range(records):
        record = Record(i, parent)
        registry.by_id[i] = record
        if i % 10 == 0:
            registry.recent.append((i, record))
            parent = record
    return registry


def measure(label, fn):
    start = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - start
    print("%s %.6f s" % (label, elapsed), flush=True)
    return result, elapsed


def main():
    records = int(sys.argv[1]) if len(sys.argv) > 1 else 330_000
    out = sys.argv[2] if len(sys.argv) > 2 else "bench.rgs"
    registry = build(records)
    tracked = len(gc.get_objects())
    print("gc_tracked_objects %d count" % tracked, flush=True)

    summary, capture = measure("refgraph_capture", lambda: refgraph_agent.snapshot(out))
    print("snapshot_objects %d count" % summary["objects"])
    print("snapshot_edges %d count" % summary["edges"])
    print("snapshot_file_bytes %d bytes" % os.path.getsize(out))
    print("capture_ns_per_object %.1f ns" % (capture * 1e9 / summary["objects"]))

    def referents_loop():
        for o in gc.get_objects():
            gc.get_referents(o)

    _, loop = measure("python_get_referents_loop", referents_loop)
    print("python_loop_ns_per_tracked_object %.1f ns" % (loop * 1e9 / tracked))
    try:
        import objgraph
    except ImportError:
        print("objgraph_show_most_common_types unavailable -", flush=True)
    else:
        sink = io.StringIO()
        measure("objgraph_show_most_common_types", lambda: objgraph.show_most_common_types(limit=20, file=sink))
    registry.recent.clear()


if __name__ == "__main__":
    main()
