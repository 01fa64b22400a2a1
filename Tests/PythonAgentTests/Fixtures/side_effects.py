import gc
import sys
import refgraph_agent

class Sentinel:
    pass

sentinel = Sentinel()
holder = [sentinel]

def check(path, enabled):
    if enabled:
        gc.enable()
    else:
        gc.disable()
    gc.set_threshold(701, 11, 9)
    before = (sys.getrefcount(sentinel), len(gc.get_referrers(sentinel)), gc.isenabled(), gc.get_threshold())
    refgraph_agent.snapshot(path)
    after = (sys.getrefcount(sentinel), len(gc.get_referrers(sentinel)), gc.isenabled(), gc.get_threshold())
    gc.enable()
    gc.set_threshold(700, 10, 10)
    return before == after
