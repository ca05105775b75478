"""Learning rules against their formulas, written out with explicit loops on small cases."""

import numpy as np
import pytest

import hopfield_lib as hl


def hebb_by_hand(xi):
    p, n = xi.shape
    w = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            if i != j:
                w[i, j] = sum(xi[mu, i] * xi[mu, j] for mu in range(p)) / n
    return w


def storkey_by_hand(xi):
    """Storkey (1997), eq. for w_ij^nu with h_ij = sum_{k != i, j} w_ik xi_k, literally."""
    p, n = xi.shape
    w = np.zeros((n, n))
    for mu in range(p):
        x = xi[mu]
        h = np.array([[sum(w[i, k] * x[k] for k in range(n) if k not in (i, j)) for j in range(n)] for i in range(n)])
        new = w.copy()
        for i in range(n):
            for j in range(n):
                if i != j:
                    new[i, j] = w[i, j] + (x[i] * x[j] - x[i] * h[j, i] - h[i, j] * x[j]) / n
        w = new
    return w


def test_hebbian_hand_worked():
    xi = np.array([[1, -1, 1, 1], [1, 1, -1, 1]])
    expected = np.array(
        [[0, 0, 0, 2], [0, 0, -2, 0], [0, -2, 0, 0], [2, 0, 0, 0]]
    ) / 4
    assert np.allclose(hl.hebbian(xi), expected)
    assert np.allclose(hl.hebbian(xi), hebb_by_hand(xi))


@pytest.mark.parametrize("rule", [hl.hebbian, hl.storkey, hl.pseudo_inverse])
@pytest.mark.parametrize("p,n", [(1, 1), (1, 6), (3, 7), (5, 12)])
def test_rules_symmetric_zero_diagonal(rule, p, n):
    xi = hl.random_patterns(p, n, rng=p * 100 + n)
    w = rule(xi)
    assert w.shape == (n, n) and w.dtype == np.float64
    assert np.allclose(w, w.T)
    assert np.all(np.diag(w) == 0)


def test_hebbian_matches_loops_and_matmul():
    xi = hl.random_patterns(4, 9, rng=3)
    assert np.allclose(hl.hebbian(xi), hebb_by_hand(xi))
    bare = xi.T @ xi / 9
    np.fill_diagonal(bare, 0)
    assert np.array_equal(hl.hebbian(xi), bare)


@pytest.mark.parametrize("seed", range(5))
def test_storkey_matches_literal_formula(seed):
    xi = hl.random_patterns(4, 8, rng=seed)
    assert np.allclose(hl.storkey(xi), storkey_by_hand(xi))


def test_storkey_one_pattern_is_hebb():
    xi = hl.random_patterns(1, 10, rng=0)
    assert np.allclose(hl.storkey(xi), hl.hebbian(xi))


def test_pseudo_inverse_formula_and_projection():
    xi = hl.random_patterns(5, 20, rng=1)
    c = xi @ xi.T / 20
    expected = xi.T @ np.linalg.inv(c) @ xi / 20
    np.fill_diagonal(expected, 0)
    w = hl.pseudo_inverse(xi)
    assert np.allclose(w, expected)
    # With the diagonal put back, W is a projector that fixes every pattern exactly.
    full = w + np.diag(np.diag(xi.T @ np.linalg.inv(c) @ xi / 20))
    assert np.allclose(full @ xi.T, xi.T)
    assert np.allclose(full @ full, full)


def test_pseudo_inverse_correlated_patterns_are_fixed_points():
    # Letters are strongly correlated: Hebb fails on them, the projection rule does not.
    xi = hl.letters.letters("ABCDEFGHIJ")
    w = hl.pseudo_inverse(xi)
    assert np.array_equal(hl.sync_step(w, xi), xi)
    assert not np.array_equal(hl.sync_step(hl.hebbian(xi), xi), xi)


def test_pseudo_inverse_dependent_patterns():
    x = hl.random_patterns(1, 8, rng=0)[0]
    xi = np.stack([x, x, -x])  # rank 1: C is singular
    w = hl.pseudo_inverse(xi)
    assert np.all(np.isfinite(w))
    assert np.allclose(w, hl.hebbian(x[None]))


def test_storkey_beats_hebb_at_moderate_load():
    xi = hl.random_patterns(30, 100, rng=2)  # alpha = 0.3, above Hebb's 0.14
    def stable_fraction(w):
        return np.mean(np.all(hl.sync_step(w, xi) == xi, axis=1))
    assert stable_fraction(hl.storkey(xi)) > stable_fraction(hl.hebbian(xi))


def test_hetero_hebbian_formula_and_recall():
    xi = hl.random_patterns(3, 40, rng=0)
    eta = hl.random_patterns(3, 25, rng=1)
    w = hl.rules.hetero_hebbian(xi, eta)
    assert w.shape == (25, 40)
    assert np.allclose(w, sum(np.outer(eta[m], xi[m]) for m in range(3)) / 40)
    assert np.array_equal(np.sign(xi @ w.T), eta)
    with pytest.raises(ValueError, match="same P"):
        hl.rules.hetero_hebbian(xi, eta[:2])
