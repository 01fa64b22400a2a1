"""Takes a snapshot and reports whether anything it can observe changed. Usage:
side_effects.py SNAPSHOT"""
import gc
import json
import sys

import refgraph_agent


class Sentinel:
    pass


sentinel = Sentinel()
holder = [sentinel]


def state():
    return {
        "refcount": sys.getrefcount(sentinel),
        "referrers": len(gc.get_referrers(sentinel)),
        "enabled": gc.isenabled(),
        "thresholds": gc.get_threshold(),
        "switch": sys.getswitchinterval(),
        "modules": sorted(sys.modules),
    }


def take(path, enabled):
    if enabled:
        gc.enable()
    else:
        gc.disable()
    gc.set_threshold(701, 11, 9)
    gc.collect()
    before = state()
    refgraph_agent.snapshot(path)
    after = state()
    garbage = gc.collect()
    return {"same": before == after, "before": before, "after": after, "garbage": garbage}


if __name__ == "__main__":
    results = [take(sys.argv[1], True), take(sys.argv[1], False)]
    print(json.dumps({"runs": results, "sentinel": id(sentinel)}))
