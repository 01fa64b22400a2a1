"""Snapshots to paths that cannot be written and reports the errors. Usage:
write_failures.py DIRECTORY"""
import json
import os
import sys

import refgraph_agent

folder = sys.argv[1]
results = {}
for name, path in [("missing_folder", os.path.join(folder, "no-such-folder", "x.rgs")),
                   ("is_a_directory", os.path.join(folder, "occupied"))]:
    try:
        refgraph_agent.snapshot(path)
        results[name] = None
    except OSError as error:
        results[name] = [type(error).__name__, str(error)]
good = os.path.join(folder, "good.rgs")
refgraph_agent.snapshot(good)
results["mode"] = oct(os.stat(good).st_mode & 0o777)
results["entries"] = sorted(os.listdir(folder))
print(json.dumps(results))
