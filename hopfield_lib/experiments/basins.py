"""Basins of attraction: how much noise a stored pattern survives, at which load.

A probe is a stored pattern ``xi^mu`` with a fraction ``f`` of its bits
flipped (:func:`hopfield_lib.corrupt`); recall *succeeds* when the final
state has overlap ``m >= min_overlap`` with ``xi^mu`` (default 0.9: at most
5 % wrong bits, the approximate recall that survives up to the critical
load ``alpha_c ~ 0.138``; Amit, Gutfreund & Sompolinsky 1985).

* :func:`recall_probability`: the fraction of successful recalls at each
  noise level, for one network (all probes in one batched recall);
* :func:`recall_grid`: the same over a grid of loads ``alpha = P / N``, with a
  new set of random patterns at each load: an array ``(loads, fractions)``,
  drawn as a heat map;
* :func:`basin_radius`: the largest noise level at which recall still
  succeeds with probability ``>= level`` (default 0.9).
"""

from __future__ import annotations

import numbers

import numpy as np

from hopfield_lib._validation import as_patterns, as_real_array, as_rng, as_weights, check_same_n

__all__ = ["recall_probability", "recall_grid", "patterns_for_loads", "basin_radius"]


def _fractions(fractions) -> np.ndarray:
    f = np.asarray(as_real_array(fractions, "fractions", ndim=(0, 1)), dtype=float).reshape(-1)
    if np.any(f < 0) or np.any(f > 1):
        raise ValueError(f"fractions: expected values in [0, 1], got {fractions!r}")
    return f


def _positive_int(x, name) -> int:
    if isinstance(x, bool) or not isinstance(x, (numbers.Integral, np.integer)) or x < 1:
        raise ValueError(f"{name}: expected an int >= 1, got {x!r}")
    return int(x)


def recall_probability(W, patterns, fractions, *, trials: int = 20, min_overlap: float = 0.9,
                       rng=None, max_sweeps: int = 50, return_overlaps: bool = False):
    """Fraction of probes with a fraction ``f`` of flipped bits that are recalled, for each ``f``.

    For each noise level ``f`` in ``fractions`` and each of ``trials`` trials,
    trial ``k`` takes pattern ``k mod P`` as the target, flips
    ``round(f N)`` of its bits, runs asynchronous recall and counts a
    success when the final overlap with the target is ``>= min_overlap``.
    All ``len(fractions) * trials`` probes run as one batch.

    Parameters
    ----------
    W : array of shape (N, N)
    patterns : array of shape (P, N), the stored patterns (targets)
    fractions : float or array of shape (F,), values in [0, 1]
    trials : int
    min_overlap : float in (-1, 1]
    rng : None, int or numpy.random.Generator (the flips, then the update orders)
    max_sweeps : int
    return_overlaps : bool
        Also return the final overlaps, shape ``(F, trials)``.

    Returns
    -------
    numpy.ndarray of shape (F,) (and the overlaps if asked)

    Examples
    --------
    >>> from hopfield_lib import random_patterns, hebbian
    >>> xi = random_patterns(10, 200, rng=0)
    >>> recall_probability(hebbian(xi), xi, [0.0, 0.2, 0.5], trials=20, rng=1).tolist()
    [1.0, 1.0, 0.0]
    """
    from hopfield_lib.dynamics import recall
    from hopfield_lib.patterns import corrupt

    Wm = as_weights(W)
    xi = as_patterns(patterns)
    check_same_n(Wm.shape[0], xi, "patterns", f"W of shape {Wm.shape}")
    f = _fractions(fractions)
    t = _positive_int(trials, "trials")
    if not -1.0 < float(min_overlap) <= 1.0:
        raise ValueError(f"min_overlap: expected a number in (-1, 1], got {min_overlap}")
    gen = as_rng(rng)
    n = xi.shape[1]
    target_idx = np.arange(t) % xi.shape[0]  # (trials,)
    targets = xi[np.tile(target_idx, f.size)]  # (F * trials, N), f-major
    flips = np.repeat(np.round(f * n).astype(int), t)
    probes = targets.copy()
    for k in np.unique(flips):  # corrupt() flips the same number in every row of a batch
        rows = flips == k
        probes[rows] = corrupt(targets[rows], n_flips=int(k), rng=gen)
    res = recall(Wm, probes, rng=gen, max_sweeps=max_sweeps)
    m = np.sum(res.state * targets, axis=1).reshape(f.size, t) / n
    prob = np.mean(m >= min_overlap, axis=1)
    return (prob, m) if return_overlaps else prob


def patterns_for_loads(n_neurons: int, loads) -> np.ndarray:
    """The number of patterns ``P = max(1, round(alpha N))`` for each load ``alpha``.

    >>> patterns_for_loads(200, [0.01, 0.05, 0.138]).tolist()
    [2, 10, 28]
    """
    n = _positive_int(n_neurons, "n_neurons")
    a = np.asarray(as_real_array(loads, "loads", ndim=(0, 1)), dtype=float).reshape(-1)
    if np.any(a <= 0):
        raise ValueError(f"loads: expected positive loads, got {loads!r}")
    return np.maximum(1, np.round(a * n)).astype(int)


def recall_grid(n_neurons: int, loads, fractions, *, trials: int = 20, rule=None, min_overlap: float = 0.9,
                rng=None, max_sweeps: int = 50) -> np.ndarray:
    """Recall probability over a grid of loads x noise levels, shape ``(len(loads), len(fractions))``.

    At each load ``alpha`` a new network stores ``P = round(alpha N)``
    random patterns (:func:`patterns_for_loads`) with ``rule`` (default
    Hebb's), and :func:`recall_probability` measures each noise level with
    ``trials`` probes (the targets cycle through the stored patterns).

    Parameters
    ----------
    n_neurons : int
    loads : array of shape (A,), values > 0
    fractions : array of shape (F,), values in [0, 1]
    trials : int
    rule : callable ``patterns -> W``, default :func:`hopfield_lib.hebbian`
    min_overlap : float
    rng : None, int or numpy.random.Generator
    max_sweeps : int

    Returns
    -------
    numpy.ndarray of shape (A, F)

    Examples
    --------
    >>> grid = recall_grid(100, [0.05, 0.3], [0.0, 0.1], trials=10, rng=0)
    >>> grid.shape, grid[0].tolist(), bool(grid[1, 1] < 0.5)
    ((2, 2), [1.0, 1.0], True)
    """
    from hopfield_lib.patterns import random_patterns
    from hopfield_lib.rules import hebbian

    n = _positive_int(n_neurons, "n_neurons")
    ps = patterns_for_loads(n, loads)
    f = _fractions(fractions)
    learn = hebbian if rule is None else rule
    gen = as_rng(rng)
    out = np.empty((ps.size, f.size))
    for a, p in enumerate(ps):
        xi = random_patterns(int(p), n, rng=gen)
        out[a] = recall_probability(learn(xi), xi, f, trials=trials, min_overlap=min_overlap,
                                    rng=gen, max_sweeps=max_sweeps)
    return out


def basin_radius(fractions, probability, level: float = 0.9, *, interpolate: bool = False):
    """The largest noise level at which recall still succeeds with probability ``>= level``.

    Walking up the (increasing) noise levels ``fractions``, the radius is the
    last ``f`` before the recall probability first drops below ``level``:
    ``f[k - 1]`` where ``k`` is the first index with ``probability[k] < level``
    (``f[-1]`` if it never drops). A later noise level that happens to climb
    back above ``level`` does not count: the basin is what is reached
    without a gap. If recall fails already at the first level, there is no
    basin on this grid and the result is ``nan``.

    With ``interpolate=True`` the radius is instead where the straight line
    between ``(f[k - 1], p[k - 1])`` and ``(f[k], p[k])`` crosses ``level``,
    which gives a smoother curve from a coarse grid.

    Parameters
    ----------
    fractions : array of shape (F,), strictly increasing
    probability : array of shape (F,) or (A, F), values in [0, 1]
        One curve, or one curve per row (e.g. per load, from :func:`recall_grid`).
    level : float in (0, 1]
    interpolate : bool

    Returns
    -------
    float, or numpy.ndarray of shape (A,)

    Examples
    --------
    >>> f = [0.0, 0.1, 0.2, 0.3, 0.4]
    >>> basin_radius(f, [1.0, 0.95, 0.6, 0.92, 0.0])      # 0.6 < 0.9 at f = 0.2: the radius is 0.1
    0.1
    >>> round(basin_radius(f, [1.0, 0.95, 0.6, 0.92, 0.0], interpolate=True), 4)
    0.1143
    >>> basin_radius(f, [[1, 1, 1, 1, 1], [0.5, 0, 0, 0, 0]]).tolist()
    [0.4, nan]
    """
    f = _fractions(fractions)
    if f.size > 1 and np.any(np.diff(f) <= 0):
        raise ValueError("fractions: expected strictly increasing noise levels")
    p = np.asarray(as_real_array(probability, "probability", ndim=(1, 2)), dtype=float)
    if p.shape[-1] != f.size:
        raise ValueError(f"probability: expected {f.size} values per curve to match fractions, got shape {p.shape}")
    if not 0.0 < float(level) <= 1.0:
        raise ValueError(f"level: expected a number in (0, 1], got {level}")
    curves = p.reshape(-1, f.size)
    below = curves < level
    first = np.where(below.any(axis=1), below.argmax(axis=1), f.size)  # first index below level
    out = np.full(curves.shape[0], np.nan)
    ok = first > 0
    out[ok] = f[first[ok] - 1]
    if interpolate:
        mid = ok & (first < f.size)
        rows = np.flatnonzero(mid)
        k = first[rows]
        p0, p1 = curves[rows, k - 1], curves[rows, k]
        out[rows] = f[k - 1] + (p0 - level) / (p0 - p1) * (f[k] - f[k - 1])
    return float(out[0]) if p.ndim == 1 else out
