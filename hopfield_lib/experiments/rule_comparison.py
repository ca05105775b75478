"""Comparing learning rules: capacity, basins, correlated and biased patterns (lecture 8).

Every experiment here runs the same way for any rule (a function from patterns
``(P, N)`` to weights ``(N, N)``, such as :func:`~hopfield_lib.rules.hebbian`,
:func:`~hopfield_lib.rules.storkey` or :func:`~hopfield_lib.rules.pseudo_inverse`):

* :func:`load_sweep` stores ``P = alpha N`` random patterns for each load
  ``alpha`` on a grid and measures, for each seed, one of two criteria:

  - ``"stable"``: the fraction of the stored patterns that are fixed points
    (no bit flips in one update; :func:`hopfield_lib.measure.stable_fraction`);
  - ``"recall"``: the fraction of probes (a stored pattern with a fraction
    ``noise`` of its bits flipped) that asynchronous dynamics brings back to
    overlap ``m >= min_overlap`` with that pattern
    (:func:`hopfield_lib.measure.recall_rate`).

* :func:`capacity_table` turns such curves into one number each with
  :func:`hopfield_lib.measure.largest_load`: the load at which the
  seed-averaged fraction first drops below a level (0.95), interpolated
  between the two grid loads around the drop.
* :func:`biased_patterns` draws patterns with mean activity ``a``;
  :func:`covariance_rule` is the covariance rule for a known ``a``.
* :func:`aligned_fields` gives ``xi_i h_i`` for every stored bit (the margins),
  :func:`projector_update` grows the projection rule one pattern at a time.

The experiment functions run BLAS on one thread (via threadpoolctl): they make
thousands of small matrix products, for which threads waste CPU time.

Patterns for the int seed ``s`` and size ``N`` come from ``numpy.random.default_rng([s, N])``
and are shared by all rules, so rules are compared on the same patterns; the
patterns of a smaller load are the first rows of those of a larger one.
"""

from __future__ import annotations

from functools import partial

import numpy as np

from hopfield_lib._threads import one_blas_thread
from hopfield_lib._validation import (as_choice, as_int, as_number, as_patterns, as_rng, as_theta, as_weights,
                                      check_same_n)
from hopfield_lib.dynamics import _couplings
from hopfield_lib.measure import largest_load, patterns_for_loads, recall_rate, stable_fraction
from hopfield_lib.rules import covariance, hebbian, pseudo_inverse, storkey, storkey_update

__all__ = [
    "RULES",
    "biased_patterns",
    "draw_patterns",
    "weights_for_counts",
    "load_sweep",
    "capacity_table",
    "format_capacity_table",
    "covariance_rule",
    "aligned_fields",
    "projector_update",
]

RULES = {"Hebb": hebbian, "Storkey": storkey, "pseudo-inverse": pseudo_inverse}
"""The three rules of the lecture, by the name used in tables and legends."""


def biased_patterns(n_patterns: int, n_neurons: int, mean_activity: float = 0.0, *, rng=None) -> np.ndarray:
    """Random patterns with mean activity ``a``: each entry is +1 with probability ``(1 + a) / 2``.

    .. math:: P(\\xi^\\mu_i = +1) = \\frac{1 + a}{2}, \\qquad \\langle \\xi^\\mu_i \\rangle = a,
              \\qquad \\langle \\xi^\\mu \\cdot \\xi^\\nu \\rangle / N = a^2 \\ (\\mu \\ne \\nu).

    ``a = 0`` gives the unbiased patterns of :func:`~hopfield_lib.patterns.random_patterns`;
    ``a = -0.5`` gives patterns with 25 % of +1 ("ink") like a sparse image.

    Parameters
    ----------
    n_patterns, n_neurons : int
        P and N.
    mean_activity : float in (-1, 1)
        ``a``.
    rng : None, int or numpy.random.Generator

    Returns
    -------
    numpy.ndarray of shape (P, N), float64, values +-1

    Examples
    --------
    >>> xi = biased_patterns(200, 500, 0.6, rng=0)
    >>> xi.shape, round(float(xi.mean()), 2)
    ((200, 500), 0.6)
    """
    p = as_int(n_patterns, "n_patterns")
    n = as_int(n_neurons, "n_neurons")
    a = as_number(mean_activity, "mean_activity", low=-1, high=1, low_open=True, high_open=True)
    return np.where(as_rng(rng).random((p, n)) < (1.0 + a) / 2.0, 1.0, -1.0)


def draw_patterns(n_patterns: int, n_neurons: int, *, rng, mean_activity: float = 0.0) -> np.ndarray:
    """The patterns every experiment of this module uses: :func:`biased_patterns` drawn from ``rng``.

    An int seed ``s`` draws from ``numpy.random.default_rng([s, N])``, so that
    each (seed, N) has its own patterns, the same for every rule; the first
    ``P`` rows do not depend on how many are drawn. A Generator is used as it is.

    >>> bool(np.array_equal(draw_patterns(3, 50, rng=1), draw_patterns(8, 50, rng=1)[:3]))
    True
    """
    n = as_int(n_neurons, "n_neurons")
    if not isinstance(rng, np.random.Generator):
        rng = np.random.default_rng([as_int(rng, "rng", minimum=0), n])
    return biased_patterns(n_patterns, n, mean_activity, rng=rng)


def weights_for_counts(rule, patterns, counts):
    """The weights after storing the first ``P`` patterns, for each ``P`` in ``counts``.

    Yields ``(P, W)`` in the order of ``counts``. Storkey's rule (the library's
    :func:`~hopfield_lib.rules.storkey`) is incremental: its weights for all
    counts come from one pass over the patterns with
    :func:`~hopfield_lib.rules.storkey_update`, O(P_max N^2) in all. Any other
    rule is called afresh on ``patterns[:P]``.

    Parameters
    ----------
    rule : callable, patterns (P, N) -> W (N, N)
    patterns : array of shape (P_max, N), values +-1
    counts : increasing ints in [1, P_max]

    Examples
    --------
    >>> xi = draw_patterns(6, 40, rng=0)
    >>> [(p, bool(np.allclose(W, storkey(xi[:p])))) for p, W in weights_for_counts(storkey, xi, [2, 6])]
    [(2, True), (6, True)]
    """
    xi = as_patterns(patterns)
    counts = [int(c) for c in np.atleast_1d(counts)]
    if not counts or counts != sorted(counts) or counts[0] < 1 or counts[-1] > xi.shape[0]:
        raise ValueError(f"counts: expected increasing counts in [1, {xi.shape[0]}], got {counts}")
    if rule is storkey:
        n = xi.shape[1]
        W = np.zeros((n, n))
        done = 0
        for p in counts:
            for x in xi[done:p]:
                W = storkey_update(W, x)
            done = p
            yield p, W
        return
    for p in counts:
        yield p, rule(xi[:p])


@one_blas_thread()
def load_sweep(rule, n_neurons: int, loads, *, criterion: str = "stable", seeds=(0,), noise: float = 0.1,
               n_probes: int = 50, min_overlap: float = 0.95, max_sweeps: int = 10, mean_activity: float = 0.0,
               theta=0.0) -> np.ndarray:
    """Measure a criterion over a grid of loads: an array of shape ``(len(seeds), len(loads))``.

    For each seed, ``P_max = round(max(loads) N)`` patterns are drawn with
    :func:`draw_patterns`; the load ``alpha`` stores the first ``round(alpha N)``
    of them with ``rule`` (see :func:`weights_for_counts`) and measures

    * ``criterion="stable"``: :func:`hopfield_lib.measure.stable_fraction` of the stored patterns;
    * ``criterion="recall"``: :func:`hopfield_lib.measure.recall_rate` from ``noise`` flipped bits
      (probe ``b`` from pattern ``b mod P``; recalled when the final overlap is ``>= min_overlap``
      after at most ``max_sweeps`` sweeps).

    Parameters
    ----------
    rule : callable, patterns (P, N) -> W (N, N)
    n_neurons : int
    loads : increasing floats alpha = P / N
    criterion : "stable" or "recall"
    seeds : ints, one row of the result each
    noise, n_probes, min_overlap, max_sweeps : see :func:`hopfield_lib.measure.recall_rate`
    mean_activity : float, ``a`` of the patterns (:func:`biased_patterns`)
    theta : float, array (N,), or a callable ``patterns -> theta`` (e.g. a threshold
        that depends on the stored patterns)

    Examples
    --------
    >>> load_sweep(hebbian, 100, [0.05, 0.3], seeds=[0, 1]).round(2).tolist()
    [[1.0, 0.0], [1.0, 0.1]]
    """
    as_choice(criterion, "criterion", ("stable", "recall"))
    n = as_int(n_neurons, "n_neurons")
    counts = patterns_for_loads(loads, n)
    if np.any(np.diff(counts) <= 0):
        raise ValueError(f"loads: expected increasing loads with distinct P = round(alpha N), got P = {counts.tolist()}")
    seeds = [as_int(s, "seeds", minimum=0) for s in np.atleast_1d(seeds).tolist()]
    out = np.empty((len(seeds), len(counts)))
    for r, seed in enumerate(seeds):
        xi = draw_patterns(int(counts[-1]), n, rng=seed, mean_activity=mean_activity)
        gen = np.random.default_rng([seed, n, 1])
        for c, (p, W) in enumerate(weights_for_counts(rule, xi, counts)):
            th = theta(xi[:p]) if callable(theta) else theta
            if criterion == "stable":
                out[r, c] = stable_fraction(W, xi[:p], th)
            else:
                out[r, c] = recall_rate(W, xi[:p], noise, n_probes=n_probes, min_overlap=min_overlap,
                                        max_sweeps=max_sweeps, theta=th, rng=gen)
    return out


@one_blas_thread()
def capacity_table(rules: dict, sizes, loads: dict, *, criteria=("stable", "recall"), seeds: dict | None = None,
                   level: float = 0.95, **kwargs) -> dict:
    """Largest loads for every rule, size and criterion, and the curves behind them.

    Parameters
    ----------
    rules : dict name -> rule
    sizes : ints N
    loads : dict name -> load grid for that rule (a rule's grid is the same for every N)
    criteria : "stable" and/or "recall"
    seeds : dict N -> seeds for that size (default ``(0,)`` for all)
    level : float, see :func:`hopfield_lib.measure.largest_load`
    kwargs : passed to :func:`load_sweep` (noise, n_probes, ...)

    Returns
    -------
    dict with ``"largest"``: ``{(criterion, name, N): alpha*}``, ``"curves"``:
    ``{(criterion, name, N): array (S, L)}`` and ``"at_least"``: the keys whose
    curve never dropped below ``level`` (``alpha*`` is then the last load tried).

    Examples
    --------
    >>> t = capacity_table({"Hebb": hebbian}, [100], {"Hebb": [0.05, 0.1, 0.2]}, criteria=("stable",))
    >>> {key: round(value, 3) for key, value in t["largest"].items()}
    {('stable', 'Hebb', 100): 0.111}
    """
    seeds = seeds or {}
    largest, curves, at_least = {}, {}, []
    for criterion in criteria:
        for name, rule in rules.items():
            for n in sizes:
                curve = load_sweep(rule, n, loads[name], criterion=criterion, seeds=seeds.get(n, (0,)), **kwargs)
                curves[criterion, name, n] = curve
                largest[criterion, name, n] = largest_load(loads[name], curve, level)
                if np.all(curve.mean(axis=0) >= level):
                    at_least.append((criterion, name, n))
    return {"largest": largest, "curves": curves, "at_least": at_least}


def format_capacity_table(largest: dict, *, at_least=(), digits: int = 2, column_titles=None) -> str:
    """The largest loads of :func:`capacity_table` as a text table: rules by rows, (criterion, N) by columns.

    Values are rounded to ``digits``. Keys in ``at_least`` (loads that never
    failed on their grid, ``capacity_table(...)["at_least"]``) are shown as
    ``>=`` the last load tried. ``column_titles`` maps a criterion to its title.

    >>> print(format_capacity_table({("stable", "Hebb", 100): 0.1234, ("stable", "Hebb", 200): 0.1}))
    rule  stable N=100  stable N=200
    Hebb          0.12          0.10
    """
    keys = list(largest)
    crits = list(dict.fromkeys(k[0] for k in keys))
    names = list(dict.fromkeys(k[1] for k in keys))
    sizes = sorted({k[2] for k in keys})
    cols = [(c, n) for c in crits for n in sizes]
    titles = [f"{(column_titles or {}).get(c, c)} N={n}" for c, n in cols]

    def cell(key):
        v = largest.get(key)
        if v is None:
            return ""
        if np.isnan(v):
            return "nan"
        return (">=" if key in set(at_least) else "") + f"{v:.{digits}f}"

    first = max(len("rule"), *(len(name) for name in names))
    width = max(len(t) for t in titles) + 2
    lines = ["rule".ljust(first) + "".join(t.rjust(width) for t in titles)]
    for name in names:
        lines.append(name.ljust(first) + "".join(cell((c, name, n)).rjust(width) for c, n in cols))
    return "\n".join(lines)


def covariance_rule(mean_activity: float):
    """``patterns -> covariance(patterns, mean_activity)``: the covariance rule with a known ``a``.

    >>> xi = draw_patterns(3, 20, rng=0, mean_activity=0.4)
    >>> bool(np.allclose(covariance_rule(0.4)(xi), covariance(xi, 0.4)))
    True
    """
    return partial(covariance, mean_activity=float(mean_activity))



def aligned_fields(W, patterns, theta=0.0) -> np.ndarray:
    """The aligned fields ``xi_i^mu (h_i^mu - theta_i)`` of every stored pattern: shape ``(P, N)``.

    .. math:: \\lambda^\\mu_i = \\xi^\\mu_i \\Big(\\sum_j W_{ij} \\xi^\\mu_j - \\theta_i\\Big)

    Bit ``i`` of pattern ``mu`` is stable when ``lambda > 0`` and flips in the
    next update when ``lambda < 0``; the size of a positive ``lambda`` is its
    safety margin. For Hebb's rule ``lambda = (N-1)/N + crosstalk``; for the
    projection rule with its zero diagonal ``lambda_i = 1 - Pi_ii`` exactly.

    Examples
    --------
    >>> from hopfield_lib import random_patterns
    >>> xi = random_patterns(30, 100, rng=0)
    >>> lam = aligned_fields(pseudo_inverse(xi), xi)
    >>> lam.shape, round(float(lam.mean()), 6)          # 1 - alpha on average
    ((30, 100), 0.7)
    """
    Wm = as_weights(W)
    xi = as_patterns(patterns).astype(float)
    check_same_n(Wm.shape[0], xi, "patterns", f"W of shape {Wm.shape}")
    th = as_theta(theta, Wm.shape[0])
    return xi * (_couplings(Wm, th).local_field(xi) - th)  # exact fields for Hebb and dyadic covariance


def projector_update(projector, pattern) -> np.ndarray:
    """Add one pattern to the full projector (diagonal kept): Gram-Schmidt in matrix form.

    With ``Pi`` the orthogonal projector onto the span of the patterns stored so
    far and ``r = xi - Pi xi`` the part of the new pattern outside that span,

    .. math:: \\Pi \\leftarrow \\Pi + \\frac{r\\, r^T}{r^T r}

    is the projector onto the enlarged span; starting from ``Pi = 0`` and
    zeroing the diagonal at the end gives :func:`~hopfield_lib.rules.pseudo_inverse`.
    It costs O(N^2) per pattern and needs only the old ``Pi`` and the new
    pattern (incremental), but it needs the *full* ``Pi`` with its diagonal,
    and every weight change depends on the global norm ``r^T r`` (not local).
    A pattern inside the span (``r = 0``) changes nothing.

    Parameters
    ----------
    projector : array of shape (N, N)
    pattern : array of shape (N,), values +-1

    Returns
    -------
    numpy.ndarray of shape (N, N): a new array.

    Examples
    --------
    >>> xi = draw_patterns(5, 30, rng=0)
    >>> Pi = np.zeros((30, 30))
    >>> for x in xi:
    ...     Pi = projector_update(Pi, x)
    >>> W = Pi.copy(); np.fill_diagonal(W, 0)
    >>> bool(np.allclose(W, pseudo_inverse(xi)))
    True
    """
    Pm = as_weights(projector, "projector")
    x = np.asarray(as_patterns(np.atleast_2d(pattern), "pattern")[0], dtype=float)
    check_same_n(Pm.shape[0], x, "pattern", f"projector of shape {Pm.shape}")
    r = x - Pm @ x
    norm2 = float(r @ r)
    if norm2 <= 1e-9 * x.size:
        return Pm.copy()
    return Pm + np.outer(r, r) / norm2
