"""Start a handful of workers, each leaving a 256 KiB buffer behind.

With a second argument N, start N batches of workers and take a heap snapshot after
each (jobs-1.rgs ... jobs-N.rgs) through refgraph_agent, which `refgraph run`
provides: `refgraph leaks` compares them.
"""

import sys

from pipeline import Worker


def main(count, snapshots=0):
    batches = max(1, snapshots)
    for batch in range(batches):
        workers = [Worker("worker-%d" % i, 256 * 1024) for i in range(batch * count, (batch + 1) * count)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        # Only the registry keeps finished workers: a snapshot should not see this frame's.
        del workers, worker
        if snapshots:
            import refgraph_agent

            refgraph_agent.snapshot("jobs-%d.rgs" % (batch + 1))
    print("%d workers finished" % (count * batches))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 8, int(sys.argv[2]) if len(sys.argv) > 2 else 0)
