import sys

STRINGS = ["short", "x" * 1000, "caf\u00e9 \u2603", "it's", "tab\there"]
SIZES = [sys.getsizeof(s) for s in STRINGS]
