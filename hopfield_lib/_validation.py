"""Input checks shared by the public functions.

Every public function of :mod:`hopfield_lib` turns its array arguments into
numpy arrays through these helpers, so that bad input fails early with a
message that says what was expected and what came, instead of a silent
broadcast deep inside numpy.
"""

from __future__ import annotations

import numbers

import numpy as np

__all__ = [
    "as_rng",
    "as_real_array",
    "as_spins",
    "as_patterns",
    "as_weights",
    "as_theta",
    "check_same_n",
]


def _describe(x) -> str:
    """A short description of ``x`` for error messages."""
    if isinstance(x, np.ndarray):
        return f"an array of shape {x.shape} and dtype {x.dtype}"
    return f"{type(x).__name__} {x!r}" if np.isscalar(x) else type(x).__name__


def as_rng(rng) -> np.random.Generator:
    """Return a ``numpy.random.Generator`` from ``rng``.

    ``rng`` may be ``None`` (a fresh, unseeded generator), an ``int`` seed or a
    ``Generator``, which is returned unchanged so that a caller can thread one
    generator through several calls.
    """
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None:
        return np.random.default_rng()
    if isinstance(rng, (numbers.Integral, np.integer)) and not isinstance(rng, bool):
        if rng < 0:
            raise ValueError(f"rng: expected a non-negative int seed, got {rng}")
        return np.random.default_rng(int(rng))
    raise TypeError(
        "rng: expected None, an int seed or a numpy.random.Generator, "
        f"got {_describe(rng)}"
    )


def as_real_array(x, name: str, *, ndim: tuple[int, ...] = (1, 2)) -> np.ndarray:
    """``x`` as a finite real numpy array whose number of dimensions is in ``ndim``."""
    if isinstance(x, (str, bytes)) or x is None or x is Ellipsis:
        raise TypeError(f"{name}: expected a numeric array, got {_describe(x)}")
    try:
        arr = np.asarray(x)
    except Exception as exc:  # ragged lists and the like
        raise TypeError(f"{name}: expected a numeric array, got {_describe(x)} ({exc})") from None
    if arr.dtype == bool or not (
        np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating)
    ):
        raise TypeError(
            f"{name}: expected a real numeric array (int or float), got dtype {arr.dtype}"
        )
    if arr.ndim not in ndim:
        shapes = " or ".join(_SHAPE_WORDS.get(d, f"{d}-D") for d in ndim)
        raise ValueError(f"{name}: expected {shapes}, got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{name}: expected a non-empty array, got shape {arr.shape}")
    if np.issubdtype(arr.dtype, np.floating) and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name}: expected finite values, got NaN or infinity")
    return arr


_SHAPE_WORDS = {0: "a scalar", 1: "a vector of shape (N,)", 2: "a 2-D array"}


def as_spins(x, name: str = "state", *, ndim: tuple[int, ...] = (1, 2)) -> np.ndarray:
    """``x`` as an array whose every entry is -1 or +1.

    The dtype is kept (int or float), so that a learner who passes integers
    gets integers back.
    """
    arr = as_real_array(x, name, ndim=ndim)
    bad = np.abs(arr) != 1
    if np.any(bad):
        wrong = np.unique(arr[bad])[:5]
        raise ValueError(
            f"{name}: expected every value to be -1 or +1, got {wrong.tolist()}"
            + (" (use 2 * x - 1 to turn 0/1 values into -1/+1)" if np.all(np.isin(arr, (0, 1))) else "")
        )
    return arr


def as_patterns(x, name: str = "patterns") -> np.ndarray:
    """``x`` as a ``(P, N)`` array of +-1 patterns, one pattern per row."""
    arr = as_real_array(x, name, ndim=(1, 2))
    if arr.ndim == 1:
        raise ValueError(
            f"{name}: expected a 2-D array of shape (P, N), one pattern per row, "
            f"got shape {arr.shape}; for a single pattern pass pattern[None, :]"
        )
    return as_spins(arr, name, ndim=(2,))


def as_weights(W, name: str = "W") -> np.ndarray:
    """``W`` as a square, finite float matrix of shape ``(N, N)``."""
    arr = as_real_array(W, name, ndim=(2,))
    if arr.shape[0] != arr.shape[1]:
        raise ValueError(f"{name}: expected a square (N, N) matrix, got shape {arr.shape}")
    return arr.astype(float, copy=False)


def as_theta(theta, n: int, name: str = "theta") -> np.ndarray | float:
    """``theta`` as a float or a float vector of shape ``(n,)``."""
    if isinstance(theta, (numbers.Real, np.number)) and not isinstance(theta, (bool, np.bool_)):
        value = float(theta)
        if not np.isfinite(value):
            raise ValueError(f"{name}: expected a finite number, got {value}")
        return value
    arr = as_real_array(theta, name, ndim=(0, 1))
    if arr.ndim == 0:
        return float(arr)
    if arr.shape != (n,):
        raise ValueError(
            f"{name}: expected a scalar or a vector of shape ({n},) to match N = {n}, "
            f"got shape {arr.shape}"
        )
    return arr.astype(float, copy=False)


def check_same_n(n_expected: int, arr: np.ndarray, name: str, against: str) -> None:
    """Raise if the last axis of ``arr`` is not ``n_expected`` long."""
    if arr.shape[-1] != n_expected:
        raise ValueError(
            f"{name}: expected {n_expected} neurons to match {against}, "
            f"got shape {arr.shape} (last axis {arr.shape[-1]})"
        )
