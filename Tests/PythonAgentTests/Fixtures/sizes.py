import sys

class Plain:
    def __init__(self):
        self.a = 1

class Slotted:
    __slots__ = ("a", "b")

class WithPythonSizeof:
    def __sizeof__(self):
        return 12345

class ListChild(list):
    pass

OBJECTS = [
    [1, 2, 3], list(range(100)), (1, 2), {"a": 1, "b": 2}, {i: i for i in range(50)},
    {1, 2, 3}, frozenset({4, 5}), b"bytes", bytearray(b"xyz"), 3.5, 10 ** 30,
    "ascii", "\u2603" * 3, Plain(), Slotted(), ListChild([1, 2]), Plain,
    lambda: None, sys, WithPythonSizeof(),
]
SIZES = [sys.getsizeof(o) for o in OBJECTS]
PYTHON_SIZEOF_INDEX = len(OBJECTS) - 1
