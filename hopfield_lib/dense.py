"""Dense associative memories (Krotov & Hopfield 2016; Demircigil et al. 2017).

The energy of a state ``s`` (values +-1) given patterns ``xi`` (``(P, N)``) is

    E(s) = -sum_mu F(xi^mu . s)

with ``F(x) = x**n`` (polynomial, Krotov & Hopfield 2016), the rectified
polynomial ``F(x) = max(x, 0)**n`` (``rectified=True``, also Krotov & Hopfield
2016) or ``F(x) = exp(x)`` (Demircigil et al. 2017). ``n = 2`` is the
classical Hopfield network; larger ``n`` makes the energy minima sharper and
the capacity grow like ``N**(n-1)``; ``exp`` gives a capacity exponential in
``N``.

How the update is computed. Neuron ``i`` compares ``F`` with ``s_i = +1`` and
``s_i = -1``; with ``a^mu = xi^mu . s`` and ``r_i^mu = a^mu - xi_i^mu s_i``
(the overlap without neuron ``i``) its field is

    h_i = sum_mu [F(r + xi_i^mu) - F(r - xi_i^mu)] = sum_mu xi_i^mu D(r_i^mu),
    D(r) = F(r + 1) - F(r - 1).

Because ``r_i^mu`` is ``a^mu - 1`` or ``a^mu + 1``, the sum splits into two
matrix products (``A`` and ``B`` depend on ``a`` only):

    h = A @ xi + s * sum_mu B_mu,
    A = (F(a + 2) - F(a - 2)) / 2,   B = (2 F(a) - F(a + 2) - F(a - 2)) / 2,

so a batch of ``B`` states costs ``O(B P N)`` time but only ``O(B P)``
memory (patterns are processed in chunks). For ``F = exp`` every term is
scaled by ``exp(-c)`` with ``c = max_mu a^mu`` (the log-sum-exp trick): same
signs, no overflow.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from ._threads import one_blas_thread
from ._validation import as_patterns, as_rng, as_spins, check_same_n

__all__ = [
    "dense_step",
    "dense_energy",
    "dense_field",
    "dense_recall",
    "interaction",
    "double_factorial",
    "signal_and_crosstalk",
    "gaussian_error_rate",
    "krotov_hopfield_capacity",
    "predicted_capacity",
    "demircigil_capacity",
    "stable_fraction_curve",
    "measure_capacity",
    "CapacityCurve",
]

#: Patterns per chunk are chosen so that a chunk of overlaps holds about this many numbers.
_CHUNK_ELEMENTS = 2_000_000


def _check_n(n):
    if isinstance(n, str):
        if n != "exp":
            raise ValueError(f'n: expected an int >= 2 or "exp", got {n!r}')
        return n
    if isinstance(n, bool) or not isinstance(n, (numbers.Integral, np.integer)):
        raise TypeError(f'n: expected an int >= 2 or "exp", got {type(n).__name__} {n!r}')
    if n < 2:
        raise ValueError(f'n: expected an int >= 2 or "exp", got {n}')
    return int(n)


def _patterns_and_state(patterns, state):
    xi = as_patterns(patterns).astype(float, copy=False)
    s = as_spins(state, "state")
    check_same_n(xi.shape[1], s, "state", f"patterns of shape {xi.shape}")
    return xi, s


def interaction(x, *, n=3, rectified=False):
    """The interaction function ``F`` of a dense associative memory, elementwise.

    ``x**n`` for an int ``n >= 2`` (``max(x, 0)**n`` when ``rectified``), or
    ``exp(x)`` for ``n="exp"``.

    >>> interaction(np.array([-2.0, 3.0]), n=3).tolist()
    [-8.0, 27.0]
    >>> interaction(np.array([-2.0, 3.0]), n=3, rectified=True).tolist()
    [0.0, 27.0]
    """
    n = _check_n(n)
    x = np.asarray(x, dtype=float)
    if n == "exp":
        return np.exp(x)
    return (np.maximum(x, 0.0) if rectified else x) ** n


def _F(x, n, rectified, shift):
    """``F(x)``, for ``exp`` times ``exp(-shift)`` (``shift`` broadcasts over ``x``)."""
    if n == "exp":
        return np.exp(x - shift)
    return (np.maximum(x, 0.0) if rectified else x) ** n


def _chunk(b: int, p: int) -> int:
    return max(1, min(p, _CHUNK_ELEMENTS // max(b, 1)))


def _field(xi: np.ndarray, S: np.ndarray, n, rectified: bool) -> np.ndarray:
    """Unchecked field of every neuron, ``S`` a float batch ``(B, N)``; returns ``(B, N)``.

    For ``n="exp"`` the field is scaled by the positive factor
    ``exp(-max_mu a^mu) / (2 sinh 1)`` per row, which keeps its sign.
    """
    b, _ = S.shape
    p = xi.shape[0]
    step = _chunk(b, p)
    if n == "exp":
        shift = np.full((b, 1), -np.inf)
        for start in range(0, p, step):
            shift = np.maximum(shift, (S @ xi[start:start + step].T).max(axis=1, keepdims=True))
    else:
        shift = 0.0
    h = np.zeros_like(S)
    bsum = np.zeros((b, 1))
    for start in range(0, p, step):
        part = xi[start:start + step]
        a = S @ part.T  # (B, chunk): xi^mu . s
        f0, fp, fm = _F(a, n, rectified, shift), _F(a + 2, n, rectified, shift), _F(a - 2, n, rectified, shift)
        h += 0.5 * (fp - fm) @ part
        bsum += 0.5 * np.sum(2 * f0 - fp - fm, axis=1, keepdims=True)
    return h + S * bsum


def dense_field(patterns, state, *, n=3, rectified=False) -> np.ndarray:
    """The field of every neuron: how much lower the energy is with ``s_i = +1``.

    .. math:: h_i = \\sum_\\mu \\Big[F\\big(r^\\mu_i + \\xi^\\mu_i\\big)
        - F\\big(r^\\mu_i - \\xi^\\mu_i\\big)\\Big]
        = E(s_i{=}{-1}) - E(s_i{=}{+1}),
        \\qquad r^\\mu_i = \\sum_{j \\ne i} \\xi^\\mu_j s_j

    (the other neurons held at ``s``). ``n = 2`` gives ``4 N (W s)_i`` with
    Hebbian ``W``. For ``n="exp"`` the field is returned scaled by a positive
    factor per state (``exp(-max_mu xi^mu . s) / (2 sinh 1)``), so that it
    never overflows; its sign, which is all the update uses, is exact.

    Parameters
    ----------
    patterns : array (P, N), values +-1
    state : array (N,) or (B, N), values +-1
    n : int >= 2 or "exp"
    rectified : bool
        Use ``F(x) = max(x, 0)**n`` (ignored for ``"exp"``).

    Returns
    -------
    numpy.ndarray of floats, the shape of ``state``.

    Examples
    --------
    >>> from hopfield_lib import random_patterns, hebbian
    >>> xi = random_patterns(4, 10, rng=0)
    >>> s = random_patterns(1, 10, rng=1)[0]
    >>> bool(np.allclose(dense_field(xi, s, n=2), 4 * 10 * hebbian(xi) @ s))
    True
    """
    n = _check_n(n)
    xi, s = _patterns_and_state(patterns, state)
    S = np.array(s, dtype=float, ndmin=2)
    with one_blas_thread():
        h = _field(xi, S, n, bool(rectified))
    return h.reshape(s.shape)


def dense_step(patterns, state, *, n=3, rectified=False) -> np.ndarray:
    """One synchronous update of a dense associative memory.

    Every neuron ``i`` compares the energy with ``s_i = +1`` and ``s_i = -1``,
    the other neurons held fixed (Krotov & Hopfield 2016, eq. 3):

    .. math:: s_i \\leftarrow \\mathrm{sign}\\Big(\\sum_\\mu
        F\\big(\\xi^\\mu_i + r^\\mu_i\\big) - F\\big(-\\xi^\\mu_i + r^\\mu_i\\big)\\Big),
        \\qquad r^\\mu_i = \\sum_{j \\ne i} \\xi^\\mu_j s_j ,

    keeping ``s_i`` on a tie. ``F(x) = x**n`` for an int ``n >= 2``
    (``max(x, 0)**n`` with ``rectified=True``); ``n="exp"`` gives
    ``F(x) = exp(x)``, computed stably with every term scaled by
    ``exp(-max_mu xi^mu . s)`` (same sign, no overflow).
    With ``n = 2`` this is exactly ``sync_step(hebbian(patterns), state)``.
    See :func:`dense_field` for the field itself.

    Parameters
    ----------
    patterns : array of shape (P, N), values +-1
    state : array of shape (N,) or a batch (B, N), values +-1
    n : int >= 2 or "exp"
    rectified : bool

    Returns
    -------
    numpy.ndarray of the shape and dtype of ``state``.
    Time O(B * P * N), memory O(B * P) (patterns are processed in chunks).

    Examples
    --------
    >>> from hopfield_lib import random_patterns, corrupt
    >>> xi = random_patterns(40, 20, rng=0)           # P = 2 N patterns
    >>> probe = corrupt(xi[0], n_flips=2, rng=1)
    >>> bool(np.array_equal(dense_step(xi, probe, n="exp"), xi[0]))
    True
    """
    n = _check_n(n)
    xi, s = _patterns_and_state(patterns, state)
    S = np.array(s, dtype=float, ndmin=2)  # (B, N)
    with one_blas_thread():
        h = _field(xi, S, n, bool(rectified))
    new = np.where(h > 0, 1.0, np.where(h < 0, -1.0, S))
    return new.reshape(s.shape).astype(s.dtype, copy=False)


def dense_energy(patterns, state, *, n=3, rectified=False):
    """Energy ``E(s) = -sum_mu F(xi^mu . s)`` of a dense associative memory.

    ``F(x) = x**n`` (``max(x, 0)**n`` when ``rectified``) or, for
    ``n="exp"``, ``exp(x)`` (which overflows to ``-inf`` beyond ``N`` of about
    700: compare ``log``-energies there).

    Returns a float for one state, an array ``(B,)`` for a batch.

    Examples
    --------
    >>> xi = np.array([[1, 1, -1]])
    >>> dense_energy(xi, np.array([1, 1, -1]), n=3)
    -27.0
    """
    n = _check_n(n)
    xi, s = _patterns_and_state(patterns, state)
    a = s.astype(float) @ xi.T
    e = -np.sum(_F(a, n, bool(rectified), 0.0), axis=-1)
    return float(e) if np.ndim(e) == 0 else e


# --------------------------------------------------------------------------- recall


def dense_recall(patterns, probe, *, n=3, mode="sync", max_steps=50, rng=None, rectified=False):
    """Run a dense associative memory from ``probe`` to a fixed point.

    ``mode="sync"`` repeats :func:`dense_step` (all neurons at once) and stops
    a row at a fixed point or a 2-cycle (``converged=False``). ``mode="async"``
    updates the neurons one at a time in a random order per sweep, each
    seeing the ones before; then the energy never rises (each single update
    picks the lower of two energies). A batch ``(B, N)`` runs together.

    Parameters
    ----------
    patterns : array (P, N), values +-1
    probe : array (N,) or (B, N), values +-1
    n : int >= 2 or "exp"
    mode : "sync" or "async"
    max_steps : int >= 1, steps (sync) or sweeps (async)
    rng : None, int or numpy.random.Generator (the async order)
    rectified : bool

    Returns
    -------
    :class:`hopfield_lib.dynamics.RecallResult` (``.state``, ``.states``,
    ``.energies`` from :func:`dense_energy`, ``.converged``, ``.sweeps``)

    Examples
    --------
    >>> from hopfield_lib import random_patterns, corrupt
    >>> xi = random_patterns(100, 30, rng=0)            # P > 3 N
    >>> res = dense_recall(xi, corrupt(xi[:5], n_flips=4, rng=1), n=4)
    >>> bool(np.array_equal(res.state, xi[:5])), res.converged.tolist()
    (True, [True, True, True, True, True])
    """
    from .dynamics import RecallResult, _mark_stops

    n = _check_n(n)
    if mode not in ("sync", "async"):
        raise ValueError(f"mode: expected 'sync' or 'async', got {mode!r}")
    if isinstance(max_steps, bool) or not isinstance(max_steps, (numbers.Integral, np.integer)):
        raise TypeError(f"max_steps: expected an int, got {type(max_steps).__name__}")
    if max_steps < 1:
        raise ValueError(f"max_steps: expected an int >= 1, got {max_steps}")
    xi, s = _patterns_and_state(patterns, probe)
    gen = as_rng(rng)
    rect = bool(rectified)
    current = np.array(s, dtype=float, ndmin=2)
    b, N = current.shape
    history = [current.copy()]
    active = np.ones(b, dtype=bool)
    converged = np.zeros(b, dtype=bool)
    sweeps = np.full(b, int(max_steps))
    with one_blas_thread():
        for t in range(1, max_steps + 1):
            idx = np.flatnonzero(active)
            before = current[idx]
            if mode == "sync":
                h = _field(xi, before, n, rect)
                after = np.where(h > 0, 1.0, np.where(h < 0, -1.0, before))
            else:
                after = _async_sweep(xi, before, gen.permutation(N), n, rect)
            current[idx] = after
            history.append(current.copy())
            two_back = history[t - 2][idx] if mode == "sync" and t >= 2 else None
            _mark_stops(idx, before, after, two_back, t, converged, sweeps, active)
            if not active.any():
                break
    states = np.stack(history)
    energies = -np.sum(_F(states @ xi.T, n, rect, 0.0), axis=-1)
    states = states.astype(s.dtype, copy=False)
    if s.ndim == 1:
        return RecallResult(states[-1, 0], states[:, 0], energies[:, 0], bool(converged[0]), int(sweeps[0]))
    return RecallResult(states[-1], states, energies, converged, sweeps)


def _async_sweep(xi, S, order, n, rect):
    """One asynchronous sweep of a batch ``S`` (float ``(B, N)``) in the given order."""
    S = S.copy()
    a = S @ xi.T  # (B, P), kept equal to S @ xi.T
    for i in order:
        shift = a.max(axis=1, keepdims=True) if n == "exp" else 0.0
        col = xi[:, i]
        f0, fp, fm = _F(a, n, rect, shift), _F(a + 2, n, rect, shift), _F(a - 2, n, rect, shift)
        h = 0.5 * (fp - fm) @ col + S[:, i] * 0.5 * np.sum(2 * f0 - fp - fm, axis=1)
        new = np.where(h > 0, 1.0, np.where(h < 0, -1.0, S[:, i]))
        changed = new != S[:, i]
        if changed.any():
            a[changed] += (new[changed] - S[changed, i])[:, None] * col[None, :]
            S[changed, i] = new[changed]
    return S


# --------------------------------------------------------------------------- theory


def double_factorial(k: int) -> int:
    """``k!! = k (k-2) (k-4) ... `` down to 1 or 2; ``(-1)!! = 0!! = 1``.

    >>> [double_factorial(k) for k in (-1, 0, 1, 3, 5, 7)]
    [1, 1, 1, 3, 15, 105]
    """
    if isinstance(k, bool) or not isinstance(k, (numbers.Integral, np.integer)) or k < -1:
        raise ValueError(f"k: expected an int >= -1, got {k!r}")
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


def gaussian_error_rate(n, n_neurons, n_patterns, *, rectified=False):
    """Predicted probability that a bit of a stored pattern flips in one update.

    Treats the ``P - 1`` crosstalk terms of :func:`signal_and_crosstalk` as a
    Gaussian sum: ``Phi(-signal / sqrt((P - 1) var))``. Asymptotically
    (Krotov & Hopfield 2016) ``Phi(-sqrt(N**(n-1) / (P (2n-3)!!)))``; for
    ``n = 2`` it is the classical ``Phi(-1/sqrt(alpha))``.
    Array ``n_patterns`` gives an array.

    >>> round(gaussian_error_rate(3, 40, 200), 4)
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
    capacity : float or None, P at which ``stable`` crosses ``level`` (interpolated in log P)
    level : float
    """

    def __init__(self, n, n_neurons, n_patterns, stable, bit_errors, tested, level=0.5):
        self.n, self.n_neurons = n, n_neurons
        self.n_patterns = np.asarray(n_patterns)
        self.stable = np.asarray(stable, dtype=float)
        self.bit_errors = np.asarray(bit_errors, dtype=float)
        self.tested = np.asarray(tested)
        self.level = level
        self.capacity = _crossing(self.n_patterns, self.stable, level)

    def __repr__(self) -> str:
        cap = "not bracketed" if self.capacity is None else f"{self.capacity:.4g}"
        return f"CapacityCurve(n={self.n!r}, N={self.n_neurons}, P from {self.n_patterns[0]} to {self.n_patterns[-1]}, capacity={cap})"


def _crossing(ps, fractions, level):
    """First P where ``fractions`` drops below ``level``, interpolated linearly in log P."""
    below = np.flatnonzero(fractions < level)
    if below.size == 0 or below[0] == 0:
        return None
    k = below[0]
    x0, x1 = np.log(ps[k - 1]), np.log(ps[k])
    y0, y1 = fractions[k - 1], fractions[k]
    return float(np.exp(x0 + (y0 - level) / (y0 - y1) * (x1 - x0)))


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
        for _ in range(int(trials)):
            xi = np.where(gen.random((int(ps[-1]), N)) < 0.5, -1.0, 1.0)
            probes = xi[:n_probes]
            b = probes.shape[0]
            h = np.zeros((b, N))
            bsum = np.zeros((b, 1))
            # The probes are stored patterns: max_mu a^mu = N, the exp shift.
            shift = float(N) if n == "exp" else 0.0
            start = 0
            for k, p in enumerate(ps):
                step = _chunk(b, p - start)
                for lo in range(start, p, step):
                    part = xi[lo:min(p, lo + step)]
                    a = probes @ part.T
                    f0, fp, fm = _F(a, n, rect, shift), _F(a + 2, n, rect, shift), _F(a - 2, n, rect, shift)
                    h += 0.5 * (fp - fm) @ part
                    bsum += 0.5 * np.sum(2 * f0 - fp - fm, axis=1, keepdims=True)
                start = p
                field = h + probes * bsum
                wrong = field * probes < 0  # ties keep the bit: not an error
                stored = min(b, p)
                stable[k] += np.sum(~np.any(wrong[:stored], axis=1))
                flips[k] += np.sum(wrong[:stored])
                tested[k] += stored
    return CapacityCurve(n, N, ps, stable / tested, flips / (tested * N), tested, level)


def measure_capacity(n, n_neurons, *, level=0.5, n_probes=100, trials=1, rng=None, n_points=14,
                     rectified=False) -> CapacityCurve:
    """The number of patterns at which a fraction ``level`` of them are still fixed points.

    Runs :func:`stable_fraction_curve` on a geometric grid of ``n_points``
    values of P around the Gaussian prediction (``gaussian_error_rate``
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

    ``p_bit`` is :func:`gaussian_error_rate` (exact signal and crosstalk
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
