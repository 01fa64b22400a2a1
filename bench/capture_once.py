"""Builds bench/heap.py's heap with RECORDS records and takes one snapshot to SNAPSHOT, then
exits at once (no end-of-run snapshot), for bench/capture-instructions.

Usage (under refgraph run): capture_once.py RECORDS SNAPSHOT
"""

import os
import sys

import heap
import refgraph_agent

heap.REGISTRY = heap.build(int(sys.argv[1]))
heap.APP = heap.App(3000)
summary = refgraph_agent.snapshot(sys.argv[2])
print("snapshot_objects %d count" % summary["objects"], flush=True)
print("snapshot_edges %d count" % summary["edges"], flush=True)
os._exit(0)
