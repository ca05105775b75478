"""Capacity: how many patterns a network stores, in theory and measured.

Theory (Hebb's rule, random patterns, N neurons, P patterns, load ``alpha = P/N``):

* the local field of neuron i in stored pattern mu is signal + crosstalk,
  ``xi_i^mu h_i = (N-1)/N + C_i^mu`` with the crosstalk approximately Gaussian,
  mean 0 and variance ``(P-1)/N ~ alpha`` (Hertz, Krogh & Palmer 1991, sec. 2.2);
* so a bit flips in the first update with probability
  ``Phi(-1/sqrt(alpha)) = erfc(1/sqrt(2 alpha)) / 2`` (:func:`gaussian_error_rate`);
* a given stored pattern is a fixed point with probability -> 1 up to
  ``P = N / (2 ln N)``, all of them at once up to ``N / (4 ln N)``
  (McEliece et al. 1987; :func:`mceliece_capacity`);
* retrieval with a few per cent of wrong bits survives up to
  ``alpha_c ~ 0.138`` (Amit, Gutfreund & Sompolinsky 1985).
"""

from __future__ import annotations

import numpy as np

from ._validation import as_patterns, as_weights, check_same_n
from .dynamics import _fields, _threshold

__all__ = [
    "ALPHA_C",
    "gaussian_error_rate",
    "mceliece_capacity",
    "one_step_flips",
    "bit_error_rate",
    "stable_fraction",
]

ALPHA_C = 0.138
"""The critical load of the Hebbian network (Amit, Gutfreund & Sompolinsky 1985)."""


def gaussian_error_rate(alpha):
    """Predicted probability that a bit of a stored pattern flips in one update.

    .. math:: P_{error} = \\Phi(-1/\\sqrt{\\alpha}) = \\tfrac12 \\mathrm{erfc}\\big(1/\\sqrt{2\\alpha}\\big)

    ``alpha`` may be a float or an array (``alpha > 0``).

    >>> round(float(gaussian_error_rate(0.138)), 4)
    0.0036
    """
    a = np.asarray(alpha, dtype=float)
    if np.any(~np.isfinite(a)) or np.any(a <= 0):
        raise ValueError(f"alpha: expected positive finite loads, got {alpha}")
    from scipy.special import erfc

    out = 0.5 * erfc(1.0 / np.sqrt(2.0 * a))
    return float(out) if out.ndim == 0 else out


def mceliece_capacity(n_neurons, *, all_patterns: bool = False):
    """Largest P for error-free recall as N grows (McEliece, Posner, Rodemich & Venkatesh 1987).

    * ``all_patterns=False`` (default): ``N / (2 ln N)``. Below it, any *given*
      stored pattern is a fixed point with probability -> 1 (so almost every
      pattern is).
    * ``all_patterns=True``: ``N / (4 ln N)``. Below it, *all* P patterns are
      fixed points at once with probability -> 1.

    Both are asymptotic statements (N -> infinity); at finite N, measure.

    >>> round(mceliece_capacity(1000), 1), round(mceliece_capacity(1000, all_patterns=True), 1)
    (72.4, 36.2)
    """
    n = np.asarray(n_neurons, dtype=float)
    if np.any(n < 2):
        raise ValueError(f"n_neurons: expected N >= 2, got {n_neurons}")
    out = n / ((4.0 if all_patterns else 2.0) * np.log(n))
    return float(out) if out.ndim == 0 else out


def one_step_flips(W, patterns) -> np.ndarray:
    """Which bits of each stored pattern flip in one synchronous update.

    Returns a bool array of shape ``(P, N)``: ``True`` where
    ``sync_step(W, xi^mu)`` differs from ``xi^mu`` (ties keep their value).
    """
    Wm = as_weights(W)
    xi = as_patterns(patterns)
    check_same_n(Wm.shape[0], xi, "patterns", f"W of shape {Wm.shape}")
    return _threshold(_fields(Wm, xi.astype(float)), xi) != xi


def bit_error_rate(W, patterns) -> float:
    """Fraction of all bits of the stored patterns that flip in one update.

    Compare with :func:`gaussian_error_rate` for Hebbian weights.

    >>> from hopfield_lib import random_patterns, hebbian
    >>> xi = random_patterns(10, 500, rng=0)
    >>> bit_error_rate(hebbian(xi), xi)
    0.0
    """
    return float(np.mean(one_step_flips(W, patterns)))


def stable_fraction(W, patterns) -> float:
    """Fraction of stored patterns that are fixed points (no bit flips in one update).

    >>> from hopfield_lib import random_patterns, hebbian
    >>> xi = random_patterns(10, 500, rng=0)
    >>> stable_fraction(hebbian(xi), xi)
    1.0
    """
    return float(np.mean(~np.any(one_step_flips(W, patterns), axis=1)))
