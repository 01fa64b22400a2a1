# Two snapshots taken inside one script with known objects created between them:
#   Kept: 7 objects alive across both snapshots (not new);
#   Leaf: 137 objects created after the first snapshot (all new);
#   Freed/Reborn: 100 Freed objects in the first snapshot are released, then Reborn objects
#   of the same size are made until 50 of them have taken a Freed object's address (the
#   allocator hands freed blocks out again, but not always first): they are new even where
#   their address equals an old Freed's.
# Prints how many Reborn objects were made and how many took a Freed address (by id()).
# With objgraph available (argv[3] == "objgraph"), prints objgraph's growth of these classes.
import gc
import sys

import refgraph_agent


class Kept:
    pass


class Leaf:
    __slots__ = ("n",)

    def __init__(self, n):
        self.n = n


class Freed:
    pass


class Reborn:
    pass


use_objgraph = len(sys.argv) > 3 and sys.argv[3] == "objgraph"
if use_objgraph:
    import objgraph

    objgraph.growth(limit=None)
kept = [Kept() for _ in range(7)]
freed = [Freed() for _ in range(100)]
freed_ids = set(map(id, freed))
gc.collect()
if use_objgraph:
    objgraph.growth(limit=None)
refgraph_agent.snapshot(sys.argv[1])
# Nothing may allocate between here and the Reborn objects, or it takes the freed addresses.
del freed
reborn = []
reused = 0
while reused < 50 and len(reborn) < 1000000:
    reborn.append(Reborn())
    reused += id(reborn[-1]) in freed_ids
leaves = [Leaf(i) for i in range(137)]
refgraph_agent.snapshot(sys.argv[2])
print("reborn %d" % len(reborn))
print("reused %d" % reused)
if use_objgraph:
    for name, total, delta in objgraph.growth(limit=None):
        if name in ("Kept", "Leaf", "Freed", "Reborn"):
            print("objgraph %s %d %d" % (name, total, delta))
