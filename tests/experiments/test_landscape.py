"""Energy landscapes of small networks, enumerated exactly."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hopfield_lib as hl
from hopfield_lib.experiments import landscape as L
from conftest import random_symmetric


def ferromagnet(n, j=1.0):
    return j * (np.ones((n, n)) - np.eye(n))


# ---------------------------------------------------------------- energies

def test_ising_energy_is_hopfield_energy_with_theta_minus_h(rng):
    J = random_symmetric(6, rng)
    h = rng.normal(size=6)
    states = hl.all_states(6)
    e = L.ising_energy(J, states, h)
    assert e.shape == (64,)
    assert np.allclose(e, hl.energy(J, states, theta=-h))
    # Explicit sum over bonds i < j, each counted once.
    s = states[37]
    by_hand = -sum(J[i, j] * s[i] * s[j] for i in range(6) for j in range(i + 1, 6)) - h @ s
    assert np.isclose(L.ising_energy(J, s, h), by_hand)
    assert isinstance(L.ising_energy(J, s, h), float)


def test_ising_energy_validates():
    with pytest.raises(ValueError, match="h: expected a scalar or a vector of shape \\(3,\\)"):
        L.ising_energy(ferromagnet(3), np.ones(3), h=np.ones(4))
    with pytest.raises(ValueError, match="-1 or \\+1"):
        L.ising_energy(ferromagnet(3), np.array([1, 0, 1]))
    with pytest.raises(ValueError, match="J: expected a square"):
        L.ising_energy(np.ones((2, 3)), np.ones(3))


@given(seed=st.integers(0, 10_000), n=st.integers(1, 9), diag=st.floats(-2, 2), use_theta=st.booleans())
@settings(max_examples=60, deadline=None)
def test_flip_energy_changes_match_energy_differences(seed, n, diag, use_theta):
    """Delta E_i from the formula equals E(flipped) - E(s), any diagonal, with a threshold."""
    rng = np.random.default_rng(seed)
    W = random_symmetric(n, rng, diagonal=diag)
    theta = rng.normal(size=n) if use_theta else 0.0
    s = hl.random_patterns(3, n, rng=rng)
    delta = L.flip_energy_changes(W, s, theta)
    assert delta.shape == (3, n)
    flipped = L.single_flips(s)  # (3, n, n)
    direct = hl.energy(W, flipped.reshape(-1, n), theta).reshape(3, n) - hl.energy(W, s, theta)[:, None]
    assert np.allclose(delta, direct)
    assert np.allclose(L.flip_energy_changes(W, s[0], theta), delta[0])


def test_flip_energy_change_zero_diagonal_is_two_s_h(rng):
    W = random_symmetric(7, rng)
    s = hl.random_patterns(1, 7, rng=0)[0]
    assert np.allclose(L.flip_energy_changes(W, s), 2 * s * (W @ s))


def test_flip_energy_changes_use_symmetric_part(rng):
    A = rng.normal(size=(5, 5))
    np.fill_diagonal(A, 0)
    s = hl.random_patterns(1, 5, rng=1)[0]
    direct = hl.energy(A, L.single_flips(s)) - hl.energy(A, s)
    assert np.allclose(L.flip_energy_changes(A, s), direct)


def test_single_flips_and_state_index():
    s = np.array([1, -1, -1, 1])
    f = L.single_flips(s)
    assert f.shape == (4, 4) and f.dtype == s.dtype
    assert np.array_equal(np.sum(f != s, axis=1), np.ones(4))
    states = hl.all_states(5)
    idx = L.state_index(states)
    assert np.array_equal(idx, np.arange(32))
    assert L.state_index(-states[3]) == 31 - 3
    assert isinstance(L.state_index(states[3]), int)


def test_unsatisfied_bonds():
    tri = -ferromagnet(3)
    counts = L.unsatisfied_bonds(tri, hl.all_states(3))
    assert counts.tolist() == [3, 1, 1, 1, 1, 1, 1, 3]
    assert counts.min() == 1  # frustration: never zero
    ring = np.zeros((4, 4))
    for i in range(4):
        ring[i, (i + 1) % 4] = ring[(i + 1) % 4, i] = -1.0
    assert L.unsatisfied_bonds(ring, np.array([1, -1, 1, -1])) == 0  # an even ring is not frustrated
    assert L.unsatisfied_bonds(np.zeros((3, 3)), np.ones(3)) == 0


def test_boltzmann():
    e = np.array([-2.0, 0.0, 0.0, 1.0])
    assert np.allclose(L.boltzmann(e, 0.0), 0.25)
    p = L.boltzmann(e, 1.5)
    assert np.isclose(p.sum(), 1.0) and np.isclose(p[1] / p[0], np.exp(-3.0))
    assert np.isclose(L.boltzmann(e, 1e4)[0], 1.0)  # no overflow at very low temperature
    for bad in (-1.0, np.nan, np.inf):
        with pytest.raises(ValueError, match="beta: expected a"):
            L.boltzmann(e, bad)
    for bad in (True, [1.0], "1"):
        with pytest.raises(TypeError, match="beta: expected a number >= 0"):
            L.boltzmann(e, bad)


# ---------------------------------------------------------------- landscapes

def test_ferromagnet_landscape():
    ls = L.enumerate_landscape(ferromagnet(4))
    assert ls.states.shape == (16, 4) and ls.delta.shape == (16, 4)
    assert ls.minima.tolist() == [0, 15] and ls.ground_states.tolist() == [0, 15]
    assert np.isclose(ls.energies.min(), -6.0)
    assert repr(ls) == "Landscape(N=4, 16 states, 2 local minima, 2 ground states)"
    assert not ls.energies.flags.writeable


def test_frustrated_triangle_has_six_ground_states():
    ls = L.enumerate_landscape(-ferromagnet(3))
    assert len(ls.ground_states) == 6 and np.isclose(ls.energies.min(), -1.0)
    # Every ground state is a local minimum, but not a strict one: one flip keeps the energy.
    assert np.array_equal(ls.minima, ls.ground_states)
    assert len(ls.strict_minima) == 0


def test_field_breaks_the_reversal_symmetry():
    J = ferromagnet(4)
    ls0 = L.enumerate_landscape(J)
    assert np.allclose(ls0.energies, ls0.energies[::-1])  # E(s) = E(-s): index k <-> 2**N - 1 - k
    ls = L.enumerate_landscape(J, theta=-0.5)  # field h = +0.5 favours +1
    assert ls.ground_states.tolist() == [15]
    assert ls.minima.tolist() == [0, 15]  # all -1 is still a (higher) local minimum


@given(seed=st.integers(0, 10_000), n=st.integers(1, 9), use_theta=st.booleans())
@settings(max_examples=60, deadline=None)
def test_minima_are_the_fixed_points_of_the_dynamics(seed, n, use_theta):
    """Zero diagonal: no flip lowers E  <=>  sync_step and async_sweep leave the state unchanged."""
    rng = np.random.default_rng(seed)
    W = random_symmetric(n, rng)
    theta = rng.normal(size=n) if use_theta else 0.0
    ls = L.enumerate_landscape(W, theta)
    fixed_sync = np.all(hl.sync_step(W, ls.states, theta) == ls.states, axis=1)
    fixed_async = np.all(hl.async_sweep(W, ls.states, rng=seed, theta=theta) == ls.states, axis=1)
    assert np.array_equal(ls.is_minimum, fixed_sync)
    assert np.array_equal(ls.is_minimum, fixed_async)
    assert set(ls.ground_states) <= set(ls.minima)


def test_ties_make_non_strict_minima():
    # Hebb with two patterns: many fields are exactly zero.
    xi = hl.random_patterns(2, 6, rng=1)
    W = hl.hebbian(xi)
    ls = L.enumerate_landscape(W)
    assert len(ls.strict_minima) < len(ls.minima)
    fixed = np.all(hl.sync_step(W, ls.states) == ls.states, axis=1)
    assert np.array_equal(ls.is_minimum, fixed)


def test_one_hebbian_pattern_has_exactly_two_minima():
    xi = hl.random_patterns(1, 8, rng=5)
    ls = L.enumerate_landscape(hl.hebbian(xi))
    assert set(ls.minima) == {L.state_index(xi[0]), L.state_index(-xi[0])}
    m = hl.overlap(xi[0], ls.states)
    assert np.allclose(ls.energies, -8 / 2 * m**2 + 0.5)  # E = -N m^2 / 2 + 1/2


def test_descend_ends_in_minima(rng):
    W = random_symmetric(8, rng)
    ls = L.enumerate_landscape(W)
    ends = ls.descend()
    assert ends.shape == (256,)
    assert set(np.unique(ends)) <= set(ls.minima)
    assert np.array_equal(ends[ls.minima], ls.minima)  # a minimum stays put
    assert np.all(ls.energies[ends] <= ls.energies + 1e-12)  # downhill


def test_enumerate_landscape_limits():
    with pytest.raises(ValueError, match="at most 16 neurons"):
        L.enumerate_landscape(np.zeros((17, 17)))
    with pytest.raises(ValueError, match="theta"):
        L.enumerate_landscape(np.zeros((3, 3)), theta=np.ones(2))
    ls = L.enumerate_landscape(np.zeros((1, 1)))  # N = 1, no couplings: both states tie
    assert ls.minima.tolist() == [0, 1] and ls.strict_minima.tolist() == []


# ---------------------------------------------------------------- figures

def test_plot_levels_and_landscape():
    ls = L.enumerate_landscape(-ferromagnet(3))
    fig = L.plot_levels(ls.energies, highlight=ls.is_minimum, title="triangle")
    ax = fig.axes[0]
    assert ax.get_title() == "triangle"
    assert sorted(t.get_text() for t in ax.texts) == ["×2", "×6"]
    red = [c for c in ax.collections if np.allclose(c.get_colors()[0][:3], (0.839, 0.153, 0.157), atol=0.01)]
    assert len(red) == 6  # one red tick per minimum
    fig2 = L.plot_levels(L.enumerate_landscape(ferromagnet(6) / 6).energies, max_ticks=4,
                         highlight=np.arange(64) < 3)
    assert len(fig2.axes[0].texts) == len(np.unique(np.round(L.enumerate_landscape(ferromagnet(6)).energies, 6)))
    plt.close(fig2)
    with pytest.raises(ValueError, match="highlight"):
        L.plot_levels(ls.energies, highlight=np.ones(3, dtype=bool))
    plt.close(fig)
    fig, ax = plt.subplots()
    out = L.plot_levels(ls.energies, ax=ax, highlight=ls.minima, labels=False)
    assert out is fig and not ax.texts
    plt.close(fig)
    fig = L.plot_landscape(L.enumerate_landscape(ferromagnet(4)), title="ferro")
    ax = fig.axes[0]
    assert ax.get_title() == "ferro" and ax.get_ylabel() == "energy $E$"
    assert "local minimum (2)" in [t.get_text() for t in ax.get_legend().get_texts()]
    assert [t.get_text() for t in ax.texts] == ["−−−−", "++++"]
    plt.close(fig)
    with pytest.raises(TypeError, match="Landscape"):
        L.plot_landscape(np.zeros(4))


def test_random_couplings():
    J = L.random_couplings(200, rng=0)
    assert J.shape == (200, 200) and np.allclose(J, J.T) and np.all(np.diag(J) == 0)
    off = J[np.triu_indices(200, 1)]
    assert abs(off.mean()) < 0.01 and abs(off.var() * 200 - 1) < 0.05  # variance 1/N
    assert np.array_equal(L.random_couplings(5, rng=3), L.random_couplings(5, rng=3))
    with pytest.raises(ValueError, match="n_neurons"):
        L.random_couplings(0)
