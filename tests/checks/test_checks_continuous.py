"""Practice 10 (10_continuous_network): right answers written in several ways pass, and each plausible
wrong answer fails with the message written for it."""

import numpy as np
import pytest

import hopfield_lib as hl
from hopfield_course.checks import NOT_ATTEMPTED, exercises_for
from hopfield_lib.experiments import continuous, optimization
from checkhelpers import run, passes, fails_with


def test_the_notebook_has_six_exercises_in_order():
    assert [ex.id for ex in exercises_for("10_continuous_network")] == [
        "continuous.integral_term", "continuous.euler_step", "continuous.energy", "continuous.critical_gain",
        "continuous.cut_value", "continuous.cut_from_energy"]


# --------------------------------------------------------------------------- 1. integral term


@pytest.mark.parametrize("answer", [
    lambda V, gain: (V * np.arctanh(V) + 0.5 * np.log(1 - V**2)) / gain,
    lambda V, gain: ((1 + V) * np.log1p(V) + (1 - V) * np.log1p(-V)) / (2 * gain),
    lambda V, gain: continuous.integral_term(V, gain),
])
def test_integral_term_right(answer):
    passes("continuous.integral_term", answer)


@pytest.mark.parametrize("answer,text", [
    (lambda V, gain: V * np.arctanh(V) + 0.5 * np.log(1 - V**2), "you forgot to divide by the gain"),
    (lambda V, gain: (V * np.arctanh(V) + 0.5 * np.log(1 - V**2)) * gain, "multiplied by the gain instead"),
    (lambda V, gain: (V * np.arctanh(V) - 0.5 * np.log(1 - V**2)) / gain, "the log term has the wrong sign"),
    (lambda V, gain: -(V * np.arctanh(V) + 0.5 * np.log(1 - V**2)) / gain, "your integral term is negative"),
    (lambda V, gain: np.arctanh(V) / gain, "you returned the integrand"),
    (lambda V, gain: V * np.arctanh(V) / gain, "you left out the ½ ln(1 − V²) term"),
    (lambda V, gain: np.sum((V * np.arctanh(V) + 0.5 * np.log(1 - V**2)) / gain), "not their sum"),
])
def test_integral_term_mistakes(answer, text):
    fails_with("continuous.integral_term", answer, text)


def test_integral_term_mutating_input():
    def mutating(V, gain):
        V *= 1.0
        V[0] = 0.0
        return continuous.integral_term(V, gain)

    fails_with("continuous.integral_term", mutating, "changed its input")


# --------------------------------------------------------------------------- 2. Euler step


@pytest.mark.parametrize("answer", [
    lambda W, u, gain, dt, I: u + dt * (-u + np.tanh(gain * u) @ W.T + I),
    lambda W, u, gain, dt, I: (1 - dt) * u + dt * (np.tanh(gain * u) @ W + I),  # W symmetric
    lambda W, u, gain, dt, I: u + dt * (-u + (W @ np.tanh(gain * np.atleast_2d(u)).T).T.reshape(np.shape(u)) + I),
])
def test_euler_step_right(answer):
    passes("continuous.euler_step", answer)


@pytest.mark.parametrize("answer,text", [
    (lambda W, u, gain, dt, I: u + dt * (-u + u @ W.T + I), "not from the potentials u"),
    (lambda W, u, gain, dt, I: u + dt * (np.tanh(gain * u) @ W.T + I), "you left out the leak"),
    (lambda W, u, gain, dt, I: u + dt * (u + np.tanh(gain * u) @ W.T + I), "the leak has the wrong sign"),
    (lambda W, u, gain, dt, I: u + dt * (-u + np.tanh(gain * u) @ W.T), "you left out the input current"),
    (lambda W, u, gain, dt, I: u + (-u + np.tanh(gain * u) @ W.T + I), "forgot to multiply the derivative by dt"),
    (lambda W, u, gain, dt, I: dt * (-u + np.tanh(gain * u) @ W.T + I), "you returned the change"),
    (lambda W, u, gain, dt, I: -u + np.tanh(gain * u) @ W.T + I, "you returned the derivative"),
    (lambda W, u, gain, dt, I: np.tanh(gain * (u + dt * (-u + np.tanh(gain * u) @ W.T + I))),
     "you returned the new outputs"),
])
def test_euler_step_mistakes(answer, text):
    fails_with("continuous.euler_step", answer, text)


def test_euler_step_transposed_batch_message():
    def transposed(W, u, gain, dt, I):
        V = np.tanh(gain * u)
        return u.T + dt * (-u.T + W @ V.T + I) if u.ndim == 2 else u + dt * (-u + W @ V + I)

    fails_with("continuous.euler_step", transposed, "use `V @ W.T`")


# --------------------------------------------------------------------------- 3. energy


def right_energy(W, V, gain, I):
    return -0.5 * V @ W @ V - I @ V + np.sum(continuous.integral_term(V, gain))


@pytest.mark.parametrize("answer", [
    right_energy,
    lambda W, V, gain, I: continuous.continuous_energy(W, V, gain=gain, I=I),
    lambda W, V, gain, I: float(-0.5 * np.einsum("i,ij,j->", V, W, V) - np.dot(I, V)
                                + np.sum((V * np.arctanh(V) + 0.5 * np.log(1 - V**2)) / gain)),
])
def test_energy_right(answer):
    passes("continuous.energy", answer)


def integral(V, gain):
    return np.sum(continuous.integral_term(V, gain))


@pytest.mark.parametrize("answer,text", [
    (lambda W, V, gain, I: -0.5 * V @ W @ V - I @ V, "you left out the integral term"),
    (lambda W, V, gain, I: -V @ W @ V - I @ V + integral(V, gain), "off by a factor of 2"),
    (lambda W, V, gain, I: -0.5 * V @ W @ V + I @ V + integral(V, gain), "the input term has the wrong sign"),
    (lambda W, V, gain, I: -0.5 * V @ W @ V - I @ V - integral(V, gain), "the integral term is added"),
    (lambda W, V, gain, I: -0.5 * V @ W @ V - I @ V + gain * integral(V, gain), "not divided by the gain"),
    (lambda W, V, gain, I: -0.5 * V @ W @ V - I @ V + continuous.integral_term(V, gain), "you returned an array"),
])
def test_energy_mistakes(answer, text):
    fails_with("continuous.energy", answer, text)


# --------------------------------------------------------------------------- 4. critical gain


@pytest.mark.parametrize("answer", [
    lambda W: 1 / np.linalg.eigvalsh(W)[-1],
    lambda W: 1 / np.max(np.linalg.eigvals(W).real),
    lambda W: continuous.critical_gain(W),
])
def test_critical_gain_right(answer):
    passes("continuous.critical_gain", answer)


@pytest.mark.parametrize("answer,text", [
    (lambda W: 1 / np.max(np.abs(np.linalg.eigvalsh(W))), "largest *magnitude*"),
    (lambda W: np.linalg.eigvalsh(W)[-1], "its reciprocal"),
    (lambda W: 1 / np.linalg.eigvalsh(W)[0], "you used the smallest eigenvalue"),
])
def test_critical_gain_mistakes(answer, text):
    fails_with("continuous.critical_gain", answer, text)


# --------------------------------------------------------------------------- 5. cut value


@pytest.mark.parametrize("answer", [
    lambda A, s: 0.25 * np.sum(A * (1 - np.outer(s, s))),
    lambda A, s: sum(A[i, j] for i in range(len(s)) for j in range(i + 1, len(s)) if s[i] != s[j]),
    lambda A, s: optimization.cut_value(A, s),
])
def test_cut_value_right(answer):
    passes("continuous.cut_value", answer)


@pytest.mark.parametrize("answer,text", [
    (lambda A, s: 0.5 * np.sum(A * (1 - np.outer(s, s))), "you counted every cut edge twice"),
    (lambda A, s: 0.25 * np.sum(A * (1 + np.outer(s, s))), "*inside* the groups"),
    (lambda A, s: 0.5 * s @ A @ s, "you returned the Ising energy"),
])
def test_cut_value_mistakes(answer, text):
    fails_with("continuous.cut_value", answer, text)


# --------------------------------------------------------------------------- 6. energy and cut


def test_cut_from_energy():
    passes("continuous.cut_from_energy", 26)
    passes("continuous.cut_from_energy", 26.0)
    fails_with("continuous.cut_from_energy", 14, "*uncut* edges")
    fails_with("continuous.cut_from_energy", 52, "you forgot to halve")
    fails_with("continuous.cut_from_energy", 12, "the energy is not minus the cut")
    fails_with("continuous.cut_from_energy", 27, "not quite")
    fails_with("continuous.cut_from_energy", None, "None")
    assert run("continuous.cut_from_energy", ...).status == NOT_ATTEMPTED
