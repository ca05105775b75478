"""Capacity: how many patterns a network stores, in theory and measured.

Theory (Hebb's rule, random patterns, N neurons, P patterns, load ``alpha = P/N``):

* the local field of neuron i in stored pattern mu is signal + crosstalk,
  ``xi_i^mu h_i = (N-1)/N + C_i^mu`` with the crosstalk approximately Gaussian,
  mean 0 and variance ``(P-1)(N-1)/N^2 ~ alpha`` (Hertz, Krogh & Palmer 1991,
  sec. 2.2; :func:`crosstalk`);
* so a bit flips in the first update with probability
  ``Phi(-1/sqrt(alpha)) = erfc(1/sqrt(2 alpha)) / 2`` (:func:`gaussian_error_rate`;
  the exact finite-N value is :func:`binomial_error_rate`);
* a given stored pattern is a fixed point with probability -> 1 up to
  ``P = N / (2 ln N)``, all of them at once up to ``N / (4 ln N)``
  (McEliece et al. 1987; :func:`mceliece_capacity`; finite-N estimate
  :func:`predicted_stability_limit`);
* retrieval with a few per cent of wrong bits survives up to
  ``alpha_c ~ 0.138``, where the retrieval overlap jumps from ``m ~ 0.967``
  to a small value (Amit, Gutfreund & Sompolinsky 1985; :func:`ags_overlap`).

Experiments (all seeded, vectorised; each returns a small result object):

==============================  =================================================
:func:`error_rate_curve`        first-step bit error rate vs load, mean +- s.e.
:func:`stability_curve`         which prefixes of a pattern sequence are all stable
:func:`retrieval_curve`         final overlap after asynchronous recall vs load
:func:`subset_recall`           the same for subsets of a given set (e.g. letters)
:func:`hebbian_recall_many`     the batched asynchronous recall behind them (``_fast``)
==============================  =================================================
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from hopfield_lib._threads import one_blas_thread
from hopfield_lib._validation import as_int, as_number, as_patterns, as_rng
from hopfield_lib.dynamics import will_flip
from hopfield_lib.experiments._fast import ManyRecall, hebbian_fields, hebbian_recall_many, stability_prefixes
from hopfield_lib.measure import crossing, patterns_for_loads

__all__ = [
    "ALPHA_C",
    "gaussian_error_rate",
    "binomial_error_rate",
    "mceliece_capacity",
    "predicted_stability_limit",
    "ags_overlap",
    "ags_critical_point",
    "crosstalk",
    "hebbian_recall_many",
    "error_rate_curve",
    "stability_curve",
    "retrieval_curve",
    "subset_recall",
    "ErrorRateCurve",
    "StabilityCurve",
    "RetrievalCurve",
    "SubsetCurve",
    "ManyRecall",
]

ALPHA_C = 0.138
"""The critical load of the Hebbian network (Amit, Gutfreund & Sompolinsky 1985)."""


# --------------------------------------------------------------------------- theory


def gaussian_error_rate(alpha):
    """Predicted probability that a bit of a stored pattern flips in one update.

    .. math:: P_{error} = \\Phi(-1/\\sqrt{\\alpha}) = \\Phi(-\\sqrt{N/P})
              = \\tfrac12 \\mathrm{erfc}\\big(1/\\sqrt{2\\alpha}\\big)

    The crosstalk (:func:`crosstalk`) is treated as Gaussian with mean 0 and
    variance ``alpha``; a bit flips when it is below -1. ``alpha`` may be a
    float or an array (``alpha > 0``).

    >>> round(float(gaussian_error_rate(0.138)), 4)
    0.0036
    """
    a = np.asarray(alpha, dtype=float)
    if np.any(~np.isfinite(a)) or np.any(a <= 0):
        raise ValueError(f"alpha: expected positive finite loads, got {alpha}")
    from scipy.special import erfc

    out = 0.5 * erfc(1.0 / np.sqrt(2.0 * a))
    return float(out) if out.ndim == 0 else out


def binomial_error_rate(n_neurons, n_patterns):
    """Exact probability that a given bit of a stored pattern flips in one update.

    For Hebb's rule with zero diagonal and random patterns, ``N C_i^mu`` is a
    sum of ``M = (P-1)(N-1)`` independent +-1 terms
    ``(xi_i^mu xi_i^nu)(xi_j^nu xi_j^mu)`` (nu != mu, j != i), so it is
    ``2 B - M`` with ``B ~ Binomial(M, 1/2)``. The bit flips when
    ``N - 1 + N C < 0`` (a zero field keeps the bit), i.e. when
    ``B < (M - N + 1) / 2``:

    .. math:: P_{error} = \\Pr\\Big[B < \\frac{M - (N-1)}{2}\\Big],\\qquad M = (P-1)(N-1).

    For large N it tends to :func:`gaussian_error_rate` of ``P/N``.
    ``n_neurons`` and ``n_patterns`` may be ints or arrays (broadcast).

    >>> round(float(binomial_error_rate(1000, 200)), 4), round(float(gaussian_error_rate(0.2)), 4)
    (0.0125, 0.0127)
    >>> float(binomial_error_rate(100, 1))    # one pattern: nothing flips
    0.0
    """
    from scipy.stats import binom

    n = np.asarray(n_neurons)
    p = np.asarray(n_patterns)
    if np.any(n < 2) or np.any(p < 1):
        raise ValueError(f"expected N >= 2 and P >= 1, got N = {n_neurons}, P = {n_patterns}")
    m = (p - 1) * (n - 1)
    bound = (m - (n - 1)) / 2.0
    # Pr[B < bound] = Pr[B <= ceil(bound) - 1]
    out = binom.cdf(np.ceil(bound) - 1, m, 0.5)
    out = np.where(m == 0, 0.0, out)
    return float(out) if out.ndim == 0 else out


def mceliece_capacity(n_neurons, *, all_patterns: bool = False):
    """Largest P for error-free recall as N grows (McEliece, Posner, Rodemich & Venkatesh 1987).

    * ``all_patterns=False`` (default): ``N / (2 ln N)``. Below it, any *given*
      stored pattern is a fixed point with probability -> 1 (so almost every
      pattern is).
    * ``all_patterns=True``: ``N / (4 ln N)``. Below it, *all* P patterns are
      fixed points at once with probability -> 1.

    Both are asymptotic statements (N -> infinity); at finite N, measure
    (:func:`stability_curve`) or use :func:`predicted_stability_limit`.

    >>> round(mceliece_capacity(1000), 1), round(mceliece_capacity(1000, all_patterns=True), 1)
    (72.4, 36.2)
    """
    n = np.asarray(n_neurons, dtype=float)
    if np.any(n < 2):
        raise ValueError(f"n_neurons: expected N >= 2, got {n_neurons}")
    out = n / ((4.0 if all_patterns else 2.0) * np.log(n))
    return float(out) if out.ndim == 0 else out


def predicted_stability_limit(n_neurons, *, all_patterns: bool = False, level: float = 0.5) -> float:
    """Finite-N estimate of the P at which stored patterns stop being fixed points.

    Treat the ``N`` bits of a pattern (or the ``N P`` bits of all patterns) as
    independent, each flipping with the exact one-step probability
    ``p(N, P)`` of :func:`binomial_error_rate`. Then

    .. math:: \\Pr[\\text{a given pattern is stable}] \\approx (1 - p)^N, \\qquad
              \\Pr[\\text{all } P \\text{ patterns are stable}] \\approx (1 - p)^{NP},

    and this function returns the P (a real number, interpolated between
    integers) at which that probability falls to ``level``. Where the
    asymptotics ``p ~ exp(-N/2P)`` are used instead, the same conditions give
    McEliece's ``N/(2 ln N)`` and ``N/(4 ln N)`` (:func:`mceliece_capacity`),
    up to corrections of relative size ``ln ln N / ln N``, which are large at
    every N one can simulate.

    >>> round(predicted_stability_limit(1000), 1), round(predicted_stability_limit(1000, all_patterns=True), 1)
    (98.8, 57.1)
    """
    n = as_int(n_neurons, "n_neurons", minimum=2)
    level = as_number(level, "level", low=0, high=1, low_open=True, high_open=True)
    ps = np.arange(1, n + 1)
    p_err = binomial_error_rate(n, ps)
    exponent = n * ps if all_patterns else np.full(ps.shape, n)
    prob = np.exp(exponent * np.log1p(-np.minimum(p_err, 1 - 1e-15)))
    return crossing(ps, prob, level)


def ags_critical_point() -> tuple[float, float]:
    """``(alpha_c, m_c)`` of the replica-symmetric theory at zero temperature.

    Amit, Gutfreund & Sompolinsky (1985): the retrieval state exists while the
    equation ``y (sqrt(2 alpha) + (2/sqrt(pi)) exp(-y^2)) = erf(y)`` has a
    solution ``y > 0``; its overlap is ``m = erf(y)``. Solving for alpha,

    .. math:: \\sqrt{\\alpha(y)} = \\frac{\\mathrm{erf}(y) - \\tfrac{2y}{\\sqrt\\pi} e^{-y^2}}{\\sqrt2\\, y},

    whose maximum over y is ``alpha_c``, reached at ``m_c = erf(y_c)``.

    >>> a_c, m_c = ags_critical_point()
    >>> round(a_c, 4), round(m_c, 4), round((1 - m_c) / 2, 4)   # 1.6 % wrong bits
    (0.1379, 0.9674, 0.0163)
    """
    from scipy.optimize import minimize_scalar
    from scipy.special import erf

    res = minimize_scalar(lambda y: -_ags_alpha(y), bounds=(0.5, 3.0), method="bounded",
                          options={"xatol": 1e-10})
    return float(_ags_alpha(res.x)), float(erf(res.x))


def _ags_alpha(y):
    from scipy.special import erf

    y = np.asarray(y, dtype=float)
    return ((erf(y) - 2.0 * y / np.sqrt(np.pi) * np.exp(-y * y)) / (np.sqrt(2.0) * y)) ** 2


def ags_overlap(alpha):
    """Overlap ``m`` of the retrieval state vs load (Amit, Gutfreund & Sompolinsky 1985).

    The replica-symmetric, zero-temperature solution (see
    :func:`ags_critical_point`): ``m = erf(y)`` with ``y`` the largest root of
    ``y (sqrt(2 alpha) + (2/sqrt(pi)) exp(-y^2)) = erf(y)``. Above
    ``alpha_c ~ 0.138`` there is no retrieval state and the result is NaN.
    ``alpha`` may be a float or an array (``alpha > 0``).

    >>> [round(float(ags_overlap(a)), 4) for a in (0.05, 0.1, 0.13)]
    [1.0, 0.998, 0.9872]
    >>> bool(np.isnan(ags_overlap(0.15)))
    True
    """
    from scipy.optimize import brentq
    from scipy.special import erf

    a = np.asarray(alpha, dtype=float)
    if np.any(~np.isfinite(a)) or np.any(a <= 0):
        raise ValueError(f"alpha: expected positive finite loads, got {alpha}")
    a_c, m_c = ags_critical_point()
    from scipy.special import erfinv

    y_c = float(erfinv(m_c))
    out = np.full(a.shape, np.nan)
    for idx, value in np.ndenumerate(a):
        if value <= a_c:
            # alpha(y) decreases from alpha_c to 0 on (y_c, inf)
            out[idx] = erf(brentq(lambda y: _ags_alpha(y) - value, y_c, 50.0, xtol=1e-12))
    return float(out) if out.ndim == 0 else out


# --------------------------------------------------------------------------- crosstalk


def crosstalk(patterns) -> np.ndarray:
    """Crosstalk term of every bit of every stored pattern, Hebb's rule.

    With ``W = xi^T xi / N`` (zero diagonal), the field of neuron i in stored
    pattern mu splits into signal and crosstalk:

    .. math:: \\xi_i^\\mu h_i^\\mu = \\frac{N-1}{N} + C_i^\\mu, \\qquad
              C_i^\\mu = \\frac1N \\sum_{\\nu \\ne \\mu} \\sum_{j \\ne i}
              \\xi_i^\\mu \\xi_i^\\nu \\xi_j^\\nu \\xi_j^\\mu .

    The bit flips in the first update when ``C_i^mu < -(N-1)/N``. For random
    patterns ``C`` has mean 0 and variance ``(P-1)(N-1)/N^2 ~ P/N``.

    Parameters
    ----------
    patterns : array of shape (P, N), values +-1

    Returns
    -------
    numpy.ndarray of shape (P, N)

    Examples
    --------
    >>> from hopfield_lib import random_patterns
    >>> c = crosstalk(random_patterns(100, 1000, rng=0))
    >>> c.shape, round(float(c.mean()), 2), round(float(c.var()), 2)   # var ~ 99 * 999 / 1000**2
    ((100, 1000), 0.0, 0.1)
    >>> crosstalk(np.array([[1, -1, 1]])).tolist()   # one pattern: no crosstalk
    [[0.0, 0.0, 0.0]]
    """
    xi = as_patterns(patterns).astype(float)
    n = xi.shape[1]
    with one_blas_thread():
        return (xi * hebbian_fields(xi) - (n - 1)) / n


# --------------------------------------------------------------------------- experiments


@dataclass(frozen=True)
class ErrorRateCurve:
    """What :func:`error_rate_curve` returns (arrays of shape ``(L,)`` over loads).

    ``alpha`` is the actual load ``P/N`` (after rounding P); ``mean`` and
    ``sem`` are the measured first-step error rate and its standard error over
    ``n_networks`` networks; ``gaussian`` and ``exact`` the predictions of
    :func:`gaussian_error_rate` and :func:`binomial_error_rate`;
    ``per_network`` is ``(L, n_networks)``; ``n_bits`` the bits per load.
    """

    n_neurons: int
    alpha: np.ndarray
    n_patterns: np.ndarray
    mean: np.ndarray
    sem: np.ndarray
    gaussian: np.ndarray
    exact: np.ndarray
    per_network: np.ndarray
    n_bits: np.ndarray


def error_rate_curve(n_neurons: int, loads, *, n_networks=10, rng=None) -> ErrorRateCurve:
    """Measured first-step bit error rate of Hebbian storage vs load.

    For each load, ``n_networks`` networks each store ``P = round(alpha N)``
    fresh random patterns; the error rate of a network is the fraction of the
    ``P N`` stored bits that flip in one update (:func:`bit_error_rate`,
    computed here from the ``(P, P)`` overlaps without building ``W``).

    Parameters
    ----------
    n_neurons : int >= 2
    loads : sequence of positive floats
    n_networks : int >= 1, or one int per load (more networks where errors are rare)
    rng : None, int or numpy.random.Generator

    Returns
    -------
    ErrorRateCurve (``per_network`` is a list of arrays when the counts differ)

    Examples
    --------
    >>> c = error_rate_curve(500, [0.1, 0.3], n_networks=4, rng=0)
    >>> c.n_patterns.tolist(), c.mean.round(4).tolist(), c.gaussian.round(4).tolist()
    ([50, 150], [0.0006, 0.0326], [0.0008, 0.0339])
    """
    with one_blas_thread():
        return _error_rate_curve(n_neurons, loads, n_networks=n_networks, rng=rng)


def _error_rate_curve(n_neurons: int, loads, *, n_networks=10, rng=None) -> ErrorRateCurve:
    n = as_int(n_neurons, "n_neurons", minimum=2)
    ps = patterns_for_loads(loads, n)
    counts = np.atleast_1d(n_networks)
    if counts.size == 1:
        counts = np.repeat(counts, ps.size)
    if counts.shape != ps.shape:
        raise ValueError(f"n_networks: expected an int or one int per load ({ps.size}), got {n_networks!r}")
    counts = [as_int(k, "n_networks") for k in counts.tolist()]
    gen = as_rng(rng)
    per = []
    for p, reps in zip(ps, counts):
        rates = np.empty(reps)
        for r in range(reps):
            xi = np.where(gen.random((p, n)) < 0.5, -1.0, 1.0)
            rates[r] = np.mean(will_flip(hebbian_fields(xi), xi))
        per.append(rates)
    mean = np.array([x.mean() for x in per])
    sem = np.array([x.std(ddof=1) / np.sqrt(x.size) if x.size > 1 else np.nan for x in per])
    alpha = ps / n
    per_network = np.array(per) if len(set(counts)) == 1 else per
    return ErrorRateCurve(n, alpha, ps, mean, sem, np.atleast_1d(gaussian_error_rate(alpha)),
                          np.atleast_1d(binomial_error_rate(n, ps)), per_network, ps * n * np.array(counts))


@dataclass(frozen=True)
class StabilityCurve:
    """What :func:`stability_curve` returns.

    Attributes
    ----------
    n_neurons : int
    n_patterns : array (p_max,)
        ``1, 2, ..., p_max``.
    stable : bool array (n_networks, p_max, p_max)
        ``stable[r, P-1, mu]``: in network r with the first P patterns stored,
        pattern mu (< P) is a fixed point; False for mu >= P.
    """

    n_neurons: int
    n_patterns: np.ndarray
    stable: np.ndarray

    @property
    def stable_fraction(self) -> np.ndarray:
        """``(p_max,)``: fraction of the stored patterns that are fixed points, over all networks."""
        return self.stable.sum(axis=(0, 2)) / (self.stable.shape[0] * self.n_patterns)

    @property
    def all_stable(self) -> np.ndarray:
        """``(n_networks, p_max)``: all P stored patterns are fixed points."""
        counts = self.stable.sum(axis=2)
        return counts == self.n_patterns[None, :]

    @property
    def largest_all_stable(self) -> np.ndarray:
        """``(n_networks,)``: the largest P before the first P at which some stored pattern is not a fixed point."""
        fails = ~self.all_stable
        first = np.where(fails.any(axis=1), fails.argmax(axis=1), fails.shape[1])
        return first  # P = first (index of first failure = P_fail - 1)

    @property
    def p_half_given(self) -> float:
        """The P at which a given stored pattern is a fixed point with probability 1/2 (interpolated)."""
        return crossing(self.n_patterns, self.stable_fraction, 0.5)

    @property
    def p_half_all(self) -> float:
        """The P at which all stored patterns are fixed points with probability 1/2 (interpolated)."""
        return crossing(self.n_patterns, self.all_stable.mean(axis=0), 0.5)


def stability_curve(n_neurons: int, *, n_networks: int = 20, p_max: int | None = None, rng=None) -> StabilityCurve:
    """Which stored patterns are fixed points as patterns are added one by one.

    Network r draws a sequence of ``p_max`` random patterns and, for every
    ``P = 1 .. p_max``, stores the first P with Hebb's rule and records which
    of them are fixed points (the engine
    :func:`hopfield_lib.experiments._fast.stability_prefixes`: all P together
    cost about ``p_max^2 N`` per network).

    Parameters
    ----------
    n_neurons : int >= 2
    n_networks : int >= 1
    p_max : int, default ``ceil(N / ln N) + 10``
    rng : None, int or numpy.random.Generator

    Returns
    -------
    StabilityCurve (see its properties ``largest_all_stable``,
    ``stable_fraction``, ``p_half_given``, ``p_half_all``)

    Examples
    --------
    >>> c = stability_curve(200, n_networks=10, rng=0)
    >>> c.largest_all_stable.tolist()
    [18, 22, 11, 15, 17, 15, 16, 14, 21, 17]
    >>> round(c.p_half_given, 1)
    28.6
    """
    with one_blas_thread():
        return _stability_curve(n_neurons, n_networks=n_networks, p_max=p_max, rng=rng)


def _stability_curve(n_neurons: int, *, n_networks: int = 20, p_max: int | None = None, rng=None) -> StabilityCurve:
    n = as_int(n_neurons, "n_neurons", minimum=2)
    reps = as_int(n_networks, "n_networks")
    pm = math.ceil(n / math.log(n)) + 10 if p_max is None else as_int(p_max, "p_max")
    gen = as_rng(rng)
    stable = np.zeros((reps, pm, pm), dtype=bool)
    for r in range(reps):
        stable[r] = stability_prefixes(np.where(gen.random((pm, n)) < 0.5, -1.0, 1.0))
    return StabilityCurve(n, np.arange(1, pm + 1), stable)


@dataclass(frozen=True)
class RetrievalCurve:
    """What :func:`retrieval_curve` returns (arrays over the ``L`` loads).

    ``overlaps[k]`` holds the final overlap of every probe at load k
    (``n_probes`` of them); ``mean``, ``sem`` summarise them;
    ``converged`` is the fraction that reached a fixed point within
    ``max_sweeps``; ``wrong_bits`` is the mean fraction of wrong bits,
    ``(1 - m) / 2``.
    """

    n_neurons: int
    alpha: np.ndarray
    n_patterns: np.ndarray
    overlaps: list
    mean: np.ndarray
    sem: np.ndarray
    converged: np.ndarray
    max_sweeps: int

    @property
    def wrong_bits(self) -> np.ndarray:
        return (1.0 - self.mean) / 2.0

    def crossing(self, level: float = 0.9) -> float:
        """The load at which the mean final overlap first falls below ``level``."""
        return crossing(self.alpha, self.mean, level)


def retrieval_curve(n_neurons: int, loads, *, n_probes: int = 100, max_sweeps: int = 50, rng=None) -> RetrievalCurve:
    """Final overlap after asynchronous recall started FROM a stored pattern, vs load.

    For each load ``alpha``: networks of N neurons store ``P = round(alpha N)``
    fresh random patterns with Hebb's rule, and recall runs from stored
    patterns until a fixed point or ``max_sweeps``; the result is the overlap
    ``m`` of the final state with the pattern it started from. Probes are
    taken from as few networks as give ``n_probes`` of them
    (``ceil(n_probes / P)`` networks). All networks of all loads run
    together in :func:`hebbian_recall_many`.

    Below ``alpha_c ~ 0.138`` the state stays close to the pattern
    (``m ~ 0.97 - 1``, :func:`ags_overlap`); above it, it drifts away.

    Parameters
    ----------
    n_neurons : int >= 2
    loads : sequence of positive floats
    n_probes : int >= 1, probes per load
    max_sweeps : int >= 1
    rng : None, int or numpy.random.Generator

    Returns
    -------
    RetrievalCurve

    Examples
    --------
    >>> c = retrieval_curve(200, [0.05, 0.1, 0.3], n_probes=40, rng=0)
    >>> c.mean.round(3).tolist(), c.converged.tolist()
    ([1.0, 1.0, 0.372], [1.0, 1.0, 1.0])
    """
    n = as_int(n_neurons, "n_neurons", minimum=2)
    ps = patterns_for_loads(loads, n)
    want = as_int(n_probes, "n_probes")
    max_sweeps = as_int(max_sweeps, "max_sweeps")
    gen = as_rng(rng)
    sets, probes, owner = [], [], []
    for k, p in enumerate(ps):
        left = want
        while left > 0:
            xi = np.where(gen.random((p, n)) < 0.5, -1.0, 1.0)
            take = min(p, left)
            sets.append(xi)
            probes.append(xi[:take])
            owner.append(k)
            left -= take
    out = hebbian_recall_many(sets, probes, max_sweeps=max_sweeps, rng=gen)
    owner = np.array(owner)
    overlaps = [np.concatenate([out.overlaps[j] for j in np.flatnonzero(owner == k)]) for k in range(len(ps))]
    conv = np.array([np.mean(np.concatenate([out.converged[j] for j in np.flatnonzero(owner == k)]))
                     for k in range(len(ps))])
    mean = np.array([m.mean() for m in overlaps])
    sem = np.array([m.std(ddof=1) / np.sqrt(m.size) if m.size > 1 else np.nan for m in overlaps])
    return RetrievalCurve(n, ps / n, ps, overlaps, mean, sem, conv, max_sweeps)


@dataclass(frozen=True)
class SubsetCurve:
    """What :func:`subset_recall` returns (arrays over the subset sizes).

    ``stable_fraction``: fraction of stored patterns that are fixed points;
    ``mean_overlap``: mean final overlap after asynchronous recall from each
    stored pattern; ``perfect_fraction``: fraction recalled with no wrong bit.
    Averages are over ``n_subsets`` subsets and every pattern in each.
    """

    sizes: np.ndarray
    stable_fraction: np.ndarray
    mean_overlap: np.ndarray
    perfect_fraction: np.ndarray
    n_subsets: int


def subset_recall(patterns, sizes, *, n_subsets: int = 20, max_sweeps: int = 50, rng=None) -> SubsetCurve:
    """How well Hebbian storage keeps ``k`` patterns drawn from a given set.

    For each size ``k``: draw ``n_subsets`` random subsets of ``k`` distinct
    rows of ``patterns`` (all of them once if ``k`` is the whole set), store
    each subset with Hebb's rule, check which stored patterns are fixed
    points, and run asynchronous recall from each stored pattern
    (:func:`hebbian_recall_many`).

    Parameters
    ----------
    patterns : array (M, N), values +-1, the set to draw from
    sizes : sequence of ints in 1..M
    n_subsets : int >= 1
    max_sweeps : int >= 1
    rng : None, int or numpy.random.Generator

    Returns
    -------
    SubsetCurve

    Examples
    --------
    >>> from hopfield_lib.letters import letters
    >>> c = subset_recall(letters(), [2, 4, 8], n_subsets=10, rng=0)
    >>> c.stable_fraction.round(2).tolist()
    [1.0, 0.57, 0.02]
    """
    with one_blas_thread():
        return _subset_recall(patterns, sizes, n_subsets=n_subsets, max_sweeps=max_sweeps, rng=rng)


def _subset_recall(patterns, sizes, *, n_subsets: int = 20, max_sweeps: int = 50, rng=None) -> SubsetCurve:
    xi = as_patterns(patterns)
    m_total = xi.shape[0]
    ks = [as_int(k, "sizes") for k in np.atleast_1d(sizes).tolist()]
    if any(k > m_total for k in ks):
        raise ValueError(f"sizes: expected sizes up to the number of patterns ({m_total}), got {ks}")
    reps = as_int(n_subsets, "n_subsets")
    gen = as_rng(rng)
    sets, owner = [], []
    for k_idx, k in enumerate(ks):
        count = 1 if k == m_total else reps
        for _ in range(count):
            sets.append(xi[np.sort(gen.choice(m_total, size=k, replace=False))])
            owner.append(k_idx)
    owner = np.array(owner)
    out = hebbian_recall_many(sets, max_sweeps=max_sweeps, rng=gen)
    stable, overlap, perfect = [], [], []
    for k_idx in range(len(ks)):
        js = np.flatnonzero(owner == k_idx)
        stable.append(np.mean(np.concatenate([~np.any(will_flip(hebbian_fields(sets[j]), sets[j]), axis=1) for j in js])))
        m = np.concatenate([out.overlaps[j] for j in js])
        overlap.append(m.mean())
        perfect.append(np.mean(m == 1.0))
    return SubsetCurve(np.array(ks), np.array(stable), np.array(overlap), np.array(perfect), reps)

