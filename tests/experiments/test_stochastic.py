"""Glauber dynamics and the mean-field theory of retrieval and mixture states."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hopfield_lib as hl
from hopfield_lib.experiments import stochastic as sto
from conftest import random_symmetric


def glauber_sweep_by_hand(w, s, beta, order, u):
    """The rule written out literally, one neuron at a time."""
    s = np.array(s, dtype=float)
    for i in order:
        h = w[i] @ s
        p = 1.0 / (1.0 + np.exp(-2.0 * beta * h))
        s[i] = 1.0 if u[i] < p else -1.0
    return s


# ---------------------------------------------------------------- the probability

def test_glauber_probability_values():
    h = np.array([-2.0, -0.5, 0.0, 0.5, 2.0])
    p = sto.glauber_probability(h, 1.3)
    assert np.allclose(p, 1 / (1 + np.exp(-2 * 1.3 * h)))
    assert np.allclose(p + p[::-1], 1)  # P(+1 | h) = P(-1 | -h)
    assert np.all(sto.glauber_probability(h, 0.0) == 0.5)
    assert sto.glauber_probability(h, np.inf).tolist() == [0, 0, 0.5, 1, 1]
    assert sto.glauber_probability(1e4, 1e4) == 1.0  # no overflow
    with pytest.raises(ValueError, match="beta"):
        sto.glauber_probability(h, -1.0)
    with pytest.raises(TypeError, match="beta"):
        sto.glauber_probability(h, None)


def test_glauber_probability_is_boltzmann_ratio():
    # P(+1) / P(-1) = exp(-beta [E(+1) - E(-1)]) with E(s_i) = -h s_i (the part of E that depends on s_i)
    h, beta = 0.37, 2.1
    p = sto.glauber_probability(h, beta)
    assert np.isclose(p / (1 - p), np.exp(-beta * (-h - h)))


# ---------------------------------------------------------------- one sweep

@given(seed=st.integers(0, 10_000), n=st.integers(1, 30), beta=st.floats(0.0, 5.0))
@settings(max_examples=60, deadline=None)
def test_sweep_matches_the_rule_by_hand(seed, n, beta):
    rng = np.random.default_rng(seed)
    w = random_symmetric(n, rng)
    s = hl.random_patterns(1, n, rng=rng)[0]
    order = rng.permutation(n)
    u = rng.random(n)
    out = sto.glauber_sweep(w, s, beta, order=order, uniforms=u)
    assert np.array_equal(out, glauber_sweep_by_hand(w, s, beta, order, u))


@given(seed=st.integers(0, 10_000), n=st.integers(2, 40), b=st.integers(1, 4))
@settings(max_examples=60, deadline=None)
def test_zero_temperature_equals_async_sweep(seed, n, b):
    """beta = inf is the deterministic sweep with the same order, ties included."""
    rng = np.random.default_rng(seed)
    w = np.round(random_symmetric(n, rng) * 2) / 2  # coarse weights: ties happen
    s = hl.random_patterns(b, n, rng=rng)
    cold = sto.glauber_sweep(w, s, np.inf, order=np.random.default_rng(seed).permutation(n), rng=1)
    assert np.array_equal(cold, hl.async_sweep(w, s, rng=seed))


def test_large_finite_beta_equals_async_sweep_without_ties():
    # P = 5 (odd): every N * W_ij is odd; N = 100: a field is 1/N times a sum of 99 odd
    # numbers, which is odd, so |h_i| >= 1/N and no field is ever 0 during the sweep.
    xi = hl.random_patterns(5, 100, rng=0)
    w = hl.hebbian(xi)
    s = hl.random_patterns(8, 100, rng=1)
    hot = sto.glauber_sweep(w, s, 1e6, order=np.random.default_rng(2).permutation(100), rng=3)
    assert np.array_equal(hot, hl.async_sweep(w, s, rng=2))


def test_infinite_temperature_is_fair_coins():
    xi = hl.random_patterns(3, 50, rng=0)
    w = hl.hebbian(xi)
    out = sto.glauber_sweep(w, np.tile(xi[0], (400, 1)), 0.0, rng=1)
    frac_up = np.mean(out == 1)
    assert abs(frac_up - 0.5) < 0.01  # 20 000 coins: std 0.0035
    assert abs(np.mean(out * xi[0])) < 0.01  # no memory of the start
    u = np.random.default_rng(2).random(50)
    assert np.array_equal(sto.glauber_sweep(w, xi[0], 0.0, uniforms=u, rng=3), np.where(u < 0.5, 1.0, -1.0))


def test_sweep_batch_rows_match_single_runs_and_per_row_beta():
    xi = hl.random_patterns(3, 40, rng=0)
    w = hl.hebbian(xi)
    s = hl.random_patterns(3, 40, rng=1)
    order = np.random.default_rng(2).permutation(40)
    u = np.random.default_rng(3).random((3, 40))
    betas = np.array([0.5, 2.0, np.inf])
    batch = sto.glauber_sweep(w, s, betas, order=order, uniforms=u)
    for k in range(3):
        assert np.array_equal(batch[k], sto.glauber_sweep(w, s[k], betas[k], order=order, uniforms=u[k]))


def test_sweep_keeps_dtype_and_input():
    w = hl.hebbian(hl.random_patterns(2, 10, rng=0))
    s = np.ones(10, dtype=int)
    before = s.copy()
    out = sto.glauber_sweep(w, s, 1.0, rng=0)
    assert out.dtype == s.dtype and np.array_equal(s, before)


@pytest.mark.parametrize("kwargs, err, match", [
    (dict(order=np.zeros(6, dtype=int)), ValueError, "permutation"),
    (dict(uniforms=np.ones(5)), ValueError, "uniforms"),
    (dict(uniforms=np.full(6, 2.0)), ValueError, "uniforms"),
])
def test_sweep_bad_input(kwargs, err, match):
    w = np.zeros((6, 6))
    with pytest.raises(err, match=match):
        sto.glauber_sweep(w, np.ones(6), 1.0, **kwargs)


def test_sweep_beta_per_row_shape():
    w = np.zeros((4, 4))
    with pytest.raises(ValueError, match="beta"):
        sto.glauber_sweep(w, np.ones((3, 4)), np.ones(2), rng=0)
    with pytest.raises(ValueError, match="beta"):
        sto.glauber_sweep(w, np.ones(4), np.ones(2), rng=0)


# ---------------------------------------------------------------- runs

def test_dynamics_records_and_is_seeded():
    xi = hl.random_patterns(3, 100, rng=0)
    w = hl.hebbian(xi)
    a = sto.glauber_dynamics(w, xi[0], 2.0, sweeps=5, patterns=xi, rng=1)
    b = sto.glauber_dynamics(w, xi[0], 2.0, sweeps=5, patterns=xi, rng=1)
    assert a.overlaps.shape == (6, 3) and a.energies.shape == (6,)
    assert np.array_equal(a.state, b.state)
    assert np.allclose(a.overlaps[0], hl.overlap(xi, xi[0]))
    assert np.isclose(a.energies[-1], hl.energy(w, a.state))
    assert np.allclose(a.overlaps[-1], hl.overlap(xi, a.state))
    assert a.mean_overlaps(2).shape == (3,)
    none = sto.glauber_dynamics(w, xi[:2], 2.0, sweeps=3, rng=1)
    assert none.overlaps is None and none.energies.shape == (4, 2)
    with pytest.raises(ValueError, match="patterns"):
        none.mean_overlaps()
    with pytest.raises(ValueError, match="sweeps"):
        sto.glauber_dynamics(w, xi[0], 2.0, sweeps=0)


def test_dynamics_zero_temperature_is_recall():
    xi = hl.random_patterns(4, 80, rng=0)
    w = hl.hebbian(xi)
    probe = hl.corrupt(xi[1], 0.2, rng=1)
    run = sto.glauber_dynamics(w, probe, np.inf, sweeps=10, rng=2)
    assert np.array_equal(run.state, hl.recall(w, probe, rng=3).state)  # both end in xi^1
    assert np.all(np.diff(run.energies) <= 1e-12)


def test_low_load_overlap_follows_mean_field():
    xi = hl.random_patterns(3, 1000, rng=0)
    w = hl.hebbian(xi)
    temps = np.array([0.5, 0.7])
    run = sto.glauber_dynamics(w, np.tile(xi[0], (2, 1)), 1 / temps, sweeps=30, patterns=xi, rng=1)
    m = run.mean_overlaps(15)[:, 0]
    assert np.allclose(m, sto.mean_field_retrieval(temps), atol=0.03)


# ---------------------------------------------------------------- mean-field theory

def test_mean_field_retrieval_solves_equation():
    temps = np.linspace(0.05, 0.99, 30)
    m = sto.mean_field_retrieval(temps)
    assert np.allclose(m, np.tanh(m / temps), atol=1e-10)
    assert np.all(m > 0) and np.all(np.diff(m) < 0)
    assert sto.mean_field_retrieval(0.0) == 1.0
    assert sto.mean_field_retrieval(1.0) == 0.0 and sto.mean_field_retrieval(3.0) == 0.0
    near = 0.999
    assert np.isclose(sto.mean_field_retrieval(near), np.sqrt(3 * (1 - near)), rtol=0.01)


def test_mean_field_mixture_equation_and_limits():
    temps = np.linspace(0.05, 0.95, 19)
    m = sto.mean_field_mixture(temps, 3)
    b = 1 / temps
    assert np.allclose(m, (np.tanh(3 * b * m) + np.tanh(b * m)) / 4, atol=1e-10)
    assert sto.mean_field_mixture(0.0, 3) == 0.5
    assert np.isclose(sto.mean_field_mixture(0.0, 5), 0.375)
    assert np.allclose(sto.mean_field_mixture(temps, 1), sto.mean_field_retrieval(temps))
    with pytest.raises(ValueError, match="odd"):
        sto.mean_field_mixture(0.5, 2)
    with pytest.raises(ValueError, match="T"):
        sto.mean_field_mixture(-0.1)


def test_mean_field_mixture_by_enumeration_n5():
    states = hl.all_states(5)
    t = 0.3
    m = sto.mean_field_mixture(t, 5)
    rhs = np.mean(states[:, 0] * np.tanh(m / t * states.sum(axis=1)))
    assert np.isclose(rhs, m, atol=1e-10)


def test_mixture_stability_against_numerical_hessian():
    states = hl.all_states(4)  # 3 mixed patterns and 1 outside

    def free_energy(m, t):
        return 0.5 * m @ m - t * np.mean(np.logaddexp(states @ m / t, -states @ m / t))

    for t in (0.3, 0.45, 0.5, 0.7):
        mm = sto.mean_field_mixture(t, 3)
        x0 = np.array([mm, mm, mm, 0.0])
        eps = 1e-4
        hess = np.empty((4, 4))
        for i in range(4):
            for j in range(4):
                a, b = np.eye(4)[i] * eps, np.eye(4)[j] * eps
                hess[i, j] = (free_energy(x0 + a + b, t) - free_energy(x0 + a - b, t)
                              - free_energy(x0 - a + b, t) + free_energy(x0 - a - b, t)) / (4 * eps**2)
        assert np.isclose(np.linalg.eigvalsh(hess).min(), sto.mixture_stability(t, 3), atol=1e-5)


def test_melting_temperatures():
    assert np.isclose(sto.mixture_melting_temperature(3), 0.46, atol=0.002)
    assert sto.mixture_melting_temperature(5) < sto.mixture_melting_temperature(3)
    assert sto.mixture_melting_temperature(1) == 1.0
    s = sto.mixture_stability(np.array([0.0, 0.3, 0.6, 1.0]), 1)
    assert np.isnan(s[0]) and np.isnan(s[3]) and np.all(s[1:3] > 0)


def test_mean_field_iterate_matches_theory_for_large_balanced_patterns():
    # all 8 sign combinations of 3 patterns equally often: the N -> infinity averages exactly
    combos = hl.all_states(3)  # (8, 3)
    xi = np.tile(combos, (50, 1)).T  # (3, 400)
    temps = np.array([0.3, 0.6, 0.9, 1.2])
    m = sto.mean_field_iterate(xi, np.array([1.0, 0.0, 0.0]), temps)
    assert m.shape == (4, 3)
    assert np.allclose(m[:, 0], sto.mean_field_retrieval(temps), atol=1e-6)
    assert np.allclose(m[:, 1:], 0)
    sym = sto.mean_field_iterate(xi, np.full(3, 0.5), 0.3)
    assert sym.shape == (3,) and np.allclose(sym, sto.mean_field_mixture(0.3, 3), atol=1e-6)


def test_mean_field_iterate_leaves_an_unstable_mixture():
    xi = hl.random_patterns(3, 1000, rng=1)
    from hopfield_lib.experiments import spurious
    m0 = hl.overlap(xi, spurious.mixture_state(xi))
    low, high = sto.mean_field_iterate(xi, m0, [0.15, 0.6])
    assert np.all(np.abs(low - 0.5) < 0.05)       # still a mixture
    assert np.sort(np.abs(high))[-1] > 0.85        # slid to a pattern
    with pytest.raises(ValueError, match="T"):
        sto.mean_field_iterate(xi, m0, 0.0)
    with pytest.raises(ValueError, match="overlaps"):
        sto.mean_field_iterate(xi, m0[:2], 0.5)
