"""Real image sets that ship with an installed package (no download).

* :func:`digits`: the 1,797 handwritten digits (8 x 8 pixels, grey levels
  0-16) of the UCI optical-recognition data set, as shipped by scikit-learn
  (``sklearn.datasets.load_digits``; E. Alpaydin & C. Kaynak, 1998, CC BY 4.0).

Real images are correlated and, once binarised, biased (far more background
than ink): exactly what the classical Hebbian network handles badly.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ._validation import as_int

__all__ = ["DIGIT_SHAPE", "digits", "digit_prototypes"]

DIGIT_SHAPE = (8, 8)
"""Height and width of a digit image; ``N = 64``."""


@lru_cache(maxsize=1)
def _load():
    from sklearn.datasets import load_digits

    data = load_digits()
    images = data.images.reshape(len(data.images), -1).astype(float)
    images.setflags(write=False)
    labels = data.target.astype(int)
    labels.setflags(write=False)
    return images, labels


def digits(kind: str = "binary", *, threshold: float = 8.0):
    """The digits as ``(images, labels)``: images ``(1797, 64)``, labels ``(1797,)`` in 0-9.

    Parameters
    ----------
    kind : "binary" or "grey"
        ``"binary"``: +-1 patterns, +1 where the grey level exceeds ``threshold``
        (about 29 % of the pixels at the default). ``"grey"``: grey levels scaled
        to [-1, 1] (``level / 8 - 1``), for continuous and modern networks.
    threshold : float
        Grey level (0-16) above which a pixel is ink, for ``kind="binary"``.

    Examples
    --------
    >>> images, labels = digits()
    >>> images.shape, labels.shape
    ((1797, 64), (1797,))
    >>> sorted(np.unique(images).tolist())
    [-1.0, 1.0]
    """
    if kind not in ("binary", "grey"):
        raise ValueError(f'kind: expected "binary" or "grey", got {kind!r}')
    raw, labels = _load()
    if kind == "binary":
        images = np.where(raw > threshold, 1.0, -1.0)
    else:
        images = raw / 8.0 - 1.0
    return images, labels.copy()


def digit_prototypes(kind: str = "binary", *, per_class: int = 1, threshold: float = 8.0) -> np.ndarray:
    """The first ``per_class`` images of each digit 0-9, ordered 0, 1, ..., 9 (then repeated).

    Returns an array of shape ``(10 * per_class, 64)``.

    >>> digit_prototypes().shape
    (10, 64)
    """
    per_class = as_int(per_class, "per_class")
    images, labels = digits(kind, threshold=threshold)
    picks = [np.flatnonzero(labels == d)[:per_class] for d in range(10)]
    order = np.array(picks).T.ravel()  # 0..9, then the second of each, ...
    return images[order]
