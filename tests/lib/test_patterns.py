import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hopfield_lib as hl


def test_random_patterns_shape_dtype_values():
    xi = hl.random_patterns(4, 30, rng=0)
    assert xi.shape == (4, 30)
    assert xi.dtype == np.float64
    assert set(np.unique(xi)) == {-1.0, 1.0}


def test_random_patterns_seeded_and_balanced():
    assert np.array_equal(hl.random_patterns(3, 50, rng=7), hl.random_patterns(3, 50, rng=7))
    assert not np.array_equal(hl.random_patterns(3, 50, rng=7), hl.random_patterns(3, 50, rng=8))
    big = hl.random_patterns(100, 1000, rng=1)
    assert abs(big.mean()) < 0.01  # 1e5 fair coins: std of the mean is 0.003


def test_random_patterns_accepts_generator_and_threads_it():
    gen = np.random.default_rng(3)
    a = hl.random_patterns(2, 10, rng=gen)
    b = hl.random_patterns(2, 10, rng=gen)
    assert not np.array_equal(a, b)


@given(n=st.integers(1, 60), data=st.data())
@settings(max_examples=60, deadline=None)
def test_corrupt_flips_exactly_k_distinct(n, data):
    k = data.draw(st.integers(0, n))
    s = hl.random_patterns(1, n, rng=n)[0]
    out = hl.corrupt(s, n_flips=k, rng=k)
    assert int(np.sum(out != s)) == k
    assert np.all(out[out != s] == -s[out != s])


def test_corrupt_fraction_rounds_and_keeps_input():
    s = np.ones(10, dtype=int)
    out = hl.corrupt(s, 0.25, rng=0)  # round(2.5) == 2 (banker's rounding)
    assert out.dtype == s.dtype
    assert int(np.sum(out != s)) == 2
    assert np.all(s == 1)  # input untouched
    assert int(np.sum(hl.corrupt(s, 1.0, rng=0) == -1)) == 10


def test_corrupt_batch_rows_flip_independently():
    s = np.ones((50, 40))
    out = hl.corrupt(s, n_flips=5, rng=1)
    assert np.all(np.sum(out != s, axis=1) == 5)
    assert len({tuple(np.flatnonzero(r < 0)) for r in out}) > 40


def test_corrupt_errors():
    s = np.ones(5)
    with pytest.raises(TypeError, match="exactly one"):
        hl.corrupt(s)
    with pytest.raises(TypeError, match="exactly one"):
        hl.corrupt(s, 0.1, n_flips=1)
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        hl.corrupt(s, 1.5)
    with pytest.raises(ValueError, match=r"n_flips: expected an int in \[0, 5\], got 6"):
        hl.corrupt(s, n_flips=6)
    with pytest.raises(ValueError, match="-1 or \\+1"):
        hl.corrupt(np.zeros(5), 0.1)


def test_overlap_shapes_and_values():
    xi = hl.random_patterns(3, 20, rng=0)
    assert hl.overlap(xi[0], xi[0]) == 1.0
    assert hl.overlap(xi[0], -xi[0]) == -1.0
    assert isinstance(hl.overlap(xi[0], xi[1]), float)
    assert hl.overlap(xi, xi[1]).shape == (3,)
    assert hl.overlap(xi[0], xi[:2]).shape == (2,)
    m = hl.overlap(xi, xi[:2])
    assert m.shape == (2, 3)
    assert np.allclose(np.diag(m[:, :2]), 1.0)
    assert np.allclose(m, xi[:2] @ xi.T / 20)


def test_overlap_mismatch_is_an_error():
    with pytest.raises(ValueError, match="expected 20 neurons"):
        hl.overlap(np.ones(20), np.ones(19))


def test_all_states():
    s = hl.all_states(3)
    assert s.shape == (8, 3)
    assert len({tuple(r) for r in s}) == 8
    assert np.array_equal(s[0], -np.ones(3)) and np.array_equal(s[-1], np.ones(3))
    with pytest.raises(ValueError, match=r"n_neurons: expected an int in \[1, 20\], got 21"):
        hl.all_states(21)
