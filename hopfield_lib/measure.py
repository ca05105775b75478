"""The measurements every lecture shares: one definition each, every criterion a named parameter.

``W`` is ``(N, N)``, the stored patterns ``xi`` are ``(P, N)`` with values +-1.

=======================  ===========================================================
:func:`one_step_flips`   which bits of each stored pattern flip in one update, ``(P, N)``
:func:`bit_error_rate`   the fraction of the ``P N`` stored bits that flip in one update
:func:`stable_fraction`  the fraction of stored patterns that are fixed points
:func:`recall_overlaps`  final overlaps of recall from noisy probes, ``(F, B)``
:func:`recall_rate`      the fraction of noisy probes recalled (overlap ``>= min_overlap``)
:func:`crossing`         where a measured curve first falls below a level (interpolated)
:func:`basin_radius`     the noise at which the recall rate first falls below a level
:func:`largest_load`     the load at which a measured fraction first falls below a level
:func:`patterns_for_loads`  ``P = round(alpha N)`` (at least 1) for each load ``alpha``
=======================  ===========================================================

An update keeps a neuron whose field equals its threshold (the tie rule of
:func:`hopfield_lib.dynamics.sign_or_keep`). Crossings are interpolated
linearly between the two grid points around the first drop, so that a
last-bit change of a measured value moves them by a last bit, not a grid step.
"""

from __future__ import annotations

import numpy as np

from ._validation import (as_int, as_levels, as_number, as_patterns, as_real_array, as_rng, as_theta, as_weights,
                          check_same_n)
from .dynamics import _couplings, recall
from .patterns import corrupt

__all__ = ["one_step_flips", "bit_error_rate", "stable_fraction", "recall_overlaps", "recall_rate", "crossing",
           "basin_radius", "largest_load", "patterns_for_loads"]


def _weights_and_patterns(W, patterns, theta=0.0):
    Wm = as_weights(W)
    xi = as_patterns(patterns)
    check_same_n(Wm.shape[0], xi, "patterns", f"W of shape {Wm.shape}")
    return Wm, xi, as_theta(theta, Wm.shape[0])


def one_step_flips(W, patterns, theta=0.0) -> np.ndarray:
    """Which bits of each stored pattern flip in one synchronous update.

    .. math:: \\text{flip}^\\mu_i = \\big[\\operatorname{sign}(h^\\mu_i - \\theta_i) \\ne \\xi^\\mu_i\\big],
              \\qquad h^\\mu = W \\xi^\\mu ,

    a tie ``h_i = theta_i`` keeps the bit (no flip).

    Parameters
    ----------
    W : array (N, N)
    patterns : array (P, N), values +-1
    theta : float or array (N,), default 0

    Returns
    -------
    bool array of shape (P, N)

    Examples
    --------
    >>> from hopfield_lib import hebbian, random_patterns
    >>> xi = random_patterns(3, 64, rng=0)
    >>> one_step_flips(hebbian(xi), xi).shape, int(one_step_flips(hebbian(xi), xi).sum())
    ((3, 64), 0)
    """
    Wm, xi, th = _weights_and_patterns(W, patterns, theta)
    return _couplings(Wm, th).update(xi) != xi


def bit_error_rate(W, patterns, theta=0.0) -> float:
    """The fraction of the ``P N`` bits of the stored patterns that flip in one update (criterion C5).

    ``mean(one_step_flips(W, patterns, theta))``; for Hebb's rule compare with
    ``capacity.gaussian_error_rate(P / N)``.

    >>> from hopfield_lib import random_patterns, hebbian
    >>> xi = random_patterns(10, 500, rng=0)
    >>> bit_error_rate(hebbian(xi), xi)
    0.0
    """
    return float(np.mean(one_step_flips(W, patterns, theta)))


def stable_fraction(W, patterns, theta=0.0) -> float:
    """The fraction of the stored patterns that are fixed points: no bit flips in one update (C1).

    .. math:: \\frac{1}{P} \\sum_\\mu \\big[\\operatorname{sign}(W\\xi^\\mu - \\theta) = \\xi^\\mu\\big]

    >>> from hopfield_lib import random_patterns, hebbian
    >>> xi = random_patterns(10, 500, rng=0)
    >>> stable_fraction(hebbian(xi), xi)
    1.0
    """
    return float(np.mean(~np.any(one_step_flips(W, patterns, theta), axis=1)))


def recall_overlaps(W, patterns, noise, *, n_probes, max_sweeps, theta=0.0, mode="async", per_pattern=False,
                    rng=None) -> np.ndarray:
    """Final overlaps of recall from noisy probes of the stored patterns, for each noise level.

    For each noise level ``f`` (in order), ``n_probes`` probes are made: probe
    ``b`` is stored pattern ``b mod P`` (the patterns in turn) with exactly
    ``round(f N)`` distinct bits flipped (:func:`hopfield_lib.corrupt`, one call
    per level); with ``per_pattern=True`` every pattern gets ``n_probes``
    probes instead, those of pattern 0 first. All probes of all levels run
    as one batch through :func:`hopfield_lib.recall` (at most ``max_sweeps``
    sweeps); the result is the overlap ``m = xi^mu . s / N`` of each final state
    with the pattern its probe was made from. One generator draws the flips,
    then the update orders.

    Parameters
    ----------
    W : array (N, N)
    patterns : array (P, N), the stored patterns (the targets)
    noise : float or array (F,), fractions of flipped bits in [0, 1]
    n_probes : int >= 1, probes per level (per pattern with ``per_pattern``)
    max_sweeps : int >= 1
    theta : float or array (N,)
    mode : "async" or "sync"
    per_pattern : bool
    rng : None, int or numpy.random.Generator

    Returns
    -------
    float array ``(F, B)`` with ``B = n_probes`` (``P * n_probes`` with ``per_pattern``);
    ``(B,)`` for a scalar ``noise``.

    Examples
    --------
    >>> from hopfield_lib import random_patterns, hebbian
    >>> xi = random_patterns(10, 200, rng=0)
    >>> recall_overlaps(hebbian(xi), xi, [0.1, 0.5], n_probes=4, max_sweeps=20, rng=1).round(2).tolist()
    [[1.0, 1.0, 1.0, 1.0], [0.04, 0.02, -0.06, -0.05]]
    """
    Wm, xi, th = _weights_and_patterns(W, patterns, theta)
    levels = as_levels(noise, "noise", low=0, high=1)
    b = as_int(n_probes, "n_probes")
    p, n = xi.shape
    idx = np.repeat(np.arange(p), b) if per_pattern else np.arange(b) % p
    targets = xi[idx]
    gen = as_rng(rng)
    probes = np.concatenate([corrupt(targets, float(f), rng=gen) for f in levels])
    final = recall(Wm, probes, mode=mode, max_sweeps=max_sweeps, rng=gen, theta=th).state
    m = np.sum(final * np.tile(targets, (levels.size, 1)), axis=1).reshape(levels.size, len(idx)) / n
    return m[0] if np.ndim(noise) == 0 else m


def recall_rate(W, patterns, noise, *, n_probes, min_overlap, max_sweeps, theta=0.0, mode="async",
                per_pattern=False, rng=None):
    """The fraction of noisy probes that the network brings back to their pattern (criteria C6-C9).

    A probe counts as recalled when the final overlap with its pattern is at
    least ``min_overlap``, after at most ``max_sweeps`` sweeps
    (:func:`recall_overlaps` says how the probes are made and run):

    .. math:: \\text{rate}(f) = \\frac{1}{B} \\sum_b \\big[m_b \\ge m_{\\min}\\big] .

    The course's criteria: ``min_overlap=0.9`` (at most 5 % wrong bits; basins,
    lecture 7), ``0.95`` (lecture 8's capacity table), ``1.0`` (exact recall,
    lecture 4). Every caller names its criterion.

    Parameters
    ----------
    W, patterns, noise, n_probes, max_sweeps, theta, mode, rng : see :func:`recall_overlaps`
    min_overlap : float in (-1, 1]
    per_pattern : bool
        One rate per stored pattern (``n_probes`` probes each): a trailing axis ``(P,)``.

    Returns
    -------
    float for a scalar ``noise``; array ``(F,)`` for ``F`` levels (``(P,)`` and
    ``(F, P)`` with ``per_pattern``).

    Examples
    --------
    >>> from hopfield_lib import random_patterns, hebbian
    >>> xi = random_patterns(10, 200, rng=0)
    >>> recall_rate(hebbian(xi), xi, [0.0, 0.2, 0.5], n_probes=20, min_overlap=0.9, max_sweeps=50, rng=1).tolist()
    [1.0, 1.0, 0.0]
    >>> recall_rate(hebbian(xi), xi, 0.1, n_probes=50, min_overlap=0.95, max_sweeps=10, rng=1)
    1.0
    """
    level = as_number(min_overlap, "min_overlap", low=-1, high=1, low_open=True)
    m = recall_overlaps(W, patterns, noise, n_probes=n_probes, max_sweeps=max_sweeps, theta=theta, mode=mode,
                        per_pattern=per_pattern, rng=rng)
    ok = (m >= level).astype(float)
    if per_pattern:
        ok = ok.reshape(ok.shape[:-1] + (-1, as_int(n_probes, "n_probes")))
    rate = ok.mean(axis=-1)
    return float(rate) if np.ndim(rate) == 0 else rate


def crossing(x, y, level, *, log_x=False):
    """Where a measured curve ``y(x)`` first falls below ``level``, interpolated linearly.

    With ``k`` the first index where ``y[k] < level``, the crossing is on the
    straight line between ``(x[k-1], y[k-1])`` and ``(x[k], y[k])``:

    .. math:: x^* = x_{k-1} + \\frac{y_{k-1} - \\text{level}}{y_{k-1} - y_k}\\,(x_k - x_{k-1})

    (in ``log x`` with ``log_x=True``). What the curve does after the first
    drop does not count. NaN where the curve never falls below ``level`` on
    the grid, or is below it already at ``x[0]``: the crossing is not bracketed.

    Parameters
    ----------
    x : array (K,), increasing (positive for ``log_x``)
    y : array (K,), or (R, K) for R curves
    level : float

    Returns
    -------
    float, or array (R,)

    Examples
    --------
    >>> round(crossing([0.1, 0.2, 0.3], [1.0, 0.95, 0.75], 0.9), 3)
    0.225
    >>> crossing([1, 2, 3], [[1.0, 0.5, 0.0], [0.4, 0.2, 0.1]], 0.75).tolist()
    [1.5, nan]
    """
    xs = as_levels(x, "x", low=0 if log_x else None, low_open=True)
    if np.any(np.diff(xs) < 0):
        raise ValueError(f"x: expected increasing values, got {xs.tolist() if xs.size <= 8 else xs}")
    ys = as_real_array(y, "y", ndim=(1, 2)).astype(float)
    if ys.shape[-1] != xs.size:
        raise ValueError(f"y: expected {xs.size} values per curve to match x, got shape {ys.shape}")
    lv = as_number(level, "level")
    curves = ys.reshape(-1, xs.size)
    below = curves < lv
    first = np.where(below.any(axis=1), below.argmax(axis=1), 0)
    out = np.full(curves.shape[0], np.nan)
    rows = np.flatnonzero(first > 0)
    k = first[rows]
    u = np.log(xs) if log_x else xs
    y0, y1 = curves[rows, k - 1], curves[rows, k]
    at = u[k - 1] + (y0 - lv) / (y0 - y1) * (u[k] - u[k - 1])
    out[rows] = np.exp(at) if log_x else at
    return float(out[0]) if ys.ndim == 1 else out


def _crossing_or_last(x, y, level):
    """:func:`crossing`, but ``x[-1]`` (a lower bound) where the curve never falls below ``level``."""
    out = np.atleast_1d(crossing(x, y, level))
    curves = np.asarray(y, dtype=float).reshape(out.size, -1)
    out[np.all(curves >= level, axis=1)] = float(np.asarray(x, dtype=float)[-1])
    return out


def basin_radius(noise, rate, level):
    """The basin radius: the noise level at which the recall rate first falls below ``level``.

    :func:`crossing` of the curve ``rate(noise)`` (e.g. from :func:`recall_rate`),
    interpolated between the two noise levels around the first drop; a later
    level that climbs back above ``level`` does not count (the basin is what is
    reached without a gap). Where the rate never falls below ``level`` the
    radius is at least the largest noise tried: ``noise[-1]``; where it is
    below already at the smallest noise, there is no basin on this grid: NaN.

    Parameters
    ----------
    noise : array (F,), strictly increasing
    rate : array (F,), or (A, F) for one curve per row (e.g. per load)
    level : float in (0, 1], e.g. 0.9 (lecture 7) or 0.5 (lecture 8)

    Returns
    -------
    float, or array (A,)

    Examples
    --------
    >>> f = [0.0, 0.1, 0.2, 0.3, 0.4]
    >>> round(basin_radius(f, [1.0, 0.95, 0.6, 0.92, 0.0], 0.9), 4)
    0.1143
    >>> basin_radius(f, [[1, 1, 1, 1, 1], [0.5, 0, 0, 0, 0]], 0.9).tolist()
    [0.4, nan]
    """
    as_number(level, "level", low=0, high=1, low_open=True)
    out = _crossing_or_last(noise, rate, level)
    return float(out[0]) if np.ndim(rate) == 1 else out


def largest_load(loads, fractions, level) -> float:
    """The load at which a measured fraction first falls below ``level``, interpolated linearly.

    ``fractions`` is one curve ``(L,)`` or one per seed ``(S, L)``, averaged over
    seeds first; then :func:`crossing`. Where the averaged curve never falls
    below ``level`` the result is ``loads[-1]`` (the true value is at least
    that); where the first load already fails, NaN. Rounded to 12 decimals.

    Parameters
    ----------
    loads : array (L,), strictly increasing
    fractions : array (L,) or (S, L), e.g. :func:`stable_fraction` per load
    level : float in [0, 1], e.g. 0.95 (lecture 8)

    Examples
    --------
    >>> largest_load([0.1, 0.2, 0.3, 0.4], [1.0, 0.97, 0.87, 0.96], 0.95)
    0.22
    >>> largest_load([0.1, 0.2], [[1.0, 0.9], [1.0, 1.0]], 0.95)   # averaged: [1.0, 0.95]
    0.2
    """
    f = as_real_array(fractions, "fractions", ndim=(1, 2)).astype(float)
    lv = as_number(level, "level", low=0, high=1)
    return float(round(_crossing_or_last(loads, f.mean(axis=0) if f.ndim == 2 else f, lv)[0], 12))


def patterns_for_loads(loads, n_neurons) -> np.ndarray:
    """The number of patterns ``P = max(1, round(alpha N))`` for each load ``alpha > 0``.

    >>> patterns_for_loads([0.01, 0.05, 0.138], 200).tolist()
    [2, 10, 28]
    """
    n = as_int(n_neurons, "n_neurons")
    a = as_levels(loads, "loads", low=0, low_open=True)
    return np.maximum(1, np.round(a * n)).astype(int)
