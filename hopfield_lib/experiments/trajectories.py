"""Trajectories of the classical network, one update at a time, with the energy along the way.

Lecture 3 (dynamics) looks *inside* a sweep: the energy after every
single-neuron update, the synchronous orbit of a state, the fixed points of a
small network and how a threshold moves them. Notation as in
:mod:`hopfield_lib.dynamics`: ``W`` is ``(N, N)``, a state ``s`` is ``(N,)``
with values +-1, ``h = W @ s``, ``E(s) = -1/2 s^T W s + theta^T s`` and the
update ``s_i <- sign(h_i - theta_i)`` keeps ``s_i`` on a tie.

* :func:`sweep_orders`: the update orders :func:`hopfield_lib.recall` draws;
* :func:`async_trajectory`: single-neuron updates in a given order, the state
  and energy after each;
* :func:`sync_trajectory` and :func:`sync_orbit`: synchronous steps, and where
  they end (a fixed point, a 2-cycle, or a longer cycle);
* :func:`random_networks` and :func:`async_energy_changes`: the energy change
  of every single-neuron update, for many networks at once (the Lyapunov
  experiment);
* :func:`two_step_energy`: the function that never rises under synchronous
  updates (Goles, Fogelman-Soulié & Pellegrin 1985);
* :func:`fixed_points` and :func:`threshold_windows`: the fixed points of a
  small network by enumeration, and the range of a uniform threshold over
  which each state is one;
* :func:`state_string`: a small state written as ``"+-+"``, to print orbits;
* :func:`show_updates`: a figure of a trajectory, images every few updates
  with the overlaps and the energy along the way.

Fields are computed afresh from their definition at every update (no running
sums), through :func:`hopfield_lib.dynamics.couplings`: exact whenever the
weights are integers or integers over ``N`` (Hebb's rule), so that a tie is a
tie; every update uses the library's one tie rule
(:func:`hopfield_lib.dynamics.sign_or_keep`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hopfield_lib._validation import as_int, as_real_array, as_rng, as_spins, as_theta, as_weights, check_same_n
from hopfield_lib.dynamics import _couplings, sign_or_keep
from hopfield_lib.patterns import all_states

__all__ = [
    "Trajectory",
    "sweep_orders",
    "async_trajectory",
    "sync_trajectory",
    "sync_orbit",
    "random_networks",
    "async_energy_changes",
    "fixed_points",
    "threshold_windows",
    "two_step_energy",
    "show_updates",
    "state_string",
]

MAX_ENUMERATE = 16
"""Largest N for which :func:`fixed_points` and :func:`threshold_windows` list all ``2**N`` states."""


@dataclass(frozen=True)
class Trajectory:
    """What :func:`async_trajectory` and :func:`sync_trajectory` return.

    Attributes
    ----------
    states : array (T + 1, N)
        ``states[0]`` is the start, ``states[t]`` the state after update ``t``.
    energies : array (T + 1,)
        ``E(states[t])``.
    neurons : int array (T,) or None
        The neuron updated at each step (asynchronous); None for synchronous steps.
    flipped : bool array (T,)
        Whether update ``t`` changed the state.
    """

    states: np.ndarray
    energies: np.ndarray
    neurons: np.ndarray | None
    flipped: np.ndarray

    @property
    def steps(self) -> int:
        """The number of updates ``T``."""
        return len(self.flipped)

    @property
    def energy_changes(self) -> np.ndarray:
        """``energies[t + 1] - energies[t]``, shape ``(T,)``."""
        return np.diff(self.energies)

    def __repr__(self) -> str:
        kind = "async" if self.neurons is not None else "sync"
        return (f"Trajectory({kind}, {self.steps} updates, {int(self.flipped.sum())} flips, "
                f"E {self.energies[0]:.4g} -> {self.energies[-1]:.4g})")


def _checked(W, state, theta):
    """The couplings of ``W`` and ``theta`` (:func:`hopfield_lib.dynamics.couplings`) and ``state`` as floats."""
    Wm = as_weights(W)
    s = as_spins(state, "state", ndim=(1,))
    check_same_n(Wm.shape[0], s, "state", f"W of shape {Wm.shape}")
    return _couplings(Wm, as_theta(theta, Wm.shape[0])), s.astype(float)


def sweep_orders(n_neurons: int, n_sweeps: int, *, rng=None) -> np.ndarray:
    """The neuron order of ``n_sweeps`` asynchronous sweeps, one random permutation each.

    The permutations are drawn as :func:`hopfield_lib.recall` draws them, so
    ``async_trajectory(W, s, sweep_orders(N, k, rng=seed))`` passes through
    the states of ``recall(W, s, rng=seed)`` (sweep ``t`` ends at update
    ``t * N``) for as long as the recall runs.

    Returns
    -------
    int array of shape ``(n_sweeps * N,)``

    Examples
    --------
    >>> sweep_orders(3, 2, rng=0).reshape(2, 3).tolist()
    [[2, 0, 1], [2, 1, 0]]
    """
    n = as_int(n_neurons, "n_neurons")
    k = as_int(n_sweeps, "n_sweeps", minimum=0)
    gen = as_rng(rng)
    if k == 0:
        return np.zeros(0, dtype=int)
    return np.concatenate([gen.permutation(n) for _ in range(k)])


def _as_order(order, n: int) -> np.ndarray:
    arr = np.asarray(order)
    if arr.size == 0:
        return np.zeros(0, dtype=int)
    if arr.ndim != 1 or not np.issubdtype(arr.dtype, np.integer):
        raise TypeError(f"order: expected a 1-D sequence of neuron indices (ints), got {arr.dtype} of shape {arr.shape}")
    if arr.min() < 0 or arr.max() >= n:
        raise ValueError(f"order: expected neuron indices 0 to {n - 1}, got {arr.min()} to {arr.max()}")
    return arr.astype(int)


def async_trajectory(W, state, order, *, theta=0.0) -> Trajectory:
    """Update single neurons in the given order; record the state and energy after each update.

    Update ``t`` sets neuron ``i = order[t]`` to ``sign(h_i - theta_i)`` with
    ``h_i = sum_j W_ij s_j`` computed from the *current* state (so it sees
    every earlier update), keeping ``s_i`` when ``h_i - theta_i == 0``.
    One sweep of :func:`hopfield_lib.async_sweep` is ``order =
    rng.permutation(N)``; any sequence of indices works (repeats included).

    Nothing here assumes a symmetric ``W``: with an asymmetric ``W`` or a
    negative diagonal the energy may rise (lecture 3 shows when).

    Parameters
    ----------
    W : array of shape (N, N)
    state : array of shape (N,), values +-1
    order : sequence of ints in ``[0, N)``, length ``T``
    theta : float or array of shape (N,), default 0

    Returns
    -------
    Trajectory with ``states`` (T + 1, N), ``energies`` (T + 1,),
    ``neurons`` (= ``order``) and ``flipped`` (T,).

    Examples
    --------
    >>> W = np.array([[0., 1.], [1., 0.]])           # one excitatory bond
    >>> tr = async_trajectory(W, np.array([1, -1]), [0, 1])
    >>> tr.states.tolist(), tr.energies.tolist()
    ([[1.0, -1.0], [-1.0, -1.0], [-1.0, -1.0]], [1.0, -1.0, -1.0])
    """
    c, s = _checked(W, state, theta)
    idx = _as_order(order, c.K.shape[0])
    states = np.empty((len(idx) + 1, len(s)))
    states[0] = s
    flipped = np.zeros(len(idx), dtype=bool)
    for t, i in enumerate(idx):
        new = sign_or_keep(c.K[i] @ s - c.theta[i], s[i], c.tol)
        flipped[t] = new != s[i]
        s[i] = new
        states[t + 1] = s
    return Trajectory(states, c.energy(states), idx, flipped)


def sync_trajectory(W, state, n_steps: int, *, theta=0.0) -> Trajectory:
    """``n_steps`` synchronous steps (every neuron at once), with the energy after each.

    ``s(t + 1) = sign(W @ s(t) - theta)``, keeping ``s_i(t)`` on a tie. Unlike
    :func:`hopfield_lib.recall` it does not stop at a fixed point or a
    2-cycle: it runs all ``n_steps`` (so a cycle shows as repetition).

    Returns
    -------
    Trajectory with ``states`` (T + 1, N), ``energies`` (T + 1,),
    ``neurons = None`` and ``flipped`` (T,) (whether a step changed anything).

    Examples
    --------
    >>> W = np.array([[0., 1.], [1., 0.]])
    >>> sync_trajectory(W, np.array([1, -1]), 3).states.tolist()   # the 2-cycle
    [[1.0, -1.0], [-1.0, 1.0], [1.0, -1.0], [-1.0, 1.0]]
    """
    c, s = _checked(W, state, theta)
    t_max = as_int(n_steps, "n_steps", minimum=0)
    states = np.empty((t_max + 1, len(s)))
    states[0] = s
    for t in range(t_max):
        states[t + 1] = c.update(states[t])
    flipped = np.any(states[1:] != states[:-1], axis=1)
    return Trajectory(states, c.energy(states), None, flipped)


def sync_orbit(W, state, *, theta=0.0, max_steps: int = 1000) -> tuple[int, int]:
    """Where synchronous dynamics from ``state`` ends: ``(transient, period)``.

    The state space is finite and a synchronous step is deterministic, so the
    orbit ``s(0), s(1), ...`` must repeat: ``s(transient + period) ==
    s(transient)`` for the first such ``transient`` and the smallest
    ``period``. Period 1 is a fixed point, period 2 a 2-cycle. With a
    symmetric ``W`` no other period occurs (Goles, Fogelman-Soulié &
    Pellegrin 1985), but nothing here assumes symmetry.

    Returns ``(-1, 0)`` when no state repeats within ``max_steps`` steps.

    Examples
    --------
    >>> W = np.array([[0., 1.], [1., 0.]])
    >>> sync_orbit(W, np.array([1, 1])), sync_orbit(W, np.array([1, -1]))
    ((0, 1), (0, 2))
    >>> sync_orbit(np.array([[0., 1.], [-1., 0.]]), np.array([1, 1]))  # asymmetric: a 4-cycle
    (0, 4)
    """
    c, s = _checked(W, state, theta)
    t_max = as_int(max_steps, "max_steps")
    seen = {s.tobytes(): 0}
    for t in range(1, t_max + 1):
        s = c.update(s)
        key = s.tobytes()
        if key in seen:
            return seen[key], t - seen[key]
        seen[key] = t
    return -1, 0


def random_networks(n_networks: int, n_neurons: int, *, symmetric: bool = True, diagonal=0.0,
                     rng=None) -> np.ndarray:
    """A stack of random weight matrices with Gaussian entries (mean 0, variance 1).

    ``symmetric=True`` gives ``W = (A + A^T) / sqrt(2)`` (so the off-diagonal
    entries still have variance 1); ``symmetric=False`` gives ``A``, whose
    ``W_ij`` and ``W_ji`` are independent. The diagonal is then set to
    ``diagonal``: a number, or ``"random"`` to keep the Gaussian diagonal (half
    of it negative).

    Returns
    -------
    array of shape ``(n_networks, N, N)``

    Examples
    --------
    >>> Ws = random_networks(4, 5, rng=0)
    >>> Ws.shape, bool(np.allclose(Ws, Ws.transpose(0, 2, 1))), float(np.abs(Ws[:, 0, 0]).max())
    ((4, 5, 5), True, 0.0)
    """
    b = as_int(n_networks, "n_networks")
    n = as_int(n_neurons, "n_neurons")
    gen = as_rng(rng)
    a = gen.normal(size=(b, n, n))
    W = (a + a.transpose(0, 2, 1)) / np.sqrt(2.0) if symmetric else a
    if isinstance(diagonal, str):
        if diagonal != "random":
            raise ValueError(f"diagonal: expected a number or 'random', got {diagonal!r}")
        return W
    d = float(diagonal)
    if not np.isfinite(d):
        raise ValueError(f"diagonal: expected a finite number, got {diagonal}")
    idx = np.arange(n)
    W[:, idx, idx] = d
    return W


def async_energy_changes(W, states, order, *, theta=0.0) -> tuple[np.ndarray, np.ndarray]:
    """Energy change of every single-neuron update, for a stack of networks at once.

    Network ``b`` (weights ``W[b]``) starts in ``states[b]``; all networks
    update neuron ``order[t]`` at step ``t``. Changing ``s_i`` by ``d``
    (``d = -2 s_i`` for a flip, else 0) changes the energy by

    .. math:: \\Delta E = -\\tfrac{d}{2}\\big((W s)_i + (W^T s)_i\\big) - \\tfrac{d^2}{2} W_{ii} + \\theta_i d ,

    which for a symmetric ``W`` is ``-d (h_i - theta_i) - d^2 W_ii / 2``:
    ``-2|h_i - theta_i| - 2 W_ii`` for every flip the update rule makes.

    Parameters
    ----------
    W : array of shape (B, N, N)
        One network per row (see :func:`random_networks`); an ``(N, N)``
        matrix is used for every state.
    states : array of shape (B, N), values +-1
    order : sequence of ints in ``[0, N)``, length ``T``
    theta : float or array of shape (N,)

    Returns
    -------
    delta : array (B, T)
        The energy change of update ``t`` in network ``b`` (0 when nothing flipped).
    final : array (B, N)
        The states after the last update.

    Examples
    --------
    >>> Ws = random_networks(200, 8, rng=0)
    >>> s0 = np.where(np.random.default_rng(1).random((200, 8)) < 0.5, -1.0, 1.0)
    >>> dE, _ = async_energy_changes(Ws, s0, sweep_orders(8, 3, rng=2))
    >>> bool(dE.max() <= 0)                  # symmetric, zero diagonal: never up
    True
    """
    s = as_spins(states, "states", ndim=(2,)).astype(float)
    b, n = s.shape
    Wm = as_real_array(W, "W", ndim=(2, 3)).astype(float)
    if Wm.ndim == 2:
        Wm = np.broadcast_to(Wm, (b,) + Wm.shape)
    if Wm.shape != (b, n, n):
        raise ValueError(f"W: expected shape ({b}, {n}, {n}) to match states of shape {s.shape}, got {Wm.shape}")
    th = np.broadcast_to(as_theta(theta, n), (n,))
    idx = _as_order(order, n)
    # the tie tolerance of each network (hopfield_lib.dynamics.tie_tolerance)
    tol = 4.0 * n * np.finfo(float).eps * (np.abs(Wm).sum(axis=2).max(axis=1) + np.abs(th).max())
    delta = np.zeros((b, len(idx)))
    for t, i in enumerate(idx):
        row = np.einsum("bj,bj->b", Wm[:, i, :], s)
        col = np.einsum("bj,bj->b", Wm[:, :, i], s)
        new = sign_or_keep(row - th[i], s[:, i], tol)
        d = new - s[:, i]
        delta[:, t] = -0.5 * d * (row + col) - 0.5 * d * d * Wm[:, i, i] + th[i] * d
        s[:, i] = new
    return delta, s


def _enumerable(W, theta):
    Wm = as_weights(W)
    n = Wm.shape[0]
    if n > MAX_ENUMERATE:
        raise ValueError(f"W: expected at most {MAX_ENUMERATE} neurons to enumerate 2**N states, got N = {n}")
    return _couplings(Wm, as_theta(theta, n))


def fixed_points(W, theta=0.0) -> np.ndarray:
    """Every fixed point of a small network (``N <= 16``), by trying all ``2**N`` states.

    ``s`` is a fixed point when no neuron wants to change:
    ``s_i (h_i - theta_i) > 0`` or ``h_i - theta_i == 0`` for every ``i``.
    The same states are fixed under synchronous and asynchronous updates.

    Returns
    -------
    array (K, N): the fixed points in the order of :func:`hopfield_lib.all_states`.

    Examples
    --------
    >>> J = np.ones((3, 3)) - np.eye(3)            # ferromagnet
    >>> fixed_points(J).tolist()
    [[-1.0, -1.0, -1.0], [1.0, 1.0, 1.0]]
    >>> fixed_points(J, theta=2.5).tolist()         # a high threshold leaves only all -1
    [[-1.0, -1.0, -1.0]]
    """
    c = _enumerable(W, theta)
    states = all_states(c.K.shape[0])
    stays = np.all(c.update(states) == states, axis=1)
    return states[stays]


def threshold_windows(W) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For every state, the range of a uniform threshold ``theta`` over which it is a fixed point.

    With the same ``theta`` for every neuron, state ``s`` is a fixed point when
    every +1 neuron has ``h_i >= theta`` and every -1 neuron has ``h_i <=
    theta`` (equality is a tie, which keeps the neuron), i.e. for

    .. math:: \\max_{i: s_i = -1} h_i \\;\\le\\; \\theta \\;\\le\\; \\min_{i: s_i = +1} h_i ,

    an interval that may be empty (``low > high``). All -1 has ``high =
    +inf`` and all +1 has ``low = -inf``.

    Returns
    -------
    states : array (2**N, N)
        :func:`hopfield_lib.all_states` ``(N)``.
    low, high : arrays (2**N,)
        The window of each state; it is a fixed point exactly when ``low <= theta <= high``.

    Examples
    --------
    >>> W = np.array([[0., 1.], [1., 0.]])
    >>> states, low, high = threshold_windows(W)
    >>> [(s.tolist(), float(lo), float(hi)) for s, lo, hi in zip(states, low, high)]
    [([-1.0, -1.0], -1.0, inf), ([-1.0, 1.0], 1.0, -1.0), ([1.0, -1.0], 1.0, -1.0), ([1.0, 1.0], -inf, 1.0)]
    """
    c = _enumerable(W, 0.0)
    states = all_states(c.K.shape[0])
    h = c.local_field(states)
    low = np.where(states < 0, h, -np.inf).max(axis=1)
    high = np.where(states > 0, h, np.inf).min(axis=1)
    return states, low, high


def two_step_energy(W, states, *, theta=0.0) -> np.ndarray:
    """The synchronous Lyapunov function ``L(t) = -s(t)^T W s(t-1) + theta^T (s(t) + s(t-1))``.

    Under synchronous updates with a symmetric ``W``,

    .. math:: L(t+1) - L(t) = -\\sum_i \\big(s_i(t+1) - s_i(t-1)\\big)\\big(h_i(t) - \\theta_i\\big) \\le 0 ,

    because ``s_i(t+1) = sign(h_i(t) - theta_i)``: ``L`` never rises, and it
    stays constant only when ``s(t+1) = s(t-1)`` (up to tied neurons), i.e. in
    a fixed point or a 2-cycle (Goles, Fogelman-Soulié & Pellegrin 1985).

    Parameters
    ----------
    W : array (N, N)
    states : array (T + 1, N)
        Consecutive synchronous states, e.g. ``sync_trajectory(...).states``.
    theta : float or array (N,)

    Returns
    -------
    array (T,): ``L(1), ..., L(T)``

    Examples
    --------
    >>> W = np.array([[0., 1.], [1., 0.]])
    >>> two_step_energy(W, sync_trajectory(W, np.array([1, -1]), 3).states).tolist()   # a 2-cycle: L constant
    [-2.0, -2.0, -2.0]
    """
    Wm = as_weights(W)
    s = as_spins(states, "states", ndim=(2,)).astype(float)
    check_same_n(Wm.shape[0], s, "states", f"W of shape {Wm.shape}")
    if len(s) < 2:
        raise ValueError(f"states: expected at least 2 consecutive states, got {len(s)}")
    c = _couplings(Wm, as_theta(theta, Wm.shape[0]))
    now, before = s[1:], s[:-1]
    return -np.sum(c.field(before) * now, axis=1) / c.scale + np.sum((now + before) * c.raw_theta, axis=1)


def show_updates(trajectory, patterns=None, shape=None, *, names=None, n_images: int = 8,
                 title: str | None = None):
    """Draw an asynchronous :class:`Trajectory` update by update.

    Top row: the state after ``n_images`` evenly spaced numbers of
    single-neuron updates (the start and the end included). Bottom row: the
    overlap with every pattern of ``patterns`` (if given) and the energy,
    against the number of updates divided by ``N`` (so 1 on the axis is one
    sweep's worth of updates).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from hopfield_lib import letters, hebbian
    >>> xi = letters.letters("SKY")
    >>> start = letters.letter("S").copy(); start[:30] *= -1
    >>> tr = async_trajectory(hebbian(xi), start, sweep_orders(100, 2, rng=0))
    >>> fig = show_updates(tr, xi, names=list("SKY"), n_images=5)
    >>> len(fig.axes)
    7
    """
    from hopfield_lib.plotting import _snapshot_row

    states = np.asarray(trajectory.states, dtype=float)
    t, n = states.shape
    fig, bottom = _snapshot_row(states, as_int(n_images, "n_images"), shape, height=4.6, bottom_ratio=1.5,
                                fontsize=8, label=lambda k: "start" if k == 0 else f"{k} updates")
    ax_m, ax_e = bottom.subplots(1, 2)
    x = np.arange(t) / n
    if patterns is not None:
        xi = np.asarray(patterns, dtype=float).reshape(-1, n)
        m = states @ xi.T / n
        labels = names if names is not None else [f"pattern {k}" for k in range(len(xi))]
        for k in range(len(xi)):
            ax_m.plot(x, m[:, k], label=str(labels[k]))
        ax_m.legend(fontsize=8, ncols=2)
    ax_m.set(xlabel="updates / N (sweeps)", ylabel="overlap $m^\\mu$", ylim=(-1.05, 1.05),
             title="overlap with stored patterns")
    ax_e.plot(x, trajectory.energies, color="k")
    ax_e.set(xlabel="updates / N (sweeps)", ylabel="energy $E$", title="energy")
    if title:
        fig.suptitle(title)
    return fig


def state_string(state) -> str:
    """A state of +-1 written compactly: ``+`` for +1, ``-`` for -1; a batch gives one word per row.

    Examples
    --------
    >>> state_string(np.array([1, -1, -1])), state_string(np.array([[1, 1], [-1, 1]]))
    ('+--', '++ -+')
    """
    s = as_spins(state, "state")
    rows = np.atleast_2d(s)
    return " ".join("".join("+" if v > 0 else "-" for v in row) for row in rows)
