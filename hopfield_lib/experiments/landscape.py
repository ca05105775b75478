"""The energy landscape of a small network, enumerated exactly.

With ``N`` neurons there are ``2**N`` states, the corners of an
``N``-dimensional hypercube; two states are neighbours when they differ in
one neuron (a *single flip*). For ``N`` up to about 16 every state can be
listed (:func:`hopfield_lib.all_states`), so the whole landscape is known:

* the energy of every state, ``E(s) = -1/2 s^T W s + theta^T s``;
* the energy change of every single flip, :func:`flip_energy_changes`,
  ``Delta E_i = 2 s_i (h_i - theta_i) - 2 W_ii`` with ``h = W s``
  (for symmetric ``W``; ``2 s_i (h_i - theta_i)`` when the diagonal is zero);
* the local minima: states that no single flip lowers. With a zero diagonal
  they are exactly the fixed points of the dynamics ``s_i <- sign(h_i -
  theta_i)`` with the tie rule (Hopfield 1982);
* where steepest single-flip descent from each state ends
  (:meth:`Landscape.descend`).

The Ising language of lecture 2 is here too: :func:`ising_energy` (couplings
``J`` and fields ``h``, i.e. ``W = J`` and ``theta = -h``),
:func:`unsatisfied_bonds` (frustration) and :func:`boltzmann` (the weights
``exp(-beta E)`` of a state at inverse temperature ``beta``).

The figures :func:`plot_levels` (an energy ladder) and :func:`plot_landscape`
(the hypercube graph, states placed by their number of +1 neurons and their
energy) draw what the functions compute.

States are indexed as in :func:`hopfield_lib.all_states`: row ``k`` is the
binary expansion of ``k`` with ``-1 -> 0`` and ``+1 -> 1``, most significant
neuron first (:func:`state_index`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from hopfield_lib.dynamics import _couplings
from hopfield_lib._validation import as_int, as_number, as_real_array, as_rng, as_spins, as_theta, as_weights, check_same_n
from hopfield_lib.patterns import all_states

__all__ = [
    "MAX_NEURONS",
    "ising_energy",
    "random_couplings",
    "flip_energy_changes",
    "single_flips",
    "state_index",
    "unsatisfied_bonds",
    "boltzmann",
    "Landscape",
    "enumerate_landscape",
    "plot_levels",
    "plot_landscape",
]

MAX_NEURONS = 16
"""Largest N that :func:`enumerate_landscape` accepts (65,536 states)."""

_TOL = 1e-9  # energies closer than this are equal (ties, degenerate ground states)


# --------------------------------------------------------------------------- energies


def ising_energy(J, state, h=0.0):
    """Ising energy ``E(s) = -1/2 sum_ij J_ij s_i s_j - sum_i h_i s_i`` (Ising 1925).

    The same number as the Hopfield energy with ``W = J`` and ``theta = -h``:
    ``ising_energy(J, s, h) == hopfield_lib.energy(J, s, theta=-h)``. The
    factor 1/2 is there because the double sum over all ``i, j`` counts each
    bond twice; with a zero diagonal it equals ``-sum_{i<j} J_ij s_i s_j``.

    Parameters
    ----------
    J : array of shape (N, N)
        Couplings (symmetric, zero diagonal in the Ising model).
    state : array of shape (N,) or a batch (B, N), values +-1
    h : float or array of shape (N,), default 0
        External field.

    Returns
    -------
    float for one state; numpy.ndarray of shape (B,) for a batch

    Examples
    --------
    >>> J = np.array([[0., 1.], [1., 0.]])       # one ferromagnetic bond
    >>> ising_energy(J, np.array([1, 1])), ising_energy(J, np.array([1, -1]))
    (-1.0, 1.0)
    >>> ising_energy(J, np.array([1, 1]), h=0.5)  # the field favours +1
    -2.0
    """
    Jm = as_weights(J, "J")
    s = as_spins(state, "state")
    check_same_n(Jm.shape[0], s, "state", f"J of shape {Jm.shape}")
    e = _couplings(Jm, -np.asarray(as_theta(h, Jm.shape[0], "h"))).energy(s)  # the Hopfield energy, theta = -h
    return float(e) if np.ndim(e) == 0 else e


def random_couplings(n_neurons: int, *, rng=None) -> np.ndarray:
    """Random symmetric Gaussian couplings with a zero diagonal: a spin glass.

    ``J_ij = J_ji ~ Normal(0, 1/N)`` independently for ``i < j``, ``J_ii = 0``:
    the Sherrington-Kirkpatrick (1975) model. Bonds are a random mixture of
    ferro- and antiferromagnetic ones, frustrated everywhere; the mean number
    of local minima grows as ``exp(0.199 N)`` (Tanaka & Edwards 1980).
    Gaussian couplings make ties (``Delta E_i = 0``) events of probability 0.

    Parameters
    ----------
    n_neurons : int
        N.
    rng : None, int or numpy.random.Generator

    Returns
    -------
    numpy.ndarray of shape (N, N), symmetric, zero diagonal

    Examples
    --------
    >>> J = random_couplings(4, rng=0)
    >>> bool(np.allclose(J, J.T)), np.diag(J).tolist()
    (True, [0.0, 0.0, 0.0, 0.0])
    """
    n = as_int(n_neurons, "n_neurons")
    a = as_rng(rng).normal(size=(n, n))
    J = (a + a.T) / np.sqrt(2.0 * n)  # off-diagonal variance 1/N
    np.fill_diagonal(J, 0.0)
    return J


def flip_energy_changes(W, state, theta=0.0) -> np.ndarray:
    """Energy change of flipping each neuron on its own: ``Delta E_i = E(s with s_i -> -s_i) - E(s)``.

    For ``E(s) = -1/2 s^T W s + theta^T s`` and symmetric ``W``:

    .. math:: \\Delta E_i = 2 s_i (h_i - \\theta_i) - 2 W_{ii}, \\qquad h = W s .

    With a zero diagonal this is ``2 s_i (h_i - theta_i)``: a flip lowers the
    energy exactly when the neuron disagrees with the sign of its field, which
    is when the update rule flips it. A non-symmetric ``W`` enters through its
    symmetric part ``(W + W^T) / 2`` (the energy only sees that part).

    Parameters
    ----------
    W : array of shape (N, N)
    state : array of shape (N,) or a batch (B, N), values +-1
    theta : float or array of shape (N,), default 0

    Returns
    -------
    numpy.ndarray of shape (N,), or (B, N) for a batch

    Examples
    --------
    >>> W = np.array([[0., 1.], [1., 0.]])
    >>> flip_energy_changes(W, np.array([1, 1])).tolist()    # aligned: each flip costs 2
    [2.0, 2.0]
    >>> flip_energy_changes(W, np.array([1, -1])).tolist()   # misaligned: each flip gains 2
    [-2.0, -2.0]
    """
    Wm = as_weights(W)
    s = as_spins(state, "state")
    check_same_n(Wm.shape[0], s, "state", f"W of shape {Wm.shape}")
    th = np.broadcast_to(as_theta(theta, Wm.shape[0]), (Wm.shape[0],))
    return _flip_changes(Wm, s.astype(float), th)


def _flip_changes(W: np.ndarray, s: np.ndarray, theta: np.ndarray) -> np.ndarray:
    sym = _couplings(0.5 * (W + W.T), theta)
    return 2.0 * s * (sym.local_field(s) - theta) - 2.0 * np.diag(W)


def single_flips(state) -> np.ndarray:
    """The ``N`` neighbours of a state: row ``i`` is ``state`` with neuron ``i`` flipped.

    Parameters
    ----------
    state : array of shape (N,) or a batch (B, N), values +-1

    Returns
    -------
    numpy.ndarray of shape (N, N), or (B, N, N) for a batch; same dtype as ``state``

    Examples
    --------
    >>> single_flips(np.array([1, 1, -1])).tolist()
    [[-1, 1, -1], [1, -1, -1], [1, 1, 1]]
    """
    s = as_spins(state, "state")
    n = s.shape[-1]
    flips = np.where(np.eye(n, dtype=bool), -1, 1).astype(s.dtype)
    return s[..., None, :] * flips


def state_index(state):
    """The row of :func:`hopfield_lib.all_states` that holds ``state``.

    ``+1 -> 1``, ``-1 -> 0``, read as a binary number, most significant neuron
    first. Flipping neuron ``i`` toggles bit ``N - 1 - i`` of the index, and
    the reversed state ``-s`` has index ``2**N - 1 - k``.

    Parameters
    ----------
    state : array of shape (N,) or a batch (B, N), values +-1

    Returns
    -------
    int, or numpy.ndarray of shape (B,) of ints

    Examples
    --------
    >>> state_index(np.array([-1, 1, 1]))
    3
    >>> state_index(all_states(3)).tolist()
    [0, 1, 2, 3, 4, 5, 6, 7]
    """
    s = as_spins(state, "state")
    n = s.shape[-1]
    if n > 62:
        raise ValueError(f"state: expected at most 62 neurons to index, got {n}")
    weights = 1 << np.arange(n - 1, -1, -1, dtype=np.int64)
    k = (s > 0).astype(np.int64) @ weights
    return int(k) if np.ndim(k) == 0 else k


def unsatisfied_bonds(J, state):
    """Number of unsatisfied bonds: pairs ``i < j`` with ``J_ij s_i s_j < 0``.

    A bond with ``J_ij > 0`` (ferromagnetic) wants ``s_i = s_j``; one with
    ``J_ij < 0`` (antiferromagnetic) wants ``s_i = -s_j``. When no state
    satisfies every bond the system is *frustrated* (Toulouse 1977), e.g.
    three spins with antiferromagnetic bonds around a triangle. Only the
    upper triangle of ``J`` is read (``J`` is taken to be symmetric).

    Parameters
    ----------
    J : array of shape (N, N)
    state : array of shape (N,) or a batch (B, N), values +-1

    Returns
    -------
    int, or numpy.ndarray of shape (B,) of ints

    Examples
    --------
    >>> J = -(np.ones((3, 3)) - np.eye(3))       # antiferromagnetic triangle
    >>> unsatisfied_bonds(J, all_states(3)).tolist()
    [3, 1, 1, 1, 1, 1, 1, 3]
    """
    Jm = as_weights(J, "J")
    s = as_spins(state, "state")
    check_same_n(Jm.shape[0], s, "state", f"J of shape {Jm.shape}")
    sf = s.astype(float)
    upper = np.triu(Jm, k=1)
    i, j = np.nonzero(upper)
    bond = upper[i, j] * sf[..., i] * sf[..., j]
    k = np.sum(bond < 0, axis=-1)
    return int(k) if np.ndim(k) == 0 else k


def boltzmann(energies, beta):
    """Boltzmann probabilities ``p_k = exp(-beta E_k) / Z``, ``Z = sum_k exp(-beta E_k)``.

    At ``beta = 0`` (infinite temperature) every state is equally likely; as
    ``beta -> infinity`` the probability concentrates on the ground states.
    Computed stably (the lowest energy is subtracted before exponentiating).

    Parameters
    ----------
    energies : array of shape (K,)
        The energies of all K states (e.g. ``Landscape.energies``).
    beta : float >= 0
        Inverse temperature.

    Returns
    -------
    numpy.ndarray of shape (K,), summing to 1

    Examples
    --------
    >>> boltzmann(np.array([-1.0, 1.0]), 0.0).tolist()
    [0.5, 0.5]
    >>> round(float(boltzmann(np.array([-1.0, 1.0]), 1.0)[0]), 4)   # 1 / (1 + e^-2)
    0.8808
    """
    e = as_real_array(energies, "energies", ndim=(1,)).astype(float)
    beta = as_number(beta, "beta", low=0)
    w = np.exp(-beta * (e - e.min()))
    return w / w.sum()


# --------------------------------------------------------------------------- the landscape


@dataclass(frozen=True, eq=False)
class Landscape:
    """Every state of a small network with its energy and its single-flip neighbours.

    Made by :func:`enumerate_landscape`. ``K = 2**N`` states.

    Attributes
    ----------
    W : array (N, N)
    theta : float or array (N,)
    states : array (K, N)
        ``hopfield_lib.all_states(N)``.
    energies : array (K,)
        ``E(states[k])``.
    delta : array (K, N)
        ``delta[k, i]``: energy change when neuron ``i`` of state ``k`` flips.
    neighbours : int array (K, N)
        ``neighbours[k, i]``: index of state ``k`` with neuron ``i`` flipped.
    """

    W: np.ndarray
    theta: float | np.ndarray
    states: np.ndarray
    energies: np.ndarray
    delta: np.ndarray
    neighbours: np.ndarray

    def __repr__(self) -> str:
        return (f"Landscape(N={self.n_neurons}, {len(self.states)} states, "
                f"{len(self.minima)} local minima, {len(self.ground_states)} ground states)")

    @property
    def n_neurons(self) -> int:
        return self.states.shape[1]

    @cached_property
    def is_minimum(self) -> np.ndarray:
        """Bool mask (K,): no single flip lowers the energy (``delta >= 0``).

        Ties (``delta == 0``) count as minima: such a state is a fixed point of
        the dynamics with the tie rule, though a neighbour has the same energy.
        """
        return np.all(self.delta >= -_TOL, axis=1)

    @cached_property
    def is_strict_minimum(self) -> np.ndarray:
        """Bool mask (K,): every single flip raises the energy (``delta > 0``)."""
        return np.all(self.delta > _TOL, axis=1)

    @property
    def minima(self) -> np.ndarray:
        """Indices of the local minima (ties included), in increasing order."""
        return np.flatnonzero(self.is_minimum)

    @property
    def strict_minima(self) -> np.ndarray:
        """Indices of the strict local minima, in increasing order."""
        return np.flatnonzero(self.is_strict_minimum)

    @property
    def ground_states(self) -> np.ndarray:
        """Indices of the states of lowest energy (all of them when degenerate)."""
        return np.flatnonzero(self.energies <= self.energies.min() + _TOL)

    def descend(self) -> np.ndarray:
        """Where steepest single-flip descent ends, from every state.

        From state ``k``, flip the neuron whose flip lowers the energy most
        (the lowest index on a tie); stop when no flip lowers it. This is a
        deterministic, zero-temperature walk downhill on the hypercube: it
        always ends in a local minimum. (It is *not* the asynchronous
        dynamics of lecture 3, which updates neurons in a random order, but
        it ends in the same set of states: the minima.)

        Returns
        -------
        int array (K,): the index of the minimum reached from each state.

        Examples
        --------
        >>> J = np.ones((3, 3)) - np.eye(3)          # ferromagnet: minima all -1 (0) and all +1 (7)
        >>> enumerate_landscape(J).descend().tolist()
        [0, 0, 0, 7, 0, 7, 7, 7]
        """
        best = np.argmin(self.delta, axis=1)
        rows = np.arange(len(self.states))
        step = np.where(self.delta[rows, best] < -_TOL, self.neighbours[rows, best], rows)
        # Pointer jumping: after t rounds, step[k] is 2**t moves down from k.
        while True:
            nxt = step[step]
            if np.array_equal(nxt, step):
                return step
            step = nxt


def enumerate_landscape(W, theta=0.0) -> Landscape:
    """List every state of a network of ``N <= 16`` neurons with its energy and single flips.

    Parameters
    ----------
    W : array of shape (N, N)
        Weights (or Ising couplings ``J``).
    theta : float or array of shape (N,), default 0
        Thresholds (for Ising fields ``h`` pass ``theta = -h``).

    Returns
    -------
    Landscape

    Examples
    --------
    >>> J = np.ones((4, 4)) - np.eye(4)          # ferromagnet, 4 spins, all bonds +1
    >>> ls = enumerate_landscape(J)
    >>> ls
    Landscape(N=4, 16 states, 2 local minima, 2 ground states)
    >>> ls.states[ls.ground_states].tolist()
    [[-1.0, -1.0, -1.0, -1.0], [1.0, 1.0, 1.0, 1.0]]
    >>> float(ls.energies.min())                  # -(number of bonds) = -6
    -6.0
    """
    Wm = as_weights(W)
    n = Wm.shape[0]
    if n > MAX_NEURONS:
        raise ValueError(f"W: expected at most {MAX_NEURONS} neurons to enumerate 2**N states, got N = {n}")
    th = as_theta(theta, n)
    states = all_states(n)
    th_vec = np.broadcast_to(th, (n,))
    energies = _couplings(Wm, th).energy(states)
    delta = _flip_changes(Wm, states, th_vec)
    idx = np.arange(2**n)[:, None]
    bits = 1 << np.arange(n - 1, -1, -1)
    neighbours = idx ^ bits[None, :]
    for arr in (states, energies, delta, neighbours):
        arr.setflags(write=False)
    return Landscape(W=Wm, theta=th, states=states, energies=energies, delta=delta, neighbours=neighbours)


# --------------------------------------------------------------------------- figures


def _levels_x(states: np.ndarray, energies: np.ndarray, spread: float) -> np.ndarray:
    """x position of every state: its number of +1 neurons, spread within a column by energy."""
    ups = np.sum(states > 0, axis=1)
    x = ups.astype(float)
    for k in np.unique(ups):
        members = np.flatnonzero(ups == k)
        order = members[np.lexsort((members, energies[members]))]
        if len(order) > 1:
            x[order] += np.linspace(-spread, spread, len(order))
    return x


def plot_levels(energies, ax=None, *, highlight=None, labels=True, title: str | None = None,
                color="0.55", highlight_color="C3", max_ticks: int = 24):
    """Draw energies as a ladder: one rung per energy level, one tick per state on it.

    Every state is a short tick on the rung of its energy, so a rung's width
    shows its degeneracy; ticks of highlighted states (e.g. the local minima)
    are drawn in ``highlight_color``. A level with more than ``max_ticks``
    states is drawn as one line, coloured by the share of highlighted states.

    Parameters
    ----------
    energies : array (K,)
        The energy of every state.
    ax : matplotlib Axes, optional
    highlight : bool mask or indices into ``energies``, optional
        States to mark.
    labels : bool
        Write the degeneracy (``×6``: six states at this energy) beside each rung,
        with the number of highlighted ones when only some are.
    title : str, optional
    max_ticks : int
        Most ticks drawn on one rung.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> J = -(np.ones((3, 3)) - np.eye(3))
    >>> ls = enumerate_landscape(J)
    >>> fig = plot_levels(ls.energies, highlight=ls.is_minimum)
    >>> sorted(t.get_text() for t in fig.axes[0].texts)
    ['×2', '×6']
    """
    from hopfield_lib.plotting import subplots

    e = as_real_array(energies, "energies", ndim=(1,)).astype(float)
    if ax is None:
        fig, ax = subplots(1, 1, width=3.0, height=3.2)
    else:
        fig = ax.figure
    mask = np.zeros(len(e), dtype=bool)
    if highlight is not None:
        hl_arr = np.asarray(highlight)
        if hl_arr.dtype == bool:
            if hl_arr.shape != e.shape:
                raise ValueError(f"highlight: expected a mask of shape {e.shape}, got {hl_arr.shape}")
            mask = hl_arr.copy()
        else:
            mask[hl_arr.astype(int)] = True
    levels = _merge_close(np.sort(e))
    span = max(levels.max() - levels.min(), 1.0)
    for level in levels:
        members = np.flatnonzero(np.abs(e - level) <= 1e-6 * max(1.0, abs(level)))
        marked = mask[members]
        k = len(members)
        if k <= max_ticks:
            # Highlighted ticks first, then the others; a small gap between ticks.
            colours = [highlight_color] * int(marked.sum()) + [color] * int(k - marked.sum())
            edges_x = np.linspace(0.0, 1.0, k + 1)
            gap = 0.15 / k
            for c, (x0, x1) in zip(colours, zip(edges_x[:-1], edges_x[1:])):
                ax.hlines(level, x0 + gap, x1 - gap, color=c, lw=3)
        else:
            ax.hlines(level, 0.0, 1.0, color=color, lw=2)
            if marked.any():
                ax.hlines(level, 0.0, marked.mean(), color=highlight_color, lw=3)
        if labels:
            text = f"×{k}"
            if 0 < marked.sum() < k:
                text += f" ({int(marked.sum())})"
            ax.text(1.05, level, text, va="center", fontsize=8,
                    color=highlight_color if marked.all() else "0.3")
    ax.set_xlim(-0.05, 1.45)
    ax.set_ylim(levels.min() - 0.08 * span, levels.max() + 0.08 * span)
    ax.set_xticks([])
    ax.set_ylabel("energy $E$")
    if title:
        ax.set_title(title)
    return fig


def _merge_close(sorted_e: np.ndarray) -> np.ndarray:
    """Distinct values of a sorted array, merging values that differ by rounding only."""
    keep = [sorted_e[0]]
    for v in sorted_e[1:]:
        if v - keep[-1] > 1e-6 * max(1.0, abs(v)):
            keep.append(v)
    return np.array(keep)


def plot_landscape(landscape: Landscape, ax=None, *, title: str | None = None, spread: float = 0.38,
                   edges: bool = True, label_minima: bool = True, color="C0"):
    """Draw the hypercube of a small network: states as dots, single flips as lines.

    Each state sits at x = its number of +1 neurons (spread a little within
    a column) and y = its energy; a line joins two states one flip apart.
    Local minima are circled in red; the lowest (ground) states get a star.
    Readable up to N = 6 or so (64 states, 192 lines).

    Parameters
    ----------
    landscape : Landscape
    ax : matplotlib Axes, optional
    title : str, optional
    spread : float
        Half-width of a column.
    edges : bool
        Draw the single-flip lines.
    label_minima : bool
        Write each minimum as a string of + and - below it.
    color : the colour of the states.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> J = np.ones((4, 4)) - np.eye(4)
    >>> fig = plot_landscape(enumerate_landscape(J), title="ferromagnet")
    >>> fig.axes[0].get_xlabel()
    'number of +1 neurons'
    """
    from matplotlib.collections import LineCollection

    from hopfield_lib.plotting import subplots

    if not isinstance(landscape, Landscape):
        raise TypeError(f"landscape: expected a Landscape (from enumerate_landscape), got {type(landscape).__name__}")
    ls = landscape
    if ax is None:
        fig, ax = subplots(1, 1, width=5.0, height=4.0)
    else:
        fig = ax.figure
    n = ls.n_neurons
    x = _levels_x(ls.states, ls.energies, spread if n > 1 else 0.0)
    y = ls.energies
    if edges:
        k, i = np.nonzero(ls.neighbours > np.arange(len(y))[:, None])
        j = ls.neighbours[k, i]
        segs = np.stack([np.column_stack([x[k], y[k]]), np.column_stack([x[j], y[j]])], axis=1)
        ax.add_collection(LineCollection(segs, colors="0.75", linewidths=0.6, zorder=1))
    ax.scatter(x, y, color=color, s=22, zorder=2, edgecolors="none")
    mins = ls.minima
    ax.scatter(x[mins], y[mins], s=110, facecolors="none", edgecolors="C3", linewidths=1.6, zorder=3,
               label=f"local minimum ({len(mins)})")
    ground = ls.ground_states
    ax.scatter(x[ground], y[ground], s=60, marker="*", color="C3", zorder=4, label=f"ground state ({len(ground)})")
    if label_minima:
        for m in mins:
            text = "".join("+" if v > 0 else "−" for v in ls.states[m])
            ax.annotate(text, (x[m], y[m]), xytext=(0, -9), textcoords="offset points",
                        ha="center", va="top", fontsize=7.5, family="monospace", color="C3")
    ax.set_xticks(range(n + 1))
    ax.set_xlim(-0.6, n + 0.6)
    pad = 0.16 * max(float(y.max() - y.min()), 1.0)
    ax.set_ylim(y.min() - pad, y.max() + 0.3 * pad)
    ax.set_xlabel("number of +1 neurons")
    ax.set_ylabel("energy $E$")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=2, fontsize=8, frameon=False)
    if title:
        ax.set_title(title)
    return fig
