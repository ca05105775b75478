"""The continuous (graded-response) Hopfield network (Hopfield 1984).

Each neuron ``i`` has an internal potential ``u_i`` and an output
``V_i = g(u_i)`` in ``(-1, 1)``. The network is the circuit

.. math:: C \\frac{du_i}{dt} = -\\frac{u_i}{R} + \\sum_j W_{ij} V_j + I_i,
          \\qquad V_i = g(u_i) = \\tanh(\\mathrm{gain}\\, u_i)

(``C`` a capacitance, ``R`` a leak resistance, ``I`` an input current; in the
notation of the binary network ``I = -theta``). With a symmetric ``W`` the
energy (Hopfield 1984, eq. 5)

.. math:: E(V) = -\\tfrac12 V^T W V - I^T V + \\frac1R \\sum_i \\int_0^{V_i} g^{-1}(v)\\,dv

never increases along a trajectory: ``dE/dt = -C sum_i (g^{-1})'(V_i) (dV_i/dt)**2 <= 0``.
For ``g = tanh(gain u)`` the integral has the closed form

.. math:: \\int_0^V g^{-1}(v)\\,dv = \\frac{1}{\\mathrm{gain}}
          \\Big[\\tfrac{1+V}{2}\\ln(1+V) + \\tfrac{1-V}{2}\\ln(1-V)\\Big]
          = \\frac{1}{\\mathrm{gain}}\\Big[V\\,\\mathrm{artanh}\\,V + \\tfrac12\\ln(1-V^2)\\Big],

which is ``0`` at ``V = 0`` and ``ln(2)/gain`` at ``V = +-1``.

Why ``tanh`` and not Hopfield's ``0..1`` sigmoid: the course's neurons are
``+-1``, and ``tanh(x) = 2 sigmoid(2x) - 1`` maps one convention onto the other
(the change of variables ``V' = (V + 1)/2`` only rescales ``W`` and shifts
``I``); with ``tanh``, ``V = 0`` is the symmetric state and the high-gain limit
is exactly the ``+-1`` network.

The integrator is explicit Euler on ``u``, batched over rows of ``V``. It is
*proved* to never raise the energy when ``dt`` respects the bound of
:func:`max_step` (see its docstring for the derivation).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hopfield_lib._threads import one_blas_thread
from hopfield_lib._validation import as_number, as_real_array, as_weights, check_same_n

__all__ = [
    "activation",
    "inverse_activation",
    "integral_term",
    "continuous_energy",
    "max_step",
    "critical_gain",
    "integrate",
    "anneal",
    "ContinuousRun",
]


# --------------------------------------------------------------------------- validation


def _positive(value, name: str) -> float:
    return as_number(value, name, low=0, low_open=True)


def _gain(gain, batch: int | None = None):
    """``gain`` as a float, or (for a batch) a float array of shape ``(B,)``."""
    if np.ndim(gain) == 0:
        return _positive(gain, "gain")
    g = as_real_array(gain, "gain", ndim=(1,)).astype(float)
    if np.any(g <= 0):
        raise ValueError(f"gain: expected positive numbers, got min {g.min()}")
    if batch is None or g.shape != (batch,):
        raise ValueError(
            "gain: expected a number, or one gain per row of a batch of states "
            f"(shape ({batch},))" + f", got shape {g.shape}"
        )
    return g


def _symmetric_weights(W) -> np.ndarray:
    Wm = as_weights(W)
    if not np.allclose(Wm, Wm.T, rtol=1e-10, atol=1e-12):
        raise ValueError("W: expected a symmetric matrix (the energy exists only for W == W.T)")
    return Wm


def _graded(V, name: str = "V", *, strict: bool = False) -> np.ndarray:
    arr = as_real_array(V, name).astype(float)
    bad = np.abs(arr) >= 1 if strict else np.abs(arr) > 1
    if np.any(bad):
        bound = "strictly between -1 and 1" if strict else "in [-1, 1]"
        hint = " (start from e.g. 0.5 * probe instead of a +-1 probe)" if strict else ""
        raise ValueError(f"{name}: expected graded outputs {bound}, got max |V| = {np.abs(arr).max():g}{hint}")
    return arr


def _gain_column(gain):
    """A scalar gain, or a per-row gain shaped ``(B, 1)`` to broadcast over neurons."""
    return gain if np.ndim(gain) == 0 else np.asarray(gain)[:, None]


# --------------------------------------------------------------------------- the neuron


def activation(u, gain=1.0):
    """The neuron's input-output curve ``V = g(u) = tanh(gain * u)``.

    ``gain`` is the slope at ``u = 0``; as ``gain -> inf`` it becomes ``sign(u)``.

    >>> activation(np.array([-1.0, 0.0, 1.0]), gain=2.0).round(3).tolist()
    [-0.964, 0.0, 0.964]
    """
    g = _positive(gain, "gain")
    return np.tanh(g * np.asarray(u, dtype=float))


def inverse_activation(V, gain=1.0):
    """``u = g^{-1}(V) = artanh(V) / gain`` for ``-1 < V < 1``.

    >>> round(float(inverse_activation(activation(0.3, gain=5.0), gain=5.0)), 12)
    0.3
    """
    g = _positive(gain, "gain")
    v = _graded(V, strict=True) if np.ndim(V) else float(_graded(np.atleast_1d(V), strict=True)[0])
    return np.arctanh(v) / g


def integral_term(V, gain=1.0):
    """``int_0^V g^{-1}(v) dv`` for ``g(u) = tanh(gain u)``, elementwise.

    .. math:: \\frac{1}{\\mathrm{gain}}\\Big[\\tfrac{1+V}{2}\\ln(1+V)
              + \\tfrac{1-V}{2}\\ln(1-V)\\Big]
              = \\frac{1}{\\mathrm{gain}}\\Big[V\\,\\mathrm{artanh}\\,V + \\tfrac12\\ln(1-V^2)\\Big]

    Convex, zero at ``V = 0``, ``ln(2)/gain`` at ``V = +-1`` (computed without
    ``0 * log 0``). ``V`` may be any array with values in ``[-1, 1]``.

    >>> integral_term(np.array([0.0, 0.5, 1.0]), gain=1.0).round(4).tolist()
    [0.0, 0.1308, 0.6931]
    """
    from scipy.special import xlogy

    g = _positive(gain, "gain")
    v = _graded(np.atleast_1d(V))
    out = 0.5 * (xlogy(1 + v, 1 + v) + xlogy(1 - v, 1 - v)) / g
    return float(out[0]) if np.ndim(V) == 0 else out.reshape(np.shape(V))


def _log_cosh(x):
    """``log(cosh(x))`` without overflow."""
    a = np.abs(x)
    return a + np.log1p(np.exp(-2.0 * a)) - np.log(2.0)


def _integral_from_u(u, gain):
    """``integral_term(tanh(gain u), gain)`` computed from ``u`` (accurate near saturation).

    With ``x = gain u``: ``V artanh V + 1/2 ln(1 - V^2) = x tanh x - ln cosh x``.
    """
    x = gain * u
    return (x * np.tanh(x) - _log_cosh(x)) / gain


# --------------------------------------------------------------------------- energy


def continuous_energy(W, V, *, gain=1.0, I=0.0, R=1.0):
    """Energy of the continuous network (Hopfield 1984).

    .. math:: E(V) = -\\tfrac12 V^T W V - I^T V + \\frac1R \\sum_i \\int_0^{V_i} g^{-1}(v)\\,dv

    Parameters
    ----------
    W : array (N, N), symmetric (any diagonal)
    V : array (N,) or a batch (B, N), values in [-1, 1]
    gain : positive float, or one gain per row of a batch (B,)
    I : float or array (N,), the input currents (``I = -theta``)
    R : positive float, the leak resistance

    Returns
    -------
    float for one state, numpy.ndarray (B,) for a batch.

    Examples
    --------
    >>> W = np.array([[0.0, 1.0], [1.0, 0.0]])
    >>> round(continuous_energy(W, np.array([0.5, 0.5]), gain=2.0), 4)
    -0.1192
    """
    Wm = _symmetric_weights(W)
    v = _graded(V)
    check_same_n(Wm.shape[0], v, "V", f"W of shape {Wm.shape}")
    g = _gain(gain, v.shape[0] if v.ndim == 2 else None)
    r = _positive(R, "R")
    i_vec = _input(I, Wm.shape[0])
    from scipy.special import xlogy

    integral = 0.5 * (xlogy(1 + v, 1 + v) + xlogy(1 - v, 1 - v))
    e = -0.5 * np.sum((v @ Wm.T) * v, axis=-1) - v @ i_vec + np.sum(integral, axis=-1) / (r * (g if np.ndim(g) == 0 else g))
    return float(e) if np.ndim(e) == 0 else e


def _input(I, n: int) -> np.ndarray:
    if np.ndim(I) == 0:
        return np.full(n, as_number(I, "I"))
    arr = as_real_array(I, "I", ndim=(1,)).astype(float)
    if arr.shape != (n,):
        raise ValueError(f"I: expected a number or an array of shape ({n},) to match N = {n}, got shape {arr.shape}")
    return arr


def _energy_u(W, u, gain, I, R):
    """Unchecked energy of the state ``V = tanh(gain u)``, integral term from ``u``."""
    v = np.tanh(gain * u)
    return (-0.5 * np.sum((v @ W.T) * v, axis=-1) - v @ I
            + np.sum(_integral_from_u(u, gain), axis=-1) / R)


# --------------------------------------------------------------------------- step bound


def max_step(W, *, gain=1.0, R=1.0, C=1.0):
    """Largest Euler step ``dt`` for which the energy provably never rises.

    .. math:: dt \\le \\frac{C}{1/R + \\mathrm{gain}\\,\\mu/2},
              \\qquad \\mu = \\max(0, -\\lambda_{min}(W))

    Derivation. One Euler step is ``u' = u - (dt/C) dE/dV`` (because
    ``dE/dV_i = -(W V)_i - I_i + u_i/R``). Write ``E = f(V) + G(V)/R`` with
    ``f`` the quadratic part and ``G`` the convex integral term. Then

    * ``f(V') <= f(V) + grad f . dV + mu/2 |dV|^2`` (``f`` has Hessian ``-W``),
    * ``G(V') <= G(V) + g^{-1}(V') . dV`` (convexity, tangent at ``V'``),
    * ``du . dV >= |dV|^2 / gain`` (``g`` is increasing with slope ``<= gain``),

    so ``E(V') - E(V) <= -[(C/dt - 1/R)/gain - mu/2] |dV|^2``, which is
    ``<= 0`` under the bound (and ``< 0`` unless the state is already fixed).
    For Hebbian ``W`` (zero diagonal) ``mu = P/N`` at most; for ``W = -A``
    (max-cut) ``mu`` is the largest eigenvalue of ``A``.

    ``gain`` may be an array (one per row of a batch); the result has its shape.

    >>> W = np.array([[0.0, 1.0], [1.0, 0.0]])   # eigenvalues +1 and -1: mu = 1
    >>> max_step(W, gain=2.0)
    0.5
    """
    Wm = _symmetric_weights(W)
    g = gain if np.ndim(gain) == 0 else np.asarray(gain, dtype=float)
    g = _positive(g, "gain") if np.ndim(g) == 0 else g
    r, c = _positive(R, "R"), _positive(C, "C")
    mu = max(0.0, -float(np.linalg.eigvalsh(Wm)[0]))
    return c / (1.0 / r + g * mu / 2.0)


def critical_gain(W, *, R=1.0):
    """The gain at which ``V = 0`` stops being stable (with ``I = 0``).

    Near ``V = 0``, ``V ~ gain u``, so a mode of ``W`` with eigenvalue
    ``lambda`` grows at the rate ``(gain lambda - 1/R)/C``: ``V = 0`` becomes
    unstable at ``gain = 1 / (R lambda_max(W))``. Negative eigenvalues never
    destabilise it; if ``lambda_max <= 0`` the result is ``inf``. Below
    ``1 / (R ||W||_2)`` the map ``V -> tanh(gain R W V)`` is a contraction, so
    ``V = 0`` is then the *only* fixed point.

    >>> from hopfield_lib import hebbian, random_patterns
    >>> round(critical_gain(hebbian(random_patterns(1, 100, rng=0))), 4)   # 1 / ((N-1)/N)
    1.0101
    """
    Wm = _symmetric_weights(W)
    r = _positive(R, "R")
    lam = float(np.linalg.eigvalsh(Wm)[-1])
    return float("inf") if lam <= 0 else 1.0 / (r * lam)


# --------------------------------------------------------------------------- integration


@dataclass(frozen=True)
class ContinuousRun:
    """What :func:`integrate` and :func:`anneal` return.

    Attributes
    ----------
    t : array (T,)
        Times of the recorded states (``t[0] = 0``); for a batch whose rows
        use different steps (one gain per row), the time of the row with the
        largest step.
    V : array (T, N) or (T, B, N)
        Recorded outputs ``V = g(u)``; ``V[-1]`` is the final state.
    u : array (N,) or (B, N)
        The final internal potentials.
    energies : array (S + 1,) or (S + 1, B)
        The energy after every Euler step (``energies[0]`` at the start);
        a row that converged early repeats its last value. Only the first
        and the last with ``track_energy=False``.
    converged : bool or bool array (B,)
        True where ``max |du/dt| < tol`` was reached.
    steps : int or int array (B,)
        Euler steps taken per row.
    dt : float or array (B,)
        The step used.
    """

    t: np.ndarray
    V: np.ndarray
    u: np.ndarray
    energies: np.ndarray
    converged: bool | np.ndarray
    steps: int | np.ndarray
    dt: float | np.ndarray

    @property
    def state(self) -> np.ndarray:
        """The final output ``V`` (shape ``(N,)`` or ``(B, N)``)."""
        return self.V[-1]

    def __repr__(self) -> str:
        conv = self.converged if np.ndim(self.converged) == 0 else f"{int(np.sum(self.converged))}/{len(self.converged)}"
        return f"ContinuousRun(state shape {self.state.shape}, converged={conv}, t_end={self.t[-1]:g})"


def integrate(W, V0=None, *, u0=None, gain=1.0, I=0.0, R=1.0, C=1.0, dt=None, t_max=20.0, tol=1e-6,
              n_records=50, enforce_bound=True, track_energy=True) -> ContinuousRun:
    """Integrate ``C du/dt = -u/R + W g(u) + I`` by explicit Euler from ``V0``.

    Each step: ``u <- u + (dt/C) (-u/R + W V + I)``, ``V = tanh(gain u)``.
    The default ``dt = min(0.1 R C, max_step(W, gain, R, C))`` follows the
    continuous-time trajectory closely *and* never raises the energy (see
    :func:`max_step`); a larger ``dt`` raises ``ValueError`` unless it is
    still within the bound. A row stops when ``max_i |du_i/dt| < tol``.

    Why Euler and not ``scipy.integrate.solve_ivp``: the step bound makes the
    energy decrease a theorem for every step (an adaptive Runge-Kutta step
    gives no such guarantee), and a whole batch of initial states, each with
    its own gain, moves in one matrix product per step.

    Parameters
    ----------
    W : array (N, N), symmetric
    V0 : array (N,) or (B, N), initial outputs strictly between -1 and 1
        (to start from a +-1 probe, pass e.g. ``0.5 * probe``)
    u0 : array (N,) or (B, N), optional
        Initial internal potentials instead of ``V0`` (give exactly one).
    gain : positive float, or one gain per row (B,)
    I : float or array (N,); R, C : positive floats
    dt : float, optional; t_max : float; tol : float
    n_records : int
        About how many states to keep along the way (plus the first and last).
    enforce_bound : bool
        Refuse a ``dt`` above the bound (default). ``False`` lets you watch
        what goes wrong beyond it.
    track_energy : bool
        Record the energy after every step (default); ``False`` keeps only
        the first and the last (faster when only the end state matters).

    Returns
    -------
    ContinuousRun with ``.t``, ``.V``, ``.u``, ``.energies``, ``.converged``, ``.steps``, ``.dt``

    Examples
    --------
    >>> from hopfield_lib import hebbian, random_patterns, overlap
    >>> xi = random_patterns(3, 100, rng=0)
    >>> run = integrate(hebbian(xi), 0.3 * xi[0], gain=10.0)
    >>> bool(run.converged), round(overlap(xi[0], run.state), 2)
    (True, 1.0)
    >>> bool(np.all(np.diff(run.energies) <= 1e-12))     # the energy never rises
    True
    """
    Wm = _symmetric_weights(W)
    if (V0 is None) == (u0 is None):
        raise TypeError("integrate: give exactly one of V0 (outputs) or u0 (internal potentials)")
    if V0 is not None:
        start = _graded(V0, "V0", strict=True)
        check_same_n(Wm.shape[0], start, "V0", f"W of shape {Wm.shape}")
    else:
        start = as_real_array(u0, "u0").astype(float)
        check_same_n(Wm.shape[0], start, "u0", f"W of shape {Wm.shape}")
    single = start.ndim == 1
    b, n = np.array(start, ndmin=2).shape
    g = _gain(gain, None if single else b)
    r, c = _positive(R, "R"), _positive(C, "C")
    t_max = _positive(t_max, "t_max")
    i_vec = _input(I, n)
    bound = max_step(Wm, gain=g, R=r, C=c)
    if dt is None:
        step = np.minimum(0.1 * r * c, bound)
    else:
        step = _positive(dt, "dt")
        if enforce_bound and np.any(step > bound * (1 + 1e-12)):
            raise ValueError(
                f"dt: {step:g} exceeds the step bound {np.min(bound):.4g} of max_step(W, gain, R, C), "
                "beyond which Euler can raise the energy; use a smaller dt"
            )
    gcol = _gain_column(g)
    dtcol = step if np.ndim(step) == 0 else np.asarray(step)[:, None]
    n_steps = int(np.ceil(t_max / np.min(step)))
    every = max(1, n_steps // max(1, int(n_records)))
    u = np.array(start, ndmin=2) if V0 is None else np.arctanh(np.array(start, ndmin=2)) / gcol
    energies = [_energy_u(Wm, u, gcol, i_vec, r)]
    records, times = [np.tanh(gcol * u)], [0.0]
    converged = np.zeros(b, dtype=bool)
    steps = np.zeros(b, dtype=int)
    with one_blas_thread():
        u, converged, steps = _euler_loop(Wm, u, gcol, dtcol, step, i_vec, r, c, tol, t_max, n_steps, every,
                                          energies if track_energy else None, records, times, converged, steps)
    if not track_energy:
        energies.append(_energy_u(Wm, u, gcol, i_vec, r))
    Vs = np.stack(records)
    E = np.stack(energies)
    if single:
        return ContinuousRun(np.array(times), Vs[:, 0], u[0], E[:, 0], bool(converged[0]), int(steps[0]),
                             float(step))
    return ContinuousRun(np.array(times), Vs, u, E, converged, steps, step)


def _euler_loop(Wm, u, gcol, dtcol, step, i_vec, r, c, tol, t_max, n_steps, every, energies, records, times,
                converged, steps):
    """The Euler steps of :func:`integrate` (appends to ``energies``, ``records``, ``times``)."""
    b = u.shape[0]
    active = np.ones(b, dtype=bool)
    t_now = np.zeros(b)
    for k in range(1, n_steps + 1):
        idx = np.flatnonzero(active)
        uu = u[idx]
        gi = gcol if np.ndim(gcol) == 0 else gcol[idx]
        di = dtcol if np.ndim(dtcol) == 0 else dtcol[idx]
        dudt = (-uu / r + np.tanh(gi * uu) @ Wm.T + i_vec) / c
        done = np.max(np.abs(dudt), axis=1) < tol
        converged[idx[done]] = True
        go = ~done
        u[idx[go]] = uu[go] + di * dudt[go] if np.ndim(di) == 0 else uu[go] + di[go] * dudt[go]
        steps[idx[go]] += 1
        t_now[idx[go]] += (step if np.ndim(step) == 0 else step[idx[go]])
        active[idx[done]] = False
        exceeded = t_now >= t_max - 1e-12
        active &= ~exceeded
        if energies is not None:
            energies.append(_energy_u(Wm, u, gcol, i_vec, r))
        if k % every == 0 or not active.any():
            records.append(np.tanh(gcol * u))
            times.append(float(np.max(t_now)))
        if not active.any():
            break
    return u, converged, steps


def anneal(W, V0, *, gains, t_per_gain=5.0, I=0.0, R=1.0, C=1.0, tol=1e-6) -> ContinuousRun:
    """Integrate at a rising sequence of gains, keeping ``u`` between stages.

    The deterministic annealing of Hopfield & Tank (1985): at low gain the
    network sits near ``V = 0``; as the gain crosses :func:`critical_gain`
    the state grows along the leading eigenvector of ``W`` and then hardens
    towards a corner ``V = +-1``.

    Returns a :class:`ContinuousRun` whose ``V`` holds the state after each
    stage (``V[0]`` = start), ``t`` the cumulative time, ``energies`` the
    energy after each stage (each at its own gain) and ``steps`` the total
    Euler steps.

    >>> W = -np.array([[0, 1, 1], [1, 0, 1], [1, 1, 0.0]])     # max-cut of a triangle
    >>> run = anneal(W, np.array([0.01, -0.02, 0.005]), gains=[0.5, 2, 8, 32])
    >>> np.sign(run.state).tolist()                            # 2 of 3 edges cut
    [1.0, -1.0, 1.0]
    """
    gs = as_real_array(gains, "gains", ndim=(1,)).astype(float)
    if np.any(gs <= 0):
        raise ValueError("gains: expected positive numbers")
    Wm = _symmetric_weights(W)
    v = _graded(V0, "V0", strict=True)
    check_same_n(Wm.shape[0], v, "V0", f"W of shape {Wm.shape}")
    states, times, energies = [v.copy()], [0.0], []
    steps = 0
    t = 0.0
    conv = None
    u = np.arctanh(v) / gs[0]
    for k, g in enumerate(gs):
        # Keep u: the new gain changes V = tanh(gain u), not the internal potentials.
        run = integrate(Wm, u0=u, gain=float(g), I=I, R=R, C=C, t_max=t_per_gain, tol=tol, n_records=1,
                        track_energy=False)
        if k == 0:
            energies.append(run.energies[0])
        u = run.u
        states.append(run.state)
        energies.append(run.energies[-1])
        t += float(np.max(run.t[-1]))
        times.append(t)
        steps = steps + run.steps
        conv = run.converged
    return ContinuousRun(np.array(times), np.stack(states), u, np.stack(energies), conv, steps, float("nan"))
