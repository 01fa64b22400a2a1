"""Builds bench/heap.py's heap (about 1M gc-tracked objects at 330,000 records) and takes
three snapshots of it while it leaks a known amount: 5,000 more pending Requests in APP's
one Session between each snapshot. `refgraph leaks` on the three must name the Session's
`pending` list. Run it under `refgraph run` (see run-leaks-benchmark).

Usage: leaks.py RECORDS PREFIX    (writes PREFIX-1.rgs, PREFIX-2.rgs, PREFIX-3.rgs)
Prints one `name value unit` line per snapshot.
"""

import sys

import heap
import refgraph_agent

GROWTH = 5_000


def main():
    records, prefix = int(sys.argv[1]), sys.argv[2]
    heap.REGISTRY = heap.build(records)
    heap.APP = heap.App(3000)
    session = heap.APP.sessions["client-1"]
    for step in range(3):
        if step:
            for i in range(GROWTH):
                heap.Request(3000 + step * GROWTH + i, session)
        summary = refgraph_agent.snapshot("%s-%d.rgs" % (prefix, step + 1))
        print("leaks_snapshot_%d_objects %d count" % (step + 1, summary["objects"]), flush=True)
        print("leaks_snapshot_%d_edges %d count" % (step + 1, summary["edges"]), flush=True)
    print("leaks_grown_requests_per_step %d count" % GROWTH, flush=True)


if __name__ == "__main__":
    main()
