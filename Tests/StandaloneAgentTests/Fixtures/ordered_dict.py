"""An OrderedDict of 1,000 keys that only it holds (C's OrderedDict references each key
twice: from its dict table and from its linked list's node), and a subclass of it. Usage:
ordered_dict.py SNAPSHOT"""
import collections
import json
import sys

import refgraph_agent


class Headers(collections.OrderedDict):
    pass


def key(prefix, i):
    return "".join([prefix, "-", str(i)])


table = collections.OrderedDict((key("ordered", i), []) for i in range(1000))
headers = Headers((key("header", i), i) for i in range(10))
mixed = collections.OrderedDict([(key("mixed", 0), 0), (12345678901, 1)])
# What the dicts hold: themselves, their keys, their values' lists.
retained = sys.getsizeof(table) + sum(sys.getsizeof(k) + sys.getsizeof(v) for k, v in table.items())

if __name__ == "__main__":
    refgraph_agent.snapshot(sys.argv[1])
    print(json.dumps({
        "table": id(table), "headers": id(headers), "mixed": id(mixed), "retained": retained,
        "keys": [id(k) for k in list(table)[:3]] + [id(k) for k in list(headers)[:3]] + [id(k) for k in mixed],
    }))
