# Planted cycles the gc would collect, kept for the snapshot by disabling it:
#   a ring of 5 Node objects (node i's .next is node i+1, the last's is the first);
#   two Pair objects (__slots__) that refer to each other;
#   a list that holds itself.
# Nothing else refers to them, so each is a strongly connected component of its own.
# Also a Leaked object whose only reference was taken from C and never given back: no
# recorded object refers to it (objgraph.get_leaking_objects finds it too).
# Prints the sizes and addresses the test needs.
import ctypes
import gc
import sys

gc.disable()


class Node:
    def __init__(self, name):
        self.name = name
        self.next = None


class Pair:
    __slots__ = ("other",)


class Leaked:
    pass


ring = [Node("n%d" % i) for i in range(5)]
for i, node in enumerate(ring):
    node.next = ring[(i + 1) % 5]
print("node_size %d" % sys.getsizeof(ring[0]))
print("ring_start %s" % hex(id(ring[0])))
del ring, node, i

a, b = Pair(), Pair()
a.other, b.other = b, a
print("pair_size %d" % sys.getsizeof(a))
del a, b

loop = []
loop.append(loop)
print("loop %s" % hex(id(loop)))
print("loop_size %d" % sys.getsizeof(loop))
del loop

leaked = Leaked()
ctypes.pythonapi.Py_IncRef(ctypes.py_object(leaked))
print("leaked %s" % hex(id(leaked)))
del leaked

if len(sys.argv) > 1 and sys.argv[1] == "objgraph":
    import objgraph

    found = [o for o in objgraph.get_leaking_objects() if type(o).__name__ == "Leaked"]
    print("objgraph_leaked %s" % " ".join(hex(id(o)) for o in found))
    del found
