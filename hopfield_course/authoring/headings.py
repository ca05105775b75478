"""Split markdown cells so that every section heading starts its own cell (and slide).

The slide decks are cut by the cells' ``slideshow.slide_type``: a cell that starts with
a ``#``/``##`` heading starts a slide, one that starts with ``###`` a sub-slide. A
heading in the *middle* of a markdown cell (after the closing remarks of the previous
section) therefore starts no slide, and its section runs on inside the previous slide.

Usage (from the repository's top folder)::

    python -m hopfield_course.authoring.headings --check [NOTEBOOK ...]   # list such headings, exit 1 if any
    python -m hopfield_course.authoring.headings NOTEBOOK ...             # split those cells in place

The default is every lecture, ``course/*.ipynb``. Splitting changes no text: the cell is
cut just before each heading line (outside fenced code), the part before it keeps the
cell's id and metadata, and each new cell gets the id ``<id>-s<k>``, the cell's tags and
the slide type of its heading (``#``/``##``: slide, ``###``: subslide, deeper: ``-``).
Markdown cells have no outputs, so stored outputs and nbval are unaffected; run
``make strip`` (or ``python -m hopfield_course.authoring.notebooks strip``) afterwards as always.
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
HEADING = re.compile(r"^(#{1,6})\s+\S")
FENCE = re.compile(r"^\s*(```|~~~)")
SLIDE_TYPE = {1: "slide", 2: "slide", 3: "subslide"}


def heading_breaks(source: str) -> list[int]:
    """Line numbers (> 0) of the headings inside a markdown source, outside fenced code."""
    breaks, fenced = [], False
    for k, line in enumerate(source.split("\n")):
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced and k > 0 and HEADING.match(line):
            breaks.append(k)
    return breaks


def split_cell(cell) -> list:
    """The cell cut before each inner heading (one cell if it has none)."""
    lines = cell.source.split("\n")
    cuts = heading_breaks(cell.source)
    if cell.cell_type != "markdown" or not cuts:
        return [cell]
    pieces = [lines[a:b] for a, b in zip([0] + cuts, cuts + [len(lines)], strict=True)]
    cells = []
    for k, piece in enumerate(pieces):
        new = copy.deepcopy(cell)
        while piece and not piece[-1].strip():
            piece = piece[:-1]
        new.source = "\n".join(piece)
        if k:
            base = cell.get("id", "cell")[:58]
            new["id"] = f"{base}-s{k}"
            level = len(HEADING.match(piece[0]).group(1))
            new.metadata["slideshow"] = {"slide_type": SLIDE_TYPE.get(level, "-")}
        cells.append(new)
    return cells


def split_notebook(nb):
    """A copy of ``nb`` with every markdown cell split at its inner headings."""
    nb = copy.deepcopy(nb)
    nb.cells = [piece for cell in nb.cells for piece in split_cell(cell)]
    return nb


def inner_headings(nb) -> list[tuple[int, str]]:
    """(cell index, heading line) of every heading that does not start its markdown cell."""
    found = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            lines = cell.source.split("\n")
            found += [(i, lines[k]) for k in heading_breaks(cell.source)]
    return found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--check", action="store_true", help="only list inner headings; exit 1 if any")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted((ROOT / "course").glob("[0-9][0-9]_*.ipynb"))
    status = 0
    for path in paths:
        nb = nbformat.read(str(path), as_version=4)
        found = inner_headings(nb)
        for i, line in found:
            print(f"{path}: cell {i}: {line}")
        if found and args.check:
            status = 1
        elif found:
            from hopfield_course.authoring.notebooks import normalize, write

            write(normalize(split_notebook(nb)), path)
            print(f"{path}: split {len(found)} heading(s) into their own cells")
    return status


if __name__ == "__main__":
    sys.exit(main())
