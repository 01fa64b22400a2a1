"""Four threads change the heap all the time (lists and dicts grow and shrink, objects
come and go) while the main thread takes five snapshots; reports each outcome. Usage:
busy_threads.py FOLDER"""
import json
import os
import sys
import threading

import refgraph_agent

stop = threading.Event()
# Enough objects that a walk takes several of its 0.5 s turns, so the threads run during it.
ballast = [{"i": i, "items": [i, str(i)]} for i in range(150000)]
shared = [[] for _ in range(4)]
tables = [{} for _ in range(4)]


def churn(n):
    items, table = shared[n], tables[n]
    i = 0
    while not stop.is_set():
        i += 1
        items.append([i, {"n": i}])
        table[i] = (i, str(i))
        if len(items) > 2000:
            del items[:1000]
        if len(table) > 2000:
            for k in list(table)[:1000]:
                del table[k]


threads = [threading.Thread(target=churn, args=(n,)) for n in range(4)]
for thread in threads:
    thread.start()
outcomes = []
try:
    for k in range(5):
        path = os.path.join(sys.argv[1], "busy-%d.rgs" % k)
        try:
            summary = refgraph_agent.snapshot(path)
            outcomes.append(["ok", summary["objects"]])
        except Exception as error:
            outcomes.append([type(error).__name__, str(error)])
finally:
    stop.set()
    for thread in threads:
        thread.join()
print(json.dumps({"outcomes": outcomes}))
