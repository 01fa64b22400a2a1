"""Serve a few hundred requests, as a web worker would between restarts.

With a second argument N, take N heap snapshots while serving (service-1.rgs ...
service-N.rgs, one after each batch of requests) through refgraph_agent, which
`refgraph run` provides: `refgraph leaks` compares them.
"""

import sys

import webapp


def main(requests, snapshots=0):
    app = webapp.Application()
    batches = max(1, snapshots)
    for batch in range(batches):
        for i in range(batch * requests // batches, (batch + 1) * requests // batches):
            app.handle("/users" if i % 2 else "/health")
        if snapshots:
            import refgraph_agent

            refgraph_agent.snapshot("service-%d.rgs" % (batch + 1))
    print("handled %d requests" % requests)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500, int(sys.argv[2]) if len(sys.argv) > 2 else 0)
