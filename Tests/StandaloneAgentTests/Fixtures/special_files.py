"""Snapshots to paths that are not regular files: a FIFO, a character device (made with
mknod, as root; the numbers of /dev/null) and symbolic links to each. Reports each error
and whether each path is still what it was. Usage: special_files.py DIRECTORY"""
import json
import os
import stat
import sys

import refgraph_agent

folder = os.path.abspath(sys.argv[1])
paths = {"fifo": os.path.join(folder, "fifo")}
os.mkfifo(paths["fifo"], 0o600)
try:
    os.mknod(os.path.join(folder, "null"), stat.S_IFCHR | 0o666, os.makedev(1, 3))
    paths["device"] = os.path.join(folder, "null")
except PermissionError:  # not root: the FIFO cases still run
    pass
for name in list(paths):
    paths[name + "_link"] = os.path.join(folder, name + "-link")
    os.symlink(paths[name], paths[name + "_link"])


def kind(path):
    mode = os.lstat(path).st_mode
    if stat.S_ISLNK(mode):
        return "link"
    return "fifo" if stat.S_ISFIFO(mode) else "char" if stat.S_ISCHR(mode) else "other"


before = dict((name, kind(path)) for name, path in paths.items())
errors = {}
for name, path in paths.items():
    try:
        refgraph_agent.snapshot(path)
        errors[name] = None
    except OSError as error:
        errors[name] = [type(error).__name__, str(error)]
after = dict((name, kind(path)) for name, path in paths.items())
print(json.dumps({"before": before, "after": after, "errors": errors, "paths": paths,
                  "entries": sorted(os.listdir(folder))}))
