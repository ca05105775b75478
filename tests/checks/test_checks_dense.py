"""Practice 11 (11_dense_memories): right answers written in several ways pass, and each plausible
wrong answer fails with the message written for it."""

import math

import numpy as np
import pytest
from scipy.special import erfc, factorial2, ndtr

import hopfield_lib as hl
from hopfield_course.checks import EXERCISES, exercises_for
from hopfield_lib.experiments import dense_capacity
from checkhelpers import passes, fails_with


def test_the_notebook_has_six_exercises_in_order():
    assert [ex.id for ex in exercises_for("11_dense_memories")] == [
        "dense.energy", "dense.neuron_update", "dense.field_factor", "dense.logsumexp", "dense.error_rate",
        "dense.capacity_doubling"]


# --------------------------------------------------------------------------- 1. energy


@pytest.mark.parametrize("answer", [
    lambda xi, s, n: -np.sum((xi @ s) ** n),
    lambda xi, s, n: -sum(float(np.dot(x, s)) ** n for x in xi),
    lambda xi, s, n: hl.dense_energy(xi, s, n=n),
])
def test_energy_right(answer):
    passes("dense.energy", answer)


@pytest.mark.parametrize("answer,text", [
    (lambda xi, s, n: np.sum((xi @ s) ** n), "wrong sign"),
    (lambda xi, s, n: -np.sum(xi @ s) ** n, "you raised the *sum* of the overlaps"),
    (lambda xi, s, n: -np.sum((xi @ s / len(s)) ** n), "not m^μ = ξ^μ·s / N"),
    (lambda xi, s, n: -((xi @ s) ** n), "the energy is their sum"),
])
def test_energy_mistakes(answer, text):
    fails_with("dense.energy", answer, text)


# --------------------------------------------------------------------------- 2. neuron update


def right_update(xi, s, i):
    r = xi @ s - xi[:, i] * s[i]
    h = np.sum((r + xi[:, i]) ** 3 - (r - xi[:, i]) ** 3)
    return np.sign(h) if h != 0 else s[i]


def loop_update(xi, s, i):
    def energy(state):
        return -sum(float(np.dot(x, state)) ** 3 for x in xi)

    up, down = s.copy(), s.copy()
    up[i], down[i] = 1, -1
    diff = energy(down) - energy(up)
    return 1 if diff > 0 else (-1 if diff < 0 else s[i])


@pytest.mark.parametrize("answer", [
    right_update,
    loop_update,
    lambda xi, s, i: hl.dense_step(xi, s, n=3)[i],
])
def test_neuron_update_right(answer):
    passes("dense.neuron_update", answer)


def with_tie(h, old):
    return np.sign(h) if h != 0 else old


@pytest.mark.parametrize("answer,text", [
    (lambda xi, s, i: np.sign(np.sum((xi @ s - xi[:, i] * s[i] + xi[:, i]) ** 3 - (xi @ s - xi[:, i] * s[i]
                                                                                    - xi[:, i]) ** 3)),
     "np.sign(0) is 0"),
    (lambda xi, s, i: with_tie(np.sum(xi[:, i] * (xi @ s) ** 3), s[i]), "F(ξ^μ·s) = (ξ^μ·s)³"),
    (lambda xi, s, i: with_tie(np.sum((xi @ s + xi[:, i]) ** 3 - (xi @ s - xi[:, i]) ** 3), s[i]),
     "your overlap still contains neuron i"),
    (lambda xi, s, i: with_tie(np.sum(xi[:, i] * (xi @ s)), s[i]), "the classical (n = 2) rule"),
    (lambda xi, s, i: with_tie(np.sum((xi @ s - xi[:, i] * s[i] + xi[:, i]) ** 3 - (xi @ s - xi[:, i] * s[i]
                                                                                      - xi[:, i]) ** 3), 1.0),
     "keeps its current value"),
    (lambda xi, s, i: np.sum((xi @ s - xi[:, i] * s[i] + xi[:, i]) ** 3 - (xi @ s - xi[:, i] * s[i] - xi[:, i]) ** 3),
     "not the field itself"),
    (lambda xi, s, i: hl.dense_step(xi, s, n=3), "not the whole state"),
])
def test_neuron_update_mistakes(answer, text):
    fails_with("dense.neuron_update", answer, text)


# --------------------------------------------------------------------------- 3. field factor


def test_field_factor():
    passes("dense.field_factor", 200)
    fails_with("dense.field_factor", 4, "you forgot the factor N")
    fails_with("dense.field_factor", 100, "not 2r")
    fails_with("dense.field_factor", 50, "the factor 4")
    fails_with("dense.field_factor", 0.08, "not 4/N")
    fails_with("dense.field_factor", 201, "not quite")


# --------------------------------------------------------------------------- 4. log-sum-exp


def lse_loop(z):
    z = np.atleast_2d(z)
    out = []
    for row in z:
        m = max(row)
        out.append(m + math.log(sum(math.exp(v - m) for v in row)))
    return out[0] if np.ndim(z) == 2 and len(out) == 1 and np.ndim(z) == 2 and z.shape[0] == 1 else np.array(out)


@pytest.mark.parametrize("answer", [
    lambda z: np.max(z, axis=-1) + np.log(np.sum(np.exp(z - np.max(z, axis=-1, keepdims=True)), axis=-1)),
    lambda z: hl.modern.logsumexp(z),
    lambda z: np.logaddexp.reduce(z, axis=-1),
])
def test_logsumexp_right(answer):
    passes("dense.logsumexp", answer)


def test_logsumexp_loop_version_right():
    def loop(z):
        z = np.asarray(z, dtype=float)
        if z.ndim == 1:
            m = z.max()
            return m + math.log(sum(math.exp(v - m) for v in z))
        return np.array([loop(row) for row in z])

    passes("dense.logsumexp", loop)


@pytest.mark.parametrize("answer,text", [
    (lambda z: np.log(np.sum(np.exp(z), axis=-1)), "your result overflows"),
    (lambda z: np.max(z) + np.log(np.sum(np.exp(z - np.max(z)), axis=-1)), "each row's own maximum"),
    (lambda z: np.log(np.sum(np.exp(z - np.max(z, axis=-1, keepdims=True)), axis=-1)),
     "you forgot to add the maximum back"),
    (lambda z: np.min(z, axis=-1) + np.log(np.sum(np.exp(z - np.min(z, axis=-1, keepdims=True)), axis=-1)),
     "your result overflows"),
    (lambda z: np.max(z) + np.log(np.sum(np.exp(z - np.max(z)))), "one number per row"),
])
def test_logsumexp_mistakes(answer, text):
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        fails_with("dense.logsumexp", answer, text)


def test_logsumexp_min_shift_on_small_numbers_is_named():
    """Shifting by the minimum is exact in exact arithmetic; it is caught where it overflows."""
    ex = EXERCISES["dense.logsumexp"]
    assert any("minimum" in m.message for m in ex.mistakes)


# --------------------------------------------------------------------------- 5. error rate


@pytest.mark.parametrize("answer", [
    lambda n, N, P: ndtr(-np.sqrt(N ** (n - 1) / (P * dense_capacity.double_factorial(2 * n - 3)))),
    lambda n, N, P: 0.5 * erfc(np.sqrt(N ** (n - 1) / (P * factorial2(2 * n - 3))) / np.sqrt(2)),
])
def test_error_rate_right(answer):
    passes("dense.error_rate", answer)


def df(k):
    return dense_capacity.double_factorial(k)


@pytest.mark.parametrize("answer,text", [
    (lambda n, N, P: ndtr(-np.sqrt(N ** (n - 1) / (P * df(2 * n - 1)))), "you used (2n−1)!!"),
    (lambda n, N, P: ndtr(-np.sqrt(N ** (n - 1) / (P * math.factorial(2 * n - 3)))), "the factorial (2n−3)!"),
    (lambda n, N, P: ndtr(-np.sqrt(N ** (n - 1) / P)), "you forgot the double factorial"),
    (lambda n, N, P: ndtr(-(N ** (n - 1) / (P * df(2 * n - 3)))), "take its square root"),
    (lambda n, N, P: ndtr(-np.sqrt(N**n / (P * df(2 * n - 3)))), "not N^n"),
    (lambda n, N, P: ndtr(np.sqrt(N ** (n - 1) / (P * df(2 * n - 3)))), "the probability that the bit is *right*"),
])
def test_error_rate_mistakes(answer, text):
    fails_with("dense.error_rate", answer, text)


# --------------------------------------------------------------------------- 6. capacity doubling


def test_capacity_doubling():
    passes("dense.capacity_doubling", 4 * np.log(100) / np.log(200))
    passes("dense.capacity_doubling", 3.477)
    fails_with("dense.capacity_doubling", 4, "you dropped the 1/ln N factor")
    fails_with("dense.capacity_doubling", 2 * np.log(100) / np.log(200), "that is the ratio for n = 2")
    fails_with("dense.capacity_doubling", 8 * np.log(100) / np.log(200), "not N³")
    fails_with("dense.capacity_doubling", 4 * np.log(200) / np.log(100), "the wrong way round")
    fails_with("dense.capacity_doubling", 2, "without the log")
    fails_with("dense.capacity_doubling", 3.3, "not quite")
