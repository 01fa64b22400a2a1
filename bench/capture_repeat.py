"""Builds bench/heap.py's heap with RECORDS records and takes three snapshots of it in a row,
printing each one's wall time, file write time, CPU time and page faults: the first capture
of a process touches memory the machine may never have used (slow in a VM), the later ones
reuse freed memory.

Usage: capture_repeat.py RECORDS SNAPSHOT, under refgraph run (the C-API walker) or under
a plain python with refgraph_agent and bench/ on PYTHONPATH (the pure-Python walk).
"""

import os
import resource
import sys
import time

import heap
import refgraph_agent

heap.REGISTRY = heap.build(int(sys.argv[1]))
heap.APP = heap.App(3000)
for attempt in (1, 2, 3):
    before = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    summary = refgraph_agent.snapshot(sys.argv[2])
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF)
    print("capture %d: %.3f s (write %.3f s) = %.0f ns/object; user %.3f s, system %.3f s, %d page faults"
          % (attempt, wall, summary["write_seconds"], wall * 1e9 / summary["objects"],
             after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime,
             after.ru_minflt - before.ru_minflt), flush=True)
os._exit(0)
