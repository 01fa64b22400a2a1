"""refgraph's agent: write a heap snapshot of this Python process for refgraph to analyse.

Inside ``refgraph run script.py`` this module is importable and ``snapshot(path)`` uses
refgraph's fast C-API walker (the built-in ``_refgraph`` module). It never runs code of
yours: no ``__repr__``, ``__eq__``, ``__getattr__``, properties or ``__sizeof__`` written in
Python are called, the gc's state is restored, and the walker's own frames and objects are
left out of the snapshot.

    import refgraph_agent
    summary = refgraph_agent.snapshot("after-warmup.rgs")
    # {'path': 'after-warmup.rgs', 'objects': 123456, 'edges': 234567,
    #  'bytes': 12345678, 'seconds': 0.05}
"""

import os as _os

try:
    import _refgraph
except ImportError:  # outside `refgraph run`
    _refgraph = None

__all__ = ["snapshot"]


def snapshot(path, collect=False):
    """Write a snapshot of this process's heap to ``path`` (str or path-like; relative to
    the current directory) and return a summary dict with the keys ``path`` (as given),
    ``objects``, ``edges``, ``bytes`` (total shallow size) and ``seconds``.

    ``collect=True`` runs ``gc.collect()`` first. Raises ``OSError`` if the file cannot be
    written (nothing half-written is left) and ``RuntimeError`` if the walk fails.
    """
    if _refgraph is None:
        raise RuntimeError(
            "refgraph_agent.snapshot() needs refgraph's built-in walker: run your script "
            "with 'refgraph run script.py'; the standalone agent is not available yet.")
    return _refgraph.snapshot(_os.fspath(path), bool(collect))
