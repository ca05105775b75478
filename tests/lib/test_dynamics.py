"""Energy, synchronous and asynchronous dynamics, recall."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hopfield_lib as hl
from hopfield_lib.dynamics import _sweep, couplings
from conftest import random_symmetric


# ---------------------------------------------------------------- energy

def test_energy_formula_and_batch(rng):
    w = random_symmetric(6, rng)
    theta = rng.normal(size=6)
    states = hl.all_states(6)
    batch = hl.energy(w, states, theta)
    assert batch.shape == (64,)
    for s, e in zip(states, batch):
        assert np.isclose(e, -0.5 * s @ w @ s + theta @ s)
        assert np.isclose(hl.energy(w, s, theta), e)
    assert isinstance(hl.energy(w, states[0]), float)


def test_reversed_state_same_energy_without_threshold(rng):
    w = random_symmetric(10, rng)
    s = hl.random_patterns(5, 10, rng=1)
    assert np.allclose(hl.energy(w, s), hl.energy(w, -s))


def test_energy_with_theta_scalar_equals_vector(rng):
    w = random_symmetric(5, rng)
    s = hl.random_patterns(1, 5, rng=0)[0]
    assert np.isclose(hl.energy(w, s, 0.3), hl.energy(w, s, np.full(5, 0.3)))


# ---------------------------------------------------------------- the Lyapunov property

@given(seed=st.integers(0, 10_000), n=st.integers(2, 40), b=st.integers(1, 4),
       use_theta=st.booleans())
@settings(max_examples=80, deadline=None)
def test_energy_never_increases_along_async_trajectory(seed, n, b, use_theta):
    """Every single-neuron update of an asynchronous sweep lowers E or keeps it."""
    rng = np.random.default_rng(seed)
    w = random_symmetric(n, rng)
    theta = rng.normal(size=n) if use_theta else 0.0
    s = hl.random_patterns(b, n, rng=rng)
    e = hl.energy(w, s, theta)
    for _ in range(3):
        for i in rng.permutation(n):  # neuron by neuron: E after each single update
            s = _sweep(couplings(w, theta), s, np.array([i]))[0]
            e_new = hl.energy(w, s, theta)
            assert np.all(e_new <= e + 1e-9)
            e = e_new


@given(seed=st.integers(0, 10_000), n=st.integers(2, 60))
@settings(max_examples=50, deadline=None)
def test_recall_energies_non_increasing_and_ends_at_fixed_point(seed, n):
    rng = np.random.default_rng(seed)
    w = random_symmetric(n, rng)
    res = hl.recall(w, hl.random_patterns(1, n, rng=rng)[0], rng=rng, max_sweeps=500)
    assert np.all(np.diff(res.energies) <= 1e-9)
    assert res.converged  # symmetric W, zero diagonal: asynchronous dynamics always settles
    assert np.array_equal(hl.sync_step(w, res.state), res.state)  # a fixed point of every update


# ---------------------------------------------------------------- tie rule

def test_tie_keeps_value():
    w = np.zeros((3, 3))
    s = np.array([1, -1, 1])
    assert np.array_equal(hl.sync_step(w, s), s)
    assert np.array_equal(hl.async_sweep(w, s, rng=0), s)
    # A threshold equal to the field is a tie too.
    w = np.array([[0.0, 1.0], [1.0, 0.0]])
    assert np.array_equal(hl.sync_step(w, np.array([1, 1]), theta=1.0), [1, 1])
    assert np.array_equal(hl.sync_step(w, np.array([-1, -1]), theta=-1.0), [-1, -1])


def test_even_number_of_patterns_ties():
    """Two stored patterns give exact zero fields in many states; those neurons keep their value."""
    xi = np.array([[1, 1, 1, 1, 1], [1, 1, -1, -1, 1]])
    w = hl.hebbian(xi) * 5  # integer weights: exact ties
    ties = 0
    for s in hl.all_states(5):
        h = w @ s
        new_sync = hl.sync_step(w, s)
        assert np.all(new_sync[h == 0] == s[h == 0])
        assert np.all(new_sync[h != 0] == np.sign(h[h != 0]))
        ties += int(np.sum(h == 0))
    assert ties > 0


def test_threshold_shifts_fixed_points():
    w = np.array([[0.0, 1.0], [1.0, 0.0]])
    assert np.array_equal(hl.sync_step(w, np.array([-1, -1])), [-1, -1])
    assert np.array_equal(hl.sync_step(w, np.array([-1, -1]), theta=-2.0), [1, 1])


# ---------------------------------------------------------------- stored patterns

@pytest.mark.parametrize("seed", range(10))
def test_patterns_and_reverses_are_fixed_points_at_low_load(seed):
    xi = hl.random_patterns(5, 200, rng=seed)  # alpha = 0.025
    w = hl.hebbian(xi)
    for pattern in np.concatenate([xi, -xi]):
        assert np.array_equal(hl.sync_step(w, pattern), pattern)
        assert np.array_equal(hl.async_sweep(w, pattern, rng=seed), pattern)
    assert np.allclose(hl.energy(w, xi), hl.energy(w, -xi))


def test_recall_from_noise_at_low_load():
    xi = hl.random_patterns(5, 200, rng=0)
    w = hl.hebbian(xi)
    probes = hl.corrupt(xi, 0.15, rng=1)
    res = hl.recall(w, probes, rng=2)
    assert np.all(res.converged)
    assert np.allclose(hl.overlap(xi, res.state).diagonal(), 1.0)


# ---------------------------------------------------------------- batch == single

@pytest.mark.parametrize("seed", range(5))
def test_async_batch_matches_single(seed):
    rng = np.random.default_rng(seed)
    w = random_symmetric(30, rng)
    theta = rng.normal(size=30) * 0.1
    s = hl.random_patterns(8, 30, rng=seed)
    batch = hl.async_sweep(w, s, rng=seed, theta=theta)
    for b in range(8):
        assert np.array_equal(batch[b], hl.async_sweep(w, s[b], rng=seed, theta=theta))


def test_recall_batch_matches_single_sync():
    rng = np.random.default_rng(0)
    w = random_symmetric(25, rng)
    s = hl.random_patterns(6, 25, rng=1)
    batch = hl.recall(w, s, mode="sync")
    for b in range(6):
        single = hl.recall(w, s[b], mode="sync")
        assert np.array_equal(batch.state[b], single.state)
        assert batch.converged[b] == single.converged
        assert batch.sweeps[b] == single.sweeps


def test_recall_batch_async_single_probe_rows_agree_when_one_sweep():
    rng = np.random.default_rng(5)
    w = random_symmetric(20, rng)
    s = hl.random_patterns(4, 20, rng=2)
    res = hl.recall(w, s, rng=9, max_sweeps=1)
    assert np.array_equal(res.state, hl.async_sweep(w, s, rng=9))


def test_async_sweep_incremental_field_matches_naive():
    """The incremental-field sweep equals the textbook loop that recomputes h_i each time."""
    rng = np.random.default_rng(1)
    w = random_symmetric(40, rng)
    s = hl.random_patterns(1, 40, rng=3)[0]
    order = np.random.default_rng(4).permutation(40)
    naive = s.copy()
    for i in order:
        h = w[i] @ naive
        if h != 0:
            naive[i] = np.sign(h)
    assert np.array_equal(_sweep(couplings(w), s, order)[0], naive)
    assert np.array_equal(hl.async_sweep(w, s, rng=4), naive)  # same seed, same order


def test_async_sweep_keeps_dtype_and_input():
    w = hl.hebbian(hl.random_patterns(2, 10, rng=0))
    s = np.array([1, -1] * 5)
    out = hl.async_sweep(w, s, rng=0)
    assert out.dtype == s.dtype and out.shape == (10,)
    assert np.array_equal(s, [1, -1] * 5)


# ---------------------------------------------------------------- recall bookkeeping

def test_sync_two_cycle_is_not_converged():
    w = np.array([[0.0, 1.0], [1.0, 0.0]])
    res = hl.recall(w, np.array([1, -1]), mode="sync", max_sweeps=50)
    assert res.converged is False
    assert res.sweeps == 2
    assert np.array_equal(res.states, [[1, -1], [-1, 1], [1, -1]])
    # the same start settles under asynchronous updates
    res_async = hl.recall(w, np.array([1, -1]), rng=0)
    assert res_async.converged and abs(res_async.state.sum()) == 2


def test_recall_result_shapes_single_and_batch():
    xi = hl.random_patterns(3, 50, rng=0)
    w = hl.hebbian(xi)
    single = hl.recall(w, hl.corrupt(xi[0], 0.1, rng=1), rng=2)
    t = single.states.shape[0]
    assert single.states.shape == (t, 50) and single.energies.shape == (t,)
    assert t == single.sweeps + 1
    assert np.array_equal(single.states[-1], single.state)
    assert isinstance(single.converged, bool) and isinstance(single.sweeps, int)
    batch = hl.recall(w, hl.corrupt(xi, 0.1, rng=1), rng=2)
    t = batch.states.shape[0]
    assert batch.states.shape == (t, 3, 50) and batch.energies.shape == (t, 3)
    assert batch.converged.shape == (3,) and batch.sweeps.shape == (3,)
    assert np.allclose(batch.energies[-1], hl.energy(w, batch.state))
    for t_ in range(t):  # energies kept from incremental fields equal the recomputed ones
        assert np.allclose(batch.energies[t_], hl.energy(w, batch.states[t_]))
    assert np.allclose(single.energies, hl.energy(w, single.states))
    sync = hl.recall(w, batch.states[0, 0], mode="sync")
    assert np.allclose(sync.energies, hl.energy(w, sync.states))


def test_recall_max_sweeps_reached_is_not_converged():
    xi = hl.random_patterns(3, 100, rng=0)
    res = hl.recall(hl.hebbian(xi), hl.corrupt(xi[0], 0.3, rng=1), rng=2, max_sweeps=1)
    assert res.sweeps == 1
    assert res.converged is False  # the first sweep changed neurons; no fixed point seen yet


def test_recall_finds_the_fixed_point_that_exists():
    x = hl.random_patterns(1, 64, rng=0)
    w = hl.hebbian(x)  # one pattern: every start not orthogonal to it goes to +-x
    for seed in range(5):
        res = hl.recall(w, hl.corrupt(x[0], 0.3, rng=seed), rng=seed)
        assert res.converged
        assert np.array_equal(res.state, x[0])


def test_recall_same_seed_same_result():
    xi = hl.random_patterns(10, 100, rng=0)
    w = hl.hebbian(xi)
    p = hl.corrupt(xi, 0.2, rng=1)
    a, b = hl.recall(w, p, rng=5), hl.recall(w, p, rng=5)
    assert np.array_equal(a.states, b.states)


def test_local_field(rng):
    w = random_symmetric(7, rng)
    s = hl.random_patterns(3, 7, rng=0)
    assert np.allclose(hl.local_field(w, s), s @ w.T)
    assert np.allclose(hl.local_field(w, s[0]), w @ s[0])


def test_float_rounding_of_an_exact_tie_is_still_a_tie():
    """Hebbian weights k/N are inexact unless N is a power of 2: an exact zero field must stay a tie."""
    xi = np.array([[-1, -1, 1, -1, 1, 1, -1, -1, -1, 1], [1, -1, -1, 1, -1, 1, 1, 1, -1, -1]], float)
    s = np.array([-1, -1, -1, -1, -1, -1, 1, -1, -1, 1], float)
    w = hl.hebbian(xi)
    exact = (xi.T @ xi - 2 * np.eye(10)) @ s  # N * h in integers
    assert exact[0] == 0 and (w @ s)[0] != 0  # the float field is not exactly zero
    ties = exact == 0
    assert np.array_equal(hl.sync_step(w, s)[ties], s[ties])
    assert np.array_equal(hl.sync_step(w, s), hl.sync_step(w * 10, s))  # same decisions at any scale
    # one sweep in a fixed order against exact integer arithmetic
    order = np.random.default_rng(0).permutation(10)
    exact_state = s.copy()
    wi = xi.T @ xi - 2 * np.eye(10)
    for i in order:
        h = wi[i] @ exact_state
        if h != 0:
            exact_state[i] = np.sign(h)
    assert np.array_equal(hl.async_sweep(w, s, rng=0), exact_state)


def test_ties_agree_between_batch_and_single():
    xi = hl.letters.letters("ABCD")  # even P, N = 100 (not a power of 2): many exact ties
    w = hl.hebbian(xi)
    probes = hl.corrupt(np.repeat(xi, 5, axis=0), 0.2, rng=3)
    batch = hl.sync_step(w, probes)
    for b in range(len(probes)):
        assert np.array_equal(batch[b], hl.sync_step(w, probes[b]))
    exact = probes @ (xi.T @ xi - 4 * np.eye(100)).T
    assert np.any(exact == 0)
    assert np.array_equal(batch[exact == 0], probes[exact == 0])
