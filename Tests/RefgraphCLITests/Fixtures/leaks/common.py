"""Shared driver: run `step(i)` for n iterations and snapshot three times (after a warm-up).

With --pause, after each snapshot it prints "paused K" and waits for a line on stdin, so that a
test can read the process from outside (`refgraph attach`) in the state the snapshot shows."""
import gc
import sys

import refgraph_agent


def snapshot(path, k):
    """The agent's snapshot number k; with --pause, then the wait for an outside read."""
    refgraph_agent.snapshot(path)
    if "--pause" in sys.argv:
        print("paused %d" % k, flush=True)
        sys.stdin.readline()


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
        snapshot("%s-%d.rgs" % (name, k), k)
    print("%s: %d steps" % (name, i), file=sys.stderr)
