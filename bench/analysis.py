"""Builds bench/heap.py's heap, snapshots it, makes it grow by a known amount (10,000 more
pending Requests in APP's one Session, the kind of leak `growth` and `retained` are for),
snapshots it again, and measures on that same live heap, where they are installed:
refcycle's snapshot().strongly_connected_components() and guppy3's domisize of the pending
requests. Run it under `refgraph run` (see run-analysis-benchmarks).

Usage: analysis.py RECORDS OLD.rgs NEW.rgs
Prints one `name value unit` line per measurement.
"""

import gc
import sys
import time

import heap
import refgraph_agent

GROWTH = 10_000


def measure(label, fn):
    start = time.perf_counter()
    result = fn()
    print("%s %.6f s" % (label, time.perf_counter() - start), flush=True)
    return result


def main():
    records, old, new = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    heap.REGISTRY = heap.build(records)
    heap.APP = heap.App(3000)
    session = heap.APP.sessions["client-1"]
    print("chain_target_address 0x%x address" % id(session.pending[1500]), flush=True)
    recent = heap.REGISTRY.recent
    print("backrefs_target_address 0x%x address" % id(recent[len(recent) // 2][1]), flush=True)
    print("session_address 0x%x address" % id(session), flush=True)
    print("gc_tracked_objects %d count" % len(gc.get_objects()), flush=True)
    refgraph_agent.snapshot(old)
    for i in range(GROWTH):
        heap.Request(3000 + i, session)
    print("grown_requests %d count" % GROWTH, flush=True)
    summary = refgraph_agent.snapshot(new)
    print("snapshot_objects %d count" % summary["objects"], flush=True)
    print("snapshot_edges %d count" % summary["edges"], flush=True)

    try:
        import refcycle
    except ImportError:
        print("refcycle unavailable -", flush=True)
    else:
        graph = measure("refcycle_snapshot", refcycle.snapshot)
        components = measure("refcycle_strongly_connected_components", graph.strongly_connected_components)
        print("refcycle_components %d count" % len(components), flush=True)
        del graph, components
        gc.collect()
    try:
        from guppy import hpy
    except ImportError:
        print("guppy3 unavailable -", flush=True)
    else:
        h = hpy()
        pending = h.iso(*session.pending)
        size = measure("guppy_domisize_pending_requests", lambda: pending.domisize)
        print("guppy_domisize_pending_requests_bytes %d bytes" % size, flush=True)
        del h, pending


if __name__ == "__main__":
    main()
