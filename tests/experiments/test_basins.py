"""Basins of attraction: recall probability over noise x load, and the basin radius."""

import numpy as np
import pytest

import hopfield_lib as hl
from hopfield_lib.experiments import basins


def test_recall_probability_low_load_and_extremes():
    xi = hl.random_patterns(5, 200, rng=0)
    w = hl.hebbian(xi)
    p = basins.recall_probability(w, xi, [0.0, 0.1, 0.3, 0.7, 1.0], trials=10, rng=1)
    assert p.shape == (5,)
    assert p[:3].tolist() == [1.0, 1.0, 1.0]
    assert p[3:].tolist() == [0.0, 0.0]  # 70 % flipped is closer to the reverse, which is recalled instead


def test_recall_probability_returns_overlaps_and_is_seeded():
    xi = hl.random_patterns(3, 100, rng=0)
    w = hl.hebbian(xi)
    p, m = basins.recall_probability(w, xi, np.array([0.0, 0.45]), trials=6, rng=2, return_overlaps=True)
    assert m.shape == (2, 6) and np.all(m[0] == 1.0)
    assert np.array_equal(p, np.mean(m >= 0.9, axis=1))
    p2 = basins.recall_probability(w, xi, np.array([0.0, 0.45]), trials=6, rng=2)
    assert np.array_equal(p, p2)


def test_recall_probability_min_overlap():
    xi = hl.random_patterns(40, 200, rng=0)  # alpha = 0.2: no exact recall
    w = hl.hebbian(xi)
    strict = basins.recall_probability(w, xi, 0.0, trials=20, min_overlap=1.0, rng=1)
    loose = basins.recall_probability(w, xi, 0.0, trials=20, min_overlap=0.2, rng=1)
    assert strict[0] <= loose[0]


def test_recall_probability_bad_input():
    xi = hl.random_patterns(3, 50, rng=0)
    w = hl.hebbian(xi)
    with pytest.raises(ValueError, match="fractions"):
        basins.recall_probability(w, xi, [0.1, 1.5])
    with pytest.raises(ValueError, match="trials"):
        basins.recall_probability(w, xi, [0.1], trials=0)
    with pytest.raises(ValueError, match="neurons"):
        basins.recall_probability(w, hl.random_patterns(3, 40, rng=0), [0.1])


def test_patterns_for_loads():
    assert basins.patterns_for_loads(100, [0.001, 0.1, 0.25]).tolist() == [1, 10, 25]
    with pytest.raises(ValueError, match="positive"):
        basins.patterns_for_loads(100, [0.0])


def test_recall_grid_shape_and_trend():
    loads = [0.02, 0.3]
    fr = [0.0, 0.2]
    g = basins.recall_grid(150, loads, fr, trials=12, rng=0)
    assert g.shape == (2, 2)
    assert g[0].tolist() == [1.0, 1.0]
    assert g[1, 1] < 0.5
    again = basins.recall_grid(150, loads, fr, trials=12, rng=0)
    assert np.array_equal(g, again)
    pinv = basins.recall_grid(150, [0.3], [0.0], trials=12, rule=hl.pseudo_inverse, rng=0)
    assert pinv[0, 0] == 1.0  # the projection rule makes every pattern a fixed point


def test_basin_radius_rules():
    f = np.array([0.0, 0.1, 0.2, 0.3])
    assert basins.basin_radius(f, [1, 1, 1, 1]) == 0.3          # never drops: the last level
    assert basins.basin_radius(f, [1, 0.9, 0.5, 0.95]) == 0.1    # >= level counts; the gap ends it
    assert np.isnan(basins.basin_radius(f, [0.8, 1, 1, 1]))      # fails at once: no basin
    assert basins.basin_radius(f, [1, 0.8, 0, 0], level=0.5) == 0.1
    assert np.isclose(basins.basin_radius(f, [1, 1, 0.5, 0], interpolate=True), 0.1 + 0.1 * 0.1 / 0.5)
    assert basins.basin_radius(f, [1, 1, 1, 1], interpolate=True) == 0.3
    rows = basins.basin_radius(f, np.array([[1, 1, 0, 0], [1, 0, 0, 0]]))
    assert rows.tolist() == [0.1, 0.0]


def test_basin_radius_bad_input():
    with pytest.raises(ValueError, match="increasing"):
        basins.basin_radius([0.2, 0.1], [1, 1])
    with pytest.raises(ValueError, match="match fractions"):
        basins.basin_radius([0.0, 0.1], [1, 1, 1])
    with pytest.raises(ValueError, match="level"):
        basins.basin_radius([0.0, 0.1], [1, 1], level=0)


def test_basin_shrinks_with_load():
    fr = np.linspace(0, 0.5, 11)
    g = basins.recall_grid(200, [0.02, 0.1], fr, trials=20, rng=3)
    r = basins.basin_radius(fr, g)
    assert r[0] > r[1]
