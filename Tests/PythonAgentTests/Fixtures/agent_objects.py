import gc
import refgraph_agent

class Marker:
    pass

marker = Marker()

def take(path):
    local_in_caller = marker  # noqa: F841
    summary = refgraph_agent.snapshot(path)
    return summary, len(gc.get_objects())
