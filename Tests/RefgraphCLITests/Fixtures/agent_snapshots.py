# Takes its own snapshot through refgraph_agent, mid-run, and prints the summary's keys.
import sys

import refgraph_agent


class Widget:
    pass


widgets = [Widget() for _ in range(40)]
summary = refgraph_agent.snapshot(sys.argv[1])
print(sorted(summary))
print(summary["objects"] > 1000, summary["path"] == sys.argv[1])
