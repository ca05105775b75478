"""Modern (continuous) Hopfield networks and their equality with attention
(Ramsauer et al. 2021).

Stored patterns are the rows of ``X`` (``(P, N)``, any real values); a state
(query) ``xi`` is a real vector ``(N,)``. With ``lse(beta, z) = log(sum_mu
exp(beta z_mu)) / beta``:

* energy  ``E(xi) = -lse(beta, X @ xi) + 1/2 xi.xi + log(P) / beta + 1/2 M**2``,
  ``M = max_mu |x_mu|``
* update  ``xi_new = X.T @ softmax(beta * X @ xi)``

One update step is scaled dot-product attention with ``beta = 1/sqrt(d)``:
``softmax(Q K^T / sqrt(d)) V`` with keys and values both equal to ``X``.
"""

from __future__ import annotations

import numbers

import numpy as np

from ._validation import as_real_array, check_same_n

__all__ = ["softmax", "logsumexp", "modern_update", "modern_energy", "attention"]


def _beta(beta) -> float:
    if isinstance(beta, bool) or not isinstance(beta, (numbers.Real, np.number)):
        raise TypeError(f"beta: expected a positive number, got {type(beta).__name__} {beta!r}")
    if not (np.isfinite(beta) and beta > 0):
        raise ValueError(f"beta: expected a positive finite number, got {beta}")
    return float(beta)


def softmax(z, axis=-1) -> np.ndarray:
    """Numerically stable ``exp(z) / sum(exp(z))`` along ``axis``.

    >>> softmax(np.array([0.0, np.log(3.0)])).round(3).tolist()
    [0.25, 0.75]
    """
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def logsumexp(z, axis=-1) -> np.ndarray:
    """Numerically stable ``log(sum(exp(z)))`` along ``axis``.

    >>> bool(logsumexp(np.array([1000.0, 1000.0])) == 1000.0 + np.log(2.0))
    True
    """
    z = np.asarray(z, dtype=float)
    m = z.max(axis=axis, keepdims=True)
    return np.squeeze(m, axis=axis) + np.log(np.sum(np.exp(z - m), axis=axis))


def _patterns_and_query(patterns, query):
    X = as_real_array(patterns, "patterns", ndim=(2,)).astype(float, copy=False)
    q = as_real_array(query, "query").astype(float, copy=False)
    check_same_n(X.shape[1], q, "query", f"patterns of shape {X.shape}")
    return X, q


def modern_update(patterns, query, *, beta=1.0) -> np.ndarray:
    """One update of a modern Hopfield network (Ramsauer et al. 2021, eq. 3).

    .. math:: \\xi^{new} = X^T \\mathrm{softmax}(\\beta X \\xi)

    Parameters
    ----------
    patterns : array of shape (P, N), real
        Stored patterns ``X``, one per row.
    query : array of shape (N,) or a batch (B, N), real
    beta : positive float
        Inverse temperature: small beta averages all patterns, large beta
        retrieves the single closest one.

    Returns
    -------
    numpy.ndarray of the shape of ``query`` (float64).

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> modern_update(X, np.array([0.9, 0.1]), beta=100.0).round(6).tolist()
    [1.0, 0.0]
    >>> modern_update(X, np.array([0.9, 0.1]), beta=1e-9).round(6).tolist()
    [0.5, 0.5]
    """
    b = _beta(beta)
    X, q = _patterns_and_query(patterns, query)
    return softmax(b * (q @ X.T), axis=-1) @ X


def modern_energy(patterns, query, *, beta=1.0):
    """Energy of a modern Hopfield network (Ramsauer et al. 2021, eq. 2).

    .. math:: E(\\xi) = -\\mathrm{lse}(\\beta, X\\xi) + \\tfrac12 \\xi^T\\xi
        + \\beta^{-1}\\log P + \\tfrac12 M^2, \\qquad M = \\max_\\mu \\lVert x_\\mu \\rVert

    The constants make ``E >= 0``; the update :func:`modern_update` never
    increases ``E`` (it is a concave-convex procedure).

    Returns a float for one query, an array ``(B,)`` for a batch.

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> bool(modern_energy(X, np.array([1.0, 0.0]), beta=8.0) >= 0)
    True
    """
    b = _beta(beta)
    X, q = _patterns_and_query(patterns, query)
    p = X.shape[0]
    m2 = np.max(np.sum(X**2, axis=1))
    e = -logsumexp(b * (q @ X.T), axis=-1) / b + 0.5 * np.sum(q**2, axis=-1) + np.log(p) / b + 0.5 * m2
    return float(e) if np.ndim(e) == 0 else e


def attention(Q, K, V) -> np.ndarray:
    """Scaled dot-product attention (Vaswani et al. 2017), written independently
    of :func:`modern_update` so that the two can be compared.

    .. math:: \\mathrm{Attention}(Q, K, V) = \\mathrm{softmax}\\!\\left(\\frac{Q K^T}{\\sqrt{d_k}}\\right) V

    Parameters
    ----------
    Q : array (L, d_k), queries, one per row
    K : array (S, d_k), keys
    V : array (S, d_v), values

    Returns
    -------
    numpy.ndarray of shape (L, d_v)

    Examples
    --------
    >>> Q = K = V = np.eye(2)
    >>> attention(Q, K, V).round(3).tolist()
    [[0.67, 0.33], [0.33, 0.67]]
    """
    Qa = as_real_array(Q, "Q", ndim=(2,)).astype(float, copy=False)
    Ka = as_real_array(K, "K", ndim=(2,)).astype(float, copy=False)
    Va = as_real_array(V, "V", ndim=(2,)).astype(float, copy=False)
    if Qa.shape[1] != Ka.shape[1]:
        raise ValueError(f"Q and K: expected the same key dimension d_k, got {Qa.shape} and {Ka.shape}")
    if Ka.shape[0] != Va.shape[0]:
        raise ValueError(f"K and V: expected one value per key, got {Ka.shape} and {Va.shape}")
    scores = Qa @ Ka.T / np.sqrt(Qa.shape[1])
    scores = scores - scores.max(axis=1, keepdims=True)
    weights = np.exp(scores)
    weights /= weights.sum(axis=1, keepdims=True)
    return weights @ Va
