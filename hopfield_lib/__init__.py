"""hopfield_lib: the support library of the Hopfield-networks course.

The public interface (see ``COURSE_DESIGN.md``) is importable from the top level::

    import hopfield_lib as hl
    xi = hl.random_patterns(5, 100, rng=0)
    W = hl.hebbian(xi)
    res = hl.recall(W, hl.corrupt(xi[0], 0.2, rng=1), rng=2)

Everything else lives in modules named for what they hold, reachable as
attributes (``hl.letters``, ``hl.plotting``, ``hl.checks``, ...) without an
explicit import:

===================  ========================================================
**core**
``patterns``         random patterns, corruption, overlaps, all states of small N
``rules``            learning rules: Hebb, Storkey, pseudo-inverse, covariance, hetero
``dynamics``         energy, synchronous and asynchronous updates, recall, the tie rule
``dense``            dense associative memories (polynomial and exponential F)
``modern``           modern Hopfield networks, softmax, attention, Lagrangians
**experiments**
``landscape``        exact energy landscapes of small networks (lecture 2)
``trajectories``     one update at a time, with the energy along the way (lecture 3)
``probes``           noisy and partly hidden cues (lecture 4)
``storage``          which pattern sets a Hebbian network stores (lecture 4)
``capacity``         crosstalk, error rates, McEliece, the 0.138 limit (lecture 5)
``spurious``         reversed, mixture and spin-glass states (lecture 6)
``basins``           recall over noise x load, basin radius (lecture 7)
``stochastic``       Glauber dynamics and mean-field theory (lecture 7)
``rule_comparison``  capacity and basins of the learning rules (lecture 8)
``continuous``       graded neurons, their energy and integrator (lecture 9)
``optimization``     max-cut as an Ising problem (lecture 9)
``sequences``        asymmetric weights, sequences, fast/slow synapses (lecture 12)
**data and figures**
``letters``          26 letter images as +-1 patterns
``datasets``         real images shipped offline (scikit-learn's digits)
``plotting``         figure helpers shared by all lectures
``widgets``          interactive widgets with static fallbacks
**course tools**
``checks``           exercise checkers (``check``, ``hint``)
``exercises``        the generator of exercise notebooks from solutions
``grade``            the grader for a folder of submitted notebooks
``notebooks``        normalise and execute notebooks (maintainers)
``setup_check``      is this environment ready for the course?
===================  ========================================================
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
