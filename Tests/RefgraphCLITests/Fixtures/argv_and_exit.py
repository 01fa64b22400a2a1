# Prints its argv and the first sys.path entry, registers an atexit handler, exits 7.
import atexit
import sys

print("argv=%r" % (sys.argv,))
print("path0=%s" % sys.path[0])
atexit.register(lambda: print("atexit ran", flush=True))
sys.stdout.flush()
print("to stderr", file=sys.stderr)
sys.exit(7)
