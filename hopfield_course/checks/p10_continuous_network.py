"""Checks for practice 10 (``10_continuous_network``): the integral term of the energy, one Euler
step of the circuit equation, the continuous energy, the critical gain, the cut of a partition and
the energy-cut relation of max-cut.

Notation of lecture 10 (with ``R = C = 1``): outputs ``V = tanh(gain u)``,
``du/dt = -u + W V + I``, energy ``E(V) = -1/2 V^T W V - I^T V + sum_i int_0^{V_i} g^{-1}``,
``int_0^V g^{-1}(v) dv = (V artanh V + 1/2 ln(1 - V^2)) / gain``; max-cut with ``W = -A`` has
``E(s) = M - 2 cut(s)``.
"""

from __future__ import annotations

import numpy as np

from . import register
from ._core import Case, FunctionExercise, Mistake, ValueExercise
from ._cases import _array_for_one_state, _f, _rng, _symmetric

NOTEBOOK = "10_continuous_network"


def _graph(rng, n, p):
    upper = np.triu(rng.random((n, n)) < p, k=1)
    return (upper | upper.T).astype(float)


def _summed(result, expected, case) -> bool:
    return np.ndim(expected) > 0 and np.size(result) == 1


# --------------------------------------------------------------------------- 1. the integral term


def integral_term(V, gain):
    """int_0^V g^{-1}(v) dv for g(u) = tanh(gain u), elementwise, for -1 < V < 1."""
    V = _f(V)
    return (V * np.arctanh(V) + 0.5 * np.log(1.0 - V**2)) / gain


def _integral_cases():
    rng = _rng(901)
    return [
        Case((np.array([0.0, 0.5, -0.5, 0.9]), 1.0), label="gain 1, four outputs", sizes={"N": 4}),
        Case((np.array([0.2, -0.7, 0.95, 0.0, 0.4]), 4.0), label="gain 4", sizes={"N": 5}),
        Case((np.array([0.3]), 0.5), label="N = 1, gain 0.5", sizes={"N": 1}),
        Case((rng.uniform(-0.95, 0.95, size=(3, 6)), 2.5), label="a batch of 3 states of 6 neurons, gain 2.5",
             sizes={"B": 3, "N": 6}),
    ]


register(FunctionExercise(
    "continuous.integral_term",
    title="The integral term for tanh",
    notebook=NOTEBOOK,
    hints=[
        "The integrand is g⁻¹(v) = artanh(v) / gain. Integrate artanh by parts: ∫ artanh(v) dv = v·artanh(v) − "
        "∫ v / (1 − v²) dv.",
        "∫ v / (1 − v²) dv = −½ ln(1 − v²). Both terms vanish at v = 0, so the integral from 0 to V is "
        "V·artanh(V) + ½ ln(1 − V²), divided by the gain.",
        "`return (V * np.arctanh(V) + 0.5 * np.log(1 - V**2)) / gain` — elementwise, so it works for any shape.",
    ],
    reference=integral_term,
    cases=_integral_cases,
    mistakes=[
        Mistake("you forgot to divide by the gain: g⁻¹(v) = artanh(v) / gain, so the whole integral carries a "
                "factor 1/gain (it is ln 2 / gain at V = ±1).",
                wrong=lambda V, gain: integral_term(V, gain) * gain),
        Mistake("you multiplied by the gain instead of dividing: g⁻¹(v) = artanh(v) / gain.",
                wrong=lambda V, gain: integral_term(V, gain) * gain**2),
        Mistake("the log term has the wrong sign: ∫₀^V artanh = V·artanh(V) + ½ ln(1 − V²). Check it by "
                "differentiating: the derivative of ½ ln(1 − V²) is −V/(1 − V²), which cancels the extra term of "
                "the product rule.",
                wrong=lambda V, gain: (_f(V) * np.arctanh(_f(V)) - 0.5 * np.log(1 - _f(V) ** 2)) / gain),
        Mistake("your integral term is negative: it is a bowl, 0 at V = 0 and positive elsewhere. Check the "
                "overall sign.",
                wrong=lambda V, gain: -integral_term(V, gain)),
        Mistake("you returned the integrand g⁻¹(V) = artanh(V) / gain, not its integral from 0 to V.",
                wrong=lambda V, gain: np.arctanh(_f(V)) / gain),
        Mistake("you left out the ½ ln(1 − V²) term that integration by parts produces.",
                wrong=lambda V, gain: _f(V) * np.arctanh(_f(V)) / gain),
        Mistake("return one value per entry of V (elementwise), not their sum: the energy sums them later.",
                test=_summed),
    ],
    explain="The library's version is `continuous.integral_term(V, gain)`; it also handles V = ±1, where "
            "the term is ln 2 / gain.",
))


# --------------------------------------------------------------------------- 2. one Euler step


def euler_step(W, u, gain, dt, I):
    """One explicit Euler step of du/dt = -u + W tanh(gain u) + I (R = C = 1); u is (N,) or (B, N)."""
    W, u = _f(W), _f(u)
    V = np.tanh(gain * u)
    return u + dt * (-u + V @ W.T + I)


def _euler_cases():
    rng = _rng(902)
    W5 = _symmetric(rng, 5)
    W4 = _symmetric(rng, 4, diagonal=0.5)
    return [
        Case((W5, rng.normal(size=5), 2.0, 0.1, 0.0), label="N = 5, no input", sizes={"N": 5}),
        Case((W4, rng.normal(size=4), 0.7, 0.05, rng.normal(size=4)), label="an input vector I and a diagonal",
             sizes={"N": 4}),
        Case((np.array([[0.0]]), np.array([0.8]), 3.0, 0.2, 0.5), label="N = 1", sizes={"N": 1}),
        Case((W5, rng.normal(size=(3, 5)), 5.0, 0.02, 0.1), label="a batch of 3 states", sizes={"B": 3, "N": 5}),
    ]


def _transposed_batch(result, expected, case) -> bool:
    exp = np.asarray(expected)
    return exp.ndim == 2 and np.shape(result) == exp.shape[::-1]


register(FunctionExercise(
    "continuous.euler_step",
    title="One Euler step of the circuit equation",
    notebook=NOTEBOOK,
    hints=[
        "First the outputs V = tanh(gain·u); then the derivative du/dt = −u + W V + I; then move u a step dt "
        "along it.",
        "For a batch u of shape (B, N) (one state per row), the currents are `V @ W.T` (row b is W @ V[b]). "
        "`V @ W.T` also works for a single state of shape (N,).",
        "`V = np.tanh(gain * u)` then `return u + dt * (-u + V @ W.T + I)`.",
    ],
    reference=euler_step,
    cases=_euler_cases,
    mistakes=[
        Mistake("the synaptic currents come from the outputs V = tanh(gain·u), not from the potentials u: "
                "use W V, not W u.",
                wrong=lambda W, u, gain, dt, I: _f(u) + dt * (-_f(u) + _f(u) @ _f(W).T + I)),
        Mistake("you left out the leak −u/R: without it the potentials grow without bound.",
                wrong=lambda W, u, gain, dt, I: _f(u) + dt * (np.tanh(gain * _f(u)) @ _f(W).T + I)),
        Mistake("the leak has the wrong sign: it pulls u back towards 0, so it is −u/R.",
                wrong=lambda W, u, gain, dt, I: _f(u) + dt * (_f(u) + np.tanh(gain * _f(u)) @ _f(W).T + I)),
        Mistake("you left out the input current I.",
                wrong=lambda W, u, gain, dt, I: _f(u) + dt * (-_f(u) + np.tanh(gain * _f(u)) @ _f(W).T)),
        Mistake("you forgot to multiply the derivative by dt.",
                wrong=lambda W, u, gain, dt, I: _f(u) + (-_f(u) + np.tanh(gain * _f(u)) @ _f(W).T + I)),
        Mistake("you returned the change dt·du/dt; return the new potentials u + dt·du/dt.",
                wrong=lambda W, u, gain, dt, I: dt * (-_f(u) + np.tanh(gain * _f(u)) @ _f(W).T + I)),
        Mistake("you returned the derivative du/dt; return the new potentials u + dt·du/dt.",
                wrong=lambda W, u, gain, dt, I: -_f(u) + np.tanh(gain * _f(u)) @ _f(W).T + I),
        Mistake("you returned the new outputs V = tanh(gain·u); the step updates the potentials u.",
                wrong=lambda W, u, gain, dt, I: np.tanh(gain * euler_step(W, u, gain, dt, I))),
        Mistake("for a batch u of shape (B, N) the result must be (B, N) too: use `V @ W.T` (row b is W @ V[b]) "
                "instead of `W @ V.T`.",
                test=_transposed_batch),
    ],
    explain="`continuous.integrate` repeats this step (with general R and C) under the step bound of "
            "`continuous.max_step`.",
))


# --------------------------------------------------------------------------- 3. the energy


def continuous_energy(W, V, gain, I):
    """E(V) = -1/2 V^T W V - I^T V + sum_i int_0^{V_i} g^{-1}(v) dv for one state V (N,), R = 1."""
    W, V, I = _f(W), _f(V), _f(I)
    return float(-0.5 * V @ W @ V - I @ V + np.sum(integral_term(V, gain)))


def _energy_cases():
    rng = _rng(903)
    W6 = _symmetric(rng, 6)
    return [
        Case((W6, rng.uniform(-0.9, 0.9, size=6), 2.0, np.zeros(6)), label="N = 6, no input", sizes={"N": 6}),
        Case((W6, rng.uniform(-0.9, 0.9, size=6), 0.5, rng.normal(size=6)), label="gain 0.5 with an input",
             sizes={"N": 6}),
        Case((np.array([[0.0, -1.0], [-1.0, 0.0]]), np.array([0.6, -0.6]), 5.0, np.array([0.1, 0.0])),
             label="two neurons that want to disagree", sizes={"N": 2}),
        Case((np.zeros((1, 1)), np.array([0.0]), 1.0, np.array([1.0])), label="N = 1 at V = 0", sizes={"N": 1}),
    ]


register(FunctionExercise(
    "continuous.energy",
    title="The energy of the continuous network",
    notebook=NOTEBOOK,
    hints=[
        "Three terms: the binary energy −½ VᵀWV, the input term −IᵀV, and the sum over neurons of the "
        "integral term you wrote in exercise 1.",
        "The integral term is positive and grows with the distance from V = 0; it is divided by the gain.",
        "`return -0.5 * V @ W @ V - I @ V + np.sum(integral_term(V, gain))` (with R = 1).",
    ],
    reference=continuous_energy,
    cases=_energy_cases,
    returns="number",
    mistakes=[
        Mistake("you left out the integral term Σ_i ∫₀^{V_i} g⁻¹(v) dv: without it the graded network's energy "
                "does not decrease along its dynamics.",
                wrong=lambda W, V, gain, I: float(-0.5 * _f(V) @ _f(W) @ _f(V) - _f(I) @ _f(V))),
        Mistake("your energy is off by a factor of 2 in the W term: the double sum counts every pair twice, so it "
                "needs the ½.",
                wrong=lambda W, V, gain, I: continuous_energy(W, V, gain, I) - 0.5 * float(_f(V) @ _f(W) @ _f(V))),
        Mistake("the input term has the wrong sign: an input I_i > 0 should lower the energy of V_i > 0, so it "
                "enters as −IᵀV.",
                wrong=lambda W, V, gain, I: continuous_energy(W, V, gain, I) + 2 * float(_f(I) @ _f(V))),
        Mistake("the integral term is added, not subtracted: it is a bowl that costs energy away from V = 0.",
                wrong=lambda W, V, gain, I: continuous_energy(W, V, gain, I) - 2 * float(np.sum(integral_term(V, gain)))),
        Mistake("your integral term is not divided by the gain (g⁻¹(v) = artanh(v) / gain).",
                wrong=lambda W, V, gain, I: continuous_energy(W, V, gain, I)
                + (gain - 1) * float(np.sum(integral_term(V, gain)))),
        Mistake("you returned an array: the energy of one state is a single number (sum the integral terms).",
                test=_array_for_one_state),
    ],
    explain="At high gain the integral term (at most N ln 2 / gain) vanishes and E becomes the binary energy.",
))


# --------------------------------------------------------------------------- 4. the critical gain


def critical_gain(W):
    """The gain at which V = 0 stops being stable (R = C = 1, I = 0): 1 / lambda_max(W)."""
    return float(1.0 / np.linalg.eigvalsh(_f(W))[-1])


def _critical_cases():
    rng = _rng(904)
    xi = np.where(rng.random((3, 40)) < 0.5, -1.0, 1.0)
    hebb = xi.T @ xi / 40
    np.fill_diagonal(hebb, 0.0)
    A = _graph(rng, 10, 0.5)
    return [
        Case((hebb,), label="Hebbian weights of 3 patterns, N = 40", sizes={"N": 40}),
        Case((-A,), label="max-cut weights W = −A of a random graph (its most negative eigenvalue is the "
                         "largest in size)", sizes={"N": 10}),
        Case((np.array([[0.0, 2.0], [2.0, 0.0]]),), label="two neurons coupled by +2", sizes={"N": 2}),
        Case((np.array([[0.5]]),), label="N = 1 with a self-coupling 0.5", sizes={"N": 1}),
    ]


def _largest_magnitude(result, expected, case) -> bool:
    lam = np.linalg.eigvalsh(_f(case.args[0]))
    big = lam[np.argmax(np.abs(lam))]
    return bool(np.size(result) == 1 and np.isclose(abs(float(np.ravel(result)[0])), 1.0 / abs(big)))


register(FunctionExercise(
    "continuous.critical_gain",
    title="The gain at which V = 0 loses its stability",
    notebook=NOTEBOOK,
    hints=[
        "Linearise around V = 0: V ≈ gain·u, so du/dt ≈ −u + gain·W u. A direction of W with eigenvalue λ grows "
        "when gain·λ − 1 > 0.",
        "Only positive eigenvalues can make gain·λ > 1; the first to do so as the gain rises is the largest one. "
        "`np.linalg.eigvalsh(W)` returns the eigenvalues of a symmetric matrix in ascending order.",
        "`return 1 / np.linalg.eigvalsh(W)[-1]`.",
    ],
    reference=critical_gain,
    cases=_critical_cases,
    returns="number",
    mistakes=[
        Mistake("you used the eigenvalue of largest *magnitude*: a negative eigenvalue never destabilises V = 0 "
                "(that direction decays at rate 1 − gain·λ > 1). Use the largest (most positive) eigenvalue.",
                test=_largest_magnitude),
        Mistake("you returned λ_max; the critical gain is its reciprocal 1 / λ_max.",
                wrong=lambda W: float(np.linalg.eigvalsh(_f(W))[-1])),
        Mistake("you used the smallest eigenvalue (eigvalsh sorts them in ascending order: the largest is the "
                "last, [-1]).",
                wrong=lambda W: float(1.0 / np.linalg.eigvalsh(_f(W))[0])),
    ],
    explain="`continuous.critical_gain(W, R=...)` is the library's version (1 / (R λ_max)).",
))


# --------------------------------------------------------------------------- 5. the cut of a partition


def cut_value(A, s):
    """The number (total weight) of edges between the +1 and the -1 group: sum_{i<j} A_ij [s_i != s_j]."""
    A, s = _f(A), _f(s)
    return float(0.25 * np.sum(A * (1.0 - np.outer(s, s))))


def _cut_cases():
    rng = _rng(905)
    triangle = np.ones((3, 3)) - np.eye(3)
    A8 = _graph(rng, 8, 0.5)
    weights = rng.uniform(0.5, 2.0, size=(7, 7))
    A7 = np.triu(_graph(rng, 7, 0.6) * weights, 1)
    A7 = A7 + A7.T
    return [
        Case((triangle, np.array([1.0, 1.0, -1.0])), label="a triangle split 2 + 1", sizes={"N": 3}),
        Case((A8, np.where(rng.random(8) < 0.5, -1.0, 1.0)), label="a random graph of 8 nodes", sizes={"N": 8}),
        Case((A8, np.ones(8)), label="everything in one group (cut 0)", sizes={"N": 8}),
        Case((A7, np.where(rng.random(7) < 0.5, -1.0, 1.0)), label="a weighted graph", sizes={"N": 7}),
        Case((np.zeros((1, 1)), np.array([-1.0])), label="N = 1", sizes={"N": 1}),
    ]


def _cut_twice(A, s):
    return 2 * cut_value(A, s)


def _uncut(A, s):
    return float(np.sum(np.triu(_f(A), 1)) - cut_value(A, s))


register(FunctionExercise(
    "continuous.cut_value",
    title="The cut of a partition",
    notebook=NOTEBOOK,
    hints=[
        "An edge (i, j) is cut when its two ends are in different groups: s_i ≠ s_j, i.e. s_i s_j = −1.",
        "(1 − s_i s_j) / 2 is 1 for a cut edge and 0 otherwise. Summing A_ij (1 − s_i s_j) / 2 over *all* i, j "
        "counts every edge twice.",
        "`return 0.25 * np.sum(A * (1 - np.outer(s, s)))`.",
    ],
    reference=cut_value,
    cases=_cut_cases,
    returns="number",
    mistakes=[
        Mistake("you counted every cut edge twice (once as (i, j) and once as (j, i)): sum over i < j only, or "
                "halve the sum over all pairs.",
                wrong=_cut_twice),
        Mistake("you counted the edges *inside* the groups; the cut is the edges *between* them (s_i ≠ s_j).",
                wrong=_uncut),
        Mistake("you returned the Ising energy ½ sᵀAs; the cut is (M − E) / 2 with M the number of edges.",
                wrong=lambda A, s: float(0.5 * _f(s) @ _f(A) @ _f(s))),
    ],
    explain="`optimization.cut_value(A, s)` also takes a batch of partitions.",
))


# --------------------------------------------------------------------------- 6. energy and cut

M_EDGES, ENERGY = 40, -12.0

register(ValueExercise(
    "continuous.cut_from_energy",
    title="From the Ising energy to the cut",
    notebook=NOTEBOOK,
    hints=[
        "With W = −A, E(s) = Σ_{i<j} A_ij s_i s_j: an uncut edge contributes +1, a cut edge −1.",
        "So E = (M − cut) − cut = M − 2·cut. Solve for the cut.",
        f"cut = (M − E) / 2 = ({M_EDGES} − ({ENERGY:g})) / 2.",
    ],
    expected=(M_EDGES - ENERGY) / 2,
    mistakes=[
        Mistake("that is (M + E) / 2 = M − cut, the number of *uncut* edges: E = M − 2·cut, so cut = (M − E) / 2.",
                wrong=(M_EDGES + ENERGY) / 2),
        Mistake("you forgot to halve: each cut edge moves the energy by 2 (from +1 to −1), so cut = (M − E) / 2.",
                wrong=M_EDGES - ENERGY),
        Mistake("the energy is not minus the cut: E = M − 2·cut.", wrong=-ENERGY),
    ],
    explain="Lowest energy = largest cut: that is why W = −A turns any energy-descending network into a "
            "max-cut heuristic.",
))
