"""The one list of lectures (``course.yml``) and every list generated from it.

``course.yml`` at the repository's top names each lecture once: its file stem, title,
a one-line summary, a one-line goal and its part of the course. From it this module
writes the lists that other files show, each between two marker lines:

==============================  ===============================================
``book/_toc.yml``               the book's table of contents (whole file)
``README.md``                   the table of lectures with their practice
``book/intro.md``               the table of lectures of the book's first page
``CONTRIBUTING.md``             the table of lecture files
``course/01_welcome.ipynb``     lecture 1's map of the course (a markdown cell)
==============================  ===============================================

Usage (``make lists`` runs ``update``; ``make test`` runs ``check``)::

    python -m hopfield_course.authoring.lectures update   # rewrite every generated list
    python -m hopfield_course.authoring.lectures check    # exit 1 and name the stale ones

>>> [lecture.number for lecture in lectures()][:3]
[1, 2, 3]
>>> lectures()[0].stem
'01_welcome'
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COURSE_YML = ROOT / "course.yml"
BEGIN = "<!-- begin: generated from course.yml by `make lists`; do not edit by hand -->"
END = "<!-- end: generated from course.yml -->"
PARTS = ("foundations", "memory", "beyond")

__all__ = ["Lecture", "lectures", "parts_sentence", "generated_files", "update", "check", "main"]


@dataclass(frozen=True)
class Lecture:
    """One entry of ``course.yml``; ``number`` is its position (1-based), also the stem's prefix."""

    number: int
    stem: str
    title: str
    summary: str
    goal: str
    part: str

    @property
    def notebook(self) -> str:
        return f"{self.stem}.ipynb"


def _load(path: Path = COURSE_YML) -> dict:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("lectures"), list):
        raise ValueError(f"{path.name}: expected a mapping with a list `lectures`, got {type(data).__name__}")
    return data


def lectures(path: Path = COURSE_YML) -> list[Lecture]:
    """The lectures of ``course.yml``, in order, checked: numbered stems 01, 02, ... and known parts."""
    out = []
    for k, entry in enumerate(_load(path)["lectures"], start=1):
        missing = [key for key in ("stem", "title", "summary", "goal", "part") if not entry.get(key)]
        if missing:
            raise ValueError(f"{path.name}, lecture {k}: missing {', '.join(missing)}")
        stem = str(entry["stem"])
        if not stem.startswith(f"{k:02d}_"):
            raise ValueError(f"{path.name}, lecture {k}: expected a stem starting with {k:02d}_, got {stem!r}")
        if entry["part"] not in PARTS:
            raise ValueError(f"{path.name}, {stem}: expected part in {PARTS}, got {entry['part']!r}")
        out.append(Lecture(k, stem, str(entry["title"]), str(entry["summary"]), str(entry["goal"]), entry["part"]))
    return out


def parts_sentence(items: list[Lecture] | None = None) -> str:
    """'Lectures 1–3 lay the foundations (...), 4–9 study ..., and 10–13 go beyond it (...).'"""
    items = items or lectures()
    described = _load()["parts"]

    def span(part):
        numbers = [lec.number for lec in items if lec.part == part]
        return f"{numbers[0]}–{numbers[-1]}" if len(numbers) > 1 else f"{numbers[0]}"

    return (f"Lectures {span('foundations')} lay the foundations ({described['foundations']}), "
            f"{span('memory')} study {described['memory']}, and {span('beyond')} go beyond it "
            f"({described['beyond']}).")


# --------------------------------------------------------------------------- renderers


def _readme(items):
    rows = ["| # | lecture | what it is about | practice |", "|---|---|---|---|"]
    rows += [f"| {x.number} | [{x.title}](course/{x.notebook}) | {x.summary} | [exercises](exercises/{x.notebook}) |"
             for x in items]
    return "\n".join(rows) + "\n\n" + parts_sentence(items)


def _intro(items):
    rows = ["| # | lecture | practice |", "|---|---|---|"]
    rows += [f"| {x.number} | [{x.title}](../course/{x.notebook}) | [practice {x.number}](../exercises/{x.notebook}) |"
             for x in items]
    return "\n".join(rows) + "\n\n" + parts_sentence(items)


def _contributing(items):
    rows = ["| file | lecture |", "|---|---|"]
    rows += [f"| `{x.notebook}` | {x.title}: {x.summary} |" for x in items]
    return "\n".join(rows)


def _welcome(items):
    rows = ["| # | lecture | what you will be able to do |", "|---|---|---|"]
    rows += [f"| {x.number} | [{x.title}]({x.notebook}) | {x.goal} |" for x in items]
    return "\n".join(rows) + "\n\n" + parts_sentence(items)


def toc_yaml(items=None) -> str:
    """The book's table of contents: the lectures in order, then their practice notebooks without solutions."""
    items = items or lectures()
    lines = ["# Generated from course.yml by `make lists`; do not edit by hand.",
             "# The lectures in order, then the practice notebooks WITHOUT their solutions (exercises/,",
             "# generated from solutions/). Paths are relative to the repository's top folder, the",
             "# book's source folder (see the Makefile's `book`).",
             "format: jb-book", "root: book/intro", "parts:",
             "  - caption: Lectures", "    numbered: false", "    chapters:"]
    lines += [f"      - file: course/{x.stem}" for x in items]
    lines += ["  - caption: Practice (exercises)", "    numbered: false", "    chapters:"]
    lines += [f"      - file: exercises/{x.stem}" for x in items]
    return "\n".join(lines) + "\n"


def _replace_block(text: str, block: str, where: str) -> str:
    if text.count(BEGIN) != 1 or text.count(END) != 1:
        raise ValueError(f"{where}: expected one pair of marker lines {BEGIN!r} ... {END!r}")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n{block}\n{END}{tail}"


def _markdown_file(path: Path, render):
    def build(items):
        return _replace_block(path.read_text(encoding="utf-8"), render(items), path.name)
    return build


def _welcome_notebook(path: Path):
    def build(items):
        import nbformat

        from hopfield_course.authoring.notebooks import _text

        nb = nbformat.read(str(path), as_version=4)
        cells = [c for c in nb.cells if c.cell_type == "markdown" and BEGIN in c.source]
        if len(cells) != 1:
            raise ValueError(f"{path.name}: expected one markdown cell with the marker {BEGIN!r}")
        cells[0].source = _replace_block(cells[0].source, _welcome(items), path.name)
        return _text(nb)
    return build


def generated_files(root: Path = ROOT) -> dict[Path, callable]:
    """Each generated file and the function that renders its new full text from the lectures."""
    return {
        root / "book" / "_toc.yml": toc_yaml,
        root / "README.md": _markdown_file(root / "README.md", _readme),
        root / "book" / "intro.md": _markdown_file(root / "book" / "intro.md", _intro),
        root / "CONTRIBUTING.md": _markdown_file(root / "CONTRIBUTING.md", _contributing),
        root / "course" / "01_welcome.ipynb": _welcome_notebook(root / "course" / "01_welcome.ipynb"),
    }


def stale(root: Path = ROOT) -> list[Path]:
    """The generated files whose lists differ from ``course.yml``."""
    items = lectures(root / "course.yml")
    return [path for path, render in generated_files(root).items()
            if path.read_text(encoding="utf-8") != render(items)]


def update(root: Path = ROOT) -> list[Path]:
    """Rewrite every stale generated list; return the files changed."""
    items = lectures(root / "course.yml")
    changed = []
    for path, render in generated_files(root).items():
        new = render(items)
        if path.read_text(encoding="utf-8") != new:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
    return changed


def check(root: Path = ROOT) -> int:
    """0 if every generated list matches ``course.yml``; else print the stale files and return 1."""
    old = stale(root)
    for path in old:
        print(f"{path.relative_to(root)}: its list of lectures differs from course.yml; run `make lists`")
    return 1 if old else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hopfield_course.authoring.lectures", description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["update", "check"])
    args = parser.parse_args(argv)
    if args.command == "check":
        return check()
    for path in update():
        print(f"updated {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
