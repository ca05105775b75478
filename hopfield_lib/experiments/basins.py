"""Basins of attraction: how much noise a stored pattern survives, at which load (lecture 7).

A probe is a stored pattern ``xi^mu`` with a fraction ``f`` of its bits
flipped (:func:`hopfield_lib.corrupt`); recall *succeeds* when the final
state has overlap ``m >= min_overlap`` with ``xi^mu`` (lecture 7 uses 0.9: at
most 5 % wrong bits, the approximate recall that survives up to the critical
load ``alpha_c ~ 0.138``; Amit, Gutfreund & Sompolinsky 1985).

* :func:`recall_grid`: the recall rate (:func:`hopfield_lib.measure.recall_rate`)
  over a grid of loads ``alpha = P / N`` x noise levels, with a new set of
  random patterns at each load: an array ``(loads, noise levels)``, drawn as a
  heat map; its rows give the basin radius
  (:func:`hopfield_lib.measure.basin_radius`).
"""

from __future__ import annotations

import numpy as np

from hopfield_lib._validation import as_int, as_rng
from hopfield_lib.measure import patterns_for_loads, recall_rate
from hopfield_lib.patterns import random_patterns
from hopfield_lib.rules import hebbian

__all__ = ["recall_grid"]


def recall_grid(n_neurons: int, loads, noise, *, n_probes: int, min_overlap: float, max_sweeps: int, rule=None,
                rng=None) -> np.ndarray:
    """Recall rate over a grid of loads x noise levels, shape ``(len(loads), len(noise))``.

    At each load ``alpha`` a new network stores ``P = round(alpha N)`` random
    patterns (:func:`hopfield_lib.measure.patterns_for_loads`) with ``rule``
    (default Hebb's), and :func:`hopfield_lib.measure.recall_rate` measures
    every noise level with ``n_probes`` probes (the targets cycle through the
    stored patterns), counting a probe as recalled when its final overlap is
    at least ``min_overlap`` after at most ``max_sweeps`` sweeps. One
    generator draws the patterns, then the probes and update orders, load by load.

    Parameters
    ----------
    n_neurons : int
    loads : array of shape (A,), values > 0
    noise : array of shape (F,), increasing values in [0, 1]
    n_probes : int, probes per noise level
    min_overlap : float in (-1, 1], the criterion (lecture 7: 0.9)
    max_sweeps : int
    rule : callable ``patterns -> W``, default :func:`hopfield_lib.hebbian`
    rng : None, int or numpy.random.Generator

    Returns
    -------
    numpy.ndarray of shape (A, F)

    Examples
    --------
    >>> grid = recall_grid(100, [0.05, 0.3], [0.0, 0.1], n_probes=10, min_overlap=0.9, max_sweeps=50, rng=0)
    >>> grid.shape, grid[0].tolist(), bool(grid[1, 1] < 0.5)
    ((2, 2), [1.0, 1.0], True)
    """
    n = as_int(n_neurons, "n_neurons")
    ps = patterns_for_loads(loads, n)
    learn = hebbian if rule is None else rule
    gen = as_rng(rng)
    out = np.empty((ps.size, np.size(noise)))
    for a, p in enumerate(ps):
        xi = random_patterns(int(p), n, rng=gen)
        out[a] = recall_rate(learn(xi), xi, np.atleast_1d(noise), n_probes=n_probes, min_overlap=min_overlap,
                             max_sweeps=max_sweeps, rng=gen)
    return out
