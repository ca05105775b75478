"""The continuous (graded-response) Hopfield network: activation, energy, integrator."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.integrate import quad, solve_ivp

import hopfield_lib as hl
from hopfield_lib.experiments import continuous as ct
from conftest import random_symmetric


# ---------------------------------------------------------------- the neuron

def test_activation_and_inverse_are_inverse():
    u = np.linspace(-2, 2, 41)
    for gain in (0.5, 1.0, 7.0):
        V = ct.activation(u, gain)
        assert np.allclose(V, np.tanh(gain * u))
        assert np.allclose(ct.inverse_activation(V, gain), u)


@pytest.mark.parametrize("gain", [0.5, 1.0, 3.0])
@pytest.mark.parametrize("V", [-0.99, -0.4, 0.0, 0.3, 0.9])
def test_integral_term_matches_quadrature(gain, V):
    numeric, _ = quad(lambda v: np.arctanh(v) / gain, 0.0, V)
    assert np.isclose(ct.integral_term(V, gain), numeric, atol=1e-10)


def test_integral_term_limits_and_shape():
    assert ct.integral_term(0.0, 2.0) == 0.0
    assert np.isclose(ct.integral_term(1.0, 2.0), np.log(2) / 2)
    assert np.isclose(ct.integral_term(-1.0, 1.0), np.log(2))
    out = ct.integral_term(np.zeros((3, 4)), 1.0)
    assert out.shape == (3, 4)
    with pytest.raises(ValueError, match=r"\[-1, 1\]"):
        ct.integral_term(np.array([1.5]), 1.0)


def test_integral_from_u_equals_integral_of_v():
    u = np.linspace(-3, 3, 61)
    for gain in (0.7, 4.0):
        assert np.allclose(ct._integral_from_u(u, gain), ct.integral_term(np.tanh(gain * u), gain), atol=1e-12)
    # far in saturation the u-form stays finite and tends to ln 2 / gain
    assert np.isclose(ct._integral_from_u(np.array([1e3]), 2.0)[0], np.log(2) / 2)


# ---------------------------------------------------------------- energy

def test_continuous_energy_formula_and_batch(rng):
    W = random_symmetric(6, rng)
    W[np.diag_indices(6)] = 0.3  # any diagonal is allowed
    I = rng.normal(size=6)
    V = rng.uniform(-0.9, 0.9, size=(4, 6))
    e = ct.continuous_energy(W, V, gain=2.5, I=I, R=0.8)
    assert e.shape == (4,)
    for b in range(4):
        v = V[b]
        expected = -0.5 * v @ W @ v - I @ v + np.sum(ct.integral_term(v, 2.5)) / 0.8
        assert np.isclose(e[b], expected)
        assert np.isclose(ct.continuous_energy(W, v, gain=2.5, I=I, R=0.8), expected)


def test_high_gain_energy_tends_to_binary_energy(rng):
    xi = hl.random_patterns(3, 30, rng=0)
    W = hl.hebbian(xi)
    s = xi[0]
    for gain in (10.0, 100.0, 1000.0):
        gap = ct.continuous_energy(W, s, gain=gain) - hl.energy(W, s)
        assert np.isclose(gap, 30 * np.log(2) / gain)


def test_energy_rejects_asymmetric_weights():
    with pytest.raises(ValueError, match="symmetric"):
        ct.continuous_energy(np.array([[0.0, 1.0], [0.0, 0.0]]), np.zeros(2))


# ---------------------------------------------------------------- step bound and critical gain

def test_max_step_formula(rng):
    W = random_symmetric(8, rng)
    mu = max(0.0, -np.linalg.eigvalsh(W)[0])
    assert np.isclose(ct.max_step(W, gain=3.0, R=2.0, C=0.5), 0.5 / (1 / 2.0 + 3.0 * mu / 2))
    positive = np.eye(3)  # mu = 0: the bound is R C
    assert np.isclose(ct.max_step(positive, gain=100.0, R=2.0, C=3.0), 6.0)
    assert ct.max_step(W, gain=np.array([1.0, 2.0])).shape == (2,)


def test_critical_gain():
    xi = hl.random_patterns(1, 50, rng=0)
    assert np.isclose(ct.critical_gain(hl.hebbian(xi)), 50 / 49)
    assert ct.critical_gain(-np.eye(3)) == np.inf
    assert np.isclose(ct.critical_gain(2 * np.eye(2), R=2.0), 0.25)


# ---------------------------------------------------------------- the integrator

def _rises(energies):
    return np.max(np.diff(energies, axis=0)) if len(energies) > 1 else 0.0


@given(seed=st.integers(0, 10_000), n=st.integers(1, 12), b=st.integers(1, 3),
       gain=st.floats(0.2, 50.0), fraction=st.floats(0.05, 1.0), use_input=st.booleans(),
       R=st.floats(0.3, 3.0), C=st.floats(0.3, 3.0))
@settings(max_examples=60, deadline=None)
def test_energy_never_rises_within_step_bound(seed, n, b, gain, fraction, use_input, R, C):
    """Property: with any symmetric W (any diagonal) and dt up to the bound, E never increases."""
    rng = np.random.default_rng(seed)
    W = random_symmetric(n, rng, diagonal=0.0) * rng.uniform(0.2, 3.0)
    W[np.diag_indices(n)] = rng.normal(size=n)
    I = rng.normal(size=n) if use_input else 0.0
    V0 = rng.uniform(-0.95, 0.95, size=(b, n))
    dt = fraction * ct.max_step(W, gain=gain, R=R, C=C)
    run = ct.integrate(W, V0, gain=gain, I=I, R=R, C=C, dt=dt, t_max=60 * dt, tol=0.0)
    scale = 1.0 + np.max(np.abs(run.energies))
    assert _rises(run.energies) <= 1e-10 * scale


def test_energy_can_rise_beyond_the_bound():
    """The antiferromagnetic pair with dt = RC: Euler jumps between (+,+) and (-,-)."""
    W = np.array([[0.0, -1.0], [-1.0, 0.0]])
    assert ct.max_step(W, gain=5.0) < 1.0
    with pytest.raises(ValueError, match="step bound"):
        ct.integrate(W, np.array([0.1, 0.2]), gain=5.0, dt=1.0)
    run = ct.integrate(W, np.array([0.1, 0.2]), gain=5.0, dt=1.0, t_max=10, enforce_bound=False)
    assert _rises(run.energies) > 0.5


def test_euler_follows_solve_ivp():
    xi = hl.random_patterns(3, 40, rng=1)
    W = hl.hebbian(xi)
    V0 = 0.3 * hl.corrupt(xi[0], 0.2, rng=2)
    gain = 2.0
    run = ct.integrate(W, V0, gain=gain, dt=0.005, t_max=5.0, tol=0.0)
    sol = solve_ivp(lambda t, u: -u + W @ np.tanh(gain * u), (0, 5.0), np.arctanh(V0) / gain, rtol=1e-9, atol=1e-12)
    assert np.max(np.abs(run.state - np.tanh(gain * sol.y[:, -1]))) < 5e-3


def test_integrate_batch_equals_single_rows_and_per_row_gain():
    xi = hl.random_patterns(4, 30, rng=3)
    W = hl.hebbian(xi)
    V0 = 0.4 * hl.corrupt(xi[:3], 0.2, rng=4)
    gains = np.array([0.5, 2.0, 8.0])
    batch = ct.integrate(W, V0, gain=gains, dt=0.05, t_max=4.0, tol=0.0)
    for k in range(3):
        one = ct.integrate(W, V0[k], gain=gains[k], dt=0.05, t_max=4.0, tol=0.0)
        assert np.allclose(batch.state[k], one.state)
        assert np.allclose(batch.energies[:, k], one.energies)
    assert np.allclose(batch.state[0], 0.0, atol=0.05)  # below the critical gain: decays to V = 0


def test_integrate_converges_to_fixed_point_of_mean_field_equation():
    xi = hl.random_patterns(3, 60, rng=5)
    W = hl.hebbian(xi)
    run = ct.integrate(W, 0.5 * xi[0], gain=3.0, I=0.05, R=2.0, tol=1e-10, t_max=200)
    assert run.converged
    V = run.state
    assert np.allclose(V, np.tanh(3.0 * 2.0 * (W @ V + 0.05)), atol=1e-8)


def test_integrate_high_gain_reaches_the_binary_fixed_point():
    xi = hl.random_patterns(5, 100, rng=6)
    W = hl.hebbian(xi)
    probes = hl.corrupt(xi, 0.1, rng=7)
    run = ct.integrate(W, 0.5 * probes, gain=50.0)
    assert np.array_equal(np.sign(run.state), xi)
    assert np.all(np.abs(run.state) > 0.99)


def test_integrate_u0_and_input_errors():
    W = np.eye(2)
    run = ct.integrate(W, u0=np.array([0.1, -0.1]), gain=1.0, t_max=1.0)
    assert run.t[0] == 0.0 and run.V.shape[1] == 2
    with pytest.raises(TypeError, match="exactly one"):
        ct.integrate(W, gain=1.0)
    with pytest.raises(ValueError, match="strictly between -1 and 1"):
        ct.integrate(W, np.array([1.0, -1.0]), gain=1.0)
    with pytest.raises(ValueError, match="gain"):
        ct.integrate(W, np.zeros(2), gain=-1.0)
    with pytest.raises(ValueError, match="one gain per row"):
        ct.integrate(W, np.zeros((3, 2)), gain=np.ones(2))


def test_anneal_finds_the_triangle_cut_and_keeps_u():
    A = np.array([[0, 1, 1], [1, 0, 1], [1, 1, 0.0]])
    run = ct.anneal(-A, np.array([[0.01, -0.02, 0.005], [-0.01, 0.0, 0.02]]), gains=[0.3, 1, 3, 10, 30])
    assert run.V.shape == (6, 2, 3)
    cuts = [np.sum(A * (1 - np.outer(s, s))) / 4 for s in np.sign(run.state)]
    assert cuts == [2.0, 2.0]
