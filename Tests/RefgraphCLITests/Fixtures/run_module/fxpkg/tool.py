# Run as `-m fxpkg.tool ARGS`: prints what `python3 -m` sets up, keeps a Marker for the
# snapshot, and exits 3.
import os
import sys


class Marker:
    pass


marker = Marker()
print("argv=%r" % (sys.argv,))
print("path0=%s" % sys.path[0])
print("cwd=%s" % os.getcwd())
print("name=%s spec=%s" % (__name__, __spec__.name))
print("file=%s" % __file__)
print("main=%s" % (sys.modules["__main__"].__dict__ is globals()))
print("package=%s" % __package__)
sys.exit(3)
