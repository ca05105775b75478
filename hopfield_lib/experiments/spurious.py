"""Spurious states of the Hebbian network: reversed patterns, mixtures, spin-glass states.

Besides the stored patterns ``xi^mu``, a Hebbian network (``W = xi.T @ xi / N``,
zero diagonal) has other fixed points (Amit, Gutfreund & Sompolinsky 1985;
Amit 1989, ch. 4; Hertz, Krogh & Palmer 1991, sec. 2.2):

* **reversed patterns** ``-xi^mu``: with ``theta = 0`` the field is odd,
  ``h(-s) = -h(s)``, and the energy even, ``E(-s) = E(s)``, so ``-s`` is a
  fixed point exactly when ``s`` is, with the same energy;
* **odd mixtures** ``sign(+-xi^1 +- xi^2 +- xi^3)`` (and of 5, 7, ...
  patterns): at low load the symmetric 3-mixture has overlap 1/2 with each
  of its patterns and energy ``-3N/8`` against ``-N/2`` for a pattern
  (:func:`mixture_overlap`, :func:`mixture_energy`);
* **spin-glass states**: fixed points not close to any pattern or mixture,
  which take over as the load grows.

:func:`classify_states` sorts end states into the four :data:`KINDS`, with the
tolerances written in its docstring; :func:`end_states` runs recall from
random starts and classifies where it ends.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from hopfield_lib._validation import as_int, as_patterns, as_real_array, as_rng, as_spins, check_same_n

__all__ = [
    "KINDS",
    "mixture_state",
    "mixture_overlap",
    "mixture_energy",
    "energy_from_overlaps",
    "classify_states",
    "kind_fractions",
    "end_states",
    "EndStates",
]

KINDS = ("pattern", "reversed", "mixture", "other")
"""The kinds of end state, in the order :func:`kind_fractions` reports them."""


def mixture_state(patterns, indices=(0, 1, 2), *, signs=None, fill=None, rng=None) -> np.ndarray:
    """The mixture state ``sign(sum_k signs[k] * xi[indices[k]])``.

    With the default arguments this is the symmetric 3-mixture
    ``sign(xi^1 + xi^2 + xi^3)`` of the first three patterns.

    For an odd number of patterns the sum is never 0 and the state is
    well defined. For an even number the sum is 0 wherever the patterns
    disagree (for two patterns, on about half of the neurons) and ``sign``
    would give 0, which is not a state. Then ``fill`` says what those
    neurons get:

    * ``None`` (default): raise ``ValueError``;
    * ``"random"``: +-1 with probability 1/2 each, drawn from ``rng``;
    * an array of shape ``(N,)`` of +-1: its values (the course's tie rule
      "a neuron whose field is 0 keeps its value", with ``fill`` the old state).

    Parameters
    ----------
    patterns : array of shape (P, N), values +-1
    indices : sequence of distinct ints
        Which patterns to mix (rows of ``patterns``).
    signs : sequence of +-1, optional
        One sign per mixed pattern (default all +1).
    fill : None, "random" or array of shape (N,)
    rng : None, int or numpy.random.Generator (used by ``fill="random"``)

    Returns
    -------
    numpy.ndarray of shape (N,), float64, values +-1

    Examples
    --------
    >>> xi = np.array([[1, 1, 1, -1], [1, -1, 1, 1], [1, 1, -1, -1]])
    >>> mixture_state(xi).tolist()
    [1.0, 1.0, 1.0, -1.0]
    >>> mixture_state(xi, (0, 1), fill=xi[0]).tolist()   # an even mixture, ties keep xi^1
    [1.0, 1.0, 1.0, -1.0]
    """
    xi = as_patterns(patterns).astype(float, copy=False)
    p, n = xi.shape
    idx = np.asarray(indices)
    if idx.ndim != 1 or idx.size == 0 or not np.issubdtype(idx.dtype, np.integer):
        raise TypeError(f"indices: expected a non-empty sequence of ints, got {indices!r}")
    if np.any(idx < -p) or np.any(idx >= p):
        raise ValueError(f"indices: expected rows of the {p} patterns, got {idx.tolist()}")
    if len(np.unique(idx % p)) != idx.size:
        raise ValueError(f"indices: expected distinct patterns, got {idx.tolist()}")
    sg = np.ones(idx.size) if signs is None else np.asarray(signs, dtype=float)
    if sg.shape != idx.shape or np.any(np.abs(sg) != 1):
        raise ValueError(f"signs: expected {idx.size} values of +-1, got {signs!r}")
    total = sg @ xi[idx]
    ties = total == 0
    if not ties.any():
        return np.sign(total)
    if fill is None:
        raise ValueError(
            f"mixing {idx.size} patterns leaves {int(ties.sum())} of {n} neurons with a sum of 0 "
            "(an even mixture): pass fill='random' or fill=<a state> to say what they get"
        )
    if isinstance(fill, str):
        if fill != "random":
            raise ValueError(f"fill: expected None, 'random' or a state of shape ({n},), got {fill!r}")
        values = np.where(as_rng(rng).random(n) < 0.5, -1.0, 1.0)
    else:
        values = as_spins(fill, "fill", ndim=(1,)).astype(float)
        check_same_n(n, values, "fill", f"patterns of shape {xi.shape}")
    return np.where(ties, values, np.sign(total))


def mixture_overlap(n: int = 3) -> float:
    """Overlap of the symmetric ``n``-mixture with each of its ``n`` patterns (N -> infinity).

    ``s = sign(xi^1 + ... + xi^n)`` for ``n`` odd. Pattern 1 agrees with the
    majority unless at least ``(n + 1) / 2`` of the other ``n - 1`` disagree
    with it, which gives

    .. math:: m_n = \\binom{n-1}{(n-1)/2} \\, 2^{-(n-1)} ,

    so ``m_1 = 1``, ``m_3 = 1/2``, ``m_5 = 3/8``, ``m_7 = 5/16``. For ``n = 3``:
    the three patterns all agree on a quarter of the neurons, where
    ``s . (xi^1 + xi^2 + xi^3) = 3``, and two agree against one elsewhere,
    where it is 1; so ``m_1 + m_2 + m_3 = 3/4 * 1 + 1/4 * 3 = 3/2`` and by
    symmetry each ``m_mu = 1/2`` (Amit, Gutfreund & Sompolinsky 1985).

    >>> [mixture_overlap(n) for n in (1, 3, 5, 7)]
    [1.0, 0.5, 0.375, 0.3125]
    """
    k = as_int(n, "n", odd=True)
    return math.comb(k - 1, (k - 1) // 2) / 2 ** (k - 1)


def mixture_energy(n: int = 3) -> float:
    """Energy per neuron ``E / N`` of the symmetric ``n``-mixture at low load (N -> infinity).

    For Hebbian weights ``E = -N/2 sum_mu m_mu^2 + P/2`` (see
    :func:`energy_from_overlaps`); with ``n`` overlaps ``m_n`` and the rest
    ``O(1/sqrt(N))``, ``E / N -> -n m_n^2 / 2``: ``-1/2`` for a pattern,
    ``-3/8`` for the 3-mixture, ``-45/128`` for the 5-mixture.

    >>> [mixture_energy(n) for n in (1, 3, 5)]
    [-0.5, -0.375, -0.3515625]
    """
    return -0.5 * as_int(n, "n", odd=True) * mixture_overlap(n) ** 2


def energy_from_overlaps(overlaps, n_neurons: int):
    """The energy of a state of a Hebbian network from its overlaps with the stored patterns.

    With ``W = xi.T @ xi / N`` and zero diagonal,
    ``s^T W s = sum_mu (xi^mu . s)^2 / N - P`` (the removed diagonal is
    ``P / N`` per neuron), so

    .. math:: E(s) = -\\frac{N}{2} \\sum_{\\mu=1}^{P} m_\\mu^2 + \\frac{P}{2} .

    Exact, for any ``+-1`` state.

    Parameters
    ----------
    overlaps : array of shape (P,) or a batch (B, P)
        ``m_mu = xi^mu . s / N`` for every stored pattern.
    n_neurons : int
        N.

    Returns
    -------
    float, or numpy.ndarray of shape (B,)

    Examples
    --------
    >>> from hopfield_lib import random_patterns, hebbian, energy, overlap
    >>> xi = random_patterns(4, 50, rng=0)
    >>> s = random_patterns(1, 50, rng=1)[0]
    >>> bool(np.isclose(energy_from_overlaps(overlap(xi, s), 50), energy(hebbian(xi), s)))
    True
    """
    m = as_real_array(overlaps, "overlaps", ndim=(1, 2)).astype(float)
    n_neurons = as_int(n_neurons, "n_neurons")
    e = -0.5 * n_neurons * np.sum(m**2, axis=-1) + 0.5 * m.shape[-1]
    return float(e) if np.ndim(e) == 0 else e


def classify_states(patterns, states, *, pattern_min: float = 0.9, mixture_min: float = 0.9,
                    mixture_sizes=(3, 4, 5)):
    """Sort states into ``"pattern"``, ``"reversed"``, ``"mixture"`` or ``"other"``.

    With ``m_mu = xi^mu . s / N`` the overlaps of the state ``s``, the first
    rule that applies decides:

    1. ``"pattern"``: some ``m_mu >= pattern_min`` (default 0.9: at most 5 %
       of the bits differ from a stored pattern);
    2. ``"reversed"``: some ``m_mu <= -pattern_min``;
    3. ``"mixture"``: for some ``k`` in ``mixture_sizes`` (default 3, 4, 5),
       take the ``k`` patterns with the largest ``|m_mu|`` and build their
       mixture weighted by the overlaps, ``sign(sum_{top k} m_mu xi^mu)``;
       the state is a mixture if its overlap with that mixture is
       ``>= mixture_min`` (default 0.9: at most 5 % of the bits differ).
       This covers the symmetric odd mixtures ``sign(+-xi^1 +- xi^2 +- xi^3)``
       (equal weights) and the asymmetric ones such as
       ``sign(2 xi^1 + xi^2 + xi^3 + xi^4)`` (Amit 1989, sec. 4.3);
    4. ``"other"``: everything else (spin-glass states).

    The comparison with a *built* mixture of a few patterns matters: at high
    load every fixed point has overlaps of 0.2-0.4 with many patterns (it
    minimises ``E = -N/2 sum m^2 + P/2``), so merely counting large overlaps
    would call spin-glass states mixtures.

    Parameters
    ----------
    patterns : array of shape (P, N), values +-1
    states : array of shape (N,) or (B, N), values +-1
    pattern_min, mixture_min : float in (0, 1]
    mixture_sizes : sequence of ints >= 2 (sizes larger than P are skipped)

    Returns
    -------
    str for one state, or numpy.ndarray of shape (B,) of str

    Examples
    --------
    >>> from hopfield_lib import random_patterns
    >>> xi = random_patterns(5, 400, rng=0)
    >>> mix = mixture_state(xi, (0, 2, 4), signs=(1, -1, 1))
    >>> classify_states(xi, np.stack([xi[1], -xi[3], mix, random_patterns(1, 400, rng=1)[0]])).tolist()
    ['pattern', 'reversed', 'mixture', 'other']
    """
    xi = as_patterns(patterns).astype(float, copy=False)
    s = as_spins(states, "states").astype(float, copy=False)
    check_same_n(xi.shape[1], s, "states", f"patterns of shape {xi.shape}")
    for name, value in (("pattern_min", pattern_min), ("mixture_min", mixture_min)):
        if not 0.0 < float(value) <= 1.0:
            raise ValueError(f"{name}: expected a number in (0, 1], got {value}")
    sizes = [as_int(k, "mixture_sizes", minimum=2) for k in mixture_sizes]
    batch = s.reshape(-1, xi.shape[1])
    n = xi.shape[1]
    m = batch @ xi.T / n  # (B, P)
    labels = np.full(batch.shape[0], "other", dtype=object)
    is_mix = np.zeros(batch.shape[0], dtype=bool)
    order = np.argsort(-np.abs(m), axis=1, kind="stable")
    for k in sizes:
        if k > xi.shape[0]:
            continue
        top = order[:, :k]  # (B, k): the k patterns with the largest |m|
        weights = np.take_along_axis(m, top, axis=1)
        mix = np.sign(np.einsum("bk,bkn->bn", weights, xi[top]))  # a 0 (tie) counts as half a match
        is_mix |= np.sum(mix * batch, axis=1) / n >= mixture_min
    labels[is_mix] = "mixture"
    labels[np.min(m, axis=1) <= -pattern_min] = "reversed"
    labels[np.max(m, axis=1) >= pattern_min] = "pattern"
    labels = labels.astype(str)
    return str(labels[0]) if s.ndim == 1 else labels


def kind_fractions(labels) -> np.ndarray:
    """Fraction of each kind of :data:`KINDS` among ``labels`` (shape ``(4,)``, sums to 1).

    >>> kind_fractions(["pattern", "other", "other", "mixture"]).tolist()
    [0.25, 0.0, 0.25, 0.5]
    """
    lab = np.asarray(labels, dtype=str).ravel()
    if lab.size == 0:
        raise ValueError("labels: expected at least one label, got none")
    unknown = sorted(set(lab.tolist()) - set(KINDS))
    if unknown:
        raise ValueError(f"labels: expected values among {KINDS}, got {unknown}")
    return np.array([np.mean(lab == k) for k in KINDS])


class EndStates:
    """Where recall from many starts ends: what :func:`end_states` returns.

    Attributes
    ----------
    states : array (B, N), the fixed points reached
    labels : array (B,) of str, one of :data:`KINDS` each
    energies : array (B,), energy per neuron ``E / N`` of each end state
    overlaps : array (B, P), overlaps of each end state with every pattern
    converged : bool array (B,)
    """

    def __init__(self, states, labels, energies, overlaps, converged):
        self.states = states
        self.labels = labels
        self.energies = energies
        self.overlaps = overlaps
        self.converged = converged

    def fractions(self) -> np.ndarray:
        """Fraction of each kind of :data:`KINDS`, shape ``(4,)``."""
        return kind_fractions(self.labels)

    def __repr__(self) -> str:
        frac = ", ".join(f"{k} {f:.2f}" for k, f in zip(KINDS, self.fractions()))
        return f"EndStates({len(self.labels)} starts: {frac})"


def end_states(W, patterns, starts, *, rng=None, max_sweeps: int = 100, **classify_kwargs) -> EndStates:
    """Run asynchronous recall from each start and classify where it ends.

    Parameters
    ----------
    W : array of shape (N, N)
    patterns : array of shape (P, N), the stored patterns (for the classification)
    starts : array of shape (B, N) of +-1 start states, or an int B for B random starts
    rng : None, int or numpy.random.Generator (random starts, then the update orders)
    max_sweeps : int
    **classify_kwargs :
        Passed to :func:`classify_states` (``pattern_min``, ``mixture_min``, ``mixture_sizes``).

    Returns
    -------
    EndStates

    Examples
    --------
    >>> from hopfield_lib import random_patterns, hebbian
    >>> xi = random_patterns(3, 200, rng=0)
    >>> out = end_states(hebbian(xi), xi, 50, rng=1)
    >>> out.labels.shape, bool(out.converged.all())
    ((50,), True)
    """
    from hopfield_lib.dynamics import recall
    from hopfield_lib.patterns import random_patterns

    xi = as_patterns(patterns).astype(float, copy=False)
    gen = as_rng(rng)
    if isinstance(starts, (numbers.Integral, np.integer)) and not isinstance(starts, bool):
        starts = random_patterns(int(starts), xi.shape[1], rng=gen)
    probes = as_spins(starts, "starts", ndim=(2,))
    res = recall(W, probes, rng=gen, max_sweeps=max_sweeps)
    n = xi.shape[1]
    overlaps = res.state @ xi.T / n
    return EndStates(
        states=res.state,
        labels=classify_states(xi, res.state, **classify_kwargs),
        energies=res.energies[-1] / n,
        overlaps=overlaps,
        converged=res.converged,
    )
