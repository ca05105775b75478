"""Dense associative memories: the field, recall, rectified F, theory and capacity experiments."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hopfield_lib as hl
from hopfield_lib import dense
from hopfield_lib.experiments import capacity, dense_capacity


def field_by_hand(xi, s, F):
    n = len(s)
    h = np.zeros(n)
    for i in range(n):
        for x in xi:
            rest = sum(x[j] * s[j] for j in range(n) if j != i)
            h[i] += F(x[i] + rest) - F(-x[i] + rest)
    return h


@pytest.mark.parametrize("n", [2, 3, 4, 5])
@pytest.mark.parametrize("rectified", [False, True])
def test_dense_field_matches_definition(n, rectified):
    F = (lambda x: max(x, 0) ** n) if rectified else (lambda x: x**n)
    xi = hl.random_patterns(7, 9, rng=n)
    S = hl.random_patterns(4, 9, rng=10 + n)
    h = dense.dense_field(xi, S, n=n, rectified=rectified)
    for b in range(4):
        assert np.allclose(h[b], field_by_hand(xi, S[b], F))


def test_dense_field_exp_is_positively_scaled():
    xi = hl.random_patterns(6, 8, rng=0)
    S = hl.random_patterns(3, 8, rng=1)
    h = dense.dense_field(xi, S, n="exp")
    for b in range(3):
        exact = field_by_hand(xi, S[b], np.exp)
        scale = exact / h[b]
        assert np.allclose(scale, scale[0]) and scale[0] > 0


def test_dense_field_chunking_does_not_change_result(monkeypatch):
    xi = hl.random_patterns(50, 12, rng=2)
    S = hl.random_patterns(5, 12, rng=3)
    whole = {n: dense.dense_field(xi, S, n=n) for n in (3, "exp")}
    monkeypatch.setattr(dense, "_CHUNK_ELEMENTS", 7)  # chunks of one pattern
    for n in (3, "exp"):
        assert np.allclose(dense.dense_field(xi, S, n=n), whole[n])


def test_exp_no_overflow_at_large_n():
    xi = hl.random_patterns(20, 1500, rng=4)
    probes = hl.corrupt(xi[:3], 0.3, rng=5)
    with np.errstate(over="raise", invalid="raise"):
        out = hl.dense_step(xi, probes, n="exp")
    assert np.array_equal(out, xi[:3])


def test_rectified_step_and_energy():
    xi = hl.random_patterns(5, 20, rng=6)
    s = xi[1]
    assert np.isclose(hl.dense_energy(xi, s, n=3, rectified=True), -np.sum(np.maximum(xi @ s, 0) ** 3))
    # a reversed pattern is a fixed point of F = x**4 but not of the rectified F
    assert np.array_equal(hl.dense_step(xi, -s, n=4), -s)
    assert not np.array_equal(hl.dense_step(xi, -s, n=4, rectified=True), -s)


def test_interaction():
    x = np.array([-2.0, 0.0, 1.5])
    assert np.allclose(dense.interaction(x, n=2), x**2)
    assert np.allclose(dense.interaction(x, n="exp"), np.exp(x))
    assert np.allclose(dense.interaction(x, n=3, rectified=True), [0.0, 0.0, 1.5**3])


# ---------------------------------------------------------------- recall

def test_dense_recall_sync_matches_repeated_steps():
    xi = hl.random_patterns(60, 25, rng=7)
    probes = hl.corrupt(xi[:6], n_flips=6, rng=8)
    res = dense.dense_recall(xi, probes, n=3, mode="sync")
    for b in range(6):  # a row stops at its fixed point or 2-cycle and repeats its state after that
        s = probes[b].copy()
        for t in range(1, res.sweeps[b] + 1):
            s = hl.dense_step(xi, s, n=3)
            assert np.array_equal(res.states[t, b], s)
        assert np.array_equal(res.state[b], s)
    assert np.allclose(res.energies, hl.dense_energy(xi, res.states.reshape(-1, 25), n=3).reshape(res.energies.shape))


def test_dense_recall_n2_sync_equals_classical_recall():
    xi = hl.random_patterns(8, 60, rng=9)
    probes = hl.corrupt(xi, 0.2, rng=10)
    dense_res = dense.dense_recall(xi, probes, n=2, mode="sync")
    classic = hl.recall(hl.hebbian(xi), probes, mode="sync")
    assert np.array_equal(dense_res.state, classic.state)
    assert np.array_equal(dense_res.converged, classic.converged)


def test_dense_recall_detects_two_cycle():
    pattern = np.array([[1.0, -1.0]])  # n = 2: from [1, 1] both neurons flip at once, and back
    res = dense.dense_recall(pattern, np.array([1.0, 1.0]), n=2, mode="sync")
    assert res.converged is False and res.sweeps == 2
    assert res.states[1].tolist() == [-1.0, -1.0]


@given(seed=st.integers(0, 10_000), n=st.sampled_from([2, 3, 4, "exp"]), N=st.integers(2, 25),
       P=st.integers(1, 40), rectified=st.booleans())
@settings(max_examples=60, deadline=None)
def test_async_energy_never_rises(seed, n, N, P, rectified):
    rng = np.random.default_rng(seed)
    xi = hl.random_patterns(P, N, rng=rng)
    probes = hl.random_patterns(3, N, rng=rng)
    res = dense.dense_recall(xi, probes, n=n, mode="async", rng=rng, rectified=rectified)
    e = res.energies
    assert np.all(np.diff(e, axis=0) <= 1e-9 * (1 + np.abs(e[:-1])))
    assert np.all(res.converged)


def test_async_single_sweep_updates_in_order():
    """Each neuron sees the neurons updated before it (compared with a by-hand sweep)."""
    xi = hl.random_patterns(10, 8, rng=11)
    s0 = hl.random_patterns(1, 8, rng=12)[0]
    order = np.random.default_rng(13).permutation(8)
    s = s0.copy()
    for i in order:
        h = field_by_hand(xi, s, lambda x: x**3)[i]
        if h != 0:
            s[i] = np.sign(h)
    out = dense._async_sweep(xi, s0[None, :].astype(float), order, 3, False)[0]
    assert np.array_equal(out, s)


def test_dense_recall_bad_arguments():
    xi = hl.random_patterns(3, 5, rng=0)
    with pytest.raises(ValueError, match="mode"):
        dense.dense_recall(xi, xi[0], mode="parallel")
    with pytest.raises(ValueError, match=">= 1"):
        dense.dense_recall(xi, xi[0], max_steps=0)


# ---------------------------------------------------------------- theory

def test_double_factorial():
    assert [dense_capacity.double_factorial(k) for k in range(-1, 8)] == [1, 1, 1, 2, 3, 8, 15, 48, 105]
    with pytest.raises(ValueError):
        dense_capacity.double_factorial(-3)


@pytest.mark.parametrize("n", [2, 3, 4])
def test_signal_and_crosstalk_against_sampling(n):
    N = 30
    rng = np.random.default_rng(n)
    r = rng.choice([-1.0, 1.0], size=(200_000, N - 1)).sum(axis=1)
    D = (r + 1) ** n - (r - 1) ** n
    signal, var = dense_capacity.signal_and_crosstalk(n, N)
    assert signal == N**n - (N - 2) ** n
    assert np.isclose(var, np.mean(D**2), rtol=0.02)
    # the large-N form 4 n^2 (2n-3)!! N^(n-1) is close already
    assert np.isclose(var, 4 * n**2 * dense_capacity.double_factorial(2 * n - 3) * N ** (n - 1), rtol=0.25)


def test_gaussian_error_rate_classical_limit():
    N, P = 500, 50
    rate = dense_capacity.dense_gaussian_error_rate(2, N, P)
    assert np.isclose(rate, capacity.gaussian_error_rate((P - 1) / (N - 1)))
    assert dense_capacity.dense_gaussian_error_rate(3, 40, np.array([10, 100])).shape == (2,)


def test_measured_bit_error_rate_matches_gaussian_estimate():
    curve = dense_capacity.stable_fraction_curve(3, 40, [150, 300], n_probes=150, trials=2, rng=0)
    predicted = dense_capacity.dense_gaussian_error_rate(3, 40, np.array([150, 300]))
    assert np.allclose(curve.bit_errors, predicted, rtol=0.3)


def test_capacity_formulas():
    assert np.isclose(dense_capacity.krotov_hopfield_capacity(2, 1000), capacity.mceliece_capacity(1000))
    assert np.isclose(dense_capacity.krotov_hopfield_capacity(4, 50), 50**3 / (2 * 15 * np.log(50)))
    assert np.isclose(dense_capacity.demircigil_capacity(40), 2.0**20)
    with pytest.raises(ValueError, match="demircigil"):
        dense_capacity.krotov_hopfield_capacity("exp", 30)


# ---------------------------------------------------------------- capacity experiments

def test_stable_fraction_curve_matches_direct_dense_step():
    """The cumulative-sum shortcut gives exactly what dense_step says, pattern set by pattern set."""
    ps = [4, 30, 90]
    for n in (3, "exp"):
        curve = dense_capacity.stable_fraction_curve(n, 16, ps, n_probes=10, trials=1, rng=3)
        xi = np.where(np.random.default_rng(3).random((90, 16)) < 0.5, -1.0, 1.0)
        for k, p in enumerate(ps):
            probes = xi[:min(10, p)]
            out = hl.dense_step(xi[:p], probes, n=n)
            assert np.isclose(curve.stable[k], np.mean(np.all(out == probes, axis=1)))
            assert curve.tested[k] == min(10, p)


def test_measure_capacity_tracks_the_gaussian_prediction():
    for n, N in ((2, 60), (3, 30)):
        curve = dense_capacity.measure_capacity(n, N, n_probes=60, trials=8, rng=1)
        predicted = dense_capacity.predicted_capacity(n, N)
        assert 0.7 < curve.capacity / predicted < 1.4


def test_capacity_grows_faster_with_larger_n():
    caps = [dense_capacity.measure_capacity(n, 30, n_probes=50, trials=4, rng=2).capacity for n in (2, 3, 4)]
    assert caps[0] < caps[1] < caps[2]
    assert caps[2] > 5 * 30  # far more patterns than neurons


def test_crossing_interpolation():
    c = dense_capacity.CapacityCurve(3, 20, [10, 100], [1.0, 0.0], [0.0, 0.1], [5, 5])
    assert c.capacity == pytest.approx(np.sqrt(1000))  # halfway in log P
    for stable in ([1.0, 0.9], [0.2, 0.1]):  # never below, below at once: not bracketed
        c = dense_capacity.CapacityCurve(3, 20, [10, 100], stable, [0.0, 0.1], [5, 5])
        assert np.isnan(c.capacity) and "not bracketed" in repr(c)
