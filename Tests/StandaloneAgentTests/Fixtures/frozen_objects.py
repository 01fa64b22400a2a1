"""Objects gc.freeze() moved to the gc's permanent generation: a structure a module global
holds, and a cycle nothing else references. Usage: frozen_objects.py SNAPSHOT"""
import gc
import json
import sys

import refgraph_agent


class Frozen:
    def __init__(self, n):
        self.n = n
        self.peer = None


held = [Frozen(n) for n in range(100)]
lonely = Frozen(-1)
lonely.peer = Frozen(-2)
lonely.peer.peer = lonely
lonely_id = id(lonely)
del lonely
gc.freeze()
frozen = gc.get_freeze_count()
refgraph_agent.snapshot(sys.argv[1])
still = gc.get_freeze_count()
gc.unfreeze()
print(json.dumps({"frozen": frozen, "still": still, "held": [id(o) for o in held], "lonely": lonely_id}))
