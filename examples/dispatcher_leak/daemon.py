"""Send requests; only every other one gets a reply, so half of them pile up.

With a second argument N, take N heap snapshots while sending (daemon-1.rgs ...
daemon-N.rgs, one after each batch of requests) through refgraph_agent, which
`refgraph run` provides: `refgraph leaks` compares them.
"""

import sys

import messaging

dispatcher = messaging.Dispatcher()


def make_callback(request_id, log):
    def on_reply(reply):
        log.append((request_id, reply))
    return on_reply


def main(count, snapshots=0):
    log = []
    batches = max(1, snapshots)
    for batch in range(batches):
        for request_id in range(batch * count // batches, (batch + 1) * count // batches):
            dispatcher.send(request_id, make_callback(request_id, log))
            if request_id % 2 == 0:
                dispatcher.receive(request_id, "result")
        if snapshots:
            import refgraph_agent

            refgraph_agent.snapshot("daemon-%d.rgs" % (batch + 1))
    print("sent %d requests, %d replies" % (count, len(log)))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200, int(sys.argv[2]) if len(sys.argv) > 2 else 0)
