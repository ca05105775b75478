"""Learning rules: from a set of patterns ``xi`` of shape ``(P, N)`` to weights ``W``.

All rules return a symmetric ``(N, N)`` float matrix with a zero diagonal, on
the same scale as Hebb's rule (entries of order ``1/N``), so that they can be
swapped in any experiment.
"""

from __future__ import annotations

import numpy as np

from ._validation import as_patterns

__all__ = ["hebbian", "storkey", "pseudo_inverse", "hetero_hebbian"]


def hebbian(patterns) -> np.ndarray:
    """Hebb's rule (Hopfield 1982).

    .. math:: W_{ij} = \\frac{1}{N} \\sum_{\\mu=1}^{P} \\xi^\\mu_i \\xi^\\mu_j, \\qquad W_{ii} = 0

    i.e. ``W = xi.T @ xi / N`` with the diagonal set to zero.

    Parameters
    ----------
    patterns : array of shape (P, N), values +-1

    Returns
    -------
    W : numpy.ndarray of shape (N, N), float64, symmetric, zero diagonal

    Examples
    --------
    >>> xi = np.array([[1, -1, 1]])
    >>> hebbian(xi) * 3
    array([[ 0., -1.,  1.],
           [-1.,  0., -1.],
           [ 1., -1.,  0.]])
    """
    xi = as_patterns(patterns).astype(float, copy=False)
    return _outer_sum(xi)


def _outer_sum(d: np.ndarray) -> np.ndarray:
    """``d.T @ d / N`` with a zero diagonal, for rows ``d`` of shape ``(P, N)``: Hebb's rule on ``d``."""
    W = d.T @ d
    W /= d.shape[1]
    np.fill_diagonal(W, 0.0)
    return W


def storkey(patterns) -> np.ndarray:
    """Storkey's rule (Storkey 1997): incremental, local, and higher capacity than Hebb.

    Patterns are learned one after the other. With ``W`` the weights before
    pattern ``xi = xi^nu`` and the local field excluding neurons ``i`` and ``j``

    .. math:: h_{ij} = \\sum_{k \\ne i, j} W_{ik} \\xi_k ,

    the update is

    .. math:: W_{ij} \\leftarrow W_{ij} + \\frac{1}{N}\\left(\\xi_i \\xi_j - \\xi_i h_{ji} - h_{ij} \\xi_j\\right).

    With a zero diagonal, ``h_ij = h_i - W_ij xi_j`` where ``h = W @ xi``, so one
    pattern costs O(N^2): ``dW = (outer(xi, xi) - outer(xi, h) - outer(h, xi) + 2 W) / N``
    (using ``xi_j**2 = 1`` and the symmetry of ``W``), done in place as a
    symmetric rank-2 update; the diagonal is kept at zero (see :func:`storkey_update`).

    Parameters
    ----------
    patterns : array of shape (P, N), values +-1

    Returns
    -------
    W : numpy.ndarray of shape (N, N), float64, symmetric, zero diagonal

    Examples
    --------
    >>> xi = np.array([[1, -1, 1, -1]])
    >>> bool(np.allclose(storkey(xi), hebbian(xi)))   # one pattern: same as Hebb
    True
    """
    xi = as_patterns(patterns).astype(float, copy=False)
    n = xi.shape[1]
    W = np.zeros((n, n))
    for x in xi:
        _storkey_step(W, x)
    return W


def _storkey_step(W: np.ndarray, x: np.ndarray) -> None:
    """Storkey's update for one pattern ``x`` (float +-1), in place, as a symmetric rank-2 update.

    ``xi xi^T - xi h^T - h xi^T = xi y^T + y xi^T`` with ``y = xi / 2 - h``.
    """
    n = x.shape[0]
    h = W @ x
    y = (0.5 * x - h) / n
    W *= 1.0 + 2.0 / n
    W += np.stack([x, y], axis=1) @ np.stack([y, x], axis=1).T
    np.fill_diagonal(W, 0.0)


def pseudo_inverse(patterns) -> np.ndarray:
    """The projection (pseudo-inverse) rule (Personnaz, Guyon & Dreyfus 1985;
    Kanter & Sompolinsky 1987).

    .. math:: W = \\frac{1}{N} \\xi^T C^{-1} \\xi, \\qquad C = \\frac{1}{N} \\xi \\xi^T ,

    with the diagonal set to zero. ``C`` is the ``(P, P)`` matrix of overlaps
    between patterns. Before the diagonal is removed, ``W`` is the orthogonal
    projector onto the span of the patterns, so every pattern satisfies
    ``W @ xi^mu = xi^mu`` exactly, however correlated the patterns are.
    When the patterns are linearly dependent, ``C`` is singular and its
    Moore-Penrose pseudo-inverse is used (still the projector onto their span).

    Parameters
    ----------
    patterns : array of shape (P, N), values +-1

    Returns
    -------
    W : numpy.ndarray of shape (N, N), float64, symmetric, zero diagonal

    Examples
    --------
    >>> from hopfield_lib import letters, sync_step
    >>> xi = letters.letters("OQCG")           # strongly correlated letters
    >>> bool(np.array_equal(sync_step(pseudo_inverse(xi), xi), xi))
    True
    """
    xi = as_patterns(patterns).astype(float, copy=False)
    n = xi.shape[1]
    C = xi @ xi.T / n
    W = xi.T @ np.linalg.pinv(C, hermitian=True) @ xi / n
    W = 0.5 * (W + W.T)  # remove rounding asymmetry
    np.fill_diagonal(W, 0.0)
    return W


def hetero_hebbian(inputs, outputs) -> np.ndarray:
    """Hebb's rule for hetero-association: map each input pattern to its output pattern.

    .. math:: W_{ij} = \\frac{1}{N_{in}} \\sum_\\mu \\eta^\\mu_i \\xi^\\mu_j

    with inputs ``xi`` of shape ``(P, N_in)`` and outputs ``eta`` of shape
    ``(P, N_out)``; then ``sign(W @ xi^mu) = eta^mu`` at low load. ``W`` has
    shape ``(N_out, N_in)``, is not square in general and has no diagonal to
    remove: it is a one-step associative map, not a recurrent network.

    Examples
    --------
    >>> from hopfield_lib import letters
    >>> xi, eta = letters.letters("AB"), letters.letters("XY")
    >>> W = hetero_hebbian(xi, eta)
    >>> bool(np.array_equal(np.sign(W @ xi[0]), eta[0]))
    True
    """
    xi = as_patterns(inputs, "inputs").astype(float, copy=False)
    eta = as_patterns(outputs, "outputs").astype(float, copy=False)
    if xi.shape[0] != eta.shape[0]:
        raise ValueError(
            f"inputs and outputs: expected one output per input (the same P), "
            f"got {xi.shape[0]} inputs and {eta.shape[0]} outputs"
        )
    return eta.T @ xi / xi.shape[1]


# --------------------------------------------------------------------------- added for lecture 8
# (incremental Storkey step, covariance rule for biased patterns)

__all__ += ["storkey_update", "covariance", "covariance_threshold"]


def storkey_update(W, pattern) -> np.ndarray:
    """Storkey's rule for one new pattern: the weights after learning ``pattern`` on top of ``W``.

    With ``h = W @ xi`` the field the new pattern sees from the old weights and
    ``h_ij = h_i - W_ij xi_j`` the same field without neuron ``j`` (Storkey 1997),

    .. math:: W_{ij} \\leftarrow W_{ij} + \\frac{1}{N}\\left(\\xi_i \\xi_j - \\xi_i h_{ji} - h_{ij} \\xi_j\\right)
              = W_{ij}\\left(1 + \\frac{2}{N}\\right) + \\frac{1}{N}\\left(\\xi_i \\xi_j - \\xi_i h_j - h_i \\xi_j\\right),

    for ``i != j``; the diagonal stays zero. Folding it over the patterns, starting
    from ``W = 0``, gives :func:`storkey`. One step costs O(N^2) time and memory
    and uses only the old weights and the new pattern (incremental), and the
    change of ``W_ij`` only ``xi_i``, ``xi_j``, ``h_i``, ``h_j`` and ``W_ij`` (local).

    Parameters
    ----------
    W : array of shape (N, N), symmetric with a zero diagonal (e.g. from :func:`storkey`)
    pattern : array of shape (N,), values +-1

    Returns
    -------
    numpy.ndarray of shape (N, N), float64: a new array; ``W`` is not modified.

    Examples
    --------
    >>> xi = np.array([[1, -1, 1, -1], [1, 1, -1, -1]])
    >>> W = storkey_update(np.zeros((4, 4)), xi[0])       # the first pattern: Hebb
    >>> bool(np.allclose(W, hebbian(xi[:1])))
    True
    >>> bool(np.allclose(storkey_update(W, xi[1]), storkey(xi)))
    True
    """
    from ._validation import as_spins, as_weights, check_same_n

    Wm = as_weights(W)
    x = as_spins(pattern, "pattern", ndim=(1,)).astype(float)
    check_same_n(Wm.shape[0], x, "pattern", f"W of shape {Wm.shape}")
    new = Wm.copy()
    _storkey_step(new, x)
    return new


def _mean_activity(xi: np.ndarray, mean_activity):
    """The mean activity ``a`` (a float or an ``(N,)`` vector), estimated from ``xi`` when None."""
    if mean_activity is None:
        return float(xi.mean())
    if isinstance(mean_activity, (bool, np.bool_)):
        raise TypeError("mean_activity: expected None, a number in [-1, 1] or a vector of shape (N,), got a bool")
    from ._validation import as_theta

    a = as_theta(mean_activity, xi.shape[1], "mean_activity")
    if np.any(np.abs(a) > 1):
        raise ValueError(f"mean_activity: expected values in [-1, 1], got {mean_activity}")
    return a


def covariance(patterns, mean_activity=None) -> np.ndarray:
    """The covariance rule for biased patterns (Amit, Gutfreund & Sompolinsky 1987).

    Patterns with mean activity ``a`` (``P(xi_i = +1) = (1 + a) / 2``) overlap
    by ``a**2`` on average, and Hebb's rule adds up these overlaps into a large
    common field. Subtracting the mean before the outer product removes it:

    .. math:: W_{ij} = \\frac{1}{N} \\sum_{\\mu=1}^{P} (\\xi^\\mu_i - a)(\\xi^\\mu_j - a), \\qquad W_{ii} = 0 .

    With ``a = 0`` it is Hebb's rule. Use it with the threshold
    :func:`covariance_threshold` (see there why).

    Parameters
    ----------
    patterns : array of shape (P, N), values +-1
    mean_activity : None, float in [-1, 1] or array of shape (N,)
        ``a``; None estimates it as the mean of all entries of ``patterns``.
        A vector subtracts a different mean from each neuron (for example
        ``patterns.mean(axis=0)``, the mean of each pixel of a set of images).

    Returns
    -------
    W : numpy.ndarray of shape (N, N), float64, symmetric, zero diagonal

    Examples
    --------
    >>> xi = np.array([[1, 1, 1, -1], [1, -1, 1, 1]])
    >>> covariance(xi, 0.5) * 4
    array([[ 0. , -0.5,  0.5, -0.5],
           [-0.5,  0. , -0.5, -1.5],
           [ 0.5, -0.5,  0. , -0.5],
           [-0.5, -1.5, -0.5,  0. ]])
    >>> bool(np.allclose(covariance(xi, 0.0), hebbian(xi)))
    True
    """
    xi = as_patterns(patterns).astype(float, copy=False)
    return _outer_sum(xi - _mean_activity(xi, mean_activity))


def covariance_threshold(mean_activity, n_neurons=None):
    """The threshold that centres the covariance rule's signal: ``theta = -a (1 - <a^2>)``.

    In a stored pattern ``xi^nu`` the covariance weights give neuron ``i`` the field

    .. math:: h_i = (\\xi^\\nu_i - a)\\,\\frac{1}{N}\\sum_j (\\xi^\\nu_j - a)\\,\\xi^\\nu_j + \\text{crosstalk}
              \\approx (1 - a^2)(\\xi^\\nu_i - a) + \\text{crosstalk},

    whose signal is lopsided: ``(1 - a^2)(1 - a)`` for ``xi_i = +1`` and
    ``-(1 - a^2)(1 + a)`` for ``xi_i = -1``. For ``a > 0`` the majority (+1)
    neurons have the small margin. With ``theta = -a (1 - a^2)`` the update
    ``sign(h_i - theta)`` sees ``(1 - a^2) xi_i`` + crosstalk: both kinds of
    neuron get the same margin, and the crosstalk (variance ``alpha (1 - a^2)^2``)
    meets the same signal-to-noise ratio ``1/sqrt(alpha)`` as unbiased patterns
    under Hebb's rule. For a vector ``a`` the threshold is ``-a_i (1 - mean(a^2))``.

    Parameters
    ----------
    mean_activity : float in [-1, 1], or array of shape (N,)
    n_neurons : int, optional
        When given, the threshold is returned as a vector of shape ``(n_neurons,)``.

    Returns
    -------
    float, or numpy.ndarray of shape (N,)

    Examples
    --------
    >>> covariance_threshold(0.0)
    0.0
    >>> round(covariance_threshold(0.5), 3)
    -0.375
    >>> covariance_threshold(0.5, 3).tolist()
    [-0.375, -0.375, -0.375]
    """
    if isinstance(mean_activity, (bool, np.bool_)):
        raise TypeError("mean_activity: expected a number in [-1, 1] or a vector of shape (N,), got a bool")
    a = np.asarray(mean_activity, dtype=float)
    if a.ndim > 1 or a.size == 0 or not np.all(np.isfinite(a)) or np.any(np.abs(a) > 1):
        raise ValueError(f"mean_activity: expected a number in [-1, 1] or a vector of such numbers, got {mean_activity}")
    theta = -a * (1.0 - np.mean(a**2)) + 0.0  # + 0.0 turns -0.0 into 0.0
    if n_neurons is not None:
        n = int(n_neurons)
        if a.ndim == 1 and a.shape[0] != n:
            raise ValueError(f"mean_activity: expected a vector of shape ({n},), got shape {a.shape}")
        return np.broadcast_to(theta, (n,)).astype(float)
    return float(theta) if theta.ndim == 0 else theta
