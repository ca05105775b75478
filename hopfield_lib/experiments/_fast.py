"""Fast engines behind the lectures' statistics (lectures 5 and 11).

A lecture measures capacity from thousands of networks; the plain library
functions (:func:`hopfield_lib.hebbian`, :func:`hopfield_lib.recall`,
:func:`hopfield_lib.measure.one_step_flips`, :func:`hopfield_lib.dense.dense_field`)
would take minutes. Each engine below computes exactly what those functions
compute, faster, and ``tests/experiments/test_fast.py`` checks it equal to
them on hundreds of random cases (same update orders, bit for bit):

==========================  ===========================================================  =======
engine                      equals                                                       lecture
==========================  ===========================================================  =======
:func:`hebbian_fields`      ``N * local_field(hebbian(xi), xi)``: the field of every      5
                            stored bit
:func:`stability_prefixes`  for every ``P``, which of the first ``P`` patterns are fixed  5
                            points of ``hebbian(xi[:P])`` (``one_step_flips``)
:func:`hebbian_recall_many` ``recall(hebbian(xi_k), probes_k, rng=...)`` for many         5
                            networks at once
:func:`dense_prefix_fields` ``dense_field(xi[:P], probes)`` for every ``P`` of a grid      11
                            (up to a positive factor for ``n="exp"``)
==========================  ===========================================================  =======

All of them work in exact integer arithmetic (``N W`` of Hebb's rule is a
matrix of integers), so that every tie is exact and every result is the same
on every CPU; flips are decided by :func:`hopfield_lib.dynamics.will_flip`,
the library's one tie rule.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hopfield_lib._threads import one_blas_thread
from hopfield_lib._validation import as_int, as_patterns, as_rng, check_same_n
from hopfield_lib.dense import _F, _chunk
from hopfield_lib.dynamics import will_flip

__all__ = ["hebbian_fields", "stability_prefixes", "hebbian_recall_many", "ManyRecall", "dense_prefix_fields"]


def hebbian_fields(xi: np.ndarray) -> np.ndarray:
    """``N h^mu`` for Hebb's rule at every stored pattern: exact integers in a float array ``(P, N)``.

    With ``W = (xi^T xi - P I) / N``, ``N h^mu = N W xi^mu = sum_nu (xi^nu . xi^mu) xi^nu - P xi^mu``.

    Why it is fast: from the ``(P, P)`` overlap matrix, ``O(P^2 N)`` instead of
    the ``O(N^2 P)`` of building ``W``, and never an ``(N, N)`` array.
    Unchecked: ``xi`` is a ``(P, N)`` array of +-1.

    >>> from hopfield_lib import hebbian, local_field, random_patterns
    >>> xi = random_patterns(5, 40, rng=0)
    >>> bool(np.array_equal(hebbian_fields(xi) / 40, local_field(hebbian(xi), xi)))
    True
    """
    x = xi.astype(float, copy=False)
    return (x @ x.T) @ x - x.shape[0] * x


def stability_prefixes(xi: np.ndarray) -> np.ndarray:
    """For every ``P``, which of the first ``P`` patterns are fixed points of Hebb's rule storing them.

    Returns a bool array ``(P_max, P_max)``: ``stable[P - 1, mu]`` is True when
    pattern ``mu < P`` is a fixed point of ``hebbian(xi[:P])`` (no bit flips in
    one update, ties keep); False for ``mu >= P``.

    Why it is fast: adding pattern ``nu`` adds ``(xi^nu . xi^mu) xi^nu`` to
    ``N h^mu + P xi^mu``, so all ``P_max`` networks cost about ``P_max^2 N``
    in all (not ``P_max^2 N^2``); the sums are integers below ``2^24``, exact
    in float32, which halves the memory traffic. Unchecked: ``xi`` is
    ``(P_max, N)``, values +-1, ``P_max N < 2^24``.

    >>> from hopfield_lib import hebbian, random_patterns
    >>> from hopfield_lib.measure import one_step_flips
    >>> xi = random_patterns(12, 30, rng=0)
    >>> st = stability_prefixes(xi)
    >>> bool(np.array_equal(st[9, :10], ~one_step_flips(hebbian(xi[:10]), xi[:10]).any(axis=1)))
    True
    """
    pm = xi.shape[0]
    x = xi.astype(np.float32)
    c = x @ x.T  # (pm, pm) overlaps xi^nu . xi^mu
    acc = np.empty_like(x)
    stable = np.zeros((pm, pm), dtype=bool)
    for p in range(1, pm + 1):
        # acc[mu] = sum over nu < p of c[nu, mu] xi^nu, for the stored mu < p
        acc[p - 1] = c[: p - 1, p - 1] @ x[: p - 1]
        stored = acc[:p]
        stored += c[p - 1, :p, None] * x[p - 1]
        stable[p - 1, :p] = ~will_flip(stored - p * x[:p], x[:p]).any(axis=1)  # stored - p x = N h
    return stable


@dataclass(frozen=True)
class ManyRecall:
    """What :func:`hebbian_recall_many` returns: one entry per network.

    Attributes
    ----------
    states : list of arrays (B_k, N)
        Final states.
    converged : list of bool arrays (B_k,)
        True where a fixed point was reached within ``max_sweeps``.
    sweeps : list of int arrays (B_k,)
        Sweeps run (``max_sweeps`` for a probe that did not converge).
    overlaps : list of float arrays (B_k,)
        Overlap of each final state with its probe, ``probe @ state / N``.
    """

    states: list
    converged: list
    sweeps: list
    overlaps: list


def hebbian_recall_many(pattern_sets, probes=None, *, max_sweeps: int = 50, rng=None) -> ManyRecall:
    """Asynchronous recall in many Hebbian networks at once.

    Network k stores ``pattern_sets[k]`` (shape ``(P_k, N)``, the same N for
    all) with Hebb's rule and is run from ``probes[k]`` (shape ``(B_k, N)``;
    default: its own stored patterns) exactly as
    ``hl.recall(hl.hebbian(pattern_sets[k]), probes[k], rng=..., max_sweeps=...)``
    runs: sweeps in a random order (one ``rng.permutation(N)`` per sweep,
    shared by every probe of every network), each neuron set to
    ``sign(h_i)`` with the tie rule, until a sweep changes nothing or
    ``max_sweeps`` is reached. The final states are identical to those of
    :func:`hopfield_lib.recall` with the same generator.

    The algorithm. The weights are kept as exact integers ``N W`` (int16) and
    the fields ``N h`` as int32. Within a sweep, a probe's state changes only
    where a neuron :func:`~hopfield_lib.dynamics.will_flip`; instead of
    visiting every neuron of every probe, each probe jumps straight to the
    next neuron *in the sweep order* whose field points against it (between
    two flips nothing else can change), flips it and updates its field by one
    column of ``N W``. So the Python loop runs once per round of flips, not
    once per neuron, and all probes of all networks move together.

    Parameters
    ----------
    pattern_sets : array (P, N) or list of arrays (P_k, N), values +-1
    probes : None, array (B, N) or list of arrays (B_k, N)
    max_sweeps : int >= 1
    rng : None, int or numpy.random.Generator (draws the sweep orders)

    Returns
    -------
    ManyRecall (lists with one entry per network)

    Examples
    --------
    >>> from hopfield_lib import random_patterns
    >>> sets = [random_patterns(p, 200, rng=p) for p in (10, 40)]
    >>> out = hebbian_recall_many(sets, rng=0)
    >>> [round(float(m.mean()), 3) for m in out.overlaps]     # alpha = 0.05 and 0.2
    [1.0, 0.792]
    """
    with one_blas_thread():
        return _hebbian_recall_many(pattern_sets, probes, max_sweeps=max_sweeps, rng=rng)


def _hebbian_recall_many(pattern_sets, probes=None, *, max_sweeps: int = 50, rng=None) -> ManyRecall:
    max_sweeps = as_int(max_sweeps, "max_sweeps")
    single = isinstance(pattern_sets, np.ndarray) and pattern_sets.ndim == 2
    sets = [pattern_sets] if single else list(pattern_sets)
    if not sets:
        raise ValueError("pattern_sets: expected at least one (P, N) array, got none")
    sets = [as_patterns(x, f"pattern_sets[{k}]") for k, x in enumerate(sets)]
    n = sets[0].shape[1]
    for k, x in enumerate(sets):
        check_same_n(n, x, f"pattern_sets[{k}]", f"pattern_sets[0] of shape {sets[0].shape}")
    if probes is None:
        probe_list = sets
    else:
        probe_list = [probes] if (isinstance(probes, np.ndarray) and probes.ndim == 2) else list(probes)
        if len(probe_list) != len(sets):
            raise ValueError(f"probes: expected one (B, N) array per network ({len(sets)}), got {len(probe_list)}")
        probe_list = [as_patterns(x, f"probes[{k}]") for k, x in enumerate(probe_list)]
        for k, x in enumerate(probe_list):
            check_same_n(n, x, f"probes[{k}]", f"pattern_sets[{k}]")
    gen = as_rng(rng)

    # Integer weights N W (exact), small dtype; fields N h as int32.
    max_p = max(x.shape[0] for x in sets)
    wdtype = np.int16 if max_p < 2**15 else np.int32
    weights = np.empty((len(sets), n, n), dtype=wdtype)
    fields = []
    for k, x in enumerate(sets):
        xf = x.astype(np.float64)
        w = xf.T @ xf
        np.fill_diagonal(w, 0.0)
        weights[k] = w
        fields.append(probe_list[k].astype(np.float64) @ w)
    net = np.concatenate([np.full(len(p), k) for k, p in enumerate(probe_list)])
    state = np.concatenate(probe_list).astype(np.int32)
    field = np.concatenate(fields).astype(np.int32)
    total = state.shape[0]
    converged = np.zeros(total, dtype=bool)
    sweeps = np.full(total, max_sweeps)
    active = np.arange(total)
    for t in range(1, max_sweeps + 1):
        order = gen.permutation(n)
        rank = np.empty(n, dtype=np.int32)
        rank[order] = np.arange(n, dtype=np.int32)
        s_a, h_a, g_a = state[active], field[active], net[active]
        # position (in the sweep order) of the next neuron each probe will flip; n = none
        nxt = np.where(will_flip(h_a, s_a), rank, n).min(axis=1)
        moved = nxt < n
        pending = np.flatnonzero(moved)
        while pending.size:
            pos = nxt[pending]
            i = order[pos]
            s_a[pending, i] *= -1
            h_p = h_a[pending]
            h_p += (2 * s_a[pending, i])[:, None] * weights[g_a[pending], i, :]
            h_a[pending] = h_p
            nxt_p = np.where(will_flip(h_p, s_a[pending]) & (rank > pos[:, None]), rank, n).min(axis=1)
            nxt[pending] = nxt_p
            pending = pending[nxt_p < n]
        state[active], field[active] = s_a, h_a
        fixed = ~moved
        converged[active[fixed]] = True
        sweeps[active[fixed]] = t
        active = active[moved]
        if active.size == 0:
            break
    bounds = np.cumsum([0] + [len(p) for p in probe_list])
    out_states, out_conv, out_sweeps, out_m = [], [], [], []
    for k, p in enumerate(probe_list):
        sl = slice(bounds[k], bounds[k + 1])
        final = state[sl].astype(p.dtype)
        out_states.append(final)
        out_conv.append(converged[sl].copy())
        out_sweeps.append(sweeps[sl].copy())
        out_m.append(np.mean(final * p, axis=1))
    return ManyRecall(out_states, out_conv, out_sweeps, out_m)


def dense_prefix_fields(xi: np.ndarray, probes: np.ndarray, n_patterns, n, rectified: bool):
    """Yield ``(P, field)`` for every ``P`` of ``n_patterns``: the dense field of ``probes`` when ``xi[:P]`` are stored.

    ``field`` ``(B, N)`` equals :func:`hopfield_lib.dense.dense_field`
    ``(xi[:P], probes, n=n, rectified=rectified)`` (for ``n="exp"`` times the
    positive factor ``exp(max_mu a^mu - N)``, the same signs), where the
    ``probes`` are stored patterns (so ``max_mu xi^mu . s = N``).

    Why it is fast: the field is a sum over patterns, so the fields for every
    ``P`` of an increasing grid come from one pass over the patterns (a
    running sum over chunks), not one pass per ``P``. For polynomial ``F``
    every term is an integer, exact in float64 below ``2^53``. Unchecked:
    ``n_patterns`` increasing ints, ``n`` an int >= 2 or ``"exp"``.
    """
    b, N = probes.shape
    h = np.zeros((b, N))
    bsum = np.zeros((b, 1))
    shift = float(N) if n == "exp" else 0.0  # the probes are stored patterns: max_mu a^mu = N
    start = 0
    for p in n_patterns:
        step = _chunk(b, p - start)
        for lo in range(start, p, step):
            part = xi[lo:min(p, lo + step)]
            a = probes @ part.T
            f0, fp, fm = _F(a, n, rectified, shift), _F(a + 2, n, rectified, shift), _F(a - 2, n, rectified, shift)
            h += 0.5 * (fp - fm) @ part
            bsum += 0.5 * np.sum(2 * f0 - fp - fm, axis=1, keepdims=True)
        start = p
        yield p, h + probes * bsum
