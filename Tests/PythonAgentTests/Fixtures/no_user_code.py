CALLS = []

class Booby:
    def __repr__(self):
        CALLS.append("__repr__")
        raise RuntimeError("__repr__ called")

    def __str__(self):
        CALLS.append("__str__")
        raise RuntimeError("__str__ called")

    def __getattr__(self, name):
        CALLS.append("__getattr__ " + name)
        raise RuntimeError("__getattr__ called")

    def __getattribute__(self, name):
        CALLS.append("__getattribute__ " + name)
        return object.__getattribute__(self, name)

    def __eq__(self, other):
        CALLS.append("__eq__")
        raise RuntimeError("__eq__ called")

    def __hash__(self):
        CALLS.append("__hash__")
        return 1

    def __sizeof__(self):
        CALLS.append("__sizeof__")
        raise RuntimeError("__sizeof__ called")

    @property
    def prop(self):
        CALLS.append("prop")
        raise RuntimeError("property called")

class BoobyKey(str):
    def __repr__(self):
        CALLS.append("key __repr__")
        raise RuntimeError("key __repr__ called")

booby = Booby()
object.__setattr__(booby, "value", "kept")
table = {booby: "value", BoobyKey("k"): booby}
CALLS.clear()

import builtins  # noqa: E402
import gc  # noqa: E402

_real_import = builtins.__import__
_real_get_objects = gc.get_objects

def _spy_import(*args, **kwargs):
    CALLS.append("__import__ " + str(args[0]))
    return _real_import(*args, **kwargs)

def _spy_get_objects(*args, **kwargs):
    CALLS.append("gc.get_objects")
    return _real_get_objects(*args, **kwargs)

def install_spies():
    builtins.__import__ = _spy_import
    gc.get_objects = _spy_get_objects

def remove_spies():
    builtins.__import__ = _real_import
    gc.get_objects = _real_get_objects
