"""Checks for practice 3 (``03_dynamics``): synchronous and asynchronous updates, the energy change
of one update, fixed points and 2-cycles, and the threshold window of a state.

The conventions of lecture 3: weights ``W`` of shape ``(N, N)``, a state ``s`` of ±1 of shape
``(N,)``, thresholds ``theta`` (a number or shape ``(N,)``), the local field ``h = W @ s`` and the
update ``s_i <- sign(h_i - theta_i)``, keeping ``s_i`` when ``h_i - theta_i == 0`` (the tie rule).

Cases with ties use integer weights, so that a field that is zero on paper is exactly zero.
"""

from __future__ import annotations

import numpy as np

from hopfield_lib.dynamics import sign_or_keep
from hopfield_lib.rules import hebbian
from . import register
from ._core import Case, FunctionExercise, Mistake
from ._cases import _f, _rng, _spins, _symmetric

NOTEBOOK = "03_dynamics"


def _hebb_int(xi):
    """N times Hebb's weights: integers, so that ties are exact."""
    w = _f(xi).T @ _f(xi)
    np.fill_diagonal(w, 0.0)
    return w


def _keep_on_tie(u, s):
    return sign_or_keep(u, _f(s))  # the library's tie rule: a zero field keeps s_i


W2 = np.array([[0.0, 1.0], [1.0, 0.0]])  # the smallest 2-cycle
TRIANGLE = -(np.ones((3, 3)) - np.eye(3))  # frustrated: ties everywhere


# --------------------------------------------------------------------------- one synchronous step


def sync_step(W, s, theta=0.0):
    """All neurons at once from the same old state: sign(W @ s - theta), keeping s_i on a tie."""
    W, s = _f(W), _f(s)
    return _keep_on_tie(W @ s - theta, s)


def _ties_to(value):
    def wrong(W, s, theta=0.0):
        u = _f(W) @ _f(s) - theta
        return np.where(u > 0, 1.0, np.where(u < 0, -1.0, value))
    return wrong


def _ties_flip(W, s, theta=0.0):
    u = _f(W) @ _f(s) - theta
    return np.where(u > 0, 1.0, np.where(u < 0, -1.0, -_f(s)))


def _sequential(W, s, theta=0.0):
    W, s = _f(W), _f(s).copy()
    th = np.broadcast_to(theta, s.shape)
    for i in range(len(s)):
        s[i] = _keep_on_tie(W[i] @ s - th[i], s[i])
    return s


def _has_zero(result, expected, case) -> bool:
    return bool(np.any(np.asarray(result, dtype=float) == 0))


def _sync_cases():
    rng = _rng(3101)
    w_int = _symmetric(rng, 6, integer=True)
    s_int = _spins(rng, 6)
    tied = w_int @ s_int == 0
    while not (np.any(tied & (s_int > 0)) and np.any(tied & (s_int < 0))):  # ties at a +1 and at a -1 neuron
        s_int = _spins(rng, 6)
        tied = w_int @ s_int == 0
    w9 = _symmetric(rng, 9)
    asym = rng.integers(-2, 3, size=(5, 5)).astype(float)
    np.fill_diagonal(asym, 0.0)
    s_asym = _spins(rng, 5)
    while np.array_equal(_keep_on_tie(asym @ s_asym, s_asym), _keep_on_tie(asym.T @ s_asym, s_asym)):
        s_asym = _spins(rng, 5)
    return [
        Case((w_int, s_int, 0.0), label="integer weights: some fields are exactly 0 (ties)", sizes={"N": 6}),
        Case((w9, _spins(rng, 9), rng.normal(scale=1.5, size=9)), label="a threshold per neuron, theta of shape (N,)",
             sizes={"N": 9}),
        Case((TRIANGLE, np.array([1.0, 1.0, -1.0]), 0.0), label="the frustrated triangle: two neurons tied",
             sizes={"N": 3}),
        Case((W2, np.array([1.0, -1.0]), 0.0), label="the 2-cycle network W = [[0, 1], [1, 0]] from (+1, -1)",
             sizes={"N": 2}),
        Case((W2, np.array([1.0, -1.0]), 1.0), label="the same with theta = 1: neuron 1's field equals its threshold",
             sizes={"N": 2}),
        Case((asym, s_asym, 0.0), label="asymmetric weights: h_i = sum_j W_ij s_j uses row i", sizes={"N": 5}),
        Case((np.zeros((1, 1)), np.array([-1.0]), 0.0), label="N = 1, no coupling: a tie", sizes={"N": 1}),
    ]


register(FunctionExercise(
    "dynamics.sync_step",
    title="One synchronous step, with the tie rule",
    notebook=NOTEBOOK,
    hints=[
        "Every neuron looks at the same old state: compute all fields first, then decide every neuron.",
        "`u = W @ s - theta` (shape (N,)). Where u > 0 the neuron becomes +1, where u < 0 it becomes −1, and "
        "where u == 0 it keeps its old value s_i. `np.sign` alone is not enough: np.sign(0) is 0.",
        "`return np.where(u > 0, 1.0, np.where(u < 0, -1.0, s))`.",
    ],
    reference=sync_step,
    cases=_sync_cases,
    mistakes=[
        Mistake("your new state contains 0s: np.sign(0) is 0. A neuron whose field equals its threshold "
                "(h_i − θ_i = 0, a tie) must keep its old value s_i.", test=_has_zero),
        Mistake("on a tie (h_i − θ_i = 0) you set the neuron to +1; the tie rule keeps its old value s_i.",
                wrong=_ties_to(1.0)),
        Mistake("on a tie (h_i − θ_i = 0) you set the neuron to −1; the tie rule keeps its old value s_i.",
                wrong=_ties_to(-1.0)),
        Mistake("on a tie (h_i − θ_i = 0) you flipped the neuron; the tie rule keeps its old value s_i.",
                wrong=_ties_flip),
        Mistake("you updated the neurons one after the other, each seeing the new values of the ones before: "
                "that is an asynchronous sweep. A synchronous step computes every field from the old state "
                "first (u = W @ s − θ), then sets all neurons at once.", wrong=_sequential),
        Mistake("you added the threshold: a neuron turns on when its field beats the threshold, "
                "sign(h_i − θ_i), not sign(h_i + θ_i).",
                wrong=lambda W, s, theta=0.0: _keep_on_tie(_f(W) @ _f(s) + theta, s)),
        Mistake("you left out the threshold theta: the rule is sign(h_i − θ_i).",
                wrong=lambda W, s, theta=0.0: _keep_on_tie(_f(W) @ _f(s), s)),
        Mistake("you used the columns of W (W.T @ s or s @ W): the field of neuron i is h_i = Σ_j W_ij s_j, "
                "row i, i.e. W @ s. (The two agree only for a symmetric W.)",
                wrong=lambda W, s, theta=0.0: _keep_on_tie(_f(W).T @ _f(s) - theta, s)),
    ],
    explain="This is `hl.sync_step(W, s, theta)` (which also takes a batch of states, one per row).",
))


# --------------------------------------------------------------------------- one asynchronous sweep


def async_sweep(W, s, order, theta=0.0):
    """Update neurons one at a time in the given order, each from the current state; ties keep s_i."""
    W, s = _f(W), _f(s).copy()
    th = np.broadcast_to(_f(theta), s.shape)
    for i in np.asarray(order, dtype=int):
        s[i] = sign_or_keep(W[i] @ s - th[i], s[i])
    return s


def _sweep_with(rule, order_of=None):
    def wrong(W, s, order, theta=0.0):
        W, s = _f(W), _f(s).copy()
        th = np.broadcast_to(_f(theta), s.shape)
        idx = np.asarray(order, dtype=int) if order_of is None else order_of(np.asarray(order, dtype=int), len(s))
        for i in idx:
            s[i] = rule(W[i] @ s - th[i], s[i])
        return s
    return wrong


def _apply_at(order, new, old):
    """Neurons in ``order`` take their value from ``new`` (one synchronous decision), the rest keep ``old``."""
    out = _f(old).copy()
    idx = np.asarray(order, dtype=int)
    out[idx] = _f(new)[idx]
    return out


_keep = lambda u, old: 1.0 if u > 0 else (-1.0 if u < 0 else old)  # noqa: E731


def _async_cases():
    rng = _rng(3202)
    w_int = _symmetric(rng, 6, integer=True)
    s_int = _spins(rng, 6)
    w10 = _symmetric(rng, 10)
    s10 = _spins(rng, 10)
    xi = _spins(rng, 2, 8)
    w_hebb = _hebb_int(xi)  # integer Hebbian weights, 2 patterns: ties
    probe = xi[0].copy()
    probe[[1, 4, 6]] *= -1
    return [
        Case((w_int, s_int, rng.permutation(6), 0.0), label="integer weights, a random order", sizes={"N": 6}),
        Case((w10, s10, rng.permutation(10), rng.normal(scale=2.0, size=10)),
             label="a threshold per neuron, theta of shape (N,)", sizes={"N": 10}),
        Case((W2, np.array([1.0, -1.0]), np.array([0, 1]), 0.0), label="W = [[0, 1], [1, 0]] from (+1, -1), order [0, 1]",
             sizes={"N": 2}),
        Case((W2, np.array([1.0, -1.0]), np.array([1, 0]), 0.0), label="the same, order [1, 0]", sizes={"N": 2}),
        Case((w_hebb, probe, np.array([7, 0, 3, 5, 1, 6, 2, 4]), 0.0),
             label="two stored patterns (integer weights, ties), a noisy probe", sizes={"N": 8}),
        Case((w10, s10, np.array([3, 3, 0, 9, 3]), 0.0),
             label="an order that repeats neuron 3 and skips others", sizes={"N": 10}),
        Case((TRIANGLE, np.array([1.0, 1.0, -1.0]), np.array([2, 1, 0]), 0.0),
             label="the frustrated triangle: ties", sizes={"N": 3}),
        Case((TRIANGLE, np.array([-1.0, -1.0, 1.0]), np.array([2, 1, 0]), 0.0),
             label="the frustrated triangle from (−1, −1, +1): a tie at a −1 neuron", sizes={"N": 3}),
        Case((np.zeros((1, 1)), np.array([1.0]), np.array([0]), 0.0), label="N = 1", sizes={"N": 1}),
    ]


register(FunctionExercise(
    "dynamics.async_sweep",
    title="One asynchronous sweep in a given order",
    notebook=NOTEBOOK,
    hints=[
        "Work on a copy of s and update it in place, one neuron at a time, in the order given: neuron order[0] "
        "first. Each neuron must see the new values of the neurons updated before it.",
        "Inside the loop `for i in order:` compute the field of neuron i from the current state, "
        "`u = W[i] @ s - theta_i`, right before updating it (not all fields before the loop).",
        "`s = s.copy()`; then for each i: `u = W[i] @ s - th[i]`; `if u > 0: s[i] = 1` / `elif u < 0: s[i] = -1` "
        "(on a tie do nothing); `th = np.broadcast_to(theta, s.shape)` handles a number or a vector.",
    ],
    reference=async_sweep,
    cases=_async_cases,
    mistakes=[
        Mistake("your new state contains 0s: np.sign(0) is 0. A neuron whose field equals its threshold "
                "(a tie) must keep its old value.", test=_has_zero),
        Mistake("you computed every field from the state before the sweep: that is a synchronous step. In a sweep "
                "neuron i must see the new values of the neurons updated before it: compute u = W[i] @ s − θ_i "
                "inside the loop, right before updating neuron i.",
                wrong=lambda W, s, order, theta=0.0: _apply_at(order, sync_step(W, s, theta), s)),
        Mistake("you updated the neurons in the order 0, 1, …, N−1; update them in the order given in `order`.",
                wrong=_sweep_with(_keep, lambda order, n: np.arange(n))),
        Mistake("you went through `order` backwards; start with order[0].",
                wrong=_sweep_with(_keep, lambda order, n: order[::-1])),
        Mistake("on a tie (h_i − θ_i = 0) you set the neuron to +1; the tie rule keeps its old value.",
                wrong=_sweep_with(lambda u, old: 1.0 if u >= 0 else -1.0)),
        Mistake("on a tie (h_i − θ_i = 0) you flipped the neuron; the tie rule keeps its old value.",
                wrong=_sweep_with(lambda u, old: 1.0 if u > 0 else (-1.0 if u < 0 else -old))),
        Mistake("you added the threshold: the rule is sign(h_i − θ_i).",
                wrong=lambda W, s, order, theta=0.0: async_sweep(W, s, order, -_f(theta))),
        Mistake("you left out the threshold theta: the rule is sign(h_i − θ_i).",
                wrong=lambda W, s, order, theta=0.0: async_sweep(W, s, order, 0.0)),
    ],
    explain="`hl.async_sweep(W, s, rng=...)` does the same with order = rng.permutation(N), keeping the fields "
            "up to date instead of recomputing them.",
))


# --------------------------------------------------------------------------- the energy change of one update


def update_energy_change(W, s, i, theta=0.0):
    """E(after) - E(before) when neuron i is updated by the rule (0 if it keeps its value); W symmetric."""
    W, s = _f(W), _f(s)
    th = np.broadcast_to(_f(theta), s.shape)
    u = W[i] @ s - th[i]
    d = sign_or_keep(u, s[i]) - s[i]
    return float(-d * u - 0.5 * W[i, i] * d * d)


def _flip_change_always(W, s, i, theta=0.0):
    W, s = _f(W), _f(s)
    th = np.broadcast_to(_f(theta), s.shape)
    d = -2.0 * s[i]
    return float(-d * (W[i] @ s - th[i]) - 0.5 * W[i, i] * d * d)


def _no_diagonal_term(W, s, i, theta=0.0):
    W, s = _f(W), _f(s)
    th = np.broadcast_to(_f(theta), s.shape)
    u = W[i] @ s - th[i]
    new = 1.0 if u > 0 else (-1.0 if u < 0 else s[i])
    return float(-(new - s[i]) * u)


def _without_theta(W, s, i, theta=0.0):
    return update_energy_change(W, s, i, 0.0)


def _update_cases():
    rng = _rng(3303)
    cases = []
    w = _symmetric(rng, 7)
    theta = rng.normal(scale=0.5, size=7)
    s = _spins(rng, 7)
    u = w @ s - theta
    flips = np.flatnonzero(np.sign(u) != s)
    stays = np.flatnonzero(np.sign(u) == s)
    cases.append(Case((w, s, int(flips[0]), theta), label="a neuron that flips (zero diagonal, thresholds)",
                      sizes={"N": 7}))
    cases.append(Case((w, s, int(stays[0]), theta), label="a neuron that already agrees with its field: no flip",
                      sizes={"N": 7}))
    cases.append(Case((TRIANGLE, np.array([1.0, 1.0, -1.0]), 0, 0.0), label="a tie in the frustrated triangle",
                      sizes={"N": 3}))
    wp = _symmetric(rng, 6, diagonal=0.5)
    sp = _spins(rng, 6)
    up = wp @ sp
    cases.append(Case((wp, sp, int(np.flatnonzero(np.sign(up) != sp)[0]), 0.0),
                      label="a positive diagonal, W_ii = 0.5", sizes={"N": 6}))
    cases.append(Case((np.array([[-2.0, 1.0], [1.0, -2.0]]), np.array([1.0, 1.0]), 0, 0.0),
                      label="self-inhibition W_ii = −2: this flip raises the energy", sizes={"N": 2}))
    cases.append(Case((np.array([[-1.0]]), np.array([1.0]), 0, 0.0), label="N = 1 with W = [[−1]]", sizes={"N": 1}))
    cases.append(Case((W2, np.array([1.0, -1.0]), 1, 0.5), label="W = [[0, 1], [1, 0]], scalar theta = 0.5",
                      sizes={"N": 2}))
    return cases


register(FunctionExercise(
    "dynamics.update_energy_change",
    title="The energy change of one asynchronous update",
    notebook=NOTEBOOK,
    hints=[
        "First apply the rule to neuron i: its new value is sign(h_i − θ_i), or its old value on a tie. If it "
        "does not change, ΔE = 0.",
        "With Δs_i = new − old (0 or ±2) and a symmetric W, the lecture's formula is "
        "ΔE = −Δs_i (h_i − θ_i) − ½ W_ii (Δs_i)², with h_i = W[i] @ s (diagonal term included).",
        "`u = W[i] @ s - th[i]`; `new = 1.0 if u > 0 else (-1.0 if u < 0 else s[i])`; `d = new - s[i]`; "
        "`return -d * u - 0.5 * W[i, i] * d**2`.",
    ],
    reference=update_energy_change,
    cases=_update_cases,
    returns="number",
    mistakes=[
        Mistake("you computed the energy change of *flipping* neuron i, but the update rule does not flip it "
                "here (it already agrees with sign(h_i − θ_i), or it is tied): then nothing changes and ΔE = 0.",
                wrong=_flip_change_always),
        Mistake("your sign is reversed: ΔE = E(after) − E(before), and an update that follows the field lowers "
                "the energy (ΔE < 0 with a zero diagonal).",
                wrong=lambda W, s, i, theta=0.0: -update_energy_change(W, s, i, theta)),
        Mistake("your ΔE is half the right value: a flip changes s_i by Δs_i = ±2 (from −1 to +1 or back), not ±1.",
                wrong=lambda W, s, i, theta=0.0: 0.5 * update_energy_change(W, s, i, theta)),
        Mistake("your ΔE is twice the right value: −Δs_i (h_i − θ_i) already counts both halves of the symmetric "
                "sum (row i and column i); no extra factor 2.",
                wrong=lambda W, s, i, theta=0.0: 2.0 * update_energy_change(W, s, i, theta)),
        Mistake("you left out the self-coupling: when W_ii ≠ 0 and h_i = W[i] @ s includes W_ii s_i, "
                "ΔE has the extra term −½ W_ii (Δs_i)² (= −2 W_ii for a flip).", wrong=_no_diagonal_term),
        Mistake("you left out the threshold: both the decision, sign(h_i − θ_i), and the energy term θ_i Δs_i "
                "depend on θ.", wrong=_without_theta),
    ],
    explain="For a flip ΔE = −2|h_i − θ_i| − 2W_ii: never positive when W_ii ≥ 0, the Lyapunov argument.",
))


# --------------------------------------------------------------------------- fixed point or 2-cycle


def sync_period(W, s, theta=0.0):
    """1 if s is a fixed point of a synchronous step, 2 if s is on a 2-cycle, 0 otherwise."""
    one = sync_step(W, s, theta)
    if np.array_equal(one, _f(s)):
        return 1
    if np.array_equal(sync_step(W, one, theta), _f(s)):
        return 2
    return 0


def _on_two_cycle(rng, n):
    """A random symmetric network and a state on a synchronous 2-cycle of it, and one that leads into it."""
    while True:
        w = _symmetric(rng, n)
        s = _spins(rng, n)
        first = s
        for _ in range(50):
            nxt = sync_step(w, s)
            if np.array_equal(sync_step(w, nxt), s) and not np.array_equal(nxt, s):
                if not np.array_equal(first, s):
                    return w, s, first
                break
            s = nxt
        else:
            continue


def _period_cases():
    rng = _rng(3404)
    xi = _spins(rng, 1, 9)
    w_one = _hebb_int(xi)
    w8, on_cycle, leads_in = _on_two_cycle(rng, 8)
    return [
        Case((w_one, xi[0], 0.0), label="a stored pattern: a fixed point", sizes={"N": 9}),
        Case((W2, np.array([1.0, -1.0]), 0.0), label="W = [[0, 1], [1, 0]] from (+1, -1): the smallest 2-cycle",
             sizes={"N": 2}),
        Case((w8, on_cycle, 0.0), label="a state on a 2-cycle of a random network", sizes={"N": 8}),
        Case((w8, leads_in, 0.0), label="a state that only leads into that 2-cycle: neither", sizes={"N": 8}),
        Case((W2, np.array([1.0, 1.0]), 0.0), label="W = [[0, 1], [1, 0]] from (+1, +1)", sizes={"N": 2}),
        Case((np.array([[0.0, 1.0], [-1.0, 0.0]]), np.array([1.0, 1.0]), 0.0),
             label="asymmetric weights: a cycle of length 4", sizes={"N": 2}),
        Case((W2, np.array([1.0, -1.0]), np.array([-1.0, 1.0])),
             label="thresholds theta = (−1, 1) turn the 2-cycle state into a fixed point", sizes={"N": 2}),
        Case((np.zeros((1, 1)), np.array([1.0]), 0.0), label="N = 1", sizes={"N": 1}),
    ]


register(FunctionExercise(
    "dynamics.sync_period",
    title="Fixed point, 2-cycle, or neither?",
    notebook=NOTEBOOK,
    hints=[
        "Take one synchronous step and then a second one. Where is the state after one step, after two?",
        "If one step gives s back, s is a fixed point (1). Otherwise, if two steps give s back, s is on a "
        "2-cycle (2). Otherwise neither (0). Test for the fixed point first: a fixed point also comes back "
        "after two steps.",
        "`one = hl.sync_step(W, s, theta)`; `if np.array_equal(one, s): return 1`; "
        "`if np.array_equal(hl.sync_step(W, one, theta), s): return 2`; `return 0`.",
    ],
    reference=sync_period,
    cases=_period_cases,
    returns="number",
    mistakes=[
        Mistake("you left out the threshold: pass theta to every synchronous step.",
                wrong=lambda W, s, theta=0.0: sync_period(W, s, 0.0)),
        Mistake("a fixed point also comes back after two steps: test whether one step leaves s unchanged "
                "first, and return 1 then.",
                test=lambda result, expected, case: expected == 1 and float(np.asarray(result)) == 2),
        Mistake("a state on a 2-cycle is not a fixed point: one step changes it, and the second step brings "
                "it back. Compare the state after ONE step with s to detect a fixed point.",
                test=lambda result, expected, case: expected == 2 and float(np.asarray(result)) == 1),
        Mistake("s itself is on no cycle here: it only leads into one (or into a fixed point). Answer for s "
                "itself: does s come back after one or two steps? Do not run the dynamics further first.",
                test=lambda result, expected, case: expected == 0 and float(np.asarray(result)) in (1.0, 2.0)),
    ],
    explain="`hl.recall(W, s, mode='sync')` stops on both, and reports the 2-cycle as not converged.",
))


# --------------------------------------------------------------------------- the threshold window


def threshold_window(W, s):
    """[low, high]: s is a fixed point for a uniform threshold theta exactly when low <= theta <= high."""
    h = _f(W) @ _f(s)
    s = _f(s)
    return np.array([h[s < 0].max(), h[s > 0].min()])


def _window_cases():
    rng = _rng(3505)
    w8 = _symmetric(rng, 8) / np.sqrt(8)
    xi = _spins(rng, 2, 10)
    w_hebb = hebbian(xi)
    mixed = _spins(rng, 8)
    while abs(mixed.sum()) == 8:
        mixed = _spins(rng, 8)
    return [
        Case((w8, mixed), label="random symmetric weights, N = 8, a random state (the window may be empty)",
             sizes={"N": 8}),
        Case((W2, np.array([1.0, -1.0])), label="W = [[0, 1], [1, 0]] at (+1, −1): an empty window", sizes={"N": 2}),
        Case((w_hebb, xi[0]), label="a stored pattern of a Hebbian network: a window around 0", sizes={"N": 10}),
        Case((TRIANGLE, np.array([1.0, 1.0, -1.0])), label="the frustrated triangle", sizes={"N": 3}),
        Case((w8, np.array([1.0] * 7 + [-1.0])), label="only one neuron at −1", sizes={"N": 8}),
    ]


register(FunctionExercise(
    "dynamics.threshold_window",
    title="The range of thresholds over which a state is a fixed point",
    notebook=NOTEBOOK,
    hints=[
        "With the same θ for every neuron, s is a fixed point when every +1 neuron has h_i ≥ θ and every "
        "−1 neuron has h_i ≤ θ. Which conditions bound θ from below, which from above?",
        "θ must be at least every field of a −1 neuron, so low = the largest of those; and at most every "
        "field of a +1 neuron, so high = the smallest of those. Boolean masks pick them: h[s < 0], h[s > 0].",
        "`h = W @ s`; `return np.array([h[s < 0].max(), h[s > 0].min()])` (an empty window has low > high).",
    ],
    reference=threshold_window,
    cases=_window_cases,
    mistakes=[
        Mistake("your two ends are swapped: low is the largest field among the −1 neurons, high the smallest "
                "field among the +1 neurons.", wrong=lambda W, s: threshold_window(W, s)[::-1]),
        Mistake("θ must lie above *every* field of a −1 neuron and below *every* field of a +1 neuron: low is "
                "the largest (max) field among the −1 neurons and high the smallest (min) among the +1 neurons.",
                wrong=lambda W, s: np.array([(_f(W) @ _f(s))[_f(s) < 0].min(), (_f(W) @ _f(s))[_f(s) > 0].max()])),
        Mistake("a −1 neuron stays off when h_i ≤ θ, so the −1 neurons bound θ from below and the +1 "
                "neurons from above; you used them the other way round.",
                wrong=lambda W, s: np.array([(_f(W) @ _f(s))[_f(s) > 0].max(), (_f(W) @ _f(s))[_f(s) < 0].min()])),
        Mistake("you took the extremes over all neurons; separate them by their state: the −1 neurons give "
                "the lower end, the +1 neurons the upper end.",
                wrong=lambda W, s: np.array([(_f(W) @ _f(s)).max(), (_f(W) @ _f(s)).min()])),
    ],
    explain="`trajectories.threshold_windows(W)` computes the window of all 2**N states at once.",
))


__all__ = ["sync_step", "async_sweep", "update_energy_change", "sync_period", "threshold_window"]
