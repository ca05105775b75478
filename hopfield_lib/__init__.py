"""hopfield_lib: the support library of the Hopfield-networks course.

The public interface (see ``COURSE_DESIGN.md``) is importable from the top level::

    import hopfield_lib as hl
    xi = hl.random_patterns(5, 100, rng=0)
    W = hl.hebbian(xi)
    res = hl.recall(W, hl.corrupt(xi[0], 0.2, rng=1), rng=2)

Everything else lives in modules named for what they hold, reachable as
attributes (``hl.letters``, ``hl.plotting``, ``hl.checks``, ...) without an
explicit import:

================  ==========================================================
``patterns``      random patterns, corruption, overlaps, all states of small N
``rules``         learning rules: Hebb, Storkey, pseudo-inverse
``dynamics``      energy, synchronous and asynchronous updates, recall
``dense``         dense associative memories (polynomial and exponential F)
``modern``        modern Hopfield networks, softmax, attention
``letters``       26 letter images as +-1 patterns
``plotting``      figure helpers shared by all lectures
``checks``        exercise checkers
``exercises``     the generator of exercise notebooks from solutions
``grade``         the grader for a folder of submitted notebooks
================  ==========================================================
"""

from __future__ import annotations

import importlib
import pkgutil

from .dense import dense_energy, dense_step
from .dynamics import RecallResult, async_sweep, energy, local_field, recall, sync_step
from .modern import attention, modern_energy, modern_update
from .patterns import all_states, corrupt, overlap, random_patterns
from .rules import hebbian, pseudo_inverse, storkey

__version__ = "0.1.0"

__all__ = [
    "random_patterns",
    "corrupt",
    "overlap",
    "all_states",
    "hebbian",
    "storkey",
    "pseudo_inverse",
    "energy",
    "local_field",
    "sync_step",
    "async_sweep",
    "recall",
    "RecallResult",
    "dense_step",
    "dense_energy",
    "modern_update",
    "modern_energy",
    "attention",
]

_SUBMODULES = {m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")}


def __getattr__(name: str):
    """Import a submodule on first use: ``hl.letters`` works without ``import hopfield_lib.letters``."""
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | _SUBMODULES)
