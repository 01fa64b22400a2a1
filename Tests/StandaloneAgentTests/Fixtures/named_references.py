"""References Python cannot spell by attribute or key but that have a name, as the C-API
walker's test builds them (PythonAgentTests/Fixtures/named_references.py, run here as
__main__): a deque's items, a subclass of deque, a defaultdict's values and
default_factory, a C lru_cache wrapper's cache, and a finished asyncio future's result.
Usage: named_references.py SNAPSHOT"""
import json
import os
import sys

import refgraph_agent

_objects = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir, "PythonAgentTests",
                        "Fixtures", "named_references.py")
with open(_objects) as _file:
    exec(compile(_file.read(), _objects, "exec"))
refgraph_agent.snapshot(sys.argv[1])
# history and groups are defined by the file run above.
print(json.dumps({"history": id(history), "groups": id(groups)}))  # noqa: F821
