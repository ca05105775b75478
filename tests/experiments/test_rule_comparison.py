"""hopfield_lib.rule_comparison: the experiments behind lecture 8."""

import numpy as np
import pytest

import hopfield_lib as hl
from hopfield_lib.experiments import rule_comparison as rc


def test_biased_patterns_statistics_and_errors():
    xi = rc.biased_patterns(400, 500, -0.5, rng=0)
    assert xi.shape == (400, 500)
    assert set(np.unique(xi)) == {-1.0, 1.0}
    assert abs(xi.mean() + 0.5) < 0.01
    assert np.array_equal(rc.biased_patterns(3, 20, 0.0, rng=5), rc.biased_patterns(3, 20, rng=5))
    with pytest.raises(ValueError, match=r"mean_activity: expected a number in \(-1, 1\), got 1.0"):
        rc.biased_patterns(2, 5, 1.0)
    with pytest.raises(ValueError):
        rc.biased_patterns(2, 5, 1.5)
    with pytest.raises(TypeError):
        rc.biased_patterns(2.5, 5)


def test_draw_patterns_prefix_and_distinct_sizes():
    a = rc.draw_patterns(10, 50, rng=3)
    assert np.array_equal(a[:4], rc.draw_patterns(4, 50, rng=3))
    assert not np.array_equal(rc.draw_patterns(4, 50, rng=3), rc.draw_patterns(4, 50, rng=4))
    assert np.array_equal(a, rc.biased_patterns(10, 50, rng=np.random.default_rng([3, 50])))
    gen = np.random.default_rng(0)
    assert np.array_equal(rc.draw_patterns(3, 50, rng=gen), rc.biased_patterns(3, 50, rng=np.random.default_rng(0)))


@pytest.mark.parametrize("rule", [hl.hebbian, hl.storkey, hl.pseudo_inverse])
def test_weights_for_counts_match_the_rule(rule):
    xi = rc.draw_patterns(9, 40, rng=1)
    got = list(rc.weights_for_counts(rule, xi, [1, 4, 9]))
    assert [p for p, _ in got] == [1, 4, 9]
    for p, W in got:
        assert np.allclose(W, rule(xi[:p]))


def test_weights_for_counts_errors():
    xi = rc.draw_patterns(5, 20, rng=0)
    with pytest.raises(ValueError, match="increasing"):
        list(rc.weights_for_counts(hl.hebbian, xi, [3, 2]))
    with pytest.raises(ValueError, match="increasing"):
        list(rc.weights_for_counts(hl.hebbian, xi, [6]))


def test_load_sweep_shape_and_known_values():
    out = rc.load_sweep(hl.pseudo_inverse, 60, [0.1, 0.5, 0.9], seeds=[0, 1])
    assert out.shape == (2, 3)
    assert np.all(out == 1.0)  # the projection rule: every pattern is a fixed point for P < N
    hebb = rc.load_sweep(hl.hebbian, 100, [0.02, 0.5], seeds=[0])
    assert hebb[0, 0] == 1.0 and hebb[0, 1] == 0.0
    rec = rc.load_sweep(hl.hebbian, 100, [0.05], criterion="recall", seeds=[0], n_probes=20)
    assert rec.shape == (1, 1) and rec[0, 0] == 1.0
    with pytest.raises(ValueError, match="criterion"):
        rc.load_sweep(hl.hebbian, 100, [0.05], criterion="bogus")
    xi = rc.draw_patterns(10, 100, rng=0)
    again = hl.measure.recall_rate(hl.hebbian(xi[:5]), xi[:5], 0.1, n_probes=20, min_overlap=0.95, max_sweeps=10,
                                   rng=np.random.default_rng([0, 100, 1]))
    assert rec[0, 0] == again
    with pytest.raises(ValueError, match="distinct"):
        rc.load_sweep(hl.hebbian, 10, [0.1, 0.12])


def test_load_sweep_threshold_callable_and_bias():
    a = 0.5
    loads = [0.025, 0.05]  # P = 5 and 10 in N = 200
    fixed = rc.load_sweep(rc.covariance_rule(a), 200, loads, seeds=[0], mean_activity=a,
                          theta=hl.rules.covariance_threshold(a))
    adaptive = rc.load_sweep(hl.rules.covariance, 200, loads, seeds=[0], mean_activity=a,
                             theta=lambda x: hl.rules.covariance_threshold(float(x.mean())))
    hebb = rc.load_sweep(hl.hebbian, 200, loads, seeds=[0], mean_activity=a)
    assert np.all(fixed == 1.0) and np.all(adaptive == 1.0)
    assert hebb[0, 1] < 0.5  # (P - 1) a^3 > 1: biased patterns collapse under Hebb's rule


def test_capacity_table_and_format():
    t = rc.capacity_table({"Hebb": hl.hebbian, "pseudo-inverse": hl.pseudo_inverse}, [60],
                          {"Hebb": [0.05, 0.1, 0.3], "pseudo-inverse": [0.5, 0.9]}, criteria=("stable",),
                          seeds={60: [0, 1]})
    assert set(t["largest"]) == {("stable", "Hebb", 60), ("stable", "pseudo-inverse", 60)}
    assert t["curves"]["stable", "Hebb", 60].shape == (2, 3)
    assert t["at_least"] == [("stable", "pseudo-inverse", 60)]
    text = rc.format_capacity_table(t["largest"], at_least=t["at_least"])
    assert text.splitlines()[0].split() == ["rule", "stable", "N=60"]
    assert ">=0.90" in text


def test_aligned_fields_projection_margin_is_one_minus_diagonal():
    xi = hl.random_patterns(20, 50, rng=4)
    W = hl.pseudo_inverse(xi)
    lam = rc.aligned_fields(W, xi)
    Pi = xi.T @ np.linalg.inv(xi @ xi.T / 50) @ xi / 50
    assert np.allclose(lam, 1 - np.diag(Pi)[None, :])
    assert np.isclose(lam.mean(), 1 - 20 / 50)
    h = rc.aligned_fields(hl.hebbian(xi), xi, theta=0.5)
    assert np.allclose(h, xi * (xi @ hl.hebbian(xi).T - 0.5))


def test_projector_update_grows_the_projector_and_ignores_dependent_patterns():
    xi = hl.letters.letters("ABCDE")
    Pi = np.zeros((100, 100))
    for x in xi:
        Pi = rc.projector_update(Pi, x)
    assert np.allclose(Pi @ Pi, Pi)
    assert np.allclose(xi @ Pi.T, xi)
    again = rc.projector_update(Pi, xi[2])
    assert np.allclose(again, Pi)
    W = Pi.copy()
    np.fill_diagonal(W, 0)
    assert np.allclose(W, hl.pseudo_inverse(xi))
