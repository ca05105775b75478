"""Sequences and hetero-association: hopfield_lib.sequences."""

import numpy as np
import pytest

import hopfield_lib as hl
from hopfield_lib.experiments import sequences


def sequence_weights_by_hand(xi, cyclic):
    P, N = xi.shape
    W = np.zeros((N, N))
    for mu in range(P if cyclic else P - 1):
        nxt = xi[(mu + 1) % P]
        for i in range(N):
            for j in range(N):
                W[i, j] += nxt[i] * xi[mu, j] / N
    return W


@pytest.mark.parametrize("cyclic", [False, True])
def test_sequence_weights_match_definition(cyclic):
    xi = hl.random_patterns(4, 9, rng=0)
    assert np.allclose(sequences.sequence_weights(xi, cyclic=cyclic), sequence_weights_by_hand(xi, cyclic))


def test_sequence_weights_edge_cases():
    xi = hl.random_patterns(1, 6, rng=1)
    assert np.array_equal(sequences.sequence_weights(xi), np.zeros((6, 6)))          # no step to store
    assert np.allclose(sequences.sequence_weights(xi, cyclic=True), np.outer(xi[0], xi[0]) / 6)
    two = hl.random_patterns(2, 5, rng=2)
    W = sequences.sequence_weights(two, cyclic=True)
    assert np.allclose(W, (np.outer(two[1], two[0]) + np.outer(two[0], two[1])) / 5)  # 2-cycle: symmetric
    assert sequences.sequence_weights(np.array([[1], [-1]])).shape == (1, 1)


def test_projection_rule_maps_each_pattern_exactly_to_the_next():
    xi = hl.letters.letters("HOPFIELD")  # strongly correlated letters
    for cyclic in (False, True):
        W = sequences.sequence_weights(xi, cyclic=cyclic, rule="projection")
        targets = np.roll(xi, -1, axis=0) if cyclic else xi[1:]
        sources = xi if cyclic else xi[:-1]
        assert np.allclose(sources @ W.T, targets, atol=1e-10)


def test_hebbian_sequence_fails_on_correlated_letters_but_projection_works():
    xi = hl.letters.letters("HOPFIELD")
    for rule, expected in (("hebb", False), ("projection", True)):
        W = sequences.sequence_weights(xi, cyclic=True, rule=rule)
        states = sequences.sequence_recall(W, xi[0], steps=16)
        ok = all(np.array_equal(states[t], xi[t % 8]) for t in range(17))
        assert ok is expected


@pytest.mark.parametrize("bad, kwargs, match", [
    (np.array([[1, 0], [1, 1]]), {}, "-1 or \\+1"),
    (np.ones((2, 3)), {"rule": "storkey"}, "rule"),
    (np.ones((2, 3)), {"cyclic": 1}, "cyclic"),
    (np.ones(3), {}, "2-D"),
])
def test_sequence_weights_errors(bad, kwargs, match):
    with pytest.raises((ValueError, TypeError), match=match):
        sequences.sequence_weights(bad, **kwargs)


def test_sequence_recall_steps_through_random_patterns():
    xi = hl.random_patterns(6, 300, rng=3)
    W = sequences.sequence_weights(xi, cyclic=True)
    states = sequences.sequence_recall(W, xi[2], steps=12)
    assert states.shape == (13, 300)
    assert sequences.pattern_labels(states, xi).tolist() == [(2 + t) % 6 for t in range(13)]


def test_sequence_recall_without_wrap_around_leaves_the_sequence():
    xi = hl.random_patterns(4, 300, rng=4)
    states = sequences.sequence_recall(sequences.sequence_weights(xi), xi[0], steps=5)
    labels = sequences.pattern_labels(states, xi)
    assert labels[:4].tolist() == [0, 1, 2, 3] and labels[4] == -1   # the last pattern has no successor


def test_sequence_recall_batch_ties_and_steps_zero():
    xi = hl.random_patterns(3, 50, rng=5)
    W = sequences.sequence_weights(xi, cyclic=True)
    batch = sequences.sequence_recall(W, xi, steps=4)
    assert batch.shape == (5, 3, 50)
    for b in range(3):
        assert np.array_equal(batch[:, b], sequences.sequence_recall(W, xi[b], steps=4))
    assert np.array_equal(sequences.sequence_recall(np.zeros((4, 4)), np.array([1, -1, 1, -1]), steps=2),
                          np.tile([1, -1, 1, -1], (3, 1)))  # zero field: every neuron keeps its value
    assert sequences.sequence_recall(W, xi[0], steps=0).shape == (1, 50)
    assert sequences.sequence_recall(W, xi[0].astype(int), steps=1).dtype.kind == "i"


def test_slow_fast_recall_dwell_time_equals_delay():
    xi = hl.random_patterns(5, 300, rng=6)
    fast, slow = hl.hebbian(xi), sequences.sequence_weights(xi, cyclic=True)
    for delay in (1, 2, 4, 7):
        states = sequences.slow_fast_recall(fast, slow, xi[0], lam=2.0, delay=delay, sweeps=6 * delay, rng=delay)
        runs, lengths = sequences.dwell_times(sequences.pattern_labels(states, xi))
        assert runs == [k % 5 for k in range(len(runs))]
        assert all(length == delay for length in lengths[:-1])


def test_slow_fast_recall_needs_lambda_above_one():
    xi = hl.random_patterns(4, 300, rng=7)
    fast, slow = hl.hebbian(xi), sequences.sequence_weights(xi, cyclic=True)
    stay = sequences.slow_fast_recall(fast, slow, xi[0], lam=0.6, delay=2, sweeps=10, rng=0)
    assert np.all(sequences.pattern_labels(stay, xi) == 0)
    move = sequences.slow_fast_recall(fast, slow, xi[0], lam=1.5, delay=2, sweeps=10, rng=0)
    assert sequences.dwell_times(sequences.pattern_labels(move, xi))[0][:4] == [0, 1, 2, 3]


def test_slow_fast_recall_batch_matches_single_and_sync_mode():
    xi = hl.random_patterns(3, 120, rng=8)
    fast, slow = hl.hebbian(xi), sequences.sequence_weights(xi, cyclic=True)
    probes = hl.corrupt(xi, 0.05, rng=9)
    batch = sequences.slow_fast_recall(fast, slow, probes, lam=2.0, delay=3, sweeps=9, rng=10)
    assert batch.shape == (10, 3, 120)
    for b in range(3):  # the same seed gives the same update orders
        single = sequences.slow_fast_recall(fast, slow, probes[b], lam=2.0, delay=3, sweeps=9, rng=10)
        assert np.array_equal(single, batch[:, b])
    sync = sequences.slow_fast_recall(fast, slow, xi[0], lam=2.0, delay=2, sweeps=6, mode="sync")
    assert sequences.pattern_labels(sync, xi).tolist() == [0, 0, 1, 1, 2, 2, 0]


def test_async_sequence_weights_alone_mix_the_sequence():
    """Without the fast symmetric term, asynchronous updates lose the sequence."""
    xi = hl.letters.letters("HOPFIELD")
    W = sequences.sequence_weights(xi, cyclic=True, rule="projection")
    res = hl.recall(W, xi[0], mode="async", max_sweeps=30, rng=0)
    labels = sequences.pattern_labels(res.states, xi, min_overlap=0.99)
    assert np.sum(labels[1:] >= 0) <= 2


@pytest.mark.parametrize("kwargs, match", [
    ({"delay": 0}, "delay"), ({"sweeps": -1}, "sweeps"), ({"mode": "fast"}, "mode"), ({"lam": "big"}, "lam"),
])
def test_slow_fast_recall_errors(kwargs, match):
    xi = hl.random_patterns(2, 6, rng=0)
    with pytest.raises((ValueError, TypeError), match=match):
        sequences.slow_fast_recall(hl.hebbian(xi), sequences.sequence_weights(xi), xi[0], **kwargs)
    with pytest.raises(ValueError, match="same shape"):
        sequences.slow_fast_recall(np.eye(6), np.eye(5), xi[0])


def test_pattern_labels_and_dwell_times():
    xi = np.array([[1, 1, -1, -1], [1, -1, 1, -1]])
    states = np.array([[[1, 1, -1, -1], [1, -1, 1, 1]], [[1, -1, 1, -1], [-1, -1, -1, -1]]])
    assert sequences.pattern_labels(states, xi).tolist() == [[0, -1], [1, -1]]
    assert sequences.pattern_labels(states, xi, min_overlap=0.5).tolist() == [[0, 1], [1, -1]]
    assert sequences.dwell_times([3]) == ([3], [1])
    with pytest.raises(ValueError, match="non-empty"):
        sequences.dwell_times([])


def test_hetero_recall_maps_pairs_also_from_noisy_cues():
    inputs, outputs = hl.letters.letters("CAT"), hl.letters.letters("DOG")
    W = hl.rules.hetero_hebbian(inputs, outputs)
    assert W.shape == (100, 100)
    assert np.array_equal(sequences.hetero_recall(W, inputs), outputs)
    cues = hl.corrupt(np.repeat(inputs, 20, axis=0), 0.1, rng=11)
    assert np.array_equal(sequences.hetero_recall(W, cues), np.repeat(outputs, 20, axis=0))


def test_hetero_recall_shapes_and_ties():
    W = np.array([[1.0, -1.0], [0.0, 0.0], [-1.0, -1.0]])  # (N_out = 3, N_in = 2)
    assert sequences.hetero_recall(W, np.array([1, 1])).tolist() == [1.0, 1.0, -1.0]  # ties give +1
    assert sequences.hetero_recall(W, np.array([[1, -1], [-1, 1]])).shape == (2, 3)
    with pytest.raises(ValueError, match="N_out, N_in"):
        sequences.hetero_recall(W, np.array([1, 1, 1]))


def test_spell():
    xi = hl.letters.letters("NEXT")
    W = sequences.sequence_weights(xi, cyclic=True)
    assert sequences.spell(sequences.sequence_recall(W, xi[0], steps=5), xi, "NEXT") == "NEXTNE"
    assert sequences.spell(np.array([xi[1], -xi[1]]), xi, ["n", "e", "x", "t"]) == "e?"
    with pytest.raises(ValueError, match="names"):
        sequences.spell(xi, xi, "NEX")
    with pytest.raises(ValueError, match="one trajectory"):
        sequences.spell(np.stack([xi, xi]), xi, "NEXT")


def test_count_transitions():
    xi = hl.random_patterns(3, 200, rng=20)
    W = sequences.sequence_weights(xi, cyclic=True)
    assert sequences.count_transitions(sequences.sequence_recall(W, xi[0], steps=7), xi) == 7
    assert sequences.count_transitions(np.array([xi[0], -xi[0], xi[0]]), xi) == 0  # a detour is no transition
    with pytest.raises(ValueError, match="one trajectory"):
        sequences.count_transitions(np.stack([xi, xi]), xi)
