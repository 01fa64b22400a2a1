"""A profiler keeps every frame it sees, the agent's own among them; the snapshot must
still leave the agent's frames and state out. Usage: profiler_frames.py SNAPSHOT"""
import json
import sys

import refgraph_agent

kept = []


def profile(frame, event, arg):
    if event == "call" and len(kept) < 200:
        kept.append(frame)


sys.setprofile(profile)
summary = refgraph_agent.snapshot(sys.argv[1])
sys.setprofile(None)
print(json.dumps({"kept": len(kept), "agent": sum(f.f_code.co_filename.endswith("refgraph_agent.py") for f in kept),
                  "objects": summary["objects"]}))
