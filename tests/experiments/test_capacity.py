"""hopfield_lib.capacity: theory formulas, measures and the capacity experiments."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hopfield_lib as hl
from hopfield_lib.experiments import capacity
from hopfield_lib.experiments._fast import hebbian_fields


# --------------------------------------------------------------------------- theory


def test_gaussian_error_rate_values():
    assert np.isclose(capacity.gaussian_error_rate(1.0), 0.15865525, atol=1e-7)  # Phi(-1)
    a = np.array([0.05, 0.1, 0.2])
    r = capacity.gaussian_error_rate(a)
    assert r.shape == (3,) and np.all(np.diff(r) > 0)
    with pytest.raises(ValueError, match="positive"):
        capacity.gaussian_error_rate(0.0)


def test_binomial_error_rate_is_the_exact_flip_probability():
    # Monte Carlo with exact integer fields: N = 101, P = 41 (many flips, ties possible: (P-1)(N-1) even)
    rng = np.random.default_rng(0)
    n, p = 101, 41
    sets = [hl.random_patterns(p, n, rng=rng) for _ in range(300)]
    flips = [np.mean(x * hebbian_fields(x) < 0) for x in sets]
    exact = capacity.binomial_error_rate(n, p)
    se = np.std(flips, ddof=1) / np.sqrt(len(flips))
    assert abs(np.mean(flips) - exact) < 4 * se


def test_binomial_error_rate_limits_and_broadcasting():
    assert capacity.binomial_error_rate(100, 1) == 0.0  # one pattern: no crosstalk
    assert capacity.binomial_error_rate(3, 2) == 0.0  # the only bad case, N C = -2 = -(N-1), is a tie: kept
    assert np.isclose(capacity.binomial_error_rate(2, 5), 5 / 16)  # N C = sum of 4 +-1 <= -2
    big = capacity.binomial_error_rate(20000, 3000)
    assert np.isclose(big, capacity.gaussian_error_rate(0.15), rtol=0.03)
    r = capacity.binomial_error_rate(500, np.array([25, 50, 100]))
    assert r.shape == (3,) and np.all(np.diff(r) > 0)
    with pytest.raises(ValueError):
        capacity.binomial_error_rate(1, 5)


def test_mceliece():
    assert np.isclose(capacity.mceliece_capacity(100), 100 / (2 * np.log(100)))
    assert np.isclose(capacity.mceliece_capacity(100, all_patterns=True), 100 / (4 * np.log(100)))


def test_predicted_stability_limit_is_between_the_asymptotics_and_n():
    for n in (50, 200, 1000):
        given_p = capacity.predicted_stability_limit(n)
        all_p = capacity.predicted_stability_limit(n, all_patterns=True)
        assert capacity.mceliece_capacity(n) < given_p < n
        assert capacity.mceliece_capacity(n, all_patterns=True) < all_p < given_p
    # a stricter level (a higher required probability) gives a smaller P
    assert capacity.predicted_stability_limit(500, level=0.9) < capacity.predicted_stability_limit(500, level=0.5)
    with pytest.raises(ValueError, match="level"):
        capacity.predicted_stability_limit(100, level=1.0)


def test_ags_critical_point_and_overlap():
    a_c, m_c = capacity.ags_critical_point()
    assert abs(a_c - 0.1379) < 1e-4 and abs(m_c - 0.9674) < 1e-4
    assert abs(a_c - capacity.ALPHA_C) < 5e-4
    a = np.array([0.03, 0.05, 0.1, 0.13, 0.137])
    m = capacity.ags_overlap(a)
    assert np.all(np.diff(m) < 0) and m[0] > 0.9999 and m[-1] > m_c
    # m solves m = erf(y), y (sqrt(2 alpha) + 2/sqrt(pi) exp(-y^2)) = erf(y)
    from scipy.special import erf, erfinv

    y = erfinv(m)
    assert np.allclose(y * (np.sqrt(2 * a) + 2 / np.sqrt(np.pi) * np.exp(-y * y)), erf(y), atol=1e-9)
    assert np.isnan(capacity.ags_overlap(0.14))
    assert isinstance(capacity.ags_overlap(0.1), float)
    with pytest.raises(ValueError):
        capacity.ags_overlap(-0.1)


# --------------------------------------------------------------------------- measures


def test_crosstalk_matches_its_definition():
    rng = np.random.default_rng(1)
    xi = hl.random_patterns(5, 9, rng=rng)
    p, n = xi.shape
    c = capacity.crosstalk(xi)
    for mu in range(p):
        for i in range(n):
            direct = sum(xi[mu, i] * xi[nu, i] * xi[nu, j] * xi[mu, j]
                         for nu in range(p) if nu != mu for j in range(n) if j != i) / n
            assert np.isclose(c[mu, i], direct)
    assert np.array_equal(capacity.crosstalk(xi[:1]), np.zeros((1, 9)))


@given(seed=st.integers(0, 10_000), p=st.integers(1, 12), n=st.integers(2, 40))
@settings(max_examples=60, deadline=None)
def test_signal_plus_crosstalk_is_the_aligned_field(seed, p, n):
    xi = hl.random_patterns(p, n, rng=seed)
    w = hl.hebbian(xi)
    aligned = (xi @ w.T) * xi  # xi_i^mu h_i^mu
    c = capacity.crosstalk(xi)
    assert np.allclose(aligned, (n - 1) / n + c, atol=1e-12)
    assert np.array_equal(c * n < -(n - 1) - 1e-9, xi * hebbian_fields(xi) < 0)


def test_crosstalk_variance_for_random_patterns():
    c = capacity.crosstalk(hl.random_patterns(60, 600, rng=2))
    assert abs(c.mean()) < 0.01
    assert abs(c.var() - 59 * 599 / 600**2) < 0.01


# --------------------------------------------------------------------------- experiments


def test_error_rate_curve():
    c = capacity.error_rate_curve(200, [0.1, 0.3], n_networks=[6, 3], rng=0)
    assert c.n_patterns.tolist() == [20, 60]
    assert np.allclose(c.alpha, [0.1, 0.3])
    assert [len(x) for x in c.per_network] == [6, 3]
    assert c.n_bits.tolist() == [20 * 200 * 6, 60 * 200 * 3]
    assert np.all(np.abs(c.mean - c.exact) < 4 * c.sem + 1e-4)
    again = capacity.error_rate_curve(200, [0.1, 0.3], n_networks=[6, 3], rng=0)
    assert np.array_equal(c.mean, again.mean)
    with pytest.raises(ValueError, match="one int per load"):
        capacity.error_rate_curve(200, [0.1, 0.3], n_networks=[1, 2, 3])
    with pytest.raises(ValueError, match="loads"):
        capacity.error_rate_curve(200, [0.0])


def test_stability_curve_matches_brute_force():
    # N = 64: the float Hebbian fields of hl.hebbian are exact, so ties agree with the integer fields
    c = capacity.stability_curve(64, n_networks=3, p_max=16, rng=1)
    gen = np.random.default_rng(1)
    for r in range(3):
        xi = np.where(gen.random((16, 64)) < 0.5, -1.0, 1.0)
        first_fail = None
        for p in range(1, 17):
            ok = ~hl.measure.one_step_flips(hl.hebbian(xi[:p]), xi[:p]).any(axis=1)
            assert np.array_equal(ok, c.stable[r, p - 1, :p])
            assert not c.stable[r, p - 1, p:].any()
            if first_fail is None and not ok.all():
                first_fail = p
        assert c.largest_all_stable[r] == (first_fail - 1 if first_fail else 16)
    assert c.stable_fraction.shape == (16,) and c.stable_fraction[0] == 1.0


def test_stability_curve_thresholds_follow_the_finite_n_estimate():
    c = capacity.stability_curve(300, n_networks=12, rng=0)
    assert abs(c.p_half_given - capacity.predicted_stability_limit(300)) < 6
    assert abs(np.median(c.largest_all_stable) - capacity.predicted_stability_limit(300, all_patterns=True)) < 5
    assert c.p_half_all < c.p_half_given


def test_retrieval_curve():
    c = capacity.retrieval_curve(120, [0.05, 0.35], n_probes=30, max_sweeps=40, rng=0)
    assert c.n_patterns.tolist() == [6, 42]
    assert [m.size for m in c.overlaps] == [30, 30]
    assert c.mean[0] == 1.0 and c.mean[1] < 0.8
    assert 0.05 < c.crossing(0.9) <= 0.35
    assert np.allclose(c.wrong_bits, (1 - c.mean) / 2)
    again = capacity.retrieval_curve(120, [0.05, 0.35], n_probes=30, max_sweeps=40, rng=0)
    assert np.array_equal(c.mean, again.mean)


def test_subset_recall():
    lett = hl.letters.letters()
    c = capacity.subset_recall(lett, [1, 26], n_subsets=5, rng=0)
    assert c.stable_fraction[0] == 1.0 and c.mean_overlap[0] == 1.0
    assert c.stable_fraction[1] < 0.2 and c.mean_overlap[1] < 0.9
    rnd = capacity.subset_recall(hl.random_patterns(40, 100, rng=1), [3], n_subsets=5, rng=2)
    assert rnd.stable_fraction[0] == 1.0 and rnd.perfect_fraction[0] == 1.0
    with pytest.raises(ValueError, match="sizes"):
        capacity.subset_recall(lett, [27])
