"""Changes lists and dicts between any two C calls of the walk, as another thread can when
it takes the GIL: a profile function called before each of the agent's C calls grows or
shrinks 20 lists and 20 dicts the walk records. Usage: changing_heap.py SNAPSHOT"""
import json
import sys

import refgraph_agent

lists = [[n] for n in range(20)]
tables = [{"n": n} for n in range(20)]
agent_globals = vars(refgraph_agent)
calls = []


def change(frame, event, arg):
    if event == "c_call" and frame.f_globals is agent_globals:
        calls.append(None)
        grow = len(calls) % 2 == 1
        for items, table in zip(lists, tables):
            if grow:
                items.append(None)
                table["extra"] = None
            else:
                items.pop()
                table.pop("extra", None)


sys.setprofile(change)
try:
    summary = refgraph_agent.snapshot(sys.argv[1])
    outcome = ["ok", summary["objects"]]
except Exception as error:
    outcome = [type(error).__name__, str(error)]
sys.setprofile(None)
print(json.dumps({"outcome": outcome, "changes": len(calls), "lists": [id(items) for items in lists[:3]]}))
