# A heap with known retained sizes, each printed as `name value` for the test:
#   holder.items: a list of 50 Blob objects, each holding its own bytes payload; nothing else
#   refers to them, so the list retains itself, the Blobs and the payloads;
#   ring_head: the first of 4 Node objects in a ring (node i's .next is node i+1), each with
#   its own payload; only ring_head is referred to from outside the ring, so it retains the
#   whole ring.
import sys


class Blob:
    __slots__ = ("payload",)


class Holder:
    pass


class Node:
    __slots__ = ("next", "payload")


holder = Holder()
holder.items = []
for i in range(50):
    blob = Blob()
    blob.payload = bytes(1000 + i)
    holder.items.append(blob)
del blob, i

ring = [Node() for _ in range(4)]
for k, node in enumerate(ring):
    node.next = ring[(k + 1) % 4]
    node.payload = bytes(500 * (k + 1))
ring_head = ring[0]
del ring, node, k

size = sys.getsizeof
print("list %s" % hex(id(holder.items)))
print("list_retained %d" % (size(holder.items) + sum(size(b) + size(b.payload) for b in holder.items)))
print("blobs_retained %d" % sum(size(b) + size(b.payload) for b in holder.items))
nodes = [ring_head, ring_head.next, ring_head.next.next, ring_head.next.next.next]
print("ring_head %s" % hex(id(ring_head)))
print("ring_retained %d" % sum(size(n) + size(n.payload) for n in nodes))
del nodes, size
