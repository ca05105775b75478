"""The fast engines (hopfield_lib.experiments._fast) equal the plain library functions, bit for bit.

Each engine is run on hundreds of random cases (sizes where ties are frequent: small N, even P)
against the plain implementation with the same update orders.
"""

import numpy as np
import pytest

import hopfield_lib as hl
from hopfield_lib import dense
from hopfield_lib.experiments import _fast
from hopfield_lib.experiments.trajectories import async_trajectory, sweep_orders
from hopfield_lib.measure import one_step_flips

SEEDS = range(250)


def _case(seed):
    """A random Hebbian problem: P in 1..15 patterns of N in 5..40 neurons (odd and even, many ties)."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 41))
    p = int(rng.integers(1, 16))
    return rng, hl.random_patterns(p, n, rng=rng)


def test_hebbian_fields_equal_the_local_field_of_hebbs_rule():
    for seed in SEEDS:
        _, xi = _case(seed)
        n = xi.shape[1]
        assert np.array_equal(_fast.hebbian_fields(xi) / n, hl.local_field(hl.hebbian(xi), xi)), seed


def test_stability_prefixes_equal_one_step_flips_for_every_prefix():
    for seed in range(120):
        _, xi = _case(seed)
        stable = _fast.stability_prefixes(xi)
        for p in range(1, xi.shape[0] + 1):
            ok = ~one_step_flips(hl.hebbian(xi[:p]), xi[:p]).any(axis=1)
            assert np.array_equal(stable[p - 1, :p], ok), (seed, p)
            assert not stable[p - 1, p:].any()


def test_hebbian_recall_many_equals_recall_for_one_network():
    for seed in SEEDS:
        rng, xi = _case(seed)
        probes = hl.corrupt(xi, float(rng.uniform(0, 0.5)), rng=rng)
        out = _fast.hebbian_recall_many(xi, probes, max_sweeps=30, rng=seed)
        ref = hl.recall(hl.hebbian(xi), probes, max_sweeps=30, rng=seed)
        assert np.array_equal(out.states[0], ref.state), seed
        assert np.array_equal(out.converged[0], ref.converged), seed
        assert np.array_equal(out.sweeps[0], ref.sweeps), seed
        assert np.allclose(out.overlaps[0], np.mean(out.states[0] * probes, axis=1))


def test_hebbian_recall_many_equals_recall_network_by_network():
    # several networks share the sweep orders: each equals hl.recall with the same generator
    for seed in range(40):
        rng = np.random.default_rng(seed)
        n = int(rng.integers(8, 40))
        sets = [hl.random_patterns(int(rng.integers(1, 12)), n, rng=rng) for _ in range(3)]
        probes = [hl.corrupt(x, 0.3, rng=rng) for x in sets]
        out = _fast.hebbian_recall_many(sets, probes, max_sweeps=25, rng=seed)
        for k, (x, pr) in enumerate(zip(sets, probes)):
            ref = hl.recall(hl.hebbian(x), pr, max_sweeps=25, rng=seed)
            assert np.array_equal(out.states[k], ref.state), (seed, k)


def test_hebbian_recall_many_several_networks_end_in_fixed_points():
    sets = [hl.random_patterns(p, 50, rng=p) for p in (2, 5, 12)]
    out = _fast.hebbian_recall_many(sets, max_sweeps=100, rng=0)
    assert [s.shape for s in out.states] == [(2, 50), (5, 50), (12, 50)]
    for xi, final, conv in zip(sets, out.states, out.converged):
        assert conv.all()
        assert not one_step_flips(hl.hebbian(xi), final).any()  # every final state is a fixed point
    assert np.all(out.overlaps[0] == 1.0) and np.all(out.overlaps[1] == 1.0)


def test_hebbian_recall_many_is_seeded_and_validates():
    sets = [hl.random_patterns(20, 60, rng=1), hl.random_patterns(30, 60, rng=2)]
    a = _fast.hebbian_recall_many(sets, max_sweeps=20, rng=5)
    b = _fast.hebbian_recall_many(sets, max_sweeps=20, rng=5)
    assert all(np.array_equal(x, y) for x, y in zip(a.states, b.states))
    with pytest.raises(ValueError, match="neurons"):
        _fast.hebbian_recall_many([hl.random_patterns(3, 10, rng=0), hl.random_patterns(3, 11, rng=0)])
    with pytest.raises(ValueError, match="one \\(B, N\\) array per network"):
        _fast.hebbian_recall_many(sets, [sets[0]])
    with pytest.raises(ValueError, match="max_sweeps"):
        _fast.hebbian_recall_many(sets, max_sweeps=0)
    with pytest.raises(ValueError):
        _fast.hebbian_recall_many([])


@pytest.mark.parametrize("n", [2, 3, 4, "exp"])
def test_dense_prefix_fields_equal_dense_field(n):
    for seed in range(50):
        rng = np.random.default_rng(seed)
        N = int(rng.integers(4, 16))
        xi = hl.random_patterns(int(rng.integers(4, 40)), N, rng=rng)
        ps = np.unique(rng.integers(1, xi.shape[0] + 1, size=3))
        probes = xi[:3]
        for p, field in _fast.dense_prefix_fields(xi, probes, ps, n, False):
            ref = dense.dense_field(xi[:p], probes, n=n)
            if n == "exp":  # the same field up to a positive factor per probe: the same signs
                clear = np.abs(ref) > 1e-9 * np.abs(ref).max(axis=1, keepdims=True)
                assert np.array_equal(np.sign(field)[clear], np.sign(ref)[clear]), (seed, p)
            else:
                assert np.array_equal(field, ref), (seed, p)


def test_async_trajectory_and_recall_agree_on_3000_small_hebbian_networks():
    """The tie rule is one definition: single updates (trajectories) and sweeps (recall) end in the same state.

    Issue 15 found 42 of 3,000 such networks ending differently when async_trajectory compared the
    field with exactly 0 and recall used the tie tolerance.
    """
    differ = 0
    for seed in range(3000):
        rng = np.random.default_rng(seed)
        n = int(rng.integers(3, 13))
        xi = hl.random_patterns(int(rng.integers(1, 5)), n, rng=rng)
        W = hl.hebbian(xi)
        s0 = hl.random_patterns(1, n, rng=rng)[0]
        res = hl.recall(W, s0, max_sweeps=6, rng=seed)
        tr = async_trajectory(W, s0, sweep_orders(n, res.sweeps, rng=seed))
        differ += not np.array_equal(tr.states[-1], res.state)
    assert differ == 0
