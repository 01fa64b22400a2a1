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
