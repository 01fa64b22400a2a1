import json  # noqa: F401
import collections  # noqa: F401
