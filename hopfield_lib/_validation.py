"""Input checks shared by every public function: one set, one exception policy.

Every public function of :mod:`hopfield_lib` (and of its experiments) turns its
arguments into numbers and numpy arrays through these helpers, so that bad input
fails early, instead of as a silent broadcast deep inside numpy. The policy:

* a value of the wrong **type** (a string for a number, a float for a count, a
  bool for an int) raises :class:`TypeError`;
* a value of the right type but a wrong **value** (out of range, wrong shape,
  NaN, a spin that is not +-1) raises :class:`ValueError`;
* the message names the parameter, what was expected and what came:
  ``"n_probes: expected an int >= 1, got 0"``.

>>> as_int(3, "n_probes")
3
>>> as_int(0, "n_probes")
Traceback (most recent call last):
...
ValueError: n_probes: expected an int >= 1, got 0
>>> as_number("0.1", "noise", low=0, high=1)
Traceback (most recent call last):
...
TypeError: noise: expected a number in [0, 1], got str '0.1'
"""

from __future__ import annotations

import numbers

import numpy as np

__all__ = [
    "as_int",
    "as_number",
    "as_bool",
    "as_choice",
    "as_levels",
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


def _range_words(low, high, low_open: bool, high_open: bool) -> str:
    """``"in [0, 1]"``, ``">= 1"``, ``"> 0"``, ... for error messages."""
    fmt = lambda v: f"{v:g}" if isinstance(v, float) else str(v)  # noqa: E731
    if low is not None and high is not None:
        return f"in {'(' if low_open else '['}{fmt(low)}, {fmt(high)}{')' if high_open else ']'}"
    if low is not None:
        return f"{'>' if low_open else '>='} {fmt(low)}"
    if high is not None:
        return f"{'<' if high_open else '<='} {fmt(high)}"
    return ""


def _in_range(v, low, high, low_open: bool, high_open: bool) -> bool:
    if low is not None and (v <= low if low_open else v < low):
        return False
    if high is not None and (v >= high if high_open else v > high):
        return False
    return True


def as_int(value, name: str, *, minimum: int | None = 1, maximum: int | None = None, odd: bool = False) -> int:
    """``value`` as a Python int in ``[minimum, maximum]`` (odd if ``odd``).

    numpy integers are accepted; bools, floats (even ``3.0``) and strings are
    not (:class:`TypeError`). ``minimum=None`` allows any int below ``maximum``.

    >>> as_int(np.int64(5), "k", maximum=10)
    5
    >>> as_int(True, "k")
    Traceback (most recent call last):
    ...
    TypeError: k: expected an int >= 1, got bool True
    """
    words = ("an odd int" if odd else "an int") + (
        " " + _range_words(minimum, maximum, False, False) if minimum is not None or maximum is not None else "")
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Integral, np.integer)):
        raise TypeError(f"{name}: expected {words}, got {_describe(value)}")
    v = int(value)
    if not _in_range(v, minimum, maximum, False, False) or (odd and v % 2 == 0):
        raise ValueError(f"{name}: expected {words}, got {v}")
    return v


def as_number(value, name: str, *, low=None, high=None, low_open: bool = False, high_open: bool = False,
              allow_inf: bool = False) -> float:
    """``value`` as a finite float in the range ``low .. high`` (bounds included unless ``*_open``).

    ``allow_inf`` admits ``+-inf`` (e.g. ``beta = inf``, zero temperature);
    NaN is never admitted.

    >>> as_number(1, "beta", low=0, low_open=True)
    1.0
    >>> as_number(-0.1, "dt", low=0, low_open=True)
    Traceback (most recent call last):
    ...
    ValueError: dt: expected a number > 0, got -0.1
    """
    words = "a number" + (" " + _range_words(low, high, low_open, high_open) if low is not None or high is not None
                          else "")
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Real, np.integer, np.floating)):
        raise TypeError(f"{name}: expected {words}, got {_describe(value)}")
    v = float(value)
    if np.isnan(v) or (np.isinf(v) and not allow_inf):
        raise ValueError(f"{name}: expected {'a finite ' + words[2:] if not allow_inf else words}, got {v}")
    if not _in_range(v, low, high, low_open, high_open):
        raise ValueError(f"{name}: expected {words}, got {value}")
    return v


def as_bool(value, name: str) -> bool:
    """``value`` as a bool: only ``True``/``False`` (and numpy bools) are accepted.

    >>> as_bool(np.True_, "cyclic")
    True
    """
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name}: expected True or False, got {_describe(value)}")
    return bool(value)


def as_choice(value, name: str, choices) -> str:
    """``value`` if it is one of ``choices`` (strings), else :class:`ValueError` listing them.

    >>> as_choice("sync", "mode", ("async", "sync"))
    'sync'
    """
    if not isinstance(value, str):
        raise TypeError(f"{name}: expected one of {tuple(choices)}, got {_describe(value)}")
    if value not in choices:
        raise ValueError(f"{name}: expected one of {tuple(choices)}, got {value!r}")
    return value


def as_levels(values, name: str, *, low=None, high=None, low_open: bool = False, high_open: bool = False,
              increasing: bool = False) -> np.ndarray:
    """A number or a sequence of numbers as a 1-D float array ``(K,)``, each in the range.

    Used for noise levels, loads, temperatures. ``increasing=True`` requires
    strictly increasing values.

    >>> as_levels(0.1, "noise", low=0, high=1).tolist()
    [0.1]
    >>> as_levels([0.2, 0.1], "noise", increasing=True)
    Traceback (most recent call last):
    ...
    ValueError: noise: expected strictly increasing values, got [0.2, 0.1]
    """
    arr = as_real_array(values, name, ndim=(0, 1)).astype(float).reshape(-1)
    if not all(_in_range(v, low, high, low_open, high_open) for v in arr.tolist()):
        raise ValueError(f"{name}: expected values {_range_words(low, high, low_open, high_open)}, "
                         f"got {arr.tolist() if arr.size <= 8 else arr}")
    if increasing and np.any(np.diff(arr) <= 0):
        raise ValueError(f"{name}: expected strictly increasing values, got {arr.tolist() if arr.size <= 8 else arr}")
    return arr


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
