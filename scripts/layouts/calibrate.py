"""Finds the offsets of structures CPython keeps private in .c files, by reading live objects
whose field values are known (ctypes.string_at on the running interpreter's own memory).

Run by scripts/generate-layouts under each version, with the header-derived offsets as JSON on
stdin; prints the found offsets as JSON. Every offset found is checked against a second object
of other values; a mismatch is an error, never a guess.
"""

import ctypes
import json
import struct
import sys

from traverse_probes import traverse_tables

POINTER = struct.calcsize("P")


def words(address, count):
    raw = ctypes.string_at(address, count * POINTER)
    return list(struct.unpack(f"{count}Q", raw))


def read_pointer(address):
    return words(address, 1)[0]


def only(values, wanted, what):
    found = [i for i, v in enumerate(values) if v == wanted]
    if len(found) != 1:
        raise SystemExit(f"calibrate: {what}: {len(found)} candidates for {wanted!r}")
    return found[0] * POINTER


def dict_keys_before_3_11(layout):
    """3.8-3.10 keep PyDictKeysObject in Objects/dict-common.h, which is not installed."""
    found = {}
    for n_keys, size, usable in ((3, 8, 5 - 3), (7, 16, 10 - 7)):
        keys_text = [f"calibration key {i}" for i in range(n_keys)]
        values = [object() for _ in keys_text]
        d = {}
        for k, v in zip(keys_text, values):
            d[k] = v
        keys = read_pointer(id(d) + layout["PyDictObject.ma_keys"])
        memory = words(keys, 64)
        this = {
            "PyDictKeysObject.dk_refcnt": only(memory[:1], 1, "dk_refcnt"),
            "PyDictKeysObject.dk_size": only(memory[:8], size, "dk_size"),
            "PyDictKeysObject.dk_usable": only(memory[:8], usable, "dk_usable"),
            "PyDictKeysObject.dk_nentries": only(memory[:8], n_keys, "dk_nentries"),
        }
        key_at = only(memory, id(keys_text[0]), "me_key")
        second_key = only(memory, id(keys_text[1]), "second me_key")
        value_at = only(memory, id(values[0]), "me_value")
        hash_at = only(memory, hash(keys_text[0]) & (2 ** 64 - 1), "me_hash")
        entry = second_key - key_at
        entries = min(key_at, value_at, hash_at)
        this.update({
            "sizeof(PyDictKeyEntry)": entry,
            "PyDictKeyEntry.me_hash": hash_at - entries,
            "PyDictKeyEntry.me_key": key_at - entries,
            "PyDictKeyEntry.me_value": value_at - entries,
            # Indices are one byte each below 256 slots, and the entries follow them.
            "PyDictKeysObject.dk_indices": entries - size,
        })
        for name, offset in this.items():
            if found.setdefault(name, offset) != offset:
                raise SystemExit(f"calibrate: {name} differs between two dicts")
    return found


def module_state_before_3_10(layout):
    """3.8 and 3.9 keep PyModuleObject in Objects/moduleobject.c: md_def and md_state are found
    in modules whose definition and state the C API gives (two modules with state, agreeing)."""
    get_def = ctypes.pythonapi.PyModule_GetDef
    get_state = ctypes.pythonapi.PyModule_GetState
    for function in (get_def, get_state):
        function.restype = ctypes.c_void_p
        function.argtypes = [ctypes.py_object]
    found = []
    for name in ("_io", "_csv", "_pickle", "_struct", "array", "_json", "_random"):
        try:
            module = __import__(name)
        except ImportError:
            continue
        definition, state = get_def(module), get_state(module)
        if not definition or not state:
            continue
        memory = words(id(module), 8)
        found.append({
            "PyModuleObject.md_def": only(memory, definition, name + " md_def"),
            "PyModuleObject.md_state": only(memory, state, name + " md_state"),
        })
        if len(found) == 2:
            break
    if len(found) < 2 or found[0] != found[1]:
        raise SystemExit(f"calibrate: module layout: {found!r}")
    return found[0]


def main():
    layout = json.load(sys.stdin)
    found = {}
    if sys.version_info < (3, 11):
        found.update(dict_keys_before_3_11(layout))
    if sys.version_info < (3, 10):
        found.update(module_state_before_3_10(layout))
    found.update(traverse_tables(layout))
    json.dump(found, sys.stdout, indent=2, sort_keys=True)


main()
