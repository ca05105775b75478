"""Practice 3 (03_dynamics): right answers written in several ways pass, and each plausible
wrong answer fails with the message written for it."""

import numpy as np
import pytest

import hopfield_lib as hl
from hopfield_course.checks import EXERCISES, exercises_for
from hopfield_lib.experiments import trajectories
from checkhelpers import run, fails_with

IDS = ["dynamics.sync_step", "dynamics.async_sweep", "dynamics.update_energy_change",
       "dynamics.sync_period", "dynamics.threshold_window"]


def test_the_notebook_has_five_exercises_in_order():
    assert [ex.id for ex in exercises_for("03_dynamics")] == IDS


def _rule(u, s):
    return np.where(u > 0, 1.0, np.where(u < 0, -1.0, s))


# --------------------------------------------------------------------------- sync_step


@pytest.mark.parametrize("answer", [
    lambda W, s, theta=0.0: hl.sync_step(W, s, theta),
    lambda W, s, theta=0.0: _rule(W @ s - theta, s),
    lambda W, s, theta=0.0: np.array([np.sign(u) if u != 0 else x for u, x in zip(W @ s - theta, s)]),
], ids=["library", "where", "loop"])
def test_sync_step_right_answers(answer):
    assert run("dynamics.sync_step", answer).passed


def test_sync_step_mistakes():
    ex = "dynamics.sync_step"
    fails_with(ex, lambda W, s, theta=0.0: np.sign(W @ s - theta), "np.sign(0) is 0")
    fails_with(ex, lambda W, s, theta=0.0: np.where(W @ s - theta >= 0, 1.0, -1.0), "you set the neuron to +1")
    fails_with(ex, lambda W, s, theta=0.0: np.where(W @ s - theta > 0, 1.0, -1.0), "you set the neuron to −1")
    fails_with(ex, lambda W, s, theta=0.0: _rule(W @ s - theta, -s), "you flipped the neuron")
    fails_with(ex, _sequential, "that is an asynchronous sweep")
    fails_with(ex, lambda W, s, theta=0.0: _rule(W @ s + theta, s), "you added the threshold")
    fails_with(ex, lambda W, s, theta=0.0: _rule(W @ s, s), "you left out the threshold theta")
    fails_with(ex, lambda W, s, theta=0.0: _rule(s @ W - theta, s), "you used the columns of W")


def _sequential(W, s, theta=0.0):
    s = s.copy()
    th = np.broadcast_to(theta, s.shape)
    for i in range(len(s)):
        s[i] = _rule(W[i] @ s - th[i], s[i])
    return s


def test_sync_step_in_place_is_reported():
    def in_place(W, s, theta=0.0):
        s[:] = _rule(W @ s - theta, s)
        return s

    fails_with("dynamics.sync_step", in_place, "changed its input `s`")


# --------------------------------------------------------------------------- async_sweep


def _loop(W, s, order, theta=0.0, *, tie="keep", order_fn=None):
    s = np.array(s, dtype=float)
    th = np.broadcast_to(theta, s.shape)
    for i in (order if order_fn is None else order_fn(order, len(s))):
        u = W[i] @ s - th[i]
        if u != 0:
            s[i] = np.sign(u)
        elif tie == "plus":
            s[i] = 1.0
        elif tie == "zero":
            s[i] = 0.0
    return s


@pytest.mark.parametrize("answer", [
    lambda W, s, order, theta=0.0: _loop(W, s, order, theta),
    lambda W, s, order, theta=0.0: hl.dynamics._sweep(hl.dynamics.couplings(W, theta), s, np.asarray(order))[0],
], ids=["loop", "library-internal"])
def test_async_sweep_right_answers(answer):
    assert run("dynamics.async_sweep", answer).passed


def test_async_sweep_mistakes():
    ex = "dynamics.async_sweep"
    fails_with(ex, lambda W, s, order, theta=0.0: _loop(W, s, order, theta, tie="zero"), "np.sign(0) is 0")
    fails_with(ex, _sync_then_order, "that is a synchronous step")
    fails_with(ex, lambda W, s, order, theta=0.0: _loop(W, s, order, theta, order_fn=lambda o, n: range(n)),
               "in the order 0, 1, …, N−1")
    fails_with(ex, lambda W, s, order, theta=0.0: _loop(W, s, order, theta, order_fn=lambda o, n: list(o)[::-1]),
               "backwards")
    fails_with(ex, lambda W, s, order, theta=0.0: _loop(W, s, order, theta, tie="plus"), "you set the neuron to +1")
    fails_with(ex, lambda W, s, order, theta=0.0: _loop(W, s, order, -np.asarray(theta)), "you added the threshold")
    fails_with(ex, lambda W, s, order, theta=0.0: _loop(W, s, order, 0.0), "you left out the threshold")


def _sync_then_order(W, s, order, theta=0.0):
    out = np.array(s, dtype=float)
    new = hl.sync_step(W, s, theta)
    out[list(order)] = new[list(order)]
    return out


# --------------------------------------------------------------------------- update_energy_change


def _by_energies(W, s, i, theta=0.0):
    new = s.copy()
    u = W[i] @ s - np.broadcast_to(theta, s.shape)[i]
    if u != 0:
        new[i] = np.sign(u)
    return hl.energy(W, new, theta) - hl.energy(W, s, theta)


def _off_diagonal_field(W, s, i, theta=0.0):
    th = np.broadcast_to(theta, s.shape)[i]
    u = W[i] @ s - th
    new = s[i] if u == 0 else np.sign(u)
    d = new - s[i]
    return -d * (W[i] @ s - W[i, i] * s[i] - th)


@pytest.mark.parametrize("answer", [_by_energies, _off_diagonal_field], ids=["two-energies", "off-diagonal-field"])
def test_update_energy_change_right_answers(answer):
    assert run("dynamics.update_energy_change", answer).passed


def test_update_energy_change_mistakes():
    ex = "dynamics.update_energy_change"
    ref = EXERCISES[ex].solution()

    def always_flip(W, s, i, theta=0.0):
        t = s.copy()
        t[i] = -t[i]
        return hl.energy(W, t, theta) - hl.energy(W, s, theta)

    fails_with(ex, always_flip, "the update rule does not flip it here")
    fails_with(ex, lambda W, s, i, theta=0.0: -ref(W, s, i, theta), "your sign is reversed")
    fails_with(ex, lambda W, s, i, theta=0.0: ref(W, s, i, theta) / 2, "half the right value")
    fails_with(ex, lambda W, s, i, theta=0.0: 2 * ref(W, s, i, theta), "twice the right value")

    def no_diagonal(W, s, i, theta=0.0):
        u = W[i] @ s - np.broadcast_to(theta, s.shape)[i]
        new = s[i] if u == 0 else np.sign(u)
        return -(new - s[i]) * u

    fails_with(ex, no_diagonal, "you left out the self-coupling")
    fails_with(ex, lambda W, s, i, theta=0.0: ref(W, s, i, 0.0), "you left out the threshold")
    fails_with(ex, lambda W, s, i, theta=0.0: np.array([ref(W, s, i, theta)] * 2),
               "expected a single number")


# --------------------------------------------------------------------------- sync_period


def _period_loop(W, s, theta=0.0):
    states = [s]
    for _ in range(2):
        states.append(hl.sync_step(W, states[-1], theta))
    for k in (1, 2):
        if np.array_equal(states[k], s):
            return k
    return 0


def test_sync_period_right_answers():
    assert run("dynamics.sync_period", _period_loop).passed
    assert run("dynamics.sync_period", lambda W, s, theta=0.0: float(_period_loop(W, s, theta))).passed


def test_sync_period_mistakes():
    ex = "dynamics.sync_period"

    def two_first(W, s, theta=0.0):
        two = hl.sync_step(W, hl.sync_step(W, s, theta), theta)
        if np.array_equal(two, s):
            return 2
        return 1 if np.array_equal(hl.sync_step(W, s, theta), s) else 0

    def two_step_as_fixed(W, s, theta=0.0):
        two = hl.sync_step(W, hl.sync_step(W, s, theta), theta)
        return 1 if np.array_equal(two, s) else 0

    def attractor_period(W, s, theta=0.0):
        _, period = trajectories.sync_orbit(W, s, theta=theta)
        return period

    fails_with(ex, two_first, "a fixed point also comes back after two steps")
    fails_with(ex, two_step_as_fixed, "a state on a 2-cycle is not a fixed point")
    fails_with(ex, attractor_period, "s itself is on no cycle here")
    fails_with(ex, lambda W, s, theta=0.0: _period_loop(W, s, 0.0), "you left out the threshold")
    fails_with(ex, lambda W, s, theta=0.0: _period_loop(W, s, theta) == 1, "returned the bool True")


# --------------------------------------------------------------------------- threshold_window


def _window_loop(W, s):
    h = W @ s
    low = max(h[i] for i in range(len(s)) if s[i] < 0)
    high = min(h[i] for i in range(len(s)) if s[i] > 0)
    return [low, high]


def test_threshold_window_right_answers():
    assert run("dynamics.threshold_window", _window_loop).passed
    assert run("dynamics.threshold_window", lambda W, s: tuple(_window_loop(W, s))).passed


def test_threshold_window_mistakes():
    ex = "dynamics.threshold_window"
    fails_with(ex, lambda W, s: _window_loop(W, s)[::-1], "your two ends are swapped")
    fails_with(ex, lambda W, s: [(W @ s)[s < 0].min(), (W @ s)[s > 0].max()], "low is the largest (max) field")
    fails_with(ex, lambda W, s: [(W @ s)[s > 0].max(), (W @ s)[s < 0].min()], "you used them the other way round")
    fails_with(ex, lambda W, s: [(W @ s).max(), (W @ s).min()], "you took the extremes over all neurons")
    fails_with(ex, lambda W, s: _window_loop(W, s)[0], "shape (2,) expected, got a single number")
