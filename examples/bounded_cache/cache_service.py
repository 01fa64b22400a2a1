"""Serve lookups through a bounded cache: steady-state churn, no leak.

With a second argument N, take N heap snapshots while serving (cache-1.rgs ...
cache-N.rgs, one after each batch of lookups) through refgraph_agent, which
`refgraph run` provides: `refgraph leaks` compares them and finds no suspect.
"""

import collections
import sys

from lru import LRUCache


def load(key):
    return ["%s/%d" % (key, i) for i in range(10)]


cache = LRUCache(200)


def main(lookups, snapshots=0):
    recent = collections.deque(maxlen=50)
    in_flight = []
    batches = max(1, snapshots)
    for batch in range(batches):
        for i in range(batch * lookups // batches, (batch + 1) * lookups // batches):
            key = "user-%d" % (i * 7919 % 5000)
            recent.append((i, cache.get(key, load)))
            # Requests still being answered: their number goes up and down between batches.
            in_flight.append({"key": key, "started": i})
            del in_flight[:-(40, 15, 30, 25)[batch % 4]]
        if snapshots:
            import refgraph_agent

            refgraph_agent.snapshot("cache-%d.rgs" % (batch + 1))
    print("served %d lookups, %d cached" % (lookups, len(cache.entries)))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3000, int(sys.argv[2]) if len(sys.argv) > 2 else 0)
