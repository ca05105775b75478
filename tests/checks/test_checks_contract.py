"""The checker contract, for EVERY registered exercise, automatically.

Each exercise: the reference passes; None, ... and a function that raises fail cleanly
with the right status and message; a function that returns None is told to `return`; a
number answer given as text or NaN is told so; a stub is "not attempted"; odd answers
never raise; it has three ordered hints, a readable id, and a practice notebook in
solutions/ that checks it (and whose stored outputs show it passing); and some
tests/checks/test_checks_<topic>.py tests its wrong answers by id. A new checker module is
covered as soon as it registers. (The helpers those topic files share are in
tests/checkhelpers.py.)
"""

import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

from hopfield_course.checks import EXERCISES, FAILED, IMPORT_ERRORS, NOT_ATTEMPTED, FunctionExercise, Result
from hopfield_course.grade import _check_ids_in_source
from checkhelpers import crash, fails_with

ROOT = Path(__file__).resolve().parents[2]
SOLUTIONS = ROOT / "solutions"
IDS = sorted(EXERCISES)
FUNCTION_IDS = [i for i in IDS if isinstance(EXERCISES[i], FunctionExercise)]
VALUE_IDS = [i for i in IDS if i not in FUNCTION_IDS]
SOLUTION_NOTEBOOKS = sorted(p.name for p in SOLUTIONS.glob("*.ipynb"))
OWN_TESTS = {"test_checks_core.py", "test_checks_contract.py"}


def test_exercises_are_registered_and_every_module_imports():
    assert IMPORT_ERRORS == {}
    assert IDS, "no exercise is registered"


@pytest.mark.parametrize("ex_id", IDS)
def test_reference_passes(ex_id):
    ex = EXERCISES[ex_id]
    result = ex.check(ex.solution())
    assert result.passed, result.message


@pytest.mark.parametrize("ex_id", IDS)
def test_none_fails_cleanly(ex_id):
    result = EXERCISES[ex_id].check(None)
    assert result.status == FAILED
    assert "None" in result.message
    if ex_id in FUNCTION_IDS:
        assert "got None instead of a function" in result.message
    else:
        assert "your answer is None: assign your result to the answer variable" in result.message


@pytest.mark.parametrize("ex_id", IDS)
def test_ellipsis_is_not_attempted(ex_id):
    result = EXERCISES[ex_id].check(...)
    assert result.status == NOT_ATTEMPTED
    assert result.message.startswith("not attempted yet")


@pytest.mark.parametrize("ex_id", IDS)
def test_a_function_that_raises_fails_cleanly(ex_id):
    def broken(*args, **kwargs):
        raise RuntimeError("boom from the contract test")

    for function, text in [(broken, "your function raised RuntimeError: boom from the contract test"),
                           (crash, "your function raised ZeroDivisionError: division by zero")]:
        result = EXERCISES[ex_id].check(function)
        assert result.status == FAILED
        if ex_id in FUNCTION_IDS:
            assert text in result.message


# What a function that returns None is told; an exercise whose answer is not a number or an
# array words it its own way.
RETURNS_NONE = "is None: did you forget to `return` the result?"
RETURNS_NONE_OWN_WORDS = {
    "spurious.classify": "expected one of the strings 'pattern', 'reversed', 'mixture', 'other', "
                         "but your function returned None",
}


@pytest.mark.parametrize("ex_id", FUNCTION_IDS)
def test_a_function_that_returns_none_is_told_to_return(ex_id):
    fails_with(ex_id, lambda *a, **k: None, RETURNS_NONE_OWN_WORDS.get(ex_id, RETURNS_NONE))


@pytest.mark.parametrize("ex_id", VALUE_IDS)
def test_a_number_given_as_text_or_nan_is_named(ex_id):
    if isinstance(EXERCISES[ex_id].solution(), (str, bool, np.bool_)):
        pytest.skip("the answer is text or True/False, not a number")
    for text in ("one", "0.1"):
        fails_with(ex_id, text, "should be a number")
    fails_with(ex_id, float("nan"), "contains NaN")


@pytest.mark.parametrize("ex_id", FUNCTION_IDS)
def test_the_generated_stub_is_not_attempted(ex_id):
    def stub(*args, **kwargs):
        # YOUR CODE HERE
        raise NotImplementedError

    result = EXERCISES[ex_id].check(stub)
    assert result.status == NOT_ATTEMPTED
    assert result.message.startswith("not attempted yet")


@pytest.mark.parametrize("ex_id", IDS)
def test_odd_answers_never_raise(ex_id):
    ex = EXERCISES[ex_id]
    for answer in (object(), "some text", np.array([np.nan]), [1, [2, 3]], lambda *a, **k: None,
                   lambda *a, **k: "text"):
        result = ex.check(answer)
        assert isinstance(result, Result) and not result.passed and result.message


@pytest.mark.parametrize("ex_id", IDS)
def test_hints_and_metadata(ex_id):
    ex = EXERCISES[ex_id]
    assert re.fullmatch(r"[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*", ex_id), "ids read topic.name"
    assert ex.title and isinstance(ex.title, str)
    assert len(ex.hints) == 3, "give three hints, from a nudge to almost the answer"
    assert all(isinstance(h, str) and h.strip() for h in ex.hints)
    assert len(set(ex.hints)) == len(ex.hints), "hints repeat"
    assert [ex.hint(k).split(": ", 1)[1] for k in range(1, len(ex.hints) + 1)] == list(ex.hints)
    assert all(ex.hint(k).startswith(f"Hint {k}/3") for k in (1, 2, 3))


@pytest.mark.parametrize("ex_id", IDS)
def test_its_practice_notebook_exists_and_checks_it(ex_id):
    notebook = EXERCISES[ex_id].notebook
    assert re.fullmatch(r"\d\d_[a-z0-9_]+", notebook or ""), f"notebook should be a file stem, got {notebook!r}"
    path = SOLUTIONS / f"{notebook}.ipynb"
    assert path.exists(), f"{ex_id}: no practice notebook {path.relative_to(ROOT)}"
    assert ex_id in _check_ids_in_source(nbformat.read(str(path), as_version=4)), \
        f"{path.relative_to(ROOT)} has no check({ex_id!r}, ...) cell"


def _test_sources() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "tests" / "checks").glob("test_checks_*.py")
            if p.name not in OWN_TESTS}


@pytest.mark.parametrize("ex_id", IDS)
def test_its_wrong_answers_are_tested(ex_id):
    quoted = (f'"{ex_id}"', f"'{ex_id}'")
    files = [name for name, text in _test_sources().items() if any(q in text for q in quoted)]
    assert files, (f"{ex_id}: no tests/checks/test_checks_<topic>.py mentions it; test that the reference passes and "
                   "that at least two plausible wrong answers fail with their messages")


@pytest.mark.parametrize("name", SOLUTION_NOTEBOOKS)
def test_solution_notebooks_check_registered_exercises_and_pass(name):
    nb = nbformat.read(str(SOLUTIONS / name), as_version=4)
    ids = _check_ids_in_source(nb)
    unknown = [i for i in ids if i not in EXERCISES]
    assert not unknown, f"{name} checks exercises nobody registered: {unknown}"
    missing = [ex for ex in EXERCISES.values() if ex.notebook == name[:-6] and ex.id not in ids]
    assert not missing, f"{name} does not check {[ex.id for ex in missing]}"
    shown = {}
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            text = out.get("data", {}).get("text/plain", "") if out.get("output_type") == "display_data" else ""
            match = re.match(r"^(✓|✗|…) \[([^\]]+)\]", text)
            if match:
                shown[match.group(2)] = match.group(1)
    assert {i: shown.get(i) for i in ids} == {i: "✓" for i in ids}, \
        f"{name}: the stored outputs should show every check passed (run `make execute NB=solutions/{name}`)"
