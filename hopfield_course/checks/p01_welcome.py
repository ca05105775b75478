"""Checks for practice 1 (``01_welcome``): states, patterns, overlaps, Hamming distance.

The conventions of lecture 1: a state is a numpy vector of ±1 of shape ``(N,)``,
patterns are the rows of a ``(P, N)`` array ``xi``, and the overlap is
``m = xi @ s / N``.
"""

from __future__ import annotations

import numpy as np

from . import register
from ._core import Case, FunctionExercise, Mistake, ValueExercise
from ._cases import _rng, _spins

NOTEBOOK = "01_welcome"


# --------------------------------------------------------------------------- to_spins


def to_spins(image):
    """A 0/1 array of any shape as a float array of -1/+1 spins of the same shape."""
    return 2.0 * np.asarray(image, dtype=float) - 1.0


def _to_spins_cases():
    rng = _rng(101)
    return [
        Case((rng.integers(0, 2, size=7),), label="a 0/1 vector", sizes={"N": 7}),
        Case((rng.integers(0, 2, size=(5, 8)),), label="a 5 x 8 image", sizes={"H": 5, "W": 8}),
        Case((np.zeros(4, dtype=int),), label="all pixels 0", sizes={"N": 4}),
        Case((np.array([1]),), label="N = 1", sizes={"N": 1}),
        Case((rng.random((3, 4)) < 0.5,), label="a True/False image, e.g. from img > 0.5", sizes={"H": 3, "W": 4}),
    ]


register(FunctionExercise(
    "welcome.to_spins",
    title="From 0/1 pixels to ±1 spins",
    notebook=NOTEBOOK,
    hints=[
        "The map is a straight line: it sends 0 to −1 and 1 to +1. Which a·x + b does that?",
        "Solve a·0 + b = −1 and a·1 + b = +1. Numpy applies the formula to every pixel at once, "
        "whatever the shape of the array.",
        "`2 * x - 1` with `x = np.asarray(image, dtype=float)`: a new float array of the same shape "
        "(the input is not modified).",
    ],
    reference=to_spins,
    cases=_to_spins_cases,
    mistakes=[
        Mistake("the signs are the wrong way round: 0 should become −1 and 1 should become +1 "
                "(you computed 1 − 2x).",
                wrong=lambda image: 1.0 - 2.0 * np.asarray(image, dtype=float)),
        Mistake("your values are 0 and 2: after doubling, subtract 1 (2x − 1).",
                wrong=lambda image: 2.0 * np.asarray(image, dtype=float)),
        Mistake("your values are −0.5 and +0.5: shifting by ½ is not enough, also multiply by 2 (2x − 1).",
                wrong=lambda image: np.asarray(image, dtype=float) - 0.5),
        Mistake("your result still has 0s in it: every 0 pixel must become −1 (np.sign(0) is 0).",
                test=lambda result, expected, case: np.any(np.asarray(result) == 0)),
        Mistake("keep the image's shape: return an array of the same shape as `image` "
                "(flatten it later with `.ravel()` when you need a vector).",
                test=lambda result, expected, case: (np.size(result) == np.size(expected)
                                                     and np.shape(result) != np.shape(expected))),
    ],
    explain="This is how the course turns images into patterns; `(s + 1) / 2` goes back.",
))


# --------------------------------------------------------------------------- overlap


def overlap(xi, s):
    """Overlap m = xi @ s / N of one pattern (N,) -> number, or of patterns (P, N) -> (P,)."""
    s = np.asarray(s, dtype=float)
    return np.asarray(xi, dtype=float) @ s / s.shape[-1]


def _overlap_cases():
    rng = _rng(202)
    xi = _spins(rng, 3, 8)
    noisy = xi[1].copy()
    noisy[[0, 5]] *= -1
    wide = _spins(rng, 6, 4)
    return [
        Case((xi[0], _spins(rng, 8)), label="one pattern of shape (N,)", sizes={"N": 8}),
        Case((xi, noisy), label="P = 3 patterns of shape (P, N)", sizes={"P": 3, "N": 8}),
        Case((xi[:1], xi[0]), label="one pattern as a (1, N) array", sizes={"P": 1, "N": 8}),
        Case((wide, _spins(rng, 4)), label="P = 6 patterns of N = 4 neurons (more patterns than neurons)",
             sizes={"P": 6, "N": 4}),
        Case((np.array([[1.0], [-1.0]]), np.array([1.0])), label="N = 1", sizes={"P": 2, "N": 1}),
    ]


register(FunctionExercise(
    "welcome.overlap",
    title="The overlap of a state with one pattern or with each of P patterns",
    notebook=NOTEBOOK,
    hints=[
        "The overlap counts agreements as +1 and disagreements as −1, then averages over the N neurons.",
        "For ξ of shape (N,), `xi @ s` is the sum Σ_i ξ_i s_i (a number); for ξ of shape (P, N) the same "
        "`xi @ s` gives one sum per pattern, shape (P,). Divide by N, the length of the state.",
        "`return xi @ s / len(s)`: N is the number of neurons, `len(s)` or `s.shape[-1]`, never `len(xi)` "
        "(that is P when xi holds several patterns).",
    ],
    reference=overlap,
    cases=_overlap_cases,
    mistakes=[
        Mistake("you divided by P (the number of patterns) instead of N (the number of neurons): "
                "use len(s), not len(xi).",
                wrong=lambda xi, s: np.asarray(xi) @ s / len(xi)),
        Mistake("you forgot to divide by N: an overlap always lies between −1 and +1.",
                wrong=lambda xi, s: np.asarray(xi) @ s),
        Mistake("you divided by P·N (xi.size) instead of N: each pattern's overlap is its own average "
                "over the N neurons.",
                wrong=lambda xi, s: np.asarray(xi) @ s / np.size(xi)),
        Mistake("you averaged over all patterns together: return one overlap per pattern, shape (P,).",
                wrong=lambda xi, s: np.mean(np.asarray(xi) * s)),
        Mistake("you computed the fraction of neurons that agree, (1 + m)/2; the overlap counts a "
                "disagreement as −1, not 0: m = xi @ s / N.",
                wrong=lambda xi, s: np.mean(np.asarray(xi) == s, axis=-1)),
    ],
    explain="m = 1 for the pattern itself, −1 for its reverse, about 0 (of order 1/√N) for an unrelated state.",
))


# --------------------------------------------------------------------------- hamming


def hamming(s, t):
    """The number of neurons in which the states s and t (shape (N,)) differ."""
    return int(np.sum(np.asarray(s) != np.asarray(t)))


def _hamming_cases():
    rng = _rng(303)
    s = _spins(rng, 10)
    t = s.copy()
    t[[1, 4, 8]] *= -1
    u = _spins(rng, 9)
    return [
        Case((s, t), label="two states of N = 10 neurons", sizes={"N": 10}),
        Case((u, u.copy()), label="identical states", sizes={"N": 9}),
        Case((u, -u), label="a state and its reverse", sizes={"N": 9}),
        Case((np.array([1.0]), np.array([-1.0])), label="N = 1, different", sizes={"N": 1}),
        Case((_spins(rng, 25), _spins(rng, 25)), label="two random states of N = 25", sizes={"N": 25}),
    ]


register(FunctionExercise(
    "welcome.hamming",
    title="The Hamming distance between two states",
    notebook=NOTEBOOK,
    hints=[
        "The Hamming distance d counts the neurons where the two states disagree.",
        "`s != t` is a True/False array with True where they disagree; numpy counts True as 1.",
        "`return int(np.sum(s != t))`.",
    ],
    reference=hamming,
    cases=_hamming_cases,
    returns="number",
    mistakes=[
        Mistake("you counted the neurons that agree (N − d), not the ones that differ.",
                wrong=lambda s, t: np.sum(np.asarray(s) == np.asarray(t))),
        Mistake("you counted every difference twice: a neuron that differs contributes |±1 − ∓1| = 2 "
                "to np.abs(s - t); count positions with s != t (or divide by 2).",
                wrong=lambda s, t: np.sum(np.abs(np.asarray(s) - np.asarray(t)))),
        Mistake("you returned the fraction d/N of neurons that differ; the Hamming distance is the count d.",
                wrong=lambda s, t: np.mean(np.asarray(s) != np.asarray(t))),
        Mistake("the signed differences +2 and −2 cancel in np.sum(s - t): count the positions where s != t.",
                wrong=lambda s, t: np.sum(np.asarray(s) - np.asarray(t))),
    ],
    explain="Next: how d follows from the overlap m alone.",
))


# --------------------------------------------------------------------------- d from m


N_EXAMPLE, M_EXAMPLE = 50, 0.8

register(ValueExercise(
    "welcome.distance_from_overlap",
    title="How many neurons differ, from the overlap alone",
    notebook=NOTEBOOK,
    hints=[
        "Each of the N − d agreeing neurons adds +1 to Σ_i ξ_i s_i and each of the d differing ones adds −1.",
        "So N·m = (N − d) − d = N − 2d. Solve for d.",
        "d = N(1 − m)/2; with N = 50 and m = 0.8 that is 50 · 0.2 / 2.",
    ],
    expected=N_EXAMPLE * (1 - M_EXAMPLE) / 2,
    mistakes=[
        Mistake("that is the number of neurons that agree, N(1 + m)/2; you want the ones that differ.",
                wrong=N_EXAMPLE * (1 + M_EXAMPLE) / 2),
        Mistake("you forgot the ½: each differing neuron changes N·m by 2 (from +1 to −1), so d = N(1 − m)/2.",
                wrong=N_EXAMPLE * (1 - M_EXAMPLE)),
        Mistake("that is the fraction (1 − m)/2 of neurons that differ; multiply by N for their number.",
                wrong=(1 - M_EXAMPLE) / 2),
        Mistake("that is N·m = (number that agree) − (number that differ), not the number that differ.",
                wrong=N_EXAMPLE * M_EXAMPLE),
        Mistake("you multiplied by 2 instead of dividing: N·m = N − 2d gives d = N(1 − m)/2.",
                wrong=N_EXAMPLE * (1 - M_EXAMPLE) * 2),
    ],
    explain="d = N(1 − m)/2: overlap and Hamming distance carry the same information.",
))


# --------------------------------------------------------------------------- flip


def flip(s, idx):
    """A copy of the state s (N,) with the neurons at the distinct indices idx flipped."""
    out = np.array(s, dtype=float, copy=True)
    out[np.asarray(idx, dtype=int)] *= -1
    return out


def _flip_cases():
    rng = _rng(404)
    s = _spins(rng, 10)
    u = _spins(rng, 6)
    return [
        Case((s, [0, 3, 7]), label="N = 10, flip neurons [0, 3, 7]", sizes={"N": 10}),
        Case((u, np.array([4])), label="one neuron, indices as an array", sizes={"N": 6}),
        Case((u, []), label="no neuron to flip", sizes={"N": 6}),
        Case((np.array([-1.0]), [0]), label="N = 1", sizes={"N": 1}),
        Case((s, list(range(10))), label="every neuron (gives the reversed state)", sizes={"N": 10}),
    ]


def _set_to(value):
    def wrong(s, idx):
        out = np.array(s, dtype=float, copy=True)
        out[np.asarray(idx, dtype=int)] = value
        return out

    return wrong


def _flip_others(s, idx):
    out = -np.array(s, dtype=float, copy=True)
    idx = np.asarray(idx, dtype=int)
    out[idx] = np.asarray(s, dtype=float)[idx]
    return out


def _flip_first_k(s, idx):
    out = np.array(s, dtype=float, copy=True)
    out[: len(idx)] *= -1
    return out


register(FunctionExercise(
    "welcome.flip",
    title="Flip given neurons without touching the input",
    notebook=NOTEBOOK,
    hints=[
        "Work on a copy: the caller's state must stay as it was.",
        "`out = s.copy()`, then change the entries at the positions in `idx`: numpy indexes with a list "
        "or an array of indices at once, `out[idx]`.",
        "`out = s.copy(); out[idx] *= -1; return out` (multiplying by −1 flips +1 to −1 and −1 to +1).",
    ],
    reference=flip,
    cases=_flip_cases,
    mistakes=[
        Mistake("you set the chosen neurons to −1 instead of flipping them: a neuron at −1 must become +1 "
                "(multiply by −1).", wrong=_set_to(-1.0)),
        Mistake("you set the chosen neurons to +1 instead of flipping them: a neuron at +1 must become −1 "
                "(multiply by −1).", wrong=_set_to(1.0)),
        Mistake("you flipped every neuron except the chosen ones.", wrong=_flip_others),
        Mistake("you flipped the first k neurons; flip the neurons whose indices are in idx.", wrong=_flip_first_k),
        Mistake("your result has values other than −1 and +1: a flipped neuron is −s_i.",
                test=lambda result, expected, case: not np.all(np.isin(np.asarray(result), [-1, 1]))),
    ],
    explain="This is what `hl.corrupt(s, n_flips=k)` does with k random indices.",
))


__all__ = ["to_spins", "overlap", "hamming", "flip"]
