"""Checks for practice 11 (``11_dense_memories``): the dense energy, the single-neuron update with
F(x) = x**3, the factor between the n = 2 field and the Hebbian field, a stable log-sum-exp, the
Gaussian bit error rate, and how the capacity scales when N doubles.

Notation of lecture 11: patterns ``xi`` of shape ``(P, N)``, a state ``s`` of +-1, the energy
``E(s) = -sum_mu F(xi^mu . s)``; neuron ``i`` is updated to
``sign(sum_mu F(r + xi_i^mu) - F(r - xi_i^mu))`` with ``r = r_i^mu = sum_{j != i} xi_j^mu s_j``,
keeping ``s_i`` on a tie.
"""

from __future__ import annotations

import math

import numpy as np

from hopfield_lib.dynamics import sign_or_keep

from . import register
from ._core import Case, FunctionExercise, Mistake, ValueExercise
from ._cases import _f, _rng, _spins

NOTEBOOK = "11_dense_memories"


# --------------------------------------------------------------------------- 1. the energy


def dense_energy(xi, s, n):
    """E(s) = -sum_mu (xi^mu . s)**n for patterns xi (P, N) and one state s (N,)."""
    return float(-np.sum((_f(xi) @ _f(s)) ** n))


def _energy_cases():
    rng = _rng(1001)
    xi = _spins(rng, 6, 9)
    return [
        Case((xi, _spins(rng, 9), 3), label="P = 6 patterns of N = 9 neurons, n = 3", sizes={"P": 6, "N": 9}),
        Case((xi, xi[2], 4), label="the state is a stored pattern, n = 4", sizes={"P": 6, "N": 9}),
        Case((xi, _spins(rng, 9), 2), label="n = 2", sizes={"P": 6, "N": 9}),
        Case((_spins(rng, 1, 5), _spins(rng, 5), 3), label="one pattern", sizes={"P": 1, "N": 5}),
        Case((np.array([[1.0], [-1.0], [1.0]]), np.array([-1.0]), 3), label="N = 1", sizes={"P": 3}),
    ]


register(FunctionExercise(
    "dense.energy",
    title="The energy of a dense associative memory",
    notebook=NOTEBOOK,
    hints=[
        "First the P overlaps ξ^μ·s (one number per pattern), then F of each, then the sum, with a minus sign.",
        "`xi @ s` gives all P overlaps at once. Raise them to the power n *before* summing.",
        "`return -np.sum((xi @ s) ** n)`.",
    ],
    reference=dense_energy,
    cases=_energy_cases,
    returns="number",
    mistakes=[
        Mistake("your energy has the wrong sign: a large overlap must *lower* the energy, E = −Σ_μ F(ξ^μ·s).",
                wrong=lambda xi, s, n: -dense_energy(xi, s, n)),
        Mistake("you raised the *sum* of the overlaps to the power n; F acts on each overlap separately: "
                "−Σ_μ (ξ^μ·s)ⁿ.",
                wrong=lambda xi, s, n: float(-np.sum(_f(xi) @ _f(s)) ** n)),
        Mistake("use the overlap ξ^μ·s itself, not m^μ = ξ^μ·s / N (the lecture's F acts on the unnormalised "
                "overlap).",
                wrong=lambda xi, s, n: float(-np.sum((_f(xi) @ _f(s) / len(s)) ** n))),
        Mistake("you returned the P terms −F(ξ^μ·s); the energy is their sum, a single number.",
                test=lambda result, expected, case: np.size(result) == len(case.args[0]) > 1),
    ],
    explain="`hl.dense_energy(xi, s, n=n)` is the library's version (it also takes a batch of states).",
))


# --------------------------------------------------------------------------- 2. one neuron with F = x**3


def update_neuron(xi, s, i):
    """The new value of s_i under the dense rule with F(x) = x**3 (kept on a tie)."""
    xi, s = _f(xi), _f(s)
    r = xi @ s - xi[:, i] * s[i]
    h = np.sum((r + xi[:, i]) ** 3 - (r - xi[:, i]) ** 3)
    return float(sign_or_keep(h, s[i]))  # the library's tie rule


def _random_case(seed):
    """A random (patterns, state, neuron) drawn from ``seed`` (P in 3..11, N in 5..13)."""
    rng = _rng(seed)
    p, n = int(rng.integers(3, 12)), int(rng.integers(5, 14))
    xi = _spins(rng, p, n)
    s = _spins(rng, n)
    return xi, s, int(rng.integers(0, n)), {"P": p, "N": n}


def _update_cases():
    # The first three cases are chosen (by their seeds) so that exactly one of the three classic wrong
    # rules gives a wrong answer on each: a learner's first failing case then names their mistake.
    cases = []
    for seed, label in ((140, "random patterns and state (1)"), (27, "random patterns and state (2)"),
                        (1, "random patterns and state (3)")):
        xi, s, i, sizes = _random_case(seed)
        cases.append(Case((xi, s, i), label=f"{label}, P = {sizes['P']}, N = {sizes['N']}, neuron {i}",
                          sizes=sizes))
    rng = _rng(1002)
    xi9 = _spins(rng, 5, 9)
    xi12 = _spins(rng, 20, 12)
    tie_xi = np.array([[1.0, 1.0, 1.0], [-1.0, 1.0, 1.0]])
    return cases + [
        Case((xi12, xi12[3] * np.where(np.arange(12) < 3, -1.0, 1.0), 1),
             label="20 patterns, a stored pattern with 3 bits flipped, neuron 1", sizes={"P": 20, "N": 12}),
        Case((xi9, -xi9[0], 0), label="a reversed pattern, neuron 0", sizes={"P": 5, "N": 9}),
        Case((tie_xi, np.array([1.0, 1.0, 1.0]), 0), label="a tie (the field is exactly 0), s_0 = +1",
             sizes={"P": 2, "N": 3}),
        Case((tie_xi, np.array([-1.0, 1.0, 1.0]), 0), label="a tie with s_0 = −1", sizes={"P": 2, "N": 3}),
        Case((np.array([[-1.0]]), np.array([1.0]), 0), label="N = 1, one pattern", sizes={}),
        Case((xi12, _spins(rng, 12), 11), label="20 patterns, a random state, the last neuron",
             sizes={"P": 20, "N": 12}),
    ]


def _with_sign(h, old):
    return float(np.sign(h)) if h != 0 else float(old)


def _f_of_overlap(xi, s, i):
    xi, s = _f(xi), _f(s)
    return _with_sign(np.sum(xi[:, i] * (xi @ s) ** 3), s[i])


def _not_excluded(xi, s, i):
    xi, s = _f(xi), _f(s)
    a = xi @ s
    return _with_sign(np.sum((a + xi[:, i]) ** 3 - (a - xi[:, i]) ** 3), s[i])


def _hebbian_vote(xi, s, i):
    xi, s = _f(xi), _f(s)
    return _with_sign(np.sum(xi[:, i] * (xi @ s)), s[i])


def _tie_to_zero(result, expected, case) -> bool:
    return np.size(result) == 1 and float(np.ravel(result)[0]) == 0.0


def _tie_to_plus(result, expected, case) -> bool:
    return "tie" in case.label and np.size(result) == 1 and float(np.ravel(result)[0]) != float(expected)


def _field_returned(result, expected, case) -> bool:
    return np.size(result) == 1 and abs(float(np.ravel(result)[0])) not in (0.0, 1.0)


def _whole_state(result, expected, case) -> bool:
    return np.ndim(result) == 1 and np.size(result) == len(case.args[1]) > 1


register(FunctionExercise(
    "dense.neuron_update",
    title="The dense update of one neuron, F(x) = x³",
    notebook=NOTEBOOK,
    hints=[
        "Compare two energies: with s_i = +1 and with s_i = −1, every other neuron fixed. For each pattern you "
        "need r = Σ_{j≠i} ξ^μ_j s_j, the part of the overlap that does not change when s_i flips.",
        "All P values of r at once: `r = xi @ s - xi[:, i] * s[i]`. Then the field is "
        "Σ_μ [(r + ξ^μ_i)³ − (r − ξ^μ_i)³].",
        "`h = np.sum((r + xi[:, i])**3 - (r - xi[:, i])**3)`; return `np.sign(h)` if h != 0, else `s[i]`.",
    ],
    reference=update_neuron,
    cases=_update_cases,
    returns="number",
    mistakes=[
        Mistake("on a tie (field exactly 0) the neuron keeps its value s_i; np.sign(0) is 0, which is not a spin.",
                test=_tie_to_zero),
        Mistake("you return the sign of the *field*, not of the *difference of energies*: the patterns vote with "
                "F(ξ^μ·s) = (ξ^μ·s)³ here, but the rule compares F(r + ξ^μ_i) with F(r − ξ^μ_i).",
                wrong=_f_of_overlap),
        Mistake("your overlap still contains neuron i: r = Σ_{j≠i} ξ^μ_j s_j must leave it out (it is the part "
                "that stays fixed while s_i is tried at +1 and −1).",
                wrong=_not_excluded),
        Mistake("that is the classical (n = 2) rule, sign(Σ_μ ξ^μ_i ξ^μ·s): each pattern votes with its overlap. "
                "With F = x³ the vote weighs (r + 1)³ − (r − 1)³ = 6r² + 2.",
                wrong=_hebbian_vote),
        Mistake("on a tie the neuron keeps its current value s_i, whatever it is (here it should stay as it was).",
                test=_tie_to_plus),
        Mistake("return the new value of s_i, +1 or −1 (the sign of the field), not the field itself.",
                test=_field_returned),
        Mistake("return only the new value of neuron i (a number), not the whole state.",
                test=_whole_state),
    ],
    explain="`hl.dense_step(xi, s, n=3)` does this for every neuron at once (and for a batch of states).",
))


# --------------------------------------------------------------------------- 3. the n = 2 field

N_FIELD = 50

register(ValueExercise(
    "dense.field_factor",
    title="The n = 2 field is a multiple of the Hebbian field",
    notebook=NOTEBOOK,
    hints=[
        "With F(x) = x², D(r) = F(r + 1) − F(r − 1) = (r + 1)² − (r − 1)². Expand it.",
        "D(r) = 4r, so h_i = Σ_μ ξ^μ_i · 4 r^μ_i = 4 Σ_μ Σ_{j≠i} ξ^μ_i ξ^μ_j s_j. Compare with "
        "(W s)_i = (1/N) Σ_{j≠i} Σ_μ ξ^μ_i ξ^μ_j s_j.",
        f"h_i = 4N (W s)_i: c = 4 × {N_FIELD}.",
    ],
    expected=4.0 * N_FIELD,
    mistakes=[
        Mistake("(r + 1)² − (r − 1)² = 4r, so each pattern votes with 4r; and W = ξᵀξ / N carries a 1/N: "
                "you forgot the factor N.", wrong=4.0),
        Mistake("(r + 1)² − (r − 1)² = 4r, not 2r.", wrong=2.0 * N_FIELD),
        Mistake("the field also carries the factor 4 from (r + 1)² − (r − 1)² = 4r.", wrong=float(N_FIELD)),
        Mistake("the Hebbian W = ξᵀξ / N divides by N, so the factor is 4N, not 4/N.", wrong=4.0 / N_FIELD),
    ],
    explain="So F(x) = x² gives exactly the classical network: hl.dense_step(xi, s, n=2) == "
            "hl.sync_step(hl.hebbian(xi), s).",
))


# --------------------------------------------------------------------------- 4. a stable log-sum-exp


def logsumexp(z):
    """log(sum(exp(z))) over the last axis, without overflow: z (P,) -> number, z (B, P) -> (B,)."""
    z = _f(z)
    m = np.max(z, axis=-1, keepdims=True)
    out = np.squeeze(m, axis=-1) + np.log(np.sum(np.exp(z - m), axis=-1))
    return float(out) if out.ndim == 0 else out


def _lse_cases():
    return [
        Case((np.array([0.0, np.log(3.0)]),), label="small numbers: log(1 + 3)", sizes={"P": 2}),
        Case((np.array([5.0]),), label="a single entry", sizes={}),
        Case((np.array([1000.0, 1000.0, 999.0]),), label="large numbers (exp(1000) overflows)", sizes={"P": 3}),
        Case((np.array([-1000.0, -1001.0]),), label="large negative numbers (exp(-1000) underflows to 0)",
             sizes={"P": 2}),
        Case((np.array([[1.0, 2.0, 3.0, 4.0], [800.0, 801.0, 0.0, 0.0], [-900.0, -899.0, -905.0, -901.0]]),),
             label="a batch of 3 rows of 4 at very different scales", sizes={"B": 3, "P": 4}),
    ]


class _LogSumExpExercise(FunctionExercise):
    """Names overflow and underflow before the generic infinity/NaN message."""

    def _compare(self, result, expected, case, close):
        arr = None
        if result is not None and result is not Ellipsis and not isinstance(result, (str, bytes)):
            try:
                arr = np.asarray(result, dtype=float)
            except (TypeError, ValueError):
                arr = None
        if arr is not None and arr.size and np.shape(arr) == np.shape(expected):
            if np.any(np.isnan(arr)) or np.any(arr == np.inf):
                return ("your result overflows (inf or NaN): exp(1000) is inf in 64-bit floats. Subtract the "
                        "maximum first: log Σ exp(z) = m + log Σ exp(z − m), with m = max(z)")
            if np.any(arr == -np.inf):
                return ("part of your result is −inf: every exp(z − m) underflowed to 0. Subtract each row's own "
                        "maximum (`np.max(z, axis=-1, keepdims=True)`), not one number for the whole batch")
        return super()._compare(result, expected, case, close)


def _naive(z):
    with np.errstate(over="ignore", divide="ignore"):
        out = np.log(np.sum(np.exp(_f(z)), axis=-1))
    return out


def _global_max(z):
    z = _f(z)
    m = np.max(z)
    with np.errstate(divide="ignore"):
        return m + np.log(np.sum(np.exp(z - m), axis=-1))


register(_LogSumExpExercise(
    "dense.logsumexp",
    title="A log-sum-exp that never overflows",
    notebook=NOTEBOOK,
    hints=[
        "log Σ exp(z) = m + log Σ exp(z − m) for any number m. Which m keeps every exp(z − m) at most 1, and at "
        "least one of them equal to 1?",
        "m = max(z). For a batch (B, P), take the maximum of each row: `m = np.max(z, axis=-1, keepdims=True)` "
        "so that `z - m` broadcasts.",
        "`m = np.max(z, axis=-1, keepdims=True)`; `return np.squeeze(m, axis=-1) + np.log(np.sum(np.exp(z - m), "
        "axis=-1))`.",
    ],
    reference=logsumexp,
    cases=_lse_cases,
    mistakes=[
        Mistake("you forgot to add the maximum back: log Σ exp(z − m) is log Σ exp(z) − m.",
                wrong=lambda z: logsumexp(z) - np.max(_f(z), axis=-1)),
        Mistake("you subtracted the minimum instead of the maximum: then the largest exp(z − m) can still "
                "overflow. Use m = max(z).",
                wrong=lambda z: np.min(_f(z), axis=-1) + np.log(np.sum(np.exp(_f(z) - np.min(_f(z), axis=-1,
                                                                                        keepdims=True)), axis=-1))),
        Mistake("you summed over the whole batch; log-sum-exp works along the last axis, one number per row "
                "(`axis=-1`).",
                test=lambda result, expected, case: np.ndim(expected) == 1 and np.size(result) == 1),
        Mistake("return the log of the sum (the log-sum-exp), not the sum of the exponentials.",
                wrong=lambda z: np.exp(logsumexp(z))),
    ],
    explain="The same shift makes softmax stable, and `hl.dense_step(..., n=\"exp\")` uses it to compute the "
            "exponential dense memory for any N.",
))


# --------------------------------------------------------------------------- 5. the Gaussian error rate


def _double_factorial(k):
    return math.prod(range(int(k), 0, -2)) if k > 0 else 1


def error_rate(n, N, P):
    """Phi(-sqrt(N**(n-1) / (P (2n-3)!!))): the predicted probability that a bit of a stored pattern flips."""
    from scipy.special import ndtr

    return float(ndtr(-math.sqrt(N ** (n - 1) / (P * _double_factorial(2 * n - 3)))))


def _rate_cases():
    return [
        Case((2, 100, 10), label="n = 2, N = 100, P = 10 (alpha = 0.1)"),
        Case((3, 40, 200), label="n = 3, N = 40, P = 200"),
        Case((4, 30, 1000), label="n = 4, N = 30, P = 1000"),
        Case((3, 100, 5000), label="n = 3, N = 100, P = 5000"),
        Case((5, 20, 20000), label="n = 5, N = 20, P = 20000"),
    ]


def _rate(n, N, P, *, dfact=None, power=None, root=True, sign=-1.0):
    from scipy.special import ndtr

    d = _double_factorial(2 * n - 3) if dfact is None else dfact(n)
    x = N ** ((n - 1) if power is None else power(n)) / (P * d)
    return float(ndtr(sign * (math.sqrt(x) if root else x)))


register(FunctionExercise(
    "dense.error_rate",
    title="The predicted bit error rate",
    notebook=NOTEBOOK,
    hints=[
        "The signal-to-crosstalk ratio squared is N^(n−1) / (P (2n−3)!!); a bit flips when the Gaussian crosstalk "
        "is below −signal, probability Φ(−SNR).",
        "(2n−3)!! = 1·3·5···(2n−3) (`dense_capacity.double_factorial(2 * n - 3)` or `scipy.special.factorial2`); "
        "Φ is `scipy.special.ndtr`, or 0.5 * erfc(x / √2).",
        "`return ndtr(-np.sqrt(N**(n - 1) / (P * dense_capacity.double_factorial(2 * n - 3))))`.",
    ],
    reference=error_rate,
    cases=_rate_cases,
    returns="number",
    rtol=1e-6,
    atol=0.0,
    mistakes=[
        Mistake("you used (2n−1)!!; the crosstalk moment of r^(n−1) is E[r^(2n−2)] = (2n−3)!! N^(n−1).",
                wrong=lambda n, N, P: _rate(n, N, P, dfact=lambda k: _double_factorial(2 * k - 1))),
        Mistake("you used the factorial (2n−3)!; the Gaussian moment needs the *double* factorial "
                "(2n−3)!! = 1·3·5···(2n−3).",
                wrong=lambda n, N, P: _rate(n, N, P, dfact=lambda k: math.factorial(2 * k - 3))),
        Mistake("you forgot the double factorial (2n−3)!!: it is 1 only for n = 2.",
                wrong=lambda n, N, P: _rate(n, N, P, dfact=lambda k: 1)),
        Mistake("N^(n−1) / (P (2n−3)!!) is the *square* of the signal-to-crosstalk ratio: take its square root.",
                wrong=lambda n, N, P: _rate(n, N, P, root=False)),
        Mistake("the signal grows like N^(n−1), not N^n.", wrong=lambda n, N, P: _rate(n, N, P, power=lambda k: k)),
        Mistake("you computed Φ(+SNR), the probability that the bit is *right*; the error rate is Φ(−SNR).",
                wrong=lambda n, N, P: _rate(n, N, P, sign=1.0)),
    ],
    explain="`dense_capacity.dense_gaussian_error_rate(n, N, P)` uses the exact finite-N signal and crosstalk variance instead.",
))


# --------------------------------------------------------------------------- 6. doubling N

N_FROM, N_TO = 100, 200


def _kh(n, N):
    return N ** (n - 1) / (2 * _double_factorial(2 * n - 3) * math.log(N))


register(ValueExercise(
    "dense.capacity_doubling",
    title="How the capacity grows when N doubles (n = 3)",
    notebook=NOTEBOOK,
    hints=[
        "Krotov & Hopfield's capacity is P_max = N^(n−1) / (2 (2n−3)!! ln N). The constant cancels in a ratio.",
        f"For n = 3 the ratio is ({N_TO}/{N_FROM})² × ln {N_FROM} / ln {N_TO}.",
        f"`ratio = 4 * np.log({N_FROM}) / np.log({N_TO})` (about 3.48).",
    ],
    expected=_kh(3, N_TO) / _kh(3, N_FROM),
    rtol=1e-3,
    mistakes=[
        Mistake("you dropped the 1/ln N factor: it grows too, so the capacity grows a little less than 4-fold.",
                wrong=4.0),
        Mistake("that is the ratio for n = 2, the classical network (N / ln N); with n = 3 the capacity grows "
                "like N² / ln N.", wrong=_kh(2, N_TO) / _kh(2, N_FROM)),
        Mistake("N^(n−1) with n = 3 is N², not N³.", wrong=8.0 * math.log(N_FROM) / math.log(N_TO)),
        Mistake("the logarithms are the wrong way round: ln N is in the denominator, so the factor is "
                "ln 100 / ln 200 (< 1).", wrong=4.0 * math.log(N_TO) / math.log(N_FROM)),
        Mistake("2 is the ratio for the classical network without the log.", wrong=2.0),
    ],
    explain="Doubling N multiplies the capacity by about 2^(n−1); the log factor takes a little off.",
))
