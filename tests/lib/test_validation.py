"""Every public function rejects bad input with a ValueError/TypeError naming what was expected."""

import numpy as np
import pytest

import hopfield_lib as hl

N = 6
XI = hl.random_patterns(3, N, rng=0)
W = hl.hebbian(XI)
S = XI[0]

STATE_FUNCS = {
    "energy": lambda s: hl.energy(W, s),
    "sync_step": lambda s: hl.sync_step(W, s),
    "async_sweep": lambda s: hl.async_sweep(W, s, rng=0),
    "recall": lambda s: hl.recall(W, s, rng=0),
    "local_field": lambda s: hl.local_field(W, s),
    "dense_step": lambda s: hl.dense_step(XI, s),
    "dense_energy": lambda s: hl.dense_energy(XI, s),
    "corrupt": lambda s: hl.corrupt(s, 0.1, rng=0),
}
PATTERN_FUNCS = {
    "hebbian": hl.hebbian,
    "storkey": hl.storkey,
    "pseudo_inverse": hl.pseudo_inverse,
    "dense_step": lambda p: hl.dense_step(p, S),
}
W_FUNCS = {
    "energy": lambda w: hl.energy(w, S),
    "sync_step": lambda w: hl.sync_step(w, S),
    "async_sweep": lambda w: hl.async_sweep(w, S, rng=0),
    "recall": lambda w: hl.recall(w, S, rng=0),
}


@pytest.mark.parametrize("name", STATE_FUNCS)
@pytest.mark.parametrize("bad,error,text", [
    (np.array([1, 0, 1, -1, 1, 1]), ValueError, "-1 or \\+1"),
    (np.array([1, 2, 1, -1, 1, 1]), ValueError, "-1 or \\+1"),
    (np.array([1, np.nan, 1, -1, 1, 1]), ValueError, "finite"),
    (np.ones((2, 3, N)), ValueError, "shape \\(2, 3, 6\\)"),
    (np.array([], dtype=float), ValueError, "non-empty"),
    (np.array([True] * N), TypeError, "real numeric"),
    ("state", TypeError, "numeric array"),
    (None, TypeError, "numeric array"),
])
def test_bad_state(name, bad, error, text):
    with pytest.raises(error, match=text):
        STATE_FUNCS[name](bad)


@pytest.mark.parametrize("name", [n for n in STATE_FUNCS if n != "corrupt"])
def test_state_of_wrong_length(name):
    with pytest.raises(ValueError, match="expected 6 neurons"):
        STATE_FUNCS[name](np.ones(N + 1))


def test_zero_one_values_get_a_conversion_hint():
    with pytest.raises(ValueError, match="2 \\* x - 1"):
        hl.energy(W, np.array([1, 0, 1, 0, 1, 1]))


@pytest.mark.parametrize("name", PATTERN_FUNCS)
@pytest.mark.parametrize("bad,error,text", [
    (np.ones(N), ValueError, "shape \\(P, N\\)"),  # one pattern, not 2-D
    (np.zeros((0, N)), ValueError, "non-empty"),
    (np.full((2, N), 0.5), ValueError, "-1 or \\+1"),
    (np.full((2, N), np.nan), ValueError, "finite"),
    ([[1, -1], [1]], TypeError, "numeric array"),
])
def test_bad_patterns(name, bad, error, text):
    with pytest.raises(error, match=text):
        PATTERN_FUNCS[name](bad)


@pytest.mark.parametrize("name", W_FUNCS)
@pytest.mark.parametrize("bad,text", [
    (np.ones((N, N + 1)), "square"),
    (np.ones((N + 1, N + 1)), "expected 7 neurons"),
    (np.ones(N), "2-D"),
    (np.full((N, N), np.inf), "finite"),
])
def test_bad_weights(name, bad, text):
    with pytest.raises(ValueError, match=text):
        W_FUNCS[name](bad)


@pytest.mark.parametrize("theta,text", [(np.ones(N + 1), "shape \\(6,\\)"), (np.nan, "finite"), (np.ones((N, 1)), "scalar or")])
def test_bad_theta(theta, text):
    with pytest.raises(ValueError, match=text):
        hl.sync_step(W, S, theta)


@pytest.mark.parametrize("kwargs,error,text", [
    ({"mode": "parallel"}, ValueError, "one of \\('async', 'sync'\\)"),
    ({"max_sweeps": 0}, ValueError, ">= 1"),
    ({"max_sweeps": 2.5}, TypeError, "int"),
    ({"rng": "seed"}, TypeError, "Generator"),
    ({"rng": -1}, ValueError, "non-negative"),
])
def test_bad_recall_options(kwargs, error, text):
    with pytest.raises(error, match=text):
        hl.recall(W, S, **kwargs)


@pytest.mark.parametrize("args,error,text", [
    ((0, 5), ValueError, ">= 1"),
    ((2, 0), ValueError, ">= 1"),
    ((2.0, 5), TypeError, "int"),
])
def test_bad_random_patterns(args, error, text):
    with pytest.raises(error, match=text):
        hl.random_patterns(*args)


def test_overlap_bad_input():
    with pytest.raises(ValueError, match="finite"):
        hl.overlap(np.array([1.0, np.nan]), np.ones(2))
    with pytest.raises(ValueError, match="2-D"):
        hl.overlap(np.ones((2, 2, 2)), np.ones(2))


def test_modern_bad_input():
    X = np.eye(3)
    with pytest.raises(ValueError, match="expected 3 neurons"):
        hl.modern_update(X, np.ones(4))
    with pytest.raises(ValueError, match="2-D"):
        hl.modern_energy(np.ones(3), np.ones(3))
    with pytest.raises(ValueError, match="key dimension"):
        hl.attention(np.ones((2, 3)), np.ones((2, 4)), np.ones((2, 4)))
    with pytest.raises(ValueError, match="one value per key"):
        hl.attention(np.ones((2, 3)), np.ones((2, 3)), np.ones((5, 4)))


def test_no_silent_broadcast_of_batch_against_weights():
    # A (B, N) batch where N does not match W must fail, not broadcast.
    with pytest.raises(ValueError, match="expected 6 neurons"):
        hl.sync_step(W, np.ones((N, 3)))
