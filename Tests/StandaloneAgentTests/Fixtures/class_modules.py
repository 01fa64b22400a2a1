"""Classes whose class dict is not a plain dict (ctypes Structure and CFUNCTYPE classes keep
theirs in a C subclass of dict before 3.13) or whose ``__module__`` is not a str (a
function-like type's descriptor): the snapshot names their real module. Usage:
class_modules.py SNAPSHOT"""
import ctypes
import json
import sys

import refgraph_agent


class Point(ctypes.Structure):
    _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_int)]


Callback = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_int)


def _run(self):
    return None


# Like a compiled function type: its instances' __module__ is a descriptor in the class dict.
FunctionLike = type("FunctionLike", (), {"__module__": property(lambda self: "elsewhere"), "run": _run})

point = Point(1, 2)
callback = Callback(lambda n: n)
function_like = FunctionLike()

if __name__ == "__main__":
    refgraph_agent.snapshot(sys.argv[1])
    print(json.dumps({"point": id(point), "callback": id(callback), "function_like": id(function_like)}))
