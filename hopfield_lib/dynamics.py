"""Energy and dynamics of the classical (binary) Hopfield network.

Notation: ``W`` is ``(N, N)``, a state ``s`` is ``(N,)`` with values +-1 (or a
batch ``(B, N)``, one state per row), ``theta`` is a scalar or ``(N,)``.

* local field ``h = W @ s``
* energy ``E(s) = -1/2 s^T W s + theta^T s``
* update of neuron i: ``s_i <- sign(h_i - theta_i)``; when ``h_i - theta_i == 0``
  the neuron keeps its value (the tie rule).

Ties and floating point: a field that is exactly zero in exact arithmetic
(say Hebbian weights ``k/N`` with ``N`` not a power of two) comes out of a
floating-point dot product as about ``+-1e-17``, and rounding would decide
the neuron. So a field within :func:`tie_tolerance` of its threshold, a bound
on the rounding error of ``W @ s`` (``~ N eps max_i sum_j |W_ij|``, far below
any genuine field), counts as a tie everywhere in the library.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validation import as_rng, as_spins, as_theta, as_weights, check_same_n

__all__ = ["energy", "local_field", "sync_step", "async_sweep", "recall", "RecallResult", "tie_tolerance"]

MODES = ("async", "sync")


def _weights_and_state(W, state, theta):
    Wm = as_weights(W)
    s = as_spins(state, "state")
    check_same_n(Wm.shape[0], s, "state", f"W of shape {Wm.shape}")
    return Wm, s, as_theta(theta, Wm.shape[0])


def _fields(W: np.ndarray, s: np.ndarray) -> np.ndarray:
    """``W @ s`` for one state, or ``W @ s_b`` for every row of a batch."""
    return s @ W.T


def tie_tolerance(W, theta=0.0) -> float:
    """Fields closer than this to their threshold are ties (the neuron keeps its value).

    ``tol = 4 N eps (max_i sum_j |W_ij| + max_i |theta_i|)``: a bound on the
    rounding error of ``W @ s - theta`` for a +-1 state, far below any genuine
    field of a course network (Hebbian fields are multiples of ``1/N``).

    >>> W = np.full((3, 3), 1 / 3) - np.eye(3) / 3
    >>> bool(0 < tie_tolerance(W) < 1e-14)
    True
    """
    W = np.asarray(W, dtype=float)
    scale = float(np.max(np.sum(np.abs(W), axis=1))) + float(np.max(np.abs(theta)))
    return 4.0 * W.shape[0] * np.finfo(float).eps * scale


def _threshold(u: np.ndarray, old: np.ndarray, tol: float = 0.0) -> np.ndarray:
    """``sign(u)``, keeping ``old`` where ``|u| <= tol`` (the tie rule)."""
    return np.where(u > tol, 1, np.where(u < -tol, -1, old)).astype(old.dtype, copy=False)


def local_field(W, state) -> np.ndarray:
    """Local field ``h = W @ s`` of every neuron; a batch ``(B, N)`` gives ``(B, N)``.

    Examples
    --------
    >>> W = np.array([[0., 1.], [1., 0.]])
    >>> local_field(W, np.array([1, -1])).tolist()
    [-1.0, 1.0]
    """
    Wm, s, _ = _weights_and_state(W, state, 0.0)
    return _fields(Wm, s)


def energy(W, state, theta=0.0):
    """Energy ``E(s) = -1/2 s^T W s + theta^T s`` (Hopfield 1982).

    Parameters
    ----------
    W : array of shape (N, N)
    state : array of shape (N,) or a batch (B, N), values +-1
    theta : float or array of shape (N,), default 0

    Returns
    -------
    float for one state; numpy.ndarray of shape (B,) for a batch

    Examples
    --------
    >>> W = np.array([[0., 1.], [1., 0.]])
    >>> energy(W, np.array([1, 1])), energy(W, np.array([1, -1]))
    (-1.0, 1.0)
    """
    Wm, s, th = _weights_and_state(W, state, theta)
    e = _energy(Wm, s, th)
    return float(e) if np.ndim(e) == 0 else e


def _energy(W: np.ndarray, s: np.ndarray, theta) -> np.ndarray:
    """Unchecked energy over the last axis of ``s`` (any leading shape)."""
    s = s.astype(float, copy=False)
    return -0.5 * np.sum((s @ W.T) * s, axis=-1) + s @ np.broadcast_to(theta, (W.shape[0],))


def sync_step(W, state, theta=0.0) -> np.ndarray:
    """One synchronous update: every neuron at once, from the same field.

    ``s_new = sign(W @ s - theta)``, with ``s_new_i = s_i`` where
    ``(W @ s - theta)_i == 0``.

    Parameters
    ----------
    W : array of shape (N, N)
    state : array of shape (N,) or a batch (B, N), values +-1
    theta : float or array of shape (N,), default 0

    Returns
    -------
    numpy.ndarray of the shape and dtype of ``state`` (a new array).

    Examples
    --------
    >>> W = np.array([[0., 1.], [1., 0.]])
    >>> sync_step(W, np.array([1, -1])).tolist()   # the two neurons swap: a 2-cycle
    [-1, 1]
    """
    Wm, s, th = _weights_and_state(W, state, theta)
    return _threshold(_fields(Wm, s) - th, s, tie_tolerance(Wm, th))


def async_sweep(W, state, *, rng=None, theta=0.0) -> np.ndarray:
    """One asynchronous sweep: every neuron once, in a random order.

    Neuron ``i`` (in the order ``rng.permutation(N)``) is set to
    ``sign(h_i - theta_i)`` (kept on a tie), and the neurons after it see its
    new value. The fields are kept up to date incrementally: when neuron
    ``i`` changes by ``d = s_new_i - s_old_i``, ``h += d * W[:, i]``, so a
    sweep costs O(N^2) instead of O(N^3).

    A batch ``(B, N)`` is updated row by row in the *same* order, all rows
    at once, so that row ``b`` ends exactly where ``async_sweep(W, state[b],
    rng=seed)`` ends for the same seed.

    With symmetric ``W`` and a non-negative diagonal the energy never
    increases during a sweep (Hopfield 1982).

    Parameters
    ----------
    W : array of shape (N, N)
    state : array of shape (N,) or a batch (B, N), values +-1
    rng : None, int or numpy.random.Generator
        Draws the update order.
    theta : float or array of shape (N,), default 0

    Returns
    -------
    numpy.ndarray of the shape and dtype of ``state`` (a new array).

    Examples
    --------
    >>> from hopfield_lib import hebbian, random_patterns
    >>> xi = random_patterns(2, 50, rng=0)
    >>> W = hebbian(xi)
    >>> bool(np.array_equal(async_sweep(W, xi[0], rng=1), xi[0]))
    True
    """
    Wm, s, th = _weights_and_state(W, state, theta)
    return _async_sweep(Wm, s, as_rng(rng).permutation(Wm.shape[0]), th, tie_tolerance(Wm, th))[0]


def _async_sweep(W: np.ndarray, s: np.ndarray, order: np.ndarray, theta, tol: float = 0.0,
                 h: np.ndarray | None = None):
    """Unchecked sweep of a state or batch in the given order (see :func:`async_sweep`).

    ``tol`` is the tie tolerance (see :func:`tie_tolerance`); ``h`` is the
    field ``s @ W.T`` if the caller has it. Returns the new
    state (shape and dtype of ``s``) and its field, kept up to date along
    the way, as a float array of shape ``(B, N)``.
    """
    batch = np.array(s, dtype=float, ndmin=2)  # (B, N) working copy
    h = batch @ W.T if h is None else np.array(h, dtype=float, ndmin=2)
    cols = np.ascontiguousarray(W.T)  # cols[i] == W[:, i], contiguous
    th = np.broadcast_to(theta, (W.shape[0],))
    for i in order:
        u = h[:, i] - th[i]
        old = batch[:, i]
        new = np.where(u > tol, 1.0, np.where(u < -tol, -1.0, old))
        changed = np.flatnonzero(new != old)
        if changed.size:
            delta = new[changed] - old[changed]
            batch[changed, i] = new[changed]
            h[changed] += delta[:, None] * cols[i]
    return batch.reshape(s.shape).astype(s.dtype, copy=False), h


def _mark_stops(idx, before, after, two_back, t, converged, sweeps, active) -> None:
    """Mark, in place, the rows ``idx`` of a batch recall that stop after sweep ``t``.

    A row stops at a fixed point (``after == before``, it converged) or, when
    ``two_back`` (its states two sweeps ago; None if not looked for) is given, on a
    2-cycle (``after == two_back``). ``converged``, ``sweeps`` and ``active`` are the
    ``(B,)`` records of the whole batch.
    """
    fixed = np.all(after == before, axis=1)
    stop = fixed.copy()
    if two_back is not None:
        stop |= np.all(after == two_back, axis=1)
    converged[idx[fixed]] = True
    sweeps[idx[stop]] = t
    active[idx[stop]] = False


@dataclass(frozen=True)
class RecallResult:
    """What :func:`recall` returns.

    Attributes
    ----------
    state : array (N,) or (B, N)
        The final state(s).
    states : array (T + 1, N) or (T + 1, B, N)
        The state after every sweep (or synchronous step); ``states[0]`` is the
        probe. A row that converged early repeats its fixed point.
    energies : array (T + 1,) or (T + 1, B)
        ``energy(W, states[t], theta)``.
    converged : bool or bool array (B,)
        True only where a fixed point was reached (a sweep or step that changed
        nothing). A synchronous 2-cycle is *not* converged.
    sweeps : int or int array (B,)
        Sweeps (steps) run until convergence, or ``max_sweeps``; for a
        synchronous 2-cycle, the step at which the cycle was detected.
    """

    state: np.ndarray
    states: np.ndarray
    energies: np.ndarray
    converged: bool | np.ndarray
    sweeps: int | np.ndarray

    def __repr__(self) -> str:
        shape = self.state.shape
        conv = self.converged if np.ndim(self.converged) == 0 else f"{int(np.sum(self.converged))}/{len(self.converged)}"
        return f"RecallResult(state shape {shape}, converged={conv}, sweeps={self.sweeps if np.ndim(self.sweeps) == 0 else 'per probe'})"


def recall(W, probe, *, mode="async", max_sweeps=100, rng=None, theta=0.0) -> RecallResult:
    """Run the network from ``probe`` until a fixed point or ``max_sweeps``.

    ``mode="async"`` runs :func:`async_sweep` (a new random order each sweep);
    ``mode="sync"`` runs :func:`sync_step`. A probe that reaches a fixed point
    stops there; with ``mode="sync"`` a probe whose state returns to the one
    two steps before is in a 2-cycle, which never ends, and stops too, with
    ``converged=False``. A batch of probes ``(B, N)`` is run together; each
    row keeps its own ``converged`` and ``sweeps``.

    Parameters
    ----------
    W : array of shape (N, N)
    probe : array of shape (N,) or (B, N), values +-1
    mode : "async" or "sync"
    max_sweeps : int >= 1
    rng : None, int or numpy.random.Generator (used by ``mode="async"``)
    theta : float or array of shape (N,)

    Returns
    -------
    RecallResult with ``.state``, ``.states``, ``.energies``, ``.converged``, ``.sweeps``

    Examples
    --------
    >>> from hopfield_lib import hebbian, random_patterns, corrupt, overlap
    >>> xi = random_patterns(3, 100, rng=0)
    >>> res = recall(hebbian(xi), corrupt(xi[0], 0.1, rng=1), rng=2)
    >>> res.converged, overlap(xi[0], res.state)
    (True, 1.0)
    """
    if mode not in MODES:
        raise ValueError(f"mode: expected one of {MODES}, got {mode!r}")
    if isinstance(max_sweeps, bool) or not isinstance(max_sweeps, (int, np.integer)):
        raise TypeError(f"max_sweeps: expected an int, got {type(max_sweeps).__name__}")
    if max_sweeps < 1:
        raise ValueError(f"max_sweeps: expected an int >= 1, got {max_sweeps}")
    Wm, s, th = _weights_and_state(W, probe, theta)
    gen = as_rng(rng)
    n = Wm.shape[0]
    tol = tie_tolerance(Wm, th)
    current = np.array(s, ndmin=2)  # (B, N), a copy
    b = current.shape[0]
    field = _fields(Wm, current.astype(float))  # (B, N), kept equal to W @ current
    th_vec = np.broadcast_to(th, (n,))
    history = [current.copy()]
    energies = [-0.5 * np.sum(field * current, axis=1) + current @ th_vec]
    active = np.ones(b, dtype=bool)
    converged = np.zeros(b, dtype=bool)
    sweeps = np.full(b, max_sweeps)
    for t in range(1, max_sweeps + 1):
        idx = np.flatnonzero(active)
        before = current[idx]
        if mode == "async":
            # fresh fields each sweep, so rounding in the incremental updates never accumulates
            after, field[idx] = _async_sweep(Wm, before, gen.permutation(n), th, tol)
        else:
            after = _threshold(field[idx] - th, before, tol)
            field[idx] = _fields(Wm, after.astype(float))
        current[idx] = after
        history.append(current.copy())
        energies.append(-0.5 * np.sum(field * current, axis=1) + current @ th_vec)
        two_back = history[t - 2][idx] if mode == "sync" and t >= 2 else None
        _mark_stops(idx, before, after, two_back, t, converged, sweeps, active)
        if not active.any():
            break
    states = np.stack(history)  # (T + 1, B, N)
    energies = np.stack(energies)  # (T + 1, B)
    if s.ndim == 1:
        return RecallResult(
            state=current[0],
            states=states[:, 0],
            energies=energies[:, 0],
            converged=bool(converged[0]),
            sweeps=int(sweeps[0]),
        )
    return RecallResult(current, states, energies, converged, sweeps)
