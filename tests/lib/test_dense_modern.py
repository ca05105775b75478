"""Dense associative memories and modern Hopfield networks."""

import numpy as np
import pytest

import hopfield_lib as hl
from hopfield_lib.modern import logsumexp, softmax


def dense_step_by_hand(xi, s, F):
    n = len(s)
    new = s.copy()
    for i in range(n):
        total = 0.0
        for x in xi:
            rest = sum(x[j] * s[j] for j in range(n) if j != i)
            total += F(x[i] + rest) - F(-x[i] + rest)
        if total != 0:
            new[i] = np.sign(total)
    return new


@pytest.mark.parametrize("n", [2, 3, 4, "exp"])
def test_dense_step_matches_definition(n):
    F = np.exp if n == "exp" else (lambda x: float(x) ** n)
    xi = hl.random_patterns(6, 9, rng=1)
    for seed in range(4):
        s = hl.random_patterns(1, 9, rng=seed + 10)[0]
        assert np.array_equal(hl.dense_step(xi, s, n=n), dense_step_by_hand(xi, s, F))


def test_dense_n2_is_hebbian_sync_step():
    xi = hl.random_patterns(7, 40, rng=0)
    s = hl.random_patterns(20, 40, rng=1)
    assert np.array_equal(hl.dense_step(xi, s, n=2), hl.sync_step(hl.hebbian(xi), s))


def test_dense_batch_matches_single():
    xi = hl.random_patterns(10, 20, rng=0)
    s = hl.random_patterns(5, 20, rng=1)
    batch = hl.dense_step(xi, s, n=3)
    for b in range(5):
        assert np.array_equal(batch[b], hl.dense_step(xi, s[b], n=3))


def test_dense_exp_stores_more_patterns_than_neurons_without_overflow():
    xi = hl.random_patterns(200, 30, rng=0)  # P = 200 > N = 30
    probes = hl.corrupt(xi, n_flips=3, rng=1)
    out = hl.dense_step(xi, probes, n="exp")
    assert np.mean(np.all(out == xi, axis=1)) > 0.95
    big = hl.random_patterns(5, 2000, rng=2)  # exp(2000) overflows float64: must not matter
    assert np.array_equal(hl.dense_step(big, big, n="exp"), big)


def test_dense_energy():
    xi = hl.random_patterns(4, 10, rng=0)
    s = xi[0]
    assert np.isclose(hl.dense_energy(xi, s, n=3), -np.sum((xi @ s) ** 3))
    assert np.isclose(hl.dense_energy(xi, s, n="exp"), -np.sum(np.exp(xi @ s)))
    assert hl.dense_energy(xi, xi, n=2).shape == (4,)


@pytest.mark.parametrize("bad", [1, 0, 2.5, "poly", True])
def test_dense_bad_n(bad):
    xi = hl.random_patterns(2, 4, rng=0)
    with pytest.raises((ValueError, TypeError), match="int >= 2 or \"exp\""):
        hl.dense_step(xi, xi[0], n=bad)


# ---------------------------------------------------------------- modern

def test_softmax_logsumexp_stable():
    z = np.array([1000.0, 1000.0, -1000.0])
    assert np.allclose(softmax(z), [0.5, 0.5, 0.0])
    assert np.isclose(logsumexp(z), 1000 + np.log(2))


def test_modern_update_formula_and_batch():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(5, 8))
    q = rng.normal(size=(3, 8))
    out = hl.modern_update(X, q, beta=0.7)
    assert out.shape == (3, 8)
    for b in range(3):
        p = np.exp(0.7 * X @ q[b])
        assert np.allclose(out[b], X.T @ (p / p.sum()))
        assert np.allclose(hl.modern_update(X, q[b], beta=0.7), out[b])


def test_modern_energy_formula_nonnegative_and_decreasing():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(6, 10))
    beta = 2.0
    q = rng.normal(size=10)
    e = hl.modern_energy(X, q, beta=beta)
    M2 = np.max(np.sum(X**2, axis=1))
    lse = np.log(np.sum(np.exp(beta * X @ q))) / beta
    assert np.isclose(e, -lse + 0.5 * q @ q + np.log(6) / beta + 0.5 * M2)
    for _ in range(10):
        q_new = hl.modern_update(X, q, beta=beta)
        e_new = hl.modern_energy(X, q_new, beta=beta)
        assert e_new <= e + 1e-12 and e_new >= 0
        q, e = q_new, e_new


def test_modern_one_step_retrieval_at_high_beta():
    xi = hl.random_patterns(50, 64, rng=0)
    q = xi[3].copy()
    q[:32] = 0.0  # half masked
    out = hl.modern_update(xi, q, beta=1.0)
    assert np.array_equal(np.sign(out), xi[3])


def test_attention_equals_batch_of_modern_updates():
    """softmax(Q K^T / sqrt(d)) V with K = V = X equals modern_update with beta = 1/sqrt(d)."""
    rng = np.random.default_rng(2)
    d = 16
    X = rng.normal(size=(7, d))
    Q = rng.normal(size=(4, d))
    assert np.allclose(hl.attention(Q, X, X), hl.modern_update(X, Q, beta=1 / np.sqrt(d)), atol=1e-12, rtol=1e-12)


def test_modern_bad_beta():
    X = np.eye(3)
    for bad in (0.0, -1.0, np.inf, np.nan):
        with pytest.raises(ValueError, match="beta: expected a (finite )?number > 0"):
            hl.modern_update(X, X[0], beta=bad)
    with pytest.raises(TypeError, match="beta: expected a number > 0, got str 'big'"):
        hl.modern_update(X, X[0], beta="big")
