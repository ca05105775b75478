"""Practice 12 (12_modern_hopfield_attention): right answers written in several ways pass, and each
plausible wrong answer fails with the message written for it."""

import warnings

import numpy as np
import pytest
import scipy.special

import hopfield_lib as hl
from hopfield_lib import modern
from hopfield_course.checks import exercises_for
from hopfield_lib.experiments import modern_analysis
from checkhelpers import run, fails_with

IDS = ["modern.softmax", "modern.update", "modern.energy", "modern.attention", "modern.effective_number"]


@pytest.fixture(autouse=True)
def _no_numpy_warnings_noise():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # the wrong answers below overflow on purpose
        yield


def test_the_notebook_has_five_exercises_in_order():
    assert [ex.id for ex in exercises_for("12_modern_hopfield_attention")] == IDS


# --------------------------------------------------------------------------- softmax


@pytest.mark.parametrize("answer", [
    lambda z: modern.softmax(z),
    lambda z: scipy.special.softmax(z, axis=-1),
    lambda z: np.exp(z - scipy.special.logsumexp(z, axis=-1, keepdims=True)),
    lambda z: (lambda e: e / e.sum(axis=-1, keepdims=True))(np.exp(z - np.max(z, axis=-1, keepdims=True))),
], ids=["library", "scipy", "via-logsumexp", "inline"])
def test_softmax_right_answers(answer):
    assert run("modern.softmax", answer).passed


def test_softmax_mistakes():
    def naive(z):
        e = np.exp(z)
        return e / e.sum(axis=-1, keepdims=True)

    fails_with("modern.softmax", naive, "your softmax overflows")

    def global_max(z):
        e = np.exp(z - z.max())
        return e / e.sum(axis=-1, keepdims=True)

    fails_with("modern.softmax", global_max, "you subtracted the maximum of the whole batch")

    def axis0(z):
        e = np.exp(z - z.max(axis=0, keepdims=True))
        return e / e.sum(axis=0, keepdims=True)

    fails_with("modern.softmax", axis0, "you normalised over the wrong axis")

    def one_d_only(z):
        e = np.exp(z - z.max())
        return e / e.sum()

    fails_with("modern.softmax", one_d_only, "you divided by the sum over the whole batch")
    fails_with("modern.softmax", lambda z: np.exp(z - z.max(axis=-1, keepdims=True)), "you forgot to divide by the sum")
    fails_with("modern.softmax", lambda z: z / z.sum(axis=-1, keepdims=True), "2 of 2 entries are off")


# --------------------------------------------------------------------------- update


@pytest.mark.parametrize("answer", [
    lambda X, Q, beta: hl.modern_update(X, Q, beta=beta),
    lambda X, Q, beta: modern.softmax(beta * (Q @ X.T)) @ X,
    lambda X, Q, beta: (X.T @ scipy.special.softmax(beta * X @ Q.T, axis=0)).T,
    lambda X, Q, beta: np.stack([X.T @ modern.softmax(beta * X @ q) for q in np.atleast_2d(Q)]).reshape(np.shape(Q)),
], ids=["library", "rows", "columns", "loop"])
def test_update_right_answers(answer):
    assert run("modern.update", answer).passed


def test_update_mistakes():
    sm = modern.softmax
    fails_with("modern.update", lambda X, Q, beta: sm(Q @ X.T) @ X, "you forgot beta")
    fails_with("modern.update", lambda X, Q, beta: sm(Q @ X.T / beta) @ X, "you divided by beta")
    fails_with("modern.update", lambda X, Q, beta: beta * sm(Q @ X.T) @ X, "beta belongs inside the softmax")
    fails_with("modern.update", lambda X, Q, beta: X @ sm(beta * X @ Q) if Q.ndim == 1 else sm(beta * Q @ X.T) @ X.T,
               "you combined the patterns with X @ p")
    fails_with("modern.update", lambda X, Q, beta: modern.softmax(beta * (Q @ X.T), axis=0) @ X
               if Q.ndim == 2 else hl.modern_update(X, Q, beta=beta),
               "you took the softmax over the wrong axis")
    fails_with("modern.update", lambda X, Q, beta: sm(beta * (Q @ X.T)), "you returned the weights p")

    def naive(X, Q, beta):
        e = np.exp(beta * (Q @ X.T))
        return (e / e.sum(axis=-1, keepdims=True)) @ X

    fails_with("modern.update", naive, "your softmax overflows (NaN) when the scores are large")


# --------------------------------------------------------------------------- energy


def test_energy_right_answers():
    assert run("modern.energy", lambda X, xi, beta: hl.modern_energy(X, xi, beta=beta)).passed
    assert run("modern.energy", lambda X, xi, beta: float(
        -scipy.special.logsumexp(beta * X @ xi) / beta + xi @ xi / 2 + np.log(len(X)) / beta
        + np.max(np.linalg.norm(X, axis=1)) ** 2 / 2)).passed


def energy_with(*, lse=lambda X, xi, beta: scipy.special.logsumexp(beta * X @ xi) / beta, quad=0.5,
                logp=lambda P, beta: np.log(P) / beta, m=lambda X: 0.5 * np.max(np.sum(X**2, axis=1)), sign=-1):
    return lambda X, xi, beta: float(sign * lse(X, xi, beta) + quad * xi @ xi + logp(len(X), beta) + m(X))


def test_energy_mistakes():
    fails_with("modern.energy", energy_with(lse=lambda X, xi, beta: scipy.special.logsumexp(beta * X @ xi)),
               "the log-sum-exp has a 1/beta in front")
    fails_with("modern.energy", energy_with(logp=lambda P, beta: 0.0, m=lambda X: 0.0),
               "you left out the constants log(P)/beta + M²/2")
    fails_with("modern.energy", energy_with(logp=lambda P, beta: 0.0), "you left out the constant log(P)/beta")
    fails_with("modern.energy", energy_with(m=lambda X: 0.0), "you left out the constant M²/2")
    fails_with("modern.energy", energy_with(logp=lambda P, beta: np.log(P)), "the constant is log(P)/beta, not log(P)")
    fails_with("modern.energy", energy_with(m=lambda X: 0.5 * np.max(np.linalg.norm(X, axis=1))), "not M/2")
    fails_with("modern.energy", energy_with(quad=1.0), "you forgot the ½")
    fails_with("modern.energy", energy_with(sign=+1), "the log-sum-exp enters with a minus sign")
    fails_with("modern.energy", energy_with(lse=lambda X, xi, beta: np.log(np.sum(np.exp(beta * X @ xi))) / beta),
               "your log-sum-exp overflows")


# --------------------------------------------------------------------------- attention


@pytest.mark.parametrize("answer", [
    lambda Q, K, W_V: hl.modern_update(K, Q, beta=1 / np.sqrt(K.shape[1])) @ W_V,
    lambda Q, K, W_V: hl.attention(Q, K, K @ W_V),
    lambda Q, K, W_V: modern.hopfield_layer(Q, K, np.eye(Q.shape[1]), np.eye(K.shape[1]), W_V),
], ids=["update", "attention", "layer"])
def test_attention_right_answers(answer):
    assert run("modern.attention", answer).passed


def test_attention_mistakes():
    upd = hl.modern_update
    fails_with("modern.attention", lambda Q, K, W_V: upd(K, Q, beta=1 / K.shape[1]) @ W_V, "you used beta = 1/d_k")
    fails_with("modern.attention", lambda Q, K, W_V: upd(K, Q, beta=1.0) @ W_V, "you forgot the scaling")
    fails_with("modern.attention", lambda Q, K, W_V: upd(K, Q, beta=np.sqrt(K.shape[1])) @ W_V,
               "you multiplied by √d_k")
    fails_with("modern.attention", lambda Q, K, W_V: upd(Q, K, beta=1 / np.sqrt(K.shape[1])) @ W_V,
               "you swapped states and stored patterns")
    fails_with("modern.attention", lambda Q, K, W_V: upd(K, Q, beta=1 / np.sqrt(K.shape[1])),
               "you forgot to project with W_V")


# --------------------------------------------------------------------------- effective number


@pytest.mark.parametrize("answer", [
    modern_analysis.effective_number,
    lambda p: np.exp(-scipy.special.xlogy(p, p).sum(axis=-1)),
    lambda p: np.exp(scipy.stats.entropy(p, axis=-1)),
    lambda p: 2 ** (-np.sum(np.where(p > 0, p * np.log2(np.where(p > 0, p, 1)), 0), axis=-1)),
], ids=["library", "xlogy", "scipy-entropy", "base-2"])
def test_effective_number_right_answers(answer):
    import scipy.stats  # noqa: F401 - used by one answer

    assert run("modern.effective_number", answer).passed


def test_effective_number_mistakes():
    fails_with("modern.effective_number", lambda p: np.exp(-np.sum(p * np.log(p), axis=-1)),
               "a weight of exactly 0 gives 0 * log(0)")
    xlogy = scipy.special.xlogy
    fails_with("modern.effective_number", lambda p: -xlogy(p, p).sum(axis=-1), "you returned the entropy")
    fails_with("modern.effective_number", lambda p: np.exp(xlogy(p, p).sum(axis=-1)), "you forgot the minus sign")
    fails_with("modern.effective_number", lambda p: 1 / np.sum(p**2, axis=-1), "participation ratio")
    fails_with("modern.effective_number", lambda p: np.exp(-np.sum(np.where(p > 0, p * np.log2(np.where(p > 0, p, 1)), 0),
                                                                   axis=-1)), "you mixed logarithm bases")
    fails_with("modern.effective_number", lambda p: np.exp(-xlogy(p, p).sum(axis=0)), "sum over the last axis")
