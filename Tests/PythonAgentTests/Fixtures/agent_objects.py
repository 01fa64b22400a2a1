import gc
import sys
import refgraph_agent

class Marker:
    pass

marker = Marker()

def take(path):
    local_in_caller = marker  # noqa: F841
    summary = refgraph_agent.snapshot(path)
    # The thread's `threading` name, if a fixture imported threading on this thread (it then
    # counts as the main thread), else None.
    threading = sys.modules.get("threading")
    thread = threading._active.get(threading.get_ident()) if threading else None
    return summary, len(gc.get_objects()), thread.name if thread else None
