"""The machinery behind every exercise checker.

An exercise is an object with

* ``.check(answer)`` -> :class:`Result` (``.passed``, ``.status``, ``.message``);
  it never raises and never hangs;
* ``.hint(level=None)`` -> str, the hints in order from a nudge to almost the answer;
* ``.solution()`` -> the reference answer (a value or a function).

Two kinds cover the course:

* :class:`ValueExercise`: the answer is a number, an array, a bool or a short
  string, compared with the reference value (numbers within a tolerance).
* :class:`FunctionExercise`: the answer is a function the learner wrote; it is
  called on several cases (edge cases included) and its result compared with
  the reference function's. Its inputs are copied first, each call has a time
  budget, and a changed input is reported.

Both take a list of :class:`Mistake`: a common wrong answer (a wrong
function or value, or a test on the learner's result) and the message that
names it in the learner's terms. The first mistake that matches is reported;
otherwise a generic message says where the answer differs.

Statuses: ``"passed"``, ``"failed"`` and ``"not attempted"`` (the answer is
still the generated stub: ``...`` or a function raising ``NotImplementedError``).

A small example (outside a notebook the feedback is a printed line)::

    >>> ex = FunctionExercise(
    ...     "demo.double", title="Double it", notebook="00_demo",
    ...     hints=["Multiply.", "Return 2 * x."], reference=lambda x: 2 * x,
    ...     cases=[Case((np.arange(3.0),), label="three numbers", sizes={"N": 3})],
    ...     mistakes=[Mistake("you added 2 instead of multiplying by 2", wrong=lambda x: x + 2)])
    >>> print(ex.check(lambda x: x * 2))
    ✓ [demo.double] correct on all 1 cases!
    >>> print(ex.check(lambda x: x + 2))
    ✗ [demo.double] you added 2 instead of multiplying by 2 (case 1 of 1: three numbers)
    >>> print(ex.check(lambda x: x[:2] * 2))
    ✗ [demo.double] shape (N,) expected, got (2,) (case 1 of 1: three numbers)
    >>> def stub(x):
    ...     raise NotImplementedError
    >>> ex.check(stub).status
    'not attempted'
"""

from __future__ import annotations

import copy
import inspect
import json
import linecache
import math
import numbers
import os
import signal
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Sequence

import numpy as np

__all__ = [
    "PASSED",
    "FAILED",
    "NOT_ATTEMPTED",
    "STATUSES",
    "Result",
    "Mistake",
    "Case",
    "Exercise",
    "ValueExercise",
    "FunctionExercise",
    "describe_shape",
    "describe_value",
    "call_with_time_limit",
    "is_close",
    "isfinite_number",
    "log_for_grader",
    "show",
    "GRADE_LOG_ENV",
]

PASSED = "passed"
FAILED = "failed"
NOT_ATTEMPTED = "not attempted"
STATUSES = (PASSED, FAILED, NOT_ATTEMPTED)

#: When this environment variable names a file, every check appends its result
#: there as one JSON line (the grader sets it).
GRADE_LOG_ENV = "HOPFIELD_GRADE_LOG"

DEFAULT_TIME_LIMIT = 10.0  # seconds per call of a learner's function
#: All calls of one check together stop after max(TOTAL_TIME_FACTOR * time_limit, TOTAL_TIME_MIN) s.
TOTAL_TIME_FACTOR = 3.0
TOTAL_TIME_MIN = 20.0


# --------------------------------------------------------------------------- results


class Result:
    """The outcome of one check: ``.passed``, ``.status`` and ``.message``.

    In a notebook it shows as one line, green with ✓ when passed, red with ✗
    when not (and grey with … for "not attempted yet"). ``bool(result)`` is
    ``result.passed``.

    >>> r = Result("demo.x", "failed", "not quite.")
    >>> r.passed, str(r)
    (False, '✗ [demo.x] not quite.')
    """

    __slots__ = ("exercise", "status", "message", "_shown_in")

    def __init__(self, exercise: str, status: str, message: str):
        if status not in STATUSES:
            raise ValueError(f"status: expected passed, failed or not attempted, got {status!r}")
        self.exercise = exercise
        self.status = status
        self.message = message
        self._shown_in = None  # IPython execution count in which check() displayed it

    @property
    def passed(self) -> bool:
        return self.status == PASSED

    def __bool__(self) -> bool:
        return self.passed

    @property
    def symbol(self) -> str:
        return {PASSED: "✓", FAILED: "✗", NOT_ATTEMPTED: "…"}[self.status]

    def __str__(self) -> str:
        return f"{self.symbol} [{self.exercise}] {self.message}"

    def __repr__(self) -> str:
        return f"Result(exercise={self.exercise!r}, status={self.status!r}, message={self.message!r})"

    def to_dict(self) -> dict:
        return {"exercise": self.exercise, "status": self.status, "passed": self.passed, "message": self.message}

    def _repr_html_(self) -> str:
        import html

        colour = {PASSED: "#1a7f37", FAILED: "#cf222e", NOT_ATTEMPTED: "#6e7781"}[self.status]
        return (
            f'<div style="border-left: 4px solid {colour}; padding: 2px 8px; margin: 2px 0;">'
            f'<b style="color: {colour}">{self.symbol} {html.escape(self.exercise)}</b> '
            f"{html.escape(self.message)}</div>"
        )

    def _ipython_display_(self):
        if self._shown_in is not None and self._shown_in == _execution_count():
            return  # check() has already shown it in this cell
        show(self)


def _execution_count():
    """The running cell's number in IPython, None outside IPython."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency
        return None
    ip = get_ipython()
    return None if ip is None else ip.execution_count


def show(result: Result) -> Result:
    """Display ``result`` (rich output in IPython, a printed line elsewhere) and return it."""
    count = _execution_count()
    if count is None:
        print(result)
        return result
    from IPython.display import display

    display({"text/plain": str(result), "text/html": result._repr_html_()}, raw=True)
    result._shown_in = count
    return result


def log_for_grader(result: Result) -> None:
    """Append ``result`` as one JSON line to the file named by ``$HOPFIELD_GRADE_LOG``, if set.

    The grader (:mod:`hopfield_course.grade`) sets the variable for each notebook
    it runs; otherwise this does nothing. It never raises.
    """
    path = os.environ.get(GRADE_LOG_ENV)
    if not path:
        return
    try:
        with open(path, "a", encoding="utf-8") as f:
            f.write(json.dumps(result.to_dict()) + "\n")
    except (OSError, TypeError, ValueError):
        pass


# --------------------------------------------------------------------------- describing values


def describe_shape(shape: Sequence[int], sizes: dict[str, int] | None = None) -> str:
    """``(5, 3)`` as ``(N, P)`` when ``sizes = {"N": 5, "P": 3}``; numbers otherwise.

    >>> describe_shape((3, 5), {"P": 3, "N": 5})
    '(P, N)'
    >>> describe_shape((4,), {"N": 5})
    '(4,)'
    >>> describe_shape(())
    '() (a single number)'
    """
    if len(shape) == 0:
        return "() (a single number)"
    names = {}
    for name, size in (sizes or {}).items():
        names.setdefault(size, name)
    parts = [names.get(d, str(d)) for d in shape]
    return "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"


def describe_value(x: Any) -> str:
    """A short description of what a learner's code produced.

    >>> describe_value(np.zeros((2, 3)))
    'an array of shape (2, 3) and dtype float64'
    >>> describe_value([1, 2])
    'a list of length 2'
    """
    if x is None:
        return "None"
    if x is Ellipsis:
        return "... (Ellipsis)"
    if isinstance(x, np.ndarray):
        return f"an array of shape {x.shape} and dtype {x.dtype}"
    if isinstance(x, (bool, np.bool_)):
        return f"the bool {bool(x)}"
    if isinstance(x, (numbers.Number, np.number)):
        return f"the number {x!r}"
    if isinstance(x, str):
        return f"the string {x!r}" if len(x) <= 40 else f"a string of length {len(x)}"
    if isinstance(x, (list, tuple)):
        return f"a {type(x).__name__} of length {len(x)}"
    if inspect.isroutine(x):
        return "a function"
    return f"a {type(x).__name__}"


# --------------------------------------------------------------------------- calling learner code


class _TimeUp(BaseException):
    """Raised inside a learner's function when its time budget is spent.

    A ``BaseException`` so that a learner's ``except Exception`` cannot swallow it.
    """


@dataclass
class CallOutcome:
    """What happened when a learner's function was called."""

    value: Any = None
    error: BaseException | None = None
    timed_out: bool = False
    seconds: float = 0.0
    where: str = ""  # the learner's line that raised or was running at the time-out


def _learner_line(exc: BaseException | None, func: Callable) -> str:
    """`` (line 4: `x = s @ W`)`` for the last line of ``func``'s file in ``exc``'s traceback."""
    try:
        code = getattr(inspect.unwrap(func), "__code__", None)
        if code is None or exc is None:
            return ""
        filename = code.co_filename
        tb, last = exc.__traceback__, None
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == filename:
                last = tb
            tb = tb.tb_next
        if last is None:
            return ""
        text = linecache.getline(filename, last.tb_lineno).strip()
        return f" (line {last.tb_lineno}" + (f": `{text}`)" if text else ")")
    except Exception:  # noqa: BLE001 - a nicety, never a failure
        return ""


def call_with_time_limit(func: Callable, args: tuple = (), kwargs: dict | None = None,
                         seconds: float = DEFAULT_TIME_LIMIT) -> CallOutcome:
    """Call ``func(*args, **kwargs)``; never raise, never wait much longer than ``seconds``.

    In the main thread on Unix (a notebook kernel) the call is interrupted by a
    timer signal, repeated every 0.2 s until the function gives up (so that a
    bare ``except:`` in a loop cannot hold it for long). Elsewhere it runs in a
    daemon thread that is abandoned when the budget is spent. Only
    ``KeyboardInterrupt`` (the learner pressing stop) passes through.

    >>> call_with_time_limit(divmod, (7, 2)).value
    (3, 1)
    >>> type(call_with_time_limit(divmod, (7, 0)).error).__name__
    'ZeroDivisionError'
    """
    kwargs = kwargs or {}
    start = time.perf_counter()
    use_signal = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if use_signal:
        armed = [True]

        def on_alarm(signum, frame):
            if armed[0]:
                raise _TimeUp()

        try:
            previous = signal.signal(signal.SIGALRM, on_alarm)
        except (ValueError, OSError):  # pragma: no cover - signals unavailable here
            use_signal = False
    if use_signal:
        outcome = CallOutcome()
        try:
            signal.setitimer(signal.ITIMER_REAL, max(float(seconds), 1e-3), 0.2)
            try:
                try:
                    outcome.value = func(*args, **kwargs)
                except (_TimeUp, KeyboardInterrupt):
                    raise
                except BaseException as exc:  # noqa: BLE001 - a learner's code may raise anything
                    outcome.error = exc
                finally:
                    armed[0] = False
            except _TimeUp as exc:
                armed[0] = False
                outcome = CallOutcome(timed_out=True, where=_learner_line(exc, func))
        finally:
            armed[0] = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)
        outcome.seconds = time.perf_counter() - start
        if outcome.error is not None:
            outcome.where = _learner_line(outcome.error, func)
        return outcome

    box: dict[str, Any] = {}

    def target():
        try:
            box["value"] = func(*args, **kwargs)
        except BaseException as exc:  # noqa: BLE001
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    elapsed = time.perf_counter() - start
    if thread.is_alive():
        return CallOutcome(timed_out=True, seconds=elapsed)
    error = box.get("error")
    return CallOutcome(value=box.get("value"), error=error, seconds=elapsed, where=_learner_line(error, func))


def _same(a: Any, b: Any) -> bool:
    """Deep equality that understands numpy arrays (used to detect mutated inputs)."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape
                and a.dtype == b.dtype and np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    try:
        return bool(a == b)
    except Exception:  # noqa: BLE001
        return a is b


# --------------------------------------------------------------------------- mistakes and cases


@dataclass(frozen=True)
class Mistake:
    """A common wrong answer and the message that names it.

    Give one of:

    * ``wrong``: for a :class:`FunctionExercise`, a function with the
      reference's signature that computes the wrong answer (matched when the
      learner's result is close to it); for a :class:`ValueExercise`, the wrong
      value itself or a function of no arguments returning it;
    * ``test``: a predicate. For a function exercise ``test(result, expected,
      case)``; for a value exercise ``test(answer, expected)``. Matched when it
      returns True (an exception counts as False).

    Write ``message`` in the learner's terms ("you divided by P instead of N");
    the case label is appended for function exercises.
    """

    message: str
    wrong: Any = None
    test: Callable | None = None

    def matches_value(self, answer, expected, closeness: Callable) -> bool:
        try:
            if self.test is not None:
                return bool(self.test(answer, expected))
            wrong = self.wrong() if callable(self.wrong) else self.wrong
            if isinstance(wrong, str):
                return isinstance(answer, str) and _norm_text(answer) == _norm_text(wrong)
            return closeness(answer, wrong)
        except Exception:  # noqa: BLE001
            return False

    def matches_call(self, result, expected, case: "Case", closeness: Callable) -> bool:
        try:
            if self.test is not None:
                return bool(self.test(result, expected, case))
            wrong = self.wrong(*copy.deepcopy(case.args), **copy.deepcopy(case.kwargs))
            return closeness(result, wrong)
        except Exception:  # noqa: BLE001
            return False


@dataclass(frozen=True)
class Case:
    """One call of a learner's function: its arguments and how to describe it.

    ``label`` says what is special about the case ("one pattern", "N = 1");
    ``sizes`` names the dimensions (e.g. ``{"P": 3, "N": 5}``) so that shape
    messages read ``(P, N)`` instead of ``(3, 5)``; pick sizes that differ.
    """

    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    label: str = ""
    sizes: dict = field(default_factory=dict)


def _norm_text(s: str) -> str:
    return " ".join(s.strip().lower().split())


# --------------------------------------------------------------------------- exercises


class Exercise:
    """Base class: an id, a title, ordered hints and a reference solution.

    Subclasses implement :meth:`_check`, which may raise; :meth:`check`
    turns any exception in the checker into a failed result so that it never
    raises in a learner's notebook.
    """

    kind = "exercise"

    def __init__(self, id: str, *, title: str, notebook: str, hints: Sequence[str]):
        if not id or not isinstance(id, str):
            raise ValueError(f"id: expected a non-empty string, got {id!r}")
        if isinstance(hints, str) or not hints:
            raise ValueError(f"{id}: give the hints as a list of strings, at least one")
        self.id = id
        self.title = title
        self.notebook = notebook
        self.hints = tuple(hints)
        self._next_hint = 0

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id!r}: {self.title}>"

    # -- the contract -------------------------------------------------------------------
    def check(self, answer) -> Result:
        """Check ``answer``; return a :class:`Result`. Never raises (except KeyboardInterrupt)."""
        if answer is Ellipsis:
            return Result(self.id, NOT_ATTEMPTED, "not attempted yet: replace the ... with your answer.")
        try:
            return self._check(answer)
        except (Exception, _TimeUp) as exc:  # noqa: BLE001 - the contract: a checker never raises
            return Result(self.id, FAILED, f"could not check this answer ({type(exc).__name__}: {exc}).")

    def hint(self, level: int | None = None) -> str:
        """Hint number ``level`` (1 = a nudge, the last = almost the answer).

        Without ``level``, each call gives the next hint, staying on the last.
        A ``level`` out of range raises ``ValueError``.
        """
        if level is None:
            level = min(self._next_hint, len(self.hints) - 1) + 1
            self._next_hint = level
        if isinstance(level, bool) or not isinstance(level, numbers.Integral) or not 1 <= level <= len(self.hints):
            raise ValueError(f"level: expected 1 to {len(self.hints)}, got {level!r}")
        return f"Hint {level}/{len(self.hints)}: {self.hints[level - 1]}"

    def solution(self):
        """The reference answer."""
        raise NotImplementedError

    def _check(self, answer) -> Result:
        raise NotImplementedError

    # -- helpers for subclasses ---------------------------------------------------------
    def _pass(self, message: str = "correct!") -> Result:
        return Result(self.id, PASSED, message)

    def _fail(self, message: str) -> Result:
        return Result(self.id, FAILED, message)


def _closeness(rtol: float, atol: float) -> Callable[[Any, Any], bool]:
    def close(a, b) -> bool:
        try:
            a_arr = np.asarray(a, dtype=float)
            b_arr = np.asarray(b, dtype=float)
        except (TypeError, ValueError):
            return False
        return a_arr.shape == b_arr.shape and bool(np.allclose(a_arr, b_arr, rtol=rtol, atol=atol))

    return close


def _as_number_array(x, what: str, none_hint: str = "did you forget to `return` the result?"
                     ) -> tuple[np.ndarray | None, str | None]:
    """``x`` as a float array, or a message saying why it is not one."""
    if x is None:
        return None, f"{what} is None: {none_hint}"
    if x is Ellipsis:
        return None, f"{what} is ...: replace it with your answer."
    if callable(x) and not isinstance(x, np.ndarray):
        return None, f"{what} should be a number or an array, got a function: did you forget to call it?"
    if isinstance(x, (str, bytes, dict, set)):
        return None, f"{what} should be a number or an array, got {describe_value(x)}."
    try:
        arr = np.asarray(x)
    except Exception:  # noqa: BLE001 - ragged lists
        return None, f"{what} should be a number or an array, got {describe_value(x)} that numpy cannot read."
    if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
        return None, f"{what} should hold numbers, got {describe_value(x)}."
    if np.issubdtype(arr.dtype, np.complexfloating):
        return None, f"{what} should hold real numbers, got complex numbers."
    arr = arr.astype(float)
    if np.any(np.isnan(arr)):
        return None, f"{what} contains NaN: look for a division by zero or an empty mean."
    if np.any(np.isinf(arr)):
        return None, f"{what} contains infinity: look for an overflow or a division by zero."
    return arr, None


def _is_bool(x) -> bool:
    return isinstance(x, (bool, np.bool_)) or (isinstance(x, np.ndarray) and x.dtype == bool)


class ValueExercise(Exercise):
    """An exercise whose answer is a value: a number, an array, a bool or a short string.

    Parameters
    ----------
    id, title, notebook, hints :
        See :class:`Exercise`.
    expected : value or callable of no arguments
        The reference answer (a callable is evaluated when first needed).
        Strings are compared ignoring case and surrounding spaces.
    rtol, atol : float
        Tolerance of the comparison for numbers and arrays.
    mistakes : list of Mistake
    explain : str
        Appended to the message when the answer is right (why it is right).

    >>> ex = ValueExercise("demo.n", title="N", notebook="00_demo", hints=["Count.", "100."],
    ...                    expected=100, mistakes=[Mistake("that is P, not N", wrong=5)])
    >>> print(ex.check(5))
    ✗ [demo.n] that is P, not N
    >>> print(ex.check(...))
    … [demo.n] not attempted yet: replace the ... with your answer.
    """

    kind = "value"

    def __init__(self, id, *, title, notebook, hints, expected, rtol=1e-6, atol=1e-9,
                 mistakes: Iterable[Mistake] = (), explain: str = ""):
        super().__init__(id, title=title, notebook=notebook, hints=hints)
        self._expected = expected
        self.rtol, self.atol = rtol, atol
        self.mistakes = tuple(mistakes)
        self.explain = explain

    def solution(self):
        return self._expected() if callable(self._expected) else self._expected

    def _correct(self) -> Result:
        return self._pass(("correct! " + self.explain).strip())

    def _check(self, answer) -> Result:
        expected = self.solution()
        close = _closeness(self.rtol, self.atol)
        if isinstance(expected, str):
            if not isinstance(answer, str):
                return self._fail(f"expected a string (text in quotes), got {describe_value(answer)}.")
            if _norm_text(answer) == _norm_text(expected):
                return self._correct()
            return self._fail(self._mistake_message(answer, expected, close) or "not quite: think again.")
        if isinstance(expected, (bool, np.bool_)):
            if not isinstance(answer, (bool, np.bool_)):
                return self._fail(f"expected True or False, got {describe_value(answer)}.")
            if bool(answer) == bool(expected):
                return self._correct()
            return self._fail(self._mistake_message(answer, expected, close) or "not quite: think again.")
        exp = np.asarray(expected, dtype=float)
        if exp.ndim == 0 and _is_bool(answer):
            return self._fail(f"expected a number, got {describe_value(answer)}.")
        arr, problem = _as_number_array(answer, "your answer", "assign your result to the answer variable.")
        if problem:
            return self._fail(problem)
        if arr.shape != exp.shape:
            if exp.ndim == 0 and arr.size == 1:
                arr = arr.reshape(())
            else:
                message = self._mistake_message(answer, expected, close)
                if message:
                    return self._fail(message)
                kind = "a single number" if exp.ndim == 0 else f"an array of shape {exp.shape}"
                return self._fail(f"expected {kind}, got {describe_value(np.asarray(answer))}.")
        if close(arr, exp):
            return self._correct()
        message = self._mistake_message(answer, expected, close)
        if message:
            return self._fail(message)
        if exp.ndim == 0:
            return self._fail(f"not quite: your answer {float(arr):.6g} is not the expected value.")
        wrong = int(np.sum(~np.isclose(arr, exp, rtol=self.rtol, atol=self.atol)))
        return self._fail(f"not quite: {wrong} of {exp.size} entries differ from the expected values.")

    def _mistake_message(self, answer, expected, close) -> str | None:
        for mistake in self.mistakes:
            if mistake.matches_value(answer, expected, close):
                return mistake.message
        return None


class FunctionExercise(Exercise):
    """An exercise whose answer is a function, called on several cases.

    Parameters
    ----------
    id, title, notebook, hints :
        See :class:`Exercise`.
    reference : callable
        The reference implementation; the expected result of each case is
        ``reference(*case.args, **case.kwargs)``.
    cases : list of Case, or a callable returning one
        Include edge cases (one pattern, N = 1, ties, a batch). Cases are
        built once, from fixed seeds.
    mistakes : list of Mistake
        Tested, in order, on the first case the learner's function gets wrong.
    rtol, atol : float
        Tolerance of the comparison.
    returns : "array" or "number" or "bool"
        What the function should return (for type messages).
    time_limit : float
        Seconds per call before the learner's function is stopped; all calls
        of one check together get ``max(3 * time_limit, 20)`` seconds.
    explain : str
        Appended to the message when the answer is right.
    """

    kind = "function"

    def __init__(self, id, *, title, notebook, hints, reference: Callable, cases, mistakes: Iterable[Mistake] = (),
                 rtol=1e-6, atol=1e-9, returns: str = "array", time_limit: float = DEFAULT_TIME_LIMIT,
                 explain: str = ""):
        super().__init__(id, title=title, notebook=notebook, hints=hints)
        if returns not in ("array", "number", "bool"):
            raise ValueError(f"returns: expected 'array', 'number' or 'bool', got {returns!r}")
        if not callable(reference):
            raise TypeError(f"{id}: reference: expected a function, got {describe_value(reference)}")
        self.reference = reference
        self._cases = cases
        self._built: list[Case] | None = None
        self.mistakes = tuple(mistakes)
        self.rtol, self.atol = rtol, atol
        self.returns = returns
        self.time_limit = float(time_limit)
        self.explain = explain

    @property
    def cases(self) -> list[Case]:
        if self._built is None:
            self._built = list(self._cases() if callable(self._cases) else self._cases)
            if not self._built:
                raise ValueError(f"{self.id}: no cases to check")
        return self._built

    def solution(self):
        return self.reference

    def _check(self, answer) -> Result:
        if answer is None:
            return self._fail("got None instead of a function: pass the function itself, e.g. check(id, my_function).")
        if not callable(answer):
            return self._fail(f"expected a function, got {describe_value(answer)}.")
        close = _closeness(self.rtol, self.atol)
        cases = self.cases
        total_budget = max(TOTAL_TIME_FACTOR * self.time_limit, TOTAL_TIME_MIN)
        start = time.perf_counter()
        for k, case in enumerate(cases):
            label = f" (case {k + 1} of {len(cases)}: {case.label})" if case.label else ""
            problem = self._signature_problem(answer, case)
            if problem:
                return self._fail(problem)
            remaining = total_budget - (time.perf_counter() - start)
            budget = min(self.time_limit, remaining)
            if budget <= 0:
                return self._fail(f"your function is too slow: {k} of {len(cases)} cases took more than "
                                  f"{total_budget:g} s together; look for loops numpy could do for you.")
            args, kwargs = copy.deepcopy(case.args), copy.deepcopy(case.kwargs)
            outcome = call_with_time_limit(answer, args, kwargs, budget)
            if isinstance(outcome.error, NotImplementedError):
                if k == 0:
                    return Result(self.id, NOT_ATTEMPTED,
                                  "not attempted yet: your function still raises NotImplementedError "
                                  "(replace that line with your code).")
                return self._fail(f"your function raised NotImplementedError{outcome.where}{label}: "
                                  "remove the `raise NotImplementedError` line.")
            if outcome.timed_out:
                if budget < self.time_limit:
                    return self._fail(f"your function is too slow: the cases took more than {total_budget:g} s "
                                      f"together{outcome.where}{label}; look for loops numpy could do for you.")
                return self._fail(f"your function did not finish within {self.time_limit:g} s{outcome.where}{label}: "
                                  "look for a loop that never ends, or loop over fewer things.")
            if outcome.error is not None:
                err = outcome.error
                text = str(err).strip()
                text = f": {text}" if text else ""
                return self._fail(f"your function raised {type(err).__name__}{text}{outcome.where}{label}.")
            changed = [name for name, before, after in self._named_args(case, args, kwargs)
                       if not _same(before, after)]
            if changed:
                return self._fail(f"your function changed its input `{changed[0]}`{label}: work on a copy "
                                  f"(e.g. `{changed[0]} = {changed[0]}.copy()`) instead of modifying it in place.")
            expected = self.reference(*copy.deepcopy(case.args), **copy.deepcopy(case.kwargs))
            message = self._compare(outcome.value, expected, case, close)
            if message:
                return self._fail(message + label)
        return self._pass((f"correct on all {len(cases)} cases! " + self.explain).strip())

    def _signature_problem(self, answer, case: Case) -> str | None:
        try:
            sig = inspect.signature(answer)
        except (TypeError, ValueError):
            return None
        try:
            sig.bind(*case.args, **case.kwargs)
        except TypeError:
            try:
                want = str(inspect.signature(self.reference))
            except (TypeError, ValueError):
                want = "the arguments in the exercise"
            return f"your function should accept {want}; yours accepts {sig}."
        return None

    def _named_args(self, case: Case, args, kwargs):
        try:
            names = list(inspect.signature(self.reference).parameters)
        except (TypeError, ValueError):
            names = []
        for k, (before, after) in enumerate(zip(case.args, args)):
            yield (names[k] if k < len(names) else f"argument {k + 1}"), before, after
        for key in case.kwargs:
            yield key, case.kwargs[key], kwargs[key]

    def _compare(self, result, expected, case: Case, close) -> str | None:
        what = "your function returned"
        if self.returns == "bool":
            if not isinstance(result, (bool, np.bool_)):
                return f"expected True or False, but {what} {describe_value(result)}"
            if bool(result) != bool(expected):
                return self._mistake_message(result, expected, case, close) or (
                    f"{what} {bool(result)}, expected {bool(expected)}")
            return None
        if self.returns == "number" and _is_bool(result):
            return f"expected a single number, but {what} {describe_value(result)}"
        arr, problem = _as_number_array(result, "the result of your function")
        if problem:
            return problem
        exp = np.asarray(expected, dtype=float)
        if self.returns == "number" and arr.size == 1 and exp.ndim == 0:
            arr = arr.reshape(())
        if arr.shape != exp.shape:
            message = self._mistake_message(result, expected, case, close)
            if message:
                return message
            if exp.ndim == 0:
                return f"expected a single number, got {describe_value(np.asarray(result))}"
            if arr.ndim == 0:
                return f"shape {describe_shape(exp.shape, case.sizes)} expected, got a single number"
            return (f"shape {describe_shape(exp.shape, case.sizes)} expected, "
                    f"got {describe_shape(arr.shape, case.sizes)}")
        if close(arr, exp):
            return None
        message = self._mistake_message(result, expected, case, close)
        if message:
            return message
        if exp.ndim == 0:
            return f"{what} {float(arr):.6g}, expected {float(exp):.6g}"
        bad = np.argwhere(~np.isclose(arr, exp, rtol=self.rtol, atol=self.atol))
        first = tuple(int(v) for v in bad[0])
        where = first[0] if len(first) == 1 else first
        return (f"{len(bad)} of {exp.size} entries are off; e.g. entry {where} is {arr[first]:.6g}, "
                f"expected {exp[first]:.6g}")

    def _mistake_message(self, result, expected, case: Case, close) -> str | None:
        for mistake in self.mistakes:
            if mistake.matches_call(result, expected, case, close):
                return mistake.message
        return None


def is_close(a, b, *, rtol=1e-6, atol=1e-9) -> bool:
    """True when ``a`` and ``b`` have the same shape and are close (for mistake tests).

    >>> is_close([1.0, 2.0], np.array([1.0, 2.0 + 1e-12])), is_close(1.0, [1.0])
    (True, False)
    """
    return _closeness(rtol, atol)(a, b)


def isfinite_number(x) -> bool:
    """True for a finite real number (Python or numpy), not a bool.

    >>> isfinite_number(2.5), isfinite_number(float("nan")), isfinite_number(True)
    (True, False, False)
    """
    return (isinstance(x, (numbers.Real, np.number)) and not isinstance(x, (bool, np.bool_))
            and math.isfinite(float(x)))
