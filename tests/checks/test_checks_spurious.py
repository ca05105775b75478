"""Practice 6 (06_spurious_states): right answers pass in several forms, each plausible wrong
answer fails with the message written for it."""

import numpy as np
import pytest

from hopfield_course.checks import exercises_for
from checkhelpers import run, fails_with


def test_the_notebook_has_six_exercises():
    assert [ex.id for ex in exercises_for("06_spurious_states")] == [
        "spurious.mixture_state", "spurious.mixture_overlap", "spurious.mixture_overlap_5",
        "spurious.mixture_energy", "spurious.energy_from_overlaps", "spurious.classify"]


# --------------------------------------------------------------------------- mixture_state


@pytest.mark.parametrize("answer", [
    lambda xi: np.sign(xi[0] + xi[1] + xi[2]),
    lambda xi: np.sign(np.sum(xi[:3], axis=0)),
    lambda xi: np.where((xi[:3] == 1).sum(axis=0) >= 2, 1, -1),
], ids=["sum", "slice", "vote"])
def test_mixture_state_right_answers(answer):
    assert run("spurious.mixture_state", answer).passed


def test_mixture_state_mistakes():
    fails_with("spurious.mixture_state", lambda xi: xi[0] + xi[1] + xi[2], "take its sign")
    fails_with("spurious.mixture_state", lambda xi: np.sign(xi[:3].sum(axis=1)),
               "you summed over the neurons (axis=1) instead of over the patterns (axis=0)")
    fails_with("spurious.mixture_state", lambda xi: np.sign(xi.sum(axis=1)),
               "you summed over the neurons (axis=1)")
    fails_with("spurious.mixture_state", lambda xi: np.sign(xi.sum(axis=0)), "you mixed all P patterns")
    fails_with("spurious.mixture_state", lambda xi: np.sign(xi[1] + xi[2] + xi[3]), "Python counts from 0")
    fails_with("spurious.mixture_state", lambda xi: np.sign(xi[0] + xi[1]),
               "your state has zeros: you mixed an even number of patterns")
    fails_with("spurious.mixture_state", lambda xi: -np.sign(xi[0] + xi[1] + xi[2]), "the reverse of the mixture")


# --------------------------------------------------------------------------- values


def test_mixture_overlap_values():
    assert run("spurious.mixture_overlap", 0.5).passed
    assert run("spurious.mixture_overlap", 1 / 2).passed
    fails_with("spurious.mixture_overlap", 0.75, "agreements minus disagreements")
    fails_with("spurious.mixture_overlap", 0.25, "probability that all three patterns agree")
    fails_with("spurious.mixture_overlap", 1.5, "the sum m₁ + m₂ + m₃")
    fails_with("spurious.mixture_overlap", 1 / 3, "do not split 1 three ways")
    fails_with("spurious.mixture_overlap", 0.6, "not quite")


def test_mixture_overlap_5_values():
    assert run("spurious.mixture_overlap_5", 3 / 8).passed
    fails_with("spurious.mixture_overlap_5", 0.5, "overlap of the 3-mixture")
    fails_with("spurious.mixture_overlap_5", 11 / 16, "11/16 − 5/16")
    fails_with("spurious.mixture_overlap_5", 0.2, "do not split 1 five ways")


def test_mixture_energy_values():
    assert run("spurious.mixture_energy", -3 / 8).passed
    fails_with("spurious.mixture_energy", -0.5, "energy per neuron of a stored pattern")
    fails_with("spurious.mixture_energy", -0.75, "twice the answer")
    fails_with("spurious.mixture_energy", -0.125, "you used only one overlap")
    fails_with("spurious.mixture_energy", -1.125, "you squared the sum of the overlaps")
    fails_with("spurious.mixture_energy", 0.375, "the sign")


# --------------------------------------------------------------------------- energy_from_overlaps


@pytest.mark.parametrize("answer", [
    lambda m, N: -0.5 * N * np.sum(np.asarray(m) ** 2, axis=-1) + 0.5 * np.shape(m)[-1],
    lambda m, N: -N / 2 * (np.asarray(m) ** 2).sum(-1) + len(np.atleast_2d(m)[0]) / 2,
    lambda m, N: np.einsum("...p,...p->...", m, m) * (-N / 2) + np.shape(m)[-1] / 2,
], ids=["sum", "atleast", "einsum"])
def test_energy_from_overlaps_right_answers(answer):
    assert run("spurious.energy_from_overlaps", answer).passed


def test_energy_from_overlaps_mistakes():
    ex = "spurious.energy_from_overlaps"
    fails_with(ex, lambda m, N: -0.5 * N * np.sum(np.asarray(m) ** 2, axis=-1), "diagonal correction +P/2")
    fails_with(ex, lambda m, N: -0.5 * N * np.sum(np.asarray(m) ** 2, axis=-1) - 0.5 * np.shape(m)[-1],
               "the diagonal term has the wrong sign")
    fails_with(ex, lambda m, N: -N * np.sum(np.asarray(m) ** 2, axis=-1) + np.shape(m)[-1], "factor of 2")
    fails_with(ex, lambda m, N: -0.5 * np.sum(np.asarray(m) ** 2, axis=-1) + 0.5 * np.shape(m)[-1] / N,
               "energy per neuron E/N")
    fails_with(ex, lambda m, N: -0.5 * N * np.sum(np.asarray(m) ** 2) + 0.5 * np.shape(m)[-1],
               "sum over the patterns only (axis=-1)")
    fails_with(ex, lambda m, N: -0.5 * N * np.sum(np.asarray(m), axis=-1) + 0.5 * np.shape(m)[-1],
               "you summed the overlaps, not their squares")


# --------------------------------------------------------------------------- classify


def classify_ok(xi, s):
    m = xi @ s / len(s)
    if np.any(m >= 0.9):
        return "pattern"
    if np.any(m <= -0.9):
        return "reversed"
    if len(xi) >= 3:
        top = np.argsort(np.abs(m))[::-1][:3]
        mix = np.sign(np.sum(np.sign(m[top])[:, None] * xi[top], axis=0))
        if np.mean(mix == s) >= 0.95:
            return "mixture"
    return "other"


def test_classify_right_answers():
    assert run("spurious.classify", classify_ok).passed
    assert run("spurious.classify", lambda xi, s: classify_ok(xi, s).upper()).passed  # case does not matter


def _variant(**changes):
    """classify with one rule broken."""
    def f(xi, s):
        n = len(s)
        m = (xi @ s) / (1 if changes.get("no_divide") else n)
        strict = changes.get("strict")
        hi = (m > 0.9) if strict else (m >= 0.9)
        lo = (m < -0.9) if strict else (m <= -0.9)
        if changes.get("abs"):
            hi = np.abs(m) >= 0.9
        if hi.any():
            return "pattern"
        if lo.any() and not changes.get("no_reversed"):
            return "reversed"
        if len(xi) >= 3:
            top = np.argsort(-(m if changes.get("no_signs") else np.abs(m)))[:3]
            signs = np.ones(3) if changes.get("no_signs") else np.sign(m[top])
            mix = np.sign(signs @ xi[top])
            if changes.get("any_mixture") or mix @ s / n >= 0.9:
                return "mixture"
        return "other"
    return f


def test_classify_mistakes():
    ex = "spurious.classify"
    fails_with(ex, _variant(abs=True), "you called a reversed pattern a 'pattern'")
    fails_with(ex, _variant(strict=True), "an overlap of exactly ±0.9 counts")
    fails_with(ex, _variant(no_reversed=True), "you missed a reversed pattern")
    fails_with(ex, _variant(no_signs=True), "keep the signs of their overlaps")
    fails_with(ex, _variant(any_mixture=True), "a random state is not a mixture")
    fails_with(ex, _variant(no_divide=True), "did you divide the overlaps by N?")
    fails_with(ex, lambda xi, s: 2, "expected one of the strings 'pattern', 'reversed', 'mixture', 'other'")
    fails_with(ex, lambda xi, s: "spin glass", "the kinds are")
