import numpy as np
import pytest

import hopfield_lib as hl
from hopfield_lib import capacity


def test_gaussian_error_rate_values():
    assert np.isclose(capacity.gaussian_error_rate(1.0), 0.15865525, atol=1e-7)  # Phi(-1)
    a = np.array([0.05, 0.1, 0.2])
    r = capacity.gaussian_error_rate(a)
    assert r.shape == (3,) and np.all(np.diff(r) > 0)
    with pytest.raises(ValueError, match="positive"):
        capacity.gaussian_error_rate(0.0)


def test_mceliece():
    assert np.isclose(capacity.mceliece_capacity(100), 100 / (2 * np.log(100)))
    assert np.isclose(capacity.mceliece_capacity(100, all_patterns=True), 100 / (4 * np.log(100)))


def test_measured_error_rate_matches_gaussian_theory():
    # alpha = 0.2 at N = 1000: theory 0.0127; 200 * 1000 bits measured
    xi = hl.random_patterns(200, 1000, rng=0)
    measured = capacity.bit_error_rate(hl.hebbian(xi), xi)
    assert abs(measured - capacity.gaussian_error_rate(0.2)) < 0.003


def test_one_step_flips_and_stable_fraction():
    xi = hl.random_patterns(5, 200, rng=0)
    w = hl.hebbian(xi)
    assert capacity.one_step_flips(w, xi).shape == (5, 200)
    assert capacity.stable_fraction(w, xi) == 1.0
    assert capacity.stable_fraction(w, -xi) == 1.0
    noisy = hl.corrupt(xi, n_flips=100, rng=1)
    assert capacity.bit_error_rate(np.zeros((200, 200)), noisy) == 0.0  # all ties: nothing flips
