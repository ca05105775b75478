"""The grader's `suspicious` flag: a submission that takes its answers from the library's reference
solutions (or writes the grader's log itself) is graded as usual and flagged for the teacher.

tests/fixtures/grade_suspicious/ holds gina (every answer from `EXERCISES[id].solution()` but two
written by hand) and hank (one answer from `hopfield_course.checks.solution`, the other four forged
in the grader's log): both "pass" every exercise, and both are flagged. The honest submissions
of tests/fixtures/grade/ and every practice notebook of the repository are never flagged.
"""

import contextlib
import csv
import io
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from hopfield_course import grade

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
PRACTICE = sorted((ROOT / "solutions").glob("*.ipynb")) + sorted((ROOT / "exercises").glob("*.ipynb"))
HONEST = sorted((FIXTURES / "grade").glob("*.ipynb")) + sorted((FIXTURES / "grade_timeout").glob("*.ipynb"))

GINA = [
    "cell 2 (`from hopfield_course.checks import check, hint, EXERCISES`): imports EXERCISES from hopfield_course.checks",
    'cell 3 (`to_spins = EXERCISES["welcome.to_spins"].solution()`): calls solution(), uses EXERCISES',
    'cell 5 (`overlap = EXERCISES["welcome.overlap"].solution()`): calls solution(), uses EXERCISES',
    'cell 9 (`n_differ = EXERCISES["welcome.distance_from_overlap"].sol...`): calls solution(), uses EXERCISES',
]
HANK = [
    "cell 2 (`from hopfield_course.checks import check, hint, solution`): imports solution from hopfield_course.checks",
    'cell 3 (`to_spins = solution("welcome.to_spins")`): calls solution()',
    'cell 5 (`with open(os.environ["HOPFIELD_GRADE_LOG"], "a") as log:`): mentions HOPFIELD_GRADE_LOG',
]


@pytest.mark.parametrize("path", PRACTICE + HONEST, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_course_and_honest_submissions_are_not_flagged(path):
    assert grade.suspicious_code(nbformat.read(str(path), as_version=4)) == []


def test_the_fixtures_are_flagged_with_their_reasons():
    assert grade.suspicious_code(nbformat.read(str(FIXTURES / "grade_suspicious" / "gina_01_welcome.ipynb"), 4)) == GINA
    assert grade.suspicious_code(nbformat.read(str(FIXTURES / "grade_suspicious" / "hank_01_welcome.ipynb"), 4)) == HANK


def _one_cell(source):
    return new_notebook(cells=[new_markdown_cell("EXERCISES and solution() in markdown do not count"),
                               new_code_cell(source)])


@pytest.mark.parametrize("source, reason", [
    ('flip = EXERCISES["welcome.flip"].solution()', "calls solution(), uses EXERCISES"),
    ('from hopfield_course.checks import solution as answer_of', "imports solution from hopfield_course.checks"),
    ('f = hl.checks.solution("welcome.flip")', "calls solution()"),
    ('get = hl.checks.EXERCISES["welcome.flip"].solution', "uses .solution, uses EXERCISES"),
    ("import hopfield_course.checks as hc\nflip = hc.EXERCISES", "uses EXERCISES"),
    ("from hopfield_course.checks import *", "imports * from hopfield_course.checks"),
    ("from hopfield_course.checks.p01_welcome import flip", "imports from hopfield_course.checks.p01_welcome"),
    ("import hopfield_course.checks.p01_welcome", "imports hopfield_course.checks.p01_welcome"),
    ("to_spins = hl.checks.p01_welcome.to_spins", "uses hopfield_course.checks.p01_welcome"),
    ('m = importlib.import_module("hopfield_course.checks.p01_welcome")', "uses hopfield_course.checks.p01_welcome"),
    ('exec("from hopfield_course.checks import EXERCISES")', "uses EXERCISES"),
    ('import os\nlog = os.environ["HOPFIELD_GRADE_LOG"]', "mentions HOPFIELD_GRADE_LOG"),
    ("!echo '{}' >> $HOPFIELD_GRADE_LOG", "mentions HOPFIELD_GRADE_LOG"),
    ("from hopfield_course.checks._core import GRADE_LOG_ENV", "mentions GRADE_LOG_ENV, imports from hopfield_course.checks._core"),
    ("def broken(:\n    return EXERCISES", "uses EXERCISES"),
])
def test_what_is_flagged(source, reason):
    (found,) = grade.suspicious_code(_one_cell(source))
    assert found.startswith("cell 2 (`") and found.endswith("`): " + reason), found


@pytest.mark.parametrize("source", [
    "from hopfield_course.checks import check, hint",
    'check("welcome.flip", flip)\nhint("welcome.flip")',
    'hl.checks.check("welcome.flip", flip)\nhl.checks.hint("welcome.flip", 2)',
    "def my_solution(x):\n    return x\n\nmy_solution(1)",
    "checks = {'a': 1}\nprint(checks.items())",
    "# the solution (mine) comes below\nsolution_text = 'EXERCISE 3'",
])
def test_what_is_not_flagged(source):
    assert grade.suspicious_code(_one_cell(source)) == []


@pytest.fixture(scope="module")
def flagged(tmp_path_factory):
    """One grading run over the two suspicious fixtures (2 kernels)."""
    out_csv = tmp_path_factory.mktemp("out") / "grades.csv"
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = grade.main([str(FIXTURES / "grade_suspicious"), "--csv", str(out_csv), "--timeout", "120"])
    with open(out_csv, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return {"code": code, "table": out.getvalue(), "rows": rows}


def test_flagged_submissions_are_graded_as_usual(flagged):
    assert flagged["code"] == 0
    assert [(Path(r["notebook"]).stem, r["status"]) for r in flagged["rows"]] == (
        [("gina_01_welcome", "passed")] * 5 + [("hank_01_welcome", "passed")] * 5)


def test_flagged_in_the_csv(flagged):
    for row in flagged["rows"]:
        assert row["suspicious"] == "yes"
        expected = GINA if row["notebook"].endswith("gina_01_welcome.ipynb") else HANK
        assert row["suspicious_reasons"] == "; ".join(expected)


def test_flagged_in_the_table(flagged):
    lines = flagged["table"].splitlines()
    assert lines[0].split() == ["notebook", "exercise", "status", "suspicious", "message"]
    rows = [line for line in lines[2:] if line.startswith(str(FIXTURES))]
    assert len(rows) == 10 and all("  passed  yes  " in line for line in rows)
    notes = [line for line in lines if line.startswith("  suspicious")]
    prefix = ("  suspicious (answers may come from the reference solutions or a forged log; "
              "look at these cells): ")
    assert notes == [prefix + "; ".join(GINA), prefix + "; ".join(HANK)]
    assert lines[-2] == "2 notebook(s), 10/10 exercises passed; 2 suspicious (see the suspicious column)"
