"""Small helpers the checker modules share to build their cases and test for mistakes.

A private module (its name starts with ``_``), so the package does not import it as a
module of exercises. Every case is drawn from a generator with a fixed seed:

>>> _spins(_rng(0), 2, 3)
array([[ 1., -1., -1.],
       [-1.,  1.,  1.]])
>>> _hebb([[1, -1, 1], [1, 1, -1]])
array([[ 0.        ,  0.        ,  0.        ],
       [ 0.        ,  0.        , -0.66666667],
       [ 0.        , -0.66666667,  0.        ]])
"""

from __future__ import annotations

import numpy as np


def _rng(seed):
    """A numpy generator with a fixed seed."""
    return np.random.default_rng(seed)


def _spins(rng, *shape):
    """Random ±1 floats of the given shape, each sign with probability 1/2."""
    return np.where(rng.random(shape) < 0.5, -1.0, 1.0)


def _f(x):
    """``x`` as a float array."""
    return np.asarray(x, dtype=float)


def _symmetric(rng, n, *, integer=False, diagonal=0.0):
    """A random symmetric ``(n, n)`` matrix with the given diagonal.

    Gaussian entries ``(a + a.T) / 2``; with ``integer=True``, integers from -2 to 2
    (so that a field that is zero on paper is exactly zero).
    """
    if integer:
        a = rng.integers(-2, 3, size=(n, n)).astype(float)
        w = np.triu(a, 1)
        w = w + w.T
    else:
        a = rng.normal(size=(n, n))
        w = (a + a.T) / 2
    np.fill_diagonal(w, diagonal)
    return w


def _zero_diag(W):
    """A float copy of ``W`` with its diagonal set to 0."""
    W = np.array(W, dtype=float)
    np.fill_diagonal(W, 0.0)
    return W


def _hebb(xi):
    """Hebb's weights ``xi.T @ xi / N`` with a zero diagonal, for patterns ``xi`` of shape ``(P, N)``."""
    xi = np.asarray(xi, dtype=float)
    w = xi.T @ xi / xi.shape[1]
    np.fill_diagonal(w, 0.0)
    return w


def _array_for_one_state(result, expected, case) -> bool:
    """A mistake test: an array where one number (the value for one state) was expected."""
    return np.ndim(expected) == 0 and np.size(result) > 1
