"""Energy minimisation as computation: max-cut as an Ising problem, solved exactly by brute force.

Max-cut. Split the nodes of a graph (symmetric adjacency ``A``, zero
diagonal, weights ``A_ij >= 0``) into two groups ``s_i = +1`` and ``s_i = -1``;
the *cut* is the total weight of the edges between the groups:

.. math:: \\mathrm{cut}(s) = \\sum_{i<j} A_{ij}\\,\\frac{1 - s_i s_j}{2}.

With ``W = -A`` the Hopfield energy is ``E(s) = -1/2 s^T W s = sum_{i<j} A_ij s_i s_j``:
every uncut edge adds ``+A_ij``, every cut edge ``-A_ij``, so

.. math:: E(s) = M - 2\\,\\mathrm{cut}(s), \\qquad M = \\sum_{i<j} A_{ij},

and the lowest energy is the largest cut. Any network that descends ``E``
(binary, continuous, annealed) is a max-cut heuristic; for ``N <= 20`` nodes
every one of the ``2**N`` partitions can be checked to find the true optimum.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hopfield_lib.dynamics import _couplings
from hopfield_lib._validation import as_int, as_rng, as_spins, as_theta, as_weights, check_same_n

__all__ = [
    "random_graph",
    "maxcut_weights",
    "cut_value",
    "cut_from_energy",
    "exhaustive_minimum",
    "ExhaustiveResult",
    "best_cut",
    "BestCut",
    "MAX_EXHAUSTIVE",
    "spectral_partition",
    "draw_partition",
]

MAX_EXHAUSTIVE = 22
"""The largest N for which :func:`exhaustive_minimum` enumerates all ``2**N`` states."""


def _adjacency(A) -> np.ndarray:
    arr = as_weights(A, "A")
    if not np.allclose(arr, arr.T):
        raise ValueError("A: expected a symmetric adjacency matrix (an undirected graph)")
    if np.any(np.diag(arr) != 0):
        raise ValueError("A: expected a zero diagonal (no self-loops)")
    if np.any(arr < 0):
        raise ValueError("A: expected non-negative edge weights")
    return arr


def random_graph(n_nodes: int, p: float, *, rng=None) -> np.ndarray:
    """An Erdős–Rényi graph ``G(n, p)``: each of the ``n(n-1)/2`` edges present with probability ``p``.

    Returns the adjacency matrix, shape ``(n, n)``, float 0/1, symmetric, zero diagonal.

    >>> A = random_graph(6, 0.5, rng=0)
    >>> A.shape, bool(np.array_equal(A, A.T)), float(A.trace())
    ((6, 6), True, 0.0)
    """
    n = as_int(n_nodes, "n_nodes")
    if not 0.0 <= float(p) <= 1.0:
        raise ValueError(f"p: expected a probability in [0, 1], got {p}")
    gen = as_rng(rng)
    upper = np.triu(gen.random((n, n)) < float(p), k=1)
    return (upper | upper.T).astype(float)


def maxcut_weights(A) -> np.ndarray:
    """The Hopfield weights whose energy minimum is the maximum cut: ``W = -A``.

    >>> maxcut_weights(np.array([[0, 1], [1, 0]])).tolist()
    [[-0.0, -1.0], [-1.0, -0.0]]
    """
    return -_adjacency(A)


def cut_value(A, s):
    """Total weight of the edges between the ``+1`` and the ``-1`` group.

    .. math:: \\mathrm{cut}(s) = \\sum_{i<j} A_{ij}\\,[s_i \\ne s_j]
              = \\tfrac14 \\sum_{i,j} A_{ij}(1 - s_i s_j)

    ``s`` is one partition ``(N,)`` (values +-1) or a batch ``(B, N)``.

    >>> A = np.array([[0, 1, 1], [1, 0, 1], [1, 1, 0]])     # a triangle
    >>> cut_value(A, np.array([1, 1, -1])), cut_value(A, np.ones(3))
    (2.0, 0.0)
    """
    Am = _adjacency(A)
    st = as_spins(s, "s").astype(float)
    check_same_n(Am.shape[0], st, "s", f"A of shape {Am.shape}")
    c = 0.25 * (Am.sum() - np.sum((st @ Am) * st, axis=-1))
    return float(c) if np.ndim(c) == 0 else c


def cut_from_energy(A, E):
    """The cut of a partition from its Ising energy with ``W = -A``: ``(M - E) / 2``.

    ``M`` is the total edge weight ``A.sum() / 2``; ``E`` a number or an array.

    >>> A = np.array([[0, 1, 1], [1, 0, 1], [1, 1, 0]])
    >>> cut_from_energy(A, -1.0)          # E = M - 2 cut = 3 - 4
    2.0
    """
    Am = _adjacency(A)
    e = np.asarray(E, dtype=float)
    out = (Am.sum() / 2.0 - e) / 2.0
    return float(out) if out.ndim == 0 else out


@dataclass(frozen=True)
class ExhaustiveResult:
    """What :func:`exhaustive_minimum` returns.

    Attributes
    ----------
    energies : array (2**N,)
        The energy of every state, in the order of :func:`hopfield_lib.all_states`.
    minimum : float
        The lowest energy.
    ground_states : array (K, N)
        Every state with the lowest energy (``K >= 2`` when ``theta = 0``: ``s`` and ``-s``).
    """

    energies: np.ndarray
    minimum: float
    ground_states: np.ndarray


def _states(start: int, stop: int, n: int) -> np.ndarray:
    """Rows ``start .. stop-1`` of ``all_states(n)``."""
    bits = (np.arange(start, stop)[:, None] >> np.arange(n - 1, -1, -1)) & 1
    return 2.0 * bits - 1.0


def exhaustive_minimum(W, theta=0.0, *, atol=1e-9) -> ExhaustiveResult:
    """Find the exact minimum of ``E(s) = -1/2 s^T W s + theta^T s`` over all ``2**N`` states.

    Enumerates the states in blocks (memory ``O(65536 N)``), so ``N`` up to
    :data:`MAX_EXHAUSTIVE` works; the time grows like ``2**N N**2``.
    States within ``atol`` of the minimum count as ground states.

    >>> W = -np.array([[0, 1, 1], [1, 0, 1], [1, 1, 0.0]])
    >>> res = exhaustive_minimum(W)
    >>> res.minimum, len(res.ground_states)     # the triangle: 6 partitions cut 2 edges
    (-1.0, 6)
    """
    Wm = as_weights(W)
    n = Wm.shape[0]
    if n > MAX_EXHAUSTIVE:
        raise ValueError(f"W: exhaustive search is for N <= {MAX_EXHAUSTIVE}, got N = {n}")
    c = _couplings(Wm, as_theta(theta, n))  # integer weights (max-cut): exact energies
    total = 2**n
    block = 1 << 16
    energies = np.empty(total)
    for start in range(0, total, block):
        s = _states(start, min(total, start + block), n)
        energies[start:start + len(s)] = c.energy(s)
    emin = float(energies.min())
    idx = np.flatnonzero(energies <= emin + atol)
    ground = np.concatenate([_states(int(k), int(k) + 1, n) for k in idx])
    return ExhaustiveResult(energies, emin, ground)


@dataclass(frozen=True)
class BestCut:
    """What :func:`best_cut` returns.

    Attributes
    ----------
    value : float
        The maximum cut.
    partitions : array (K, N)
        Every optimal partition (each appears with its mirror image ``-s``).
    cuts : array (2**N,)
        The cut of every partition, in the order of :func:`hopfield_lib.all_states`.
    """

    value: float
    partitions: np.ndarray
    cuts: np.ndarray


def best_cut(A) -> BestCut:
    """The maximum cut of a small graph, by brute force over all ``2**N`` partitions.

    Uses :func:`exhaustive_minimum` on ``W = -A`` and ``cut = (M - E) / 2``.

    >>> A = np.array([[0, 1, 1, 0], [1, 0, 1, 1], [1, 1, 0, 1], [0, 1, 1, 0.0]])
    >>> res = best_cut(A)                        # 5 edges, the best cut has 4
    >>> res.value, res.partitions.shape
    (4.0, (2, 4))
    """
    Am = _adjacency(A)
    res = exhaustive_minimum(-Am)
    cuts = cut_from_energy(Am, res.energies)
    return BestCut(float(cuts.max()), res.ground_states, cuts)


def spectral_partition(A) -> np.ndarray:
    """The spectral max-cut heuristic: the signs of the eigenvector of ``A``'s smallest eigenvalue.

    That eigenvector minimises ``v^T A v`` over unit vectors, the relaxation of
    ``s^T A s = 2 E`` to real ``s``; rounding it gives a partition (``+1`` where the
    component is ``>= 0``). It is also the direction in which a continuous network
    with ``W = -A`` leaves ``V = 0`` when its gain crosses the critical gain.

    >>> square = np.array([[0, 1, 0, 1], [1, 0, 1, 0], [0, 1, 0, 1], [1, 0, 1, 0.0]])
    >>> cut_value(square, spectral_partition(square))      # bipartite: every edge cut
    4.0
    """
    Am = _adjacency(A)
    vector = np.linalg.eigh(Am)[1][:, 0]
    return np.where(vector >= 0, 1.0, -1.0)


def draw_partition(A, s, *, ax=None, title=None):
    """Draw a graph on a circle, nodes coloured by their group, cut edges solid.

    Nodes with ``s_i = +1`` are black, ``s_i = -1`` white; an edge between the
    groups (a cut edge) is drawn solid red, an edge inside a group dashed grey.

    Returns the matplotlib ``Axes``; the title defaults to ``cut = <value>``.

    >>> A = random_graph(5, 0.6, rng=0)
    >>> ax = draw_partition(A, np.array([1, -1, 1, -1, 1]))
    >>> ax.get_title()
    'cut = 4'
    """
    import matplotlib.pyplot as plt

    Am = _adjacency(A)
    st = as_spins(s, "s", ndim=(1,)).astype(float)
    check_same_n(Am.shape[0], st, "s", f"A of shape {Am.shape}")
    n = Am.shape[0]
    if ax is None:
        _, ax = plt.subplots(figsize=(3.2, 3.2), layout="constrained")
    angle = 2 * np.pi * np.arange(n) / n
    xy = np.column_stack([np.cos(angle), np.sin(angle)])
    for i, j in zip(*np.nonzero(np.triu(Am, 1))):
        cut = st[i] != st[j]
        ax.plot(*xy[[i, j]].T, color="tab:red" if cut else "0.6", ls="-" if cut else "--",
                lw=1.6 if cut else 0.8, zorder=1)
    ax.scatter(*xy.T, s=160, c=np.where(st > 0, "k", "w"), edgecolors="k", zorder=2)
    for k in range(n):
        ax.annotate(str(k), 1.18 * xy[k], ha="center", va="center", fontsize=7)
    ax.set_aspect("equal")
    ax.set_xlim(-1.35, 1.35)
    ax.set_ylim(-1.35, 1.35)
    ax.axis("off")
    value = cut_value(Am, st)
    ax.set_title(title if title is not None else f"cut = {value:g}")
    return ax
