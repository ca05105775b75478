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

import numpy as np

from ._threads import one_blas_thread
from ._validation import as_choice, as_int, as_patterns, as_rng, as_spins, check_same_n
from .dynamics import RecallResult, _mark_stops, sign_or_keep

__all__ = [
    "dense_step",
    "dense_energy",
    "dense_field",
    "dense_recall",
    "interaction",
]

#: Patterns per chunk are chosen so that a chunk of overlaps holds about this many numbers.
_CHUNK_ELEMENTS = 2_000_000


def _check_n(n):
    """``n``: an int >= 2 or ``"exp"``."""
    if isinstance(n, str) and n == "exp":
        return n
    try:
        return as_int(n, "n", minimum=2)
    except (TypeError, ValueError) as exc:
        error = ValueError if isinstance(n, str) else type(exc)
        raise error(f'n: expected an int >= 2 or "exp", got {n!r}') from None


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
    return sign_or_keep(h, S).reshape(s.shape).astype(s.dtype, copy=False)


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
    n = _check_n(n)
    as_choice(mode, "mode", ("sync", "async"))
    max_steps = as_int(max_steps, "max_steps")
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
                after = sign_or_keep(h, before)
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
        new = sign_or_keep(h, S[:, i])
        changed = new != S[:, i]
        if changed.any():
            a[changed] += (new[changed] - S[changed, i])[:, None] * col[None, :]
            S[changed, i] = new[changed]
    return S
