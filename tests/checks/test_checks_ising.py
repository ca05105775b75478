"""Practice 2 (02_ising_energy): right answers written in several ways pass, and each plausible
wrong answer fails with the message written for it."""

import itertools

import numpy as np
import pytest

import hopfield_lib as hl
from hopfield_course.checks import exercises_for
from hopfield_lib.experiments import landscape
from checkhelpers import run, fails_with


def test_the_notebook_has_six_exercises_in_order():
    assert [ex.id for ex in exercises_for("02_ising_energy")] == [
        "ising.energy", "ising.ground_states", "ising.frustration_bonds", "ising.frustration_degeneracy",
        "ising.delta_energy", "ising.count_minima"]


# --------------------------------------------------------------------------- energy


@pytest.mark.parametrize("answer", [
    lambda J, s, h: -0.5 * s @ J @ s - h @ s,
    lambda J, s, h: -sum(J[i, j] * s[i] * s[j] for i in range(len(s)) for j in range(i + 1, len(s))) - np.dot(h, s),
    lambda J, s, h: hl.energy(J, s, theta=-h),
    lambda J, s, h: -0.5 * np.einsum("ij,i,j->", J, s, s) - np.sum(h * s),
], ids=["matrix", "pairs", "library", "einsum"])
def test_energy_right_answers(answer):
    assert run("ising.energy", answer).passed


def test_energy_mistakes():
    fails_with("ising.energy", lambda J, s, h: -s @ J @ s - h @ s,
               "your energy is off by a factor of 2 in the bond term")
    fails_with("ising.energy", lambda J, s, h: -0.25 * s @ J @ s - h @ s,
               "you summed over pairs i < j *and* kept the ½")
    fails_with("ising.energy", lambda J, s, h: 0.5 * s @ J @ s + h @ s,
               "your energy has the wrong sign: a satisfied bond")
    fails_with("ising.energy", lambda J, s, h: -0.5 * s @ J @ s + h @ s,
               "the field term has the wrong sign")
    fails_with("ising.energy", lambda J, s, h: -0.5 * s @ J @ s,
               "you left out the field term")
    fails_with("ising.energy", lambda J, s, h: -0.5 * (s * J * s) - h * s,
               "you returned an array: the energy of one state is a single number")


def test_energy_generic_and_type_messages():
    fails_with("ising.energy", lambda J, s, h: -0.5 * s @ J @ s - h @ s + 1.0, "expected")
    fails_with("ising.energy", lambda J, s, h: "E", "should be a number")


# --------------------------------------------------------------------------- ground states


def _brute(J, h, pick=np.min, values=(-1.0, 1.0)):
    n = len(J)
    states = np.array(list(itertools.product(values, repeat=n)))
    E = -0.5 * np.einsum("bi,ij,bj->b", states, J, states) - states @ h
    return states[np.isclose(E, pick(E))]


@pytest.mark.parametrize("answer", [
    lambda J, h: _brute(J, h),
    lambda J, h: _brute(J, h, values=(1.0, -1.0)),          # another row order
    lambda J, h: _brute(J, h).astype(int),                  # integers
    lambda J, h: hl.all_states(len(J))[landscape.enumerate_landscape(J, theta=-h).ground_states],
], ids=["itertools", "other-order", "int", "library"])
def test_ground_states_right_answers(answer):
    assert run("ising.ground_states", answer).passed, run("ising.ground_states", answer).message


def test_ground_states_mistakes():
    fails_with("ising.ground_states", lambda J, h: _brute(J, h)[:1],
               "you returned one ground state, but several states share the lowest energy")
    fails_with("ising.ground_states", lambda J, h: _brute(J, h)[0],
               "return a 2-D array of shape (G, N) even when there is a single ground state")

    def lowest_energy(J, h):
        states = hl.all_states(len(J))
        return float(np.min(hl.energy(J, states, theta=-h)))

    fails_with("ising.ground_states", lowest_energy, "you returned the lowest energy")

    def indices(J, h):
        E = hl.energy(J, hl.all_states(len(J)), theta=-h)
        return np.flatnonzero(np.isclose(E, E.min()))

    fails_with("ising.ground_states", indices, "you returned the indices of the ground states")
    fails_with("ising.ground_states", lambda J, h: _brute(J, h, pick=np.max),
               "you found the states of *highest* energy")
    fails_with("ising.ground_states", lambda J, h: _brute(J, -h), "the field term has the wrong sign")
    fails_with("ising.ground_states", lambda J, h: _brute(2 * J, h), "your energy has no ½ in the bond term")


def test_ground_states_shape_message_names_g_and_n():
    # Returning all states: shape (2**N, N) instead of (G, N).
    result = fails_with("ising.ground_states", lambda J, h: hl.all_states(len(J)), "shape")
    assert "(G, N) expected" in result.message


# --------------------------------------------------------------------------- frustration


def test_frustration_values():
    assert run("ising.frustration_bonds", 1).passed
    assert run("ising.frustration_bonds", np.int64(1)).passed
    fails_with("ising.frustration_bonds", 0, "0 would mean some state satisfies all three bonds")
    fails_with("ising.frustration_bonds", 3, "3 is the *most* unsatisfied bonds")
    fails_with("ising.frustration_bonds", 2, "2 is too many")
    assert run("ising.frustration_degeneracy", 6).passed
    fails_with("ising.frustration_degeneracy", 2, "2 is the ferromagnet's answer")
    fails_with("ising.frustration_degeneracy", 3, "you counted only one of each mirror pair")
    fails_with("ising.frustration_degeneracy", 8, "not every state is a ground state")
    fails_with("ising.frustration_degeneracy", 1, "that is the fewest unsatisfied bonds")
    fails_with("ising.frustration_degeneracy", np.array([6, 6]), "expected a single number")


# --------------------------------------------------------------------------- delta energy


@pytest.mark.parametrize("answer", [
    lambda W, s: 2 * s * (W @ s),
    lambda W, s: np.array([hl.energy(W, np.where(np.arange(len(s)) == i, -s, s)) - hl.energy(W, s)
                           for i in range(len(s))]),
    lambda W, s: landscape.flip_energy_changes(W, s),
], ids=["formula", "direct-differences", "library"])
def test_delta_energy_right_answers(answer):
    assert run("ising.delta_energy", answer).passed


def test_delta_energy_mistakes():
    fails_with("ising.delta_energy", lambda W, s: s * (W @ s), "off by a factor of 2")
    fails_with("ising.delta_energy", lambda W, s: -2 * s * (W @ s), "your signs are reversed")
    fails_with("ising.delta_energy", lambda W, s: W @ s, "you returned the local field h = W s")
    fails_with("ising.delta_energy", lambda W, s: 2 * (W @ s), "you returned the local field h = W s")
    fails_with("ising.delta_energy", lambda W, s: -0.5 * s @ W @ s + 2 * s * (W @ s),
               "you returned the energies after each flip")
    fails_with("ising.delta_energy", lambda W, s: float(np.sum(2 * s * (W @ s))), "shape (N,) expected")


def test_delta_energy_mutating_the_state_is_reported():
    def mutates(W, s):
        out = 2 * s * (W @ s)
        s *= -1
        return out

    fails_with("ising.delta_energy", mutates, "your function changed its input `s`")


# --------------------------------------------------------------------------- counting minima


def _delta_all(W):
    states = hl.all_states(len(W))
    return 2 * states * (states @ W)


@pytest.mark.parametrize("answer", [
    lambda W: int(np.sum(np.all(_delta_all(W) >= -1e-9, axis=1))),
    lambda W: len(landscape.enumerate_landscape(W).minima),
    lambda W: int(np.sum(np.all(hl.sync_step(W, hl.all_states(len(W))) == hl.all_states(len(W)), axis=1))),
], ids=["delta", "library", "fixed-points"])
def test_count_minima_right_answers(answer):
    assert run("ising.count_minima", answer).passed


def test_count_minima_mistakes():
    fails_with("ising.count_minima", lambda W: len(landscape.enumerate_landscape(W).ground_states),
               "you counted only the ground states")
    fails_with("ising.count_minima", lambda W: int(np.sum(np.all(_delta_all(W) > 1e-9, axis=1))),
               "you counted only strict minima")
    fails_with("ising.count_minima", lambda W: len(landscape.enumerate_landscape(W).minima) // 2,
               "you counted each mirror pair once")
    fails_with("ising.count_minima", lambda W: int(np.sum(np.all(_delta_all(W) <= 1e-9, axis=1))),
               "you counted the local *maxima*")
    fails_with("ising.count_minima", lambda W: int(np.sum(np.any(_delta_all(W) >= -1e-9, axis=1))),
               "you counted states where *some* flip does not lower E")
    fails_with("ising.count_minima", lambda W: np.ones(3), "expected a single number")


def test_hints_go_from_nudge_to_answer():
    for ex in exercises_for("02_ising_energy"):
        assert len(ex.hints) == 3
        assert ex.hint(1).startswith("Hint 1/3")
