"""Shared driver: run `step(i)` for n iterations and snapshot three times (after a warm-up)."""
import gc
import sys

import refgraph_agent


def drive(name, step, n, snapshots=3, warmup=None):
    warmup = n // 5 if warmup is None else warmup
    for i in range(warmup):
        step(i)
    per = (n - warmup) // snapshots
    i = warmup
    for k in range(1, snapshots + 1):
        for _ in range(per):
            step(i)
            i += 1
        gc.collect()
        refgraph_agent.snapshot("%s-%d.rgs" % (name, k))
    print("%s: %d steps" % (name, i), file=sys.stderr)
