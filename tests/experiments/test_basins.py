"""Basins of attraction (lecture 7): the recall rate over loads x noise levels."""

import numpy as np

import hopfield_lib as hl
from hopfield_lib.experiments import basins

KW = dict(min_overlap=0.9, max_sweeps=50)


def test_recall_grid_shape_and_trend():
    loads = [0.02, 0.3]
    fr = [0.0, 0.2]
    g = basins.recall_grid(150, loads, fr, n_probes=12, rng=0, **KW)
    assert g.shape == (2, 2)
    assert g[0].tolist() == [1.0, 1.0]
    assert g[1, 1] < 0.5
    again = basins.recall_grid(150, loads, fr, n_probes=12, rng=0, **KW)
    assert np.array_equal(g, again)
    pinv = basins.recall_grid(150, [0.3], [0.0], n_probes=12, rule=hl.pseudo_inverse, rng=0, **KW)
    assert pinv[0, 0] == 1.0  # the projection rule makes every pattern a fixed point


def test_recall_grid_rows_are_recall_rates_of_fresh_networks():
    gen = np.random.default_rng(5)
    expected = []
    for p in (2, 20):
        xi = hl.random_patterns(p, 100, rng=gen)
        expected.append(hl.measure.recall_rate(hl.hebbian(xi), xi, [0.1, 0.3], n_probes=8, rng=gen, **KW))
    got = basins.recall_grid(100, [0.02, 0.2], [0.1, 0.3], n_probes=8, rng=5, **KW)
    assert np.array_equal(got, np.array(expected))


def test_basin_shrinks_with_load():
    fr = np.linspace(0, 0.5, 11)
    g = basins.recall_grid(200, [0.02, 0.1], fr, n_probes=20, rng=3, **KW)
    r = hl.measure.basin_radius(fr, g, 0.9)
    assert r[0] > r[1]
