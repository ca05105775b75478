"""Probes: the cues a memory is recalled from (noisy copies, partly hidden images).

A Hopfield network is content-addressable: it is started from a *probe*, a
damaged version of a stored pattern, and its dynamics complete it. Two kinds
of damage are used in the course:

* noise: a given fraction of the neurons flipped at random
  (:func:`noisy_probes`, many at once, built on :func:`hopfield_lib.corrupt`);
* occlusion: part of an image hidden, i.e. replaced by blank paper, ink or
  random pixels (:func:`occlude`).
"""

from __future__ import annotations

import numpy as np

from hopfield_lib._validation import as_choice, as_int, as_number, as_patterns, as_rng, as_spins
from hopfield_lib.patterns import corrupt
from hopfield_lib.plotting import image_shape

__all__ = ["PARTS", "occlude", "noisy_probes"]

PARTS = ("bottom", "top", "left", "right")
"""The parts of an image :func:`occlude` can hide."""


def occlude(state, shape=None, *, part: str = "bottom", fraction: float = 0.5, fill=-1.0, rng=None):
    """A copy of an image with a part hidden: the bottom (top, left, right) ``fraction`` of it.

    The hidden pixels are set to ``fill``: ``-1`` (blank paper, the default),
    ``+1`` (ink) or ``"random"`` (each pixel ±1 with probability 1/2, drawn
    from ``rng``). With ``part="bottom"`` and ``fraction=0.5`` the probe shows
    only the top half of the image.

    Parameters
    ----------
    state : array of shape (N,) or a batch (B, N), values +-1
        Images stored row by row (as :mod:`hopfield_lib.letters` does).
    shape : (height, width), optional
        The image shape; a square is assumed when omitted.
    part : "bottom", "top", "left" or "right"
    fraction : float in [0, 1]
        The fraction of rows (bottom, top) or columns (left, right) hidden,
        rounded to a whole number of them.
    fill : -1, +1 or "random"
    rng : None, int or numpy.random.Generator
        Only used by ``fill="random"``.

    Returns
    -------
    numpy.ndarray of the shape and dtype of ``state`` (a new array)

    Examples
    --------
    >>> from hopfield_lib import letters
    >>> t = letters.letter("T")
    >>> probe = occlude(t, part="bottom")            # only the top 5 rows of the T are left
    >>> bool(np.all(probe.reshape(10, 10)[5:] == -1)), bool(np.array_equal(probe[:50], t[:50]))
    (True, True)
    """
    s = as_spins(state, "state")
    n = s.shape[-1]
    h, w = image_shape(n, shape)
    as_choice(part, "part", PARTS)
    fraction = as_number(fraction, "fraction", low=0, high=1)
    out = s.copy()
    img = out.reshape(-1, h, w)
    rows = int(round(fraction * h))
    cols = int(round(fraction * w))
    region = {
        "bottom": (slice(h - rows, h), slice(None)),
        "top": (slice(0, rows), slice(None)),
        "left": (slice(None), slice(0, cols)),
        "right": (slice(None), slice(w - cols, w)),
    }[part]
    target = img[(slice(None),) + region]
    if isinstance(fill, str):
        if fill != "random":
            raise ValueError(f"fill: expected -1, +1 or 'random', got {fill!r}")
        values = np.where(as_rng(rng).random(target.shape) < 0.5, -1, 1)
    elif fill in (-1, 1) and not isinstance(fill, bool):
        values = fill
    else:
        raise ValueError(f"fill: expected -1, +1 or 'random', got {fill!r}")
    img[(slice(None),) + region] = values
    return out


def noisy_probes(patterns, n_per_pattern: int, fraction: float, *, rng=None):
    """``n_per_pattern`` noisy copies of every pattern, each with its own random flips.

    Every copy has exactly ``round(fraction * N)`` neurons flipped (see
    :func:`hopfield_lib.corrupt`), chosen independently for each copy.

    Parameters
    ----------
    patterns : array of shape (P, N), values +-1
    n_per_pattern : int >= 1
    fraction : float in [0, 1]
    rng : None, int or numpy.random.Generator

    Returns
    -------
    probes : array (P * n_per_pattern, N)
        The copies of pattern 0 first, then those of pattern 1, ...
    targets : int array (P * n_per_pattern,)
        The index of the pattern each probe was made from.

    Examples
    --------
    >>> from hopfield_lib import letters
    >>> probes, targets = noisy_probes(letters.letters("AB"), 3, 0.1, rng=0)
    >>> probes.shape, targets.tolist()
    ((6, 100), [0, 0, 0, 1, 1, 1])
    >>> np.sum(probes != letters.letters("AB")[targets], axis=1).tolist()   # 10 flips each
    [10, 10, 10, 10, 10, 10]
    """
    xi = as_patterns(patterns)
    k = as_int(n_per_pattern, "n_per_pattern")
    targets = np.repeat(np.arange(xi.shape[0]), k)
    return corrupt(xi[targets], fraction, rng=rng), targets
