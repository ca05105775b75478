"""Checks for practice 8 (``08_learning_rules``): Storkey's update, the projection rule,
aligned fields, and reading capacities off measurements.

Notation of lecture 8: patterns ``xi`` of shape ``(P, N)``, weights ``W`` of shape
``(N, N)`` (symmetric, zero diagonal), the field ``h = W @ s`` and the aligned field
``lambda_i^mu = xi_i^mu h_i^mu``.
"""

from __future__ import annotations

import numpy as np

from hopfield_lib import letters
from hopfield_lib.experiments.rule_comparison import aligned_fields as _aligned_fields
from hopfield_lib.measure import largest_load as _measure_largest_load
from hopfield_lib.rules import hebbian, pseudo_inverse, storkey
from hopfield_lib.rules import storkey_update as _storkey_update
from . import register
from ._core import Case, FunctionExercise, Mistake, ValueExercise
from ._cases import _rng, _zero_diag

NOTEBOOK = "08_learning_rules"


def _largest_load(loads, fractions):
    """The lecture's criterion: the load at which the fraction first falls below 0.95 (hl.measure.largest_load)."""
    return _measure_largest_load(loads, fractions, 0.95)


def _spins(rng, *shape, a=0.0):
    return np.where(rng.random(shape) < (1 + a) / 2, 1.0, -1.0)


def _shape(x):
    return np.shape(np.asarray(x))


def _symmetric_square(result) -> bool:
    r = np.asarray(result, dtype=float)
    return r.ndim == 2 and r.shape[0] == r.shape[1]


# --------------------------------------------------------------------------- storkey_update


def storkey_update(W, xi):
    """The weights after learning one more pattern ``xi`` (N,) with Storkey's rule on top of ``W`` (N, N)."""
    return _storkey_update(W, xi)


def _storkey_parts(W, xi):
    W = np.asarray(W, dtype=float)
    x = np.asarray(xi, dtype=float)
    h = W @ x
    return W, x, h, x.shape[0]


def _storkey_full_field(W, xi):
    W, x, h, n = _storkey_parts(W, xi)
    return _zero_diag(W + (np.outer(x, x) - np.outer(x, h) - np.outer(h, x)) / n)


def _storkey_no_division(W, xi):
    W, x, h, n = _storkey_parts(W, xi)
    return _zero_diag(W + np.outer(x, x) - np.outer(x, h) - np.outer(h, x) + 2 * W)


def _storkey_hebb(W, xi):
    W, x, h, n = _storkey_parts(W, xi)
    return _zero_diag(W + np.outer(x, x) / n)


def _storkey_diagonal_kept(W, xi):
    W, x, h, n = _storkey_parts(W, xi)
    return W * (1 + 2 / n) + (np.outer(x, x) - np.outer(x, h) - np.outer(h, x)) / n


def _storkey_cases():
    rng = _rng(801)
    first = _spins(rng, 6)
    old = _spins(rng, 3, 7)
    new = _spins(rng, 7)
    hebb_old = _spins(rng, 4, 9)
    return [
        Case((np.zeros((6, 6)), first), label="the first pattern, W = 0", sizes={"N": 6}),
        Case((storkey(old), new), label="W from three earlier patterns", sizes={"N": 7}),
        Case((hebbian(hebb_old), _spins(rng, 9)), label="W from Hebb's rule (any symmetric W, zero diagonal)",
             sizes={"N": 9}),
        Case((np.zeros((1, 1)), np.array([1.0])), label="N = 1", sizes={"N": 1}),
        Case((storkey(letters.letters("AB")), letters.letter("C")), label="the letter C on top of A and B",
             sizes={"N": 100}),
    ]


register(FunctionExercise(
    "learning_rules.storkey_update",
    title="Storkey's update for one new pattern",
    notebook=NOTEBOOK,
    hints=[
        "First compute the field the new pattern gets from the old weights, h = W @ xi. The change is "
        "(xi_i xi_j - xi_i h_ji - h_ij xi_j) / N, with h_ij the field of neuron i without neuron j.",
        "With a zero diagonal, h_ij = h_i - W_ij xi_j. Substituting (and xi_j**2 = 1) gives "
        "dW = (np.outer(xi, xi) - np.outer(xi, h) - np.outer(h, xi)) / N + 2 * W / N.",
        "W_new = W + (np.outer(xi, xi) - np.outer(xi, h) - np.outer(h, xi) + 2 * W) / N, then "
        "np.fill_diagonal(W_new, 0) and return W_new (work on a new array, not on W).",
    ],
    reference=storkey_update,
    cases=_storkey_cases,
    mistakes=[
        Mistake("the diagonal should stay zero: after the update set W_new[i, i] = 0 "
                "(np.fill_diagonal(W_new, 0)).", wrong=_storkey_diagonal_kept),
        Mistake("you used the full field h_i, but Storkey's h_ij leaves out neuron j: h_ij = h_i - W_ij xi_j. "
                "That adds 2 W_ij / N to the update.", wrong=_storkey_full_field),
        Mistake("this is Hebb's update (xi_i xi_j / N only): Storkey's rule also subtracts xi_i h_ji + h_ij xi_j, "
                "the crosstalk the new pattern sees.", wrong=_storkey_hebb),
        Mistake("the change is N times too large: divide it by N.", wrong=_storkey_no_division),
        Mistake("your weights are not symmetric: subtract both crosstalk terms, xi_i h_ji and h_ij xi_j.",
                test=lambda result, expected, case: _symmetric_square(result)
                and np.shape(result) == np.shape(expected)
                and not np.allclose(np.asarray(result, float), np.asarray(result, float).T)),
    ],
    explain="Fold it over the patterns from W = 0 and you get hl.storkey; the first step is Hebb's rule.",
))


# --------------------------------------------------------------------------- projection rule


def projection_rule(xi):
    """The projection (pseudo-inverse) rule W = xi.T C^-1 xi / N, C = xi xi.T / N, zero diagonal."""
    return pseudo_inverse(xi)


def _projector(xi):
    xi = np.asarray(xi, dtype=float)
    n = xi.shape[1]
    return xi.T @ np.linalg.pinv(xi @ xi.T / n) @ xi / n


def _projection_cases():
    rng = _rng(802)
    return [
        Case((_spins(rng, 1, 6),), label="one pattern", sizes={"P": 1, "N": 6}),
        Case((_spins(rng, 3, 7),), label="three random patterns", sizes={"P": 3, "N": 7}),
        Case((letters.letters("OQCG"),), label="the correlated letters O, Q, C, G", sizes={"P": 4, "N": 100}),
        Case((np.array([[1, -1, 1, 1, -1], [1, 1, -1, 1, 1]]),), label="integer patterns", sizes={"P": 2, "N": 5}),
        Case((np.array([[1.0]]),), label="N = 1", sizes={"P": 1, "N": 1}),
    ]


register(FunctionExercise(
    "learning_rules.projection",
    title="The projection (pseudo-inverse) rule",
    notebook=NOTEBOOK,
    hints=[
        "Two steps: the (P, P) matrix of overlaps C = xi @ xi.T / N, then W = xi.T @ C^-1 @ xi / N.",
        "Invert C with np.linalg.inv(C) (the patterns here are linearly independent; np.linalg.pinv also "
        "works). Convert xi to float first. Then set the diagonal of W to zero.",
        "xi = np.asarray(xi, dtype=float); N = xi.shape[1]; C = xi @ xi.T / N; "
        "W = xi.T @ np.linalg.inv(C) @ xi / N; np.fill_diagonal(W, 0); return W.",
    ],
    reference=projection_rule,
    cases=_projection_cases,
    mistakes=[
        Mistake("your matrix has shape (P, P): that is C or its inverse. The weights "
                "W = xi.T C^-1 xi / N have shape (N, N).",
                test=lambda result, expected, case: np.ndim(result) == 2
                and _shape(result) == (case.sizes["P"],) * 2 and case.sizes["P"] != case.sizes["N"]),
        Mistake("the diagonal should be zero: the projector itself has Pi_ii > 0 on its diagonal; "
                "remove it with np.fill_diagonal(W, 0).", wrong=_projector),
        Mistake("your weights are N times too small: C = xi @ xi.T / N includes the 1/N "
                "(you inverted xi @ xi.T instead of xi @ xi.T / N).",
                wrong=lambda xi: _zero_diag(_projector(xi) / np.shape(xi)[1])),
        Mistake("your weights are N times too large: divide xi.T @ C^-1 @ xi by N.",
                wrong=lambda xi: _zero_diag(_projector(xi) * np.shape(xi)[1])),
        Mistake("you inverted the (N, N) matrix xi.T @ xi / N; the rule inverts the (P, P) overlap "
                "matrix C = xi @ xi.T / N and puts it between xi.T and xi.",
                wrong=lambda xi: _zero_diag(np.linalg.pinv(np.asarray(xi, float).T @ np.asarray(xi, float)
                                                          / np.shape(xi)[1]))),
        Mistake("this is Hebb's rule: it assumes orthogonal patterns. Put C^-1 between xi.T and xi.",
                wrong=hebbian),
    ],
    explain="For one pattern, or orthogonal ones, C = I and the rule is Hebb's; C^-1 decorrelates the rest.",
))


# --------------------------------------------------------------------------- aligned fields


def aligned_fields(W, xi):
    """lambda[mu, i] = xi[mu, i] * (W @ xi[mu])[i], an array of shape (P, N)."""
    return _aligned_fields(W, xi)


def _aligned_cases():
    rng = _rng(803)
    xi1 = _spins(rng, 3, 7)
    xi2 = letters.letters("OQCG")
    xi3 = _spins(rng, 1, 5)
    xi4 = _spins(rng, 6, 8)
    return [
        Case((hebbian(xi1), xi1), label="Hebb's weights, three patterns", sizes={"P": 3, "N": 7}),
        Case((pseudo_inverse(xi2), xi2), label="projection rule, four letters", sizes={"P": 4, "N": 100}),
        Case((hebbian(xi3), xi3), label="one pattern", sizes={"P": 1, "N": 5}),
        Case((storkey(xi4), xi4), label="Storkey's weights, six patterns", sizes={"P": 6, "N": 8}),
        Case((np.zeros((1, 1)), np.array([[1.0]])), label="N = 1", sizes={"P": 1, "N": 1}),
    ]


register(FunctionExercise(
    "learning_rules.aligned_fields",
    title="Aligned fields of the stored patterns",
    notebook=NOTEBOOK,
    hints=[
        "The field of pattern mu is h^mu = W @ xi[mu]; the aligned field multiplies it, neuron by neuron, "
        "by the pattern's own bit xi[mu, i].",
        "All patterns at once: the fields are xi @ W.T (row mu is W @ xi[mu]), shape (P, N). Then multiply "
        "elementwise with *, not with @.",
        "return xi * (xi @ W.T)",
    ],
    reference=aligned_fields,
    cases=_aligned_cases,
    mistakes=[
        Mistake("you returned the fields h, not the aligned fields: multiply them elementwise by the "
                "patterns (xi * h).", wrong=lambda W, xi: np.asarray(xi, float) @ np.asarray(W, float).T),
        Mistake("your result is transposed: return one row per pattern, shape (P, N).",
                wrong=lambda W, xi: _aligned_fields(W, xi).T),
        Mistake("you combined the patterns with a matrix product (@); multiply the fields by the patterns "
                "elementwise (*) to keep one number per pattern and neuron.",
                test=lambda result, expected, case: np.ndim(result) == 2
                and _shape(result) in {(case.sizes["P"],) * 2, (case.sizes["N"],) * 2}
                and case.sizes["P"] != case.sizes["N"]),
        Mistake("keep one number per pattern AND neuron, shape (P, N): do not sum or average.",
                test=lambda result, expected, case: np.size(result) in {case.sizes["P"], case.sizes["N"], 1}
                and np.size(expected) > 1),
    ],
    explain="Bit i of pattern mu is stable exactly when its aligned field is positive.",
))


# --------------------------------------------------------------------------- projection margin

register(ValueExercise(
    "learning_rules.projection_margin",
    title="The projection rule's margin, without computing",
    notebook=NOTEBOOK,
    hints=[
        "With the zero diagonal, W xi^mu = xi^mu - diag(Pi) xi^mu, so the aligned field of bit i is "
        "1 - Pi_ii, the same for every pattern.",
        "The diagonal of a projector onto a P-dimensional space sums to its trace, P. What is the average "
        "of Pi_ii over the N neurons?",
        "The average of Pi_ii is P/N = 60/200 = 0.3; the average aligned field is 1 - 0.3.",
    ],
    expected=0.7,
    atol=0.005,
    mistakes=[
        Mistake("1.0 is the aligned field with the diagonal kept (Pi xi = xi). The zero diagonal removes "
                "Pi_ii xi_i from every field.", wrong=1.0),
        Mistake("0.3 = P/N is the average of Pi_ii, the part the zero diagonal removes; the aligned field "
                "is what is left of 1.", wrong=0.3),
        Mistake("that is the average of Hebb's aligned field, (N - 1)/N; the projection rule has no crosstalk "
                "but loses Pi_ii instead.", wrong=199 / 200),
    ],
    explain="Every bit of every stored pattern has margin 1 - Pi_ii, about 1 - alpha: stable for any P < N, "
            "but thinner and thinner as alpha -> 1.",
))


# --------------------------------------------------------------------------- largest load

MEASURED_LOADS = np.array([0.20, 0.24, 0.28, 0.32, 0.36, 0.40])
"""Loads of the measurement in the largest-load exercise."""

MEASURED_FRACTIONS = np.array([
    [1.00, 1.00, 0.98, 0.94, 0.96, 0.74],
    [1.00, 0.99, 0.96, 0.90, 0.95, 0.68],
    [1.00, 0.98, 0.97, 0.89, 0.97, 0.68],
])
"""Stable fractions of three seeds (rows) at ``MEASURED_LOADS``; seed averages 1.00, 0.99, 0.97, 0.91, 0.96, 0.70."""


def _per_seed_answers():
    return [_largest_load(MEASURED_LOADS, row) for row in MEASURED_FRACTIONS]


_LARGEST = _largest_load(MEASURED_LOADS, MEASURED_FRACTIONS)
_AFTER_THE_DROP = 0.36 + 0.04 * (0.96 - 0.95) / (0.96 - 0.70)  # interpolating at the second drop


def _close_to(value, targets, atol=0.002):
    try:
        v = float(np.asarray(value, dtype=float))
    except (TypeError, ValueError):
        return False
    return any(abs(v - t) <= atol for t in targets)


register(ValueExercise(
    "learning_rules.largest_load",
    title="Read the largest load off a measurement",
    notebook=NOTEBOOK,
    hints=[
        "Average the three seeds first (one curve), then find the first load where that curve is below 0.95.",
        "The averaged curve is 1.00, 0.99, 0.97, 0.91, 0.96, 0.70: it first drops below 0.95 between 0.28 "
        "(0.97) and 0.32 (0.91). What comes after the first drop does not count.",
        "Interpolate linearly: 0.28 + (0.32 - 0.28) * (0.97 - 0.95) / (0.97 - 0.91).",
    ],
    expected=_LARGEST,
    atol=0.002,
    mistakes=[
        Mistake("0.28 is the last grid load that passed; the definition interpolates between it and the first "
                "load that failed (0.32).", wrong=0.28),
        Mistake("0.32 is the first grid load that failed; the largest load lies between 0.28 and 0.32 "
                "(interpolate).", wrong=0.32),
        Mistake("you went on after the curve had already dropped below 0.95 at alpha = 0.32; the definition "
                "stops at the first drop (the recovery at 0.36 is a lucky fluctuation, and 0.40 is just the "
                "last load tried).",
                test=lambda answer, expected: _close_to(answer, [0.36, 0.40, _AFTER_THE_DROP])),
        Mistake("you used the curve of one seed; average the three seeds at each load first.",
                test=lambda answer, expected: _close_to(answer, [v for v in _per_seed_answers()
                                                                 if abs(v - _LARGEST) > 0.002])),
    ],
    explain="This is hl.measure.largest_load(loads, fractions, 0.95), the definition behind the lecture's capacity table.",
))
