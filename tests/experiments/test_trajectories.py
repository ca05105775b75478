"""Single-neuron trajectories, synchronous orbits, fixed points and threshold windows."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hopfield_lib as hl
from hopfield_lib.experiments import trajectories as tj
from hopfield_lib.dynamics import _sweep, couplings
from conftest import random_symmetric


# ---------------------------------------------------------------- orders and asynchronous trajectories

def test_sweep_orders_are_permutations_drawn_like_recall():
    order = tj.sweep_orders(7, 3, rng=5)
    assert order.shape == (21,)
    for sweep in order.reshape(3, 7):
        assert sorted(sweep.tolist()) == list(range(7))
    gen = np.random.default_rng(5)
    assert np.array_equal(order, np.concatenate([gen.permutation(7) for _ in range(3)]))
    assert tj.sweep_orders(4, 0, rng=0).shape == (0,)


@pytest.mark.parametrize("seed", range(4))
def test_async_trajectory_passes_through_recall_states(seed):
    rng = np.random.default_rng(seed)
    n = 30
    w = random_symmetric(n, rng)
    s = hl.random_patterns(1, n, rng=seed)[0]
    res = hl.recall(w, s, rng=seed + 100)
    tr = tj.async_trajectory(w, s, tj.sweep_orders(n, res.sweeps, rng=seed + 100))
    assert np.array_equal(tr.states[::n], res.states)
    assert np.allclose(tr.energies[::n], res.energies)


def test_async_trajectory_one_sweep_equals_library_sweep_and_records_everything():
    rng = np.random.default_rng(1)
    w = random_symmetric(12, rng)
    theta = rng.normal(size=12) * 0.3
    s = hl.random_patterns(1, 12, rng=2)[0]
    order = np.random.default_rng(3).permutation(12)
    tr = tj.async_trajectory(w, s, order, theta=theta)
    assert tr.states.shape == (13, 12) and tr.energies.shape == (13,) and tr.steps == 12
    assert np.array_equal(tr.states[-1], _sweep(couplings(w, theta), s, order)[0])
    assert np.allclose(tr.energies, hl.energy(w, tr.states, theta))
    assert np.array_equal(tr.flipped, np.any(tr.states[1:] != tr.states[:-1], axis=1))
    assert np.array_equal(tr.neurons, order)
    # only the named neuron changes at each update
    changed = np.argwhere(tr.states[1:] != tr.states[:-1])
    assert np.array_equal(changed[:, 1], order[changed[:, 0]])
    assert "async" in repr(tr)


def test_async_trajectory_keeps_ties_and_input():
    w = -(np.ones((3, 3)) - np.eye(3))       # frustrated triangle: neurons 0 and 1 tied
    s = np.array([1.0, 1.0, -1.0])
    tr = tj.async_trajectory(w, s, [0, 1, 2, 0, 1, 2])
    assert not tr.flipped.any()
    assert np.array_equal(s, [1.0, 1.0, -1.0])


@given(seed=st.integers(0, 10_000), n=st.integers(1, 25), diag=st.sampled_from([0.0, 0.5, 2.0]),
       use_theta=st.booleans())
@settings(max_examples=60, deadline=None)
def test_lyapunov_symmetric_nonnegative_diagonal(seed, n, diag, use_theta):
    rng = np.random.default_rng(seed)
    w = random_symmetric(n, rng, diagonal=diag)
    theta = rng.normal(size=n) if use_theta else 0.0
    tr = tj.async_trajectory(w, hl.random_patterns(1, n, rng=rng)[0], tj.sweep_orders(n, 4, rng=rng), theta=theta)
    d = tr.energy_changes
    assert np.all(d <= 1e-9)
    assert np.all(d[tr.flipped] < -1e-12)      # strictly down at every flip


def test_negative_diagonal_and_asymmetry_break_it():
    tr = tj.async_trajectory(np.array([[-2.0, 1.0], [1.0, -2.0]]), np.array([1, 1]), [0, 1])
    assert tr.energy_changes.max() == pytest.approx(2.0)
    tr = tj.async_trajectory(np.array([[0.0, 1.0], [-1.0, 0.0]]), np.array([1, 1]), [0, 1] * 4)
    assert tj.state_string(tr.states) == "++ ++ +- -- -+ ++ +- -- -+"


def test_async_trajectory_errors():
    w = np.zeros((3, 3))
    with pytest.raises(ValueError, match="neuron indices 0 to 2"):
        tj.async_trajectory(w, np.ones(3), [0, 3])
    with pytest.raises(TypeError, match="neuron indices"):
        tj.async_trajectory(w, np.ones(3), [0.5, 1.0])
    with pytest.raises(ValueError, match="-1 or \\+1"):
        tj.async_trajectory(w, np.zeros(3), [0])
    with pytest.raises(ValueError, match="neurons to match"):
        tj.async_trajectory(w, np.ones(4), [0])
    assert tj.async_trajectory(w, np.ones(3), []).states.shape == (1, 3)


# ---------------------------------------------------------------- synchronous

def test_sync_trajectory_is_repeated_sync_step():
    rng = np.random.default_rng(0)
    w = random_symmetric(15, rng)
    s = hl.random_patterns(1, 15, rng=1)[0]
    tr = tj.sync_trajectory(w, s, 5, theta=0.1)
    x = s
    for t in range(5):
        x = hl.sync_step(w, x, theta=0.1)
        assert np.array_equal(tr.states[t + 1], x)
    assert tr.neurons is None and "sync" in repr(tr)


def test_sync_orbit_examples():
    w = np.array([[0.0, 1.0], [1.0, 0.0]])
    assert tj.sync_orbit(w, np.array([1, 1])) == (0, 1)
    assert tj.sync_orbit(w, np.array([1, -1])) == (0, 2)
    assert tj.sync_orbit(np.array([[0.0, 1.0], [-1.0, 0.0]]), np.array([1, 1])) == (0, 4)
    assert tj.sync_orbit(np.array([[0.0, 1.0], [-1.0, 0.0]]), np.array([1, 1]), max_steps=2) == (-1, 0)


@given(seed=st.integers(0, 10_000), n=st.integers(1, 10))
@settings(max_examples=60, deadline=None)
def test_symmetric_sync_ends_in_fixed_point_or_two_cycle(seed, n):
    rng = np.random.default_rng(seed)
    w = random_symmetric(n, rng)
    s = hl.random_patterns(1, n, rng=rng)[0]
    transient, period = tj.sync_orbit(w, s)
    assert period in (1, 2)
    tr = tj.sync_trajectory(w, s, transient + 6)
    assert np.all(np.diff(tj.two_step_energy(w, tr.states)) <= 1e-9)


def test_two_step_energy_formula_and_errors():
    rng = np.random.default_rng(3)
    w = random_symmetric(6, rng)
    theta = rng.normal(size=6)
    states = hl.random_patterns(4, 6, rng=4)
    L = tj.two_step_energy(w, states, theta=theta)
    for t in range(1, 4):
        assert np.isclose(L[t - 1], -states[t] @ w @ states[t - 1] + theta @ (states[t] + states[t - 1]))
    with pytest.raises(ValueError, match="at least 2"):
        tj.two_step_energy(w, states[:1])


# ---------------------------------------------------------------- many networks at once

def test_random_networks():
    ws = tj.random_networks(3, 6, rng=0)
    assert ws.shape == (3, 6, 6)
    assert np.allclose(ws, ws.transpose(0, 2, 1))
    assert np.all(np.diagonal(ws, axis1=1, axis2=2) == 0)
    wa = tj.random_networks(3, 6, symmetric=False, diagonal=-1.0, rng=0)
    assert not np.allclose(wa, wa.transpose(0, 2, 1))
    assert np.all(np.diagonal(wa, axis1=1, axis2=2) == -1)
    wr = tj.random_networks(200, 30, diagonal="random", rng=1)
    assert np.std(np.diagonal(wr, axis1=1, axis2=2)) > 0.5
    off = wr[:, ~np.eye(30, dtype=bool)]
    assert abs(np.var(off) - 1) < 0.05
    with pytest.raises(ValueError, match="'random'"):
        tj.random_networks(1, 3, diagonal="zero")


@pytest.mark.parametrize("kw", [dict(), dict(symmetric=False), dict(diagonal=-2.0), dict(diagonal="random")])
def test_async_energy_changes_match_trajectories(kw):
    ws = tj.random_networks(5, 8, rng=2, **kw)
    s = hl.random_patterns(5, 8, rng=3)
    order = tj.sweep_orders(8, 3, rng=4)
    theta = np.linspace(-0.5, 0.5, 8)
    delta, final = tj.async_energy_changes(ws, s, order, theta=theta)
    assert delta.shape == (5, 24)
    for b in range(5):
        tr = tj.async_trajectory(ws[b], s[b], order, theta=theta)
        assert np.allclose(delta[b], tr.energy_changes)
        assert np.array_equal(final[b], tr.states[-1])


def test_async_energy_changes_shared_matrix_and_errors():
    w = random_symmetric(6, np.random.default_rng(0))
    s = hl.random_patterns(3, 6, rng=1)
    delta, _ = tj.async_energy_changes(w, s, tj.sweep_orders(6, 2, rng=2))
    assert delta.shape == (3, 12) and np.all(delta <= 1e-12)
    with pytest.raises(ValueError, match="expected shape"):
        tj.async_energy_changes(np.zeros((2, 6, 6)), s, [0])


# ---------------------------------------------------------------- fixed points and thresholds

@pytest.mark.parametrize("theta", [0.0, 0.7, -1.3])
def test_fixed_points_by_brute_force(theta):
    w = random_symmetric(7, np.random.default_rng(5))
    expected = [s for s in hl.all_states(7) if np.array_equal(hl.sync_step(w, s, theta=theta), s)]
    assert np.array_equal(tj.fixed_points(w, theta=theta), np.array(expected).reshape(-1, 7))


def test_fixed_points_come_in_pairs_without_threshold():
    w = random_symmetric(8, np.random.default_rng(6))
    fps = {tuple(s) for s in tj.fixed_points(w)}
    assert fps and all(tuple(-np.array(s)) in fps for s in fps)


def test_threshold_windows_match_enumeration():
    w = random_symmetric(6, np.random.default_rng(7)) / 3
    states, low, high = tj.threshold_windows(w)
    assert states.shape == (64, 6) and low.shape == high.shape == (64,)
    assert low[0] <= high[0] == np.inf and low[-1] == -np.inf
    for theta in np.linspace(-3, 3, 61):
        inside = states[(low <= theta) & (theta <= high)]
        assert np.array_equal(inside, tj.fixed_points(w, theta=theta).reshape(-1, 6))


def test_threshold_window_edges_are_ties():
    w = np.array([[0.0, 1.0], [1.0, 0.0]])
    # all +1 has h = 1: a fixed point up to theta = 1 included (the tie keeps it)
    assert len(tj.fixed_points(w, theta=1.0)) == 2
    assert tj.fixed_points(w, theta=1.01).tolist() == [[-1.0, -1.0]]


def test_enumeration_limit():
    with pytest.raises(ValueError, match="at most 16"):
        tj.fixed_points(np.zeros((17, 17)))


# ---------------------------------------------------------------- small things

def test_state_string():
    assert tj.state_string([1, -1]) == "+-"
    assert tj.state_string(np.array([[1.0, 1.0], [-1.0, -1.0]])) == "++ --"


def test_show_updates_draws_images_overlaps_energy():
    xi = hl.random_patterns(3, 64, rng=0)
    tr = tj.async_trajectory(hl.hebbian(xi), hl.corrupt(xi[0], 0.2, rng=1), tj.sweep_orders(64, 2, rng=2))
    fig = tj.show_updates(tr, xi, names=list("abc"), n_images=4, title="t")
    titles = [ax.get_title() for ax in fig.axes]
    assert titles[0] == "start" and "energy" in titles and "overlap with stored patterns" in titles
    assert len(fig.axes[4].get_lines()) == 3
    plt.close(fig)
    fig = tj.show_updates(tr)              # without patterns
    plt.close(fig)
