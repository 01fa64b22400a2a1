"""Times the standalone agent (refgraph_agent's pure-Python walk, as used outside
`refgraph run`) on bench/heap.py's heap, side by side with a bare Python loop of
gc.get_referents and objgraph.show_most_common_types on the same heap, in one process.
Run it with plain python, refgraph_agent on the path (see run-standalone-agent).

Prints one `name value unit` line per measurement.
"""

import gc
import io
import os
import sys
import time

import heap
import refgraph_agent


def timed(label, fn):
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print("%s_wall %.6f s" % (label, wall))
    print("%s_cpu %.6f s" % (label, cpu), flush=True)
    return result, wall, cpu


def main():
    records = int(sys.argv[1]) if len(sys.argv) > 1 else 330_000
    out = sys.argv[2] if len(sys.argv) > 2 else "standalone.rgs"
    if refgraph_agent._refgraph is not None:
        sys.exit("run this with plain python: under refgraph run the agent uses the C-API walker")
    heap.REGISTRY = heap.build(records)
    heap.APP = heap.App(3000)
    tracked = len(gc.get_objects())
    print("standalone_python %s version" % sys.version.split()[0])
    print("standalone_gc_tracked_objects %d count" % tracked, flush=True)

    summary, wall, cpu = timed("standalone_capture", lambda: refgraph_agent.snapshot(out))
    objects = summary["objects"]
    print("standalone_capture_write %.6f s" % summary["write_seconds"])
    print("standalone_snapshot_objects %d count" % objects)
    print("standalone_snapshot_edges %d count" % summary["edges"])
    print("standalone_snapshot_file_bytes %d bytes" % os.path.getsize(out))
    print("standalone_us_per_object_wall %.3f us" % (wall * 1e6 / objects))
    print("standalone_us_per_object_cpu %.3f us" % (cpu * 1e6 / objects))

    def referents_loop():
        for o in gc.get_objects():
            gc.get_referents(o)

    _, loop_wall, loop_cpu = timed("standalone_python_get_referents_loop", referents_loop)
    print("standalone_loop_us_per_tracked_object_cpu %.3f us" % (loop_cpu * 1e6 / tracked))
    try:
        import objgraph
    except ImportError:
        print("standalone_objgraph_show_most_common_types unavailable -")
    else:
        sink = io.StringIO()
        timed("standalone_objgraph_show_most_common_types",
              lambda: objgraph.show_most_common_types(limit=20, file=sink))


if __name__ == "__main__":
    main()
