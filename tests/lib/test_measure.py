"""hopfield_lib.measure: the measurements shared by every lecture, one definition each."""

import math

import numpy as np
import pytest

import hopfield_lib as hl
from hopfield_lib import measure
from hopfield_lib.experiments._fast import hebbian_fields


# --------------------------------------------------------------------------- one update


def test_one_step_flips_and_stable_fraction():
    xi = hl.random_patterns(5, 200, rng=0)
    w = hl.hebbian(xi)
    assert measure.one_step_flips(w, xi).shape == (5, 200)
    assert measure.stable_fraction(w, xi) == 1.0
    assert measure.stable_fraction(w, -xi) == 1.0
    noisy = hl.corrupt(xi, n_flips=100, rng=1)
    assert measure.bit_error_rate(np.zeros((200, 200)), noisy) == 0.0  # all ties: nothing flips


@pytest.mark.parametrize("seed", range(20))
def test_one_step_flips_agree_with_sync_step_and_exact_fields(seed):
    # N = 30, P = 4: ties N xi_i h_i = 0 happen, and 1/30 is not a binary fraction
    xi = hl.random_patterns(4, 30, rng=seed)
    w = hl.hebbian(xi)
    flips = measure.one_step_flips(w, xi)
    assert np.array_equal(flips, hl.sync_step(w, xi) != xi)
    assert np.array_equal(flips, xi * hebbian_fields(xi) < 0)


def test_stable_fraction_with_a_threshold():
    xi = hl.random_patterns(5, 100, rng=0)
    W = hl.hebbian(xi)
    assert measure.stable_fraction(W, xi, theta=100.0) == 0.0  # a huge threshold turns every neuron off
    assert measure.stable_fraction(W, -np.ones((1, 100)), theta=100.0) == 1.0
    assert measure.bit_error_rate(W, xi, 100.0) == pytest.approx(np.mean(xi > 0))


def test_measured_error_rate_matches_gaussian_theory():
    from hopfield_lib.experiments import capacity

    xi = hl.random_patterns(200, 1000, rng=0)  # alpha = 0.2: theory 0.0127
    assert abs(measure.bit_error_rate(hl.hebbian(xi), xi) - capacity.gaussian_error_rate(0.2)) < 0.003


# --------------------------------------------------------------------------- recall from noisy probes


def _plain_recall_rate(W, xi, noise, n_probes, min_overlap, max_sweeps, rng):
    """The definition, written out: probe b from pattern b mod P, one corrupt call per level, one recall."""
    gen = np.random.default_rng(rng)
    targets = xi[np.arange(n_probes) % len(xi)]
    probes = np.concatenate([hl.corrupt(targets, f, rng=gen) for f in noise])
    final = hl.recall(W, probes, max_sweeps=max_sweeps, rng=gen).state
    m = np.sum(final * np.tile(targets, (len(noise), 1)), axis=1) / xi.shape[1]
    return (m >= min_overlap).reshape(len(noise), n_probes).mean(axis=1)


@pytest.mark.parametrize("seed", range(6))
def test_recall_rate_is_its_definition(seed):
    xi = hl.random_patterns(12, 80, rng=seed)
    W = hl.hebbian(xi)
    noise = [0.0, 0.1, 0.25, 0.4]
    got = measure.recall_rate(W, xi, noise, n_probes=15, min_overlap=0.9, max_sweeps=20, rng=seed + 100)
    assert np.array_equal(got, _plain_recall_rate(W, xi, noise, 15, 0.9, 20, seed + 100))


def test_recall_rate_low_load_and_extremes():
    xi = hl.random_patterns(5, 200, rng=0)
    w = hl.hebbian(xi)
    p = measure.recall_rate(w, xi, [0.0, 0.1, 0.3, 0.7, 1.0], n_probes=10, min_overlap=0.9, max_sweeps=50, rng=1)
    assert p.shape == (5,)
    assert p[:3].tolist() == [1.0, 1.0, 1.0]
    assert p[3:].tolist() == [0.0, 0.0]  # 70 % flipped is closer to the reverse, which is recalled instead
    assert measure.recall_rate(np.zeros((200, 200)), xi, 0.2, n_probes=10, min_overlap=0.95, max_sweeps=10,
                               rng=1) == 0.0  # nothing moves: 20 % stays wrong


def test_recall_rate_criterion_and_overlaps():
    xi = hl.random_patterns(40, 200, rng=0)  # alpha = 0.2: no exact recall
    w = hl.hebbian(xi)
    kw = dict(n_probes=20, max_sweeps=50, rng=1)
    strict = measure.recall_rate(w, xi, 0.0, min_overlap=1.0, **kw)
    loose = measure.recall_rate(w, xi, 0.0, min_overlap=0.2, **kw)
    assert strict <= loose
    m = measure.recall_overlaps(w, xi, 0.0, **kw)
    assert m.shape == (20,)
    assert loose == np.mean(m >= 0.2) and strict == np.mean(m >= 1.0)


def test_recall_rate_per_pattern_is_pattern_major():
    xi = hl.letters.letters("SKY")
    W = hl.hebbian(xi)
    rate = measure.recall_rate(W, xi, 0.1, n_probes=20, min_overlap=1.0, max_sweeps=100, per_pattern=True, rng=0)
    assert rate.shape == (3,) and rate.tolist() == [1.0, 1.0, 1.0]
    both = measure.recall_rate(W, xi, [0.1, 0.45], n_probes=5, min_overlap=1.0, max_sweeps=100, per_pattern=True,
                               rng=0)
    assert both.shape == (2, 3)
    # pattern-major: the probes of pattern 0 first, as hl.experiments.probes.noisy_probes makes them
    from hopfield_lib.experiments.probes import noisy_probes

    gen = np.random.default_rng(4)
    probes, targets = noisy_probes(xi, 7, 0.2, rng=gen)
    final = hl.recall(W, probes, max_sweeps=100, rng=gen).state
    exact = np.all(final == xi[targets], axis=1).reshape(3, 7).mean(axis=1)
    got = measure.recall_rate(W, xi, 0.2, n_probes=7, min_overlap=1.0, max_sweeps=100, per_pattern=True, rng=4)
    assert np.array_equal(got, exact)


def test_recall_rate_is_seeded_and_validates():
    xi = hl.random_patterns(5, 100, rng=0)
    W = hl.hebbian(xi)
    kw = dict(n_probes=10, min_overlap=0.9, max_sweeps=10)
    assert measure.recall_rate(W, xi, 0.3, rng=7, **kw) == measure.recall_rate(W, xi, 0.3, rng=7, **kw)
    with pytest.raises(ValueError, match="noise: expected values in \\[0, 1\\]"):
        measure.recall_rate(W, xi, [0.1, 1.5], **kw)
    with pytest.raises(ValueError, match="n_probes: expected an int >= 1, got 0"):
        measure.recall_rate(W, xi, 0.1, n_probes=0, min_overlap=0.9, max_sweeps=10)
    with pytest.raises(TypeError, match="n_probes: expected an int >= 1, got float 2.0"):
        measure.recall_rate(W, xi, 0.1, n_probes=2.0, min_overlap=0.9, max_sweeps=10)
    with pytest.raises(ValueError, match="min_overlap"):
        measure.recall_rate(W, xi, 0.1, n_probes=3, min_overlap=1.5, max_sweeps=10)
    with pytest.raises(ValueError, match="to match W"):
        measure.recall_rate(W, hl.random_patterns(2, 50, rng=0), 0.1, **kw)
    with pytest.raises(TypeError, match="min_overlap"):
        measure.recall_rate(W, xi, 0.1, n_probes=3, max_sweeps=10)  # the criterion must be named


# --------------------------------------------------------------------------- crossings


def test_crossing():
    assert np.isclose(measure.crossing([0.1, 0.2, 0.3], [1.0, 0.95, 0.75], 0.9), 0.225)
    assert math.isnan(measure.crossing([1, 2], [0.5, 0.4], 0.9))      # below at once: not bracketed
    assert math.isnan(measure.crossing([1, 2], [1.0, 0.95], 0.9))     # never below
    assert measure.crossing([1.0, 2.0, 3.0], [1.0, 0.9, 0.0], 0.9) == pytest.approx(2.0)  # >= level still passes
    assert np.isclose(measure.crossing([10, 1000], [1.0, 0.0], 0.5, log_x=True), 100.0)
    rows = measure.crossing([1, 2, 3], [[1.0, 0.5, 0.0], [0.4, 0.2, 0.1], [1, 1, 1]], 0.75)
    assert rows[0] == 1.5 and np.isnan(rows[1]) and np.isnan(rows[2])
    with pytest.raises(ValueError, match="to match x"):
        measure.crossing([1, 2, 3], [1.0, 0.5], 0.9)
    with pytest.raises(ValueError, match="increasing"):
        measure.crossing([2, 1], [1.0, 0.5], 0.9)


def test_crossing_moves_by_a_last_bit_not_a_grid_step():
    x = np.array([0.1, 0.2, 0.3])
    y = np.array([1.0, 0.9, 0.5])
    a = measure.crossing(x, y, 0.9)
    b = measure.crossing(x, np.array([1.0, np.nextafter(0.9, 0), 0.5]), 0.9)
    assert a == pytest.approx(0.2) and abs(a - b) < 1e-12  # a grid read would jump from 0.2 to 0.1


def test_basin_radius_rules():
    f = np.array([0.0, 0.1, 0.2, 0.3])
    assert measure.basin_radius(f, [1, 1, 1, 1], 0.9) == 0.3           # never drops: at least the last level
    assert np.isclose(measure.basin_radius(f, [1, 0.9, 0.5, 0.95], 0.9), 0.1)  # >= level counts; the gap ends it
    assert np.isnan(measure.basin_radius(f, [0.8, 1, 1, 1], 0.9))       # fails at once: no basin
    assert np.isclose(measure.basin_radius(f, [1, 1, 0.5, 0], 0.9), 0.1 + 0.1 * 0.1 / 0.5)
    assert np.isclose(measure.basin_radius([0.1, 0.2, 0.3], [1.0, 0.6, 0.2], 0.5), 0.225)
    rows = measure.basin_radius(f, np.array([[1, 1, 0, 0], [1, 0, 0, 0], [1, 1, 1, 1]]), 0.5)
    assert np.allclose(rows, [0.15, 0.05, 0.3])
    with pytest.raises(ValueError, match="to match x"):
        measure.basin_radius([0.0, 0.1], [1, 1, 1], 0.9)
    with pytest.raises(ValueError, match="level"):
        measure.basin_radius([0.0, 0.1], [1, 1], 0)


def test_largest_load_definition():
    loads = [0.1, 0.2, 0.3, 0.4]
    assert measure.largest_load(loads, [1.0, 0.97, 0.87, 0.99], 0.95) == pytest.approx(0.2 + 0.1 * 0.2)
    assert measure.largest_load(loads, [1.0, 1.0, 1.0, 1.0], 0.95) == 0.4
    assert np.isnan(measure.largest_load(loads, [0.9, 1.0, 1.0, 1.0], 0.95))
    assert measure.largest_load(loads, [1.0, 0.6, 0.2, 0.0], 0.5) == pytest.approx(0.2 + 0.1 * 0.25)
    two_seeds = [[1.0, 1.0, 0.9, 0.8], [1.0, 0.9, 0.9, 0.8]]
    assert measure.largest_load(loads, two_seeds, 0.95) == measure.largest_load(loads, np.mean(two_seeds, axis=0),
                                                                                  0.95)
    with pytest.raises(ValueError, match="to match x"):
        measure.largest_load(loads, [1.0, 0.5], 0.95)


def test_patterns_for_loads():
    assert measure.patterns_for_loads([0.001, 0.1, 0.25], 100).tolist() == [1, 10, 25]
    with pytest.raises(ValueError, match="loads: expected values > 0"):
        measure.patterns_for_loads([0.0], 100)
