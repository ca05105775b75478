"""Practice 13 (13_sequences): right answers written in several ways pass, and each plausible wrong
answer fails with the message written for it."""

import numpy as np
import pytest

import hopfield_lib as hl
from hopfield_lib.experiments import sequences
from hopfield_course.checks import exercises_for
from checkhelpers import run, fails_with


def test_the_notebook_has_five_exercises_in_order():
    assert [ex.id for ex in exercises_for("13_sequences")] == [
        "sequences.weights", "sequences.next_state", "sequences.pair_weights", "sequences.slow_fast_field",
        "sequences.lambda_threshold"]


# --------------------------------------------------------------------------- weights


@pytest.mark.parametrize("answer", [
    lambda patterns: sequences.sequence_weights(patterns, cyclic=True),
    lambda patterns: np.roll(patterns, -1, axis=0).T @ patterns / patterns.shape[1],
    lambda patterns: sum(np.outer(patterns[(m + 1) % len(patterns)], patterns[m]) for m in range(len(patterns)))
    / patterns.shape[1],
    lambda patterns: np.einsum("mi,mj->ij", np.roll(patterns, -1, axis=0), patterns) / patterns.shape[1],
], ids=["library", "roll", "outer-loop", "einsum"])
def test_weights_right_answers(answer):
    assert run("sequences.weights", answer).passed


def test_weights_mistakes():
    N = lambda p: p.shape[1]  # noqa: E731
    fails_with("sequences.weights", lambda p: p.T @ np.roll(p, -1, axis=0) / N(p), "maps each pattern to the previous one")
    fails_with("sequences.weights", lambda p: p[1:].T @ p[:-1] / N(p), "does not close the loop")

    def zero_diag(p):
        W = np.roll(p, -1, axis=0).T @ p / N(p)
        np.fill_diagonal(W, 0)
        return W

    fails_with("sequences.weights", zero_diag, "you set the diagonal to zero")
    fails_with("sequences.weights", lambda p: p.T @ p / N(p), "that is Hebb's symmetric rule")
    fails_with("sequences.weights", lambda p: np.roll(p, -1, axis=0).T @ p / len(p), "you divided by P instead of N")
    fails_with("sequences.weights", lambda p: np.roll(p, -1, axis=0).T @ p, "you forgot to divide by N")


# --------------------------------------------------------------------------- next state


@pytest.mark.parametrize("answer", [
    lambda W, s: hl.sync_step(W, s),
    lambda W, s: np.where(s @ W.T == 0, s, np.sign(s @ W.T)),
    lambda W, s: np.array([[s_b[i] if (W[i] @ s_b) == 0 else np.sign(W[i] @ s_b) for i in range(len(W))]
                           for s_b in np.atleast_2d(s)]).reshape(np.shape(s)),
], ids=["library", "where", "loops"])
def test_next_state_right_answers(answer):
    assert run("sequences.next_state", answer).passed


def test_next_state_mistakes():
    fails_with("sequences.next_state", lambda W, s: hl.sync_step(W.T, s), "you used W.T")
    fails_with("sequences.next_state", lambda W, s: np.sign(s @ W.T), "np.sign gives 0 on a tie")
    fails_with("sequences.next_state", lambda W, s: np.where(s @ W.T >= 0, 1.0, -1.0), "you set it to +1")
    fails_with("sequences.next_state", lambda W, s: np.where(s @ W.T > 0, 1.0, -1.0), "you set it to −1")
    fails_with("sequences.next_state", lambda W, s: s @ W.T, "you returned the fields h")


# --------------------------------------------------------------------------- pair weights


@pytest.mark.parametrize("answer", [
    lambda inputs, outputs: hl.rules.hetero_hebbian(inputs, outputs),
    lambda inputs, outputs: outputs.T @ inputs / inputs.shape[1],
    lambda inputs, outputs: sum(np.outer(y, x) for x, y in zip(inputs, outputs)) / inputs.shape[1],
], ids=["library", "matrix", "outer-loop"])
def test_pair_weights_right_answers(answer):
    assert run("sequences.pair_weights", answer).passed


def test_pair_weights_mistakes():
    fails_with("sequences.pair_weights", lambda x, y: x.T @ y / x.shape[1], "your W maps outputs to inputs")
    fails_with("sequences.pair_weights", lambda x, y: y.T @ x / y.shape[1], "divide by N_in")
    fails_with("sequences.pair_weights", lambda x, y: y.T @ x / len(x), "you divided by P instead of N_in")

    def no_diag(x, y):
        W = y.T @ x / x.shape[1]
        if W.shape[0] == W.shape[1]:
            np.fill_diagonal(W, 0)
        return W

    fails_with("sequences.pair_weights", no_diag, "there is no diagonal to remove")
    fails_with("sequences.pair_weights", lambda x, y: x.T @ x / x.shape[1], "auto-association")
    fails_with("sequences.pair_weights", lambda x, y: y.T @ x, "you forgot to divide by N_in")


# --------------------------------------------------------------------------- slow / fast field


@pytest.mark.parametrize("answer", [
    lambda J_fast, J_slow, s_now, s_past, lam: s_now @ J_fast.T + lam * s_past @ J_slow.T,
    lambda J_fast, J_slow, s_now, s_past, lam: (J_fast @ s_now.T + lam * J_slow @ s_past.T).T,
], ids=["rows", "columns"])
def test_slow_fast_field_right_answers(answer):
    assert run("sequences.slow_fast_field", answer).passed


def test_slow_fast_field_mistakes():
    ex = "sequences.slow_fast_field"
    fails_with(ex, lambda Jf, Js, now, past, lam: past @ Jf.T + lam * now @ Js.T, "you swapped s_now and s_past")
    fails_with(ex, lambda Jf, Js, now, past, lam: lam * now @ Jf.T + past @ Js.T, "λ scales the slow synapses")
    fails_with(ex, lambda Jf, Js, now, past, lam: now @ Jf.T + past @ Js.T, "you forgot λ")
    fails_with(ex, lambda Jf, Js, now, past, lam: now @ Jf + lam * past @ Js, "you used the transposed weights")
    fails_with(ex, lambda Jf, Js, now, past, lam: np.sign(now @ Jf.T + lam * past @ Js.T), "you returned the sign")


# --------------------------------------------------------------------------- lambda threshold


def test_lambda_threshold():
    assert run("sequences.lambda_threshold", 1).passed
    assert run("sequences.lambda_threshold", 1.0).passed
    fails_with("sequences.lambda_threshold", 0.5, "not ½")
    fails_with("sequences.lambda_threshold", 2, "comfortably above the threshold")
    fails_with("sequences.lambda_threshold", 0, "there is no push at all")
    fails_with("sequences.lambda_threshold", 4, "λ is a strength, not a delay")
    fails_with("sequences.lambda_threshold", 1.3, "not quite")
