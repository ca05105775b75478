"""Scaled dot-product attention is a batch of modern Hopfield updates (Ramsauer et al. 2021, eq. 10).

softmax(Q K^T / sqrt(d_k)) V with queries Q = R W_Q (the states), keys K = Y W_K (the stored
patterns) and values V = K W_V equals modern_update(K, Q, beta=1/sqrt(d_k)) @ W_V. Three
computations are compared to floating-point precision: ``hl.attention`` (vectorised, written
independently of ``modern_update``), ``hl.modern_update`` and a loop below that shares no code
with the library.
"""

import math

import numpy as np
import pytest

import hopfield_lib as hl
from hopfield_lib import modern

TOL = 1e-12


def attention_loop(Q, K, V):
    """softmax(Q K^T / sqrt(d_k)) V, one query and one key at a time, in plain Python floats."""
    d_k = len(Q[0])
    out = []
    for q in Q:
        scores = [sum(qi * ki for qi, ki in zip(q, k)) / math.sqrt(d_k) for k in K]
        top = max(scores)
        weights = [math.exp(s - top) for s in scores]
        total = math.fsum(weights)
        out.append([math.fsum(w / total * v[j] for w, v in zip(weights, V)) for j in range(len(V[0]))])
    return np.array(out)


SHAPES = [  # (S states, P stored, d_r, d_y, d_k, d_v)
    (1, 1, 1, 1, 1, 1),
    (4, 7, 5, 6, 3, 2),    # d_k != P
    (7, 3, 8, 8, 16, 5),   # d_k > P
    (5, 5, 4, 9, 4, 4),
    (2, 12, 3, 3, 64, 1),  # beta = 1/8
]


@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: "S{}_P{}_dr{}_dy{}_dk{}_dv{}".format(*s))
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_attention_equals_hopfield_updates_with_projections(shape, seed):
    S, P, d_r, d_y, d_k, d_v = shape
    rng = np.random.default_rng(seed)
    R, Y = rng.normal(size=(S, d_r)), rng.normal(size=(P, d_y))
    W_Q, W_K, W_V = rng.normal(size=(d_r, d_k)), rng.normal(size=(d_y, d_k)), rng.normal(size=(d_k, d_v))
    Q, K = R @ W_Q, Y @ W_K
    V = K @ W_V
    beta = 1 / np.sqrt(d_k)

    by_attention = hl.attention(Q, K, V)
    by_hopfield = hl.modern_update(K, Q, beta=beta) @ W_V
    by_loop = attention_loop(Q.tolist(), K.tolist(), V.tolist())
    by_layer = modern.hopfield_layer(R, Y, W_Q, W_K, W_V)

    assert by_attention.shape == by_hopfield.shape == by_loop.shape == (S, d_v)
    assert np.abs(by_attention - by_hopfield).max() < TOL
    assert np.abs(by_attention - by_loop).max() < TOL
    assert np.abs(by_hopfield - by_loop).max() < TOL
    assert np.abs(by_layer - by_attention).max() < TOL


@pytest.mark.parametrize("seed", [3, 4])
def test_each_query_is_one_hopfield_update(seed):
    """Row s of the attention output is the update of state Q[s] alone (no mixing between queries)."""
    rng = np.random.default_rng(seed)
    Q, K = rng.normal(size=(6, 5)), rng.normal(size=(9, 5))
    Z = hl.attention(Q, K, K)
    for s in range(6):
        assert np.abs(Z[s] - hl.modern_update(K, Q[s], beta=1 / np.sqrt(5))).max() < TOL


def test_attention_matrix_is_the_softmax_weights():
    rng = np.random.default_rng(5)
    Q, K = rng.normal(size=(4, 3)), rng.normal(size=(6, 3))
    weights = hl.attention(Q, K, np.eye(6))  # values = identity: the attention matrix itself
    assert np.abs(weights - modern.softmax_weights(K, Q, beta=1 / np.sqrt(3))).max() < TOL
    assert np.allclose(weights.sum(axis=1), 1.0)


def test_self_attention():
    """Self-attention: the states are the stored patterns themselves (R = Y)."""
    rng = np.random.default_rng(6)
    Y = rng.normal(size=(8, 6))
    W_Q, W_K, W_V = rng.normal(size=(6, 4)), rng.normal(size=(6, 4)), rng.normal(size=(4, 4))
    K = Y @ W_K
    Z = hl.attention(Y @ W_Q, K, K @ W_V)
    assert np.abs(Z - modern.hopfield_layer(Y, Y, W_Q, W_K, W_V)).max() < TOL
    assert np.abs(Z - attention_loop((Y @ W_Q).tolist(), K.tolist(), (K @ W_V).tolist())).max() < TOL


def test_large_scores_do_not_overflow():
    rng = np.random.default_rng(7)
    Q, K = 200 * rng.normal(size=(3, 4)), 200 * rng.normal(size=(5, 4))
    Z = hl.attention(Q, K, K)
    assert np.all(np.isfinite(Z))
    assert np.abs(Z - hl.modern_update(K, Q, beta=0.5)).max() < 1e-9 * np.abs(K).max()
    assert np.abs(Z - attention_loop(Q.tolist(), K.tolist(), K.tolist())).max() < 1e-9 * np.abs(K).max()


def test_values_need_not_be_projected_keys():
    """With independent values (a transformer's V = Y W_V), attention reads out the values with
    the Hopfield weights of the keys: a hetero-associative lookup."""
    rng = np.random.default_rng(8)
    Q, K, V = rng.normal(size=(3, 4)), rng.normal(size=(5, 4)), rng.normal(size=(5, 7))
    p = modern.softmax_weights(K, Q, beta=0.5)
    assert np.abs(hl.attention(Q, K, V) - p @ V).max() < TOL
