"""Storing a set of patterns with Hebb's rule, and measuring what the network gives back.

Lecture 4 stores letter images and asks two questions of a set of patterns:

* Is every pattern of the set a fixed point of the Hebbian network that stores
  the set? :func:`subsets_stored` answers it for many subsets of a collection
  at once (all ``k``-subsets, or a random sample of them).
* From noisy probes, how often does the network end exactly at the pattern
  the probe was made from? :func:`recall_success`.

For Hebb's rule ``W = (xi^T xi - P I) / N`` the fixed-point test is done in
integers (``N W`` is an integer matrix), so that a tie ``h_i = 0`` is
recognised exactly; in floating point ``1/N`` is rounded (unless ``N`` is a
power of two) and a field that should be 0 can come out as ``5.6e-17``.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np

from hopfield_lib._validation import as_patterns, as_rng, as_weights, check_same_n
from hopfield_lib.dynamics import recall
from hopfield_lib.patterns import _positive_int
from hopfield_lib.experiments.probes import noisy_probes

__all__ = ["SubsetSurvey", "subsets_stored", "RecallSuccess", "recall_success"]

MAX_SUBSETS = 300_000
"""Largest number of subsets :func:`subsets_stored` tests exhaustively."""


@dataclass(frozen=True)
class SubsetSurvey:
    """What :func:`subsets_stored` returns.

    Attributes
    ----------
    k : int
        The size of the subsets.
    tested : int
        How many subsets were tested.
    stored : int array (S, k)
        The subsets (row indices into the patterns, increasing) in which every
        pattern is a fixed point; ``S`` of them.
    exhaustive : bool
        True when every ``k``-subset was tested, False for a random sample.
    """

    k: int
    tested: int
    stored: np.ndarray
    exhaustive: bool

    @property
    def fraction(self) -> float:
        """The fraction of tested subsets whose patterns are all fixed points."""
        return len(self.stored) / self.tested

    def __repr__(self) -> str:
        how = "all" if self.exhaustive else "a sample of"
        return f"SubsetSurvey(k={self.k}: {len(self.stored)} of {how} {self.tested} subsets stored)"


def _margins(xi_int: np.ndarray, combos: np.ndarray) -> np.ndarray:
    """``min_i N xi_i^mu h_i`` over the members ``mu`` of each subset, shape (M,).

    For the subset ``S``, ``N xi_i^mu h_i = sum_{nu in S} xi_i^mu xi_i^nu C_{nu mu} - |S|``
    with ``C = xi xi^T`` (the ``-|S|`` is the zero diagonal).
    """
    C = xi_int @ xi_int.T  # (P, P) integer overlaps times N
    A = (xi_int[:, None, :] * xi_int[None, :, :] * C[:, :, None]).astype(np.int32)  # (P, P, N)
    k = combos.shape[1]
    worst = np.full(len(combos), np.iinfo(np.int32).max, dtype=np.int64)
    for a in range(k):
        total = np.zeros((len(combos), xi_int.shape[1]), dtype=np.int32)
        for b in range(k):
            total += A[combos[:, a], combos[:, b]]
        worst = np.minimum(worst, total.min(axis=1) - k)
    return worst


def subsets_stored(patterns, k: int, *, n_samples: int | None = None, rng=None,
                   chunk: int = 20_000) -> SubsetSurvey:
    """Which ``k``-subsets of ``patterns`` Hebb's rule stores, every pattern as a fixed point.

    For a subset ``S`` the network is ``W = hebbian(patterns[S])``; the subset
    counts as stored when ``sync_step(W, xi^mu) == xi^mu`` for every ``mu``
    in ``S`` (a tie keeps the neuron, so it does not break a fixed point).
    The test is done in exact integer arithmetic.

    Parameters
    ----------
    patterns : array of shape (P, N), values +-1
        The collection to choose from (e.g. the 26 letters).
    k : int, 1 <= k <= P
    n_samples : int, optional
        Test this many random ``k``-subsets (drawn independently, so a subset
        may come twice) instead of all ``C(P, k)`` of them. Needed when
        ``C(P, k)`` exceeds ``MAX_SUBSETS``.
    rng : None, int or numpy.random.Generator
        Draws the sample.
    chunk : int
        Subsets tested at once (memory: about ``chunk * N * 4`` bytes).

    Returns
    -------
    SubsetSurvey with ``.tested``, ``.stored`` (the stored subsets) and ``.fraction``

    Examples
    --------
    >>> from hopfield_lib import letters
    >>> survey = subsets_stored(letters.letters(), 2)
    >>> survey.fraction                                # any two letters are stored
    1.0
    >>> subsets_stored(letters.letters("BRAIN"), 5)    # but not these five
    SubsetSurvey(k=5: 0 of all 1 subsets stored)
    """
    xi = as_patterns(patterns)
    p = xi.shape[0]
    k = _positive_int(k, "k")
    if k > p:
        raise ValueError(f"k: expected at most P = {p} (the number of patterns), got {k}")
    chunk = _positive_int(chunk, "chunk")
    if n_samples is None:
        count = math.comb(p, k)
        if count > MAX_SUBSETS:
            raise ValueError(f"there are {count} subsets of size {k}, more than {MAX_SUBSETS}: pass n_samples")
        combos = np.array(list(itertools.combinations(range(p), k)), dtype=np.intp).reshape(count, k)
    else:
        m = _positive_int(n_samples, "n_samples")
        keys = as_rng(rng).random((m, p))
        combos = np.sort(np.argpartition(keys, k - 1, axis=1)[:, :k], axis=1)
    xi_int = xi.astype(np.int64)
    ok = np.concatenate([_margins(xi_int, combos[i:i + chunk]) >= 0 for i in range(0, len(combos), chunk)])
    return SubsetSurvey(k=k, tested=len(combos), stored=combos[ok], exhaustive=n_samples is None)


@dataclass(frozen=True)
class RecallSuccess:
    """What :func:`recall_success` returns; arrays have one entry per stored pattern.

    Attributes
    ----------
    exact : array (P,)
        Fraction of the probes made from pattern ``mu`` that end exactly at ``xi^mu``.
    overlap : array (P,)
        Mean overlap of the final state with ``xi^mu``.
    other : array (P,)
        Fraction that end exactly at another stored pattern, or at the reverse of any stored pattern.
    """

    exact: np.ndarray
    overlap: np.ndarray
    other: np.ndarray


def recall_success(W, patterns, fraction: float, *, n_per_pattern: int = 100, rng=None,
                   mode: str = "async", max_sweeps: int = 100) -> RecallSuccess:
    """How well the network recalls each pattern from probes with ``fraction`` of the neurons flipped.

    Makes ``n_per_pattern`` noisy probes of every pattern
    (:func:`hopfield_lib.probes.noisy_probes`), runs them all together through
    :func:`hopfield_lib.recall`, and scores each final state against the
    pattern its probe was made from.

    ``W`` need not come from ``patterns`` (compare rules, or a network that
    stores more than it is asked about). For exact ties with Hebbian weights
    pass ``N * W`` rounded to integers: a positive factor does not change the
    dynamics.

    Parameters
    ----------
    W : array (N, N)
    patterns : array (P, N)
    fraction : float in [0, 1]
    n_per_pattern : int
    rng : None, int or numpy.random.Generator
        One generator draws the probes, then the update orders.
    mode, max_sweeps :
        Passed to :func:`hopfield_lib.recall`.

    Returns
    -------
    RecallSuccess with ``.exact``, ``.overlap`` and ``.other``, each of shape (P,)

    Examples
    --------
    >>> from hopfield_lib import letters, hebbian
    >>> xi = letters.letters("SKY")
    >>> res = recall_success(hebbian(xi), xi, 0.1, n_per_pattern=20, rng=0)
    >>> res.exact.tolist()
    [1.0, 1.0, 1.0]
    """
    Wm = as_weights(W)
    xi = as_patterns(patterns)
    check_same_n(Wm.shape[0], xi, "patterns", f"W of shape {Wm.shape}")
    gen = as_rng(rng)
    probes, targets = noisy_probes(xi, n_per_pattern, fraction, rng=gen)
    final = recall(Wm, probes, mode=mode, max_sweeps=max_sweeps, rng=gen).state
    n = xi.shape[1]
    p = xi.shape[0]
    m = final @ xi.T / n  # (B, P)
    own = m[np.arange(len(targets)), targets]
    exact = own == 1.0
    hits_other = np.abs(m) == 1.0
    hits_other[np.arange(len(targets)), targets] = own == -1.0
    other = np.any(hits_other, axis=1) & ~exact
    per = lambda v: v.reshape(p, n_per_pattern).mean(axis=1)  # noqa: E731
    return RecallSuccess(exact=per(exact.astype(float)), overlap=per(own), other=per(other.astype(float)))
