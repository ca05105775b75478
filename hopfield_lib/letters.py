"""Letter images: 26 capital letters drawn on a 10 x 10 grid, as +-1 patterns.

The bitmaps live in ``hopfield_lib/data/letters.txt`` as text ('#' = +1,
'.' = -1), drawn for this course. Letters are strongly correlated with each
other (they share strokes and the blank margin), which is exactly why a
Hebbian network stores far fewer of them than random patterns.
"""

from __future__ import annotations

import string
from functools import lru_cache
from importlib import resources

import numpy as np

__all__ = ["SHAPE", "NAMES", "letter", "letters"]

SHAPE = (10, 10)
"""Height and width of every letter image; ``N = 100``."""

NAMES = string.ascii_uppercase
"""The available letters, ``"ABC...Z"``."""


@lru_cache(maxsize=1)
def _table() -> dict[str, np.ndarray]:
    text = resources.files("hopfield_lib").joinpath("data/letters.txt").read_text(encoding="utf-8")
    table: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        if line.endswith(":"):
            current = line[:-1]
            table[current] = []
        else:
            table[current].append(line)
    out = {}
    for name, rows in table.items():
        img = np.array([[1.0 if c == "#" else -1.0 for c in row] for row in rows])
        if img.shape != SHAPE:
            raise RuntimeError(f"letters.txt: letter {name} has shape {img.shape}, expected {SHAPE}")
        img.setflags(write=False)
        out[name] = img.ravel()
    return out


def letter(name: str) -> np.ndarray:
    """One letter as a +-1 vector of shape ``(100,)`` (a row-major 10 x 10 image).

    >>> letter("T").reshape(SHAPE)[0].tolist() == [-1.0] + [1.0] * 8 + [-1.0]
    True
    """
    if not isinstance(name, str) or name.upper() not in NAMES or len(name) != 1:
        raise ValueError(f"name: expected one letter A-Z, got {name!r}")
    return _table()[name.upper()].copy()


def letters(names: str = NAMES) -> np.ndarray:
    """Several letters as a pattern array of shape ``(len(names), 100)``.

    >>> letters("HOP").shape
    (3, 100)
    """
    if not isinstance(names, str) or not names:
        raise ValueError(f"names: expected a non-empty string of letters A-Z, got {names!r}")
    return np.stack([letter(c) for c in names])
