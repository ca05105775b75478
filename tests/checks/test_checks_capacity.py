"""Practice 5 (05_capacity): every exercise accepts right answers written in several ways and
names each plausible wrong answer with its own message."""

import math

import numpy as np
import pytest
from scipy.stats import norm

import hopfield_lib as hl
from hopfield_lib.experiments import capacity
from hopfield_course.checks import exercises_for
from hopfield_course.checks import p05_capacity as cap_checks
from checkhelpers import run, fails_with

FUNCTIONS = ["capacity.crosstalk", "capacity.predicted_error_rate", "capacity.measured_error_rate"]
VALUES = ["capacity.largest_perfect_load", "capacity.wrong_bits_at_alpha_c"]


def test_the_notebook_has_five_exercises():
    assert [ex.id for ex in exercises_for("05_capacity")] == FUNCTIONS + VALUES


# --------------------------------------------------------------------------- crosstalk


def crosstalk_loops(patterns, mu, i):
    p, n = len(patterns), len(patterns[0])
    total = 0.0
    for nu in range(p):
        if nu == mu:
            continue
        for j in range(n):
            if j != i:
                total += patterns[mu][i] * patterns[nu][i] * patterns[nu][j] * patterns[mu][j]
    return total / n


def crosstalk_from_field(patterns, mu, i):
    xi = np.asarray(patterns, dtype=float)
    n = xi.shape[1]
    w = xi.T @ xi / n
    np.fill_diagonal(w, 0)
    return xi[mu, i] * (w @ xi[mu])[i] - (n - 1) / n


@pytest.mark.parametrize("answer", [crosstalk_loops, crosstalk_from_field,
                                    lambda patterns, mu, i: capacity.crosstalk(patterns)[mu, i]],
                         ids=["loops", "field-minus-signal", "library"])
def test_crosstalk_right_answers(answer):
    assert run("capacity.crosstalk", answer).passed


def test_crosstalk_mistakes():
    def keep_diagonal(patterns, mu, i):
        xi = np.asarray(patterns, dtype=float)
        others = np.delete(xi, mu, axis=0)
        return xi[mu, i] * (others[:, i] @ (others @ xi[mu])) / xi.shape[1]

    def keep_signal(patterns, mu, i):
        xi = np.asarray(patterns, dtype=float)
        agree = xi @ xi[mu] - xi[:, i] * xi[mu, i]
        return xi[mu, i] * (xi[:, i] @ agree) / xi.shape[1]

    def all_terms(patterns, mu, i):
        xi = np.asarray(patterns, dtype=float)
        return xi[mu, i] * (xi[:, i] @ (xi @ xi[mu])) / xi.shape[1]

    def no_alignment(patterns, mu, i):
        return crosstalk_loops(patterns, mu, i) * patterns[mu][i]

    def over_p(patterns, mu, i):
        return crosstalk_loops(patterns, mu, i) * len(patterns[0]) / len(patterns)

    fails_with("capacity.crosstalk", keep_diagonal, "you kept the term j = i")
    fails_with("capacity.crosstalk", keep_signal, "you included ν = μ: that term is the signal")
    fails_with("capacity.crosstalk", all_terms, "you summed over all ν and all j")
    fails_with("capacity.crosstalk", no_alignment, "you forgot the factor ξ^μ_i in front")
    fails_with("capacity.crosstalk", over_p, "you divided by P instead of N")
    fails_with("capacity.crosstalk", lambda patterns, mu, i: -crosstalk_loops(patterns, mu, i),
               "your sign is flipped")
    fails_with("capacity.crosstalk", lambda patterns, mu, i: crosstalk_loops(patterns, mu, i) * len(patterns[0]),
               "you forgot to divide by N")
    fails_with("capacity.crosstalk", lambda patterns, mu, i: crosstalk_loops(patterns, i, mu),
               "you swapped the roles of μ and i")


def test_crosstalk_in_place_is_reported():
    def mutates(patterns, mu, i):
        value = crosstalk_loops(patterns, mu, i)
        patterns[mu] *= -1
        return value

    fails_with("capacity.crosstalk", mutates, "your function changed its input `patterns`")


# --------------------------------------------------------------------------- predicted error rate


@pytest.mark.parametrize("answer", [
    lambda n_neurons, n_patterns: norm.cdf(-np.sqrt(n_neurons / n_patterns)),
    lambda n_neurons, n_patterns: 0.5 * math.erfc(1 / math.sqrt(2 * n_patterns / n_neurons)),
    lambda n_neurons, n_patterns: capacity.gaussian_error_rate(n_patterns / n_neurons),
], ids=["scipy", "erfc", "library"])
def test_predicted_error_rate_right_answers(answer):
    assert run("capacity.predicted_error_rate", answer).passed


def test_predicted_error_rate_mistakes():
    fails_with("capacity.predicted_error_rate",
               lambda n_neurons, n_patterns: norm.cdf(-np.sqrt(n_patterns / n_neurons)),
               "you used √(P/N) instead of √(N/P)")
    fails_with("capacity.predicted_error_rate",
               lambda n_neurons, n_patterns: norm.cdf(-n_neurons / n_patterns),
               "you divided by the variance P/N instead of the standard deviation")
    fails_with("capacity.predicted_error_rate",
               lambda n_neurons, n_patterns: norm.cdf(np.sqrt(n_neurons / n_patterns)),
               "your sign is flipped")
    fails_with("capacity.predicted_error_rate",
               lambda n_neurons, n_patterns: math.erfc(math.sqrt(n_neurons / n_patterns) / math.sqrt(2)),
               "erfc gives twice the tail")
    fails_with("capacity.predicted_error_rate",
               lambda n_neurons, n_patterns: 0.5 * math.erfc(math.sqrt(n_neurons / n_patterns)),
               "you forgot to divide x by √2 inside erfc")
    fails_with("capacity.predicted_error_rate",
               lambda n_neurons, n_patterns: n_neurons * n_patterns * norm.cdf(-np.sqrt(n_neurons / n_patterns)),
               "you returned a number of bits")


def test_predicted_error_rate_wrong_type():
    fails_with("capacity.predicted_error_rate", lambda n_neurons, n_patterns: "small", "should be a number")
    fails_with("capacity.predicted_error_rate", lambda n_neurons, n_patterns: np.zeros(3), "expected a single number")


# --------------------------------------------------------------------------- measured error rate


@pytest.mark.parametrize("answer", [
    lambda W, patterns: np.mean(hl.sync_step(W, patterns) != patterns),
    lambda W, patterns: hl.measure.bit_error_rate(W, patterns),
    lambda W, patterns: np.sum((W @ np.asarray(patterns).T).T * patterns < 0) / np.size(patterns),
], ids=["sync_step", "library", "sum-over-size"])
def test_measured_error_rate_right_answers(answer):
    assert run("capacity.measured_error_rate", answer).passed


def test_measured_error_rate_mistakes():
    def fields(W, patterns):
        return np.asarray(patterns, dtype=float) @ np.asarray(W).T

    fails_with("capacity.measured_error_rate",
               lambda W, patterns: np.mean(np.any(fields(W, patterns) * patterns < 0, axis=1)),
               "you counted patterns, not bits")
    fails_with("capacity.measured_error_rate",
               lambda W, patterns: np.mean(np.sign(fields(W, patterns)) != patterns),
               "a zero field keeps the bit")
    fails_with("capacity.measured_error_rate",
               lambda W, patterns: np.sum(fields(W, patterns) * patterns < 0),
               "you returned the number of flipped bits")
    fails_with("capacity.measured_error_rate",
               lambda W, patterns: 100 * np.mean(fields(W, patterns) * patterns < 0),
               "you returned a percentage")
    fails_with("capacity.measured_error_rate",
               lambda W, patterns: np.mean(fields(W, patterns) * patterns > 0),
               "you returned the fraction of bits that stay correct")
    fails_with("capacity.measured_error_rate",
               lambda W, patterns: np.mean(fields(W, patterns) * patterns < 0, axis=1),
               "you averaged over the P patterns only")


# --------------------------------------------------------------------------- largest perfect load


def test_largest_perfect_load_constant_is_the_measurement():
    assert cap_checks.largest_perfect_load() == cap_checks.PERFECT_EXPECTED


@pytest.mark.parametrize("answer", [0.085, 0.08, 0.09, 0.0825, np.float64(0.085)])
def test_largest_perfect_load_accepts_a_correct_measurement(answer):
    assert run("capacity.largest_perfect_load", answer).passed


def test_largest_perfect_load_mistakes():
    fails_with("capacity.largest_perfect_load", 17, "that looks like a number of patterns")
    fails_with("capacity.largest_perfect_load", 0.138, "0.138 is the limit of approximate recall")
    fails_with("capacity.largest_perfect_load", 1 / (4 * math.log(200)), "McEliece's asymptotic 1/(4 ln N)")
    fails_with("capacity.largest_perfect_load", round(1 / (2 * math.log(200)), 3),
               "McEliece's asymptotic 1/(2 ln N), which is for one given pattern")
    fails_with("capacity.largest_perfect_load", 0.065, "too small")
    fails_with("capacity.largest_perfect_load", [0.085, 0.09], "expected a single number")


# --------------------------------------------------------------------------- wrong bits at alpha_c


@pytest.mark.parametrize("answer", [(1 - 0.967) / 2, 0.0165, 0.0163, 0.017])
def test_wrong_bits_right_answers(answer):
    assert run("capacity.wrong_bits_at_alpha_c", answer).passed


def test_wrong_bits_mistakes():
    fails_with("capacity.wrong_bits_at_alpha_c", 1 - 0.967, "1 − m counts each wrong bit twice")
    fails_with("capacity.wrong_bits_at_alpha_c", capacity.gaussian_error_rate(0.138),
               "that is the first-step error rate")
    fails_with("capacity.wrong_bits_at_alpha_c", 0.967, "that is the overlap m itself")
    fails_with("capacity.wrong_bits_at_alpha_c", 1.65, "give a fraction, not a percentage")
    fails_with("capacity.wrong_bits_at_alpha_c", 1 - 0.0165, "that is the fraction of right bits")
