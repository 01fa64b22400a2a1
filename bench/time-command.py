"""Times one command (best of 5 wall-clock runs) and prints `name seconds s` and its peak RSS."""

import resource
import subprocess
import sys
import time

name, command = sys.argv[1], sys.argv[2:]
best = None
for _ in range(5):
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    best = elapsed if best is None else min(best, elapsed)
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print("refgraph_%s_wall %.6f s" % (name, best))
print("refgraph_%s_peak_rss %d KiB" % (name, peak_kib))
