"""Storing a set of patterns with Hebb's rule, and measuring what the network gives back.

Lecture 4 stores letter images and asks two questions of a set of patterns:

* Is every pattern of the set a fixed point of the Hebbian network that stores
  the set? :func:`subsets_stored` answers it for many subsets of a collection
  at once (all ``k``-subsets, or a random sample of them).
* From noisy probes, how often does the network end exactly at the pattern
  the probe was made from? That is :func:`hopfield_lib.measure.recall_rate`
  with ``min_overlap=1.0`` (and ``per_pattern=True`` for one rate per pattern).

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

from hopfield_lib._validation import as_int, as_patterns, as_rng
from hopfield_lib.dynamics import will_flip

__all__ = ["SubsetSurvey", "subsets_stored"]

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
    k = as_int(k, "k")
    if k > p:
        raise ValueError(f"k: expected an int <= P = {p} (the number of patterns), got {k}")
    chunk = as_int(chunk, "chunk")
    if n_samples is None:
        count = math.comb(p, k)
        if count > MAX_SUBSETS:
            raise ValueError(f"there are {count} subsets of size {k}, more than {MAX_SUBSETS}: pass n_samples")
        combos = np.array(list(itertools.combinations(range(p), k)), dtype=np.intp).reshape(count, k)
    else:
        m = as_int(n_samples, "n_samples")
        keys = as_rng(rng).random((m, p))
        combos = np.sort(np.argpartition(keys, k - 1, axis=1)[:, :k], axis=1)
    xi_int = xi.astype(np.int64)
    worst = np.concatenate([_margins(xi_int, combos[i:i + chunk]) for i in range(0, len(combos), chunk)])
    ok = ~will_flip(worst, 1)  # the worst aligned field xi_i N h_i: a fixed point unless it points against the bit
    return SubsetSurvey(k=k, tested=len(combos), stored=combos[ok], exhaustive=n_samples is None)
