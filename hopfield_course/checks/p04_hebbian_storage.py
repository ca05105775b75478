"""Checks for practice 4 (``04_hebbian_storage``): Hebb's rule, the field of one stored pattern,
overlaps along a recall run, which stored patterns are fixed points, and hetero-association.

The conventions of lecture 4: patterns ``xi`` of shape ``(P, N)``, one per row;
Hebb's rule ``W = xi.T @ xi / N`` with a zero diagonal; the overlap ``m = xi @ s / N``;
hetero-association ``W_het = outputs.T @ inputs / N_in`` of shape ``(N_out, N_in)``.

Cases in which a field can be exactly zero use ``N`` a power of two (so ``1/N`` is exact in
floating point) or an odd number of patterns with even ``N`` (then no field is zero).
"""

from __future__ import annotations

import numpy as np

from hopfield_lib import letters
from hopfield_lib.dynamics import recall, will_flip
from . import register
from ._core import Case, FunctionExercise, Mistake, ValueExercise
from ._cases import _f, _rng, _spins, _zero_diag

NOTEBOOK = "04_hebbian_storage"


# --------------------------------------------------------------------------- Hebb's rule


def hebbian(xi):
    """W = xi.T @ xi / N with a zero diagonal; xi of shape (P, N) -> W of shape (N, N)."""
    xi = _f(xi)
    W = xi.T @ xi / xi.shape[1]
    np.fill_diagonal(W, 0.0)
    return W


def _shape_is_p_by_p(result, expected, case) -> bool:
    p = np.shape(case.args[0])[0]
    return np.shape(result) == (p, p) and p != np.shape(case.args[0])[1]


def _not_symmetric(result, expected, case) -> bool:
    r = np.asarray(result, dtype=float)
    return r.shape == np.shape(expected) and not np.allclose(r, r.T)


def _diagonal_not_zero(result, expected, case) -> bool:
    r = np.asarray(result, dtype=float)
    return r.shape == np.shape(expected) and np.any(np.abs(np.diag(r)) > 1e-12)


def _hebbian_cases():
    rng = _rng(4101)
    return [
        Case((_spins(rng, 3, 7),), label="P = 3 patterns of N = 7 neurons", sizes={"P": 3, "N": 7}),
        Case((_spins(rng, 1, 5),), label="one pattern, xi of shape (1, N)", sizes={"P": 1, "N": 5}),
        Case((_spins(rng, 4, 6),), label="an even number of patterns, P = 4, N = 6", sizes={"P": 4, "N": 6}),
        Case((_spins(rng, 6, 4),), label="more patterns than neurons, P = 6, N = 4", sizes={"P": 6, "N": 4}),
        Case((letters.letters("SKY"),), label="the letters S, K, Y (N = 100)", sizes={"P": 3, "N": 100}),
        Case((np.array([[1.0], [-1.0]]),), label="N = 1: no other neuron to connect to", sizes={"P": 2, "N": 1}),
    ]


register(FunctionExercise(
    "hebbian.weights",
    title="Hebb's rule",
    notebook=NOTEBOOK,
    hints=[
        "W_ij adds up ξ^μ_i ξ^μ_j over the patterns μ: a sum of P outer products, one per pattern, divided "
        "by N. Then the neurons' connections to themselves are removed.",
        "The sum of outer products of the rows of xi is one matrix product: `xi.T @ xi`, shape (N, N) "
        "(whereas `xi @ xi.T` is (P, P)). N is `xi.shape[1]`.",
        "`W = xi.T @ xi / xi.shape[1]`, then `np.fill_diagonal(W, 0)` (on a float array), `return W`.",
    ],
    reference=hebbian,
    cases=_hebbian_cases,
    mistakes=[
        Mistake("you computed xi @ xi.T, the (P, P) matrix of overlaps between the patterns; the weights "
                "connect neurons: W = xi.T @ xi / N, shape (N, N).", test=_shape_is_p_by_p),
        Mistake("you divided by P (the number of patterns) instead of N (the number of neurons).",
                wrong=lambda xi: _zero_diag(_f(xi).T @ _f(xi) / _f(xi).shape[0])),
        Mistake("you forgot to divide by N: W = xi.T @ xi / N keeps the fields of order 1 whatever the size.",
                wrong=lambda xi: _zero_diag(_f(xi).T @ _f(xi))),
        Mistake("you divided by N − 1; the course's convention (Hopfield 1982) is 1/N.",
                wrong=lambda xi: _zero_diag(_f(xi).T @ _f(xi) / max(_f(xi).shape[1] - 1, 1))),
        Mistake("your weights are not symmetric: W_ij must equal W_ji (each pattern adds ξ_i ξ_j to both). "
                "Did you fill only one triangle of the matrix, or multiply two different patterns?",
                test=_not_symmetric),
        Mistake("the diagonal should be zero: a neuron has no connection to itself. Set it with "
                "np.fill_diagonal(W, 0) after computing xi.T @ xi / N.", test=_diagonal_not_zero),
    ],
    explain="`hl.hebbian(xi)` is the library's version.",
))


# --------------------------------------------------------------------------- the field of one stored pattern


N_ONE = 100

register(ValueExercise(
    "hebbian.field_one_pattern",
    title="The field of a single stored pattern",
    notebook=NOTEBOOK,
    hints=[
        "Write h = W ξ with W = (ξ ξᵀ − I)/N: the outer product and the removed diagonal give two terms.",
        "ξ ξᵀ ξ = ξ (ξᵀ ξ) = N ξ, and the identity gives ξ. So h = (N ξ − ξ)/N.",
        "h = (N − 1)/N · ξ, so h_i / ξ_i = (N − 1)/N; with N = 100 that is 99/100.",
    ],
    expected=(N_ONE - 1) / N_ONE,
    mistakes=[
        Mistake("that would be with the diagonal kept (W_ii = 1/N): with a zero diagonal the neuron's own "
                "term is missing, so the field is (N − 1)/N times ξ.", wrong=1.0),
        Mistake("you forgot the 1/N of Hebb's rule: h_i / ξ_i = (N − 1)/N.", wrong=N_ONE - 1.0),
        Mistake("you forgot both the 1/N and the zero diagonal: h_i / ξ_i = (N − 1)/N.", wrong=float(N_ONE)),
        Mistake("that is 1/N, the weight of one connection; add up the N − 1 connections of neuron i.",
                wrong=1.0 / N_ONE),
    ],
    explain="h = (N − 1)/N · ξ points along ξ, so ξ (and, the same way, −ξ) is a fixed point.",
))


# --------------------------------------------------------------------------- overlaps along a recall run


def overlap_trajectory(W, xi, probe, seed):
    """Overlaps of every state of hl.recall(W, probe, rng=seed) with every pattern: shape (T + 1, P)."""
    res = recall(W, probe, rng=seed)
    return res.states @ _f(xi).T / _f(xi).shape[1]


def _trajectory_cases():
    rng = _rng(4303)
    agivx = letters.letters("AGIVX")
    w_letters = hebbian(agivx)
    g_noisy = letters.letter("G")
    g_noisy[rng.choice(100, 25, replace=False)] *= -1
    xi64 = _spins(rng, 3, 64)
    w64 = hebbian(xi64)
    probe64 = xi64[1].copy()
    probe64[rng.choice(64, 20, replace=False)] *= -1
    one = _spins(rng, 1, 36)
    far = -one[0].copy()
    far[:10] *= -1
    cases = [
        (w_letters, agivx, g_noisy, 1, "the letters A, G, I, V, X and a G with 25 % noise"),
        (w64, xi64, probe64, 2, "3 random patterns of N = 64, a noisy probe"),
        (hebbian(one), one, far, 3, "one stored pattern (P = 1), a probe closer to its reverse"),
        (w_letters, agivx, agivx[3].copy(), 4, "the probe is a stored letter: nothing moves"),
    ]
    out = []
    for w, xi, probe, seed, label in cases:
        t1 = recall(w, probe, rng=seed).states.shape[0]
        out.append(Case((w, xi, probe, seed), label=label, sizes={"T + 1": t1, "P": xi.shape[0], "N": xi.shape[1]}))
    return out


def _final_only(result, expected, case) -> bool:
    return np.shape(result) == np.shape(expected)[1:] and np.allclose(_f(result), _f(expected)[-1])


def _probe_only(result, expected, case) -> bool:
    return np.shape(result) == np.shape(expected)[1:] and np.allclose(_f(result), _f(expected)[0])


register(FunctionExercise(
    "hebbian.overlap_trajectory",
    title="Overlaps with every stored pattern along a recall run",
    notebook=NOTEBOOK,
    hints=[
        "`hl.recall(W, probe, rng=seed)` returns a result whose `.states` holds the probe and the state after "
        "every sweep, shape (T + 1, N). You need the overlap of each of those states with each pattern.",
        "The overlaps of many states with many patterns are one matrix product: states (T + 1, N) times "
        "patterns transposed (N, P), divided by N.",
        "`res = hl.recall(W, probe, rng=seed)`; `return res.states @ xi.T / xi.shape[1]` (pass the seed, "
        "so that your run is the checker's run).",
    ],
    reference=overlap_trajectory,
    cases=_trajectory_cases,
    mistakes=[
        Mistake("one row per recorded state, one column per pattern: shape (T + 1, P). You returned the "
                "transpose (P, T + 1).", wrong=lambda W, xi, probe, seed: overlap_trajectory(W, xi, probe, seed).T),
        Mistake("you returned the overlaps of the final state only; return one row for every state in "
                "res.states, the probe first.", test=_final_only),
        Mistake("you returned the overlaps of the probe only; return one row for every state in res.states.",
                test=_probe_only),
        Mistake("you forgot to divide by N: an overlap lies between −1 and +1.",
                wrong=lambda W, xi, probe, seed: overlap_trajectory(W, xi, probe, seed) * _f(xi).shape[1]),
        Mistake("you divided by P (the number of patterns) instead of N (the number of neurons).",
                wrong=lambda W, xi, probe, seed: overlap_trajectory(W, xi, probe, seed) * _f(xi).shape[1]
                / _f(xi).shape[0]),
    ],
    explain="`hl.plotting.show_recall(res, xi)` draws exactly these curves.",
))


# --------------------------------------------------------------------------- which stored patterns are fixed points


def stored_mask(xi):
    """For each pattern of xi (P, N): is it a fixed point of the Hebbian network storing xi? Shape (P,)."""
    xi = _f(xi)
    w = xi.T @ xi  # N W: integers, so that ties are exact
    np.fill_diagonal(w, 0.0)
    h = xi @ w
    return ~np.any(will_flip(h, xi), axis=1)  # the library's tie rule: a zero field keeps the bit


def _with_sign(xi):
    xi = _f(xi)
    return np.all(np.sign(xi @ hebbian(xi)) == xi, axis=1)


def _with_diagonal(xi):
    xi = _f(xi)
    h = xi @ (xi.T @ xi)
    return np.all(np.where(h > 0, 1.0, np.where(h < 0, -1.0, xi)) == xi, axis=1)


def _with_ties_to(value):
    """The mask computed with a tie (h = 0) set to ``value`` instead of keeping the neuron's value."""
    def mask(xi):
        xi = _f(xi)
        h = xi @ hebbian(xi)
        return np.all(np.where(h > 0, 1.0, np.where(h < 0, -1.0, value)) == xi, axis=1)
    return mask


def _stored_cases():
    rng = _rng(4404)
    return [
        Case((letters.letters("BRAIN"),), label="the letters B, R, A, I, N", sizes={"P": 5, "N": 100}),
        Case((letters.letters("AGIVX"),), label="the letters A, G, I, V, X", sizes={"P": 5, "N": 100}),
        # Seed 4400: fields of exactly 0 on neurons at +1 and at -1, so that keeping the value on a tie,
        # np.sign (a tie becomes 0), ties to +1 and ties to -1 all give different masks.
        Case((_spins(_rng(4400), 6, 16),), label="6 random patterns of N = 16: some fields are exactly 0 (ties)",
             sizes={"P": 6, "N": 16}),
        Case((_spins(rng, 12, 32),), label="12 random patterns of N = 32 (overloaded)", sizes={"P": 12, "N": 32}),
        Case((_spins(rng, 4, 16),), label="4 random patterns of N = 16: ties", sizes={"P": 4, "N": 16}),
        Case((_spins(rng, 1, 10),), label="one pattern", sizes={"P": 1, "N": 10}),
    ]


class _MaskExercise(FunctionExercise):
    """A function exercise whose answer is a boolean mask: it must have dtype bool, and a wrong entry is
    described as True/False (the generic message would print 1 and 0)."""

    def _compare(self, result, expected, case, close):
        message = super()._compare(result, expected, case, close)
        try:
            arr = np.asarray(result)
            if arr.dtype == object or not (arr.dtype == bool or np.issubdtype(arr.dtype, np.number)):
                return message
        except Exception:  # noqa: BLE001 - leave the generic message
            return message
        exp = np.asarray(expected, dtype=bool)
        if message is not None and (arr.shape != exp.shape or self._mistake_message(result, expected, case, close)):
            return message  # a wrong shape, or a mistake with its own message
        if arr.dtype != bool:
            return (f"return a boolean array (dtype bool: True/False), not numbers: yours has dtype {arr.dtype}. "
                    "np.all(..., axis=1) gives booleans (or convert with .astype(bool)).")
        if message is None:
            return None
        bad = np.flatnonzero(arr != exp)
        k = int(bad[0])
        verb = "is" if len(bad) == 1 else "are"
        return (f"{len(bad)} of the {exp.size} entries {verb} wrong; e.g. entry {k} is {bool(arr[k])}, "
                f"expected {bool(exp[k])} (pattern {k} {'is' if exp[k] else 'is not'} a fixed point)")


register(_MaskExercise(
    "hebbian.stored_mask",
    title="Which stored patterns are fixed points?",
    notebook=NOTEBOOK,
    hints=[
        "Store all the patterns with Hebb's rule, then take one synchronous step from each pattern: a pattern "
        "is a fixed point when the step leaves it unchanged.",
        "`W = hl.hebbian(xi)`; `hl.sync_step(W, xi)` steps all P patterns at once (one per row) and keeps a "
        "neuron on a tie. Compare with xi row by row: np.all(..., axis=1).",
        "`return np.all(hl.sync_step(hl.hebbian(xi), xi) == xi, axis=1)`: shape (P,), True for the fixed points.",
    ],
    reference=stored_mask,
    cases=_stored_cases,
    mistakes=[
        Mistake("you marked the patterns that are NOT fixed points: True should mean the pattern is stored.",
                wrong=lambda xi: ~stored_mask(xi)),
        Mistake("return one True/False per pattern, shape (P,), not one answer for all patterns together "
                "(use np.all(..., axis=1)).",
                test=lambda result, expected, case: np.ndim(result) == 0),
        Mistake("you returned one value per neuron, shape (P, N); reduce over the neurons with "
                "np.all(..., axis=1): a pattern is a fixed point when none of its neurons changes.",
                test=lambda result, expected, case: np.shape(result) == np.shape(case.args[0])),
        Mistake("np.sign(0) is 0: a neuron whose field is exactly 0 (a tie) keeps its value, so it does not break "
                "a fixed point. Use hl.sync_step, which applies the tie rule.", wrong=_with_sign),
        Mistake("on a tie (h = 0) you set +1; the tie rule keeps the neuron's value, so a tie never breaks a fixed "
                "point. Use hl.sync_step, which applies the tie rule.", wrong=_with_ties_to(1.0)),
        Mistake("on a tie (h = 0) you set −1; the tie rule keeps the neuron's value, so a tie never breaks a fixed "
                "point. Use hl.sync_step, which applies the tie rule.", wrong=_with_ties_to(-1.0)),
        Mistake("you kept the diagonal W_ii = P/N: every neuron then votes for its own value and patterns look "
                "more stable than they are. Use Hebb's rule with a zero diagonal (hl.hebbian).",
                wrong=_with_diagonal),
    ],
    explain="`hl.measure.one_step_flips(W, xi)` tells which neurons of each pattern flip.",
))


# --------------------------------------------------------------------------- hetero-association


def hetero_weights(inputs, outputs):
    """W_het = outputs.T @ inputs / N_in, shape (N_out, N_in): maps inputs[mu] to outputs[mu]."""
    xi, eta = _f(inputs), _f(outputs)
    return eta.T @ xi / xi.shape[1]


def _diag_zeroed(result, expected, case) -> bool:
    r, e = np.asarray(result, dtype=float), np.asarray(expected, dtype=float)
    if r.shape != e.shape or r.shape[0] != r.shape[1] or not np.any(np.diag(e)):
        return False
    return bool(np.allclose(np.diag(r), 0) and np.allclose(_zero_diag(r), _zero_diag(e)))


def _hetero_cases():
    rng = _rng(4505)
    return [
        Case((_spins(rng, 3, 8), _spins(rng, 3, 5)), label="P = 3 pairs, N_in = 8, N_out = 5",
             sizes={"P": 3, "N_in": 8, "N_out": 5}),
        Case((_spins(rng, 1, 6), _spins(rng, 1, 9)), label="one pair, N_in = 6, N_out = 9",
             sizes={"P": 1, "N_in": 6, "N_out": 9}),
        Case((letters.letters("AGI"), letters.letters("VXA")), label="letters to letters (square, N_in = N_out = 100)",
             sizes={"P": 3, "N_in": 100}),
        Case((_spins(rng, 4, 7), _spins(rng, 4, 2)), label="P = 4 pairs, N_in = 7, N_out = 2",
             sizes={"P": 4, "N_in": 7, "N_out": 2}),
        Case((_spins(rng, 2, 3), _spins(rng, 2, 1)), label="N_out = 1", sizes={"P": 2, "N_in": 3, "N_out": 1}),
    ]


register(FunctionExercise(
    "hebbian.hetero_weights",
    title="Hetero-association: a one-step map from cues to answers",
    notebook=NOTEBOOK,
    hints=[
        "Hebb's idea again, but between two different groups of neurons: the weight from input neuron j to "
        "output neuron i adds up η^μ_i ξ^μ_j over the pairs μ, divided by N_in.",
        "The sum of outer products of output rows with input rows is `outputs.T @ inputs`: shape "
        "(N_out, N_in), so that `W @ x` of an input x (N_in,) is an output (N_out,).",
        "`return outputs.T @ inputs / inputs.shape[1]`: no diagonal to remove (input i and output i are "
        "different neurons).",
    ],
    reference=hetero_weights,
    cases=_hetero_cases,
    mistakes=[
        Mistake("your matrix maps outputs to inputs: its shape should be (N_out, N_in), so that W @ x for an "
                "input x of shape (N_in,) gives an output. Use outputs.T @ inputs.",
                wrong=lambda inputs, outputs: hetero_weights(inputs, outputs).T),
        Mistake("divide by N_in, the number of input neurons (the length of a cue), not by N_out.",
                wrong=lambda inputs, outputs: _f(outputs).T @ _f(inputs) / _f(outputs).shape[1]),
        Mistake("you divided by P (the number of pairs) instead of N_in.",
                wrong=lambda inputs, outputs: _f(outputs).T @ _f(inputs) / _f(inputs).shape[0]),
        Mistake("you forgot to divide by N_in.", wrong=lambda inputs, outputs: _f(outputs).T @ _f(inputs)),
        Mistake("there is no diagonal to remove in hetero-association: W_ii connects input neuron i to output "
                "neuron i, two different neurons.", test=_diag_zeroed),
        Mistake("you stored each pattern with itself (auto-association). Hetero-association pairs each "
                "output with its input: outputs.T @ inputs / N_in.",
                wrong=lambda inputs, outputs: _f(outputs).T @ _f(outputs) / _f(outputs).shape[1]),
    ],
    explain="`hl.rules.hetero_hebbian(inputs, outputs)` is the library's version.",
))


__all__ = ["hebbian", "overlap_trajectory", "stored_mask", "hetero_weights"]
