"""The lectures' experiments: one module per topic, each saying which lecture uses it.

The model a learner reads is the top of :mod:`hopfield_lib` (patterns, rules,
dynamics, dense and modern networks, measurements). The modules here build the
lectures' experiments on it; each is imported on first use::

    from hopfield_lib.experiments import capacity
    capacity.gaussian_error_rate(0.138)

===================  ======================================================  ========
module               what it holds                                           lecture
===================  ======================================================  ========
``landscape``        exact energy landscapes of small networks               2
``trajectories``     one update at a time, with the energy along the way     3
``probes``           noisy and partly hidden cues                            4
``storage``          which pattern sets a Hebbian network stores             4
``capacity``         crosstalk, error rates, McEliece, the 0.138 limit       5
``spurious``         reversed, mixture and spin-glass states                 6
``basins``           recall over noise x load, basin radius                  7
``stochastic``       Glauber dynamics and mean-field theory                  7
``rule_comparison``  capacity and basins of the learning rules               8, 9
``continuous``       graded neurons, their energy and integrator             10
``optimization``     max-cut as an Ising problem                             10
``dense_capacity``   dense memories: crosstalk theory, measured capacity     11
``modern_analysis``  softmax weights, separation, one-step retrieval         12
``lagrangians``      the Lagrangian formulation (Krotov & Hopfield 2021)     12
``sequences``        asymmetric weights, sequences, fast/slow synapses       13
===================  ======================================================  ========
"""

from __future__ import annotations

import importlib
import pkgutil

_SUBMODULES = {m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")}


def __getattr__(name: str):
    """Import a module on first use: ``hopfield_lib.experiments.capacity`` without an explicit import."""
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | _SUBMODULES)
