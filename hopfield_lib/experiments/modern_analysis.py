"""How a modern Hopfield network's state mixes the patterns, and how well one step retrieves (lecture 12).

The model (softmax, energy, update, attention) is :mod:`hopfield_lib.modern`. Here:
the softmax weights' effective number of patterns (:func:`effective_number`,
:func:`mass_count`), counting distinct end states and the nearest pattern
(:func:`distinct_states`, :func:`nearest_pattern`), and the separation of the
patterns that decides one-step retrieval (Ramsauer et al. 2021:
:func:`separation`, :func:`separation_threshold`, :func:`one_step_error_bound`).
"""

from __future__ import annotations


import numpy as np

from hopfield_lib._validation import as_int, as_number, as_real_array
from hopfield_lib.modern import _beta, _patterns_and_query

__all__ = [
    "effective_number",
    "mass_count",
    "distinct_states",
    "nearest_pattern",
    "separation",
    "separation_threshold",
    "one_step_error_bound",
]


def _weights(weights) -> np.ndarray:
    p = as_real_array(weights, "weights", ndim=(1, 2)).astype(float, copy=False)
    if np.any(p < 0):
        raise ValueError("weights: expected non-negative weights (a probability vector per row)")
    total = p.sum(axis=-1)
    if not np.allclose(total, 1.0, atol=1e-6):
        raise ValueError(f"weights: expected each row to sum to 1, got sums from {total.min():.3g} to {total.max():.3g}")
    return p


def effective_number(weights) -> np.ndarray | float:
    """The effective number of patterns that carry the softmax weight: ``exp(entropy)``.

    .. math:: n_{eff} = \\exp\\Big(-\\sum_\\mu p_\\mu \\log p_\\mu\\Big), \\qquad 0 \\log 0 = 0

    ``n_eff = k`` when the weight is spread evenly over ``k`` patterns;
    ``1`` for single-pattern retrieval, ``P`` for the global average.

    Parameters
    ----------
    weights : array (P,) or (B, P), non-negative, each row summing to 1

    Returns
    -------
    float for one weight vector, array (B,) for a batch

    Examples
    --------
    >>> effective_number(np.array([0.5, 0.5, 0.0, 0.0]))
    2.0
    >>> effective_number(np.array([[1.0, 0.0], [0.5, 0.5]])).tolist()
    [1.0, 2.0]
    """
    p = _weights(weights)
    plogp = np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)
    n = np.exp(-plogp.sum(axis=-1))
    return float(n) if np.ndim(n) == 0 else n


def mass_count(weights, fraction: float = 0.9) -> np.ndarray | int:
    """How many of the largest weights it takes to reach ``fraction`` of the total.

    Ramsauer et al. (2021) count, for each attention head, the patterns that
    carry 90 % of the softmax weight.

    Parameters
    ----------
    weights : array (P,) or (B, P), non-negative, each row summing to 1
    fraction : float in (0, 1]

    Returns
    -------
    int for one weight vector, int array (B,) for a batch

    Examples
    --------
    >>> mass_count(np.array([0.05, 0.6, 0.35]), 0.9)
    2
    """
    p = _weights(weights)
    fraction = as_number(fraction, "fraction", low=0, high=1, low_open=True)
    cum = np.cumsum(-np.sort(-p, axis=-1), axis=-1)
    k = np.sum(cum < fraction - 1e-12, axis=-1) + 1
    k = np.minimum(k, p.shape[-1])
    return int(k) if np.ndim(k) == 0 else k


def distinct_states(states, tol: float = 1e-3) -> int:
    """How many different states a batch ``(B, N)`` holds, two states being the
    same when no coordinate differs by more than ``tol``.

    Used to count the distinct fixed points that a batch of queries reaches:
    one (the global fixed point), a few (metastable states) or one per
    stored pattern. States are grouped greedily in order, so ``tol`` should
    be far below the distance between distinct fixed points.

    >>> distinct_states(np.array([[0.0, 1.0], [0.0, 1.0 + 1e-6], [1.0, 0.0]]))
    2
    """
    S = as_real_array(states, "states", ndim=(2,)).astype(float, copy=False)
    tol = as_number(tol, "tol", low=0)
    close = np.max(np.abs(S[:, None, :] - S[None, :, :]), axis=-1) <= tol  # (B, B)
    reps: list[int] = []
    for k in range(S.shape[0]):
        if not close[k, reps].any():
            reps.append(k)
    return len(reps)


def nearest_pattern(patterns, states) -> np.ndarray | int:
    """Index of the stored pattern closest (Euclidean distance) to each state.

    A retrieval counts as right when the state is closer to the cued pattern
    than to any other stored pattern. For +-1 vectors of equal length this is
    the pattern of largest overlap.

    Parameters
    ----------
    patterns : array (P, N)
    states : array (N,) or (B, N)

    Returns
    -------
    int for one state, int array (B,) for a batch (the first index on a tie)

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> nearest_pattern(X, np.array([[0.9, 0.2], [0.1, 0.7]])).tolist()
    [0, 1]
    """
    X, q = _patterns_and_query(patterns, states)
    d2 = np.sum(q**2, axis=-1)[..., None] - 2 * q @ X.T + np.sum(X**2, axis=1)
    k = np.argmin(d2, axis=-1)
    return int(k) if np.ndim(k) == 0 else k


def separation(patterns) -> np.ndarray:
    """The separation of every stored pattern from the others (Ramsauer et al. 2021, eq. 5).

    .. math:: \\Delta_\\mu = x_\\mu^T x_\\mu - \\max_{\\nu \\ne \\mu} x_\\mu^T x_\\nu

    The larger ``Delta_mu``, the more exactly one update retrieves pattern
    ``mu`` (the error falls like ``exp(-beta Delta_mu)``). With one pattern,
    ``Delta = inf``.

    Returns
    -------
    numpy.ndarray of shape (P,)

    Examples
    --------
    >>> X = np.array([[2.0, 0.0], [1.0, 1.0], [0.0, -1.0]])
    >>> separation(X).tolist()      # x_2 = (1, 1) is no closer to itself than to x_1
    [2.0, 0.0, 1.0]
    """
    X = as_real_array(patterns, "patterns", ndim=(2,)).astype(float, copy=False)
    if X.shape[0] == 1:
        return np.array([np.inf])
    G = X @ X.T
    own = np.diag(G).copy()
    np.fill_diagonal(G, -np.inf)
    return own - G.max(axis=1)


def separation_threshold(n_patterns: int, beta, max_norm) -> float:
    """The separation that guarantees a stored fixed point near a pattern.

    Ramsauer et al. (2021, appendix Lemma A7): if

    .. math:: \\Delta_\\mu \\ge \\frac{2}{\\beta P} + \\frac{1}{\\beta} \\ln\\big(2 (P - 1) P \\beta M^2\\big),

    the update maps the sphere of radius ``1/(beta P M)`` around ``x_mu`` into
    itself, is a contraction there, and so has exactly one fixed point in it
    (pattern ``mu`` is "stored"). ``M`` is the largest pattern norm. A
    sufficient condition, not a necessary one. ``-inf`` for one pattern.

    Examples
    --------
    >>> round(float(separation_threshold(100, 1.0, 8.0)), 2)
    14.07
    """
    p = as_int(n_patterns, "n_patterns")
    b = _beta(beta)
    m = float(max_norm)
    if not m > 0:
        raise ValueError(f"max_norm: expected a positive number, got {max_norm!r}")
    if p == 1:
        return -np.inf
    return float(2.0 / (b * p) + np.log(2.0 * (p - 1) * p * b * m**2) / b)


def one_step_error_bound(patterns, *, beta=1.0) -> np.ndarray:
    """Upper bound on the error of one update from a stored pattern itself.

    For the query ``xi = x_mu`` every other weight is at most
    ``exp(-beta Delta_mu)`` and ``|x_nu - x_mu| <= 2 M``, so

    .. math:: \\lVert f(x_\\mu) - x_\\mu \\rVert \\le 2 M (P - 1)\\, e^{-\\beta \\Delta_\\mu},

    the argument behind Ramsauer et al.'s (2021) Theorem 5 (exponentially
    small retrieval error).

    Returns
    -------
    numpy.ndarray of shape (P,)

    Examples
    --------
    >>> X = np.array([[3.0, 0.0], [0.0, 3.0]])
    >>> from hopfield_lib import modern_update
    >>> err = np.linalg.norm(modern_update(X, X, beta=1.0) - X, axis=1)
    >>> bool(np.all(err <= one_step_error_bound(X, beta=1.0)))
    True
    """
    b = _beta(beta)
    X = as_real_array(patterns, "patterns", ndim=(2,)).astype(float, copy=False)
    m = np.sqrt(np.max(np.sum(X**2, axis=1)))
    with np.errstate(over="ignore"):
        return 2.0 * m * (X.shape[0] - 1) * np.exp(-b * separation(X))
