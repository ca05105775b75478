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
    n = xi.shape[1]
    W = xi.T @ xi
    W /= n
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
    (using ``xi_j**2 = 1`` and the symmetry of ``W``); the diagonal is kept at zero.

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
        h = W @ x
        hx = np.outer(h, x)
        W += (np.outer(x, x) - hx - hx.T + 2.0 * W) / n
        np.fill_diagonal(W, 0.0)
    return W


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
