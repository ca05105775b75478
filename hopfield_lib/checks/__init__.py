"""Exercise checkers: ``check(id, answer)`` tells a learner at once whether an answer is right.

In a notebook::

    from hopfield_lib.checks import check, hint
    check("hebbian.weights", my_hebbian)     # ✓ or ✗ with a message, returns the Result
    hint("hebbian.weights")                  # the next hint, from a nudge to almost the answer

``EXERCISES`` maps every exercise id to its exercise object (``.check``,
``.hint``, ``.solution``). Each lecture's exercises live in a module of this
package named after the lecture's topic; every module here is imported, and
registers its exercises, when the package is imported.
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil

from ._core import (
    FAILED,
    NOT_ATTEMPTED,
    PASSED,
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
]

EXERCISES: dict[str, Exercise] = {}


def register(exercise: Exercise) -> Exercise:
    """Add ``exercise`` to :data:`EXERCISES` (ids are unique)."""
    if exercise.id in EXERCISES:
        raise ValueError(f"exercise id {exercise.id!r} is registered twice")
    EXERCISES[exercise.id] = exercise
    return exercise


def _unknown(exercise_id) -> Result:
    close = difflib.get_close_matches(str(exercise_id), EXERCISES, n=1)
    extra = f" Did you mean {close[0]!r}?" if close else ""
    return Result(str(exercise_id), FAILED, f"there is no exercise with id {exercise_id!r}.{extra}")


def check(exercise_id: str, answer) -> Result:
    """Check ``answer`` for exercise ``exercise_id``, show the feedback and return the :class:`Result`.

    Never raises: an unknown id or a broken answer gives a failed result with a message.
    """
    exercise = EXERCISES.get(exercise_id)
    result = _unknown(exercise_id) if exercise is None else exercise.check(answer)
    log_for_grader(result)
    return show(result)


def hint(exercise_id: str, level: int | None = None) -> None:
    """Print the next hint for ``exercise_id`` (or hint number ``level``).

    The exercise object's ``EXERCISES[id].hint()`` returns the text instead.
    """
    exercise = EXERCISES.get(exercise_id)
    print(_unknown(exercise_id).message if exercise is None else exercise.hint(level))


def solution(exercise_id: str):
    """The reference answer of ``exercise_id`` (a value or a function)."""
    if exercise_id not in EXERCISES:
        raise KeyError(_unknown(exercise_id).message)
    return EXERCISES[exercise_id].solution()


def exercises_for(notebook: str) -> list[Exercise]:
    """The exercises of one practice notebook (by file stem, e.g. ``"04_hebbian_storage"``)."""
    return [ex for ex in EXERCISES.values() if ex.notebook == notebook]


for _module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    if not _module.name.startswith("_"):
        importlib.import_module(f"{__name__}.{_module.name}")
