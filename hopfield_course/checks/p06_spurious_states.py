"""Checks for practice 6 (``06_spurious_states``): mixture states, their overlaps and energies,
the energy from overlaps, and the classification of end states.

Notation of lecture 6: patterns ``xi`` of shape ``(P, N)``, a state ``s`` of shape ``(N,)``,
overlaps ``m_mu = xi^mu . s / N``; Hebbian weights with zero diagonal, so that
``E(s) = -N/2 sum_mu m_mu^2 + P/2``.
"""

from __future__ import annotations

import numpy as np

from . import register
from ._core import Case, FunctionExercise, Mistake, ValueExercise, describe_value
from ._cases import _rng, _spins

NOTEBOOK = "06_spurious_states"


def _shape(x):
    return np.shape(np.asarray(x, dtype=float))


# --------------------------------------------------------------------------- the 3-mixture state


def mixture_state(xi):
    """The symmetric 3-mixture sign(xi^1 + xi^2 + xi^3) of the first three patterns, shape (N,)."""
    return np.sign(xi[0] + xi[1] + xi[2])


def _mixture_state_cases():
    rng = _rng(601)
    return [
        Case((_spins(rng, 5, 12),), label="P = 5 patterns of N = 12 neurons", sizes={"P": 5, "N": 12}),
        Case((_spins(rng, 3, 9),), label="exactly three patterns", sizes={"P": 3, "N": 9}),
        Case((_spins(rng, 4, 7),), label="P = 4 (even), only the first three are mixed", sizes={"P": 4, "N": 7}),
        Case((np.array([[1.0], [-1.0], [-1.0]]),), label="N = 1", sizes={"P": 3, "N": 1}),
    ]


register(FunctionExercise(
    "spurious.mixture_state",
    title="Build the symmetric 3-mixture state",
    notebook=NOTEBOOK,
    hints=[
        "At each neuron the mixture takes the majority vote of the first three patterns.",
        "Add the first three rows, xi[0] + xi[1] + xi[2] (shape (N,)), then take the sign of the sum; "
        "with three ±1 values the sum is ±1 or ±3, never 0.",
        "`return np.sign(xi[0] + xi[1] + xi[2])` (or `np.sign(xi[:3].sum(axis=0))`).",
    ],
    reference=mixture_state,
    cases=_mixture_state_cases,
    mistakes=[
        Mistake("you returned the sum ξ¹ + ξ² + ξ³ itself (values ±1 and ±3): take its sign to get a ±1 state.",
                wrong=lambda xi: xi[0] + xi[1] + xi[2]),
        Mistake("you summed over the neurons (axis=1) instead of over the patterns (axis=0): the mixture "
                "has one value per neuron, shape (N,).",
                test=lambda r, e, c: _shape(r) in {(3,), (c.sizes["P"],)} and _shape(r) != _shape(e)),
        Mistake("you mixed all P patterns: take only the first three, xi[0], xi[1] and xi[2].",
                wrong=lambda xi: np.sign(xi.sum(axis=0))),
        Mistake("you mixed rows 1, 2 and 3: Python counts from 0, so the first three patterns are "
                "xi[0], xi[1] and xi[2].",
                wrong=lambda xi: np.sign(xi[1] + xi[2] + xi[3])),
        Mistake("your state has zeros: you mixed an even number of patterns (e.g. sign(ξ¹ + ξ²)), whose sum "
                "is 0 wherever they disagree. Mix three.",
                test=lambda r, e, c: _shape(r) == _shape(e) and np.any(np.asarray(r, dtype=float) == 0)),
        Mistake("your state is the reverse of the mixture: sign(ξ¹ + ξ² + ξ³), not −sign(...).",
                wrong=lambda xi: -np.sign(xi[0] + xi[1] + xi[2])),
    ],
    explain="At a quarter of the neurons all three patterns agree; elsewhere two outvote one.",
))


# --------------------------------------------------------------------------- its overlap


register(ValueExercise(
    "spurious.mixture_overlap",
    title="Predict the overlap of the 3-mixture with each of its patterns",
    notebook=NOTEBOOK,
    hints=[
        "At a neuron the three patterns either all agree (probability 1/4) or two agree against one "
        "(probability 3/4). What is s · (ξ¹ + ξ² + ξ³) in each case?",
        "All agree: s · (ξ¹ + ξ² + ξ³) = 3; two against one: it is 1. So m₁ + m₂ + m₃ = 1/4 · 3 + 3/4 · 1; "
        "by symmetry the three overlaps are equal.",
        "m₁ + m₂ + m₃ = 3/2, so each m = 1/2. (Check: ξ¹ agrees with s at 3/4 of the neurons, m = 3/4 − 1/4.)",
    ],
    expected=0.5,
    atol=1e-3,
    mistakes=[
        Mistake("0.75 is the fraction of neurons where ξ¹ agrees with the mixture; the overlap counts "
                "agreements minus disagreements, 3/4 − 1/4.", wrong=0.75),
        Mistake("1/4 is the probability that all three patterns agree at a neuron; the overlap is larger: "
                "ξ¹ also agrees with s when it is one of the two in a 2-against-1 vote.", wrong=0.25),
        Mistake("3/2 is the sum m₁ + m₂ + m₃; the question asks for each overlap alone.", wrong=1.5),
        Mistake("the overlaps do not split 1 three ways: their sum is 3/2, not 1.", wrong=1 / 3),
    ],
    explain="m = 1/2 with each of ξ¹, ξ², ξ³ (Amit, Gutfreund & Sompolinsky 1985).",
))


register(ValueExercise(
    "spurious.mixture_overlap_5",
    title="The same for the symmetric 5-mixture",
    notebook=NOTEBOOK,
    hints=[
        "ξ¹ agrees with the majority of five unless at least three of the other four disagree with it.",
        "P(ξ¹ agrees) = 1 − P(3 or 4 of the other four disagree) = 1 − (4 + 1)/16 = 11/16; "
        "the overlap is P(agree) − P(disagree).",
        "m = 11/16 − 5/16 = 6/16 = 3/8. In general m_n = C(n−1, (n−1)/2) / 2^(n−1).",
    ],
    expected=0.375,
    atol=1e-3,
    mistakes=[
        Mistake("1/2 is the overlap of the 3-mixture; with five patterns each one has less say.", wrong=0.5),
        Mistake("11/16 is the fraction of neurons where ξ¹ agrees with the 5-mixture; the overlap is "
                "agreements minus disagreements, 11/16 − 5/16.", wrong=11 / 16),
        Mistake("the overlaps do not split 1 five ways: m = P(agree) − P(disagree).", wrong=0.2),
        Mistake("5/16 is the overlap of the 7-mixture.", wrong=5 / 16),
    ],
    explain="m₅ = 3/8: the more patterns a mixture has, the less it resembles each of them.",
))


# --------------------------------------------------------------------------- its energy


register(ValueExercise(
    "spurious.mixture_energy",
    title="Predict the energy per neuron of the 3-mixture",
    notebook=NOTEBOOK,
    hints=[
        "Use E(s) = −N/2 Σ_μ m_μ² + P/2 and divide by N; at low load and large N, P/(2N) → 0.",
        "The three mixed patterns have m = 1/2; every other overlap is of order 1/√N and their squares "
        "add up to about (P − 3)/N → 0.",
        "E/N = −½ (3 · (1/2)²) = −3/8.",
    ],
    expected=-0.375,
    atol=2e-3,
    mistakes=[
        Mistake("−1/2 is the energy per neuron of a stored pattern (m = 1 with one pattern); the mixture "
                "sits higher.", wrong=-0.5),
        Mistake("−3/4 is twice the answer: either you dropped the ½ of E = −½ sᵀWs, or you summed the "
                "overlaps m_μ instead of their squares m_μ².", wrong=-0.75),
        Mistake("you used only one overlap: E/N = −½ Σ_μ m_μ² sums over all three mixed patterns.",
                wrong=-0.125),
        Mistake("you squared the sum of the overlaps, (m₁ + m₂ + m₃)²; the energy has the sum of the squares.",
                wrong=-1.125),
        Mistake("the sign: a stable state has a negative energy, E = −½ sᵀWs.", wrong=0.375),
    ],
    explain="−3/8 against −1/2 for a pattern: mixtures are shallower minima.",
))


# --------------------------------------------------------------------------- energy from overlaps


def energy_from_overlaps(m, N):
    """E = -N/2 sum_mu m_mu^2 + P/2 for overlaps m of shape (P,) -> number, or (B, P) -> (B,)."""
    m = np.asarray(m, dtype=float)
    return -0.5 * N * np.sum(m**2, axis=-1) + 0.5 * m.shape[-1]


def _energy_cases():
    rng = _rng(611)

    def overlaps(p, n, b=None):
        xi = _spins(rng, p, n)
        s = _spins(rng, n) if b is None else _spins(rng, b, n)
        return s @ xi.T / n

    return [
        Case((overlaps(3, 20), 20), label="P = 3 overlaps, N = 20", sizes={"P": 3}),
        Case((overlaps(5, 12, 4), 12), label="a batch of B = 4 states, P = 5", sizes={"B": 4, "P": 5}),
        Case((np.array([1.0]), 30), label="one pattern, the state is the pattern", sizes={"P": 1}),
        Case((np.array([1.0, -1.0]), 1), label="N = 1", sizes={"P": 2}),
    ]


register(FunctionExercise(
    "spurious.energy_from_overlaps",
    title="The energy of a Hebbian network from the overlaps",
    notebook=NOTEBOOK,
    hints=[
        "Write sᵀWs with W = ξᵀξ/N: it is Σ_μ (ξ^μ · s)²/N = N Σ_μ m_μ², minus what the zero diagonal removes.",
        "The diagonal of ξᵀξ/N is P/N at every neuron, so removing it takes N · P/N = P out of sᵀWs "
        "(s_i² = 1). Then E = −½ sᵀWs.",
        "`return -0.5 * N * np.sum(m**2, axis=-1) + 0.5 * m.shape[-1]` (axis=-1 sums over the patterns "
        "for one state and for a batch).",
    ],
    reference=energy_from_overlaps,
    cases=_energy_cases,
    returns="array",
    mistakes=[
        Mistake("you left out the diagonal correction +P/2: the Hebbian W has a zero diagonal, which takes "
                "P/N out of each of the N terms s_i W_ii s_i.",
                wrong=lambda m, N: -0.5 * N * np.sum(np.asarray(m) ** 2, axis=-1)),
        Mistake("the diagonal term has the wrong sign: removing the (positive) diagonal raises the energy "
                "by P/2.",
                wrong=lambda m, N: -0.5 * N * np.sum(np.asarray(m) ** 2, axis=-1) - 0.5 * np.shape(m)[-1]),
        Mistake("your energy is off by a factor of 2: E = −½ sᵀWs.",
                wrong=lambda m, N: 2 * energy_from_overlaps(m, N)),
        Mistake("you returned the energy per neuron E/N; return E itself (multiply by N).",
                wrong=lambda m, N: energy_from_overlaps(m, N) / N),
        Mistake("for a batch (B, P) sum over the patterns only (axis=-1): one energy per state, shape (B,).",
                test=lambda r, e, c: np.ndim(e) == 1 and np.size(r) == 1),
        Mistake("you summed the overlaps, not their squares: E = −N/2 Σ_μ m_μ² + P/2.",
                wrong=lambda m, N: -0.5 * N * np.sum(np.asarray(m), axis=-1) + 0.5 * np.shape(m)[-1]),
    ],
    explain="The energy of any state depends only on its overlaps: reversing every overlap changes nothing.",
))


# --------------------------------------------------------------------------- classify an end state

KINDS = ("pattern", "reversed", "mixture", "other")


def classify(xi, s):
    """'pattern', 'reversed', 'mixture' or 'other' for the state s (N,) of a network storing xi (P, N)."""
    xi = np.asarray(xi, dtype=float)
    s = np.asarray(s, dtype=float)
    n = s.shape[0]
    m = xi @ s / n
    if m.max() >= 0.9:
        return "pattern"
    if m.min() <= -0.9:
        return "reversed"
    if len(m) >= 3:
        top = np.argsort(-np.abs(m), kind="stable")[:3]
        mix = np.sign(np.sign(m[top]) @ xi[top])
        if mix @ s / n >= 0.9:
            return "mixture"
    return "other"


class _LabelExercise(FunctionExercise):
    """A function exercise whose answer is one of a few labels (strings)."""

    def __init__(self, *args, labels, **kwargs):
        super().__init__(*args, **kwargs)
        self.labels = tuple(labels)

    def _compare(self, result, expected, case, close):
        if not isinstance(result, str):
            return (f"expected one of the strings {', '.join(repr(k) for k in self.labels)}, but your function "
                    f"returned {describe_value(result)}")
        answer = result.strip().lower()
        if answer not in self.labels:
            return f"your function returned {result!r}; the kinds are {', '.join(repr(k) for k in self.labels)}"
        if answer == expected:
            return None
        return self._mistake_message(answer, expected, case, close) or (
            f"your function returned {answer!r}, expected {expected!r}")


def _classify_cases():
    rng = _rng(621)
    n = 100
    xi = _spins(rng, 6, n)
    edge = xi[2].copy()
    edge[rng.choice(n, 5, replace=False)] *= -1  # 5 of 100 bits off: m = 0.9 exactly
    mix = np.sign(xi[0] - xi[3] + xi[5])
    noisy_mix = mix.copy()
    noisy_mix[rng.choice(n, 3, replace=False)] *= -1
    small = _spins(rng, 2, 40)
    return [
        Case((xi, _spins(rng, n)), label="a random state", sizes={"P": 6, "N": 100}),
        Case((xi, xi[4]), label="a stored pattern", sizes={"P": 6, "N": 100}),
        Case((xi, -xi[1]), label="a reversed pattern", sizes={"P": 6, "N": 100}),
        Case((xi, edge), label="5 of 100 bits off a pattern: m = 0.9 exactly", sizes={"P": 6, "N": 100}),
        Case((xi, -edge), label="its reverse: m = -0.9 exactly", sizes={"P": 6, "N": 100}),
        Case((xi, mix), label="the mixture sign(ξ¹ − ξ⁴ + ξ⁶), with a reversed pattern in it",
             sizes={"P": 6, "N": 100}),
        Case((xi, noisy_mix), label="that mixture with 3 bits off", sizes={"P": 6, "N": 100}),
        Case((small, _spins(rng, 40)), label="P = 2: too few patterns for a 3-mixture", sizes={"P": 2, "N": 40}),
        Case((small, small[1]), label="P = 2, a stored pattern", sizes={"P": 2, "N": 40}),
    ]


register(_LabelExercise(
    "spurious.classify",
    title="Classify an end state",
    notebook=NOTEBOOK,
    labels=KINDS,
    hints=[
        "Start from the overlaps m = xi @ s / N, one per pattern; the first rule that applies decides.",
        "Pattern: m.max() >= 0.9; reversed: m.min() <= -0.9. For the mixture take the three patterns with "
        "the largest |m| (np.argsort(-np.abs(m))[:3]) and keep their signs: a mixture may contain a "
        "reversed pattern.",
        "mix = np.sign(np.sign(m[top]) @ xi[top]); it is a mixture if mix @ s / N >= 0.9 (and P >= 3); "
        "otherwise 'other'.",
    ],
    reference=classify,
    cases=_classify_cases,
    mistakes=[
        Mistake("you called a reversed pattern a 'pattern': its overlap is −1, not +1. Test m.max() >= 0.9 "
                "for a pattern and m.min() <= −0.9 for a reversed one.",
                test=lambda r, e, c: e == "reversed" and r == "pattern"),
        Mistake("an overlap of exactly ±0.9 counts (5 % of the bits off): use >= 0.9 and <= −0.9, not strict "
                "inequalities.",
                test=lambda r, e, c: "exactly" in c.label and r != e),
        Mistake("you missed a reversed pattern: check the most negative overlap too, m.min() <= −0.9.",
                test=lambda r, e, c: e == "reversed" and r in ("other", "mixture")),
        Mistake("this mixture contains a reversed pattern, sign(ξ¹ − ξ⁴ + ξ⁶): pick the three patterns with "
                "the largest |m| and keep the signs of their overlaps.",
                test=lambda r, e, c: e == "mixture" and r == "other"),
        Mistake("a random state is not a mixture: compare the state with the majority vote of its three "
                "closest patterns, and call it a mixture only if that overlap is >= 0.9.",
                test=lambda r, e, c: e == "other" and r == "mixture"),
        Mistake("did you divide the overlaps by N? Without it every overlap is far above 0.9.",
                test=lambda r, e, c: r == "pattern" and e != "pattern"),
    ],
    explain="This is the rule of spurious.classify_states (which also allows weighted mixtures of 4 or 5).",
))
