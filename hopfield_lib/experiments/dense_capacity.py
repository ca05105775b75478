"""Dense associative memories: theory and measured capacity (lecture 11).

The model itself (the energy, the field, the update, recall) is
:mod:`hopfield_lib.dense`; this module holds the lecture's analysis of it:

* the signal and crosstalk of one update and the Gaussian estimate of the bit
  error rate (:func:`signal_and_crosstalk`, :func:`dense_gaussian_error_rate`);
* the capacity formulas of Krotov & Hopfield (2016) and Demircigil et al.
  (2017) (:func:`krotov_hopfield_capacity`, :func:`demircigil_capacity`,
  :func:`predicted_capacity`);
* the measured fraction of stable patterns against P and the P at which it
  crosses a level (:func:`stable_fraction_curve`, :func:`measure_capacity`).
"""

from __future__ import annotations

import math

import numpy as np

from hopfield_lib._threads import one_blas_thread
from hopfield_lib._validation import as_int, as_number, as_rng
from hopfield_lib.dense import _F, _check_n
from hopfield_lib.dynamics import will_flip
from hopfield_lib.experiments._fast import dense_prefix_fields
from hopfield_lib.measure import crossing

__all__ = [
    "double_factorial",
    "signal_and_crosstalk",
    "dense_gaussian_error_rate",
    "krotov_hopfield_capacity",
    "predicted_capacity",
    "demircigil_capacity",
    "stable_fraction_curve",
    "measure_capacity",
    "CapacityCurve",
]

# --------------------------------------------------------------------------- theory


def double_factorial(k: int) -> int:
    """``k!! = k (k-2) (k-4) ... `` down to 1 or 2; ``(-1)!! = 0!! = 1``.

    >>> [double_factorial(k) for k in (-1, 0, 1, 3, 5, 7)]
    [1, 1, 1, 3, 15, 105]
    """
    k = as_int(k, "k", minimum=-1)
    return math.prod(range(int(k), 0, -2)) if k > 0 else 1


def signal_and_crosstalk(n, n_neurons, *, rectified=False):
    """Signal and crosstalk of the field of a stored pattern, exactly at finite ``N``.

    At ``s = xi^nu`` the aligned field of neuron ``i`` is
    ``xi_i^nu h_i = D(N - 1) + sum_{mu != nu} c^mu`` with ``D(r) = F(r+1) - F(r-1)``:
    the *signal* ``D(N - 1)`` (about ``2 n N**(n-1)``) and ``P - 1``
    independent crosstalk terms ``c = xi_i^nu xi_i^mu D(r)``, ``r`` a sum of
    ``N - 1`` random +-1 (mean 0). Returns ``(signal, variance of one
    crosstalk term)``, computed from the binomial distribution of ``r``. For
    large ``N`` the variance is ``4 n**2 (2n-3)!! N**(n-1)`` (Krotov & Hopfield
    2016), so ``signal**2 / ((P-1) variance) ~ N**(n-1) / ((P-1) (2n-3)!!)``.

    >>> sig, var = signal_and_crosstalk(2, 101)
    >>> round(sig, 6), round(var, 6)     # 4 (N-1) and 16 (N-1): the classical network
    (400.0, 1600.0)
    """
    n = _check_n(n)
    if n == "exp":
        raise ValueError('n: signal_and_crosstalk is for polynomial F (an int n >= 2), got "exp"')
    N = int(n_neurons)
    if N < 2:
        raise ValueError(f"n_neurons: expected N >= 2, got {n_neurons}")
    from scipy.stats import binom

    k = np.arange(N)  # number of +1 among the N - 1 other neurons
    r = 2.0 * k - (N - 1)
    w = binom.pmf(k, N - 1, 0.5)
    D = _F(r + 1, n, rectified, 0.0) - _F(r - 1, n, rectified, 0.0)
    signal = float(_F(np.float64(N), n, rectified, 0.0) - _F(np.float64(N - 2), n, rectified, 0.0))
    return signal, float(np.sum(w * D**2))


def dense_gaussian_error_rate(n, n_neurons, n_patterns, *, rectified=False):
    """Predicted probability that a bit of a stored pattern of a dense memory flips in one update.

    Treats the ``P - 1`` crosstalk terms of :func:`signal_and_crosstalk` as a
    Gaussian sum: ``Phi(-signal / sqrt((P - 1) var))``. Asymptotically
    (Krotov & Hopfield 2016) ``Phi(-sqrt(N**(n-1) / (P (2n-3)!!)))``; for
    ``n = 2`` it is the classical ``Phi(-1/sqrt(alpha))``
    (``capacity.gaussian_error_rate``). Array ``n_patterns`` gives an array.

    >>> round(dense_gaussian_error_rate(3, 40, 200), 4)
    0.0542
    """
    from scipy.special import ndtr

    signal, var = signal_and_crosstalk(n, n_neurons, rectified=rectified)
    p = np.asarray(n_patterns, dtype=float)
    if np.any(p < 1):
        raise ValueError(f"n_patterns: expected P >= 1, got {n_patterns}")
    with np.errstate(divide="ignore"):
        out = ndtr(-signal / np.sqrt((p - 1) * var))
    return float(out) if out.ndim == 0 else out


def krotov_hopfield_capacity(n, n_neurons):
    """Krotov & Hopfield's (2016) capacity without errors, ``N**(n-1) / (2 (2n-3)!! ln N)``.

    The number of patterns below which a stored pattern is a fixed point with
    probability -> 1 as ``N -> inf`` (from the Gaussian crosstalk: the error
    rate ``Phi(-x)`` with ``x**2 = N**(n-1) / (P (2n-3)!!)`` must beat ``1/N``).
    ``n = 2`` gives McEliece et al.'s ``N / (2 ln N)``. Asymptotic: at small
    ``N``, measure (:func:`measure_capacity`).

    >>> round(krotov_hopfield_capacity(2, 100), 2), round(krotov_hopfield_capacity(3, 100), 1)
    (10.86, 361.9)
    """
    n = _check_n(n)
    if n == "exp":
        raise ValueError('n: for "exp" use demircigil_capacity')
    N = np.asarray(n_neurons, dtype=float)
    if np.any(N < 2):
        raise ValueError(f"n_neurons: expected N >= 2, got {n_neurons}")
    out = N ** (n - 1) / (2 * double_factorial(2 * n - 3) * np.log(N))
    return float(out) if out.ndim == 0 else out


def demircigil_capacity(n_neurons, rho=0.0):
    """Demircigil et al.'s (2017) exponential capacity ``exp(N I(1 - 2 rho) / 2)``.

    With ``F = exp``, ``P = exp(alpha N)`` random patterns are all fixed points
    (and, with ``rho N`` bits corrupted, retrieved in one step) with
    probability -> 1 when ``alpha < I(1 - 2 rho) / 2``, where
    ``I(x) = ((1 + x) ln(1 + x) + (1 - x) ln(1 - x)) / 2``. For ``rho = 0``
    this is ``2**(N/2)``. Asymptotic in ``N``.

    >>> round(demircigil_capacity(30)), round(demircigil_capacity(30, 0.1))
    (32768, 250)
    """
    from scipy.special import xlogy

    N = np.asarray(n_neurons, dtype=float)
    if not 0.0 <= float(rho) < 0.5:
        raise ValueError(f"rho: expected a fraction in [0, 0.5), got {rho}")
    x = 1.0 - 2.0 * float(rho)
    info = 0.5 * (xlogy(1 + x, 1 + x) + xlogy(1 - x, 1 - x))
    out = np.exp(N * info / 2.0)
    return float(out) if out.ndim == 0 else out


# --------------------------------------------------------------------------- capacity experiments


class CapacityCurve:
    """What :func:`stable_fraction_curve` and :func:`measure_capacity` return.

    Attributes
    ----------
    n, n_neurons : the model and N
    n_patterns : int array (K,), the P values tested
    stable : float array (K,), fraction of tested stored patterns that are fixed points
    bit_errors : float array (K,), fraction of their bits that flip in one update
    tested : int array (K,), how many stored patterns were tested at each P
    capacity : float, P at which ``stable`` first falls below ``level`` (interpolated in log P;
        :func:`hopfield_lib.measure.crossing`); NaN when the grid does not bracket it
    level : float
    """

    def __init__(self, n, n_neurons, n_patterns, stable, bit_errors, tested, level=0.5):
        self.n, self.n_neurons = n, n_neurons
        self.n_patterns = np.asarray(n_patterns)
        self.stable = np.asarray(stable, dtype=float)
        self.bit_errors = np.asarray(bit_errors, dtype=float)
        self.tested = np.asarray(tested)
        self.level = level
        self.capacity = crossing(self.n_patterns, self.stable, level, log_x=True)

    def __repr__(self) -> str:
        cap = "not bracketed" if np.isnan(self.capacity) else f"{self.capacity:.4g}"
        return f"CapacityCurve(n={self.n!r}, N={self.n_neurons}, P from {self.n_patterns[0]} to {self.n_patterns[-1]}, capacity={cap})"


def stable_fraction_curve(n, n_neurons, n_patterns, *, n_probes=100, trials=1, rng=None, rectified=False,
                          level=0.5) -> CapacityCurve:
    """How many stored patterns are fixed points of one update, as P grows.

    For each trial, ``max(n_patterns)`` random patterns are drawn; the first
    ``n_probes`` are tested. Because the field is a sum over patterns, the
    fields for every P in ``n_patterns`` come from one pass over the patterns
    (cumulative sums), and a probe counts at P only if it is stored (its index
    is below P). A probe is *stable* when :func:`dense_step` leaves all its
    N bits unchanged.

    Parameters
    ----------
    n : int >= 2 or "exp"
    n_neurons : int, N
    n_patterns : increasing ints, the P values
    n_probes : int, stored patterns tested per trial
    trials : int, independent pattern sets
    rng : None, int or numpy.random.Generator
    rectified : bool
    level : float, the stable fraction that defines ``.capacity``

    Returns
    -------
    CapacityCurve

    Examples
    --------
    >>> curve = stable_fraction_curve(3, 20, [5, 20, 80, 320], n_probes=5, trials=20, rng=0)
    >>> curve.stable.round(2).tolist(), curve.tested.tolist()
    ([1.0, 0.91, 0.14, 0.0], [100, 100, 100, 100])
    """
    n = _check_n(n)
    N = int(n_neurons)
    ps = np.asarray(n_patterns)
    if ps.ndim != 1 or ps.size == 0 or np.any(ps < 1) or np.any(np.diff(ps) <= 0):
        raise ValueError(f"n_patterns: expected increasing ints >= 1, got {n_patterns}")
    ps = ps.astype(int)
    gen = as_rng(rng)
    rect = bool(rectified)
    stable = np.zeros(len(ps))
    flips = np.zeros(len(ps))
    tested = np.zeros(len(ps), dtype=int)
    with one_blas_thread():
        for _ in range(as_int(trials, "trials")):
            xi = np.where(gen.random((int(ps[-1]), N)) < 0.5, -1.0, 1.0)
            probes = xi[:as_int(n_probes, "n_probes")]
            for k, (p, field) in enumerate(dense_prefix_fields(xi, probes, ps, n, rect)):
                stored = min(probes.shape[0], p)
                wrong = will_flip(field[:stored], probes[:stored])  # ties keep the bit: not an error
                stable[k] += np.sum(~np.any(wrong, axis=1))
                flips[k] += np.sum(wrong)
                tested[k] += stored
    return CapacityCurve(n, N, ps, stable / tested, flips / (tested * N), tested, level)


def measure_capacity(n, n_neurons, *, level=0.5, n_probes=100, trials=1, rng=None, n_points=14,
                     rectified=False) -> CapacityCurve:
    """The number of patterns at which a fraction ``level`` of them are still fixed points.

    Runs :func:`stable_fraction_curve` on a geometric grid of ``n_points``
    values of P around the Gaussian prediction (:func:`dense_gaussian_error_rate`
    turned into ``(1 - p_bit)**N = level``), from a third of it to three
    times it (``n="exp"``: from ``N`` to ``2**N``), and reads off the crossing.

    Returns
    -------
    CapacityCurve (``.capacity`` is the measured value)

    Examples
    --------
    >>> curve = measure_capacity(2, 100, n_probes=20, trials=10, rng=0)
    >>> 5 < curve.capacity < 20
    True
    """
    n = _check_n(n)
    N = int(n_neurons)
    if n == "exp":
        grid = np.unique(np.geomspace(N, 2.0 ** N, n_points).astype(int))
    else:
        guess = predicted_capacity(n, N, level=level, rectified=rectified)
        grid = np.unique(np.geomspace(max(1.0, guess / 3), max(3.0, 3 * guess), n_points).round().astype(int))
    return stable_fraction_curve(n, N, grid, n_probes=n_probes, trials=trials, rng=rng, rectified=rectified,
                                 level=level)


def predicted_capacity(n, n_neurons, *, level=0.5, rectified=False) -> float:
    """The finite-N Gaussian estimate of the capacity: P with ``(1 - p_bit)**N = level``.

    ``p_bit`` is :func:`dense_gaussian_error_rate` (exact signal and crosstalk
    variance at this N); ``(1 - p_bit)**N`` is the probability that all N
    bits of a stored pattern survive an update, treating them as independent.
    Compare with :func:`krotov_hopfield_capacity`, its ``N -> inf`` limit.

    >>> round(predicted_capacity(2, 100), 1), round(predicted_capacity(3, 40), 1)
    (17.3, 115.6)
    """
    n = _check_n(n)
    if n == "exp":
        raise ValueError('n: predicted_capacity is for polynomial F (an int n >= 2), got "exp"')
    N = int(n_neurons)
    if not 0.0 < float(level) < 1.0:
        raise ValueError(f"level: expected a fraction in (0, 1), got {level}")
    from scipy.optimize import brentq
    from scipy.special import log_ndtr

    target = 1.0 - level ** (1.0 / N)
    signal, var = signal_and_crosstalk(n, N, rectified=rectified)

    def gap(logp):  # log of the Gaussian bit-error rate at P = exp(logp), minus log(target)
        return log_ndtr(-signal / np.sqrt((np.exp(logp) - 1) * var)) - np.log(target)

    hi = np.log(10.0 * N ** (n - 1) + 10)
    if gap(np.log(2.0)) > 0:
        return 2.0
    if gap(hi) < 0:
        return float(np.exp(hi))
    return float(np.exp(brentq(gap, np.log(2.0), hi)))
