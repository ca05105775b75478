"""Checks for practice 13 (``13_sequences``): sequence weights, one synchronous step, weights for
pattern pairs, the field of the fast/slow network, and the threshold of the slow synapses.

Notation of lecture 13: ``patterns`` (``xi``) has shape ``(P, N)``, one pattern per row, in the
order of the sequence; the cyclic sequence weights are
``W = sum_mu xi^(mu+1) xi^(mu)T / N`` with ``xi^(P+1) = xi^1`` (diagonal kept); the update is
``s_i <- sign(sum_j W_ij s_j)``, keeping ``s_i`` on a zero field.
"""

from __future__ import annotations

import numpy as np

from hopfield_lib.dynamics import sign_or_keep

from . import register
from ._core import Case, FunctionExercise, Mistake, ValueExercise
from ._cases import _rng, _spins

NOTEBOOK = "13_sequences"


def _letters(word):
    from hopfield_lib.letters import letters

    return letters(word)


# --------------------------------------------------------------------------- sequence weights


def sequence_weights(patterns):
    """W = sum_mu xi^(mu+1) xi^(mu)T / N with the loop closed (xi^(P+1) = xi^1); the diagonal is kept."""
    xi = np.asarray(patterns, dtype=float)
    return np.roll(xi, -1, axis=0).T @ xi / xi.shape[1]


def _weights_cases():
    rng = _rng(1201)
    return [
        Case((_spins(rng, 4, 9),), label="P = 4 random patterns, N = 9", sizes={"P": 4, "N": 9}),
        Case((_letters("NEXT"),), label="the letters N, E, X, T", sizes={"P": 4, "N": 100}),
        Case((_spins(rng, 3, 6),), label="P = 3, N = 6", sizes={"P": 3, "N": 6}),
        Case((_spins(rng, 2, 5),), label="two patterns: the loop goes back and forth", sizes={"P": 2, "N": 5}),
        Case((_spins(rng, 1, 4),), label="one pattern: it is its own successor", sizes={"P": 1, "N": 4}),
        Case((_spins(rng, 7, 3),), label="more patterns than neurons, P = 7, N = 3", sizes={"P": 7, "N": 3}),
        Case((_spins(rng, 3, 1),), label="N = 1 neuron", sizes={"P": 3, "N": 1}),
    ]


def _open_sequence(patterns):
    xi = np.asarray(patterns, dtype=float)
    return xi[1:].T @ xi[:-1] / xi.shape[1]


def _zero_diagonal(patterns):
    W = sequence_weights(patterns)
    np.fill_diagonal(W, 0.0)
    return W


register(FunctionExercise(
    "sequences.weights",
    title="The weights of a sequence that loops",
    notebook=NOTEBOOK,
    hints=[
        "Each pattern must point to the next: in the state ξ^μ the field W @ ξ^μ should be ξ^{μ+1} plus crosstalk. "
        "Which outer product does that, ξ^{μ+1} ξ^{μT} or ξ^μ ξ^{μ+1 T}?",
        "W_ij = (1/N) Σ_μ ξ^{μ+1}_i ξ^μ_j: the successor gives the row index (the neuron that receives). Close the "
        "loop: the last pattern's successor is the first. `np.roll(patterns, -1, axis=0)` puts ξ^{μ+1} in row μ.",
        "`nxt = np.roll(patterns, -1, axis=0)`; `return nxt.T @ patterns / patterns.shape[1]` (no diagonal removal).",
    ],
    reference=sequence_weights,
    cases=_weights_cases,
    mistakes=[
        Mistake("your W maps each pattern to the previous one: W_ij = (1/N) Σ_μ ξ^{μ+1}_i ξ^μ_j has the successor "
                "on the left (row i = the neuron that receives). Transpose your matrix.",
                wrong=lambda patterns: sequence_weights(patterns).T),
        Mistake("your sequence does not close the loop: add the step from the last pattern back to the first, "
                "ξ^1 ξ^{P T} / N (use np.roll, or add that outer product).",
                wrong=_open_sequence),
        Mistake("you set the diagonal to zero: keep it here. W is not symmetric, there is no energy to protect, "
                "and the formula has no exception for i = j.",
                wrong=_zero_diagonal),
        Mistake("that is Hebb's symmetric rule, ξᵀξ / N: each pattern should point to the next one, "
                "Σ ξ^{μ+1} ξ^{μT} / N.",
                wrong=lambda patterns: np.asarray(patterns, float).T @ np.asarray(patterns, float) / np.shape(patterns)[1]),
        Mistake("you divided by P instead of N.",
                wrong=lambda patterns: sequence_weights(patterns) * np.shape(patterns)[1] / np.shape(patterns)[0]),
        Mistake("you forgot to divide by N.", wrong=lambda patterns: sequence_weights(patterns) * np.shape(patterns)[1]),
    ],
    explain="This is sequences.sequence_weights(patterns, cyclic=True).",
))


# --------------------------------------------------------------------------- one step


def next_state(W, s):
    """One synchronous step s <- sign(W s), keeping s_i where the field is 0; s is (N,) or a batch (B, N)."""
    s = np.asarray(s, dtype=float)
    h = s @ np.asarray(W, dtype=float).T
    return sign_or_keep(h, s)  # the library's tie rule


def _step_cases():
    rng = _rng(1202)
    W6 = rng.normal(size=(6, 6))                       # asymmetric
    W_int = rng.integers(-2, 3, size=(5, 5)).astype(float)  # integer weights: zero fields happen
    s_int = _spins(rng, 12, 5)
    ties = np.array([[1.0, 1.0, 0.0], [0.0, 0.0, 0.0], [1.0, -1.0, 1.0]])
    return [
        Case((W6, _spins(rng, 6)), label="random asymmetric W, N = 6, one state", sizes={"N": 6}),
        Case((W6, _spins(rng, 4, 6)), label="the same W, a batch of B = 4 states", sizes={"B": 4, "N": 6}),
        Case((sequence_weights(_letters("NEXT")), _letters("N")), label="the sequence weights of NEXT, from N",
             sizes={"N": 100}),
        Case((W_int, s_int), label="integer weights: some fields are exactly 0", sizes={"B": 12, "N": 5}),
        Case((ties, np.array([1.0, -1.0, 1.0])), label="neurons 0 and 1 have a zero field and keep their values",
             sizes={"N": 3}),
        Case((np.zeros((1, 1)), np.array([-1.0])), label="N = 1, zero weight: keep the value", sizes={}),
    ]


def _step_with_tie(value):
    def wrong(W, s):
        h = np.asarray(s, dtype=float) @ np.asarray(W, dtype=float).T
        return np.where(h > 0, 1.0, np.where(h < 0, -1.0, value))
    return wrong


register(FunctionExercise(
    "sequences.next_state",
    title="One synchronous step with asymmetric weights",
    notebook=NOTEBOOK,
    hints=[
        "Every neuron looks at its field h_i = Σ_j W_ij s_j, computed from the same old state, and takes its sign. "
        "With an asymmetric W it matters which index you sum over.",
        "For one state the fields are `W @ s`; for a batch of states in rows, `S @ W.T` (row b is W @ S[b]), which "
        "also works for one state. Where a field is exactly 0 the neuron keeps its value: np.sign would give 0.",
        "`h = s @ W.T`; `return np.where(h > 0, 1.0, np.where(h < 0, -1.0, s))`.",
    ],
    reference=next_state,
    cases=_step_cases,
    mistakes=[
        Mistake("you used W.T: the field of neuron i is Σ_j W_ij s_j, i.e. W @ s (for a batch in rows, S @ W.T). "
                "With asymmetric weights the two differ.",
                wrong=lambda W, s: next_state(np.asarray(W, float).T, s)),
        Mistake("np.sign gives 0 on a tie (a zero field): the neuron must keep its current value there.",
                wrong=_step_with_tie(0.0)),
        Mistake("on a tie (a zero field) the neuron keeps its current value; you set it to +1.",
                wrong=_step_with_tie(1.0)),
        Mistake("on a tie (a zero field) the neuron keeps its current value; you set it to −1.",
                wrong=_step_with_tie(-1.0)),
        Mistake("you returned the fields h; the new state is their sign (±1).",
                wrong=lambda W, s: np.asarray(s, float) @ np.asarray(W, float).T),
    ],
    explain="This is hl.sync_step, which works for any W; repeated, it is sequences.sequence_recall.",
))


# --------------------------------------------------------------------------- pairs


def pair_weights(inputs, outputs):
    """W = outputs.T @ inputs / N_in, shape (N_out, N_in): maps each input pattern to its output pattern."""
    x = np.asarray(inputs, dtype=float)
    y = np.asarray(outputs, dtype=float)
    return y.T @ x / x.shape[1]


def _pair_cases():
    rng = _rng(1203)
    return [
        Case((_spins(rng, 3, 5), _spins(rng, 3, 7)), label="P = 3 pairs, N_in = 5, N_out = 7",
             sizes={"P": 3, "N_in": 5, "N_out": 7}),
        Case((_letters("CAT"), _letters("DOG")), label="C -> D, A -> O, T -> G", sizes={"P": 3, "N": 100}),
        Case((_spins(rng, 4, 8), _spins(rng, 4, 2)), label="P = 4 pairs, N_in = 8, N_out = 2",
             sizes={"P": 4, "N_in": 8, "N_out": 2}),
        Case((_spins(rng, 1, 6), _spins(rng, 1, 3)), label="one pair", sizes={"P": 1, "N_in": 6, "N_out": 3}),
        Case((_spins(rng, 2, 1), _spins(rng, 2, 4)), label="N_in = 1", sizes={"P": 2, "N_out": 4}),
    ]


def _no_diagonal_pairs(inputs, outputs):
    W = pair_weights(inputs, outputs)
    if W.shape[0] == W.shape[1]:
        np.fill_diagonal(W, 0.0)
    return W


register(FunctionExercise(
    "sequences.pair_weights",
    title="Weights that map each input pattern to its output pattern",
    notebook=NOTEBOOK,
    hints=[
        "The field W @ ξ^μ should be η^μ plus crosstalk: the output pattern on the left of the outer product, the "
        "input on the right.",
        "W = (1/N_in) Σ_μ η^μ ξ^{μT}, shape (N_out, N_in). With the patterns as rows that is one matrix product; "
        "divide by N_in, the number of terms in each field Σ_j W_ij x_j.",
        "`return outputs.T @ inputs / inputs.shape[1]` (this is hl.rules.hetero_hebbian).",
    ],
    reference=pair_weights,
    cases=_pair_cases,
    mistakes=[
        Mistake("your W maps outputs to inputs: it should have shape (N_out, N_in), W = outputs.T @ inputs / N_in, "
                "so that W @ input ≈ output.",
                wrong=lambda inputs, outputs: pair_weights(inputs, outputs).T),
        Mistake("divide by N_in (the length of the input: each field Σ_j W_ij x_j has N_in terms), not by N_out.",
                wrong=lambda inputs, outputs: np.asarray(outputs, float).T @ np.asarray(inputs, float)
                / np.shape(outputs)[1]),
        Mistake("you divided by P instead of N_in.",
                wrong=lambda inputs, outputs: np.asarray(outputs, float).T @ np.asarray(inputs, float)
                / np.shape(inputs)[0]),
        Mistake("there is no diagonal to remove: W maps one layer to another, it is not a recurrent network.",
                wrong=_no_diagonal_pairs),
        Mistake("you stored each input with itself (auto-association, inputs.T @ inputs): the outputs are the "
                "patterns to recall.",
                wrong=lambda inputs, outputs: np.asarray(inputs, float).T @ np.asarray(inputs, float)
                / np.shape(inputs)[1]),
        Mistake("you forgot to divide by N_in.",
                wrong=lambda inputs, outputs: np.asarray(outputs, float).T @ np.asarray(inputs, float)),
    ],
    explain="This is hl.rules.hetero_hebbian; sequences.hetero_recall(W, cue) applies it.",
))


# --------------------------------------------------------------------------- slow and fast field


def slow_fast_field(J_fast, J_slow, s_now, s_past, lam):
    """h = J_fast @ s_now + lam * J_slow @ s_past, for one state (N,) or a batch of rows (B, N)."""
    now = np.asarray(s_now, dtype=float)
    past = np.asarray(s_past, dtype=float)
    return now @ np.asarray(J_fast, float).T + lam * (past @ np.asarray(J_slow, float).T)


def _field_cases():
    rng = _rng(1204)
    A, B = rng.normal(size=(5, 5)), rng.normal(size=(5, 5))
    xi = _letters("NEXT")
    fast = xi.T @ xi / 100
    np.fill_diagonal(fast, 0.0)
    return [
        Case((A, B, _spins(rng, 5), _spins(rng, 5), 2.0), label="random J, N = 5, lam = 2", sizes={"N": 5}),
        Case((A, B, _spins(rng, 3, 5), _spins(rng, 3, 5), 1.5), label="a batch of B = 3 states, lam = 1.5",
             sizes={"B": 3, "N": 5}),
        Case((fast, sequence_weights(xi), xi[1], xi[0], 2.0),
             label="NEXT: the state is E, the delayed state N", sizes={"N": 100}),
        Case((A, B, _spins(rng, 5), _spins(rng, 5), 0.0), label="lam = 0: only the fast synapses", sizes={"N": 5}),
        Case((A[:1, :1], B[:1, :1], np.array([1.0]), np.array([-1.0]), 0.7), label="N = 1", sizes={}),
    ]


register(FunctionExercise(
    "sequences.slow_fast_field",
    title="The field of the network with fast and slow synapses",
    notebook=NOTEBOOK,
    hints=[
        "Two contributions: the fast synapses act on the state now, the slow synapses, scaled by λ, on the state "
        "as it was a delay earlier.",
        "h = J_fast @ s_now + λ J_slow @ s_past. For a batch of states in rows, use `s_now @ J_fast.T` and "
        "`s_past @ J_slow.T` (both also work for one state).",
        "`return s_now @ J_fast.T + lam * (s_past @ J_slow.T)`.",
    ],
    reference=slow_fast_field,
    cases=_field_cases,
    mistakes=[
        Mistake("the fast, symmetric synapses act on the current state and the slow sequence synapses on the "
                "delayed state; you swapped s_now and s_past.",
                wrong=lambda J_fast, J_slow, s_now, s_past, lam: slow_fast_field(J_fast, J_slow, s_past, s_now, lam)),
        Mistake("λ scales the slow synapses, not the fast ones.",
                wrong=lambda J_fast, J_slow, s_now, s_past, lam: lam * (np.asarray(s_now, float) @ np.asarray(J_fast, float).T)
                + np.asarray(s_past, float) @ np.asarray(J_slow, float).T),
        Mistake("you forgot λ in front of the slow term.",
                wrong=lambda J_fast, J_slow, s_now, s_past, lam: slow_fast_field(J_fast, J_slow, s_now, s_past, 1.0)),
        Mistake("you used the transposed weights: the field of neuron i is Σ_j J_ij s_j (J @ s; for rows, S @ J.T).",
                wrong=lambda J_fast, J_slow, s_now, s_past, lam: slow_fast_field(np.asarray(J_fast).T, np.asarray(J_slow).T,
                                                                                s_now, s_past, lam)),
        Mistake("you returned the sign of the field; this exercise asks for the field h itself.",
                wrong=lambda J_fast, J_slow, s_now, s_past, lam: np.sign(slow_fast_field(J_fast, J_slow, s_now, s_past, lam))),
    ],
    explain="sequences.slow_fast_recall runs asynchronous sweeps with exactly this field.",
))


# --------------------------------------------------------------------------- the threshold of lambda


register(ValueExercise(
    "sequences.lambda_threshold",
    title="How strong must the slow synapses be?",
    notebook=NOTEBOOK,
    hints=[
        "Take uncorrelated patterns and no crosstalk. The network sits in ξ^μ and the delayed state is ξ^μ too, so "
        "the field is h ≈ ξ^μ + λ ξ^{μ+1}. Where ξ^μ_i and ξ^{μ+1}_i agree, nothing happens. Where they differ?",
        "Where they differ, ξ^{μ+1}_i = −ξ^μ_i and h_i = (1 − λ) ξ^μ_i. For which λ does the sign of h_i turn "
        "against ξ^μ_i?",
        "(1 − λ) ξ^μ_i has the sign of −ξ^μ_i exactly when λ > 1: the threshold is 1.",
    ],
    expected=1.0,
    rtol=0.0,
    atol=1e-9,
    mistakes=[
        Mistake("compare the two terms where the patterns differ: the fast term holds with strength 1, the slow "
                "one pushes with strength λ. The push wins when λ exceeds 1, not ½.", wrong=0.5),
        Mistake("λ = 2 is what the lecture used, comfortably above the threshold; where exactly does (1 − λ) "
                "change sign?", wrong=2.0),
        Mistake("with λ = 0 there is no push at all and the network stays in ξ^μ; find where (1 − λ) changes sign.",
                wrong=0.0),
        Mistake("λ is a strength, not a delay: the threshold does not depend on τ.", wrong=4.0),
    ],
    explain="The fast term holds the current pattern with strength 1; the push wins for λ > 1 (a little less "
            "with crosstalk, as measured in the lecture).",
))
