"""Probes (occlusion, noisy copies) and the storage survey of letter sets."""

import itertools

import numpy as np
import pytest

import hopfield_lib as hl
from hopfield_lib import letters
from hopfield_lib.experiments import probes, storage


# ---------------------------------------------------------------- occlude

@pytest.mark.parametrize("part, region", [
    ("bottom", (slice(5, 10), slice(None))),
    ("top", (slice(0, 5), slice(None))),
    ("left", (slice(None), slice(0, 5))),
    ("right", (slice(None), slice(5, 10))),
])
def test_occlude_hides_the_right_half(part, region):
    a = letters.letter("A")
    out = probes.occlude(a, part=part).reshape(10, 10)
    img = a.reshape(10, 10)
    assert np.all(out[region] == -1)
    keep = np.ones((10, 10), dtype=bool)
    keep[region] = False
    assert np.array_equal(out[keep], img[keep])
    assert np.array_equal(a, letters.letter("A"))        # input untouched


def test_occlude_fraction_shape_fill_and_batch():
    s = np.ones(12)
    out = probes.occlude(s, (3, 4), part="right", fraction=0.25, fill=-1).reshape(3, 4)
    assert np.all(out[:, 3] == -1) and np.all(out[:, :3] == 1)
    assert np.array_equal(probes.occlude(-s, (3, 4), part="top", fill=1).reshape(3, 4)[:2], np.ones((2, 4)))
    batch = letters.letters("AB")
    out = probes.occlude(batch, part="top", fill="random", rng=0)
    assert out.shape == (2, 100) and set(np.unique(out)) <= {-1.0, 1.0}
    assert np.array_equal(out, probes.occlude(batch, part="top", fill="random", rng=0))
    assert np.array_equal(out[:, 50:], batch[:, 50:])
    assert np.array_equal(probes.occlude(batch, fraction=0.0), batch)


@pytest.mark.parametrize("kw, match", [
    (dict(part="middle"), "part"),
    (dict(fraction=1.5), "fraction"),
    (dict(fill=0), "fill"),
    (dict(fill="noise"), "fill"),
])
def test_occlude_errors(kw, match):
    with pytest.raises(ValueError, match=match):
        probes.occlude(letters.letter("A"), **kw)


def test_noisy_probes():
    xi = hl.random_patterns(3, 40, rng=0)
    p, t = probes.noisy_probes(xi, 4, 0.25, rng=1)
    assert p.shape == (12, 40) and t.tolist() == [0] * 4 + [1] * 4 + [2] * 4
    assert np.all(np.sum(p != xi[t], axis=1) == 10)
    assert len({tuple(r) for r in p}) == 12


# ---------------------------------------------------------------- subsets_stored

def _all_fixed_exact(xi):
    """Reference: every pattern is a fixed point, with exact integer fields."""
    w = xi.T @ xi
    np.fill_diagonal(w, 0)
    h = xi @ w  # (P, N), integer valued
    return bool(np.all((xi * h) >= 0))


@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_subsets_stored_matches_brute_force(k):
    pool = letters.letters("ABCDEHIOQX")
    survey = storage.subsets_stored(pool, k)
    expected = [c for c in itertools.combinations(range(10), k) if _all_fixed_exact(pool[list(c)])]
    assert survey.exhaustive and survey.tested == len(list(itertools.combinations(range(10), k)))
    assert [tuple(r) for r in survey.stored] == expected
    # odd k: no ties, so the float library agrees exactly
    if k % 2 == 1:
        for c in itertools.combinations(range(10), k):
            x = pool[list(c)]
            assert (hl.measure.stable_fraction(hl.hebbian(x), x) == 1.0) == (c in expected)


def test_subsets_stored_counts_ties_as_fixed():
    # a pattern whose field is exactly 0 in one neuron still is a fixed point (the tie keeps it)
    xi = np.array([[1, 1, 1], [1, -1, 1]])
    w = xi.T @ xi
    np.fill_diagonal(w, 0)
    assert np.any(xi @ w == 0)
    assert len(storage.subsets_stored(xi, 2).stored) == 1


def test_subsets_stored_sampling_and_chunks():
    pool = hl.random_patterns(12, 50, rng=0)
    a = storage.subsets_stored(pool, 3, n_samples=500, rng=1, chunk=64)
    b = storage.subsets_stored(pool, 3, n_samples=500, rng=1)
    assert not a.exhaustive and a.tested == 500
    assert np.array_equal(a.stored, b.stored)
    assert np.all(np.diff(a.stored, axis=1) > 0)        # distinct, increasing indices
    assert 0.0 <= a.fraction <= 1.0 and "a sample of 500" in repr(a)


def test_subsets_stored_letters_known_counts():
    alphabet = letters.letters()
    assert storage.subsets_stored(alphabet, 2).fraction == 1.0
    assert len(storage.subsets_stored(alphabet, 3).stored) == 1895
    assert len(storage.subsets_stored(alphabet, 5).stored) == 604


def test_subsets_stored_errors():
    pool = hl.random_patterns(30, 10, rng=0)
    with pytest.raises(ValueError, match="k: expected an int <= P = 3"):
        storage.subsets_stored(pool[:3], 4)
    with pytest.raises(ValueError, match="pass n_samples"):
        storage.subsets_stored(pool, 15)
