"""A polling service that leaks a little on every poll.

It asks a feed for new events twice a second and hands each new one to a handler. So that an
event the feed sends twice is handled once, a Deduplicator remembers every event it has seen,
keyed by (source, sequence number), and never forgets any: the process grows by three events
(and their payload strings) per poll, forever. Run it, and take snapshots with
`refgraph attach PID` while it runs: no change to this file is needed.

    python3 service.py [INTERVAL_SECONDS]
"""
import os
import sys
import time


class OrderEvent:
    def __init__(self, source, sequence, payload):
        self.source = source
        self.sequence = sequence
        self.payload = payload


class FeedClient:
    """Stands in for an HTTP feed: every fetch returns the next three events."""

    def __init__(self, source):
        self.source = source
        self.next_sequence = 0

    def fetch(self):
        events = []
        for _ in range(3):
            payload = "event %d from %s: %s" % (self.next_sequence, self.source, "x" * 200)
            events.append(OrderEvent(self.source, self.next_sequence, payload))
            self.next_sequence += 1
        return events


class Deduplicator:
    """Remembers the events it has seen, so a re-sent one is handled once. It never forgets."""

    def __init__(self):
        self._seen = {}

    def is_new(self, event):
        key = (event.source, event.sequence)
        if key in self._seen:
            return False
        self._seen[key] = event
        return True


class PollingService:
    def __init__(self, feed):
        self.feed = feed
        self.dedup = Deduplicator()
        self.handled = 0

    def poll_once(self):
        for event in self.feed.fetch():
            if self.dedup.is_new(event):
                self.handled += len(event.payload) > 0


service = PollingService(FeedClient("orders"))


def main():
    interval = float(sys.argv[1]) if len(sys.argv) > 1 else 0.5
    print("polling as pid %d" % os.getpid(), flush=True)
    while True:
        service.poll_once()
        time.sleep(interval)


if __name__ == "__main__":
    main()
