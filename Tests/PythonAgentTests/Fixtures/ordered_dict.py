# An OrderedDict of 1,000 str keys made at run time, each value an empty list; nothing else
# refers to the keys or the values. The OrderedDict holds each key twice (its dict entry and
# its linked-list node), so it alone retains itself, every key and every value.
import sys
from collections import OrderedDict

ordered = OrderedDict(("key-%05d" % i, []) for i in range(1000))
KEY_REFCOUNT = sys.getrefcount(next(iter(ordered))) - 1
RETAINED = sys.getsizeof(ordered) + sum(sys.getsizeof(k) + sys.getsizeof(v) for k, v in ordered.items())
