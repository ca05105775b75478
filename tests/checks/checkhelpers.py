"""Helpers shared by the checker tests (tests/test_checks_*.py).

The generic behaviour every exercise must show (reference passes, None, ..., a crash, a
function that returns None, the stub, the hints) is asserted once, for every registered
exercise, in tests/test_checks_contract.py; the topic files test their own wrong answers.
"""

from hopfield_course.checks import EXERCISES, FAILED, PASSED


def run(ex_id, answer):
    """Check ``answer`` against exercise ``ex_id``; the Result."""
    return EXERCISES[ex_id].check(answer)


def passes(ex_id, answer):
    """Assert that ``answer`` passes ``ex_id``; the Result."""
    result = run(ex_id, answer)
    assert result.status == PASSED, result.message
    return result


def fails_with(ex_id, answer, text):
    """Assert that ``answer`` fails ``ex_id`` with ``text`` in the message; the Result."""
    result = run(ex_id, answer)
    assert result.status == FAILED, result.message
    assert text in result.message, result.message
    return result


def crash(*args, **kwargs):
    """A learner's function that crashes."""
    raise ZeroDivisionError("division by zero")
