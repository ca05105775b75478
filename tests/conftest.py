"""Shared fixtures and settings of the test suite."""

import matplotlib

matplotlib.use("Agg")  # no window, same rendering everywhere

import numpy as np
import pytest

# Notebooks under tests/ are fixtures for the grader and the generator, not tests.
collect_ignore_glob = ["fixtures/*"]


@pytest.fixture
def rng():
    return np.random.default_rng(12345)


def random_symmetric(n, rng, *, diagonal=0.0):
    """A random symmetric (n, n) matrix with the given diagonal."""
    a = rng.normal(size=(n, n))
    w = (a + a.T) / 2
    np.fill_diagonal(w, diagonal)
    return w
