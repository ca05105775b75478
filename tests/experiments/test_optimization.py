"""Max-cut as an Ising problem and exhaustive minimisation."""

import itertools

import numpy as np
import pytest

import hopfield_lib as hl
from hopfield_lib.experiments import optimization as opt
from conftest import random_symmetric


def test_random_graph_is_simple_and_seeded():
    A = opt.random_graph(12, 0.4, rng=1)
    assert np.array_equal(A, A.T) and np.all(np.diag(A) == 0) and set(np.unique(A)) <= {0.0, 1.0}
    assert np.array_equal(A, opt.random_graph(12, 0.4, rng=1))
    assert opt.random_graph(5, 0.0, rng=0).sum() == 0 and opt.random_graph(5, 1.0, rng=0).sum() == 20


def test_cut_value_by_hand_and_batch():
    A = opt.random_graph(7, 0.5, rng=2)
    states = hl.all_states(7)
    cuts = opt.cut_value(A, states)
    for s, c in zip(states[::9], cuts[::9]):
        by_hand = sum(A[i, j] for i, j in itertools.combinations(range(7), 2) if s[i] != s[j])
        assert c == by_hand
    assert opt.cut_value(A, states[3]) == cuts[3]


def test_energy_cut_relation():
    A = opt.random_graph(9, 0.5, rng=3) * np.random.default_rng(0).uniform(0.5, 2.0, (9, 9))
    A = np.triu(A, 1) + np.triu(A, 1).T  # weighted, symmetric
    s = hl.random_patterns(20, 9, rng=4)
    E = hl.energy(opt.maxcut_weights(A), s)
    assert np.allclose(E, A.sum() / 2 - 2 * opt.cut_value(A, s))
    assert np.allclose(opt.cut_from_energy(A, E), opt.cut_value(A, s))


def test_exhaustive_minimum_matches_all_states(rng):
    W = random_symmetric(10, rng)
    theta = rng.normal(size=10)
    res = opt.exhaustive_minimum(W, theta)
    direct = hl.energy(W, hl.all_states(10), theta)
    assert np.allclose(res.energies, direct)
    assert np.isclose(res.minimum, direct.min())
    assert len(res.ground_states) == 1  # a random theta breaks the s -> -s symmetry
    assert np.isclose(hl.energy(W, res.ground_states[0], theta), direct.min())


def test_exhaustive_minimum_blocks_beyond_65536_states():
    A = opt.random_graph(17, 0.3, rng=5)
    res = opt.exhaustive_minimum(-A)
    assert res.energies.shape == (2**17,)
    k = 2**16 + 12345
    s = hl.all_states(17)[k]
    assert np.isclose(res.energies[k], hl.energy(-A, s))


def test_best_cut_small_graphs():
    square = np.array([[0, 1, 0, 1], [1, 0, 1, 0], [0, 1, 0, 1], [1, 0, 1, 0.0]])  # bipartite: all 4 cut
    res = opt.best_cut(square)
    assert res.value == 4.0 and len(res.partitions) == 2
    assert np.all(opt.cut_value(square, res.partitions) == 4.0)
    k5 = np.ones((5, 5)) - np.eye(5)  # complete graph K5: best cut 2 * 3 = 6
    assert opt.best_cut(k5).value == 6.0


def test_descent_never_beats_the_exhaustive_optimum():
    A = opt.random_graph(14, 0.35, rng=6)
    best = opt.best_cut(A).value
    res = hl.recall(opt.maxcut_weights(A), hl.random_patterns(50, 14, rng=7), rng=8)
    cuts = opt.cut_value(A, res.state)
    assert np.all(cuts <= best) and cuts.max() == best


@pytest.mark.parametrize("bad,text", [
    (np.array([[0, 1], [0, 0.0]]), "symmetric"),
    (np.array([[1, 1], [1, 0.0]]), "zero diagonal"),
    (np.array([[0, -1], [-1, 0.0]]), "non-negative"),
])
def test_bad_adjacency(bad, text):
    with pytest.raises(ValueError, match=text):
        opt.cut_value(bad, np.array([1, -1]))


def test_exhaustive_refuses_large_n():
    with pytest.raises(ValueError, match="N <="):
        opt.exhaustive_minimum(np.zeros((opt.MAX_EXHAUSTIVE + 1,) * 2))


def test_spectral_partition_is_a_partition_and_beats_random():
    A = opt.random_graph(16, 0.3, rng=9)
    s = opt.spectral_partition(A)
    assert set(np.unique(s)) <= {-1.0, 1.0} and s.shape == (16,)
    assert opt.cut_value(A, s) > A.sum() / 4  # better than a random partition's M/2


def test_draw_partition_returns_axes():
    import matplotlib.pyplot as plt

    A = opt.random_graph(6, 0.5, rng=0)
    ax = opt.draw_partition(A, np.array([1, -1, 1, -1, 1, -1]))
    assert ax.get_title().startswith("cut")
    plt.close(ax.figure)
