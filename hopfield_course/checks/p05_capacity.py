"""Checks for practice 5 (``05_capacity``): crosstalk, error rates, perfect and approximate recall.

Notation of lecture 5: ``patterns`` (``xi``) has shape ``(P, N)``, Hebb's rule
``W = xi.T @ xi / N`` with a zero diagonal, the crosstalk of bit i of pattern
mu is ``C_i^mu = (1/N) sum_{nu != mu} sum_{j != i} xi_i^mu xi_i^nu xi_j^nu xi_j^mu``,
and the first-step error rate is predicted as ``Phi(-sqrt(N/P))``.
"""

from __future__ import annotations

import math

import numpy as np

from hopfield_lib.dynamics import will_flip

from . import register
from ._core import Case, FunctionExercise, Mistake, ValueExercise
from ._cases import _hebb, _rng, _spins

NOTEBOOK = "05_capacity"


def _phi(x):
    """Standard normal CDF of a number."""
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


def _near(a, b, tol):
    return abs(float(a) - float(b)) <= tol


# --------------------------------------------------------------------------- crosstalk


def crosstalk(patterns, mu, i):
    """C_i^mu = (1/N) sum_{nu != mu} sum_{j != i} xi_i^mu xi_i^nu xi_j^nu xi_j^mu (a float)."""
    xi = np.asarray(patterns, dtype=float)
    n = xi.shape[1]
    others = np.delete(xi, mu, axis=0)  # (P-1, N)
    agree = others @ xi[mu] - others[:, i] * xi[mu, i]  # sum over j != i, one per nu
    return float(xi[mu, i] * (others[:, i] @ agree) / n)


def _crosstalk_all_terms(patterns, mu, i):
    xi = np.asarray(patterns, dtype=float)
    n = xi.shape[1]
    return float(xi[mu, i] * (xi[:, i] @ (xi @ xi[mu])) / n)


def _crosstalk_cases():
    rng = _rng(501)
    random = _spins(rng, 6, 9)
    from hopfield_lib.letters import letters

    lett = letters("HOPE")
    return [
        Case((random, 2, 0), label="P = 6 random patterns of N = 9 neurons, mu = 2, i = 0", sizes={"P": 6, "N": 9}),
        Case((random, 5, 7), label="P = 6, N = 9, mu = 5, i = 7 (a bit that is -1)", sizes={"P": 6, "N": 9}),
        Case((random, 0, 7), label="P = 6, N = 9, mu = 0, i = 7", sizes={"P": 6, "N": 9}),
        Case((random, 5, 0), label="P = 6, N = 9, the last pattern and the first neuron", sizes={"P": 6, "N": 9}),
        Case((_spins(rng, 1, 7), 0, 3), label="one pattern (no other pattern: no crosstalk)", sizes={"P": 1, "N": 7}),
        Case((_spins(rng, 8, 5), 3, 1), label="more patterns than neurons, P = 8, N = 5", sizes={"P": 8, "N": 5}),
        Case((lett, 1, 44), label="the letters H, O, P, E (correlated), mu = 1 (O), pixel 44",
             sizes={"P": 4, "N": 100}),
        Case((_spins(rng, 3, 1), 1, 0), label="N = 1 (no other neuron: no crosstalk)", sizes={"P": 3, "N": 1}),
    ]


register(FunctionExercise(
    "capacity.crosstalk",
    title="The crosstalk term of one bit of one stored pattern",
    notebook=NOTEBOOK,
    hints=[
        "Write the field of neuron i when the network sits in pattern μ, h_i = Σ_{j≠i} W_ij ξ^μ_j, with "
        "W_ij = (1/N) Σ_ν ξ^ν_i ξ^ν_j. Multiply by ξ^μ_i: the term ν = μ is the signal (N−1)/N, "
        "everything else is the crosstalk.",
        "Two sums: over the other patterns ν ≠ μ (drop row μ, e.g. `np.delete(patterns, mu, axis=0)`) and over "
        "the other neurons j ≠ i (the diagonal W_ii is zero). For each ν, Σ_{j≠i} ξ^ν_j ξ^μ_j is the dot "
        "product of ξ^ν and ξ^μ minus its j = i term.",
        "`others = np.delete(patterns, mu, axis=0)`; `agree = others @ patterns[mu] - others[:, i] * "
        "patterns[mu, i]`; return `patterns[mu, i] * (others[:, i] @ agree) / N`.",
    ],
    reference=crosstalk,
    cases=_crosstalk_cases,
    returns="number",
    mistakes=[
        Mistake("you summed over all ν and all j: leave out both the pattern itself (ν = μ: that is the "
                "signal) and the term j = i (the diagonal of W is zero).",
                wrong=_crosstalk_all_terms),
        Mistake("you kept the term j = i: the diagonal of W is zero, so leave out j = i "
                "(your value is (P−1)/N too large).",
                wrong=lambda patterns, mu, i: crosstalk(patterns, mu, i) + (np.shape(patterns)[0] - 1) / np.shape(patterns)[1]),
        Mistake("you included ν = μ: that term is the signal (N−1)/N, not crosstalk; sum over the other patterns only.",
                wrong=lambda patterns, mu, i: crosstalk(patterns, mu, i) + (np.shape(patterns)[1] - 1) / np.shape(patterns)[1]),
        Mistake("you forgot the factor ξ^μ_i in front: the crosstalk is measured along the bit it should "
                "support, so that C < −(N−1)/N means the bit flips.",
                wrong=lambda patterns, mu, i: crosstalk(patterns, mu, i) * np.asarray(patterns, dtype=float)[mu, i]),
        Mistake("you divided by P instead of N: the weights are W = ξᵀξ / N.",
                wrong=lambda patterns, mu, i: crosstalk(patterns, mu, i) * np.shape(patterns)[1] / np.shape(patterns)[0]),
        Mistake("you forgot to divide by N.",
                wrong=lambda patterns, mu, i: crosstalk(patterns, mu, i) * np.shape(patterns)[1]),
        Mistake("your sign is flipped: with this sign convention a positive crosstalk helps the bit.",
                wrong=lambda patterns, mu, i: -crosstalk(patterns, mu, i)),
        Mistake("you swapped the roles of μ and i: `patterns[mu]` is pattern μ (a row), `patterns[:, i]` "
                "is neuron i in every pattern (a column).",
                wrong=lambda patterns, mu, i: crosstalk(patterns, i, mu)),
    ],
    explain="For random patterns C has mean 0 and variance (P−1)(N−1)/N² ≈ P/N; for the letters it does not.",
))


# --------------------------------------------------------------------------- predicted error rate


def predicted_error_rate(n_neurons, n_patterns):
    """Phi(-sqrt(N/P)): the Gaussian estimate of the first-step bit error rate."""
    return _phi(-math.sqrt(n_neurons / n_patterns))


def _error_rate_cases():
    return [
        Case((1000, 100), label="N = 1000, P = 100 (alpha = 0.1)"),
        Case((1000, 138), label="N = 1000, P = 138 (alpha = 0.138)"),
        Case((500, 250), label="N = 500, P = 250 (alpha = 0.5)"),
        Case((200, 10), label="N = 200, P = 10 (alpha = 0.05)"),
        Case((100, 400), label="more patterns than neurons, N = 100, P = 400"),
        Case((1, 1), label="N = 1, P = 1"),
    ]


register(FunctionExercise(
    "capacity.predicted_error_rate",
    title="Predict the first-step error rate",
    notebook=NOTEBOOK,
    hints=[
        "A bit flips when its crosstalk C, roughly Gaussian with mean 0 and variance P/N, falls below −1. "
        "What is the probability that a Gaussian falls more than 1/σ standard deviations below its mean?",
        "σ = √(P/N), so the bit flips with probability Φ(−1/σ) = Φ(−√(N/P)), where Φ is the standard normal "
        "CDF. Without scipy: Φ(x) = ½ erfc(−x/√2) (`math.erfc`).",
        "`return 0.5 * math.erfc(math.sqrt(n_neurons / n_patterns) / math.sqrt(2))`, or "
        "`scipy.stats.norm.cdf(-np.sqrt(n_neurons / n_patterns))`.",
    ],
    reference=predicted_error_rate,
    cases=_error_rate_cases,
    returns="number",
    rtol=1e-6,
    atol=1e-12,
    mistakes=[
        Mistake("you used √(P/N) instead of √(N/P): the crosstalk's standard deviation is √(P/N), and the bit "
                "flips when it is 1/σ = √(N/P) standard deviations below its mean.",
                wrong=lambda n_neurons, n_patterns: _phi(-math.sqrt(n_patterns / n_neurons))),
        Mistake("you divided by the variance P/N instead of the standard deviation √(P/N): use Φ(−√(N/P)), "
                "not Φ(−N/P).",
                wrong=lambda n_neurons, n_patterns: _phi(-n_neurons / n_patterns)),
        Mistake("your sign is flipped: that is the probability that the bit is kept, Φ(+√(N/P)); "
                "the error rate is the lower tail Φ(−√(N/P)).",
                wrong=lambda n_neurons, n_patterns: _phi(math.sqrt(n_neurons / n_patterns))),
        Mistake("erfc gives twice the tail: Φ(−x) = ½ erfc(x/√2); you forgot the ½.",
                wrong=lambda n_neurons, n_patterns: 2 * predicted_error_rate(n_neurons, n_patterns)),
        Mistake("Φ(−x) = ½ erfc(x/√2): you forgot to divide x by √2 inside erfc.",
                wrong=lambda n_neurons, n_patterns: 0.5 * math.erfc(math.sqrt(n_neurons / n_patterns))),
        Mistake("you returned a number of bits: give the probability that one bit flips (a number between 0 and ½).",
                wrong=lambda n_neurons, n_patterns: n_neurons * n_patterns * predicted_error_rate(n_neurons, n_patterns)),
    ],
    explain="At alpha_c = 0.138 it is only 0.36 %: the first step alone does not explain the collapse.",
))


# --------------------------------------------------------------------------- measured error rate


def measured_error_rate(W, patterns):
    """Fraction of the P*N stored bits that flip in one synchronous update (a zero field keeps the bit)."""
    xi = np.asarray(patterns, dtype=float)
    h = xi @ np.asarray(W, dtype=float).T  # row mu: W @ xi^mu
    return float(np.mean(will_flip(h, xi)))  # the library's tie rule: a zero field keeps the bit


def _flip_fraction_with_sign(W, patterns):
    xi = np.asarray(patterns, dtype=float)
    return float(np.mean(np.sign(xi @ np.asarray(W, dtype=float).T) != xi))


def _measured_cases():
    # N a power of 2: Hebbian weights k/N are exact binary fractions, so ties are exact zeros.
    rng = _rng(503)
    loaded = _spins(rng, 24, 64)
    even = _spins(rng, 4, 32)
    single = _spins(rng, 1, 16)
    tie_w = np.array([[0.0, 1.0, -1.0], [1.0, 0.0, 1.0], [-1.0, 1.0, 0.0]])
    tie_xi = np.array([[1.0, 1.0, 1.0], [1.0, -1.0, 1.0]])
    return [
        Case((_hebb(loaded), loaded), label="Hebb, P = 24, N = 64 (alpha = 0.375)", sizes={"P": 24, "N": 64}),
        Case((_hebb(even), even), label="Hebb, P = 4 (even: ties), N = 32", sizes={"P": 4, "N": 32}),
        Case((tie_w, tie_xi), label="a small W where some fields are exactly 0 (ties keep the bit)",
             sizes={"P": 2, "N": 3}),
        Case((_hebb(single), single), label="one pattern", sizes={"P": 1, "N": 16}),
        Case((np.zeros((8, 8)), _spins(rng, 3, 8)), label="W = 0: every field is 0, nothing flips",
             sizes={"P": 3, "N": 8}),
    ]


register(FunctionExercise(
    "capacity.measured_error_rate",
    title="Measure the first-step error rate",
    notebook=NOTEBOOK,
    hints=[
        "Start the network in each stored pattern, update every neuron once from the same fields (a synchronous "
        "step) and count the bits that changed. All P patterns at once: `patterns @ W.T` has one row of fields "
        "per pattern.",
        "A bit flips when its field has the opposite sign of the bit, i.e. when ξ_i h_i < 0. A field of exactly "
        "0 keeps the bit (the tie rule) — careful: `np.sign(0)` is 0, which is neither +1 nor −1.",
        "`h = patterns @ W.T`; `return np.mean(h * patterns < 0)`: the mean over all P·N bits.",
    ],
    reference=measured_error_rate,
    cases=_measured_cases,
    returns="number",
    mistakes=[
        Mistake("you counted patterns, not bits: the error rate is the fraction of all P·N bits that flip, "
                "not the fraction of patterns with at least one flipped bit.",
                wrong=lambda W, patterns: float(np.mean(np.any(
                    (np.asarray(patterns) @ np.asarray(W).T) * np.asarray(patterns) < 0, axis=1)))),
        Mistake("a zero field keeps the bit (the tie rule): `np.sign(h) != xi` counts every tie as a flip.",
                wrong=_flip_fraction_with_sign),
        Mistake("you returned the number of flipped bits: divide by P·N to get a fraction.",
                wrong=lambda W, patterns: measured_error_rate(W, patterns) * np.size(patterns)),
        Mistake("you returned a percentage: give a fraction between 0 and 1.",
                wrong=lambda W, patterns: 100 * measured_error_rate(W, patterns)),
        Mistake("you returned the fraction of bits that stay correct: the error rate is 1 minus that.",
                wrong=lambda W, patterns: 1 - measured_error_rate(W, patterns)),
        Mistake("you averaged over the P patterns only (or over the N neurons only): average over every bit "
                "of every pattern.",
                test=lambda result, expected, case: np.size(result) in np.shape(case.args[1]) and np.size(result) > 1),
    ],
    explain="This is `hl.measure.bit_error_rate`; the lecture compares it with Φ(−√(N/P)).",
))


# --------------------------------------------------------------------------- largest perfect load

PERFECT_N = 200
PERFECT_SEEDS = tuple(range(20))
PERFECT_P_MAX = 60


def largest_perfect_load(n_neurons=PERFECT_N, seeds=PERFECT_SEEDS, p_max=PERFECT_P_MAX) -> float:
    """Median over seeds of the largest P before the first P at which some stored pattern is not a fixed point, / N."""
    from hopfield_lib.measure import stable_fraction
    from hopfield_lib.patterns import random_patterns
    from hopfield_lib.rules import hebbian

    largest = []
    for seed in seeds:
        xi = random_patterns(p_max, n_neurons, rng=seed)
        p = 1
        while p < p_max and stable_fraction(hebbian(xi[: p + 1]), xi[: p + 1]) == 1.0:
            p += 1
        largest.append(p)
    return float(np.median(largest)) / n_neurons


#: ``largest_perfect_load()`` with the seeds of the exercise (tests/test_checks_capacity.py recomputes it).
PERFECT_EXPECTED = 0.085
#: 1.5 patterns at N = 200: the median of another 20 networks typically moves by about 1 pattern;
#: McEliece's asymptotic 1/(2 ln N) = 0.094 stays outside.
_PERFECT_TOL = 0.0075


register(ValueExercise(
    "capacity.largest_perfect_load",
    title="The largest load with perfect recall at N = 200",
    notebook=NOTEBOOK,
    hints=[
        "Perfect recall of every stored pattern means: every stored pattern is a fixed point. "
        "`hl.measure.stable_fraction(W, xi[:P]) == 1.0` tests that for the first P patterns.",
        "For each seed, draw `xi = hl.random_patterns(60, 200, rng=seed)`, then increase P from 1 while the first "
        "P + 1 patterns are all fixed points of `hl.hebbian(xi[:P + 1])`; the P where you stop is that network's "
        "largest P.",
        "Collect the 20 largest P's, take `np.median`, and divide by N = 200: the answer is a load, around 0.05–0.1.",
    ],
    expected=PERFECT_EXPECTED,
    atol=_PERFECT_TOL,
    rtol=0.0,
    mistakes=[
        Mistake("that looks like a number of patterns: the load is α = P/N (divide by N = 200).",
                test=lambda answer, expected: float(answer) >= 1.0),
        Mistake("0.138 is the limit of approximate recall (with about 1.6 % wrong bits); every stored pattern "
                "being an exact fixed point fails at a much smaller load. Measure it.",
                test=lambda answer, expected: _near(answer, 0.138, 0.01)),
        Mistake("that is McEliece's asymptotic 1/(4 ln N) (all patterns, N → ∞); at N = 200 the measured load is "
                "clearly larger. Run the experiment.",
                test=lambda answer, expected: _near(answer, 1 / (4 * math.log(PERFECT_N)), 0.004)),
        Mistake("that is McEliece's asymptotic 1/(2 ln N), which is for one given pattern, not for all of them "
                "at once. Run the experiment.",
                test=lambda answer, expected: _near(answer, 1 / (2 * math.log(PERFECT_N)), 0.004)),
        Mistake("too small: did you stop one pattern early, or count from P = 0? Report, for each network, the "
                "last P at which all P stored patterns are fixed points, then the median over the 20 networks.",
                test=lambda answer, expected: 0.0 < float(answer) < expected - _PERFECT_TOL),
    ],
    explain="McEliece et al. (1987): ~N/(4 ln N) as N → ∞, but at N = 200 the finite-N corrections are large.",
))


# --------------------------------------------------------------------------- wrong bits at alpha_c

M_C = 0.967


register(ValueExercise(
    "capacity.wrong_bits_at_alpha_c",
    title="How many bits are wrong in the retrieval state at alpha_c?",
    notebook=NOTEBOOK,
    hints=[
        "The overlap is m = (1/N) Σ_i ξ_i s_i: every right bit adds +1/N, every wrong bit −1/N.",
        "With a fraction f of wrong bits, m = (1 − f) − f = 1 − 2f. Solve for f.",
        "f = (1 − m) / 2 with m = 0.967.",
    ],
    expected=(1 - M_C) / 2,
    atol=0.0005,
    rtol=0.0,
    mistakes=[
        Mistake("1 − m counts each wrong bit twice: a wrong bit lowers m by 2/N (it removes +1/N and adds −1/N). "
                "Use f = (1 − m)/2.",
                test=lambda answer, expected: _near(answer, 1 - M_C, 0.001)),
        Mistake("that is the first-step error rate Φ(−1/√0.138) from the crosstalk alone; in the retrieval state "
                "the wrong bits feed back into every field and there are more of them. Use the overlap m = 0.967.",
                test=lambda answer, expected: _near(answer, _phi(-1 / math.sqrt(0.138)), 0.0005)),
        Mistake("that is the overlap m itself; the question asks for the fraction of wrong bits.",
                test=lambda answer, expected: _near(answer, M_C, 0.01)),
        Mistake("give a fraction, not a percentage (1.6 % is 0.016).",
                test=lambda answer, expected: _near(answer, 100 * expected, 0.1)),
        Mistake("that is the fraction of right bits; the question asks for the wrong ones.",
                test=lambda answer, expected: _near(answer, 1 - expected, 0.001)),
    ],
    explain="About 1.6 % of the bits are wrong: the Hebbian memory at alpha_c is approximate, not perfect.",
))
