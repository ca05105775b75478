"""Practice 4 (04_hebbian_storage): right answers written in several ways pass, and each plausible
wrong answer fails with the message written for it."""

import numpy as np
import pytest

import hopfield_lib as hl
from hopfield_course.checks import EXERCISES, NOT_ATTEMPTED, exercises_for
from hopfield_lib.experiments import capacity
from checkhelpers import run, fails_with


def test_the_notebook_has_five_exercises_in_order():
    assert [ex.id for ex in exercises_for("04_hebbian_storage")] == [
        "hebbian.weights", "hebbian.field_one_pattern", "hebbian.overlap_trajectory", "hebbian.stored_mask",
        "hebbian.hetero_weights"]


# --------------------------------------------------------------------------- weights


def _loop_hebb(xi):
    p, n = xi.shape
    W = np.zeros((n, n))
    for mu in range(p):
        W += np.outer(xi[mu], xi[mu])
    W /= n
    W[np.arange(n), np.arange(n)] = 0
    return W


@pytest.mark.parametrize("answer", [
    hl.hebbian,
    _loop_hebb,
    lambda xi: (xi.T @ xi - len(xi) * np.eye(xi.shape[1])) / xi.shape[1],
    lambda xi: np.einsum("pi,pj->ij", xi, xi) / xi.shape[1] * (1 - np.eye(xi.shape[1])),
], ids=["library", "loop", "minus-identity", "einsum"])
def test_weights_right_answers(answer):
    assert run("hebbian.weights", answer).passed


def _zd(W):
    W = np.array(W, dtype=float)
    np.fill_diagonal(W, 0)
    return W


def test_weights_mistakes():
    ex = "hebbian.weights"
    fails_with(ex, lambda xi: xi @ xi.T / xi.shape[1], "you computed xi @ xi.T, the (P, P) matrix")
    fails_with(ex, lambda xi: _zd(xi.T @ xi / len(xi)), "you divided by P (the number of patterns) instead of N")
    fails_with(ex, lambda xi: _zd(xi.T @ xi), "you forgot to divide by N")
    fails_with(ex, lambda xi: _zd(xi.T @ xi / (xi.shape[1] - 1)) if xi.shape[1] > 1 else np.zeros((1, 1)),
               "you divided by N − 1")
    fails_with(ex, lambda xi: np.triu(hl.hebbian(xi)), "your weights are not symmetric")
    fails_with(ex, lambda xi: xi.T @ xi / xi.shape[1], "the diagonal should be zero")
    fails_with(ex, lambda xi: hl.hebbian(xi) + np.eye(xi.shape[1]), "the diagonal should be zero")


def test_weights_in_place_on_input_is_reported():
    def mutating(xi):
        xi *= 1.0 / np.sqrt(xi.shape[1])
        W = xi.T @ xi
        np.fill_diagonal(W, 0)
        return W

    fails_with("hebbian.weights", mutating, "changed its input `xi`")


# --------------------------------------------------------------------------- field of one pattern


def test_field_one_pattern():
    ex = "hebbian.field_one_pattern"
    assert run(ex, 0.99).passed
    assert run(ex, 99 / 100).passed
    fails_with(ex, 1.0, "that would be with the diagonal kept")
    fails_with(ex, 99, "you forgot the 1/N")
    fails_with(ex, 100, "you forgot both the 1/N and the zero diagonal")
    fails_with(ex, 0.01, "that is 1/N")
    fails_with(ex, None, "None")
    assert run(ex, ...).status == NOT_ATTEMPTED


# --------------------------------------------------------------------------- overlap trajectory


def test_overlap_trajectory_right_answers():
    ex = "hebbian.overlap_trajectory"
    assert run(ex, lambda W, xi, probe, seed: hl.overlap(xi, hl.recall(W, probe, rng=seed).states)).passed
    assert run(ex, lambda W, xi, probe, seed: np.array(
        [[x @ s / len(s) for x in xi] for s in hl.recall(W, probe, rng=seed).states])).passed


def test_overlap_trajectory_mistakes():
    ex = "hebbian.overlap_trajectory"
    states = lambda W, probe, seed: hl.recall(W, probe, rng=seed).states  # noqa: E731
    fails_with(ex, lambda W, xi, probe, seed: xi @ states(W, probe, seed).T / xi.shape[1], "You returned the transpose")
    fails_with(ex, lambda W, xi, probe, seed: hl.overlap(xi, hl.recall(W, probe, rng=seed).state),
               "the overlaps of the final state only")
    fails_with(ex, lambda W, xi, probe, seed: hl.overlap(xi, probe), "the overlaps of the probe only")
    fails_with(ex, lambda W, xi, probe, seed: states(W, probe, seed) @ xi.T, "you forgot to divide by N")
    fails_with(ex, lambda W, xi, probe, seed: states(W, probe, seed) @ xi.T / len(xi), "you divided by P")


# --------------------------------------------------------------------------- stored mask


@pytest.mark.parametrize("answer", [
    lambda xi: np.all(hl.sync_step(hl.hebbian(xi), xi) == xi, axis=1),
    lambda xi: ~np.any(hl.measure.one_step_flips(hl.hebbian(xi), xi), axis=1),
    lambda xi: [bool(np.array_equal(hl.sync_step(hl.hebbian(xi), x), x)) for x in xi],
], ids=["sync_step", "one_step_flips", "list"])
def test_stored_mask_right_answers(answer):
    assert run("hebbian.stored_mask", answer).passed


def test_stored_mask_mistakes():
    ex = "hebbian.stored_mask"
    good = lambda xi: np.all(hl.sync_step(hl.hebbian(xi), xi) == xi, axis=1)  # noqa: E731
    fails_with(ex, lambda xi: ~good(xi), "you marked the patterns that are NOT fixed points")
    fails_with(ex, lambda xi: bool(np.all(good(xi))), "not one answer for all patterns together")
    fails_with(ex, lambda xi: hl.sync_step(hl.hebbian(xi), xi) == xi, "you returned one value per neuron")
    fails_with(ex, lambda xi: np.all(np.sign(xi @ hl.hebbian(xi)) == xi, axis=1), "np.sign(0) is 0")
    fails_with(ex, lambda xi: np.all(hl.sync_step(xi.T @ xi / xi.shape[1], xi) == xi, axis=1),
               "you kept the diagonal")


TIE_CASE = "(case 3 of 6: 6 random patterns of N = 16: some fields are exactly 0 (ties))"


def test_stored_mask_a_case_has_ties_on_both_signs():
    xi = EXERCISES["hebbian.stored_mask"].cases[2].args[0]
    h = xi @ (xi.T @ xi - len(xi) * np.eye(xi.shape[1]))  # N h, exact integers
    assert np.any((h == 0) & (xi > 0)) and np.any((h == 0) & (xi < 0))


def test_stored_mask_each_wrong_tie_rule_has_its_own_message():
    ex = "hebbian.stored_mask"
    result = fails_with(ex, lambda xi: np.all(np.where(xi @ hl.hebbian(xi) >= 0, 1, -1) == xi, axis=1),
                        "on a tie (h = 0) you set +1; the tie rule keeps the neuron's value")
    assert result.message == (
        "on a tie (h = 0) you set +1; the tie rule keeps the neuron's value, so a tie never breaks a fixed point. "
        "Use hl.sync_step, which applies the tie rule. " + TIE_CASE)
    fails_with(ex, lambda xi: np.all(np.where(xi @ hl.hebbian(xi) > 0, 1, -1) == xi, axis=1),
               "on a tie (h = 0) you set −1; the tie rule keeps the neuron's value")
    result = fails_with(ex, lambda xi: np.all(np.sign(xi @ hl.hebbian(xi)) == xi, axis=1), "np.sign(0) is 0")
    assert result.message.endswith(TIE_CASE)


def test_stored_mask_a_wrong_entry_reads_true_or_false():
    def first_entry_wrong(xi):
        mask = np.all(hl.sync_step(hl.hebbian(xi), xi) == xi, axis=1)
        mask[0] = not mask[0]
        return mask

    result = fails_with("hebbian.stored_mask", first_entry_wrong, "entry 0 is True, expected False")
    assert result.message == ("1 of the 5 entries is wrong; e.g. entry 0 is True, expected False (pattern 0 is not a "
                              "fixed point) (case 1 of 6: the letters B, R, A, I, N)")


@pytest.mark.parametrize("convert", [
    lambda mask: mask.astype(int),
    lambda mask: mask.astype(float),
    lambda mask: [int(v) for v in mask],
], ids=["int-array", "float-array", "list-of-ints"])
def test_stored_mask_zeros_and_ones_are_not_booleans(convert):
    result = fails_with("hebbian.stored_mask",
                        lambda xi: convert(np.all(hl.sync_step(hl.hebbian(xi), xi) == xi, axis=1)),
                        "return a boolean array (dtype bool: True/False), not numbers: yours has dtype ")
    dtype = "float64" if "float" in result.message else "int64"
    assert result.message == (
        f"return a boolean array (dtype bool: True/False), not numbers: yours has dtype {dtype}. "
        "np.all(..., axis=1) gives booleans (or convert with .astype(bool)). (case 1 of 6: the letters B, R, A, I, N)")


# --------------------------------------------------------------------------- hetero weights


@pytest.mark.parametrize("answer", [
    hl.rules.hetero_hebbian,
    lambda inputs, outputs: sum(np.outer(o, i) for i, o in zip(inputs, outputs)) / inputs.shape[1],
], ids=["library", "outer-products"])
def test_hetero_weights_right_answers(answer):
    assert run("hebbian.hetero_weights", answer).passed


def test_hetero_weights_mistakes():
    ex = "hebbian.hetero_weights"
    fails_with(ex, lambda i, o: i.T @ o / i.shape[1], "your matrix maps outputs to inputs")
    fails_with(ex, lambda i, o: o.T @ i / o.shape[1], "divide by N_in")
    fails_with(ex, lambda i, o: o.T @ i / len(i), "you divided by P")
    fails_with(ex, lambda i, o: o.T @ i, "you forgot to divide by N_in")

    def zeroed(i, o):
        W = o.T @ i / i.shape[1]
        if W.shape[0] == W.shape[1]:
            np.fill_diagonal(W, 0)
        return W

    fails_with(ex, zeroed, "there is no diagonal to remove")
    fails_with(ex, lambda i, o: o.T @ o / o.shape[1], "you stored each pattern with itself")
