"""hopfield_lib: the model behind the Hopfield-networks course, in a few short modules.

The interface of the course (``docs/design.md``) is importable from the top level::

    import hopfield_lib as hl
    xi = hl.random_patterns(5, 100, rng=0)
    W = hl.hebbian(xi)
    res = hl.recall(W, hl.corrupt(xi[0], 0.2, rng=1), rng=2)

=================  ==========================================================
**the model**
``patterns``       random patterns, corruption, overlaps, all states of small N
``rules``          learning rules: Hebb, Storkey, pseudo-inverse, covariance, hetero
``dynamics``       energy, synchronous and asynchronous updates, recall, the tie rule
``dense``          dense associative memories (polynomial and exponential F)
``modern``         modern Hopfield networks: softmax, energy, update, attention
``measure``        the measurements every lecture shares: stable fraction,
                   error rate, recall rate, basin radius, largest load
**data, figures**
``letters``        26 letter images as +-1 patterns
``datasets``       real images shipped offline (scikit-learn's digits)
``plotting``       figure helpers shared by all lectures
**experiments**
``experiments``    the lectures' experiments, one module per topic (capacity,
                   basins, spurious states, ...), each naming its lecture
=================  ==========================================================

The course machinery (exercise checkers, widgets, grader, notebook tools) is a
separate package, :mod:`hopfield_course`, that imports this one.
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

def _lazy_submodules(package: str, path, namespace: dict):
    """``__getattr__`` and ``__dir__`` for ``package``: a submodule is imported on first use.

    ``hl.letters`` then works without ``import hopfield_lib.letters`` (used here
    and by :mod:`hopfield_lib.experiments`).
    """
    names = {m.name for m in pkgutil.iter_modules(path) if not m.name.startswith("_")}

    def __getattr__(name: str):
        if name in names:
            return importlib.import_module(f"{package}.{name}")
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    def __dir__():
        return sorted(set(namespace) | names)

    return __getattr__, __dir__


__getattr__, __dir__ = _lazy_submodules(__name__, __path__, globals())
