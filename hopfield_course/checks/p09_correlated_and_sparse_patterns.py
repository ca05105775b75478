"""Checks for practice 9 (``09_correlated_and_sparse_patterns``): which rules store real
images, and the covariance rule for biased patterns.

Notation of lectures 8 and 9: patterns ``xi`` of shape ``(P, N)``, weights ``W`` of shape
``(N, N)`` (symmetric, zero diagonal), mean activity ``a`` (``P(xi_i = +1) = (1 + a) / 2``).
"""

from __future__ import annotations

import numpy as np

from hopfield_lib import datasets
from hopfield_lib.measure import stable_fraction
from hopfield_lib.rules import covariance as _covariance
from hopfield_lib.rules import hebbian, pseudo_inverse, storkey
from . import register
from ._core import Case, FunctionExercise, Mistake, ValueExercise
from ._cases import _rng, _zero_diag

NOTEBOOK = "09_correlated_and_sparse_patterns"


def _spins(rng, *shape, a=0.0):
    return np.where(rng.random(shape) < (1 + a) / 2, 1.0, -1.0)


def _shape(x):
    return np.shape(np.asarray(x))


def _symmetric_square(result) -> bool:
    r = np.asarray(result, dtype=float)
    return r.ndim == 2 and r.shape[0] == r.shape[1]


# --------------------------------------------------------------------------- which rules store the digits


def _which_rules_store():
    xi = datasets.digit_prototypes()
    return np.array([stable_fraction(rule(xi), xi) == 1.0 for rule in (hebbian, storkey, pseudo_inverse)])


register(ValueExercise(
    "correlated.which_rules_store",
    title="Which rules store the ten digits?",
    notebook=NOTEBOOK,
    hints=[
        "The ten digit prototypes overlap by about 0.47 on average and are biased (30 % ink): think of "
        "what each rule assumes about the overlaps before you compute.",
        "A pattern is stored when it is a fixed point: hl.measure.stable_fraction(W, xi) == 1.0 means all "
        "ten are. Build W with hl.hebbian, hl.storkey and hl.pseudo_inverse.",
        "stores = np.array([hl.measure.stable_fraction(rule(xi), xi) == 1.0 for rule in "
        "(hl.hebbian, hl.storkey, hl.pseudo_inverse)])",
    ],
    expected=_which_rules_store,
    mistakes=[
        Mistake("Hebb's rule does not store them: with overlaps near 0.5 its crosstalk from nine other digits "
                "swamps the signal. Check with hl.measure.stable_fraction(hl.hebbian(xi), xi).",
                test=lambda answer, expected: np.asarray(answer, dtype=float).shape == (3,)
                and bool(np.asarray(answer)[0])),
        Mistake("Storkey's rule keeps only 3 of the 10: its correction is first order in the overlaps, which "
                "are not small here.",
                test=lambda answer, expected: np.asarray(answer, dtype=float).shape == (3,)
                and bool(np.asarray(answer)[1])),
        Mistake("the projection rule does store all ten: W xi = xi - diag(Pi) xi holds for any linearly "
                "independent set, however correlated.",
                test=lambda answer, expected: np.asarray(answer, dtype=float).shape == (3,)
                and not bool(np.asarray(answer)[2])),
    ],
    explain="Only the exact decorrelation by C^-1 copes with overlaps this large.",
))


# --------------------------------------------------------------------------- covariance rule


def covariance_rule(xi, a):
    """The covariance rule W = sum_mu (xi^mu - a)(xi^mu - a)^T / N with a zero diagonal."""
    return _covariance(xi, a)


def _covariance_cases():
    rng = _rng(804)
    return [
        Case((_spins(rng, 5, 8, a=0.5), 0.5), label="biased patterns, a = 0.5", sizes={"P": 5, "N": 8}),
        Case((_spins(rng, 4, 9, a=-0.4), -0.4), label="a negative bias, a = -0.4", sizes={"P": 4, "N": 9}),
        Case((_spins(rng, 3, 7), 0.0), label="a = 0 (Hebb's rule)", sizes={"P": 3, "N": 7}),
        Case((_spins(rng, 1, 6, a=0.3), 0.3), label="one pattern", sizes={"P": 1, "N": 6}),
        Case((np.array([[1.0]]), 0.2), label="N = 1", sizes={"P": 1, "N": 1}),
    ]


def _one_side(xi, a):
    xi = np.asarray(xi, dtype=float)
    return _zero_diag((xi - a).T @ xi / xi.shape[1])


register(FunctionExercise(
    "correlated.covariance",
    title="The covariance rule for biased patterns",
    notebook=NOTEBOOK,
    hints=[
        "Subtract the mean activity a from every entry of the patterns first, then apply Hebb's rule "
        "to what is left.",
        "d = xi - a has shape (P, N); Hebb's rule on d is d.T @ d / N. Do not forget the zero diagonal.",
        "d = np.asarray(xi, dtype=float) - a; W = d.T @ d / xi.shape[1]; np.fill_diagonal(W, 0); return W.",
    ],
    reference=covariance_rule,
    cases=_covariance_cases,
    mistakes=[
        Mistake("you subtracted a from only one of the two factors: use (xi_i - a)(xi_j - a); your weights are "
                "not symmetric.", wrong=_one_side),
        Mistake("the diagonal should be zero: np.fill_diagonal(W, 0).",
                wrong=lambda xi, a: (np.asarray(xi, float) - a).T @ (np.asarray(xi, float) - a) / np.shape(xi)[1]),
        Mistake("this is Hebb's rule: subtract the mean activity a from the patterns first.",
                wrong=lambda xi, a: hebbian(xi)),
        Mistake("you subtracted the mean of your patterns, not the given a: use the argument a (the mean "
                "activity the patterns were drawn with).", wrong=lambda xi, a: _covariance(xi, None)),
        Mistake("you subtracted the mean of each neuron over the patterns, not the given a.",
                wrong=lambda xi, a: _covariance(xi, np.asarray(xi, float).mean(axis=0))),
        Mistake("you divided by P instead of N.",
                wrong=lambda xi, a: _covariance(xi, a) * np.shape(xi)[1] / np.shape(xi)[0]),
    ],
    explain="Use it with the threshold theta = -a (1 - a^2) (rules.covariance_threshold) to centre the signal.",
))
