# Leaks into a list reached through a dict key and holding strings that are hostile to
# HTML: quotes, angle brackets, ampersands and newlines. Takes argv[1] snapshots
# (hostile-1.rgs ...), adding 50 strings between each.
import sys

import refgraph_agent

KEY = '<img src=x onerror="alert(1)">&\'\nkey'
registry = {KEY: []}

for step in range(int(sys.argv[1])):
    for i in range(50):
        registry[KEY].append('<script>alert("%d")</script> & \'quoted\'\n%d' % (step, i))
    refgraph_agent.snapshot("hostile-%d.rgs" % (step + 1))
