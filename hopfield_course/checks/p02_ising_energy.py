"""Checks for practice 2 (``02_ising_energy``): the Ising energy, ground states, frustration,
the energy change of one flip, and local minima.

The conventions of lecture 2: couplings ``J`` (or weights ``W``) are a symmetric
``(N, N)`` array with a zero diagonal, fields ``h`` an array ``(N,)``, a state
``s`` a vector of ±1 of shape ``(N,)``, and

* the Ising energy ``E(s) = -1/2 s^T J s - h^T s = -sum_{i<j} J_ij s_i s_j - sum_i h_i s_i``;
* the energy change of flipping neuron ``i`` (zero threshold) ``Delta E_i = 2 s_i h_i``
  with the local field ``h = W s``;
* a local minimum: a state that no single flip lowers (``Delta E_i >= 0`` for all ``i``;
  ties count, because the update rule keeps a neuron whose field is exactly 0).
"""

from __future__ import annotations

import numpy as np

from hopfield_lib.experiments import landscape
from hopfield_lib.patterns import all_states
from hopfield_lib.rules import hebbian
from . import register
from ._core import Case, FunctionExercise, Mistake, ValueExercise
from ._cases import _array_for_one_state, _f, _rng, _spins, _symmetric

NOTEBOOK = "02_ising_energy"


def _ring(n, j=1.0):
    J = np.zeros((n, n))
    for i in range(n):
        J[i, (i + 1) % n] = J[(i + 1) % n, i] = j
    return J


def _triangle():
    return -(np.ones((3, 3)) - np.eye(3))


# --------------------------------------------------------------------------- the Ising energy


def ising_energy(J, s, h):
    """E(s) = -1/2 s^T J s - h^T s for couplings J (N, N), one state s (N,), fields h (N,)."""
    J, s, h = _f(J), _f(s), _f(h)
    return float(-0.5 * s @ J @ s - h @ s)


def _energy_cases():
    rng = _rng(2101)
    J6 = _symmetric(rng, 6)
    J5 = rng.integers(-2, 3, size=(5, 5))
    J5 = np.triu(J5, 1) + np.triu(J5, 1).T
    return [
        Case((_ring(4), np.array([1.0, 1.0, 1.0, 1.0]), np.zeros(4)),
             label="four spins on a ferromagnetic ring, all up, no field", sizes={"N": 4}),
        Case((np.zeros((1, 1)), np.array([1.0]), np.array([0.5])), label="N = 1: one spin in a field h = 0.5",
             sizes={"N": 1}),
        Case((J6, _spins(rng, 6), rng.normal(size=6)), label="random couplings and fields", sizes={"N": 6}),
        Case((_triangle(), np.array([1.0, 1.0, -1.0]), np.array([0.3, -0.2, 0.1])),
             label="antiferromagnetic triangle in a field", sizes={"N": 3}),
        Case((J5, np.array([1, -1, -1, 1, 1]), np.array([1, 0, -1, 0, 2])), label="integer arrays",
             sizes={"N": 5}),
    ]


register(FunctionExercise(
    "ising.energy",
    title="The Ising energy with couplings and fields",
    notebook=NOTEBOOK,
    hints=[
        "Two terms: the bonds, −Σ_{i<j} J_ij s_i s_j, and the field, −Σ_i h_i s_i. Low energy = satisfied "
        "bonds and spins aligned with their fields.",
        "With matrices: `s @ J @ s` is Σ_i Σ_j J_ij s_i s_j, a sum over *all* i and j, so every bond is "
        "counted twice (as i, j and as j, i). Halve it. The field term is `h @ s`.",
        "`return -0.5 * s @ J @ s - h @ s` (both terms with a minus sign).",
    ],
    reference=ising_energy,
    cases=_energy_cases,
    returns="number",
    mistakes=[
        Mistake("your energy is off by a factor of 2 in the bond term: the sum over all i, j counts every bond "
                "twice, so it needs the ½ (−½ sᵀJs), or sum over pairs i < j only.",
                wrong=lambda J, s, h: -(_f(s) @ _f(J) @ _f(s)) - _f(h) @ _f(s)),
        Mistake("your bond term is half what it should be: you summed over pairs i < j *and* kept the ½. "
                "Each bond counts once: either −Σ_{i<j} J_ij s_i s_j or −½ Σ_{i,j} J_ij s_i s_j.",
                wrong=lambda J, s, h: -0.25 * (_f(s) @ _f(J) @ _f(s)) - _f(h) @ _f(s)),
        Mistake("the field term has the wrong sign: a field h_i > 0 should lower the energy of s_i = +1, so it "
                "enters as −Σ_i h_i s_i (in Hopfield's notation +θᵀs with θ = −h).",
                wrong=lambda J, s, h: -0.5 * (_f(s) @ _f(J) @ _f(s)) + _f(h) @ _f(s)),
        Mistake("your energy has the wrong sign: a satisfied bond (J_ij s_i s_j > 0) must *lower* the "
                "energy, so the bond term is −½ sᵀJs, and the field term is −hᵀs.",
                wrong=lambda J, s, h: 0.5 * (_f(s) @ _f(J) @ _f(s)) + _f(h) @ _f(s)),
        Mistake("you left out the field term −Σ_i h_i s_i.",
                wrong=lambda J, s, h: -0.5 * (_f(s) @ _f(J) @ _f(s))),
        Mistake("you returned an array: the energy of one state is a single number. Use `@` (which sums) "
                "rather than `*` (which multiplies entry by entry), or sum the result.",
                test=_array_for_one_state),
    ],
    explain="This is the Hopfield energy −½ sᵀWs + θᵀs with W = J and θ = −h: `hl.energy(J, s, theta=-h)`.",
))


# --------------------------------------------------------------------------- ground states by brute force


def _sorted_rows(x):
    """A 2-D numeric array with its rows in the order of ``all_states``; anything else unchanged."""
    try:
        arr = np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        return x
    if arr.ndim != 2 or arr.shape[0] < 2 or not np.all(np.isfinite(arr)):
        return x
    return arr[np.lexsort(arr.T[::-1])]


def _energies(J, h):
    states = all_states(len(J))
    return states, -0.5 * np.sum((states @ _f(J)) * states, axis=1) - states @ _f(h)


def ground_states(J, h):
    """Every state of lowest Ising energy, one per row: shape (G, N), G >= 1."""
    states, E = _energies(J, h)
    return states[np.isclose(E, E.min())]


def _highest_states(J, h):
    states, E = _energies(J, h)
    return states[np.isclose(E, E.max())]


def _ground_with_field_flipped(J, h):
    return ground_states(J, -_f(h))


def _ground_without_half(J, h):
    states = all_states(len(J))
    E = -np.sum((states @ _f(J)) * states, axis=1) - states @ _f(h)
    return states[np.isclose(E, E.min())]


def _one_of_several(result, expected, case) -> bool:
    r = np.asarray(result, dtype=float)
    exp = np.asarray(expected, dtype=float)
    one = r.reshape(1, -1) if r.ndim == 1 else r
    return (exp.shape[0] > 1 and one.ndim == 2 and one.shape == (1, exp.shape[1])
            and any(np.array_equal(one[0], row) for row in exp))


def _flat_single(result, expected, case) -> bool:
    r = np.asarray(result, dtype=float)
    exp = np.asarray(expected, dtype=float)
    return exp.shape[0] == 1 and r.ndim == 1 and np.array_equal(r, exp[0])


def _lowest_energy_returned(result, expected, case) -> bool:
    if np.size(result) != 1:
        return False
    _, E = _energies(*case.args)
    return bool(np.isclose(float(np.asarray(result, dtype=float).ravel()[0]), E.min()))


def _index_returned(result, expected, case) -> bool:
    r = np.asarray(result)
    if not np.issubdtype(r.dtype, np.integer) or r.ndim > 1:
        return False
    states, E = _energies(*case.args)
    idx = np.flatnonzero(np.isclose(E, E.min()))
    return set(np.atleast_1d(r).tolist()) <= set(idx.tolist())


def _ground_cases():
    rng = _rng(2202)
    J7 = _symmetric(rng, 7)
    h7 = rng.normal(scale=0.5, size=7)
    J6 = _symmetric(rng, 6)
    return [
        Case((_ring(4), np.full(4, 0.1)), label="ferromagnetic ring in a small field h = 0.1 (one ground state)",
             sizes={"N": 4, "G": 1}),
        Case((_ring(4), np.zeros(4)), label="ferromagnetic ring, no field (all up and all down tie)",
             sizes={"N": 4, "G": 2}),
        Case((np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([1.5, -1.5])),
             label="one ferromagnetic bond, J = 1, against opposite fields ±1.5", sizes={"N": 2, "G": 1}),
        Case((_triangle(), np.zeros(3)), label="antiferromagnetic triangle (frustrated)", sizes={"N": 3, "G": 6}),
        Case((J7, h7), label="random couplings and fields, N = 7", sizes={"N": 7, "G": 1}),
        Case((J6, np.zeros(6)), label="random couplings, no field: a mirror pair", sizes={"N": 6, "G": 2}),
        Case((np.zeros((1, 1)), np.zeros(1)), label="N = 1, no coupling, no field: both states tie",
             sizes={"N": 1, "G": 2}),
    ]


class _GroundStatesExercise(FunctionExercise):
    """The ground states may come in any row order: rows are sorted before comparing."""

    def _compare(self, result, expected, case, close):
        return super()._compare(_sorted_rows(result), expected, case, close)


register(_GroundStatesExercise(
    "ising.ground_states",
    title="Ground states by brute force",
    notebook=NOTEBOOK,
    hints=[
        "Brute force: list all 2**N states, compute the energy of each, keep the lowest. There may be "
        "several states with the same lowest energy; return them all.",
        "`states = hl.all_states(N)` has one state per row, shape (2**N, N). The energies of all rows at "
        "once: `-0.5 * np.sum((states @ J) * states, axis=1) - states @ h`, shape (2**N,).",
        "`return states[np.isclose(E, E.min())]`: a boolean mask keeps every row of lowest energy and "
        "always gives a 2-D array (G, N), even when G = 1.",
    ],
    reference=ground_states,
    cases=_ground_cases,
    mistakes=[
        Mistake("you returned one ground state, but several states share the lowest energy here (at h = 0, "
                "s and −s always do): return all of them, one per row.", test=_one_of_several),
        Mistake("return a 2-D array of shape (G, N) even when there is a single ground state (G = 1): "
                "`states[mask]` does that, `states[np.argmin(E)]` does not.", test=_flat_single),
        Mistake("you returned the lowest energy; return the ground state(s) themselves, the rows of "
                "`hl.all_states(N)` that have that energy.", test=_lowest_energy_returned),
        Mistake("you returned the indices of the ground states; return the states themselves "
                "(`states[indices]`).", test=_index_returned),
        Mistake("you found the states of *highest* energy: the ground state has the lowest energy "
                "(np.min / argmin, not max).", wrong=lambda J, h: _sorted_rows(_highest_states(J, h))),
        Mistake("the field term has the wrong sign: with h_i > 0 the ground state has s_i = +1 "
                "(the energy is −½ sᵀJs − hᵀs).", wrong=lambda J, h: _sorted_rows(_ground_with_field_flipped(J, h))),
        Mistake("your energy has no ½ in the bond term, which changes the balance between bonds and fields: "
                "E = −½ sᵀJs − hᵀs.", wrong=lambda J, h: _sorted_rows(_ground_without_half(J, h))),
    ],
    explain="`landscape.enumerate_landscape(J, theta=-h).ground_states` gives their indices.",
))


# --------------------------------------------------------------------------- frustration (values)


register(ValueExercise(
    "ising.frustration_bonds",
    title="Frustration: the fewest unsatisfied bonds of the antiferromagnetic triangle",
    notebook=NOTEBOOK,
    hints=[
        "An antiferromagnetic bond is satisfied when its two spins differ. Try to make all three pairs differ.",
        "Going round the triangle, s₁ = −s₂, s₂ = −s₃ and s₃ = −s₁ would give s₁ = −s₁: impossible. "
        "So at least one bond is unsatisfied; can you find a state with exactly that many?",
        "Count for all 8 states: a bond (i, j) is unsatisfied when J_ij s_i s_j < 0. The state (+, +, −) "
        "breaks only the bond between the two + spins.",
    ],
    expected=1,
    mistakes=[
        Mistake("0 would mean some state satisfies all three bonds; try to write one down: s₁ = −s₂, "
                "s₂ = −s₃ and s₃ = −s₁ contradict each other.", wrong=0),
        Mistake("3 is the *most* unsatisfied bonds (all spins equal); you want the fewest over all states.",
                wrong=3),
        Mistake("2 is too many: (+, +, −) breaks only the bond between the two + spins.", wrong=2),
    ],
    explain="No state satisfies every bond: the triangle is frustrated (Toulouse 1977).",
))

register(ValueExercise(
    "ising.frustration_degeneracy",
    title="Frustration: how many ground states the antiferromagnetic triangle has",
    notebook=NOTEBOOK,
    hints=[
        "E = −(satisfied bonds) + (unsatisfied bonds). With one unsatisfied bond of three, E = −2 + 1 = −1, "
        "the lowest the triangle can reach. Which states have exactly one unsatisfied bond?",
        "Every state that is not all-equal has exactly one unsatisfied bond, so they all share the lowest "
        "energy. How many of the 8 states are not all-equal?",
        "8 states minus the 2 all-equal ones (+,+,+) and (−,−,−).",
    ],
    expected=6,
    mistakes=[
        Mistake("2 is the ferromagnet's answer (all up, all down). Here every state that is not all-equal "
                "has the lowest energy.", wrong=2),
        Mistake("you counted only one of each mirror pair: without a field, s and −s have the same energy, "
                "so both are ground states.", wrong=3),
        Mistake("not every state is a ground state: the two all-equal states break all three bonds (E = +3).",
                wrong=8),
        Mistake("that is the fewest unsatisfied bonds (the previous answer); here count the *states* of "
                "lowest energy.", wrong=1),
    ],
    explain="6 of 8 states tie for the lowest energy: frustration makes ground states highly degenerate.",
))


# --------------------------------------------------------------------------- energy change of one flip


def flip_energy_changes(W, s):
    """Delta E_i = E(s with s_i flipped) - E(s) = 2 s_i h_i, h = W s; W symmetric, zero diagonal; shape (N,)."""
    W, s = _f(W), _f(s)
    return 2.0 * s * (W @ s)


def _energy(W, s):
    return -0.5 * s @ W @ s


def _energies_after_flip(W, s):
    W, s = _f(W), _f(s)
    return _energy(W, s) + 2.0 * s * (W @ s)


def _delta_cases():
    rng = _rng(2404)
    W7 = _symmetric(rng, 7)
    xi = _spins(rng, 1, 5)
    xi2 = np.array([[1.0, 1.0, -1.0, -1.0, 1.0, -1.0], [1.0, -1.0, 1.0, -1.0, 1.0, 1.0]])
    return [
        Case((W7, _spins(rng, 7)), label="random symmetric weights, N = 7", sizes={"N": 7}),
        Case((hebbian(xi), xi[0].copy()), label="one stored pattern, at the pattern (every flip costs)",
             sizes={"N": 5}),
        Case((hebbian(xi2), xi2[0] * np.array([1, 1, 1, 1, -1, 1])),
             label="two stored patterns: some fields are exactly 0", sizes={"N": 6}),
        Case((np.zeros((1, 1)), np.array([-1.0])), label="N = 1", sizes={"N": 1}),
    ]


register(FunctionExercise(
    "ising.delta_energy",
    title="The energy change of flipping one neuron",
    notebook=NOTEBOOK,
    hints=[
        "ΔE_i is the energy *after* flipping neuron i minus the energy *before*. Only the terms of E that "
        "contain s_i change.",
        "With W symmetric and a zero diagonal, E = −s_i h_i + (terms without s_i), where h = W @ s. "
        "Flipping s_i → −s_i changes −s_i h_i into +s_i h_i.",
        "`return 2 * s * (W @ s)`: one entry per neuron, shape (N,).",
    ],
    reference=flip_energy_changes,
    cases=_delta_cases,
    mistakes=[
        Mistake("your energy changes are off by a factor of 2: the flip changes s_i by 2 (from s_i to −s_i), "
                "so ΔE_i = 2 s_i h_i.", wrong=lambda W, s: _f(s) * (_f(W) @ _f(s))),
        Mistake("your signs are reversed: ΔE_i = E(after) − E(before). A neuron that agrees with its field "
                "(s_i h_i > 0) costs energy to flip, so its ΔE_i is positive.",
                wrong=lambda W, s: -2.0 * _f(s) * (_f(W) @ _f(s))),
        Mistake("you returned the local field h = W s (times a constant); the energy change also depends on "
                "whether s_i agrees with h_i: multiply by 2 s_i.",
                test=lambda result, expected, case: _proportional(result, _f(case.args[0]) @ _f(case.args[1]))),
        Mistake("you returned the energies after each flip, E(s with s_i flipped); subtract E(s) to get the "
                "change.", wrong=_energies_after_flip),
    ],
    explain="ΔE_i < 0 exactly when s_i disagrees with the sign of h_i, which is when the update rule flips it.",
))


def _proportional(result, h) -> bool:
    r = np.asarray(result, dtype=float)
    if r.shape != h.shape or not np.any(h):
        return False
    k = (r @ h) / (h @ h)
    return abs(k) > 1e-12 and bool(np.allclose(r, k * h, atol=1e-9))


# --------------------------------------------------------------------------- counting local minima


def count_local_minima(W):
    """Number of states that no single flip lowers (Delta E_i >= 0 for all i; ties count), theta = 0."""
    return int(np.sum(landscape.enumerate_landscape(W).is_minimum))


def _delta_all(W):
    states = all_states(len(W))
    return 2.0 * states * (states @ _f(W).T)


def _strict_minima(W):
    return int(np.sum(np.all(_delta_all(W) > 1e-9, axis=1)))


def _ground_count(W):
    states = all_states(len(W))
    E = -0.5 * np.sum((states @ _f(W)) * states, axis=1)
    return int(np.sum(np.isclose(E, E.min())))


def _maxima(W):
    return int(np.sum(np.all(_delta_all(W) <= 1e-9, axis=1)))


def _any_instead_of_all(W):
    return int(np.sum(np.any(_delta_all(W) >= -1e-9, axis=1)))


def _minima_cases():
    rng = _rng(2505)
    xi2 = np.array([[1.0, 1.0, -1.0, -1.0, 1.0, -1.0], [1.0, -1.0, 1.0, -1.0, 1.0, 1.0]])
    return [
        Case((landscape.random_couplings(8, rng=rng),), label="random couplings, N = 8", sizes={"N": 8}),
        Case((_ring(4),), label="ferromagnetic ring of 4: states like ++−− have every flip at ΔE = 0",
             sizes={"N": 4}),
        Case((landscape.random_couplings(6, rng=rng),), label="random couplings, N = 6", sizes={"N": 6}),
        Case((hebbian(xi2),), label="Hebb's rule with two patterns (ties)", sizes={"N": 6}),
        Case((_triangle(),), label="antiferromagnetic triangle", sizes={"N": 3}),
        Case((np.zeros((1, 1)),), label="N = 1, no coupling: neither flip changes E", sizes={"N": 1}),
    ]


register(FunctionExercise(
    "ising.count_minima",
    title="Count the local minima of a small network",
    notebook=NOTEBOOK,
    hints=[
        "A state is a local minimum when no single flip lowers its energy: ΔE_i ≥ 0 for *every* neuron i. "
        "Check that for all 2**N states.",
        "For all states at once: `states = hl.all_states(N)`, then the fields `H = states @ W` (row b is "
        "W @ s_b, W being symmetric) and `dE = 2 * states * H`, shape (2**N, N).",
        "`return int(np.sum(np.all(dE >= -1e-9, axis=1)))`: `all` over the neurons of each state; the small "
        "tolerance keeps ties (ΔE_i = 0) that rounding makes −1e-17.",
    ],
    reference=count_local_minima,
    cases=_minima_cases,
    returns="number",
    mistakes=[
        Mistake("you counted only strict minima (every flip raises E). A state whose flip leaves E unchanged "
                "(ΔE_i = 0) is a minimum too: the update rule keeps a neuron whose field is exactly 0, so the "
                "state is a fixed point. Use ΔE_i ≥ 0 (with a small tolerance).", wrong=_strict_minima),
        Mistake("you counted only the ground states (the lowest energy); a local minimum need only be no "
                "higher than its N neighbours.", wrong=_ground_count),
        Mistake("you counted each mirror pair once: without thresholds, s and −s have the same energy and "
                "are both minima.", wrong=lambda W: count_local_minima(W) / 2),
        Mistake("you counted the local *maxima* (no flip raises E); a minimum is a state no flip lowers.",
                wrong=_maxima),
        Mistake("you counted states where *some* flip does not lower E; a minimum needs ΔE_i ≥ 0 for *all* "
                "neurons (np.all over axis 1, not np.any).", wrong=_any_instead_of_all),
    ],
    explain="These states are exactly the fixed points of the update rule (lecture 2, section 4).",
))


__all__ = ["ising_energy", "ground_states", "flip_energy_changes", "count_local_minima"]
