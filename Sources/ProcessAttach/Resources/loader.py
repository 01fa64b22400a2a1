# refgraph attach loader. The target's main thread runs it through Py_AddPendingCall and
# PyRun_SimpleString, between two bytecodes, holding the GIL. It loads the bootstrap module
# (once per process, and again only when its source changed) and hands over; it raises nothing.
# The three __REFGRAPH_*__ names are not Python names: the gdb script replaces them with values.
# ruff: noqa: F821
import sys
try:
    with open(__REFGRAPH_DIR__ + "/bootstrap.py", "rb") as handle:
        source = handle.read()
    key = (len(source), hash(source))
    module = sys.modules.get("_refgraph_attach_bootstrap")
    if module is None or getattr(module, "__refgraph_source_hash__", None) != key:
        module = type(sys)("_refgraph_attach_bootstrap")
        module.__file__ = __REFGRAPH_DIR__ + "/bootstrap.py"
        exec(compile(source, module.__file__, "exec"), module.__dict__)
        module.__refgraph_source_hash__ = key
        sys.modules["_refgraph_attach_bootstrap"] = module
    source = handle = key = None
    module.attach(__REFGRAPH_DIR__, __REFGRAPH_AGENT__, __REFGRAPH_DEADLINE__, globals())
except BaseException:
    pass
globals().clear()
