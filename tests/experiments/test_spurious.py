"""Spurious states: mixtures, their theory, the classification of end states."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hopfield_lib as hl
from hopfield_lib.experiments import spurious as sp


# ---------------------------------------------------------------- mixture states

def test_mixture_state_is_majority_vote():
    xi = hl.random_patterns(5, 101, rng=0)
    s = sp.mixture_state(xi)
    assert s.shape == (101,) and set(np.unique(s)) <= {-1.0, 1.0}
    votes = (xi[:3] == 1).sum(axis=0)
    assert np.array_equal(s, np.where(votes >= 2, 1.0, -1.0))
    # signs and other indices
    s2 = sp.mixture_state(xi, (1, 3, 4), signs=(1, -1, 1))
    assert np.array_equal(s2, np.sign(xi[1] - xi[3] + xi[4]))


def test_mixture_state_of_one_pattern_is_the_pattern():
    xi = hl.random_patterns(2, 30, rng=1)
    assert np.array_equal(sp.mixture_state(xi, (1,)), xi[1])


def test_even_mixture_needs_fill():
    xi = hl.random_patterns(3, 50, rng=2)
    with pytest.raises(ValueError, match="even mixture"):
        sp.mixture_state(xi, (0, 1))
    kept = sp.mixture_state(xi, (0, 1), fill=xi[0])
    assert np.array_equal(kept, xi[0])  # ties keep xi^1: the "mixture" is xi^1 itself
    rnd = sp.mixture_state(xi, (0, 1), fill="random", rng=3)
    agree = xi[0] == xi[1]
    assert np.array_equal(rnd[agree], xi[0][agree])
    assert set(np.unique(rnd)) <= {-1.0, 1.0}
    assert np.array_equal(rnd, sp.mixture_state(xi, (0, 1), fill="random", rng=3))


@pytest.mark.parametrize("kwargs, match", [
    (dict(indices=(0, 0, 1)), "distinct"),
    (dict(indices=(0, 5, 1)), "rows"),
    (dict(indices=(0, 1, 2), signs=(1, 1)), "signs"),
    (dict(indices=(0, 1), fill="zeros"), "fill"),
])
def test_mixture_state_bad_input(kwargs, match):
    xi = hl.random_patterns(3, 20, rng=0)
    with pytest.raises(ValueError, match=match):
        sp.mixture_state(xi, **kwargs)


def test_mixture_overlap_and_energy_theory():
    assert sp.mixture_overlap(1) == 1.0
    assert sp.mixture_overlap(3) == 0.5
    assert sp.mixture_overlap(5) == 0.375
    assert sp.mixture_energy(3) == -0.375
    assert sp.mixture_energy(1) == -0.5
    with pytest.raises(ValueError, match="odd"):
        sp.mixture_overlap(2)
    with pytest.raises(TypeError):
        sp.mixture_overlap(3.0)


@pytest.mark.parametrize("n", [1, 3, 5, 7])
def test_mixture_overlap_matches_exact_enumeration(n):
    states = hl.all_states(n)  # every sign combination of the n patterns at one neuron
    majority = np.sign(states.sum(axis=1))
    assert np.isclose(np.mean(states[:, 0] * majority), sp.mixture_overlap(n))


def test_three_mixture_measured_overlap_energy_and_stability():
    xi = hl.random_patterns(3, 4000, rng=5)
    w = hl.hebbian(xi)
    s = sp.mixture_state(xi)
    m = hl.overlap(xi, s)
    assert np.allclose(m, 0.5, atol=0.03)  # std of each overlap: sqrt(3/4 / N) = 0.014
    assert abs(hl.energy(w, s) / 4000 - sp.mixture_energy(3)) < 0.02
    assert np.array_equal(hl.sync_step(w, s), s)  # a fixed point at low load


@given(seed=st.integers(0, 10_000), p=st.integers(1, 6), n=st.integers(1, 40), b=st.integers(1, 3))
@settings(max_examples=60, deadline=None)
def test_energy_from_overlaps_is_exact(seed, p, n, b):
    rng = np.random.default_rng(seed)
    xi = hl.random_patterns(p, n, rng=rng)
    s = hl.random_patterns(b, n, rng=rng)
    e = sp.energy_from_overlaps(hl.overlap(xi, s), n)
    assert np.allclose(e, hl.energy(hl.hebbian(xi), s))
    assert np.isclose(sp.energy_from_overlaps(hl.overlap(xi, s[0]), n), hl.energy(hl.hebbian(xi), s[0]))


def test_reversed_pattern_is_fixed_exactly_when_pattern_is():
    for seed, (p, n) in enumerate([(5, 100), (30, 100), (60, 200)]):
        xi = hl.random_patterns(p, n, rng=seed)
        w = hl.hebbian(xi)
        fixed = np.all(hl.sync_step(w, xi) == xi, axis=1)
        fixed_rev = np.all(hl.sync_step(w, -xi) == -xi, axis=1)
        assert np.array_equal(fixed, fixed_rev)
        assert np.array_equal(hl.energy(w, xi), hl.energy(w, -xi))


# ---------------------------------------------------------------- classification

def test_classify_each_kind():
    xi = hl.random_patterns(6, 500, rng=0)
    mix3 = sp.mixture_state(xi, (1, 2, 5), signs=(1, -1, -1))
    mix5 = sp.mixture_state(xi, (0, 1, 2, 3, 4))
    noisy = hl.corrupt(xi[2], 0.04, rng=1)  # m = 0.92
    states = np.stack([xi[0], -xi[4], noisy, mix3, -mix3, mix5, hl.random_patterns(1, 500, rng=2)[0]])
    labels = sp.classify_states(xi, states)
    assert labels.tolist() == ["pattern", "reversed", "pattern", "mixture", "mixture", "mixture", "other"]
    assert sp.classify_states(xi, xi[3]) == "pattern"


def test_classify_tolerances():
    xi = hl.random_patterns(4, 1000, rng=3)
    far = hl.corrupt(xi[0], 0.1, rng=4)  # m = 0.8
    assert sp.classify_states(xi, far) == "other"
    assert sp.classify_states(xi, far, pattern_min=0.75) == "pattern"
    mix = hl.corrupt(sp.mixture_state(xi), 0.1, rng=5)  # 10 % of its bits off
    assert sp.classify_states(xi, mix) == "other"
    assert sp.classify_states(xi, mix, mixture_min=0.75) == "mixture"


def test_classify_weighted_asymmetric_mixture():
    xi = hl.random_patterns(4, 2000, rng=6)
    s = np.sign(2 * xi[0] + xi[1] + xi[2] + xi[3])  # never 0: an even number plus three +-1
    assert sp.classify_states(xi, s) == "mixture"


def test_classify_one_pattern_network():
    xi = hl.random_patterns(1, 50, rng=0)
    assert sp.classify_states(xi, np.stack([xi[0], -xi[0]])).tolist() == ["pattern", "reversed"]


def test_classify_bad_input():
    xi = hl.random_patterns(3, 20, rng=0)
    with pytest.raises(ValueError, match="neurons"):
        sp.classify_states(xi, np.ones(21))
    with pytest.raises(ValueError, match="pattern_min"):
        sp.classify_states(xi, xi[0], pattern_min=1.5)
    with pytest.raises(ValueError, match="mixture_sizes"):
        sp.classify_states(xi, xi[0], mixture_sizes=(1,))


def test_kind_fractions():
    f = sp.kind_fractions(np.array(["other", "pattern", "pattern", "reversed"]))
    assert f.tolist() == [0.5, 0.25, 0.0, 0.25] and np.isclose(f.sum(), 1)
    with pytest.raises(ValueError, match="among"):
        sp.kind_fractions(["spin glass"])
    with pytest.raises(ValueError):
        sp.kind_fractions([])


# ---------------------------------------------------------------- end states from random starts

def test_end_states_low_and_high_load():
    xi = hl.random_patterns(4, 300, rng=0)
    low = sp.end_states(hl.hebbian(xi), xi, 100, rng=1)
    assert low.converged.all()
    f = low.fractions()
    assert f[3] < 0.2 and f[0] > 0.2 and f[1] > 0.2  # patterns and reverses, some mixtures
    assert np.allclose(low.energies[low.labels == "pattern"], -0.5, atol=0.02)
    assert "EndStates(100 starts" in repr(low)
    xi = hl.random_patterns(60, 300, rng=2)
    high = sp.end_states(hl.hebbian(xi), xi, 50, rng=3)
    assert high.fractions()[3] > 0.9  # alpha = 0.2: spin-glass states


def test_end_states_given_starts_and_seeded():
    xi = hl.random_patterns(3, 100, rng=0)
    w = hl.hebbian(xi)
    starts = hl.corrupt(np.tile(xi[1], (5, 1)), 0.1, rng=1)
    out = sp.end_states(w, xi, starts, rng=2)
    assert out.labels.tolist() == ["pattern"] * 5
    a = sp.end_states(w, xi, 20, rng=7)
    b = sp.end_states(w, xi, 20, rng=7)
    assert np.array_equal(a.states, b.states)
