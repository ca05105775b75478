"""Exact integer dynamics (issue 12): which weights are recognised, and that the exact path equals the float path.

For +-1 patterns ``N W`` of Hebb's rule (and of the sequence and hetero-associative rules, and of
the covariance rule with a dyadic ``a``) is a matrix of integers; ``hopfield_lib.dynamics.couplings``
recognises it and the dynamics compute with it. Wherever no field lies within rounding of its
threshold, the exact path and the plain float path (``W`` as it is, with the tie tolerance) must
give the same states, and the same fields and energies up to rounding.
"""

import numpy as np
import pytest

import hopfield_lib as hl
from hopfield_lib.dynamics import Couplings, _sweep, couplings, tie_tolerance
from hopfield_lib.experiments import sequences


def float_path(W, theta=0.0) -> Couplings:
    """The couplings the library would use if it did not recognise integer weights."""
    W = np.asarray(W, dtype=float)
    th = np.broadcast_to(np.asarray(theta, dtype=float), (W.shape[0],))
    return Couplings(W, 1.0, th, theta, tie_tolerance(W, theta), False)


def test_hebbian_type_weights_are_recognised():
    xi = hl.random_patterns(7, 30, rng=0)
    for W, scale in [(hl.hebbian(xi), 30), (sequences.sequence_weights(xi, cyclic=True), 30),
                     (hl.rules.hetero_hebbian(xi, hl.random_patterns(7, 12, rng=1)), 30),
                     (np.ones((4, 4)) - np.eye(4), 1), (hl.hebbian(xi) * 30, 1),
                     (hl.rules.covariance(xi, 0.5), 4 * 30), (hl.rules.covariance(xi, -0.25), 16 * 30),
                     (hl.hebbian(xi[:2]) + np.eye(30) * 2 / 30, 30)]:
        c = couplings(W)
        assert c.exact and c.scale == scale and c.tol == 0.0
        assert np.array_equal(c.K, np.rint(c.K)) and np.array_equal(c.K / scale, W)


def test_other_weights_use_the_float_path_with_the_tie_tolerance():
    xi = hl.random_patterns(7, 30, rng=0)
    rng = np.random.default_rng(0)
    for W in (hl.storkey(xi), hl.pseudo_inverse(xi), hl.rules.covariance(xi, 0.3), rng.normal(size=(30, 30)),
              hl.hebbian(xi) + 1e-3):
        c = couplings(W)
        assert not c.exact and c.scale == 1.0 and c.tol == tie_tolerance(W) and c.K is not None


@pytest.mark.parametrize("seed", range(60))
def test_exact_path_equals_float_path(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.choice([37, 60, 99, 150]))  # N not a power of two: 1/N is rounded in W
    p = int(rng.integers(1, n // 4))
    xi = hl.random_patterns(p, n, rng=rng)
    W = hl.hebbian(xi)
    theta = float(rng.choice([0.0, 0.25, -1 / 3]))
    exact, plain = couplings(W, theta), float_path(W, theta)
    assert exact.exact
    S = hl.corrupt(xi[np.arange(12) % p], float(rng.uniform(0, 0.5)), rng=rng)
    H, h = exact.field(S), plain.field(S)
    # no field within rounding of its threshold except exact ties, which both paths keep
    u_exact, u_plain = H / exact.scale - theta, h - theta
    assert np.allclose(u_exact, u_plain, rtol=0, atol=1e-12)
    assert np.array_equal(exact.update(S, H), plain.update(S, h))
    assert np.allclose(exact.energy(S, H), plain.energy(S, h), rtol=0, atol=1e-10)
    assert np.array_equal(exact.local_field(S), H / exact.scale)
    order = rng.permutation(n)
    assert np.array_equal(_sweep(exact, S, order)[0], _sweep(plain, S, order)[0])


def test_exact_fields_are_one_correctly_rounded_division():
    xi = hl.random_patterns(5, 210, rng=3)
    W = hl.hebbian(xi)
    s = hl.random_patterns(4, 210, rng=4)
    K = xi.T @ xi - 5 * np.eye(210)
    assert np.array_equal(hl.local_field(W, s), (s @ K.T) / 210)
    assert np.array_equal(hl.energy(W, s), -np.sum(s * (s @ K.T), axis=1) / (2 * 210))


def test_a_tie_is_exact_on_the_exact_path():
    # two patterns that differ on half of the neurons; a state that agrees with each on half of those
    xi = np.array([[1.0] * 6, [1.0, 1.0, 1.0, -1.0, -1.0, -1.0]])
    s = np.array([1.0, 1.0, 1.0, 1.0, -1.0, -1.0])
    W = hl.hebbian(xi)  # 1/6: not a binary fraction
    h = hl.local_field(W, s)
    assert np.any(h == 0.0)
    assert np.array_equal(hl.sync_step(W, s)[h == 0], s[h == 0])
