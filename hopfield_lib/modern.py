"""Modern (continuous) Hopfield networks and their equality with attention
(Ramsauer et al. 2021), and the Lagrangian formulation of Krotov & Hopfield (2021).

Stored patterns are the rows of ``X`` (``(P, N)``, any real values); a state
(query) ``xi`` is a real vector ``(N,)`` or a batch ``(B, N)``. With
``lse(beta, z) = log(sum_mu exp(beta z_mu)) / beta``:

* energy  ``E(xi) = -lse(beta, X @ xi) + 1/2 xi.xi + log(P) / beta + 1/2 M**2``,
  ``M = max_mu |x_mu|``                                  (:func:`modern_energy`)
* update  ``xi_new = X.T @ softmax(beta * X @ xi)``     (:func:`modern_update`)

The update is the concave-convex procedure (CCCP) for ``E``, so ``E`` never
rises; iterating it is :func:`modern_retrieve`. The softmax weights
``p = softmax(beta * X @ xi)`` (:func:`softmax_weights`) say how many patterns
the state mixes (:func:`effective_number`, :func:`mass_count`); how well a
pattern is retrieved in one step depends on its separation
(:func:`separation`, :func:`separation_threshold`, :func:`one_step_error_bound`).

One update step is scaled dot-product attention with ``beta = 1/sqrt(d_k)``:
``softmax(Q K^T / sqrt(d_k)) V`` with the keys as stored patterns, the
queries as states and ``V = K W_V`` (:func:`attention`, :func:`hopfield_layer`).

Krotov & Hopfield (2021) obtain the classical, the dense and the modern
network from one two-layer network of feature neurons ``v`` and memory
neurons ``h`` by choosing the neurons' Lagrangians (:class:`Lagrangian`,
:func:`feature_memory_energy`, :func:`reduced_energy`, :func:`lagrangian_flow`).
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from typing import Callable

import numpy as np

from ._validation import as_real_array, check_same_n
from .patterns import _positive_int

__all__ = [
    "softmax",
    "logsumexp",
    "modern_update",
    "modern_energy",
    "attention",
    "softmax_weights",
    "modern_retrieve",
    "ModernResult",
    "effective_number",
    "mass_count",
    "distinct_states",
    "nearest_pattern",
    "separation",
    "separation_threshold",
    "one_step_error_bound",
    "hopfield_layer",
    "Lagrangian",
    "quadratic",
    "absolute",
    "power",
    "exponential",
    "log_sum_exp",
    "feature_memory_energy",
    "reduced_energy",
    "lagrangian_flow",
]


def _beta(beta) -> float:
    if isinstance(beta, bool) or not isinstance(beta, (numbers.Real, np.number)):
        raise TypeError(f"beta: expected a positive number, got {type(beta).__name__} {beta!r}")
    if not (np.isfinite(beta) and beta > 0):
        raise ValueError(f"beta: expected a positive finite number, got {beta}")
    return float(beta)


def softmax(z, axis=-1) -> np.ndarray:
    """Numerically stable ``exp(z) / sum(exp(z))`` along ``axis``.

    The maximum is subtracted before ``exp`` (it cancels in the ratio), so
    large inputs do not overflow.

    >>> softmax(np.array([0.0, np.log(3.0)])).round(3).tolist()
    [0.25, 0.75]
    >>> softmax(np.array([1000.0, 1000.0])).tolist()
    [0.5, 0.5]
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


def softmax_weights(patterns, query, *, beta=1.0) -> np.ndarray:
    """The weights ``p = softmax(beta * X @ xi)`` that an update gives each stored pattern.

    ``p_mu`` is the share of pattern ``mu`` in the new state
    ``X.T @ p``; the weights are positive and sum to 1 over the patterns.

    Parameters
    ----------
    patterns : array (P, N)
    query : array (N,) or a batch (B, N)
    beta : positive float

    Returns
    -------
    numpy.ndarray of shape (P,) for one query, (B, P) for a batch

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> softmax_weights(X, np.array([1.0, 0.0]), beta=np.log(3.0)).round(3).tolist()
    [0.75, 0.25]
    """
    b = _beta(beta)
    X, q = _patterns_and_query(patterns, query)
    return softmax(b * (q @ X.T), axis=-1)


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


def _energy(X: np.ndarray, q: np.ndarray, b: float, m2: float) -> np.ndarray:
    """Unchecked energy of a state or batch ``q`` (see :func:`modern_energy`)."""
    p = X.shape[0]
    return -logsumexp(b * (q @ X.T), axis=-1) / b + 0.5 * np.sum(q**2, axis=-1) + np.log(p) / b + 0.5 * m2


def modern_energy(patterns, query, *, beta=1.0):
    """Energy of a modern Hopfield network (Ramsauer et al. 2021, eq. 2).

    .. math:: E(\\xi) = -\\mathrm{lse}(\\beta, X\\xi) + \\tfrac12 \\xi^T\\xi
        + \\beta^{-1}\\log P + \\tfrac12 M^2, \\qquad M = \\max_\\mu \\lVert x_\\mu \\rVert

    with ``lse(β, z) = β⁻¹ log Σ_μ exp(β z_μ)``. The constants make ``E >= 0``;
    the update :func:`modern_update` never increases ``E`` (it is a
    concave-convex procedure).

    Parameters
    ----------
    patterns : array of shape (P, N), real
        Stored patterns ``X``, one per row.
    query : array of shape (N,), or a batch (B, N), real
        The state ``ξ`` (one per row for a batch).
    beta : positive float
        Inverse temperature.

    Returns
    -------
    float for one query of shape (N,); numpy.ndarray of shape (B,) for a
    batch (B, N), the energy of each row.

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> bool(modern_energy(X, np.array([1.0, 0.0]), beta=8.0) >= 0)
    True
    >>> modern_energy(X, np.array([[1.0, 0.0], [0.5, 0.5]]), beta=8.0).shape
    (2,)
    """
    b = _beta(beta)
    X, q = _patterns_and_query(patterns, query)
    e = _energy(X, q, b, np.max(np.sum(X**2, axis=1)))
    return float(e) if np.ndim(e) == 0 else e


@dataclass(frozen=True)
class ModernResult:
    """What :func:`modern_retrieve` returns.

    Attributes
    ----------
    state : array (N,) or (B, N)
        The final state(s).
    states : array (T + 1, N) or (T + 1, B, N)
        The state after every update; ``states[0]`` is the query. A query
        that converged early repeats its fixed point.
    energies : array (T + 1,) or (T + 1, B)
        :func:`modern_energy` of every state.
    converged : bool or bool array (B,)
        True where an update moved the state by at most ``tol`` (max norm).
    steps : int or int array (B,)
        Updates until convergence (the update that moved at most ``tol``
        counts), or ``max_steps``.
    """

    state: np.ndarray
    states: np.ndarray
    energies: np.ndarray
    converged: bool | np.ndarray
    steps: int | np.ndarray

    def __repr__(self) -> str:
        conv = self.converged if np.ndim(self.converged) == 0 else f"{int(np.sum(self.converged))}/{len(self.converged)}"
        return f"ModernResult(state shape {self.state.shape}, converged={conv})"


def modern_retrieve(patterns, query, *, beta=1.0, max_steps: int = 100, tol: float = 1e-10) -> ModernResult:
    """Iterate :func:`modern_update` until the state stops moving or ``max_steps``.

    A query stops when one update changes no coordinate by more than ``tol``;
    the energy of the states never rises along the way (Ramsauer et al. 2021,
    Theorem 1). A batch ``(B, N)`` is run together; each query keeps its own
    ``converged`` and ``steps``.

    Parameters
    ----------
    patterns : array (P, N)
    query : array (N,) or (B, N)
    beta : positive float
    max_steps : int >= 1
    tol : float >= 0

    Returns
    -------
    ModernResult with ``.state``, ``.states``, ``.energies``, ``.converged``, ``.steps``

    Examples
    --------
    >>> X = np.array([[1.0, 1.0, -1.0], [-1.0, 1.0, 1.0]])
    >>> res = modern_retrieve(X, np.array([0.5, 0.2, 0.0]), beta=4.0)
    >>> res.converged, res.state.round(4).tolist()
    (True, [1.0, 1.0, -1.0])
    >>> bool(np.all(np.diff(res.energies) <= 1e-12))
    True
    """
    b = _beta(beta)
    X, q = _patterns_and_query(patterns, query)
    max_steps = _positive_int(max_steps, "max_steps")
    if isinstance(tol, bool) or not isinstance(tol, (numbers.Real, np.number)) or not tol >= 0:
        raise ValueError(f"tol: expected a number >= 0, got {tol!r}")
    m2 = float(np.max(np.sum(X**2, axis=1)))
    const = np.log(X.shape[0]) / b + 0.5 * m2
    current = np.array(q, dtype=float, ndmin=2)  # (B, N), a copy
    n_batch = current.shape[0]
    scores = current @ X.T  # (B, P), kept equal to current @ X.T

    def energy_of(rows):
        return -logsumexp(b * scores[rows], axis=-1) / b + 0.5 * np.sum(current[rows] ** 2, axis=-1) + const

    history = [current.copy()]
    energy = energy_of(slice(None))
    energies = [energy.copy()]
    active = np.ones(n_batch, dtype=bool)
    converged = np.zeros(n_batch, dtype=bool)
    steps = np.full(n_batch, max_steps)
    for t in range(1, max_steps + 1):
        idx = np.flatnonzero(active)
        new = softmax(b * scores[idx], axis=-1) @ X
        done = np.max(np.abs(new - current[idx]), axis=1) <= tol
        current[idx] = new
        scores[idx] = new @ X.T
        energy[idx] = energy_of(idx)
        history.append(current.copy())
        energies.append(energy.copy())
        converged[idx[done]] = True
        steps[idx[done]] = t
        active[idx[done]] = False
        if not active.any():
            break
    states, energies = np.stack(history), np.stack(energies)
    if q.ndim == 1:
        return ModernResult(current[0], states[:, 0], energies[:, 0], bool(converged[0]), int(steps[0]))
    return ModernResult(current, states, energies, converged, steps)


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
    if isinstance(fraction, bool) or not isinstance(fraction, (numbers.Real, np.number)) or not 0 < fraction <= 1:
        raise ValueError(f"fraction: expected a number in (0, 1], got {fraction!r}")
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
    if isinstance(tol, bool) or not isinstance(tol, (numbers.Real, np.number)) or not tol >= 0:
        raise ValueError(f"tol: expected a number >= 0, got {tol!r}")
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
    p = _positive_int(n_patterns, "n_patterns")
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
    >>> err = np.linalg.norm(modern_update(X, X, beta=1.0) - X, axis=1)
    >>> bool(np.all(err <= one_step_error_bound(X, beta=1.0)))
    True
    """
    b = _beta(beta)
    X = as_real_array(patterns, "patterns", ndim=(2,)).astype(float, copy=False)
    m = np.sqrt(np.max(np.sum(X**2, axis=1)))
    with np.errstate(over="ignore"):
        return 2.0 * m * (X.shape[0] - 1) * np.exp(-b * separation(X))


def hopfield_layer(R, Y, W_Q, W_K, W_V, *, beta=None) -> np.ndarray:
    """A Hopfield layer: modern Hopfield updates in a projected space (Ramsauer et al. 2021, eq. 10).

    The raw state patterns ``R`` (``(S, d_r)``) and raw stored patterns ``Y``
    (``(P, d_y)``) are mapped to the associative space: the states
    ``Q = R W_Q`` and the stored patterns ``K = Y W_K`` (``d_k`` columns);
    every state gets one update and the result is projected by ``W_V``:

    .. math:: Z = \\mathrm{softmax}\\big(\\beta\\, R W_Q W_K^T Y^T\\big)\\, Y W_K W_V
        = \\mathrm{softmax}\\big(\\beta\\, Q K^T\\big) V, \\qquad V = K W_V .

    With ``beta = 1/sqrt(d_k)`` (the default) this is scaled dot-product attention.

    Returns
    -------
    numpy.ndarray of shape (S, d_v)

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> R, Y = rng.normal(size=(3, 4)), rng.normal(size=(5, 6))
    >>> W_Q, W_K, W_V = rng.normal(size=(4, 2)), rng.normal(size=(6, 2)), rng.normal(size=(2, 7))
    >>> Z = hopfield_layer(R, Y, W_Q, W_K, W_V)
    >>> K = Y @ W_K
    >>> bool(np.allclose(Z, attention(R @ W_Q, K, K @ W_V)))
    True
    """
    Ra = as_real_array(R, "R", ndim=(2,)).astype(float, copy=False)
    Ya = as_real_array(Y, "Y", ndim=(2,)).astype(float, copy=False)
    WQ = as_real_array(W_Q, "W_Q", ndim=(2,)).astype(float, copy=False)
    WK = as_real_array(W_K, "W_K", ndim=(2,)).astype(float, copy=False)
    WV = as_real_array(W_V, "W_V", ndim=(2,)).astype(float, copy=False)
    for name, raw, W in (("R and W_Q", Ra, WQ), ("Y and W_K", Ya, WK)):
        if raw.shape[1] != W.shape[0]:
            raise ValueError(f"{name}: expected matching inner dimensions, got {raw.shape} and {W.shape}")
    if WQ.shape[1] != WK.shape[1]:
        raise ValueError(f"W_Q and W_K: expected the same associative dimension d_k, got {WQ.shape} and {WK.shape}")
    if WV.shape[0] != WK.shape[1]:
        raise ValueError(f"W_V: expected {WK.shape[1]} rows (d_k), got shape {WV.shape}")
    d_k = WK.shape[1]
    b = 1.0 / np.sqrt(d_k) if beta is None else _beta(beta)
    return modern_update(Ya @ WK, Ra @ WQ, beta=b) @ WV


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


# --------------------------------------------------------------------------- Lagrangians


@dataclass(frozen=True)
class Lagrangian:
    """A neuron layer's Lagrangian ``L(x)`` and its activation ``g = dL/dx``
    (Krotov & Hopfield 2021).

    ``value(x)`` maps an array ``(..., n)`` to ``(...)``; ``activation(x)``
    maps it to ``(..., n)``. Build one with :func:`quadratic`,
    :func:`absolute`, :func:`power`, :func:`exponential` or :func:`log_sum_exp`.
    """

    name: str
    value: Callable[[np.ndarray], np.ndarray]
    activation: Callable[[np.ndarray], np.ndarray]

    def __repr__(self) -> str:
        return f"Lagrangian({self.name})"


def quadratic() -> Lagrangian:
    """``L(x) = 1/2 sum_i x_i**2``; activation ``g(x) = x`` (linear neurons).

    >>> quadratic().activation(np.array([1.5, -2.0])).tolist()
    [1.5, -2.0]
    """
    return Lagrangian("1/2 sum x^2", lambda x: 0.5 * np.sum(np.asarray(x, float) ** 2, axis=-1),
                      lambda x: np.asarray(x, float).copy())


def absolute() -> Lagrangian:
    """``L(x) = sum_i |x_i|``; activation ``g(x) = sign(x)`` (binary neurons).

    >>> absolute().activation(np.array([0.3, -2.0])).tolist()
    [1.0, -1.0]
    """
    return Lagrangian("sum |x|", lambda x: np.sum(np.abs(np.asarray(x, float)), axis=-1),
                      lambda x: np.sign(np.asarray(x, float)))


def power(n: int, coefficient: float = 1.0) -> Lagrangian:
    """``L(x) = c sum_mu x_mu**n``; activation ``f(x) = c n x**(n-1)``.

    For the memory neurons this is the interaction function ``F(x) = c x**n``
    of a dense associative memory (Krotov & Hopfield 2016); ``n = 2``,
    ``c = 1/2`` gives the classical network. (``L`` is convex only for even
    ``n`` or non-negative arguments; the energy identities hold regardless.)

    >>> float(power(3).value(np.array([1.0, 2.0])))
    9.0
    """
    n = _positive_int(n, "n")
    c = float(coefficient)
    return Lagrangian(f"{c:g} sum x^{n}", lambda x: c * np.sum(np.asarray(x, float) ** n, axis=-1),
                      lambda x: c * n * np.asarray(x, float) ** (n - 1))


def exponential() -> Lagrangian:
    """``L(x) = sum_mu exp(x_mu)``; activation ``exp(x)`` (Demircigil et al. 2017).

    >>> float(exponential().value(np.array([0.0, 0.0])))
    2.0
    """
    return Lagrangian("sum exp(x)", lambda x: np.sum(np.exp(np.asarray(x, float)), axis=-1),
                      lambda x: np.exp(np.asarray(x, float)))


def log_sum_exp(beta=1.0) -> Lagrangian:
    """``L(x) = lse(beta, x) = log(sum_mu exp(beta x_mu)) / beta``; activation ``softmax(beta x)``.

    The Lagrangian whose activation is the softmax: memory neurons that
    compete, as in the modern Hopfield network and attention.

    >>> log_sum_exp(2.0).activation(np.array([0.0, 0.0])).tolist()
    [0.5, 0.5]
    """
    b = _beta(beta)
    return Lagrangian(f"lse(beta={b:g}, x)", lambda x: logsumexp(b * np.asarray(x, float), axis=-1) / b,
                      lambda x: softmax(b * np.asarray(x, float), axis=-1))


def _check_lagrangian(obj, name):
    if not isinstance(obj, Lagrangian):
        raise TypeError(f"{name}: expected a Lagrangian (e.g. hl.modern.quadratic()), got {type(obj).__name__}")
    return obj


def feature_memory_energy(patterns, v, h, *, feature: Lagrangian, memory: Lagrangian):
    """Energy of the two-layer network of Krotov & Hopfield (2021), without input currents.

    Feature neurons ``v`` (``(N,)``) with activations ``g = dL_v/dv`` and memory
    neurons ``h`` (``(P,)``) with activations ``f = dL_h/dh``, coupled only by
    the pairwise synapses ``xi`` (the stored patterns, ``(P, N)``):

    .. math:: E = \\Big[\\sum_i v_i g_i - L_v\\Big] + \\Big[\\sum_\\mu h_\\mu f_\\mu - L_h\\Big]
        - \\sum_{\\mu, i} f_\\mu \\xi_{\\mu i} g_i .

    A batch ``v`` ``(B, N)`` with ``h`` ``(B, P)`` gives ``(B,)``.

    Examples
    --------
    >>> xi = np.array([[1.0, -1.0], [1.0, 1.0]])
    >>> v = np.array([0.3, 0.5])
    >>> E = feature_memory_energy(xi, v, xi @ v, feature=quadratic(), memory=log_sum_exp(1.0))
    >>> bool(np.isclose(E, reduced_energy(xi, v, feature=quadratic(), memory=log_sum_exp(1.0))))
    True
    """
    X = as_real_array(patterns, "patterns", ndim=(2,)).astype(float, copy=False)
    va = as_real_array(v, "v").astype(float, copy=False)
    ha = as_real_array(h, "h").astype(float, copy=False)
    check_same_n(X.shape[1], va, "v", f"patterns of shape {X.shape}")
    check_same_n(X.shape[0], ha, "h", f"P = {X.shape[0]} memory neurons")
    L_v, L_h = _check_lagrangian(feature, "feature"), _check_lagrangian(memory, "memory")
    g, f = L_v.activation(va), L_h.activation(ha)
    e = (np.sum(va * g, axis=-1) - L_v.value(va)) + (np.sum(ha * f, axis=-1) - L_h.value(ha)) \
        - np.sum((f @ X) * g, axis=-1)
    return float(e) if np.ndim(e) == 0 else e


def reduced_energy(patterns, v, *, feature: Lagrangian, memory: Lagrangian):
    """The energy with the memory neurons at equilibrium, ``h = xi @ g(v)`` (Krotov & Hopfield 2021).

    When the memory neurons are fast they sit at ``h_mu = sum_i xi_mu_i g_i``;
    the middle and last terms of :func:`feature_memory_energy` cancel and

    .. math:: E(v) = \\Big[\\sum_i v_i g_i - L_v(v)\\Big] - L_h\\big(\\xi\\, g(v)\\big).

    * ``feature=absolute()`` (binary neurons, the bracket vanishes) and
      ``memory=power(n)``: ``E = -sum_mu (xi_mu . s)**n``, the dense
      associative memory; ``power(2, 0.5)`` is the classical network.
    * ``feature=quadratic()``, ``memory=log_sum_exp(beta)``:
      ``E = 1/2 v.v - lse(beta, xi v)``, the modern Hopfield energy
      without its constants.

    Examples
    --------
    >>> xi = np.array([[1.0, -1.0, 1.0], [1.0, 1.0, -1.0]])
    >>> s = np.array([1.0, -1.0, 1.0])
    >>> float(reduced_energy(xi, s, feature=absolute(), memory=power(3)))
    -26.0
    """
    X = as_real_array(patterns, "patterns", ndim=(2,)).astype(float, copy=False)
    va = as_real_array(v, "v").astype(float, copy=False)
    check_same_n(X.shape[1], va, "v", f"patterns of shape {X.shape}")
    L_v, L_h = _check_lagrangian(feature, "feature"), _check_lagrangian(memory, "memory")
    g = L_v.activation(va)
    e = (np.sum(va * g, axis=-1) - L_v.value(va)) - L_h.value(g @ X.T)
    return float(e) if np.ndim(e) == 0 else e


def lagrangian_flow(patterns, v0, h0=None, *, feature: Lagrangian, memory: Lagrangian, tau_v=1.0,
                    tau_h=0.1, dt=0.01, steps: int = 1000):
    """Integrate the two-layer dynamics of Krotov & Hopfield (2021) with Euler steps.

    .. math:: \\tau_v \\frac{dv_i}{dt} = \\sum_\\mu \\xi_{\\mu i} f_\\mu - v_i, \\qquad
              \\tau_h \\frac{dh_\\mu}{dt} = \\sum_i \\xi_{\\mu i} g_i - h_\\mu ,

    with ``g = dL_v/dv`` and ``f = dL_h/dh``. When both Lagrangians have
    positive semi-definite Hessians, :func:`feature_memory_energy` never rises
    along the exact flow; Euler steps need ``dt`` well below ``tau_h``.

    Parameters
    ----------
    patterns : array (P, N)
    v0 : array (N,), the initial feature state
    h0 : array (P,), optional; default ``xi @ g(v0)``
    feature, memory : Lagrangian
    tau_v, tau_h, dt : positive floats
    steps : int >= 1

    Returns
    -------
    (times, v, h, energies): arrays of shapes (T + 1,), (T + 1, N), (T + 1, P), (T + 1,)

    Examples
    --------
    >>> xi = np.array([[1.0, 1.0, -1.0], [-1.0, 1.0, 1.0]])
    >>> t, v, h, E = lagrangian_flow(xi, np.array([0.6, 0.2, -0.1]), feature=quadratic(),
    ...                              memory=log_sum_exp(4.0), steps=2000)
    >>> v[-1].round(3).tolist(), bool(np.all(np.diff(E) <= 1e-12))
    ([1.0, 1.0, -1.0], True)
    """
    X = as_real_array(patterns, "patterns", ndim=(2,)).astype(float, copy=False)
    v = as_real_array(v0, "v0", ndim=(1,)).astype(float).copy()
    check_same_n(X.shape[1], v, "v0", f"patterns of shape {X.shape}")
    L_v, L_h = _check_lagrangian(feature, "feature"), _check_lagrangian(memory, "memory")
    if h0 is None:
        h = X @ L_v.activation(v)
    else:
        h = as_real_array(h0, "h0", ndim=(1,)).astype(float).copy()
        check_same_n(X.shape[0], h, "h0", f"P = {X.shape[0]} memory neurons")
    tv, th, step = _beta(tau_v), _beta(tau_h), _beta(dt)
    steps = _positive_int(steps, "steps")
    vs, hs = [v.copy()], [h.copy()]
    for _ in range(steps):
        g, f = L_v.activation(v), L_h.activation(h)
        v = v + step / tv * (f @ X - v)
        h = h + step / th * (X @ g - h)
        vs.append(v.copy())
        hs.append(h.copy())
    V, H = np.array(vs), np.array(hs)
    energies = feature_memory_energy(X, V, H, feature=L_v, memory=L_h)
    return np.arange(steps + 1) * step, V, H, energies
