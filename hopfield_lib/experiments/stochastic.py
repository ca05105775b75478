"""Stochastic (Glauber) dynamics at inverse temperature ``beta``, and its mean-field theory.

Glauber dynamics (Glauber 1963; Hertz, Krogh & Palmer 1991, sec. 2.5): neurons
are updated one at a time, as in :func:`hopfield_lib.async_sweep`, but
neuron ``i`` becomes +1 with probability

.. math:: P(s_i = +1) = \\frac{1}{1 + e^{-2\\beta (h_i - \\theta_i)}} = \\frac{1 + \\tanh(\\beta (h_i - \\theta_i))}{2}

and -1 otherwise, with ``h = W @ s``. The two choices differ in energy by
``2 |h_i - theta_i|``, and these probabilities are the Boltzmann weights
``exp(-beta E)`` of the two, so the dynamics samples ``exp(-beta E(s))``.
``T = 1/beta`` is the temperature (the noise level): ``beta = inf`` is the
deterministic rule of the course, ``beta = 0`` makes every neuron a fair coin.

Mean-field theory at low load (``alpha = P/N -> 0``; Amit, Gutfreund &
Sompolinsky 1985; Amit 1989, ch. 4): the time-averaged overlaps satisfy

.. math:: m_\\mu = \\big\\langle \\xi^\\mu \\tanh\\big(\\beta \\textstyle\\sum_\\nu m_\\nu \\xi^\\nu\\big) \\big\\rangle_\\xi .

* retrieval (one pattern): ``m = tanh(beta m)``, non-zero for ``T < 1``
  (:func:`mean_field_retrieval`);
* symmetric ``n``-mixture: ``m = <xi^1 tanh(beta m (xi^1 + ... + xi^n))>``
  (:func:`mean_field_mixture`), a solution up to ``T = 1`` but a *stable* one
  only below ``T ~ 0.46`` for ``n = 3`` (:func:`mixture_stability`,
  :func:`mixture_melting_temperature`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from hopfield_lib._validation import (as_int, as_patterns, as_real_array, as_rng, as_spins, as_theta, as_weights,
                                      check_same_n)
from hopfield_lib.dynamics import _couplings, sign_or_keep

__all__ = [
    "glauber_probability",
    "glauber_sweep",
    "glauber_dynamics",
    "GlauberResult",
    "mean_field_retrieval",
    "mean_field_mixture",
    "mixture_stability",
    "mixture_melting_temperature",
    "mean_field_iterate",
]


# --------------------------------------------------------------------------- the update rule


def _as_beta(beta, n_rows: int | None = None) -> np.ndarray:
    """``beta`` as a float array: a scalar, or one value per row of a batch."""
    if isinstance(beta, (bool, np.bool_)) or beta is None or isinstance(beta, str):
        raise TypeError(f"beta: expected a number >= 0 (np.inf allowed), got {beta!r}")
    b = np.asarray(beta, dtype=float)
    if np.any(np.isnan(b)) or np.any(b < 0):
        raise ValueError(f"beta: expected values >= 0 (np.inf allowed), got {beta!r}")
    if n_rows is not None and b.ndim > 0 and b.shape != (n_rows,):
        raise ValueError(f"beta: expected a number or one value per probe, shape ({n_rows},), got shape {b.shape}")
    return b


def glauber_probability(field, beta):
    """Probability that a neuron with field ``h`` becomes +1: ``1 / (1 + exp(-2 beta h))``.

    Computed as ``(1 + tanh(beta h)) / 2``, which never overflows. At
    ``beta = inf`` it is 1 for ``h > 0``, 0 for ``h < 0`` and 1/2 for ``h = 0``.
    ``field`` and ``beta`` broadcast against each other.

    Examples
    --------
    >>> glauber_probability(np.array([-1.0, 0.0, 1.0]), 1.0).round(4).tolist()
    [0.1192, 0.5, 0.8808]
    >>> glauber_probability(np.array([-1.0, 0.0, 1.0]), np.inf).tolist()
    [0.0, 0.5, 1.0]
    >>> glauber_probability(3.0, 0.0)
    0.5
    """
    h = np.asarray(as_real_array(field, "field", ndim=(0, 1, 2, 3)), dtype=float)
    b = _as_beta(beta)
    with np.errstate(invalid="ignore"):
        x = b * h  # inf * 0 is nan: a tie at zero temperature
    p = np.where(np.isnan(x), 0.5, 0.5 * (1.0 + np.tanh(x)))
    return float(p) if p.ndim == 0 else p


def _glauber_sweep(c, batch, order, uniforms, beta_col, H):
    """Unchecked Glauber sweep of a float batch ``(B, N)`` in place; returns ``(batch, H)``.

    ``c`` are the couplings (:func:`hopfield_lib.dynamics.couplings`) and ``H``
    the scaled field ``c.field(batch)``, kept up to date: a neuron ``i`` that
    changes by ``d`` adds ``d K[:, i]`` (exact for Hebbian weights). ``uniforms[b, i]``
    decides neuron ``i`` of row ``b``; ``beta_col`` has shape ``(B,)``; rows
    with ``beta = inf`` use the deterministic rule with the library's tie rule
    (:func:`hopfield_lib.dynamics.sign_or_keep`). ``u < (1 + tanh(x)) / 2`` is
    tested as ``2u - 1 < tanh(x)`` with ``x = beta (h_i - theta_i)``.
    """
    cols = np.ascontiguousarray(c.K.T)  # cols[i] == K[:, i]
    r = 2.0 * np.asarray(uniforms, dtype=float) - 1.0
    cold = np.isinf(beta_col)
    has_cold = bool(cold.any())
    with np.errstate(invalid="ignore"):
        for i in order:
            v = H[:, i] - c.theta[i]  # c (h_i - theta_i)
            t = np.tanh(beta_col * (v / c.scale))
            old = batch[:, i]
            new = np.where(r[:, i] < t, 1.0, -1.0)
            if has_cold:
                new = np.where(cold, sign_or_keep(v, old, c.tol), new)
            d = new - old
            if not d.any():
                continue
            changed = d.nonzero()[0]
            if changed.size == 1:
                k = changed[0]
                H[k] += d[k] * cols[i]
            else:
                H[changed] += d[changed, None] * cols[i]
            batch[:, i] = new
    return batch, H


def _prepare(W, state, beta, theta):
    Wm = as_weights(W)
    s = as_spins(state, "state")
    n = Wm.shape[0]
    check_same_n(n, s, "state", f"W of shape {Wm.shape}")
    batch = np.array(s, dtype=float, ndmin=2)
    b = _as_beta(beta, batch.shape[0] if s.ndim == 2 else None)
    if s.ndim == 1 and b.ndim > 0:
        raise ValueError(f"beta: expected a number for a single state, got shape {b.shape}")
    beta_col = np.broadcast_to(b, (batch.shape[0],)).astype(float)
    return _couplings(Wm, as_theta(theta, n)), s, batch, beta_col


def glauber_sweep(W, state, beta, *, rng=None, order=None, uniforms=None, theta=0.0) -> np.ndarray:
    """One asynchronous sweep of Glauber dynamics at inverse temperature ``beta``.

    Every neuron is updated once, in the order ``order``; neuron ``i`` sees
    the neurons updated before it and becomes

    .. math:: s_i = +1 \\text{ if } u_i < \\frac{1}{1 + e^{-2\\beta(h_i - \\theta_i)}}, \\text{ else } -1,

    with ``u_i`` uniform in [0, 1) (``uniforms[..., i]``: one number per
    neuron, indexed by neuron, not by step). At ``beta = inf`` this is exactly
    :func:`hopfield_lib.async_sweep` with the same order, tie rule included (a
    neuron whose field is 0 keeps its value). At ``beta = 0`` every neuron is
    a fair coin.

    Parameters
    ----------
    W : array of shape (N, N)
    state : array of shape (N,) or a batch (B, N), values +-1
    beta : float >= 0 (``np.inf`` allowed), or for a batch an array (B,) of one beta per row
    rng : None, int or numpy.random.Generator
        Draws ``order = rng.permutation(N)`` (if not given), then
        ``uniforms = rng.random(state.shape)`` (if not given).
    order : array of shape (N,), a permutation of range(N), optional
        The same order for every row of a batch.
    uniforms : array of the shape of ``state``, values in [0, 1), optional
    theta : float or array of shape (N,)

    Returns
    -------
    numpy.ndarray of the shape and dtype of ``state`` (a new array).

    Examples
    --------
    >>> from hopfield_lib import hebbian, random_patterns, async_sweep
    >>> xi = random_patterns(3, 60, rng=0)
    >>> W, probe = hebbian(xi), random_patterns(1, 60, rng=1)[0]
    >>> order = np.random.default_rng(2).permutation(60)
    >>> cold = glauber_sweep(W, probe, np.inf, order=order, rng=3)
    >>> bool(np.array_equal(cold, async_sweep(W, probe, rng=2)))   # same order
    True
    >>> float(np.mean(glauber_sweep(W, np.ones((500, 60)), 0.0, rng=4) == 1).round(2))  # coins
    0.5
    """
    c, s, batch, beta_col = _prepare(W, state, beta, theta)
    n = c.K.shape[0]
    gen = as_rng(rng)
    if order is None:
        order = gen.permutation(n)
    else:
        order = np.asarray(order)
        if order.shape != (n,) or not np.array_equal(np.sort(order), np.arange(n)):
            raise ValueError(f"order: expected a permutation of range({n}), got {order!r}")
    if uniforms is None:
        u = gen.random(batch.shape)
    else:
        u = as_real_array(uniforms, "uniforms").astype(float)
        if u.shape != s.shape:
            raise ValueError(f"uniforms: expected the shape of state {s.shape}, got {u.shape}")
        if np.any(u < 0) or np.any(u > 1):
            raise ValueError("uniforms: expected values in [0, 1]")
        u = u.reshape(batch.shape)
    out, _ = _glauber_sweep(c, batch, order, u, beta_col, c.field(batch))
    return out.reshape(s.shape).astype(s.dtype, copy=False)


@dataclass(frozen=True)
class GlauberResult:
    """What :func:`glauber_dynamics` returns.

    Attributes
    ----------
    state : array (N,) or (B, N)
        The state after the last sweep.
    overlaps : array (T + 1, P) or (T + 1, B, P), or None
        Overlaps with the ``patterns`` after every sweep (``overlaps[0]``: the start).
    energies : array (T + 1,) or (T + 1, B)
        ``energy(W, s, theta)`` after every sweep.
    """

    state: np.ndarray
    overlaps: np.ndarray | None
    energies: np.ndarray

    def mean_overlaps(self, last: int | None = None) -> np.ndarray:
        """Time average of the overlaps over the last ``last`` sweeps (default: the second half).

        Shape ``(P,)`` or ``(B, P)``.
        """
        if self.overlaps is None:
            raise ValueError("no overlaps were recorded: pass patterns= to glauber_dynamics")
        t = self.overlaps.shape[0] - 1
        last = max(1, t // 2) if last is None else int(last)
        if not 1 <= last <= t:
            raise ValueError(f"last: expected 1 to {t} sweeps, got {last}")
        return self.overlaps[-last:].mean(axis=0)

    def __repr__(self) -> str:
        return f"GlauberResult(state shape {self.state.shape}, {self.energies.shape[0] - 1} sweeps)"


def glauber_dynamics(W, state, beta, *, sweeps: int = 50, patterns=None, rng=None, theta=0.0) -> GlauberResult:
    """Run ``sweeps`` sweeps of Glauber dynamics (:func:`glauber_sweep`), recording along the way.

    Each sweep draws a new order (shared by the rows of a batch) and new
    uniforms from ``rng``. There is no stopping rule: at ``T > 0`` the state
    keeps fluctuating; average over sweeps (:meth:`GlauberResult.mean_overlaps`).
    A batch may carry one ``beta`` per row, so that a whole temperature scan
    runs as one batch.

    Parameters
    ----------
    W : array of shape (N, N)
    state : array of shape (N,) or (B, N), values +-1
    beta : float >= 0 (``np.inf`` allowed) or array (B,)
    sweeps : int >= 1
    patterns : array of shape (P, N), optional
        Record the overlaps with these after every sweep.
    rng : None, int or numpy.random.Generator
    theta : float or array of shape (N,)

    Returns
    -------
    GlauberResult with ``.state``, ``.overlaps``, ``.energies``

    Examples
    --------
    >>> from hopfield_lib import hebbian, random_patterns
    >>> xi = random_patterns(3, 400, rng=0)
    >>> run = glauber_dynamics(hebbian(xi), xi[:2], np.array([1 / 0.5, 1 / 1.5]), sweeps=40, patterns=xi, rng=1)
    >>> run.overlaps.shape
    (41, 2, 3)
    >>> m = run.mean_overlaps()        # T = 0.5 keeps pattern 1 (m ~ 0.96); T = 1.5 melts it
    >>> bool(m[0, 0] > 0.9), bool(abs(m[1, 1]) < 0.2)
    (True, True)
    """
    c, s, batch, beta_col = _prepare(W, state, beta, theta)
    sweeps = as_int(sweeps, "sweeps")
    n = c.K.shape[0]
    xi = None
    if patterns is not None:
        xi = as_patterns(patterns).astype(float, copy=False)
        check_same_n(n, xi, "patterns", f"W of shape {c.K.shape}")
    gen = as_rng(rng)
    h = c.field(batch)

    def record():
        return c.energy(batch, h), (None if xi is None else batch @ xi.T / n)

    energies, overlaps = [], []
    e, m = record()
    energies.append(e)
    overlaps.append(m)
    for _ in range(int(sweeps)):
        order = gen.permutation(n)
        u = gen.random(batch.shape)
        batch, h = _glauber_sweep(c, batch, order, u, beta_col, h)
        e, m = record()
        energies.append(e)
        overlaps.append(m)
    energies = np.stack(energies)
    overlaps = None if xi is None else np.stack(overlaps)
    final = batch.astype(s.dtype, copy=False)
    if s.ndim == 1:
        return GlauberResult(final[0], None if overlaps is None else overlaps[:, 0], energies[:, 0])
    return GlauberResult(final, overlaps, energies)


# --------------------------------------------------------------------------- mean-field theory


def _temperatures(T) -> np.ndarray:
    t = np.asarray(as_real_array(T, "T", ndim=(0, 1)), dtype=float)
    if np.any(t < 0):
        raise ValueError(f"T: expected temperatures >= 0, got {T!r}")
    return t


def _majority_weights(n: int) -> tuple[np.ndarray, np.ndarray]:
    """``m_rhs = sum_k c_k tanh(beta m k)``: the ``k`` and ``c_k`` of the ``n``-mixture equation.

    With ``S = xi^1 + ... + xi^n`` and ``xi^1 = +1``, ``S = 1 + R`` where ``R`` is
    a sum of ``n - 1`` fair coins; ``<xi^1 tanh(beta m S)>`` then collects
    ``P(R = k - 1) - P(R = -k - 1)`` in front of ``tanh(beta m k)`` for odd ``k > 0``.
    """
    r_vals = np.arange(-(n - 1), n, 2)  # values of R
    r_prob = np.array([math.comb(n - 1, j) for j in range(n)], dtype=float) / 2 ** (n - 1)
    prob = dict(zip(r_vals.tolist(), r_prob.tolist()))
    ks = np.arange(1, n + 1, 2)
    cs = np.array([prob.get(int(k) - 1, 0.0) - prob.get(-int(k) - 1, 0.0) for k in ks])
    return ks.astype(float), cs


def _check_n(n) -> int:
    """``n``, the size of a mixture: an odd int >= 1 (1 = a pattern, 3 = the 3-mixture)."""
    return as_int(n, "n", odd=True)


def mean_field_mixture(T, n: int = 3):
    """Overlap ``m(T)`` of the symmetric ``n``-mixture in mean-field theory at low load.

    The non-zero solution of

    .. math:: m = \\big\\langle \\xi^1 \\tanh\\big(\\beta m (\\xi^1 + \\dots + \\xi^n)\\big)\\big\\rangle ,

    e.g. for ``n = 3``: ``m = [tanh(3 beta m) + tanh(beta m)] / 4``; for
    ``n = 1`` it is the retrieval equation ``m = tanh(beta m)``. The right side
    is increasing and concave in ``m``, so for ``T < 1`` there is exactly one
    root in (0, 1], found by bisection; for ``T >= 1`` only ``m = 0`` is left.
    At ``T = 0``, ``m`` is :func:`hopfield_lib.spurious.mixture_overlap`.

    That this is a solution does not make it stable: see :func:`mixture_stability`.

    Parameters
    ----------
    T : float or array of temperatures >= 0
    n : odd int

    Returns
    -------
    float or numpy.ndarray of the shape of ``T``

    Examples
    --------
    >>> round(mean_field_mixture(0.0), 4), round(mean_field_mixture(0.3), 4), mean_field_mixture(1.2)
    (0.5, 0.4804, 0.0)
    """
    k = _check_n(n)
    t = _temperatures(T)
    ks, cs = _majority_weights(k)
    tt = np.atleast_1d(t)
    beta = np.divide(1.0, tt, out=np.full(tt.shape, np.inf), where=tt > 0)

    def rhs(m):
        with np.errstate(invalid="ignore"):
            x = beta[:, None] * m[:, None] * ks[None, :]
        x = np.where(np.isnan(x), 0.0, x)  # inf * 0 at m = 0
        return np.tanh(x) @ cs

    lo = np.zeros_like(tt)
    hi = np.ones_like(tt)
    for _ in range(60):  # bisection on g(m) = rhs(m) - m: g > 0 below the root, < 0 above
        mid = 0.5 * (lo + hi)
        up = rhs(mid) - mid > 0
        lo = np.where(up, mid, lo)
        hi = np.where(up, hi, mid)
    m = np.where(tt < 1.0, 0.5 * (lo + hi), 0.0)
    return float(m[0]) if t.ndim == 0 else m


def mean_field_retrieval(T):
    """Retrieval overlap ``m(T)``: the non-negative solution of ``m = tanh(m / T)`` (low load).

    ``m = 1`` at ``T = 0``, falls as ``T`` rises and reaches 0 at ``T = 1``
    (near it, ``m ~ sqrt(3 (1 - T))``); 0 for ``T >= 1``. The same as
    :func:`mean_field_mixture` with ``n = 1``.

    Examples
    --------
    >>> mean_field_retrieval(np.array([0.0, 0.5, 0.9, 1.0, 1.5])).round(4).tolist()
    [1.0, 0.9575, 0.5254, 0.0, 0.0]
    """
    return mean_field_mixture(T, 1)


def mixture_stability(T, n: int = 3):
    """Smallest curvature of the mean-field free energy at the symmetric ``n``-mixture.

    The free energy per neuron at low load is
    ``f(m) = 1/2 sum_mu m_mu^2 - T <ln 2 cosh(beta m . xi)>``; its Hessian is
    ``A_mu,nu = delta_mu,nu - beta <xi^mu xi^nu (1 - tanh^2(beta m . xi))>``.
    At the symmetric mixture it has three distinct eigenvalues (with
    ``t = tanh(beta m S)``, ``S = xi^1 + ... + xi^n``, ``Q = <t^2>``):

    * ``1 - beta (1 - Q)`` in the directions of the patterns not in the mixture;
    * ``1 - beta (1 - Q) - beta (n - 1) q`` along ``(1, ..., 1)`` (all ``n``
      overlaps together), with ``q = <xi^1 xi^2 (1 - t^2)>``;
    * ``1 - beta (1 - Q) + beta q`` in the directions that make the ``n``
      overlaps unequal (only for ``n >= 3``).

    The state is stable where the smallest is > 0 (Amit, Gutfreund &
    Sompolinsky 1985; Amit 1989, sec. 4.4). For ``n = 3`` the third one
    changes sign at ``T ~ 0.46``: above it the mixture is a saddle and
    the dynamics slides from it to a single pattern. For ``n = 1`` (a
    pattern) the smallest is ``1 - beta (1 - m^2) > 0`` for every ``T < 1``.

    Returns
    -------
    float or numpy.ndarray of the shape of ``T`` (``nan`` for ``T >= 1`` and
    ``T = 0``, where the state is not a non-trivial solution or the formula is singular)

    Examples
    --------
    >>> bool(mixture_stability(0.4) > 0), bool(mixture_stability(0.5) < 0), bool(mixture_stability(0.5, 1) > 0)
    (True, True, True)
    """
    k = _check_n(n)
    t = _temperatures(T)
    tt = np.atleast_1d(t).astype(float)
    m = np.atleast_1d(mean_field_mixture(tt, k))
    out = np.full(tt.shape, np.nan)
    ok = (tt > 0) & (tt < 1)
    if ok.any():
        r = np.arange(-(k - 1), k, 2)  # R = xi^2 + ... + xi^n given xi^1 = +1
        pr = np.array([math.comb(k - 1, j) for j in range(k)], dtype=float) / 2 ** (k - 1)
        beta = 1.0 / tt[ok]
        tanh = np.tanh(beta[:, None] * m[ok, None] * (1 + r)[None, :])  # (T, values of R)
        Q = (tanh**2) @ pr
        lam_out = 1 - beta * (1 - Q)
        lam = [lam_out]
        if k >= 2:
            # <xi^1 xi^2 (1 - t^2)> with xi^1 = +1: xi^2 = +1 for a fraction (R + n - 1) / (2 (n - 1)) of the cases
            frac_plus = (r + (k - 1)) / (2.0 * (k - 1))
            q = ((1 - tanh**2) * (2 * frac_plus - 1)[None, :]) @ pr
            lam.append(lam_out - beta * (k - 1) * q)
            lam.append(lam_out + beta * q)
        out[ok] = np.min(np.stack(lam), axis=0)
    return float(out[0]) if t.ndim == 0 else out


def mixture_melting_temperature(n: int = 3) -> float:
    """The temperature above which the symmetric ``n``-mixture is unstable (mean field, low load).

    The root of :func:`mixture_stability` in ``T``: 0.460 for ``n = 3``
    (quoted as 0.461 by Amit, Gutfreund & Sompolinsky 1985), 0.385 for
    ``n = 5``, 0.344 for ``n = 7``; 1.0 for ``n = 1``, the pattern itself,
    which melts only at ``T = 1``.

    >>> [round(mixture_melting_temperature(n), 3) for n in (1, 3, 5, 7)]
    [1.0, 0.46, 0.385, 0.344]
    """
    k = _check_n(n)
    if k == 1:
        return 1.0
    from scipy.optimize import brentq

    return float(brentq(lambda t: mixture_stability(t, k), 0.1, 0.99, xtol=1e-8))


def mean_field_iterate(patterns, overlaps, T, *, iterations: int = 2000, tol: float = 1e-10):
    """Iterate the low-load mean-field equations of one given network from given overlaps.

    With the network's own patterns (not an average over random ones), the
    time-averaged overlaps of a low-load Hebbian network satisfy

    .. math:: m_\\mu = \\frac1N \\sum_i \\xi^\\mu_i \\tanh\\Big(\\beta \\sum_\\nu m_\\nu \\xi^\\nu_i\\Big) ;

    this function repeats ``m <- right-hand side`` from ``overlaps`` until ``m``
    changes by less than ``tol`` or ``iterations`` are done, for every
    temperature at once. Iteration converges to a *stable* solution near the
    start: started at a mixture, it stays there where the mixture is stable and
    slides away (to a pattern, or to 0) where it is not. Unlike
    :func:`mean_field_mixture`, it sees the finite-``N`` details of the
    patterns, such as sign combinations that do not occur exactly equally often.

    Parameters
    ----------
    patterns : array of shape (P, N), values +-1
    overlaps : array of shape (P,), the start
    T : float or array of shape (K,), temperatures > 0
    iterations : int
    tol : float

    Returns
    -------
    numpy.ndarray of shape (P,) for one T, or (K, P)

    Examples
    --------
    >>> from hopfield_lib import random_patterns, overlap
    >>> xi = random_patterns(3, 4000, rng=0)
    >>> m = mean_field_iterate(xi, overlap(xi, xi[0]), [0.5, 1.5])
    >>> m.shape, round(float(m[0, 0]), 2), bool(np.abs(m[1]).max() < 1e-3)   # m(0.5) = 0.958 for N -> inf
    ((2, 3), 0.96, True)
    """
    xi = as_patterns(patterns).astype(float, copy=False)
    m0 = np.asarray(as_real_array(overlaps, "overlaps", ndim=(1,)), dtype=float)
    check_same_n(xi.shape[0], m0, "overlaps", f"patterns of shape {xi.shape} (one overlap per pattern)")
    t = _temperatures(T)
    if np.any(t <= 0):
        raise ValueError(f"T: expected temperatures > 0, got {T!r}")
    iterations = as_int(iterations, "iterations")
    tt = np.atleast_1d(t)
    m = np.tile(m0, (tt.size, 1))  # (K, P)
    n = xi.shape[1]
    for _ in range(int(iterations)):
        # sums in a fixed order (no BLAS): the same last bits under every BLAS kernel
        field = np.zeros((tt.size, n))
        for mu in range(xi.shape[0]):
            field += m[:, mu, None] * xi[mu]
        t_ = np.tanh(field / tt[:, None])
        new = np.stack([np.sum(t_ * x, axis=1) for x in xi], axis=1) / n
        done = np.max(np.abs(new - m)) < tol
        m = new
        if done:
            break
    return m[0] if t.ndim == 0 else m
