"""The rules appended for lecture 8: storkey_update, covariance, covariance_threshold."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hopfield_lib as hl
from hopfield_lib import rules
from hopfield_lib.experiments import rule_comparison


def test_storkey_update_folds_to_storkey_and_starts_as_hebb():
    xi = hl.random_patterns(12, 30, rng=0)
    W = np.zeros((30, 30))
    for k, x in enumerate(xi):
        W = rules.storkey_update(W, x)
        if k == 0:
            assert np.allclose(W, hl.hebbian(xi[:1]))
    assert np.allclose(W, hl.storkey(xi))


def test_storkey_update_literal_formula_and_no_mutation():
    rng = np.random.default_rng(1)
    W = hl.hebbian(hl.random_patterns(3, 6, rng=rng))
    x = hl.random_patterns(1, 6, rng=rng)[0]
    before = W.copy()
    new = rules.storkey_update(W, x)
    assert np.array_equal(W, before)
    n = 6
    for i in range(n):
        for j in range(n):
            if i == j:
                assert new[i, j] == 0
                continue
            h_ij = sum(W[i, k] * x[k] for k in range(n) if k not in (i, j))
            h_ji = sum(W[j, k] * x[k] for k in range(n) if k not in (i, j))
            assert np.isclose(new[i, j], W[i, j] + (x[i] * x[j] - x[i] * h_ji - h_ij * x[j]) / n)


def test_storkey_update_errors():
    with pytest.raises(ValueError, match="to match W"):
        rules.storkey_update(np.zeros((4, 4)), np.ones(5))
    with pytest.raises(ValueError, match="-1 or \\+1"):
        rules.storkey_update(np.zeros((3, 3)), np.array([1, 0, 1]))
    with pytest.raises(ValueError, match="square"):
        rules.storkey_update(np.zeros((3, 4)), np.ones(3))


def test_covariance_formula_and_special_cases():
    xi = rule_comparison.biased_patterns(7, 11, 0.4, rng=2)
    d = xi - 0.4
    expected = d.T @ d / 11
    np.fill_diagonal(expected, 0)
    assert np.allclose(rules.covariance(xi, 0.4), expected)
    assert np.allclose(rules.covariance(xi, 0.0), hl.hebbian(xi))
    assert np.allclose(rules.covariance(xi), rules.covariance(xi, xi.mean()))
    per_neuron = xi.mean(axis=0)
    d = xi - per_neuron
    expected = d.T @ d / 11
    np.fill_diagonal(expected, 0)
    assert np.allclose(rules.covariance(xi, per_neuron), expected)


@settings(max_examples=30, deadline=None)
@given(p=st.integers(1, 6), n=st.integers(1, 12), a=st.floats(-0.9, 0.9), seed=st.integers(0, 10**6))
def test_covariance_is_symmetric_with_zero_diagonal(p, n, a, seed):
    xi = rule_comparison.biased_patterns(p, n, a, rng=seed)
    W = rules.covariance(xi, a)
    assert W.shape == (n, n)
    assert np.allclose(W, W.T)
    assert np.all(np.diag(W) == 0)


def test_covariance_errors():
    xi = hl.random_patterns(2, 5, rng=0)
    with pytest.raises(ValueError, match="\\[-1, 1\\]"):
        rules.covariance(xi, 1.5)
    with pytest.raises(ValueError, match="shape \\(5,\\)"):
        rules.covariance(xi, np.zeros(4))
    with pytest.raises(TypeError, match="bool"):
        rules.covariance(xi, True)


def test_covariance_threshold_values_and_shapes():
    assert rules.covariance_threshold(0.0) == 0.0
    assert np.isclose(rules.covariance_threshold(0.5), -0.5 * 0.75)
    assert np.isclose(rules.covariance_threshold(-0.5), 0.5 * 0.75)
    assert rules.covariance_threshold(0.2, 4).shape == (4,)
    a = np.array([0.2, -0.4, 0.0])
    assert np.allclose(rules.covariance_threshold(a), -a * (1 - np.mean(a**2)))
    with pytest.raises(ValueError):
        rules.covariance_threshold(2.0)
    with pytest.raises(ValueError, match="shape \\(5,\\)"):
        rules.covariance_threshold(a, 5)


def test_covariance_with_threshold_centres_the_signal():
    # a = 0.5, few patterns: the thresholded aligned fields of both kinds of bits are about 1 - a^2
    a = 0.5
    xi = rule_comparison.biased_patterns(5, 2000, a, rng=3)
    lam = rule_comparison.aligned_fields(rules.covariance(xi, a), xi, rules.covariance_threshold(a))
    assert abs(lam[xi == 1].mean() - 0.75) < 0.05
    assert abs(lam[xi == -1].mean() - 0.75) < 0.05
    plain = rule_comparison.aligned_fields(rules.covariance(xi, a), xi)
    assert abs(plain[xi == 1].mean() - 0.75 * 0.5) < 0.05
    assert abs(plain[xi == -1].mean() - 0.75 * 1.5) < 0.05
