"""Cross-checks refgraph's chain and backrefs against objgraph and gc on this very heap.

Run under `refgraph run --python-env VENV crosscheck.py REFGRAPH` (objgraph installed in
VENV). It builds objects held in known ways, takes a snapshot, then, while every object is
still alive, asks the refgraph binary for each target's chain and depth-1 backrefs (JSON),
and checks them here: every link of the chain must be a reference gc.get_referents reports,
its length must equal objgraph.find_backref_chain's, and the backrefs must be exactly the
referrers gc.get_referrers reports (less this checker's own frames and its address map).
Prints one line per check: `chain NAME refgraph=N objgraph=M confirmed=True|False`,
`backrefs NAME equal=True|False missing=[types] extra=[types]`.
"""

import gc
import json
import subprocess
import sys
import types

import objgraph
import refgraph_agent


class Target:
    pass


class Holder:
    def __init__(self):
        self.items = {}


class Node:
    def __init__(self, parent=None):
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)


def make_handler(captured):
    def handler():
        return captured
    return handler


class Registry:
    entries = (Target(),)


holder = Holder()
holder.items["key"] = [1, 2, Target()]
callbacks = {"on_done": make_handler(Target())}
root = Node()
leaf = Node(Node(root))
leaf.payload = Target()
shared = Target()
shared_in_list = [shared]
shared_in_dict = {"s": shared}
holder.shared = shared
deep = [[[[[Target()]]]]]

CASES = {
    "list-item": lambda: holder.items["key"][2],
    "closure": lambda: callbacks["on_done"].__closure__[0].cell_contents,
    "class-tuple": lambda: Registry.entries[0],
    "cycle-leaf": lambda: leaf.payload,
    "shared": lambda: shared,
    "nested-lists": lambda: deep[0][0][0][0][0],
}


def object_at(address, candidates):
    return candidates.get(address)


def all_objects():
    """Every gc object and everything they refer to, by address."""
    found = {}
    for o in gc.get_objects():
        found[id(o)] = o
        for r in gc.get_referents(o):
            found.setdefault(id(r), r)
    return found


def refgraph_json(binary, *arguments):
    done = subprocess.run([binary, *arguments, "--json"], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit("refgraph %s failed: %s" % (" ".join(arguments), done.stderr.strip()))
    return json.loads(done.stdout)


def check_chain(binary, name, target, objects):
    doc = refgraph_json(binary, "chain", "crosscheck.rgs", "--address", hex(id(target)))
    links = [object_at(int(link["address"], 16), objects) for link in doc["links"]]
    confirmed = doc["found"] and all(o is not None for o in links) and links[-1] is target
    if confirmed:
        for holder_, held in zip(links, links[1:]):
            if not any(r is held for r in gc.get_referents(holder_)):
                confirmed = False
    ours = len(doc["links"]) - 1
    theirs = len(objgraph.find_backref_chain(target, objgraph.is_proper_module)) - 1
    print("chain %s refgraph=%d objgraph=%d confirmed=%s" % (name, ours, theirs, confirmed))


def check_backrefs(binary, name, targets, objects):
    """Depth-1 backrefs of ``targets`` (one ``--address`` each) against the union of their
    gc.get_referrers, less the targets themselves, which the picture shows as selected."""
    addresses = [a for t in targets for a in ("--address", hex(id(t)))]
    doc = refgraph_json(
        binary, "backrefs", "crosscheck.rgs", *addresses, "--max-depth", "1", "--too-many", "100000")
    ours = {int(n["address"], 16): n["type"] for n in doc["nodes"] if not n["selected"]}
    selected = {int(n["address"], 16) for n in doc["nodes"] if n["selected"]}
    own_code = {f.__code__ for f in (check_backrefs, check_chain, main)}
    expected = {}
    for r in gc.get_referrers(*targets):
        if r is objects or r is targets or isinstance(r, types.FrameType) and r.f_code in own_code:
            continue
        if any(r is t for t in targets):
            continue
        expected[id(r)] = type(r).__name__
    if selected != {id(t) for t in targets}:
        print("backrefs %s equal=False selected=%d of %d" % (name, len(selected), len(targets)))
        return
    missing = sorted(expected[a] for a in expected.keys() - ours.keys())
    extra = sorted(ours[a] for a in ours.keys() - expected.keys())
    print("backrefs %s equal=%s missing=%s extra=%s" % (name, not missing and not extra, missing, extra))


def main(binary):
    refgraph_agent.snapshot("crosscheck.rgs")
    objects = all_objects()
    for name, get in CASES.items():
        check_chain(binary, name, get(), objects)
        check_backrefs(binary, name, [get()], objects)
    check_backrefs(binary, "every-target", [get() for get in CASES.values()], objects)
    objects.clear()


if __name__ == "__main__":
    main(sys.argv[1])
