"""Practice 1 (01_welcome): every exercise accepts right answers written in several ways and
names each plausible wrong answer with its own message."""

import numpy as np
import pytest

from hopfield_course.checks import NOT_ATTEMPTED, check, exercises_for
from checkhelpers import run, fails_with, crash


def test_the_notebook_has_five_exercises():
    assert [ex.id for ex in exercises_for("01_welcome")] == [
        "welcome.to_spins", "welcome.overlap", "welcome.hamming", "welcome.distance_from_overlap", "welcome.flip"]


# --------------------------------------------------------------------------- to_spins


@pytest.mark.parametrize("answer", [
    lambda image: 2 * np.asarray(image) - 1,
    lambda image: np.where(np.asarray(image) == 1, 1.0, -1.0),
    lambda image: (np.asarray(image) - 0.5) * 2,
    lambda image: np.asarray(image, dtype=int) * 2 - 1,
], ids=["2x-1", "where", "shift-scale", "int"])
def test_to_spins_right_answers(answer):
    assert run("welcome.to_spins", answer).passed


def test_to_spins_mistakes():
    fails_with("welcome.to_spins", lambda image: 1 - 2 * np.asarray(image, dtype=float),
               "the signs are the wrong way round: 0 should become −1 and 1 should become +1")
    fails_with("welcome.to_spins", lambda image: 2 * np.asarray(image, dtype=float),
               "your values are 0 and 2: after doubling, subtract 1")
    fails_with("welcome.to_spins", lambda image: np.asarray(image, dtype=float) - 0.5,
               "your values are −0.5 and +0.5")
    fails_with("welcome.to_spins", lambda image: np.sign(np.asarray(image, dtype=float)),
               "your result still has 0s in it: every 0 pixel must become −1")
    fails_with("welcome.to_spins", lambda image: (2.0 * np.asarray(image) - 1).ravel(),
               "keep the image's shape")


def test_to_spins_in_place_is_reported():
    def in_place(image):
        image[image == 0] = -1
        return image

    fails_with("welcome.to_spins", in_place, "your function changed its input `image`")


def test_to_spins_on_a_bool_image():
    # `-1 + 2 * image` works for ints; a learner's `~image` trick does not give spins.
    fails_with("welcome.to_spins", lambda image: np.where(image, 1.0, 0.0), "your result still has 0s in it")


# --------------------------------------------------------------------------- overlap


@pytest.mark.parametrize("answer", [
    lambda xi, s: xi @ s / len(s),
    lambda xi, s: np.dot(xi, s) / s.shape[-1],
    lambda xi, s: np.mean(xi * s, axis=-1),
    lambda xi, s: (xi * s).sum(axis=-1) / s.size,
], ids=["matmul", "dot", "mean", "sum"])
def test_overlap_right_answers(answer):
    assert run("welcome.overlap", answer).passed


def test_overlap_mistakes():
    fails_with("welcome.overlap", lambda xi, s: xi @ s / len(xi),
               "you divided by P (the number of patterns) instead of N (the number of neurons)")
    fails_with("welcome.overlap", lambda xi, s: xi @ s, "you forgot to divide by N")
    fails_with("welcome.overlap", lambda xi, s: xi @ s / xi.size, "you divided by P·N (xi.size) instead of N")
    fails_with("welcome.overlap", lambda xi, s: np.mean(xi * s),
               "you averaged over all patterns together: return one overlap per pattern, shape (P,)")
    fails_with("welcome.overlap", lambda xi, s: np.mean(xi == s, axis=-1),
               "you computed the fraction of neurons that agree, (1 + m)/2")


def test_overlap_shape_messages_name_p_and_n():
    def column(xi, s):
        return np.atleast_2d(xi @ s / len(s)).T

    fails_with("welcome.overlap", column, "expected a single number")
    fails_with("welcome.overlap", lambda xi, s: np.atleast_1d(xi @ s / len(s)), "expected a single number")

    def per_neuron(xi, s):
        return xi * s / len(s) if np.ndim(xi) == 2 else xi @ s / len(s)

    fails_with("welcome.overlap", per_neuron, "shape (P,) expected, got (P, N)")


def test_overlap_with_the_state_first_crashes_with_a_message():
    result = fails_with("welcome.overlap", lambda xi, s: s @ xi / len(s), "your function raised ValueError")
    assert "(case 2 of 5: P = 3 patterns of shape (P, N))" in result.message


# --------------------------------------------------------------------------- hamming


@pytest.mark.parametrize("answer", [
    lambda s, t: int(np.sum(s != t)),
    lambda s, t: np.count_nonzero(s - t),
    lambda s, t: int(len(s) * (1 - s @ t / len(s)) / 2),
    lambda s, t: sum(1 for a, b in zip(s, t) if a != b),
], ids=["sum", "count_nonzero", "from-overlap", "loop"])
def test_hamming_right_answers(answer):
    assert run("welcome.hamming", answer).passed


def test_hamming_mistakes():
    fails_with("welcome.hamming", lambda s, t: np.sum(s == t),
               "you counted the neurons that agree (N − d), not the ones that differ")
    fails_with("welcome.hamming", lambda s, t: np.sum(np.abs(s - t)), "you counted every difference twice")
    fails_with("welcome.hamming", lambda s, t: np.mean(s != t),
               "you returned the fraction d/N of neurons that differ; the Hamming distance is the count d")
    fails_with("welcome.hamming", lambda s, t: np.sum(s - t), "the signed differences +2 and −2 cancel")
    fails_with("welcome.hamming", lambda s, t: s != t, "expected a single number")


# --------------------------------------------------------------------------- distance from overlap


def test_distance_from_overlap():
    assert run("welcome.distance_from_overlap", 5).passed
    assert run("welcome.distance_from_overlap", 50 * (1 - 0.8) / 2).passed
    assert run("welcome.distance_from_overlap", np.float64(5.0)).passed
    fails_with("welcome.distance_from_overlap", 45, "that is the number of neurons that agree, N(1 + m)/2")
    fails_with("welcome.distance_from_overlap", 10, "you forgot the ½")
    fails_with("welcome.distance_from_overlap", 0.1, "that is the fraction (1 − m)/2 of neurons that differ")
    fails_with("welcome.distance_from_overlap", 40, "that is N·m")
    fails_with("welcome.distance_from_overlap", 20, "you multiplied by 2 instead of dividing")
    fails_with("welcome.distance_from_overlap", 7, "not quite: your answer 7 is not the expected value")
    fails_with("welcome.distance_from_overlap", None, "your answer is None")
    fails_with("welcome.distance_from_overlap", "5", "should be a number or an array")
    fails_with("welcome.distance_from_overlap", crash, "did you forget to call it?")
    assert run("welcome.distance_from_overlap", ...).status == NOT_ATTEMPTED


# --------------------------------------------------------------------------- flip


def _flip_loop(s, idx):
    out = s.copy()
    for i in idx:
        out[i] = -out[i]
    return out


@pytest.mark.parametrize("answer", [
    lambda s, idx: np.where(np.isin(np.arange(len(s)), idx), -s, s),
    _flip_loop,
], ids=["where", "loop"])
def test_flip_right_answers(answer):
    assert run("welcome.flip", answer).passed


def test_flip_mistakes():
    def set_minus(s, idx):
        out = s.copy()
        out[idx] = -1
        return out

    def set_plus(s, idx):
        out = s.copy()
        out[idx] = 1
        return out

    def others(s, idx):
        out = -s
        out[idx] = s[idx]
        return out

    def first_k(s, idx):
        out = s.copy()
        out[: len(idx)] *= -1
        return out

    def zeros(s, idx):
        out = s.copy()
        out[idx] = 0
        return out

    fails_with("welcome.flip", set_minus, "you set the chosen neurons to −1 instead of flipping them")
    fails_with("welcome.flip", set_plus, "you set the chosen neurons to +1 instead of flipping them")
    fails_with("welcome.flip", others, "you flipped every neuron except the chosen ones")
    fails_with("welcome.flip", first_k, "you flipped the first k neurons")
    fails_with("welcome.flip", zeros, "your result has values other than −1 and +1")


def test_flip_in_place_is_reported():
    def in_place(s, idx):
        s[idx] *= -1
        return s

    fails_with("welcome.flip", in_place, "your function changed its input `s`")


def test_check_shows_and_returns(capsys):
    result = check("welcome.flip", _flip_loop)
    assert result.passed
    assert capsys.readouterr().out.startswith("✓ [welcome.flip] correct on all 5 cases!")
