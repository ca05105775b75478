"""Checks for practice 7 (``07_noise_and_temperature``): the Glauber probability, one Glauber
sweep with given random numbers, the mean-field overlap, the 3-mixture equation, the basin radius.

Notation of lecture 7: inverse temperature ``beta = 1/T``, local field ``h_i = W[i] @ s``,
``P(s_i = +1) = 1 / (1 + exp(-2 beta h_i))``.
"""

from __future__ import annotations

import numpy as np

from . import register
from ._core import Case, FunctionExercise, Mistake
from ._cases import _hebb, _rng, _spins

NOTEBOOK = "07_noise_and_temperature"


# --------------------------------------------------------------------------- the probability


def glauber_probability(h, beta):
    """P(s_i = +1) = 1 / (1 + exp(-2 beta h)) for a field h (number or array) at inverse temperature beta."""
    return 1.0 / (1.0 + np.exp(-2.0 * beta * np.asarray(h, dtype=float)))


def _probability_cases():
    rng = _rng(701)
    return [
        Case((np.array([-1.5, -0.4, 0.3, 0.8, 2.0]), 0.7), label="five fields, beta = 0.7", sizes={"N": 5}),
        Case((np.array([-1.0, 0.0, 1.0]), 0.0), label="beta = 0 (infinite temperature)", sizes={"N": 3}),
        Case((np.array([-0.3, 0.0, 0.2]), 10.0), label="beta = 10 (low temperature), one field exactly 0",
             sizes={"N": 3}),
        Case((rng.normal(size=(4, 6)), 1.3), label="a batch of fields, shape (B, N)", sizes={"B": 4, "N": 6}),
        Case((0.5, 2.0), label="one field as a plain number"),
    ]


register(FunctionExercise(
    "temperature.glauber_probability",
    title="The Glauber probability",
    notebook=NOTEBOOK,
    hints=[
        "The two values of s_i differ in energy by 2 h_i; the Boltzmann weights are exp(+β h_i) for +1 "
        "and exp(−β h_i) for −1.",
        "P(+1) = e^{βh} / (e^{βh} + e^{−βh}); divide above and below by e^{βh}.",
        "`return 1 / (1 + np.exp(-2 * beta * h))` (numpy applies it to every field at once).",
    ],
    reference=glauber_probability,
    cases=_probability_cases,
    mistakes=[
        Mistake("you used exp(−βh): the two states differ in energy by 2h, so the exponent is −2βh.",
                wrong=lambda h, beta: 1.0 / (1.0 + np.exp(-beta * np.asarray(h, dtype=float)))),
        Mistake("you returned P(s_i = −1): a positive field should make +1 the more likely value.",
                wrong=lambda h, beta: 1.0 / (1.0 + np.exp(2.0 * beta * np.asarray(h, dtype=float)))),
        Mistake("tanh(βh) runs from −1 to 1 and is not a probability: use (1 + tanh(βh)) / 2.",
                wrong=lambda h, beta: np.tanh(beta * np.asarray(h, dtype=float))),
        Mistake("β multiplies the field: 1/(1 + exp(−2βh)), not exp(−2h/β) (β = 1/T is an inverse temperature).",
                wrong=lambda h, beta: 1.0 / (1.0 + np.exp(-2.0 * np.asarray(h, dtype=float) / beta))),
    ],
    explain="Equal to (1 + tanh(βh)) / 2: a coin at β = 0, the sign rule as β → ∞.",
))


# --------------------------------------------------------------------------- one sweep


def glauber_sweep(W, s, beta, order, u):
    """One Glauber sweep: for i in order, s_i = +1 if u[i] < 1/(1 + exp(-2 beta h_i)) else -1."""
    s = np.array(s, dtype=float)
    for i in order:
        h = W[i] @ s
        p = 1.0 / (1.0 + np.exp(-2.0 * beta * h))
        s[i] = 1.0 if u[i] < p else -1.0
    return s


def _sweep_variant(kind):
    def f(W, s, beta, order, u):
        s = np.array(s, dtype=float)
        old = s.copy()
        steps = range(len(s)) if kind == "natural" else order
        for k, i in enumerate(steps):
            h = W[i] @ (old if kind == "sync" else s)
            b = 1.0 if kind == "half" else 2.0
            p = 1.0 / (1.0 + np.exp(-b * beta * h))
            r = u[k] if kind == "by_step" else u[i]
            if kind == "inverted":
                s[i] = 1.0 if r > p else -1.0
            elif kind == "no_noise":
                s[i] = 1.0 if h > 0 else (-1.0 if h < 0 else s[i])
            else:
                s[i] = 1.0 if r < p else -1.0
        return s
    return f


def _sweep_cases():
    first = _rng(0)  # chosen so that every mistake below gives its own, different state in case 1
    xi10 = _spins(first, 3, 10)
    case1 = (_hebb(xi10), _spins(first, 10), 1.5, first.permutation(10), first.random(10))
    rng = _rng(711)
    xi = _spins(rng, 3, 8)
    w8 = _hebb(xi)
    a = rng.normal(size=(7, 7))
    w7 = (a + a.T) / 4
    np.fill_diagonal(w7, 0.0)
    return [
        Case(case1, label="N = 10, Hebbian W, beta = 1.5", sizes={"N": 10}),
        Case((w7, _spins(rng, 7), 2.5, np.arange(7)[::-1].copy(), rng.random(7)),
             label="N = 7, random symmetric W, beta = 2.5, order 6, 5, ..., 0", sizes={"N": 7}),
        Case((w8, xi[0].copy(), 0.0, rng.permutation(8), rng.random(8)),
             label="beta = 0: every neuron a fair coin", sizes={"N": 8}),
        Case((w8, _spins(rng, 8), 20.0, rng.permutation(8), rng.random(8)),
             label="beta = 20: almost the deterministic rule", sizes={"N": 8}),
        Case((np.zeros((1, 1)), np.array([1.0]), 2.0, np.array([0]), np.array([0.7])),
             label="N = 1: the field is 0, so P(+1) = 1/2", sizes={"N": 1}),
    ]


register(FunctionExercise(
    "temperature.glauber_sweep",
    title="One Glauber sweep with given random numbers",
    notebook=NOTEBOOK,
    hints=[
        "Work on a copy of s. Visit the neurons in the given order, one at a time, as in an "
        "asynchronous sweep; each one sees the values set before it.",
        "For neuron i: h = W[i] @ s with the current s, p = 1 / (1 + exp(−2 β h)), and s[i] = +1 if "
        "u[i] < p else −1. The random number of neuron i is u[i], whatever its place in the order.",
        "s = s.astype(float) (a copy); for i in order: p = 1 / (1 + np.exp(-2 * beta * (W[i] @ s))); "
        "s[i] = 1.0 if u[i] < p else -1.0; return s.",
    ],
    reference=glauber_sweep,
    cases=_sweep_cases,
    mistakes=[
        Mistake("you computed every field from the state before the sweep (a synchronous update): update one "
                "neuron at a time, so that later neurons see the new values.", wrong=_sweep_variant("sync")),
        Mistake("you used u[k] for the k-th neuron in the order: use u[i], the number that belongs to neuron i.",
                wrong=_sweep_variant("by_step")),
        Mistake("you updated the neurons in the order 0, 1, 2, …: use the order you are given.",
                wrong=_sweep_variant("natural")),
        Mistake("you set s_i = +1 when u_i > p: +1 must have probability p, so choose +1 when u_i < p.",
                wrong=_sweep_variant("inverted")),
        Mistake("your sweep ignores the random numbers: at finite β a neuron becomes +1 only with "
                "probability p (at β = 0, a fair coin).", wrong=_sweep_variant("no_noise")),
        Mistake("your probabilities use exp(−βh): the exponent is −2βh.", wrong=_sweep_variant("half")),
    ],
    explain="stochastic.glauber_sweep does the same for a whole batch of states at once.",
))


# --------------------------------------------------------------------------- mean-field overlap


def mean_field_overlap(T):
    """The non-negative solution m of m = tanh(m / T) that the retrieval state has (0 for T >= 1)."""
    from hopfield_lib.experiments.stochastic import mean_field_retrieval

    return float(mean_field_retrieval(float(T)))


def _mf_fixed_point(T, start, steps=20000):
    m = start
    for _ in range(steps):
        m = np.tanh(m / T)
    return float(m)


def _creeps_at_t1(result, expected, case) -> bool:
    """A small positive m at T = 1, where the answer is 0: the plain iteration, stopped after finitely many steps."""
    return float(case.args[0]) == 1.0 and 0.0 < float(result) < 0.2


register(FunctionExercise(
    "temperature.mean_field_overlap",
    title="The mean-field overlap of a pattern at temperature T",
    notebook=NOTEBOOK,
    hints=[
        "m = 0 always solves m = tanh(m/T); below T = 1 there is also a positive solution, the one the "
        "retrieval state has. Find it by iterating the equation.",
        "Start at m = 1 (the pattern itself) and repeat m = np.tanh(m / T) until m stops changing; near "
        "T = 1 this is slow, so iterate a few thousand times (or use scipy.optimize.brentq on "
        "m − tanh(m/T) between 1e-9 and 1 when T < 1).",
        "if T >= 1: return 0.0 (at T = 1 exactly the iteration only creeps to 0, like 1/√steps); "
        "otherwise m = 1.0; for _ in range(5000): m = np.tanh(m / T); return float(m).",
    ],
    reference=mean_field_overlap,
    cases=[
        Case((2.0,), label="T = 2 (above T = 1)"),
        Case((0.5,), label="T = 0.5"),
        Case((0.2,), label="T = 0.2"),
        Case((0.8,), label="T = 0.8"),
        Case((0.95,), label="T = 0.95 (close to T = 1: slow convergence)"),
        Case((1.0,), label="T = 1 exactly"),
        Case((1.2,), label="T = 1.2"),
    ],
    returns="number",
    rtol=0.0,
    atol=1e-4,
    mistakes=[
        Mistake("at T = 1 exactly the iteration creeps to 0 like 1/√steps (m ≈ √(3/(2·steps))), so it never "
                "gets within 1e-4 in practice: return 0 for T >= 1.", test=_creeps_at_t1),
        Mistake("m = 0 always solves m = tanh(m/T), but below T = 1 it is not the retrieval state: start "
                "the iteration at m = 1.", wrong=lambda T: 0.0),
        Mistake("you used tanh(T m): β = 1/T, so the equation is m = tanh(m / T).",
                wrong=lambda T: _mf_fixed_point(1.0 / T, 1.0)),
        Mistake("that is one step of the iteration from m = 1, tanh(1/T); repeat m ← tanh(m/T) until m "
                "stops changing.", wrong=lambda T: float(np.tanh(1.0 / T))),
        Mistake("that is the negative solution (the reversed pattern's); return the non-negative one.",
                wrong=lambda T: -mean_field_overlap(T)),
        Mistake("your m is a little too large: near T = 1 the iteration converges slowly; iterate more "
                "(a few thousand steps).",
                test=lambda r, e, c: float(r) > e and float(r) < 1.0 and e > 0.05),
    ],
    explain="1 at T = 0, 0.96 at T = 0.5, 0.53 at T = 0.9, and 0 from T = 1 on (Amit, Gutfreund & "
            "Sompolinsky 1985).",
))


# --------------------------------------------------------------------------- the 3-mixture equation


def mixture_rhs(m, T):
    """<xi^1 tanh(m (xi^1 + xi^2 + xi^3) / T)> over the 8 sign patterns = [tanh(3m/T) + tanh(m/T)] / 4."""
    m = np.asarray(m, dtype=float)
    return (np.tanh(3 * m / T) + np.tanh(m / T)) / 4


register(FunctionExercise(
    "temperature.mixture_rhs",
    title="The right-hand side of the 3-mixture equation",
    notebook=NOTEBOOK,
    hints=[
        "Fix ξ¹ = +1 (the case ξ¹ = −1 gives the same by symmetry) and average over the four choices "
        "of ξ², ξ³, each with probability 1/4.",
        "ξ² = ξ³ = +1: S = 3. ξ² = ξ³ = −1: S = −1. One of each (two ways): S = 1. So the average is "
        "[tanh(3βm) + 2 tanh(βm) + tanh(−βm)] / 4.",
        "tanh is odd: `return (np.tanh(3 * m / T) + np.tanh(m / T)) / 4`.",
    ],
    reference=mixture_rhs,
    cases=[
        Case((0.5, 0.3), label="m = 0.5, T = 0.3"),
        Case((0.2, 0.8), label="m = 0.2, T = 0.8"),
        Case((np.linspace(0.0, 0.6, 5), 0.5), label="an array of m, T = 0.5", sizes={"K": 5}),
        Case((0.0, 0.4), label="m = 0"),
        Case((0.45, 1.5), label="m = 0.45, T = 1.5"),
    ],
    returns="array",
    mistakes=[
        Mistake("the three 2-against-1 arrangements do not all count with +: ξ¹ is in the majority in two of "
                "them and outvoted in the third (S = −1), so they give 2 tanh(βm) − tanh(βm).",
                wrong=lambda m, T: (np.tanh(3 * np.asarray(m) / T) + 3 * np.tanh(np.asarray(m) / T)) / 4),
        Mistake("you used T where β = 1/T belongs: the argument is m S / T.",
                wrong=lambda m, T: (np.tanh(3 * np.asarray(m) * T) + np.tanh(np.asarray(m) * T)) / 4),
        Mistake("average over the four arrangements of ξ², ξ³: divide the sum by 4.",
                wrong=lambda m, T: np.tanh(3 * np.asarray(m) / T) + np.tanh(np.asarray(m) / T)),
        Mistake("divide by 4 (four equally likely arrangements of ξ², ξ³), not by 2.",
                wrong=lambda m, T: (np.tanh(3 * np.asarray(m) / T) + np.tanh(np.asarray(m) / T)) / 2),
        Mistake("you averaged tanh(βmS) without the factor ξ¹: by symmetry that average is 0.",
                test=lambda r, e, c: np.allclose(np.asarray(r, dtype=float), 0) and not np.allclose(e, 0)),
    ],
    explain="Its solution is 1/2 at T = 0 and falls to 0 at T = 1; stochastic.mean_field_mixture solves it.",
))


# --------------------------------------------------------------------------- basin radius


def basin_radius(fractions, prob, level=0.9):
    """The last noise level before the recall probability first drops below `level` (grid, no interpolation)."""
    fractions = np.asarray(fractions, dtype=float)
    prob = np.asarray(prob, dtype=float)
    k = 0
    while k < len(prob) and prob[k] >= level:
        k += 1
    return float(fractions[k - 1])


_F = np.array([0.0, 0.1, 0.2, 0.3, 0.4, 0.5])

register(FunctionExercise(
    "temperature.basin_radius",
    title="The basin radius from a recall-probability curve",
    notebook=NOTEBOOK,
    hints=[
        "Walk along the noise levels from the smallest; stop at the first one where the recall "
        "probability is below `level`. The radius is the level just before it.",
        "A probability equal to `level` still counts as recall (>=). If the probability never drops, the "
        "radius is the last noise level. You may assume recall succeeds at the first level.",
        "k = 0; while k < len(prob) and prob[k] >= level: k += 1; return fractions[k - 1].",
    ],
    reference=basin_radius,
    cases=[
        Case((_F, np.array([1.0, 1.0, 0.95, 0.6, 0.1, 0.0])), label="a clean drop", sizes={"F": 6}),
        Case((_F, np.array([1.0, 0.95, 0.85, 0.92, 0.3, 0.0])), label="a dip below 0.9, then back above",
             sizes={"F": 6}),
        Case((_F, np.array([1.0, 1.0, 1.0, 0.99, 0.97, 0.95])), label="never drops below 0.9", sizes={"F": 6}),
        Case((_F, np.array([1.0, 0.9, 0.9, 0.5, 0.0, 0.0])), label="probabilities of exactly 0.9", sizes={"F": 6}),
        Case((_F, np.array([1.0, 0.8, 0.6, 0.4, 0.2, 0.0])), kwargs={"level": 0.5}, label="level = 0.5",
             sizes={"F": 6}),
        Case((np.array([0.0, 0.05, 0.1, 0.2, 0.3]), np.array([1.0, 1.0, 0.7, 0.2, 0.0])),
             label="uneven noise levels", sizes={"F": 5}),
    ],
    returns="number",
    mistakes=[
        Mistake("you returned the index of the noise level; return the noise level itself, fractions[k].",
                test=lambda r, e, c: float(r) == int(float(r)) and float(r) >= 1),
        Mistake("you returned the first noise level where recall fails; the radius is the last level "
                "before it, where recall still succeeds.",
                test=lambda r, e, c: _next_level(c, e) is not None and np.isclose(float(r), _next_level(c, e))),
        Mistake("recall climbs back above the level at a larger noise here, but the basin ends at the first "
                "drop: stop at the first noise level below `level`.",
                test=lambda r, e, c: "dip" in c.label and float(r) > e),
        Mistake("a recall probability equal to `level` still counts (use >=, not >).",
                test=lambda r, e, c: "exactly" in c.label and float(r) < e),
        Mistake("use the `level` argument instead of a fixed 0.9.",
                test=lambda r, e, c: "level" in c.kwargs and float(r) < e),
    ],
    explain="hl.measure.basin_radius does the same for a whole grid, interpolated between the two levels around the drop.",
))


def _next_level(case, expected):
    fractions = np.asarray(case.args[0], dtype=float)
    k = int(np.argmin(np.abs(fractions - expected)))
    return float(fractions[k + 1]) if k + 1 < len(fractions) else None
