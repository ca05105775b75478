"""The grader `python -m hopfield_course.grade`: a folder of submissions of practice 1.

tests/fixtures/grade/ holds a solved (alice), an unsolved (bob), a half-solved (carol: two
right, two wrong, one stub whose check cell was deleted) and a crashing (dave) notebook; an
unreadable one is added in the test; tests/fixtures/grade_timeout/ holds one that never
ends (erin). The repository's solutions/01_welcome and exercises/01_welcome are graded in
the same run: every exercise passed, and every exercise "not attempted yet".
"""

import contextlib
import csv
import hashlib
import io
import json
import shutil
import sys
import time
from pathlib import Path

import nbformat
import pytest

from hopfield_course import grade

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
WELCOME = ["welcome.to_spins", "welcome.overlap", "welcome.hamming", "welcome.distance_from_overlap",
           "welcome.flip"]


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def run_main(args):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = grade.main([str(a) for a in args])
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """One grading run over the fixture folder and the repository's practice 1 (6 kernels)."""
    folder = tmp_path_factory.mktemp("submissions")
    shutil.copytree(FIXTURES / "grade", folder, dirs_exist_ok=True)
    (folder / "frank_01_welcome.ipynb").write_text("{ this is not a notebook", encoding="utf-8")
    out_csv = tmp_path_factory.mktemp("out") / "grades.csv"
    before = {"folder": snapshot(folder), "solutions": snapshot(ROOT / "solutions"),
              "exercises": snapshot(ROOT / "exercises")}
    code, table, progress = run_main([folder, ROOT / "solutions" / "01_welcome.ipynb",
                                      ROOT / "exercises" / "01_welcome.ipynb", "--csv", out_csv, "--timeout", "120"])
    with open(out_csv, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    after = {"folder": snapshot(folder), "solutions": snapshot(ROOT / "solutions"),
             "exercises": snapshot(ROOT / "exercises")}
    return {"folder": folder, "csv": out_csv, "code": code, "table": table, "progress": progress, "rows": rows,
            "before": before, "after": after}


def statuses(graded, stem):
    return {r["exercise"]: (r["status"], r["message"]) for r in graded["rows"] if Path(r["notebook"]).stem == stem}


def test_grading_ran(graded):
    assert graded["code"] == 0
    assert graded["progress"].count("grading ") == 7


def test_solved(graded):
    got = statuses(graded, "alice_01_welcome")
    assert list(got) == WELCOME
    assert all(status == "passed" for status, _ in got.values())


def test_unsolved(graded):
    got = statuses(graded, "bob_01_welcome")
    assert list(got) == WELCOME
    assert all(status == "not attempted" and message.startswith("not attempted yet")
               for status, message in got.values())


def test_half_solved(graded):
    got = statuses(graded, "carol_01_welcome")
    assert [s for s, _ in got.values()] == ["passed", "passed", "failed", "failed", "not attempted"]
    assert got["welcome.hamming"][1].startswith("you counted the neurons that agree (N − d)")
    assert got["welcome.distance_from_overlap"][1].startswith("you forgot the ½")
    assert got["welcome.flip"][1] == 'check("welcome.flip", ...) never ran: the notebook has no check cell for it'


def test_crashing(graded):
    got = statuses(graded, "dave_01_welcome")
    assert list(got) == ["(notebook)"] + WELCOME
    status, message = got["(notebook)"]
    assert status == "crashed"
    assert message == "cell 7 (`print(overlap(patterns, s))`) raised NameError: name 'patterns' is not defined"
    assert [s for s, _ in list(got.values())[1:]] == ["passed", "passed", "not reached", "not reached",
                                                      "not reached"]
    assert got["welcome.flip"][1] == "not reached: the notebook crashed before this check"


def test_unreadable(graded):
    got = statuses(graded, "frank_01_welcome")
    assert got["(notebook)"][0] == "unreadable" and "could not read the notebook" in got["(notebook)"][1]
    assert [s for e, (s, _) in got.items() if e != "(notebook)"] == ["not reached"] * 5


def test_repository_solutions_pass_and_exercises_are_not_attempted(graded):
    solved = {r["exercise"]: r["status"] for r in graded["rows"] if r["notebook"].endswith("solutions/01_welcome.ipynb")}
    unsolved = {r["exercise"]: r["status"] for r in graded["rows"]
                if r["notebook"].endswith("exercises/01_welcome.ipynb")}
    assert solved == {e: "passed" for e in WELCOME}
    assert unsolved == {e: "not attempted" for e in WELCOME}


def test_the_table_and_the_csv_agree(graded):
    table, rows = graded["table"], graded["rows"]
    assert table.splitlines()[0].split() == ["notebook", "exercise", "status", "suspicious", "message"]
    assert table.splitlines()[-1] == f"wrote {graded['csv']}"
    data_lines = [line for line in table.splitlines()[2:-2] if line and not line.startswith("  total:")]
    assert len(data_lines) == len(rows)
    for line, row in zip(data_lines, rows):
        assert line.split()[:2] == [row["notebook"], row["exercise"]]
        assert f"  {row['status']}  " in line and line.endswith(row["message"])
        assert f"  {row['suspicious']}  " in line
        assert row["passed"] == ("yes" if row["status"] == "passed" else "no")
    assert list(rows[0]) == ["notebook", "exercise", "status", "passed", "suspicious", "message",
                             "suspicious_reasons"]


def test_honest_submissions_are_not_suspicious(graded):
    """The solved, unsolved, half-solved and crashing submissions, and the repository's practice 1."""
    assert {(r["suspicious"], r["suspicious_reasons"]) for r in graded["rows"]} == {("no", "")}
    assert "suspicious" not in graded["table"].splitlines()[-2]


def test_the_kernel_is_this_python_whatever_python3_kernelspec_is_installed(tmp_path, monkeypatch):
    """A user-level kernelspec `python3` for another interpreter does not break grading."""
    spec = tmp_path / "kernels" / "python3"
    spec.mkdir(parents=True)
    fake = str(tmp_path / "no-such-python")
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [fake, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (another interpreter)", "language": "python"}), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("JUPYTER_PREFER_ENV_PATH", "0")  # the user's kernelspecs first, even in a venv
    assert grade.kernel_command("python3")[0] == fake
    assert grade.kernel_command()[0] == sys.executable
    report = grade.grade_notebook(ROOT / "solutions" / "01_welcome.ipynb", timeout=120)
    assert report.outcome == "completed", report.error
    assert [r.status for r in report.rows] == ["passed"] * 5
    broken = grade.grade_notebook(ROOT / "solutions" / "01_welcome.ipynb", timeout=120, kernel_name="python3")
    assert broken.outcome == "crashed" and broken.error.startswith("could not run the notebook")


def test_totals_per_notebook(graded):
    totals = [line for line in graded["table"].splitlines() if line.startswith("  total:")]
    assert len(totals) == 7
    text = "\n".join(totals)
    assert "alice_01_welcome.ipynb: 5/5 passed (" in text
    assert "bob_01_welcome.ipynb: 0/5 passed, 5 not attempted (" in text
    assert "carol_01_welcome.ipynb: 2/5 passed, 2 failed, 1 not attempted (" in text
    assert "dave_01_welcome.ipynb: 2/5 passed, 3 not reached; notebook crashed (" in text
    assert "frank_01_welcome.ipynb: 0/5 passed, 5 not reached; notebook unreadable (" in text
    assert graded["table"].splitlines()[-2] == "7 notebook(s), 14/35 exercises passed; 1 crashed, 1 unreadable"


def test_nothing_submitted_is_modified(graded):
    assert graded["after"] == graded["before"]


def test_a_notebook_that_never_ends_is_stopped(tmp_path):
    shutil.copytree(FIXTURES / "grade_timeout", tmp_path, dirs_exist_ok=True)
    before = snapshot(tmp_path)
    start = time.monotonic()
    reports = grade.grade([tmp_path], timeout=4)
    assert time.monotonic() - start < 90
    (report,) = reports
    assert report.outcome == "timed out"
    assert report.error == "stopped after the time limit of 4 s, in cell 5 (`i = 0`)"
    assert [(r.exercise, r.status) for r in report.rows] == [("welcome.to_spins", "passed")] + [
        (e, "not reached") for e in WELCOME[1:]]
    assert snapshot(tmp_path) == before


def test_expected_exercises():
    assert grade.expected_exercises("alice_01_welcome.ipynb") == WELCOME
    assert grade.expected_exercises("01_welcome.ipynb") == WELCOME
    assert grade.expected_exercises("notes.ipynb") == []
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('check("welcome.flip", f)\ncheck("x.y", 1)')])
    assert grade.expected_exercises("notes.ipynb", nb) == ["welcome.flip", "x.y"]
    assert grade.expected_exercises("01_welcome.ipynb", nb) == ["welcome.flip", "x.y"] + WELCOME[:-1]


def test_usage_errors_exit_2(tmp_path):
    for args in ([tmp_path / "missing"], [tmp_path], [FIXTURES / "grade", "--timeout", "0"], []):
        with pytest.raises(SystemExit) as info:
            run_main(args)
        assert info.value.code == 2, args
