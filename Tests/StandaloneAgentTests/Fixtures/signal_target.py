"""Installs the agent's signal handler over a handler of its own, then answers lines on
stdin: `ping` -> `pong N` (N = how often the earlier handler ran), `exit` -> exits 0.
Usage: signal_target.py DIRECTORY"""
import signal
import sys

import refgraph_agent

calls = []
signal.signal(signal.SIGUSR1, lambda signum, frame: calls.append(signum))
previous = refgraph_agent.install(directory=sys.argv[1])
assert callable(previous)
kept = [{"n": n, "text": "kept-%d" % n} for n in range(100)]
print("ready", flush=True)
for line in sys.stdin:
    command = line.strip()
    if command == "ping":
        print("pong %d" % len(calls), flush=True)
    elif command == "uninstall":
        removed = refgraph_agent.uninstall()
        print("uninstalled %s %s" % (removed, signal.getsignal(signal.SIGUSR1) is not None), flush=True)
    elif command == "exit":
        break
print("bye", flush=True)
