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
``_fast``            the fast engines behind lectures 5 and 11, tested       5, 11
                     equal to the plain dynamics
``spurious``         reversed, mixture and spin-glass states                 6
``basins``           recall rate over load x noise                           7
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

from hopfield_lib import _lazy_submodules

__getattr__, __dir__ = _lazy_submodules(__name__, __path__, globals())
