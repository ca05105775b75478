"""Patterns and states: random patterns, corruption with noise, overlaps.

A state or pattern is a vector of N values in {-1, +1}; a set of P patterns is
an array ``xi`` of shape ``(P, N)``, one pattern per row.
"""

from __future__ import annotations

import numpy as np

from ._validation import as_int, as_number, as_real_array, as_rng, as_spins, check_same_n

__all__ = ["random_patterns", "corrupt", "overlap", "all_states"]


def random_patterns(n_patterns: int, n_neurons: int, *, rng=None) -> np.ndarray:
    """Draw ``n_patterns`` independent random patterns of ``n_neurons`` spins.

    Each entry is -1 or +1 with probability 1/2, independently:
    ``xi[mu, i] = +-1``.

    Parameters
    ----------
    n_patterns : int
        P, the number of patterns (>= 1).
    n_neurons : int
        N, the number of neurons (>= 1).
    rng : None, int or numpy.random.Generator
        Source of randomness; pass a seed for reproducible patterns.

    Returns
    -------
    numpy.ndarray of shape (P, N), dtype float64, values in {-1.0, +1.0}

    Examples
    --------
    >>> xi = random_patterns(3, 8, rng=0)
    >>> xi.shape
    (3, 8)
    >>> sorted(set(xi.ravel().tolist()))
    [-1.0, 1.0]
    """
    p = as_int(n_patterns, "n_patterns")
    n = as_int(n_neurons, "n_neurons")
    gen = as_rng(rng)
    return np.where(gen.random((p, n)) < 0.5, -1.0, 1.0)


def corrupt(state, fraction=None, *, n_flips=None, rng=None) -> np.ndarray:
    """Return a copy of ``state`` with exactly ``k`` distinct neurons flipped.

    ``k = round(fraction * N)`` when ``fraction`` is given, else ``k = n_flips``;
    give exactly one of them. The flipped neurons are chosen uniformly without
    replacement. For a batch of states ``(B, N)`` each row gets its own
    ``k`` flips.

    Parameters
    ----------
    state : array of shape (N,) or (B, N), values +-1
    fraction : float in [0, 1], optional
    n_flips : int in [0, N], optional
    rng : None, int or numpy.random.Generator

    Returns
    -------
    numpy.ndarray, same shape and dtype as ``state``; ``state`` is not modified.

    Examples
    --------
    >>> s = np.ones(10)
    >>> noisy = corrupt(s, 0.3, rng=1)
    >>> int((noisy != s).sum())
    3
    """
    s = as_spins(state, "state")
    n = s.shape[-1]
    if (fraction is None) == (n_flips is None):
        raise TypeError("corrupt: give exactly one of fraction or n_flips")
    if fraction is not None:
        k = int(round(as_number(fraction, "fraction", low=0, high=1) * n))
    else:
        k = as_int(n_flips, "n_flips", minimum=0, maximum=n)
    gen = as_rng(rng)
    out = s.copy()
    if k == 0:
        return out
    batch = out.reshape(-1, n)
    # The k smallest of N uniform keys per row: k distinct positions per row.
    idx = np.argpartition(gen.random(batch.shape), k - 1, axis=1)[:, :k]
    rows = np.arange(batch.shape[0])[:, None]
    batch[rows, idx] *= -1
    return out


def overlap(xi, s):
    """Overlap ``m = xi @ s / N`` between pattern(s) and state(s).

    ``m = 1`` when the state equals the pattern, ``-1`` for its reverse and
    about ``0`` for an unrelated state (of order ``1/sqrt(N)``).

    Shapes: ``xi`` is one pattern ``(N,)`` or a set ``(P, N)``; ``s`` is one
    state ``(N,)`` or a batch ``(B, N)``.

    ============  ============  ===============
    ``xi``        ``s``         result
    ============  ============  ===============
    ``(N,)``      ``(N,)``      float
    ``(P, N)``    ``(N,)``      ``(P,)``
    ``(N,)``      ``(B, N)``    ``(B,)``
    ``(P, N)``    ``(B, N)``    ``(B, P)``
    ============  ============  ===============

    Values need not be +-1: overlaps of graded states are defined the same way.

    Examples
    --------
    >>> xi = np.array([[1, 1, -1, -1], [1, -1, 1, -1]])
    >>> overlap(xi, np.array([1, 1, -1, -1])).tolist()
    [1.0, 0.0]
    """
    p = as_real_array(xi, "xi")
    st = as_real_array(s, "s")
    check_same_n(p.shape[-1], st, "s", f"xi of shape {p.shape}")
    n = p.shape[-1]
    m = st @ p.T / n
    return float(m) if np.ndim(m) == 0 else m


def all_states(n_neurons: int) -> np.ndarray:
    """Every one of the ``2**N`` states of ``N`` spins, one per row.

    Row ``k`` is the binary expansion of ``k`` with 0 -> -1 and 1 -> +1 (most
    significant bit first), so the first row is all -1 and the last all +1.
    Useful to enumerate the energy landscape of a small network exactly.
    ``N`` is limited to 20 (about a million states).

    Returns
    -------
    numpy.ndarray of shape (2**N, N), dtype float64

    Examples
    --------
    >>> all_states(2).tolist()
    [[-1.0, -1.0], [-1.0, 1.0], [1.0, -1.0], [1.0, 1.0]]
    """
    n = as_int(n_neurons, "n_neurons", maximum=20)
    bits = (np.arange(2**n)[:, None] >> np.arange(n - 1, -1, -1)) & 1
    return 2.0 * bits - 1.0
