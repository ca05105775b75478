"""Sequences and hetero-association: asymmetric weights that map each pattern to another.

A sequence ``xi^1 -> xi^2 -> ... -> xi^P`` (the rows of ``xi``, ``(P, N)``) is
stored in the asymmetric weights (Amari 1972; Hopfield 1982)

    W = sum_mu xi^(mu+1) xi^(mu)T / N                      (:func:`sequence_weights`)

so that the field in pattern ``mu`` points to pattern ``mu + 1``; synchronous
updates then step through the sequence (:func:`sequence_recall`).
Asynchronous updates mix consecutive patterns up; the cure (Kleinfeld 1986;
Sompolinsky & Kanter 1986) is a fast symmetric term that holds the current
pattern plus a slow, delayed sequence term that pushes to the next one
(:func:`slow_fast_recall`). Hetero-association maps a cue to a different
pattern in one step (:func:`hetero_recall`, with ``hl.rules.hetero_hebbian``).

States are +-1 vectors ``(N,)`` or batches ``(B, N)``. Ties (a zero field)
keep the neuron's value, as everywhere in the course
(:func:`hopfield_lib.dynamics.sign_or_keep`). For +-1 patterns ``N W`` of the
Hebbian sequence and hetero-associative rules is a matrix of integers, and the
fields are computed exactly (:func:`hopfield_lib.dynamics.couplings`): every
trajectory is the same on every CPU.
"""

from __future__ import annotations

import numpy as np

from hopfield_lib._validation import (as_bool, as_choice, as_int, as_number, as_patterns, as_real_array, as_rng,
                                      as_spins, as_weights, check_same_n)
from hopfield_lib.dynamics import Couplings, _couplings, _sweep, sign_or_keep, tie_tolerance

__all__ = [
    "sequence_weights",
    "sequence_recall",
    "slow_fast_recall",
    "pattern_labels",
    "dwell_times",
    "count_transitions",
    "spell",
    "hetero_recall",
]

RULES = ("hebb", "projection")


def sequence_weights(patterns, *, cyclic: bool = False, rule: str = "hebb") -> np.ndarray:
    """Asymmetric weights that map every pattern of a sequence to the next one.

    ``rule="hebb"`` (Amari 1972; Hopfield 1982):

    .. math:: W = \\frac{1}{N} \\sum_{\\mu=1}^{P-1} \\xi^{\\mu+1} \\xi^{\\mu T}

    (``W_ij = sum_mu xi_i^(mu+1) xi_j^mu / N``: row ``i`` collects the inputs
    of neuron ``i``), so ``W @ xi^mu = xi^(mu+1) + crosstalk``. With
    ``cyclic=True`` the sum runs to ``P`` with ``xi^(P+1) = xi^1``: the
    sequence closes into a loop. The diagonal is kept: ``W`` is not symmetric,
    there is no energy to protect.

    ``rule="projection"`` removes the crosstalk of correlated patterns: the
    projection (pseudo-inverse) rule of Personnaz, Guyon & Dreyfus (1985)
    applied to the map from each pattern to its successor (see also the
    pseudo-inverse sequence rule of Chaudhry et al. 2023). With ``A`` the
    patterns that have a successor and ``B`` their successors (rows),

    .. math:: W = \\frac{1}{N} B^T C^{-1} A, \\qquad C = \\frac{1}{N} A A^T ,

    so that ``W @ xi^mu = xi^(mu+1)`` exactly for linearly independent
    patterns (the Moore-Penrose pseudo-inverse is used when ``C`` is singular).

    Parameters
    ----------
    patterns : array (P, N), values +-1, in the order of the sequence
    cyclic : bool
        Add the step from the last pattern back to the first.
    rule : "hebb" or "projection"

    Returns
    -------
    W : numpy.ndarray of shape (N, N), float64, not symmetric.
    With one pattern and ``cyclic=False`` there is no step to store: ``W = 0``.

    Examples
    --------
    >>> xi = np.array([[1, 1, -1, -1], [1, -1, 1, -1], [1, -1, -1, 1]])
    >>> W = sequence_weights(xi, cyclic=True)
    >>> np.sign(W @ xi[0]).tolist(), np.sign(W @ xi[2]).tolist()   # xi^1 -> xi^2, xi^3 -> xi^1
    ([1.0, -1.0, 1.0, -1.0], [1.0, 1.0, -1.0, -1.0])
    """
    xi = as_patterns(patterns).astype(float, copy=False)
    cyclic = as_bool(cyclic, "cyclic")
    as_choice(rule, "rule", RULES)
    n = xi.shape[1]
    if cyclic:
        src, dst = xi, np.roll(xi, -1, axis=0)
    else:
        src, dst = xi[:-1], xi[1:]
    if src.shape[0] == 0:
        return np.zeros((n, n))
    if rule == "hebb":
        return dst.T @ src / n
    C = src @ src.T / n
    return dst.T @ np.linalg.pinv(C, hermitian=True) @ src / n


def sequence_recall(W, probe, *, steps: int) -> np.ndarray:
    """Run ``steps`` synchronous updates ``s <- sign(W @ s)`` and return every state.

    Unlike :func:`hopfield_lib.recall`, it never stops early: a sequence is
    not a fixed point, and a cycle is what we want. Ties keep the old value.

    Parameters
    ----------
    W : array (N, N), any (asymmetric) weights
    probe : array (N,) or (B, N), values +-1
    steps : int >= 0

    Returns
    -------
    numpy.ndarray of shape (steps + 1, N) or (steps + 1, B, N); ``[0]`` is the probe.

    Examples
    --------
    >>> xi = np.array([[1, 1, -1, -1], [1, -1, 1, -1], [1, -1, -1, 1]])
    >>> states = sequence_recall(sequence_weights(xi, cyclic=True), xi[0], steps=3)
    >>> [int(np.argmax(xi @ s)) for s in states]
    [0, 1, 2, 0]
    """
    Wm = as_weights(W)
    s = as_spins(probe, "probe")
    check_same_n(Wm.shape[0], s, "probe", f"W of shape {Wm.shape}")
    steps = as_int(steps, "steps", minimum=0)
    c = _couplings(Wm, 0.0)
    out = [s.copy()]
    for _ in range(steps):
        out.append(c.update(out[-1]))
    return np.stack(out)


def _fast_slow(Jf: np.ndarray, Js: np.ndarray, lam: float):
    """Couplings for the fast term and the slow term, on a common scale.

    When both are exact with the same scale ``c`` (Hebbian weights), the
    field ``c h = K_f s + lam K_s s_past`` is computed from integers and the
    tie rule is exact; otherwise both are used as they are, and the tie
    tolerance covers the rounding of both terms.
    """
    fast, slow = _couplings(Jf, 0.0), _couplings(Js, 0.0)
    if fast.exact and slow.exact and fast.scale == slow.scale:
        return fast, slow
    tol = tie_tolerance(Jf) + abs(lam) * tie_tolerance(Js)
    zero = np.zeros(Jf.shape[0])
    return Couplings(Jf, 1.0, zero, 0.0, tol, False), Couplings(Js, 1.0, zero, 0.0, tol, False)


def slow_fast_recall(fast, slow, probe, *, lam=2.0, delay: int = 4, sweeps: int = 40,
                     mode: str = "async", rng=None) -> np.ndarray:
    """Sequence recall with fast symmetric and slow (delayed) asymmetric synapses.

    Kleinfeld (1986); Sompolinsky & Kanter (1986). The field of neuron ``i``
    during sweep ``t`` (the sweep that produces state ``s(t)``) is

    .. math:: h_i(t) = \\sum_j J^{fast}_{ij}\\, s_j(t) + \\lambda \\sum_j J^{slow}_{ij}\\, s_j(t - \\tau),

    where ``s(t)`` inside the fast term is the current state (updated
    neuron by neuron in ``mode="async"``) and ``s(t - tau)`` is the state
    ``tau = delay`` sweeps earlier, held fixed during the sweep; before the
    network started (``t - tau < 0``) the slow input is zero. The fast term
    (e.g. ``hl.hebbian(xi)``) holds the current pattern; once the delayed
    state has caught up with it, the slow term (e.g.
    ``sequence_weights(xi)``) pushes to the next pattern, which wins when
    ``lam > 1``. Each pattern then lasts ``delay`` sweeps.

    Parameters
    ----------
    fast, slow : arrays (N, N)
    probe : array (N,) or (B, N), values +-1
    lam : float, the strength of the slow term
    delay : int >= 1, in sweeps
    sweeps : int >= 0
    mode : "async" (every neuron once per sweep, in a new random order, the
        same order for every row of a batch) or "sync"
    rng : None, int or numpy.random.Generator (async only)

    Returns
    -------
    numpy.ndarray of shape (sweeps + 1, N) or (sweeps + 1, B, N); ``[0]`` is the probe.

    Examples
    --------
    >>> from hopfield_lib import random_patterns, hebbian
    >>> xi = random_patterns(4, 200, rng=0)
    >>> states = slow_fast_recall(hebbian(xi), sequence_weights(xi, cyclic=True), xi[0],
    ...                           lam=2.0, delay=3, sweeps=12, rng=1)
    >>> "".join("ABCD"[k] for k in pattern_labels(states, xi))
    'AAABBBCCCDDDA'
    """
    Jf, Js = as_weights(fast, "fast"), as_weights(slow, "slow")
    if Jf.shape != Js.shape:
        raise ValueError(f"fast and slow: expected the same shape, got {Jf.shape} and {Js.shape}")
    s = as_spins(probe, "probe")
    check_same_n(Jf.shape[0], s, "probe", f"weights of shape {Jf.shape}")
    lam = as_number(lam, "lam")
    delay = as_int(delay, "delay")
    sweeps = as_int(sweeps, "sweeps", minimum=0)
    as_choice(mode, "mode", ("async", "sync"))
    gen = as_rng(rng)
    n = Jf.shape[0]
    fast, slow = _fast_slow(Jf, Js, lam)
    current = np.array(s, dtype=float, ndmin=2)  # (B, N)
    history = [current.copy()]
    for t in range(1, sweeps + 1):
        past = t - delay
        external = lam * slow.field(history[past]) if past >= 0 else np.zeros_like(current)
        if mode == "async":  # the slow input is fixed during the sweep: it starts the running field
            current = _sweep(fast, current, gen.permutation(n), fast.field(current) + external)[0]
        else:
            current = fast.update(current, fast.field(current) + external)
        history.append(current.copy())
    states = np.stack(history).astype(s.dtype, copy=False)
    return states[:, 0] if s.ndim == 1 else states


def pattern_labels(states, patterns, *, min_overlap: float = 1.0) -> np.ndarray:
    """Which stored pattern every state is: the index of the pattern with the
    largest overlap, or ``-1`` when that overlap is below ``min_overlap``.

    Parameters
    ----------
    states : array (..., N)
    patterns : array (P, N)
    min_overlap : float, default 1.0 (the state must equal the pattern)

    Returns
    -------
    int array of shape ``states.shape[:-1]``

    Examples
    --------
    >>> xi = np.array([[1, 1, -1, -1], [1, -1, 1, -1]])
    >>> pattern_labels(np.array([[1, -1, 1, -1], [1, 1, 1, 1]]), xi).tolist()
    [1, -1]
    """
    st = as_real_array(states, "states", ndim=(1, 2, 3)).astype(float, copy=False)
    xi = as_real_array(patterns, "patterns", ndim=(2,)).astype(float, copy=False)
    check_same_n(xi.shape[1], st, "states", f"patterns of shape {xi.shape}")
    m = st @ xi.T / xi.shape[1]
    best = np.argmax(m, axis=-1)
    return np.where(np.take_along_axis(m, best[..., None], axis=-1)[..., 0] >= min_overlap - 1e-12, best, -1)


def dwell_times(labels) -> tuple[np.ndarray, np.ndarray]:
    """Split a label sequence into runs: the label of each run and how long it lasts.

    Returns ``(run_labels, run_lengths)``.

    >>> dwell_times([0, 0, 0, 1, 1, 2, -1, 2])
    ([0, 1, 2, -1, 2], [3, 2, 1, 1, 1])
    """
    lab = np.asarray(labels)
    if lab.ndim != 1 or lab.size == 0:
        raise ValueError(f"labels: expected a non-empty 1-D sequence, got shape {lab.shape}")
    starts = np.flatnonzero(np.concatenate([[True], lab[1:] != lab[:-1]]))
    lengths = np.diff(np.concatenate([starts, [lab.size]]))
    return lab[starts].tolist(), lengths.tolist()


def count_transitions(states, patterns, *, min_overlap: float = 0.9) -> int:
    """How often a trajectory moves from one stored pattern to a different one.

    States that are no pattern (overlap below ``min_overlap`` with all of
    them, e.g. halfway through a transition) are skipped; a return to the same
    pattern after such a state is not a transition.

    Parameters
    ----------
    states : array (T + 1, N)
    patterns : array (P, N)
    min_overlap : float, default 0.9

    Examples
    --------
    >>> xi = np.array([[1, 1, -1, -1], [1, -1, 1, -1]])
    >>> count_transitions(np.array([xi[0], xi[0], [1, 1, 1, 1], xi[1], xi[0]]), xi)
    2
    """
    labels = pattern_labels(states, patterns, min_overlap=min_overlap)
    if labels.ndim != 1:
        raise ValueError(f"states: expected one trajectory of shape (T, N), got labels of shape {labels.shape}")
    kept = labels[labels >= 0]
    return int(np.sum(kept[1:] != kept[:-1]))


def spell(states, patterns, names, *, min_overlap: float = 1.0) -> str:
    """The name of the pattern each state is, as one string; ``?`` where it is none of them.

    ``names`` gives one character (or string) per pattern, e.g. the word the
    letters spell. See :func:`pattern_labels` for ``min_overlap``.

    >>> from hopfield_lib import letters
    >>> xi = letters.letters("AB")
    >>> spell(np.array([xi[0], xi[1], -xi[0]]), xi, "AB")
    'AB?'
    """
    labels = pattern_labels(states, patterns, min_overlap=min_overlap)
    if labels.ndim != 1:
        raise ValueError(f"states: expected one trajectory of shape (T, N), got labels of shape {labels.shape}")
    if len(names) != np.shape(patterns)[0]:
        raise ValueError(f"names: expected {np.shape(patterns)[0]} names, got {len(names)}")
    return "".join(str(names[k]) if k >= 0 else "?" for k in labels)


def hetero_recall(W, cue) -> np.ndarray:
    """One step of hetero-association: ``y = sign(W @ x)``, a zero field giving ``+1``.

    ``W`` (``(N_out, N_in)``) maps input patterns to output patterns, e.g.
    ``hl.rules.hetero_hebbian(inputs, outputs)``; the output neurons have no
    previous value to keep, so a tie gives ``+1``.

    Parameters
    ----------
    W : array (N_out, N_in)
    cue : array (N_in,) or (B, N_in), values +-1

    Returns
    -------
    numpy.ndarray of shape (N_out,) or (B, N_out), float, values +-1

    Examples
    --------
    >>> from hopfield_lib import letters, rules
    >>> W = rules.hetero_hebbian(letters.letters("CAT"), letters.letters("DOG"))
    >>> bool(np.array_equal(hetero_recall(W, letters.letter("A")), letters.letter("O")))
    True
    """
    Wm = as_real_array(W, "W", ndim=(2,)).astype(float, copy=False)
    x = as_spins(cue, "cue")
    check_same_n(Wm.shape[1], x, "cue", f"W of shape {Wm.shape} (N_out, N_in)")
    c = _couplings(Wm, 0.0)
    h = c.field(x.astype(float))
    return sign_or_keep(h, np.ones(h.shape), c.tol)  # no previous value: a tie gives +1
