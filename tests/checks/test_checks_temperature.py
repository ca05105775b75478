"""Practice 7 (07_noise_and_temperature): right answers pass in several forms, each plausible
wrong answer fails with the message written for it."""

import numpy as np
import pytest
from scipy.optimize import brentq

from hopfield_course.checks import EXERCISES, exercises_for
from hopfield_course.checks.p07_noise_and_temperature import _sweep_cases, _sweep_variant, glauber_sweep
from checkhelpers import run, fails_with


IDS = ["temperature.glauber_probability", "temperature.glauber_sweep", "temperature.mean_field_overlap",
       "temperature.mixture_rhs", "temperature.basin_radius"]


def test_the_notebook_has_five_exercises():
    assert [ex.id for ex in exercises_for("07_noise_and_temperature")] == IDS


# --------------------------------------------------------------------------- probability


@pytest.mark.parametrize("answer", [
    lambda h, beta: 1 / (1 + np.exp(-2 * beta * np.asarray(h))),
    lambda h, beta: (1 + np.tanh(beta * np.asarray(h))) / 2,
    lambda h, beta: np.exp(beta * np.asarray(h)) / (np.exp(beta * np.asarray(h)) + np.exp(-beta * np.asarray(h))),
], ids=["logistic", "tanh", "boltzmann"])
def test_probability_right_answers(answer):
    assert run("temperature.glauber_probability", answer).passed


def test_probability_mistakes():
    ex = "temperature.glauber_probability"
    fails_with(ex, lambda h, beta: 1 / (1 + np.exp(-beta * np.asarray(h))), "the exponent is −2βh")
    fails_with(ex, lambda h, beta: 1 / (1 + np.exp(2 * beta * np.asarray(h))), "you returned P(s_i = −1)")
    fails_with(ex, lambda h, beta: np.tanh(beta * np.asarray(h)), "use (1 + tanh(βh)) / 2")
    fails_with(ex, lambda h, beta: 1 / (1 + np.exp(-2 * np.asarray(h) / beta)), "β multiplies the field")


# --------------------------------------------------------------------------- sweep


def sweep_tanh(W, s, beta, order, u):
    s = s.astype(float)
    for i in order:
        s[i] = 1.0 if 2 * u[i] - 1 < np.tanh(beta * W[i] @ s) else -1.0
    return s


def sweep_incremental(W, s, beta, order, u):
    s = s.copy().astype(float)
    h = W @ s
    for i in order:
        new = np.where(u[i] < 1 / (1 + np.exp(-2 * beta * h[i])), 1.0, -1.0)
        h += (new - s[i]) * W[:, i]
        s[i] = new
    return s


@pytest.mark.parametrize("answer", [glauber_sweep, sweep_tanh, sweep_incremental], ids=["literal", "tanh", "incremental"])
def test_sweep_right_answers(answer):
    assert run("temperature.glauber_sweep", answer).passed


def test_sweep_cases_are_safe_from_rounding():
    """No u[i] is within 1e-6 of its p, so every correct formula of p gives the same state."""
    for case in _sweep_cases():
        W, s, beta, order, u = case.args
        s = s.copy()
        for i in order:
            p = 1 / (1 + np.exp(-2 * beta * (W[i] @ s)))
            assert abs(u[i] - p) > 1e-6
            s[i] = 1.0 if u[i] < p else -1.0


@pytest.mark.parametrize("kind, text", [
    ("sync", "you computed every field from the state before the sweep"),
    ("by_step", "use u[i], the number that belongs to neuron i"),
    ("natural", "use the order you are given"),
    ("inverted", "choose +1 when u_i < p"),
    ("no_noise", "your sweep ignores the random numbers"),
    ("half", "your probabilities use exp(−βh)"),
])
def test_sweep_mistakes(kind, text):
    fails_with("temperature.glauber_sweep", _sweep_variant(kind), text)


def test_sweep_in_place_is_reported():
    def in_place(W, s, beta, order, u):
        for i in order:
            s[i] = 1.0 if u[i] < 1 / (1 + np.exp(-2 * beta * (W[i] @ s))) else -1.0
        return s

    fails_with("temperature.glauber_sweep", in_place, "your function changed its input `s`")


# --------------------------------------------------------------------------- mean-field overlap


def mf_iterate(T):
    if T >= 1:
        return 0.0
    m = 1.0
    for _ in range(5000):
        m = np.tanh(m / T)
    return m


def mf_iterate_without_the_t1_branch(T):
    """The plain iteration of the notebook's first draft: right everywhere but at T = 1 exactly."""
    m = 1.0
    for _ in range(20000):
        new = np.tanh(m / T)
        if abs(new - m) < 1e-13:
            break
        m = new
    return float(m)


def mf_brentq(T):
    if T >= 1:
        return 0.0
    return brentq(lambda m: m - np.tanh(m / T), 1e-9, 1.0)


@pytest.mark.parametrize("answer", [mf_iterate, mf_brentq], ids=["iterate", "brentq"])
def test_mean_field_right_answers(answer):
    assert run("temperature.mean_field_overlap", answer).passed


def test_mean_field_mistakes():
    ex = "temperature.mean_field_overlap"

    def beta_is_t(T):
        m = 1.0
        for _ in range(5000):
            m = np.tanh(m * T)
        return m

    def too_few(T):
        m = 1.0
        for _ in range(20):
            m = np.tanh(m / T)
        return m

    fails_with(ex, beta_is_t, "you used tanh(T m)")
    fails_with(ex, lambda T: np.tanh(1 / T), "that is one step of the iteration")
    fails_with(ex, lambda T: 0.0, "m = 0 always solves m = tanh(m/T)")
    fails_with(ex, lambda T: -mf_iterate(T), "the negative solution")
    fails_with(ex, too_few, "near T = 1 the iteration converges slowly")


def test_mean_field_at_t1_the_plain_iteration_fails_with_its_own_message():
    ex = "temperature.mean_field_overlap"
    assert 0.005 < mf_iterate_without_the_t1_branch(1.0) < 0.01  # creeps to 0 like sqrt(3 / (2 steps))
    result = fails_with(ex, mf_iterate_without_the_t1_branch,
                        "at T = 1 exactly the iteration creeps to 0 like 1/√steps (m ≈ √(3/(2·steps))), so it never "
                        "gets within 1e-4 in practice: return 0 for T >= 1.")
    assert result.message.endswith("(case 6 of 7: T = 1 exactly)")

    def five_thousand_steps(T):
        m = 1.0
        for _ in range(5000):
            m = np.tanh(m / T)
        return m

    fails_with(ex, five_thousand_steps, "at T = 1 exactly the iteration creeps to 0")
    assert run(ex, lambda T: 0.0 if T >= 1 else mf_iterate_without_the_t1_branch(T)).passed


# --------------------------------------------------------------------------- 3-mixture equation


def rhs_by_enumeration(m, T):
    m = np.asarray(m, dtype=float)
    total = 0.0
    for x2 in (-1, 1):
        for x3 in (-1, 1):
            total = total + np.tanh(m * (1 + x2 + x3) / T)
    return total / 4


@pytest.mark.parametrize("answer", [
    lambda m, T: (np.tanh(3 * np.asarray(m) / T) + np.tanh(np.asarray(m) / T)) / 4,
    rhs_by_enumeration,
], ids=["closed", "enumerate"])
def test_mixture_rhs_right_answers(answer):
    assert run("temperature.mixture_rhs", answer).passed


def test_mixture_rhs_mistakes():
    ex = "temperature.mixture_rhs"
    fails_with(ex, lambda m, T: (np.tanh(3 * np.asarray(m) / T) + 3 * np.tanh(np.asarray(m) / T)) / 4,
               "the three 2-against-1 arrangements do not all count with +")
    fails_with(ex, lambda m, T: (np.tanh(3 * np.asarray(m) * T) + np.tanh(np.asarray(m) * T)) / 4,
               "you used T where β = 1/T belongs")
    fails_with(ex, lambda m, T: np.tanh(3 * np.asarray(m) / T) + np.tanh(np.asarray(m) / T), "divide the sum by 4")
    fails_with(ex, lambda m, T: (np.tanh(3 * np.asarray(m) / T) + np.tanh(np.asarray(m) / T)) / 2, "not by 2")
    fails_with(ex, lambda m, T: 0 * np.asarray(m, dtype=float), "without the factor ξ¹")


# --------------------------------------------------------------------------- basin radius


def radius_argmax(fractions, prob, level=0.9):
    below = np.asarray(prob) < level
    k = np.argmax(below) if below.any() else len(prob)
    return fractions[k - 1]


@pytest.mark.parametrize("answer", [EXERCISES["temperature.basin_radius"].solution(), radius_argmax],
                         ids=["loop", "argmax"])
def test_basin_radius_right_answers(answer):
    assert run("temperature.basin_radius", answer).passed


def test_basin_radius_mistakes():
    ex = "temperature.basin_radius"

    def index(fractions, prob, level=0.9):
        below = np.asarray(prob) < level
        return int(np.argmax(below)) - 1 if below.any() else len(prob) - 1

    def first_fail(fractions, prob, level=0.9):
        below = np.asarray(prob) < level
        return fractions[np.argmax(below)] if below.any() else fractions[-1]

    def largest_anywhere(fractions, prob, level=0.9):
        return np.max(np.asarray(fractions)[np.asarray(prob) >= level])

    def strict(fractions, prob, level=0.9):
        below = np.asarray(prob) <= level
        k = np.argmax(below) if below.any() else len(prob)
        return fractions[k - 1]

    def fixed_level(fractions, prob, level=0.9):
        return radius_argmax(fractions, prob, 0.9)

    fails_with(ex, index, "you returned the index of the noise level")
    fails_with(ex, first_fail, "you returned the first noise level where recall fails")
    fails_with(ex, largest_anywhere, "the basin ends at the first drop")
    fails_with(ex, strict, "a recall probability equal to `level` still counts")
    fails_with(ex, fixed_level, "use the `level` argument")
