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

from dataclasses import dataclass

import numpy as np

from ._validation import as_int, as_number, as_real_array, check_same_n

__all__ = [
    "softmax",
    "logsumexp",
    "modern_update",
    "modern_energy",
    "attention",
    "softmax_weights",
    "modern_retrieve",
    "ModernResult",
    "hopfield_layer",
]


def _beta(beta) -> float:
    """``beta`` as a finite float > 0 (the inverse temperature)."""
    return as_number(beta, "beta", low=0, low_open=True)


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
    max_steps = as_int(max_steps, "max_steps")
    tol = as_number(tol, "tol", low=0)
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
