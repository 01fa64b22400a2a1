"""A least-recently-used cache that never holds more than its capacity.

This is the control for the leaky examples: every lookup of a key it does not hold
makes a new entry and, once the cache is full, drops the oldest one. The heap churns
(entries, their keys and payloads are replaced all the time) but does not grow.
"""

import collections


class Entry:
    """A cached value with its key."""

    def __init__(self, key, payload):
        self.key = key
        self.payload = payload


class LRUCache:
    """Keeps the `capacity` most recently used entries."""

    def __init__(self, capacity):
        self.capacity = capacity
        self.entries = collections.OrderedDict()

    def get(self, key, load):
        entry = self.entries.get(key)
        if entry is not None:
            self.entries.move_to_end(key)
            return entry
        entry = Entry(key, load(key))
        self.entries[key] = entry
        if len(self.entries) > self.capacity:
            self.entries.popitem(last=False)
        return entry
