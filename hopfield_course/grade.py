"""The grader: run submitted practice notebooks and tabulate every exercise check.

Usage (``make grade SUBMISSIONS=folder CSV=grades.csv`` runs the same)::

    python -m hopfield_course.grade PATH... [--csv FILE] [--timeout SECONDS]

``PATH`` is a notebook or a folder (searched recursively; ``.ipynb_checkpoints``
and the generator's ``*.backup.ipynb`` copies are skipped). Each notebook is
read into memory and executed top to bottom in a fresh kernel of the Python
that runs the grader (``sys.executable``, whatever kernelspec named ``python3``
the user has installed elsewhere; ``--kernel NAME`` picks a named kernelspec
instead), in the notebook's own folder so that relative paths work, with a
time limit for the whole notebook (``--timeout``, default 300 s). The file
itself is never written: nothing in a submission is modified.

Every ``check(id, answer)`` in the notebook appends its result to a log the
grader names in the environment variable ``HOPFIELD_GRADE_LOG`` (see
:func:`hopfield_course.checks._core.log_for_grader`). The expected exercises of a
notebook are those registered for it (``exercises_for``: its file stem, or a
practice notebook name inside it, so ``alice_04_hebbian_storage.ipynb`` counts
as ``04_hebbian_storage``) and every ``check("...")`` id in its source. Each
gets one row:

=================  ===========================================================
status             meaning
=================  ===========================================================
``passed``         the last check of it passed
``failed``         the last check of it failed (the message says why)
``not attempted``  still the stub, or its check never ran in a notebook that finished
``not reached``    the notebook crashed or timed out before its check
=================  ===========================================================

A notebook that crashes, times out or cannot be read gets an extra row
(exercise ``(notebook)``, status ``crashed`` / ``timed out`` / ``unreadable``)
naming the cell and the error; the other notebooks are graded as usual. The
table ends each notebook with its totals. ``--csv FILE`` writes the same rows
(columns notebook, exercise, status, passed, suspicious, message,
suspicious_reasons; no total lines).

Grading is honour-based: the checks run in the learner's own kernel, so a
notebook can pass by asking the library for the reference answers. The grader
does not fail such a notebook; it marks it **suspicious** (column
``suspicious``: ``yes``, with the cells and reasons under the notebook's
totals and in ``suspicious_reasons``) for the teacher to look at, when a code
cell (see :func:`suspicious_code`)

* calls ``.solution(...)`` or ``solution(...)`` (an exercise's reference answer),
* uses ``EXERCISES`` (the exercise objects, with their reference answers) or
  imports anything from ``hopfield_course.checks`` other than ``check`` and
  ``hint`` (the checker modules hold the reference functions),
* mentions ``HOPFIELD_GRADE_LOG`` (the log of check results the grader reads;
  also ``GRADE_LOG_ENV`` and ``log_for_grader``).

This is a heuristic, not a proof either way: a determined learner can hide
such code, and a flagged notebook may be innocent. The generated exercise
notebooks and the solutions are never flagged.

Exit status: 0 when grading ran (whatever the grades), 2 for a usage error
(no such path, no notebook found, a bad option).
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

# One definition of "a kernel of this very Python", shared with the notebook tools.
from hopfield_course.authoring.notebooks import CURRENT_ENV
from hopfield_course.authoring.notebooks import current_env_spec_manager as _current_env_spec_manager

__all__ = [
    "NOT_REACHED",
    "CURRENT_ENV",
    "Row",
    "NotebookReport",
    "expected_exercises",
    "suspicious_code",
    "kernel_command",
    "grade_notebook",
    "grade",
    "format_table",
    "write_csv",
    "find_submissions",
    "main",
]

NOT_REACHED = "not reached"
COMPLETED, CRASHED, TIMED_OUT, UNREADABLE = "completed", "crashed", "timed out", "unreadable"
NOTEBOOK_ROW = "(notebook)"
DEFAULT_TIMEOUT = 300.0
CSV_COLUMNS = ("notebook", "exercise", "status", "passed", "suspicious", "message", "suspicious_reasons")


@dataclass
class Row:
    """One line of the table."""

    notebook: str
    exercise: str
    status: str
    message: str

    @property
    def passed(self) -> bool:
        return self.status == "passed"


@dataclass
class NotebookReport:
    """The grading of one notebook: one row per exercise, and how the run ended."""

    notebook: str
    outcome: str = COMPLETED
    error: str = ""
    seconds: float = 0.0
    rows: list[Row] = field(default_factory=list)
    #: Why the notebook looks as if it used the reference answers (see :func:`suspicious_code`); empty if not.
    suspicious: list[str] = field(default_factory=list)

    @property
    def flagged(self) -> str:
        """``"yes"`` when the notebook is suspicious, else ``"no"`` (the table's column)."""
        return "yes" if self.suspicious else "no"

    def all_rows(self) -> list[Row]:
        """The exercise rows, after a ``(notebook)`` row when the run did not complete."""
        head = [] if self.outcome == COMPLETED else [Row(self.notebook, NOTEBOOK_ROW, self.outcome, self.error)]
        return head + self.rows

    def counts(self) -> dict[str, int]:
        out = {"passed": 0, "failed": 0, "not attempted": 0, NOT_REACHED: 0}
        for row in self.rows:
            out[row.status] = out.get(row.status, 0) + 1
        return out

    def total_line(self) -> str:
        c = self.counts()
        parts = [f"{c['passed']}/{len(self.rows)} passed"]
        parts += [f"{c[k]} {k}" for k in ("failed", "not attempted", NOT_REACHED) if c[k]]
        state = "" if self.outcome == COMPLETED else f"; notebook {self.outcome}"
        return f"{self.notebook}: {', '.join(parts)}{state} ({self.seconds:.1f} s)"


# --------------------------------------------------------------------------- what a notebook should check


def _check_ids_in_source(nb) -> list[str]:
    """The string ids of ``check("id", ...)`` calls in the notebook's code cells, in order."""
    from hopfield_course.authoring.exercises import _python

    ids: list[str] = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(_python(cell.source))
        except SyntaxError:
            continue
        calls = sorted((n for n in ast.walk(tree) if isinstance(n, ast.Call)), key=lambda n: (n.lineno, n.col_offset))
        for node in calls:
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
            if name == "check" and node.args and isinstance(node.args[0], ast.Constant) \
                    and isinstance(node.args[0].value, str) and node.args[0].value not in ids:
                ids.append(node.args[0].value)
    return ids


def _practice_name(stem: str) -> str | None:
    """The practice notebook a file stem stands for: itself, or the longest registered name inside it."""
    from hopfield_course.checks import EXERCISES

    names = {ex.notebook for ex in EXERCISES.values()}
    if stem in names:
        return stem
    inside = [name for name in names if name in stem]
    return max(inside, key=len) if inside else None


def expected_exercises(path, nb=None) -> list[str]:
    """The exercise ids a notebook should check: ``check("...")`` ids in its source, then the
    registered exercises of its practice notebook that the source does not check."""
    from hopfield_course.checks import exercises_for

    ids = _check_ids_in_source(nb) if nb is not None else []
    name = _practice_name(Path(path).stem)
    if name:
        ids += [ex.id for ex in exercises_for(name) if ex.id not in ids]
    return ids


# --------------------------------------------------------------------------- is it the learner's own work?

_LOG_NAMES = re.compile(r"HOPFIELD_GRADE_LOG|GRADE_LOG_ENV|log_for_grader")
_ALLOWED_FROM_CHECKS = {"check", "hint"}


def _parse_cell(source: str):
    from hopfield_course.authoring.exercises import _python

    try:
        return ast.parse(_python(source))
    except SyntaxError:
        return None


def _checks_aliases(nb) -> set[str]:
    """Names a notebook binds to the module hopfield_course.checks (``from hopfield_lib import checks as c``)."""
    names: set[str] = set()
    for cell in nb.cells:
        tree = _parse_cell(cell.source) if cell.get("cell_type") == "code" else None
        for node in ast.walk(tree) if tree is not None else ():
            if isinstance(node, ast.ImportFrom) and node.module == "hopfield_lib":
                names.update(a.asname or a.name for a in node.names if a.name == "checks")
            elif isinstance(node, ast.Import):
                names.update(a.asname for a in node.names if a.name == "hopfield_course.checks" and a.asname)
    return names


def _is_checks(node, aliases=frozenset()) -> bool:
    """``hl.checks`` / ``hopfield_course.checks``, or a name bound to that module, as an expression."""
    return (isinstance(node, ast.Name) and node.id in aliases) or (
        isinstance(node, ast.Attribute) and node.attr == "checks")


def _cell_findings(source: str, aliases=frozenset()) -> list[tuple[str, int]]:
    """What in one code cell's source looks like using the reference answers, as (what, line number)
    pairs, one per kind (see :func:`suspicious_code`); ``aliases`` are the names the notebook binds to
    hopfield_course.checks."""
    found: dict[str, int] = {}

    def add(what: str, line: int) -> None:
        found.setdefault(what, line)

    def words(text: str, line: int) -> None:
        """Code as words: a cell that does not parse, or a string (a shell command, a magic, exec)."""
        if re.search(r"(?<!\w)solution\s*\(", text):
            add("calls solution()", line)
        if re.search(r"\bEXERCISES\b", text):
            add("uses EXERCISES", line)
        module = re.search(r"hopfield_(?:course|lib)\.checks\.(\w+)", text)
        if module:
            add(f"uses hopfield_course.checks.{module.group(1)}", line)

    for number, text in enumerate(source.splitlines(), 1):
        if _LOG_NAMES.search(text):
            add(f"mentions {_LOG_NAMES.search(text).group(0)}", number)
    tree = _parse_cell(source)
    if tree is None:
        for number, text in enumerate(source.splitlines(), 1):
            words(text, number)
    else:
        called = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
        for node in ast.walk(tree):
            line = getattr(node, "lineno", 1)
            if isinstance(node, (ast.Attribute, ast.Name)):
                name = node.attr if isinstance(node, ast.Attribute) else node.id
                if name == "solution" and id(node) in called:
                    add("calls solution()", line)
                elif isinstance(node, ast.Attribute) and name == "solution":
                    add("uses .solution", line)
                elif name == "EXERCISES":
                    add("uses EXERCISES", line)
                elif (isinstance(node, ast.Attribute) and _is_checks(node.value, aliases)
                      and name not in _ALLOWED_FROM_CHECKS):
                    add(f"uses hopfield_course.checks.{name}", line)
            elif isinstance(node, ast.ImportFrom) and node.module:
                if node.module.startswith("hopfield_course.checks."):
                    add(f"imports from {node.module}", line)
                elif node.module == "hopfield_course.checks":
                    for alias in node.names:
                        if alias.name not in _ALLOWED_FROM_CHECKS:
                            add(f"imports {alias.name} from hopfield_course.checks", line)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("hopfield_course.checks."):
                        add(f"imports {alias.name}", line)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                words(node.value, line)
    return sorted(found.items(), key=lambda item: item[1])


def suspicious_code(nb) -> list[str]:
    """Why the notebook's checks may not show its author's own work; [] if nothing looks so.

    One item per code cell with a finding: the cell (numbered from 1, as in the grader's other
    messages), its first suspicious line, and what it does:

    * ``calls solution()`` / ``uses .solution``: an exercise's reference answer
      (``EXERCISES[id].solution()``, ``hopfield_course.checks.solution(id)``);
    * ``uses EXERCISES`` / ``imports EXERCISES from hopfield_course.checks``: the exercise objects,
      with their reference answers;
    * ``imports from hopfield_course.checks.<topic>`` / ``uses hopfield_course.checks.<topic>``: a
      checker module, whose functions are the reference answers;
    * ``mentions HOPFIELD_GRADE_LOG``: the log of check results that the grader reads, which
      code can write to directly.

    A heuristic for a teacher to follow up, never a verdict: code can hide from it, and innocent
    code can trip it. The course's own practice notebooks never do.

    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[
    ...     nbformat.v4.new_code_cell("from hopfield_course.checks import check, hint"),
    ...     nbformat.v4.new_code_cell('ok = 1\\nflip = EXERCISES["welcome.flip"].solution()')])
    >>> suspicious_code(nb)
    ['cell 2 (`flip = EXERCISES["welcome.flip"].solution()`): calls solution(), uses EXERCISES']
    >>> suspicious_code(nbformat.v4.new_notebook(cells=nb.cells[:1]))
    []
    """
    reasons = []
    aliases = _checks_aliases(nb)
    for index, cell in enumerate(nb.cells):
        if cell.get("cell_type") != "code":
            continue
        findings = _cell_findings(cell.source, aliases)
        if findings:
            lines = cell.source.splitlines()
            number = findings[0][1]
            text = lines[number - 1].strip() if 0 < number <= len(lines) else ""
            if len(text) > 60:
                text = text[:57] + "..."
            where = f"cell {index + 1}" + (f" (`{text}`)" if text else "")
            reasons.append(f"{where}: " + ", ".join(what for what, _ in findings))
    return reasons


# --------------------------------------------------------------------------- running one notebook


def kernel_command(kernel_name: str = CURRENT_ENV) -> list[str]:
    """The command line that starts a kernel ``kernel_name`` (:data:`CURRENT_ENV`: this Python's).

    >>> kernel_command()[0] == sys.executable
    True
    """
    return list(_current_env_spec_manager().get_kernel_spec(kernel_name).argv)


def _cell_summary(nb, index: int | None) -> str:
    if index is None:
        return "a cell"
    try:
        first = next((line.strip() for line in nb.cells[index].source.splitlines() if line.strip()), "")
    except (IndexError, AttributeError):
        first = ""
    if len(first) > 60:
        first = first[:57] + "..."
    return f"cell {index + 1}" + (f" (`{first}`)" if first else "")


def _read_log(path: Path) -> dict[str, dict]:
    """The last logged result of each exercise id."""
    results: dict[str, dict] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return results
    for line in lines:
        try:
            item = json.loads(line)
        except ValueError:
            continue
        if isinstance(item, dict) and isinstance(item.get("exercise"), str):
            results[item["exercise"]] = item
    return results


def grade_notebook(path, *, timeout: float = DEFAULT_TIMEOUT, kernel_name: str = CURRENT_ENV,
                   name: str | None = None) -> NotebookReport:
    """Run the notebook at ``path`` (a copy in memory) and grade every exercise it should check.

    ``kernel_name`` is :data:`CURRENT_ENV` (a kernel of ``sys.executable``, the default) or the name
    of an installed Jupyter kernelspec.
    """
    import nbformat
    from jupyter_client import AsyncKernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    from hopfield_course.checks import FAILED, NOT_ATTEMPTED, PASSED
    from hopfield_course.checks._core import GRADE_LOG_ENV

    path = Path(path)
    report = NotebookReport(name or str(path))
    start = time.monotonic()
    try:
        nb = nbformat.read(str(path), as_version=4)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is reported, not raised
        report.outcome, report.error = UNREADABLE, f"could not read the notebook ({type(exc).__name__}: {exc})"
        report.rows = [Row(report.notebook, ex, NOT_REACHED, "not reached: the notebook could not be read")
                       for ex in expected_exercises(path)]
        return report

    expected = expected_exercises(path, nb)
    report.suspicious = suspicious_code(nb)
    current: dict[str, int | None] = {"index": None}
    deadline: dict[str, float] = {}

    def on_cell_start(cell, cell_index, **_):
        current["index"] = cell_index

    def cell_timeout(cell):
        if "t" not in deadline:  # the limit counts from the first cell, not from the kernel's start-up
            deadline["t"] = time.monotonic() + timeout
        return max(1, int(math.ceil(deadline["t"] - time.monotonic())))

    with tempfile.TemporaryDirectory(prefix="hopfield-grade-") as tmp:
        log = Path(tmp) / "checks.jsonl"
        env = dict(os.environ)
        env[GRADE_LOG_ENV] = str(log)
        km = AsyncKernelManager(kernel_name=kernel_name, kernel_spec_manager=_current_env_spec_manager())
        client = NotebookClient(
            nb,
            km=km,
            kernel_name=kernel_name,
            timeout_func=cell_timeout,
            allow_errors=False,
            record_timing=False,
            shutdown_kernel="immediate",
            startup_timeout=120,
            on_cell_start=on_cell_start,
            resources={"metadata": {"path": str(path.parent.resolve())}},
        )
        try:
            client.execute(env=env, stderr=subprocess.DEVNULL)
        except CellTimeoutError:
            report.outcome = TIMED_OUT
            report.error = (f"stopped after the time limit of {timeout:g} s, in "
                            f"{_cell_summary(nb, current['index'])}")
        except CellExecutionError as exc:
            report.outcome = CRASHED
            evalue = (exc.evalue or "").strip().splitlines()
            detail = f"{exc.ename}: {evalue[0]}" if evalue else exc.ename
            report.error = f"{_cell_summary(nb, current['index'])} raised {detail}"
        except DeadKernelError:
            report.outcome = CRASHED
            report.error = (f"the kernel died in {_cell_summary(nb, current['index'])} "
                            "(out of memory, or the code ended the process)")
        except Exception as exc:  # noqa: BLE001 - e.g. a kernel that does not start
            report.outcome = CRASHED
            report.error = f"could not run the notebook ({type(exc).__name__}: {exc})"
        logged = _read_log(log)

    report.seconds = time.monotonic() - start
    for ex in expected + [ex for ex in logged if ex not in expected]:
        item = logged.get(ex)
        if item is not None:
            status = item.get("status") if item.get("status") in (PASSED, FAILED, NOT_ATTEMPTED) else FAILED
            report.rows.append(Row(report.notebook, ex, status, str(item.get("message", ""))))
        elif report.outcome != COMPLETED:
            report.rows.append(Row(report.notebook, ex, NOT_REACHED,
                                   f"not reached: the notebook {report.outcome} before this check"))
        else:
            report.rows.append(Row(report.notebook, ex, NOT_ATTEMPTED,
                                   f'check("{ex}", ...) never ran: the notebook has no check cell for it'))
    return report


# --------------------------------------------------------------------------- many notebooks, the table


def find_submissions(paths) -> list[Path]:
    """The notebooks under ``paths`` (files or folders, recursively), sorted; raises for a missing path."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.ipynb")
                                if ".ipynb_checkpoints" not in p.parts and not p.name.endswith(".backup.ipynb")))
        elif path.is_file():
            found.append(path)
        else:
            raise FileNotFoundError(f"no such notebook or folder: {raw}")
    unique, seen = [], set()
    for p in found:
        if p.resolve() not in seen:
            seen.add(p.resolve())
            unique.append(p)
    return unique


def grade(paths, *, timeout: float = DEFAULT_TIMEOUT, kernel_name: str = CURRENT_ENV, progress=None
          ) -> list[NotebookReport]:
    """Grade every notebook under ``paths``; ``progress`` (a file) gets a line per notebook."""
    reports = []
    for path in find_submissions(paths):
        if progress is not None:
            print(f"grading {path} ...", file=progress, flush=True)
        reports.append(grade_notebook(path, timeout=timeout, kernel_name=kernel_name))
    return reports


def format_table(reports: list[NotebookReport]) -> str:
    """The table as text: a row per exercise, each notebook followed by its totals."""
    header = ("notebook", "exercise", "status", "suspicious", "message")
    rows = [(r.notebook, r.exercise, r.status, rep.flagged, r.message) for rep in reports for r in rep.all_rows()]
    widths = [max([len(header[k])] + [len(row[k]) for row in rows]) for k in range(4)]

    def line(cols) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cols[:4], widths)) + "  " + cols[4]

    out = [line(header), line(tuple("-" * w for w in widths) + ("-" * 7,))]
    for rep in reports:
        for r in rep.all_rows():
            out.append(line((r.notebook, r.exercise, r.status, rep.flagged, r.message)))
        if not rep.rows and rep.outcome == COMPLETED:
            out.append(line((rep.notebook, "", "", rep.flagged, "no exercise checks in this notebook")))
        out.append("  total: " + rep.total_line())
        if rep.suspicious:
            out.append("  suspicious (answers may come from the reference solutions or a forged log; look at "
                       "these cells): " + "; ".join(rep.suspicious))
        out.append("")
    outcomes = [rep.outcome for rep in reports]
    n_passed = sum(rep.counts()["passed"] for rep in reports)
    n_rows = sum(len(rep.rows) for rep in reports)
    summary = f"{len(reports)} notebook(s), {n_passed}/{n_rows} exercises passed"
    bad = {o: outcomes.count(o) for o in (CRASHED, TIMED_OUT, UNREADABLE) if outcomes.count(o)}
    if bad:
        summary += "; " + ", ".join(f"{n} {o}" for o, n in bad.items())
    n_suspicious = sum(1 for rep in reports if rep.suspicious)
    if n_suspicious:
        summary += f"; {n_suspicious} suspicious (see the suspicious column)"
    out.append(summary)
    return "\n".join(out)


def write_csv(reports: list[NotebookReport], file) -> None:
    """Write the table's rows as CSV (to a path or an open text file)."""
    def emit(handle):
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for rep in reports:
            for r in rep.all_rows():
                writer.writerow([r.notebook, r.exercise, r.status, "yes" if r.passed else "no", rep.flagged,
                                 r.message, "; ".join(rep.suspicious)])

    if hasattr(file, "write"):
        emit(file)
    else:
        with open(file, "w", newline="", encoding="utf-8") as handle:
            emit(handle)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m hopfield_course.grade",
        description="Run submitted practice notebooks in fresh kernels and print a table of every exercise.")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="notebooks or folders of notebooks")
    parser.add_argument("--csv", metavar="FILE", help="also write the table as CSV to FILE")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help=f"time limit per notebook (default {DEFAULT_TIMEOUT:g})")
    parser.add_argument("--kernel", default=CURRENT_ENV, metavar="NAME",
                        help="a Jupyter kernelspec to run them in (default: a kernel of this Python, "
                             f"{sys.executable})")
    args = parser.parse_args(argv)
    if not args.timeout > 0:
        parser.error(f"--timeout: expected a positive number of seconds, got {args.timeout:g}")
    try:
        notebooks = find_submissions(args.paths)
    except FileNotFoundError as exc:
        parser.error(str(exc))
    if not notebooks:
        parser.error("no notebooks found in " + ", ".join(args.paths))
    reports = grade(notebooks, timeout=args.timeout, kernel_name=args.kernel, progress=sys.stderr)
    print(format_table(reports))
    if args.csv:
        write_csv(reports, args.csv)
        print(f"wrote {args.csv}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
