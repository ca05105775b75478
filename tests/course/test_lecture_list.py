"""course.yml is the one list of lectures: every file and every generated list agrees with it."""

import re
from pathlib import Path

import nbformat
import pytest

from hopfield_course.authoring import lectures as L

ROOT = Path(__file__).resolve().parents[2]
LECTURES = L.lectures()


def test_every_generated_list_is_up_to_date():
    stale = [str(p.relative_to(ROOT)) for p in L.stale()]
    assert not stale, f"out of date with course.yml (run `make lists`): {stale}"


def test_the_lecture_files_are_exactly_those_of_course_yml():
    listed = [lec.notebook for lec in LECTURES]
    for folder in ("course", "solutions", "exercises"):
        found = sorted(p.name for p in (ROOT / folder).glob("*.ipynb") if not p.name.endswith(".backup.ipynb"))
        assert found == listed, f"{folder}/ holds {found}, course.yml lists {listed}"


@pytest.mark.parametrize("lec", LECTURES, ids=lambda lec: lec.stem)
def test_each_notebook_is_titled_as_listed(lec):
    first = nbformat.read(str(ROOT / "course" / lec.notebook), as_version=4).cells[0].source.splitlines()[0]
    assert first.startswith(f"# Lecture {lec.number}: {lec.title}"), f"course/{lec.notebook} starts {first!r}"
    first = nbformat.read(str(ROOT / "solutions" / lec.notebook), as_version=4).cells[0].source.splitlines()[0]
    assert first.startswith(f"# Practice {lec.number}: "), f"solutions/{lec.notebook} starts {first!r}"


def test_the_design_documents_arc_follows_course_yml():
    text = (ROOT / "docs" / "design.md").read_text(encoding="utf-8")
    arc = text.split("## The arc", 1)[1].split("\n## ", 1)[0]
    items = re.findall(r"^(\d+)\. \*\*(.+?)\*\*", arc, flags=re.M)
    assert [(int(n), t) for n, t in items] == [(lec.number, lec.title) for lec in LECTURES]


def test_a_broken_course_yml_is_refused_with_a_clear_message(tmp_path):
    bad = tmp_path / "course.yml"
    bad.write_text("parts: {foundations: a, memory: b, beyond: c}\nlectures:\n"
                   "  - {stem: 02_x, title: X, summary: s, goal: g, part: memory}\n")
    with pytest.raises(ValueError, match="expected a stem starting with 01_"):
        L.lectures(bad)
    bad.write_text("lectures:\n  - {stem: 01_x, title: X, summary: s, goal: g, part: elsewhere}\n")
    with pytest.raises(ValueError, match="expected part in"):
        L.lectures(bad)
