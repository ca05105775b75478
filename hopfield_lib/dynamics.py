"""Energy and dynamics of the classical (binary) Hopfield network.

Notation: ``W`` is ``(N, N)``, a state ``s`` is ``(N,)`` with values +-1 (or a
batch ``(B, N)``, one state per row), ``theta`` is a scalar or ``(N,)``.

* local field ``h = W @ s``
* energy ``E(s) = -1/2 s^T W s + theta^T s``
* update of neuron i: ``s_i <- sign(h_i - theta_i)``; when ``h_i - theta_i == 0``
  the neuron keeps its value (the tie rule, :func:`sign_or_keep`, the one
  definition every update of the library uses).

How it is computed (the formulas above are what you get; this is about the
last bit). For +-1 patterns Hebb's rule gives ``W = K / N`` with ``K`` a matrix
of integers, and so do the sequence and hetero-associative rules; so does any
integer ``W``. :func:`couplings` recognises such weights exactly
(``W == K / c`` elementwise, for ``c = 1`` or ``c = N`` times 1, 4, 16 or 64,
which also covers the covariance rule with ``a = +-1/2``), and the dynamics
then compute with ``K``: the scaled field ``c h = K s`` is a sum of integers,
exact in float64 whatever order a BLAS kernel sums in, so every field sign,
tie (``K s == c theta`` exactly), trajectory and fixed point is the same on
every CPU. A float result is one correctly rounded operation on exact numbers:
``h = (K s) / c`` and ``E = -(s^T K s) / (2c) + theta^T s``.

Other weights (Storkey, pseudo-inverse, random Gaussian) are used as they are,
and a field within :func:`tie_tolerance` of its threshold (a bound on the
rounding error of ``W @ s``) counts as a tie.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validation import as_choice, as_int, as_real_array, as_rng, as_spins, as_theta, as_weights, check_same_n

__all__ = ["energy", "local_field", "sync_step", "async_sweep", "recall", "RecallResult", "tie_tolerance",
           "will_flip", "sign_or_keep"]

MODES = ("async", "sync")
_SCALES = (1, 4, 16, 64)  # c = N * m: denominators of Hebb (1) and of the covariance rule with a = +-1/2 (4), ...


def will_flip(u, s, tol=0.0) -> np.ndarray:
    """The tie rule: a neuron in state ``s`` (+-1) flips exactly when its field points against it, ``s u < -tol``.

    ``u`` is ``h - theta`` (any shape, broadcast against ``s``). A field equal
    to the threshold (``|u| <= tol``) keeps the neuron. This is the one
    definition of the update rule in the library: :func:`sign_or_keep` and
    every update (synchronous, asynchronous, trajectories, sequences, capacity
    engines) use it. ``tol`` is 0 where fields are exact (see the module
    docstring) and :func:`tie_tolerance` otherwise.

    >>> will_flip(np.array([0.5, 0.0, -2.0]), np.array([-1, -1, 1])).tolist()
    [True, False, True]
    """
    return np.asarray(s) * u < -tol


def sign_or_keep(u, old, tol=0.0) -> np.ndarray:
    """The new state: ``+1`` where ``u > tol``, ``-1`` where ``u < -tol``, else ``old`` (+-1).

    ``-old`` where :func:`will_flip`, else ``old``; the result has the shape
    of ``u`` and ``old`` broadcast and the dtype of ``old``.

    >>> sign_or_keep(np.array([0.5, 0.0, -2.0]), np.array([-1, -1, 1])).tolist()
    [1, -1, -1]
    """
    old = np.asarray(old)
    return np.where(will_flip(u, old, tol), -old, old)


def tie_tolerance(W, theta=0.0) -> float:
    """Fields closer than this to their threshold are ties, for weights that are not exact (see :func:`couplings`).

    ``tol = 4 N eps (max_i sum_j |W_ij| + max_i |theta_i|)``: a bound on the
    rounding error of ``W @ s - theta`` for a +-1 state, far below any genuine
    field of a course network.

    >>> W = np.full((3, 3), 1 / 3) - np.eye(3) / 3
    >>> bool(0 < tie_tolerance(W) < 1e-14)
    True
    """
    W = np.asarray(W, dtype=float)
    scale = float(np.max(np.sum(np.abs(W), axis=1))) + float(np.max(np.abs(theta)))
    return 4.0 * W.shape[1] * np.finfo(float).eps * scale


@dataclass(frozen=True)
class Couplings:
    """Weights prepared for the dynamics (what :func:`couplings` returns).

    Attributes
    ----------
    K : array (N_out, N_in)
        ``scale * W``: a matrix of integers (as floats) when ``exact``, else ``W`` itself.
    scale : float
        ``c`` with ``W == K / c`` (1.0 when not exact).
    theta : array (N_out,)
        ``scale * theta``, what the scaled field ``K @ s`` is compared with.
    raw_theta : float or array (N_out,)
        ``theta`` as given.
    tol : float
        The tie tolerance: 0 when ``exact``, :func:`tie_tolerance` otherwise.
    exact : bool
        True when every scaled field is an exact integer.
    """

    K: np.ndarray
    scale: float
    theta: np.ndarray
    raw_theta: float | np.ndarray
    tol: float
    exact: bool

    def field(self, S: np.ndarray) -> np.ndarray:
        """The scaled field ``K @ s`` of every row of ``S`` (float ``(B, N_in)`` or ``(N_in,)``)."""
        return S @ self.K.T

    def local_field(self, S: np.ndarray) -> np.ndarray:
        """The field ``W @ s`` of every row of ``S``: ``(K s) / c``, one correctly rounded division when exact."""
        H = self.field(S.astype(float, copy=False))
        return H / self.scale if self.exact else H

    def update(self, S: np.ndarray, H: np.ndarray | None = None) -> np.ndarray:
        """One synchronous update of ``S`` from its scaled field ``H`` (computed if not given)."""
        H = self.field(S.astype(float, copy=False)) if H is None else H
        return sign_or_keep(H - self.theta, S, self.tol)

    def energy(self, S: np.ndarray, H: np.ndarray | None = None) -> np.ndarray:
        """``-1/2 s^T W s + theta^T s`` over the last axis, from the scaled field ``H``."""
        S = S.astype(float, copy=False)
        H = self.field(S) if H is None else H
        quad = -np.sum(S * H, axis=-1) / (2.0 * self.scale)
        if np.ndim(self.raw_theta) == 0:
            return quad + self.raw_theta * np.sum(S, axis=-1) if self.raw_theta != 0 else quad + 0.0
        return quad + np.sum(S * self.raw_theta, axis=-1)


def _exact_scale(W: np.ndarray, rows: int = 32):
    """``(c, K)`` with ``W == K / c`` exactly and ``K`` integer (``c`` in 1, N, 4N, 16N, 64N), or None.

    The first row rules out all but (usually) one ``c``; the full check then runs in blocks of
    ``rows`` rows, which stay in the CPU cache (about 3 times faster than whole-matrix passes).
    """
    n_in = W.shape[1]
    for c in (1.0,) + tuple(float(n_in * m) for m in _SCALES):
        if not np.array_equal(np.rint(W[0] * c) / c, W[0]):
            continue
        K = np.empty_like(W)
        big = 0.0
        for r in range(0, W.shape[0], rows):
            block = np.rint(np.multiply(W[r:r + rows], c, out=K[r:r + rows]), out=K[r:r + rows])
            if not np.array_equal(block / c, W[r:r + rows]):
                break
            big = max(big, float(block.max()), -float(block.min()))
        else:
            if big * n_in < 2.0**52:  # every field |K s| < 2**52: exact in float64
                return c, K
    return None


def couplings(W, theta=0.0) -> Couplings:
    """Prepare weights ``W`` (and ``theta``) for the dynamics, exactly where the mathematics allows it.

    If ``W == K / c`` elementwise for a matrix of integers ``K`` and ``c = 1``
    or ``c = N m`` (``m`` in 1, 4, 16, 64; ``N`` the number of columns), the
    dynamics use ``K`` and ``c theta``: fields are exact integers and ties
    exact (``tol = 0``). Otherwise ``K = W``, ``c = 1`` and the tie tolerance
    is :func:`tie_tolerance`. The check costs a few passes over ``W``.

    Parameters
    ----------
    W : array of shape (N_out, N_in)
    theta : float or array of shape (N_out,)

    Returns
    -------
    Couplings (``.K``, ``.scale``, ``.theta``, ``.tol``, ``.exact``)

    Examples
    --------
    >>> from hopfield_lib import hebbian, random_patterns, storkey
    >>> xi = random_patterns(3, 10, rng=0)
    >>> c = couplings(hebbian(xi))
    >>> c.exact, c.scale, bool(np.array_equal(c.K, xi.T @ xi - 3 * np.eye(10)))
    (True, 10.0, True)
    >>> couplings(storkey(xi)).exact
    False
    """
    Wm = as_real_array(W, "W", ndim=(2,)).astype(float, copy=False)
    return _couplings(Wm, as_theta(theta, Wm.shape[0]))


def _couplings(Wm: np.ndarray, th) -> Couplings:
    """Unchecked :func:`couplings` (``Wm`` a float matrix, ``th`` from ``as_theta``)."""
    found = _exact_scale(Wm)
    if found is None:
        return Couplings(Wm, 1.0, np.broadcast_to(th, (Wm.shape[0],)), th, tie_tolerance(Wm, th), False)
    c, K = found
    return Couplings(K, c, np.broadcast_to(c * np.asarray(th, dtype=float), (Wm.shape[0],)), th, 0.0, True)


def _weights_and_state(W, state, theta):
    Wm = as_weights(W)
    s = as_spins(state, "state")
    check_same_n(Wm.shape[0], s, "state", f"W of shape {Wm.shape}")
    return _couplings(Wm, as_theta(theta, Wm.shape[0])), s


def local_field(W, state) -> np.ndarray:
    """Local field ``h = W @ s`` of every neuron; a batch ``(B, N)`` gives ``(B, N)``.

    Examples
    --------
    >>> W = np.array([[0., 1.], [1., 0.]])
    >>> local_field(W, np.array([1, -1])).tolist()
    [-1.0, 1.0]
    """
    c, s = _weights_and_state(W, state, 0.0)
    return c.local_field(s)


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
    c, s = _weights_and_state(W, state, theta)
    e = c.energy(s)
    return float(e) if np.ndim(e) == 0 else e


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
    c, s = _weights_and_state(W, state, theta)
    return c.update(s)


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
    c, s = _weights_and_state(W, state, theta)
    return _sweep(c, s, as_rng(rng).permutation(c.K.shape[0]))[0]


def _sweep(c: Couplings, s: np.ndarray, order: np.ndarray, H: np.ndarray | None = None):
    """Unchecked asynchronous sweep of a state or batch ``s`` in the given ``order``.

    ``H`` is the scaled field ``c.field(s)`` if the caller has it. Returns the
    new state (shape and dtype of ``s``) and its scaled field, kept up to date
    along the way (exact on the exact path), as a float array ``(B, N)``.
    """
    batch = np.array(s, dtype=float, ndmin=2)  # (B, N) working copy
    H = c.field(batch) if H is None else np.array(H, dtype=float, ndmin=2)
    cols = np.ascontiguousarray(c.K.T)  # cols[i] == K[:, i], contiguous
    th, tol = c.theta, c.tol
    for i in order:
        changed = np.flatnonzero(will_flip(H[:, i] - th[i], batch[:, i], tol))
        if changed.size:
            delta = -2.0 * batch[changed, i]  # the change of s_i
            batch[changed, i] += delta
            H[changed] += delta[:, None] * cols[i]
    return batch.reshape(s.shape).astype(s.dtype, copy=False), H


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
    as_choice(mode, "mode", MODES)
    max_sweeps = as_int(max_sweeps, "max_sweeps")
    c, s = _weights_and_state(W, probe, theta)
    gen = as_rng(rng)
    n = c.K.shape[0]
    current = np.array(s, ndmin=2)  # (B, N), a copy
    b = current.shape[0]
    field = c.field(current.astype(float))  # (B, N), kept equal to the scaled field of current
    history = [current.copy()]
    energies = [c.energy(current, field)]
    active = np.ones(b, dtype=bool)
    converged = np.zeros(b, dtype=bool)
    sweeps = np.full(b, max_sweeps)
    for t in range(1, max_sweeps + 1):
        idx = np.flatnonzero(active)
        before = current[idx]
        if mode == "async":
            # fresh fields each sweep, so rounding in the incremental updates never accumulates
            after, field[idx] = _sweep(c, before, gen.permutation(n))
        else:
            after = c.update(before, field[idx])
            field[idx] = c.field(after.astype(float))
        current[idx] = after
        history.append(current.copy())
        energies.append(c.energy(current, field))
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
