"""Worker threads that read batches through a generator they never close.

Each worker pulls one batch from its generator and finishes. The generator is suspended
at its `yield` with the whole read buffer in its frame, and the finished worker stays in
the registry, so every buffer stays alive: a generator that is never closed keeps its
frame, and its frame keeps every local.
"""

import threading


class BatchReader:
    """Reads fixed-size batches from a source."""

    def __init__(self, source, size):
        self.source = source
        self.size = size

    def batches(self):
        buffer = bytearray(self.size)
        offset = 0
        while True:
            yield bytes(buffer[offset:offset + 16])
            offset += 16


class Worker(threading.Thread):
    """Processes one batch, then stops, leaving its generator suspended."""

    registry = []

    def __init__(self, name, size):
        super().__init__(name=name)
        self.stream = BatchReader(name, size).batches()
        self.first = None
        Worker.registry.append(self)

    def run(self):
        self.first = next(self.stream)
