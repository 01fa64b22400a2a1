"""Builds a service-like heap of about a million gc-tracked objects, held from a module
global as a long-running service holds its state, then measures, on that same heap and
in the same process: refgraph's capture (the C-API walker, file write included), a
Python loop of gc.get_referents over gc.get_objects(), and objgraph's
show_most_common_types(), find_backref_chain() and show_backrefs(max_depth=5) for one
record. Run it under `refgraph run` (see run-benchmarks).

The chain is asked for a pending request of a session, found from a module global:
module → APP → .sessions → dict → Session → .pending → list → Request. Its session is
also referred to by each of its 3,000 requests, as a parent by its children: objgraph's
breadth-first search calls gc.get_referrers (a scan of every gc object) for every object
nearer to the request than the module, those 3,000 requests included. The backrefs
picture is drawn for a record that is the parent of ten others (their `owner` and
`meta['parent']` refer to it), a tree of back-references like a parsed document's: once
with objgraph's default too_many=10 (32 objects), once with too_many=50 (131 objects), to
show how each tool's cost grows with the picture.

Usage: heap.py RECORDS SNAPSHOT [--no-objgraph-queries] [--capture-only]
Prints one `name value unit` line per measurement for run-benchmarks to tabulate, and
the address of the record it queries (`target_address`), for refgraph's own queries.
"""

import gc
import io
import os
import re
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


class Session:
    """A client session; its requests point back to it, as a parsed tree's children point
    to their parent."""

    def __init__(self, name):
        self.name = name
        self.pending = []


class Request:
    def __init__(self, i, session):
        self.request_id = i
        self.session = session
        session.pending.append(self)


class App:
    def __init__(self, requests):
        session = Session("client-1")
        for i in range(requests):
            Request(i, session)
        self.sessions = {session.name: session}


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


def dot_nodes(path):
    """How many objects objgraph drew in the DOT file at `path` (one label line each)."""
    node = re.compile(r"  o[0-9]+\[label=")
    with open(path) as f:
        return sum(1 for line in f if node.match(line))


def measure(label, fn):
    start = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - start
    print("%s %.6f s" % (label, elapsed), flush=True)
    return result, elapsed


REGISTRY = None
APP = None


def main():
    global REGISTRY, APP
    records = int(sys.argv[1]) if len(sys.argv) > 1 else 330_000
    out = sys.argv[2] if len(sys.argv) > 2 else "bench.rgs"
    objgraph_queries = "--no-objgraph-queries" not in sys.argv
    REGISTRY = build(records)
    APP = App(3000)
    target = APP.sessions["client-1"].pending[1500]
    parent = REGISTRY.recent[len(REGISTRY.recent) // 2][1]
    print("chain_target_address 0x%x address" % id(target), flush=True)
    print("backrefs_target_address 0x%x address" % id(parent), flush=True)
    tracked = len(gc.get_objects())
    print("gc_tracked_objects %d count" % tracked, flush=True)

    summary, capture = measure("refgraph_capture", lambda: refgraph_agent.snapshot(out))
    print("refgraph_capture_write %.6f s" % summary["write_seconds"])
    print("snapshot_objects %d count" % summary["objects"])
    print("snapshot_edges %d count" % summary["edges"])
    print("snapshot_file_bytes %d bytes" % os.path.getsize(out))
    print("capture_ns_per_object %.1f ns" % (capture * 1e9 / summary["objects"]))
    if "--capture-only" in sys.argv:
        return

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
        if objgraph_queries:
            chain, _ = measure(
                "objgraph_find_backref_chain",
                lambda: objgraph.find_backref_chain(target, objgraph.is_proper_module))
            print("objgraph_chain_length %d references" % (len(chain) - 1))
            dot = os.path.splitext(out)[0] + "-objgraph-backrefs.dot"
            measure(
                "objgraph_show_backrefs_depth5",
                lambda: objgraph.show_backrefs([parent], max_depth=5, too_many=10, filename=dot, output=None))
            print("objgraph_backrefs_nodes %d objects" % dot_nodes(dot))
            wide = os.path.splitext(out)[0] + "-objgraph-backrefs-wide.dot"
            measure(
                "objgraph_show_backrefs_depth5_wide",
                lambda: objgraph.show_backrefs([parent], max_depth=5, too_many=50, filename=wide, output=None))
            print("objgraph_backrefs_wide_nodes %d objects" % dot_nodes(wide))


if __name__ == "__main__":
    main()
