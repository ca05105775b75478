"""Dense associative memories (Krotov & Hopfield 2016; Demircigil et al. 2017).

The energy of a state ``s`` (values +-1) given patterns ``xi`` (``(P, N)``) is

    E(s) = -sum_mu F(xi^mu . s)

with ``F(x) = x**n`` (polynomial, Krotov & Hopfield 2016) or ``F(x) = exp(x)``
(Demircigil et al. 2017). ``n = 2`` is the classical Hopfield network; larger
``n`` makes the energy minima sharper and the capacity grow like ``N**(n-1)``;
``exp`` gives a capacity exponential in ``N``.
"""

from __future__ import annotations

import numbers

import numpy as np

from ._validation import as_patterns, as_spins, check_same_n

__all__ = ["dense_step", "dense_energy"]


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


def dense_step(patterns, state, *, n=3) -> np.ndarray:
    """One synchronous update of a dense associative memory.

    Every neuron ``i`` compares the energy with ``s_i = +1`` and ``s_i = -1``,
    the other neurons held fixed (Krotov & Hopfield 2016, eq. 3):

    .. math:: s_i \\leftarrow \\mathrm{sign}\\Big(\\sum_\\mu
        F\\big(\\xi^\\mu_i + r^\\mu_i\\big) - F\\big(-\\xi^\\mu_i + r^\\mu_i\\big)\\Big),
        \\qquad r^\\mu_i = \\sum_{j \\ne i} \\xi^\\mu_j s_j ,

    keeping ``s_i`` on a tie. ``F(x) = x**n`` for an int ``n >= 2``;
    ``n="exp"`` gives ``F(x) = exp(x)``, computed stably as
    ``sum_mu xi_i^mu exp(r_i^mu - max_mu r_i^mu)`` (same sign, no overflow).
    With ``n = 2`` this is exactly ``sync_step(hebbian(patterns), state)``.

    Parameters
    ----------
    patterns : array of shape (P, N), values +-1
    state : array of shape (N,) or a batch (B, N), values +-1
    n : int >= 2 or "exp"

    Returns
    -------
    numpy.ndarray of the shape and dtype of ``state``.
    Memory is O(B * P * N).

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
    a = S @ xi.T  # (B, P): xi^mu . s
    r = a[:, :, None] - xi[None, :, :] * S[:, None, :]  # (B, P, N): sum over j != i
    if n == "exp":
        r -= r.max(axis=1, keepdims=True)
        h = np.einsum("pi,bpi->bi", xi, np.exp(r))
    else:
        h = np.sum((r + xi) ** n - (r - xi) ** n, axis=1)
    new = np.where(h > 0, 1.0, np.where(h < 0, -1.0, S))
    return new.reshape(s.shape).astype(s.dtype, copy=False)


def dense_energy(patterns, state, *, n=3):
    """Energy ``E(s) = -sum_mu F(xi^mu . s)`` of a dense associative memory.

    ``F(x) = x**n`` or, for ``n="exp"``, ``exp(x)`` (which overflows to
    ``-inf`` beyond ``N`` of about 700: compare ``log``-energies there).

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
    e = -np.sum(np.exp(a) if n == "exp" else a**n, axis=-1)
    return float(e) if np.ndim(e) == 0 else e
