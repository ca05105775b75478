"""Checks for practice 12 (``12_modern_hopfield_attention``): softmax, the modern update and
energy, attention as a Hopfield update, the effective number of patterns.

Notation of lecture 12: stored patterns are the rows of ``X`` (shape ``(P, N)``), a state or
query ``xi`` is ``(N,)`` or a batch ``(B, N)``, ``p = softmax(beta * X @ xi)`` the weights,
the update ``xi_new = X.T @ p`` and the energy
``E = -lse(beta, X @ xi) + xi.xi / 2 + log(P) / beta + M**2 / 2``, ``M = max_mu |x_mu|``.
"""

from __future__ import annotations

import numpy as np

from . import register
from ._core import Case, FunctionExercise, Mistake
from ._cases import _rng, _spins

NOTEBOOK = "12_modern_hopfield_attention"


class _NanAwareExercise(FunctionExercise):
    """A function exercise that names the mistakes which produce NaN or infinity.

    The base class reports any non-finite result with a generic message before it
    looks at the mistakes; here the mistakes are tried first when the result is
    not finite, so that "your softmax overflows" can be said in so many words.
    """

    def _compare(self, result, expected, case, close):
        try:
            arr = np.asarray(result)
        except Exception:  # noqa: BLE001 - ragged lists and the like: the base class explains
            arr = None
        if arr is not None and arr.dtype.kind in "fc" and not np.all(np.isfinite(arr)):
            message = self._mistake_message(result, expected, case, close)
            if message:
                return message
        return super()._compare(result, expected, case, close)


def _quiet(func):
    """Run a reference-like wrong answer without numpy's overflow warnings."""
    def wrapped(*args, **kwargs):
        with np.errstate(all="ignore"):
            return func(*args, **kwargs)
    return wrapped


def _same_with_nan(wrong):
    """A Mistake test: the result equals ``wrong(*args)``, NaN and infinity included."""
    def test(result, expected, case):
        with np.errstate(all="ignore"):
            w = np.asarray(wrong(*case.args, **case.kwargs), dtype=float)
        r = np.asarray(result, dtype=float)
        return r.shape == w.shape and bool(np.allclose(r, w, rtol=1e-6, atol=1e-9, equal_nan=True))
    return test


def _not_finite(result, expected, case):
    return not np.all(np.isfinite(np.asarray(result, dtype=float)))


def _stable_softmax(z, axis=-1):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


# --------------------------------------------------------------------------- softmax


def softmax(z):
    """exp(z) / sum(exp(z)) along the last axis, without overflow; z is (P,) or (B, P)."""
    return _stable_softmax(z, axis=-1)


def _softmax_cases():
    rng = _rng(1101)
    batch = np.vstack([rng.normal(0, 2, 5), [1000.0, 999.0, 998.0, 990.0, 1000.5], rng.normal(-3, 1, 5)])
    return [
        Case((np.array([0.0, np.log(3.0)]),), label="z = [0, log 3]: the answer is [0.25, 0.75]", sizes={"P": 2}),
        Case((rng.normal(0, 3, 7),), label="P = 7 random scores", sizes={"P": 7}),
        Case((np.array([1000.0, 999.0, 998.0]),), label="large scores, z = [1000, 999, 998]", sizes={"P": 3}),
        Case((np.array([-1000.0, -1001.0, -1003.0]),), label="very negative scores", sizes={"P": 3}),
        Case((batch,), label="a batch of B = 3 rows, one with large scores", sizes={"B": 3, "P": 5}),
        Case((np.vstack([[0.0, 1.0, 2.0, 3.0], [1000.0, 1001.0, 1002.0, 1003.0]]),),
             label="a batch whose rows differ by 1000", sizes={"B": 2, "P": 4}),
        Case((np.array([4.2]),), label="one score (P = 1)", sizes={"P": 1}),
        Case((rng.normal(0, 1, (4, 1)),), label="a batch with one score per row (P = 1)", sizes={"B": 4}),
    ]


def _softmax_naive(z):
    e = np.exp(np.asarray(z, dtype=float))
    return e / e.sum(axis=-1, keepdims=True)


def _softmax_global_max(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max())
    return e / e.sum(axis=-1, keepdims=True)


def _softmax_axis0(z):
    return _stable_softmax(z, axis=0)


def _softmax_whole_batch(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max())
    return e / e.sum()


register(_NanAwareExercise(
    "modern.softmax",
    title="A softmax that never overflows",
    notebook=NOTEBOOK,
    hints=[
        "softmax(z)_k = exp(z_k) / Σ_j exp(z_j). What does np.exp(1000.0) give in float64, and what is inf / inf?",
        "Subtracting the same number c from every score does not change the result: exp(z_k − c) / Σ_j exp(z_j − c). "
        "Choose c = the largest score, so that the largest exponent is exp(0) = 1. For a batch, each row has its own "
        "maximum and its own sum: use axis=-1 with keepdims=True.",
        "`e = np.exp(z - z.max(axis=-1, keepdims=True))`; `return e / e.sum(axis=-1, keepdims=True)`.",
    ],
    reference=softmax,
    cases=_softmax_cases,
    mistakes=[
        Mistake("your softmax overflows: np.exp(1000.0) is inf in float64 and inf / inf is NaN. Subtract the "
                "largest score before np.exp; the constant cancels in the ratio.",
                test=_same_with_nan(_softmax_naive)),
        Mistake("you subtracted the maximum of the whole batch: a row whose scores are far below it underflows to "
                "0 / 0 = NaN. Subtract each row's own maximum (`z.max(axis=-1, keepdims=True)`).",
                test=_same_with_nan(_softmax_global_max)),
        Mistake("you normalised over the wrong axis: for a batch of shape (B, P) each row (one query, P scores) "
                "must sum to 1. Use axis=-1 (with keepdims=True).",
                wrong=_quiet(_softmax_axis0)),
        Mistake("you divided by the sum over the whole batch: each row must sum to 1 on its own; "
                "sum with axis=-1, keepdims=True.",
                wrong=_quiet(_softmax_whole_batch)),
        Mistake("you forgot to divide by the sum: the softmax weights must add up to 1.",
                wrong=_quiet(lambda z: np.exp(np.asarray(z, float) - np.asarray(z, float).max(axis=-1, keepdims=True)))),
        Mistake("your result contains NaN or infinity: look for np.exp of a large number (overflow) or 0 / 0.",
                test=_not_finite),
    ],
    explain="This is modern.softmax; the same shift makes log-sum-exp stable: lse(z) = m + log Σ exp(z − m).",
))


# --------------------------------------------------------------------------- the update


def modern_update(X, Q, beta):
    """One modern Hopfield update X.T @ softmax(beta * X @ xi) of one state (N,) or of each row of Q (B, N)."""
    X = np.asarray(X, dtype=float)
    Q = np.asarray(Q, dtype=float)
    return _stable_softmax(beta * (Q @ X.T), axis=-1) @ X


def _update_cases():
    rng = _rng(1102)
    square = rng.normal(size=(4, 4))
    X = rng.normal(size=(5, 8))
    spins = _spins(rng, 6, 20)
    return [
        Case((square, rng.normal(size=4), 0.7), label="P = N = 4, one query, beta = 0.7", sizes={"N": 4}),
        Case((square, rng.normal(size=(3, 4)), 1.5), label="P = N = 4, a batch of B = 3 queries, beta = 1.5",
             sizes={"B": 3, "N": 4}),
        Case((X, rng.normal(size=8), 0.5), label="P = 5 patterns, N = 8, one query, beta = 0.5", sizes={"P": 5, "N": 8}),
        Case((X, rng.normal(size=(3, 8)), 2.0), label="P = 5, N = 8, a batch of B = 3 queries, beta = 2",
             sizes={"P": 5, "B": 3, "N": 8}),
        Case((spins, spins[:2] * np.r_[np.ones(10), np.zeros(10)], 100.0),
             label="+-1 patterns, half-masked queries, beta = 100 (scores up to 1000)", sizes={"P": 6, "B": 2, "N": 20}),
        Case((X[:1], rng.normal(size=8), 3.0), label="one stored pattern (P = 1)", sizes={"P": 1, "N": 8}),
        Case((rng.normal(size=(7, 1)), np.array([0.4]), 0.3), label="N = 1 neuron, P = 7", sizes={"P": 7, "N": 1}),
    ]


register(_NanAwareExercise(
    "modern.update",
    title="The modern Hopfield update for a batch of queries",
    notebook=NOTEBOOK,
    hints=[
        "Three steps: the similarities of the query with every stored pattern (one number per pattern), the softmax "
        "of beta times them (the weights p, summing to 1 over the P patterns), and the weighted sum of the stored "
        "patterns (the rows of X).",
        "For one query xi (N,): `p = softmax(beta * X @ xi)` has shape (P,) and the new state is `X.T @ p` (N,). "
        "For a batch Q (B, N) put the queries in rows: `Q @ X.T` is (B, P), softmax over the last axis, then `p @ X`. "
        "Writing it as `Q @ X.T` and `p @ X` covers both cases.",
        "`s = beta * (Q @ X.T)`; `s = s - s.max(axis=-1, keepdims=True)`; `p = np.exp(s)`; "
        "`p = p / p.sum(axis=-1, keepdims=True)`; `return p @ X`.",
    ],
    reference=modern_update,
    cases=_update_cases,
    mistakes=[
        Mistake("your softmax overflows (NaN) when the scores are large: subtract the largest score of each query "
                "before np.exp.",
                test=_same_with_nan(lambda X, Q, beta: _softmax_naive(beta * (np.asarray(Q) @ np.asarray(X).T))
                                    @ np.asarray(X))),
        Mistake("you forgot beta: the weights are softmax(beta * X @ xi), not softmax(X @ xi).",
                wrong=lambda X, Q, beta: modern_update(X, Q, 1.0)),
        Mistake("you divided by beta: beta is an inverse temperature and multiplies the similarities, "
                "softmax(beta * X @ xi).",
                wrong=lambda X, Q, beta: modern_update(X, Q, 1.0 / beta)),
        Mistake("beta belongs inside the softmax: softmax(beta * X @ xi), not beta * softmax(X @ xi).",
                wrong=lambda X, Q, beta: beta * modern_update(X, Q, 1.0)),
        Mistake("you combined the patterns with X @ p: the new state is X.T @ p, a weighted sum of the rows of X "
                "(the stored patterns); for a batch, p @ X.",
                wrong=lambda X, Q, beta: _stable_softmax(beta * (np.asarray(Q) @ np.asarray(X).T)) @ np.asarray(X).T),
        Mistake("you took the softmax over the wrong axis: for a batch of queries (rows of Q), the P weights of each "
                "query (each row of Q @ X.T) must sum to 1. Use axis=-1.",
                wrong=lambda X, Q, beta: _stable_softmax(beta * (np.asarray(Q) @ np.asarray(X).T), axis=0) @ np.asarray(X)),
        Mistake("the weights must sum to 1: divide the exponentials by their sum (a softmax, not just exp).",
                wrong=_quiet(lambda X, Q, beta: np.exp(beta * (np.asarray(Q) @ np.asarray(X).T)) @ np.asarray(X))),
        Mistake("you returned the weights p (one per stored pattern); the new state is X.T @ p, one value per neuron.",
                wrong=lambda X, Q, beta: _stable_softmax(beta * (np.asarray(Q) @ np.asarray(X).T))),
        Mistake("your result contains NaN or infinity: look for np.exp of a large number (overflow).", test=_not_finite),
    ],
    explain="This is hl.modern_update; at beta = 100 a half-masked +-1 pattern is retrieved exactly in one step.",
))


# --------------------------------------------------------------------------- the energy


def modern_energy(X, xi, beta):
    """E = -lse(beta, X @ xi) + xi.xi / 2 + log(P) / beta + M**2 / 2 for one state xi (N,); a float."""
    X = np.asarray(X, dtype=float)
    xi = np.asarray(xi, dtype=float)
    z = beta * (X @ xi)
    m = z.max()
    lse = (m + np.log(np.sum(np.exp(z - m)))) / beta
    M2 = np.max(np.sum(X**2, axis=1))
    return float(-lse + 0.5 * xi @ xi + np.log(X.shape[0]) / beta + 0.5 * M2)


def _energy_cases():
    rng = _rng(1103)
    X = rng.normal(size=(6, 5))
    spins = _spins(rng, 4, 50)
    return [
        Case((X, rng.normal(size=5), 0.8), label="P = 6 patterns, N = 5, beta = 0.8", sizes={"P": 6, "N": 5}),
        Case((X, X[2], 3.0), label="the state is a stored pattern, beta = 3", sizes={"P": 6, "N": 5}),
        Case((X, np.zeros(5), 0.5), label="the state xi = 0", sizes={"P": 6, "N": 5}),
        Case((spins, spins[1], 20.0), label="+-1 patterns, N = 50, beta = 20 (beta * score = 1000)",
             sizes={"P": 4, "N": 50}),
        Case((X[:1], rng.normal(size=5), 2.0), label="one stored pattern (P = 1)", sizes={"P": 1, "N": 5}),
        Case((rng.normal(size=(3, 1)), np.array([0.7]), 1.3), label="N = 1 neuron", sizes={"P": 3, "N": 1}),
    ]


def _lse_pieces(X, xi, beta):
    X = np.asarray(X, dtype=float)
    xi = np.asarray(xi, dtype=float)
    z = beta * (X @ xi)
    m = z.max()
    log_sum = m + np.log(np.sum(np.exp(z - m)))  # log sum exp(beta z)
    return X, xi, log_sum, np.max(np.sum(X**2, axis=1)), X.shape[0]


def _energy_variant(*, lse_scale=True, quad=0.5, logp=True, logp_over_beta=True, m_term="square", lse_sign=-1.0):
    def wrong(X, xi, beta):
        X, xi, log_sum, M2, P = _lse_pieces(X, xi, beta)
        lse = log_sum / beta if lse_scale else log_sum
        e = lse_sign * lse + quad * xi @ xi
        if logp:
            e += np.log(P) / beta if logp_over_beta else np.log(P)
        e += {"square": 0.5 * M2, "norm": 0.5 * np.sqrt(M2), "none": 0.0}[m_term]
        return float(e)
    return wrong


register(_NanAwareExercise(
    "modern.energy",
    title="The energy of a modern Hopfield network",
    notebook=NOTEBOOK,
    hints=[
        "Four terms: minus the log-sum-exp of the similarities, half the squared length of the state, and two "
        "constants, log(P)/beta and M²/2 with M the largest length of a stored pattern.",
        "lse(beta, z) = log(Σ_μ exp(beta z_μ)) / beta with z = X @ xi. Compute it without overflow: with "
        "m = max(beta z), log Σ exp(beta z) = m + log Σ exp(beta z − m). M² = the largest of the squared row norms, "
        "`np.max(np.sum(X**2, axis=1))`.",
        "`z = beta * X @ xi`; `m = z.max()`; `lse = (m + np.log(np.exp(z - m).sum())) / beta`; "
        "`return -lse + 0.5 * xi @ xi + np.log(len(X)) / beta + 0.5 * np.max(np.sum(X**2, axis=1))`.",
    ],
    reference=modern_energy,
    cases=_energy_cases,
    returns="number",
    rtol=1e-8,
    atol=1e-9,
    mistakes=[
        Mistake("your log-sum-exp overflows: exp(beta * x·xi) is inf for large scores. Compute it as "
                "m + log(Σ exp(beta z − m)) with m the largest beta z.",
                test=_not_finite),
        Mistake("the log-sum-exp has a 1/beta in front: lse(beta, z) = log(Σ exp(beta z)) / beta.",
                wrong=_energy_variant(lse_scale=False)),
        Mistake("you left out the constants log(P)/beta + M²/2 (they shift E so that E ≥ 0).",
                wrong=_energy_variant(logp=False, m_term="none")),
        Mistake("you left out the constant log(P)/beta.", wrong=_energy_variant(logp=False)),
        Mistake("you left out the constant M²/2, M the largest norm of a stored pattern.",
                wrong=_energy_variant(m_term="none")),
        Mistake("the constant is log(P)/beta, not log(P).", wrong=_energy_variant(logp_over_beta=False)),
        Mistake("M is the largest norm |x_μ|, so the constant is M²/2 = max_μ |x_μ|² / 2, not M/2.",
                wrong=_energy_variant(m_term="norm")),
        Mistake("the quadratic term is ½ xi·xi; you forgot the ½.", wrong=_energy_variant(quad=1.0)),
        Mistake("the log-sum-exp enters with a minus sign: E = −lse(beta, X xi) + ...",
                wrong=_energy_variant(lse_sign=1.0)),
    ],
    explain="E ≥ 0 always; the update never raises it (the concave-convex procedure of the lecture).",
))


# --------------------------------------------------------------------------- attention


def attention_as_hopfield(Q, K, W_V):
    """softmax(Q K^T / sqrt(d_k)) K W_V computed as one modern Hopfield update per query, projected by W_V."""
    Q, K, W_V = (np.asarray(a, dtype=float) for a in (Q, K, W_V))
    return modern_update(K, Q, 1.0 / np.sqrt(K.shape[1])) @ W_V


def _attention_cases():
    rng = _rng(1104)
    return [
        Case((rng.normal(size=(3, 4)), rng.normal(size=(6, 4)), rng.normal(size=(4, 2))),
             label="L = 3 queries, S = 6 keys, d_k = 4, d_v = 2", sizes={"L": 3, "S": 6, "d_k": 4, "d_v": 2}),
        Case((rng.normal(size=(5, 16)), rng.normal(size=(7, 16)), rng.normal(size=(16, 3))),
             label="d_k = 16 (beta = 1/4)", sizes={"L": 5, "S": 7, "d_k": 16, "d_v": 3}),
        Case((rng.normal(size=(4, 9)), rng.normal(size=(4, 9)), rng.normal(size=(9, 5))),
             label="as many queries as keys (L = S = 4), d_k = 9", sizes={"S": 4, "d_k": 9, "d_v": 5}),
        Case((rng.normal(size=(1, 64)), rng.normal(size=(12, 64)), rng.normal(size=(64, 2))),
             label="one query, d_k = 64 (beta = 1/8)", sizes={"L": 1, "S": 12, "d_k": 64, "d_v": 2}),
        Case((rng.normal(size=(2, 1)), rng.normal(size=(3, 1)), rng.normal(size=(1, 4))),
             label="d_k = 1 (beta = 1)", sizes={"L": 2, "S": 3, "d_v": 4}),
        Case((rng.normal(size=(3, 5)), rng.normal(size=(1, 5)), rng.normal(size=(5, 6))),
             label="one key (S = 1)", sizes={"L": 3, "S": 1, "d_k": 5, "d_v": 6}),
    ]


def _attention_beta(f):
    def wrong(Q, K, W_V):
        Q, K, W_V = (np.asarray(a, dtype=float) for a in (Q, K, W_V))
        return modern_update(K, Q, f(K.shape[1])) @ W_V
    return wrong


register(FunctionExercise(
    "modern.attention",
    title="Attention as a batch of Hopfield updates",
    notebook=NOTEBOOK,
    hints=[
        "Which tensor plays the stored patterns and which the states? The keys K are the memory, each query (a row "
        "of Q) is a state that gets one update. And β = ?",
        "softmax(Q Kᵀ / √d_k) K = hl.modern_update(K, Q, beta=1/√d_k): patterns first, the batch of states second. "
        "The values are V = K W_V, and (p @ K) @ W_V = p @ (K @ W_V).",
        "`return hl.modern_update(K, Q, beta=1 / np.sqrt(K.shape[1])) @ W_V`.",
    ],
    reference=attention_as_hopfield,
    cases=_attention_cases,
    mistakes=[
        Mistake("you used beta = 1/d_k: attention divides the scores by √d_k, so beta = 1/√d_k.",
                wrong=_attention_beta(lambda d: 1.0 / d)),
        Mistake("you forgot the scaling: beta = 1/√d_k, not 1.", wrong=_attention_beta(lambda d: 1.0)),
        Mistake("you multiplied by √d_k: attention divides by it, beta = 1/√d_k.",
                wrong=_attention_beta(lambda d: np.sqrt(d))),
        Mistake("you swapped states and stored patterns: the keys K are the stored patterns (the first argument of "
                "modern_update) and the queries Q are the states, one update per row of Q.",
                wrong=lambda Q, K, W_V: modern_update(Q, K, 1.0 / np.sqrt(np.shape(K)[1])) @ np.asarray(W_V, float)),
        Mistake("you forgot to project with W_V: the values are V = K @ W_V, so the output is the update times W_V.",
                wrong=lambda Q, K, W_V: modern_update(K, Q, 1.0 / np.sqrt(np.shape(K)[1]))),
    ],
    explain="A transformer head is one step of a modern Hopfield network whose memory is the keys of the context.",
))


# --------------------------------------------------------------------------- effective number


def effective_number(p):
    """exp(-sum p log p) along the last axis with 0 log 0 = 0: a float for (P,), an array (B,) for (B, P)."""
    p = np.asarray(p, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        plogp = np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)
    n = np.exp(-plogp.sum(axis=-1))
    return float(n) if n.ndim == 0 else n


def _effective_cases():
    rng = _rng(1105)
    dirichlet = rng.dirichlet(np.ones(6))
    batch = np.vstack([rng.dirichlet(np.ones(5)), [0.5, 0.5, 0.0, 0.0, 0.0], [0.2] * 5])
    return [
        Case((np.full(4, 0.25),), label="uniform over P = 4 patterns: the answer is 4", sizes={"P": 4}),
        Case((dirichlet,), label="P = 6 random weights", sizes={"P": 6}),
        Case((np.array([0.5, 0.5, 0.0, 0.0]),), label="two patterns share the weight, two get exactly 0",
             sizes={"P": 4}),
        Case((np.array([0.0, 1.0, 0.0]),), label="single-pattern retrieval: one weight is 1", sizes={"P": 3}),
        Case((batch,), label="a batch of B = 3 weight vectors, one with zeros", sizes={"B": 3, "P": 5}),
        Case((np.array([1.0]),), label="one pattern (P = 1)", sizes={"P": 1}),
    ]


def _entropy(p):
    p = np.asarray(p, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return -np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0).sum(axis=-1)


register(_NanAwareExercise(
    "modern.effective_number",
    title="How many patterns carry the weight",
    notebook=NOTEBOOK,
    hints=[
        "The entropy H = −Σ_μ p_μ log p_μ is log k when the weight is spread evenly over k patterns. Which function "
        "turns log k back into k?",
        "n_eff = exp(H). A weight of exactly 0 contributes 0 (the limit of p log p as p → 0), but 0 * np.log(0) "
        "is 0 * (−inf) = NaN in numpy: compute p log p only where p > 0. Sum over the last axis so that a batch "
        "(B, P) gives one number per row.",
        "`plogp = np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)`; `return np.exp(-plogp.sum(axis=-1))` "
        "(or `scipy.special.xlogy(p, p)` for p log p).",
    ],
    reference=effective_number,
    cases=_effective_cases,
    mistakes=[
        Mistake("a weight of exactly 0 gives 0 * log(0) = 0 * (−inf) = NaN: count those terms as 0 "
                "(e.g. np.where(p > 0, p * np.log(...), 0), or scipy.special.xlogy(p, p)).",
                test=lambda result, expected, case: _not_finite(result, expected, case)
                and bool(np.any(np.asarray(case.args[0]) == 0))),
        Mistake("you returned the entropy H = −Σ p log p; the effective number is exp(H).",
                wrong=_entropy),
        Mistake("you forgot the minus sign: H = −Σ p log p ≥ 0, so that n_eff = exp(H) ≥ 1.",
                wrong=lambda p: np.exp(-_entropy(p))),
        Mistake("you computed the participation ratio 1/Σ p²: also a count of patterns, but this exercise asks for "
                "exp(entropy).",
                wrong=lambda p: 1.0 / np.sum(np.asarray(p, dtype=float) ** 2, axis=-1)),
        Mistake("you mixed logarithm bases: with log2 use 2**H, with the natural log use exp(H).",
                wrong=lambda p: np.exp(_entropy(p) / np.log(2.0))),
        Mistake("sum over the last axis: a batch (B, P) of weights gives one number per row (per query).",
                wrong=lambda p: np.exp(-np.sum(np.where(np.asarray(p) > 0, np.asarray(p, float)
                                                        * np.log(np.where(np.asarray(p) > 0, p, 1.0)), 0.0), axis=0))),
        Mistake("your result contains NaN or infinity.", test=_not_finite),
    ],
    explain="n_eff = 1 for single-pattern retrieval, P for the global average, a few in a metastable state.",
))
