"""A tiny request-handling framework with a profiler that never forgets.

The leak mirrors a real one: a profiling middleware keeps every request's timing
record in a list that lives on the class (`Profiler.results`), so it is shared by every
instance and lives as long as the module does. Nothing ever empties it.
"""

import time


class ProfileRecord:
    """Timing of one handled request."""

    def __init__(self, path, started, finished, payload):
        self.path = path
        self.started = started
        self.finished = finished
        self.payload = payload


class Profiler:
    """Times each request. The class-level list is the leak."""

    results = []

    def record(self, path, started, finished, payload):
        self.results.append(ProfileRecord(path, started, finished, payload))


class Application:
    """Routes a request to a handler, timing each one."""

    def __init__(self):
        self.profiler = Profiler()
        self.routes = {"/users": self.list_users, "/health": self.health}

    def handle(self, path):
        started = time.perf_counter()
        body = self.routes[path]()
        self.profiler.record(path, started, time.perf_counter(), body)
        return body

    def list_users(self):
        return ["user-%d" % i for i in range(20)]

    def health(self):
        return "ok"
