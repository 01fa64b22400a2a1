# A heap for the query commands: a chain from module `__main__` to a Job through a dict and
# a list, a Job reachable only from the thread's frame, two types named Item in different
# modules, and a cycle of two Links that nothing else holds.
import gc
import threading
import types


class Job:
    def __init__(self, name):
        self.name = name


class Queue:
    def __init__(self):
        self.pending = []


queues = {"main": Queue()}
queues["main"].pending.extend(Job("job-%d" % i) for i in range(3))

first = types.ModuleType("first")
exec("class Item:\n    pass\nitem = Item()\n", first.__dict__)
second = types.ModuleType("second")
exec("class Item:\n    pass\nitem = Item()\n", second.__dict__)
items = [first.item, second.item]


class Link:
    pass


gc.disable()
a, b = Link(), Link()
a.other, b.other = b, a
del a, b


def hold_in_frame():
    local_job = Job("frame-only")
    done = threading.Event()  # noqa: F841
    import refgraph_agent
    refgraph_agent.snapshot("frame.rgs")
    return local_job


hold_in_frame()
