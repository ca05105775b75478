"""Modern Hopfield networks beyond the basic update: retrieval, weights, separation, Lagrangians."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hopfield_lib as hl
from hopfield_lib import modern
from hopfield_lib.experiments import lagrangians, modern_analysis


def test_softmax_weights_formula_and_batch():
    rng = np.random.default_rng(0)
    X, q = rng.normal(size=(6, 5)), rng.normal(size=(3, 5))
    p = modern.softmax_weights(X, q, beta=0.8)
    assert p.shape == (3, 6)
    assert np.allclose(p.sum(axis=1), 1.0)
    e = np.exp(0.8 * q @ X.T)
    assert np.allclose(p, e / e.sum(axis=1, keepdims=True))
    assert np.allclose(modern.softmax_weights(X, q[1], beta=0.8), p[1])
    assert np.allclose(p @ X, hl.modern_update(X, q, beta=0.8))


def test_softmax_does_not_overflow():
    z = np.array([[1000.0, 999.0], [-1000.0, -1001.0]])
    p = modern.softmax(z)
    assert np.all(np.isfinite(p)) and np.allclose(p[0], p[1])


def test_modern_retrieve_single_and_batch_agree():
    X = hl.datasets.digit_prototypes("grey", per_class=2)
    Q = X + np.random.default_rng(1).normal(0, 0.5, X.shape)
    batch = modern.modern_retrieve(X, Q, beta=2.0, max_steps=50, tol=1e-12)
    assert batch.states.shape[1:] == Q.shape and batch.energies.shape[1] == len(Q)
    assert np.array_equal(batch.states[0], Q)
    for b in (0, 7, 19):
        single = modern.modern_retrieve(X, Q[b], beta=2.0, max_steps=50, tol=1e-12)
        assert np.allclose(single.state, batch.state[b], atol=1e-12)
        assert single.steps == batch.steps[b] and single.converged == batch.converged[b]
        assert np.allclose(single.energies, batch.energies[: len(single.energies), b])


def test_modern_retrieve_energy_matches_modern_energy_and_never_rises():
    X = hl.random_patterns(10, 20, rng=0)
    Q = np.random.default_rng(2).normal(0, 2, size=(15, 20))
    res = modern.modern_retrieve(X, Q, beta=0.3, max_steps=40, tol=0.0)
    assert res.states.shape == (41, 15, 20) and np.all(res.steps <= 40)
    for t in (0, 1, 5, 40):
        assert np.allclose(res.energies[t], hl.modern_energy(X, res.states[t], beta=0.3))
    assert np.all(np.diff(res.energies, axis=0) <= 1e-12)


def test_modern_retrieve_stops_and_repeats_fixed_point():
    X = np.array([[1.0, 1.0, -1.0], [-1.0, 1.0, 1.0]])
    res = modern.modern_retrieve(X, np.array([[0.5, 0.2, 0.0], [0.9, 1.0, -1.0]]), beta=8.0, max_steps=100)
    assert np.all(res.converged)
    assert np.allclose(res.state[0], X[0], atol=1e-6)
    last = res.steps.max()
    assert res.states.shape[0] == last + 1
    early = np.argmin(res.steps)
    assert np.array_equal(res.states[res.steps[early], early], res.states[-1, early])
    assert "converged=2/2" in repr(res)


@pytest.mark.parametrize("bad", [0, -1, 2.5, True])
def test_modern_retrieve_bad_max_steps(bad):
    with pytest.raises((TypeError, ValueError), match="max_steps"):
        modern.modern_retrieve(np.eye(2), np.ones(2), max_steps=bad)


def test_modern_retrieve_bad_tol():
    with pytest.raises(ValueError, match="tol"):
        modern.modern_retrieve(np.eye(2), np.ones(2), tol=-1.0)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), beta=st.floats(0.01, 10.0), scale=st.floats(0.1, 5.0))
def test_cccp_inequality(seed, beta, scale):
    """E(xi_{t+1}) <= E(xi_t) - |xi_{t+1} - xi_t|^2 / 2 (the concave-convex procedure)."""
    rng = np.random.default_rng(seed)
    X = rng.normal(0, scale, size=(rng.integers(1, 8), 5))
    xi = rng.normal(0, scale * 2, size=5)
    new = hl.modern_update(X, xi, beta=beta)
    drop = hl.modern_energy(X, xi, beta=beta) - hl.modern_energy(X, new, beta=beta)
    assert drop >= 0.5 * np.sum((new - xi) ** 2) - 1e-9 * (1 + abs(drop))
    assert hl.modern_energy(X, new, beta=beta) >= -1e-9


def test_effective_number():
    assert modern_analysis.effective_number(np.full(4, 0.25)) == pytest.approx(4.0)
    assert modern_analysis.effective_number(np.array([1.0, 0.0, 0.0])) == pytest.approx(1.0)
    batch = modern_analysis.effective_number(np.array([[0.5, 0.5, 0.0], [1 / 3, 1 / 3, 1 / 3]]))
    assert batch.shape == (2,) and np.allclose(batch, [2.0, 3.0])
    p = np.array([0.7, 0.2, 0.1])
    assert modern_analysis.effective_number(p) == pytest.approx(np.exp(-np.sum(p * np.log(p))))


@pytest.mark.parametrize("bad, match", [(np.array([0.5, 0.6]), "sum to 1"), (np.array([1.5, -0.5]), "non-negative")])
def test_effective_number_bad_weights(bad, match):
    with pytest.raises(ValueError, match=match):
        modern_analysis.effective_number(bad)


def test_mass_count():
    assert modern_analysis.mass_count(np.array([0.05, 0.6, 0.35]), 0.9) == 2
    assert modern_analysis.mass_count(np.array([0.05, 0.6, 0.35]), 0.6) == 1
    assert modern_analysis.mass_count(np.full(10, 0.1), 0.9) == 9
    assert modern_analysis.mass_count(np.full(10, 0.1), 1.0) == 10
    assert modern_analysis.mass_count(np.array([[1.0, 0.0], [0.5, 0.5]])).tolist() == [1, 2]
    with pytest.raises(ValueError, match="fraction"):
        modern_analysis.mass_count(np.array([1.0]), 0.0)


def test_distinct_states_and_nearest_pattern():
    S = np.array([[0.0, 1.0], [1e-5, 1.0], [1.0, 0.0], [0.0, 1.0]])
    assert modern_analysis.distinct_states(S) == 2
    assert modern_analysis.distinct_states(S, tol=0.0) == 3
    X = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0]])
    assert modern_analysis.nearest_pattern(X, np.array([-0.8, 0.1])) == 2
    assert modern_analysis.nearest_pattern(X, S).tolist() == [1, 1, 0, 1]


def test_separation_brute_force():
    X = np.random.default_rng(3).normal(size=(7, 4))
    expected = [X[m] @ X[m] - max(X[m] @ X[n] for n in range(7) if n != m) for m in range(7)]
    assert np.allclose(modern_analysis.separation(X), expected)
    assert modern_analysis.separation(X[:1]).tolist() == [np.inf]


def test_separation_threshold_formula():
    P, beta, M = 50, 0.7, 3.0
    expected = 2 / (beta * P) + np.log(2 * (P - 1) * P * beta * M**2) / beta
    assert modern_analysis.separation_threshold(P, beta, M) == pytest.approx(expected)
    assert modern_analysis.separation_threshold(1, beta, M) == -np.inf
    with pytest.raises(ValueError, match="max_norm"):
        modern_analysis.separation_threshold(5, 1.0, 0.0)


@pytest.mark.parametrize("beta", [0.1, 0.5, 1.0, 3.0])
def test_one_step_error_bound_holds(beta):
    X = hl.datasets.digit_prototypes("grey", per_class=3)
    error = np.linalg.norm(hl.modern_update(X, X, beta=beta) - X, axis=1)
    assert np.all(error <= modern_analysis.one_step_error_bound(X, beta=beta))


def test_stored_when_separation_condition_holds():
    """Lemma A7 of Ramsauer et al.: the fixed point lies within 1/(beta P M) of the pattern."""
    X = hl.random_patterns(30, 64, rng=5)  # Delta about 64 - 30 = 34
    beta = 1.0
    M = np.sqrt(64.0)
    delta = modern_analysis.separation(X)
    assert np.all(delta >= modern_analysis.separation_threshold(30, beta, M))
    fixed = modern.modern_retrieve(X, X, beta=beta, tol=1e-14).state
    assert np.all(np.linalg.norm(fixed - X, axis=1) <= 1 / (beta * 30 * M))


def test_hopfield_layer_equals_attention_and_checks_shapes():
    rng = np.random.default_rng(4)
    R, Y = rng.normal(size=(3, 5)), rng.normal(size=(8, 6))
    W_Q, W_K, W_V = rng.normal(size=(5, 4)), rng.normal(size=(6, 4)), rng.normal(size=(4, 2))
    K = Y @ W_K
    assert np.allclose(modern.hopfield_layer(R, Y, W_Q, W_K, W_V), hl.attention(R @ W_Q, K, K @ W_V), atol=1e-12)
    custom = modern.hopfield_layer(R, Y, W_Q, W_K, W_V, beta=3.0)
    assert np.allclose(custom, hl.modern_update(K, R @ W_Q, beta=3.0) @ W_V)
    with pytest.raises(ValueError, match="d_k"):
        modern.hopfield_layer(R, Y, W_Q, rng.normal(size=(6, 3)), W_V)
    with pytest.raises(ValueError, match="W_V"):
        modern.hopfield_layer(R, Y, W_Q, W_K, rng.normal(size=(3, 2)))
    with pytest.raises(ValueError, match="R and W_Q"):
        modern.hopfield_layer(R, Y, rng.normal(size=(4, 4)), W_K, W_V)


# ---------------------------------------------------------------- Lagrangians

LAGRANGIANS = [lagrangians.quadratic(), lagrangians.power(2, 0.5), lagrangians.power(3), lagrangians.power(4, 0.25),
               lagrangians.exponential(), lagrangians.log_sum_exp(0.5), lagrangians.log_sum_exp(3.0)]


@pytest.mark.parametrize("lag", LAGRANGIANS, ids=repr)
def test_activation_is_the_gradient_of_the_lagrangian(lag):
    x = np.random.default_rng(6).normal(size=5)
    eps = 1e-6
    numeric = np.array([(lag.value(x + eps * e) - lag.value(x - eps * e)) / (2 * eps) for e in np.eye(5)])
    assert np.allclose(lag.activation(x), numeric, atol=1e-6)
    batch = np.stack([x, 2 * x])
    assert lag.value(batch).shape == (2,) and lag.activation(batch).shape == (2, 5)


def test_absolute_lagrangian():
    lag = lagrangians.absolute()
    x = np.array([0.5, -2.0, 3.0])
    assert lag.value(x) == pytest.approx(5.5)
    assert lag.activation(x).tolist() == [1.0, -1.0, 1.0]


def test_reduced_energy_gives_classical_dense_and_modern():
    xi = hl.random_patterns(4, 30, rng=7)
    S = hl.random_patterns(50, 30, rng=8)
    binary = lagrangians.absolute()
    E2 = lagrangians.reduced_energy(xi, S, feature=binary, memory=lagrangians.power(2, 0.5))
    assert np.allclose(E2, 30 * hl.energy(hl.hebbian(xi), S) - 4 * 30 / 2)
    for n in (2, 3, 4):
        assert np.allclose(lagrangians.reduced_energy(xi, S, feature=binary, memory=lagrangians.power(n)),
                           hl.dense_energy(xi, S, n=n))
    assert np.allclose(lagrangians.reduced_energy(xi, S, feature=binary, memory=lagrangians.exponential()),
                       hl.dense_energy(xi, S, n="exp"))
    X = np.random.default_rng(9).normal(size=(6, 5))
    v = np.random.default_rng(10).normal(size=(7, 5))
    beta = 1.7
    E = lagrangians.reduced_energy(X, v, feature=lagrangians.quadratic(), memory=lagrangians.log_sum_exp(beta))
    const = np.log(6) / beta + 0.5 * np.max(np.sum(X**2, axis=1))
    assert np.allclose(E + const, hl.modern_energy(X, v, beta=beta))
    assert np.isclose(lagrangians.reduced_energy(X, v[0], feature=lagrangians.quadratic(), memory=lagrangians.log_sum_exp(beta)), E[0])


def test_full_energy_equals_reduced_energy_at_memory_equilibrium():
    X = np.random.default_rng(11).normal(size=(6, 5))
    v = np.random.default_rng(12).normal(size=(4, 5))
    for feature, memory in [(lagrangians.quadratic(), lagrangians.log_sum_exp(2.0)), (lagrangians.absolute(), lagrangians.power(3))]:
        h = feature.activation(v) @ X.T
        full = lagrangians.feature_memory_energy(X, v, h, feature=feature, memory=memory)
        assert np.allclose(full, lagrangians.reduced_energy(X, v, feature=feature, memory=memory))


def test_memory_equilibrium_minimises_full_energy_over_h():
    """For a convex L_h, h = xi g(v) is the minimum of E(v, h) over h (Legendre transform)."""
    X = np.random.default_rng(13).normal(size=(5, 4))
    v = np.random.default_rng(14).normal(size=4)
    feature, memory = lagrangians.quadratic(), lagrangians.power(2, 0.5)
    h_star = X @ v
    e_star = lagrangians.feature_memory_energy(X, v, h_star, feature=feature, memory=memory)
    for shift in np.random.default_rng(15).normal(size=(20, 5)):
        assert lagrangians.feature_memory_energy(X, v, h_star + shift, feature=feature, memory=memory) >= e_star - 1e-12


def test_lagrangian_flow_descends_to_the_modern_fixed_point():
    X = hl.datasets.digit_prototypes("grey", per_class=1)
    v0 = X[4] * np.r_[np.ones(32), np.zeros(32)]
    t, V, H, E = lagrangians.lagrangian_flow(X, v0, feature=lagrangians.quadratic(), memory=lagrangians.log_sum_exp(2.0),
                                        tau_v=1.0, tau_h=0.1, dt=0.01, steps=1500)
    assert t.shape == (1501,) and V.shape == (1501, 64) and H.shape == (1501, 10) and E.shape == (1501,)
    assert np.all(np.diff(E) <= 1e-12)
    fixed = modern.modern_retrieve(X, v0, beta=2.0, tol=1e-13).state
    assert np.linalg.norm(V[-1] - fixed) < 1e-4
    assert np.allclose(H[-1], X @ V[-1], atol=1e-4)


def test_lagrangian_errors():
    X = np.eye(3)
    with pytest.raises(TypeError, match="Lagrangian"):
        lagrangians.reduced_energy(X, np.ones(3), feature="quadratic", memory=lagrangians.power(2))
    with pytest.raises(ValueError, match="memory neurons"):
        lagrangians.feature_memory_energy(X, np.ones(3), np.ones(4), feature=lagrangians.quadratic(), memory=lagrangians.power(2))
    with pytest.raises(ValueError, match="dt: expected a number > 0, got -0.1"):  # names dt, not beta
        lagrangians.lagrangian_flow(X, np.ones(3), feature=lagrangians.quadratic(), memory=lagrangians.power(2), dt=-0.1)
    with pytest.raises(ValueError, match="tau_h: expected a number > 0"):
        lagrangians.lagrangian_flow(X, np.ones(3), feature=lagrangians.quadratic(), memory=lagrangians.power(2), tau_h=0)
    with pytest.raises(ValueError, match="n"):
        lagrangians.power(0)
