"""Exercise checkers: ``check(id, answer)`` tells a learner at once whether an answer is right.

In a notebook::

    from hopfield_course.checks import check, hint
    check("hebbian.weights", my_hebbian)     # ✓ or ✗ with a message, returns the Result
    hint("hebbian.weights")                  # the next hint, from a nudge to almost the answer

``EXERCISES`` maps every exercise id to its exercise object (``.check``,
``.hint``, ``.solution``). Each practice notebook's exercises live in a module
of this package named after the lecture's topic (``welcome.py`` for
``01_welcome``); every module here is imported, and registers its exercises,
when the package is imported. A module that fails to import does not break the
others: it is reported as a warning and recorded in ``IMPORT_ERRORS`` (the
test suite requires that to be empty).

Writing a checker module::

    from ._core import Case, FunctionExercise, Mistake, ValueExercise
    from . import register

    register(FunctionExercise("topic.name", title=..., notebook="NN_topic",
                              hints=[...], reference=..., cases=[Case(...)],
                              mistakes=[Mistake("you ...", wrong=...)]))

See :mod:`hopfield_course.checks._core` for the classes and ``CONTRIBUTING.md``
("Writing exercises") for the conventions.
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
import warnings
from pathlib import PurePath

from ._core import (
    FAILED,
    NOT_ATTEMPTED,
    PASSED,
    STATUSES,
    Case,
    Exercise,
    FunctionExercise,
    Mistake,
    Result,
    ValueExercise,
    log_for_grader,
    show,
)

__all__ = [
    "EXERCISES",
    "IMPORT_ERRORS",
    "register",
    "check",
    "hint",
    "solution",
    "exercises_for",
    "Result",
    "Exercise",
    "ValueExercise",
    "FunctionExercise",
    "Mistake",
    "Case",
    "PASSED",
    "FAILED",
    "NOT_ATTEMPTED",
    "STATUSES",
]

EXERCISES: dict[str, Exercise] = {}
"""Every registered exercise, by id, in registration order."""

IMPORT_ERRORS: dict[str, str] = {}
"""Checker modules that failed to import: module name -> the error."""

_MISSING = object()


def register(exercise: Exercise) -> Exercise:
    """Add ``exercise`` to :data:`EXERCISES` (ids are unique) and return it."""
    if not isinstance(exercise, Exercise):
        raise TypeError(f"register: expected an Exercise, got {type(exercise).__name__}")
    if exercise.id in EXERCISES:
        raise ValueError(f"exercise id {exercise.id!r} is registered twice")
    EXERCISES[exercise.id] = exercise
    return exercise


def _unknown(exercise_id) -> Result:
    close = difflib.get_close_matches(str(exercise_id), list(EXERCISES), n=1, cutoff=0.5)
    extra = f" Did you mean {close[0]!r}?" if close else ""
    return Result(str(exercise_id), FAILED, f"there is no exercise with id {exercise_id!r}.{extra}")


def check(exercise_id: str, answer=_MISSING) -> Result:
    """Check ``answer`` for exercise ``exercise_id``, show the feedback and return the :class:`Result`.

    Never raises: an unknown id or a broken answer gives a failed result with a message.
    When the grader runs the notebook, the result is also logged for it.

    >>> check("no.such.exercise", 1).passed
    ✗ [no.such.exercise] there is no exercise with id 'no.such.exercise'.
    False
    """
    exercise = EXERCISES.get(exercise_id) if isinstance(exercise_id, str) else None
    if exercise is None:
        result = _unknown(exercise_id)
    elif answer is _MISSING:
        result = Result(exercise.id, FAILED, f"give your answer too: check({exercise.id!r}, your_answer).")
    else:
        result = exercise.check(answer)
    log_for_grader(result)
    return show(result)


def hint(exercise_id: str, level: int | None = None) -> None:
    """Print the next hint for ``exercise_id`` (or hint number ``level``).

    The exercise object's ``EXERCISES[id].hint()`` returns the text instead.
    """
    exercise = EXERCISES.get(exercise_id) if isinstance(exercise_id, str) else None
    if exercise is None:
        print(_unknown(exercise_id).message)
        return
    try:
        print(exercise.hint(level))
    except ValueError:
        print(f"{exercise.id} has hints 1 to {len(exercise.hints)}; you asked for {level!r}.")


def solution(exercise_id: str):
    """The reference answer of ``exercise_id`` (a value or a function)."""
    if exercise_id not in EXERCISES:
        raise KeyError(_unknown(exercise_id).message)
    return EXERCISES[exercise_id].solution()


def exercises_for(notebook) -> list[Exercise]:
    """The exercises of one practice notebook, in registration order.

    ``notebook`` is the file stem (``"04_hebbian_storage"``) or a path to the
    notebook (``"exercises/04_hebbian_storage.ipynb"``).
    """
    stem = PurePath(str(notebook)).name
    if stem.endswith(".ipynb"):
        stem = stem[: -len(".ipynb")]
    return [ex for ex in EXERCISES.values() if ex.notebook == stem]


def _import_checker_modules() -> None:
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module.name.startswith("_") or f"{__name__}.{module.name}" in IMPORT_ERRORS:
            continue
        try:
            importlib.import_module(f"{__name__}.{module.name}")
        except Exception as exc:  # noqa: BLE001 - one broken module must not break every notebook
            IMPORT_ERRORS[f"{__name__}.{module.name}"] = f"{type(exc).__name__}: {exc}"
            warnings.warn(f"the exercise checks in {__name__}.{module.name} could not be loaded "
                          f"({type(exc).__name__}: {exc})", RuntimeWarning, stacklevel=2)


_import_checker_modules()
