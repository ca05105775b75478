"""The checker machinery (hopfield_course.checks._core and the package's check/hint/solution).

Every way a learner's answer can go wrong gives a Result with a message, never an
exception: not attempted, None, ..., a crash, a time-out, a mutated input, the wrong
type or shape, NaN, a wrong signature. Hints come in order; check() shows its result
exactly once per cell; an unknown id gets a suggestion; results reach the grader's log.
"""

import json
import textwrap
import threading
import time

import nbformat
import numpy as np
import pytest

import hopfield_course.checks as checks
from hopfield_course.checks import (
    EXERCISES,
    FAILED,
    NOT_ATTEMPTED,
    PASSED,
    Case,
    FunctionExercise,
    Mistake,
    Result,
    ValueExercise,
    check,
    exercises_for,
    hint,
    register,
    solution,
)
from hopfield_course.checks import _core
from hopfield_course.checks._core import call_with_time_limit, describe_shape


# --------------------------------------------------------------------------- helpers


def normalise_rows(x):
    """Reference: each row of x divided by its sum."""
    return x / x.sum(axis=1, keepdims=True)


def make_function_exercise(**overrides):
    rng = np.random.default_rng(0)
    options = dict(
        title="Normalise the rows",
        notebook="00_core_test",
        hints=["Divide.", "By the row sums.", "x / x.sum(axis=1, keepdims=True)"],
        reference=normalise_rows,
        cases=[
            Case((rng.random((3, 5)) + 0.1,), label="P = 3 rows of N = 5", sizes={"P": 3, "N": 5}),
            Case((rng.random((1, 4)) + 0.1,), label="one row", sizes={"P": 1, "N": 4}),
        ],
        mistakes=[
            Mistake("you divided by the column sums instead of the row sums",
                    wrong=lambda x: x / x.sum(axis=0, keepdims=True)),
            Mistake("you divided by the total instead of each row's sum", wrong=lambda x: x / x.sum()),
        ],
        time_limit=0.5,
    )
    options.update(overrides)
    return FunctionExercise("core.normalise", **options)


@pytest.fixture
def fx():
    return make_function_exercise()


@pytest.fixture
def vx():
    return ValueExercise(
        "core.value", title="A vector", notebook="00_core_test",
        hints=["First.", "Second.", "Third."], expected=np.array([1.0, 2.0, 3.0]),
        mistakes=[Mistake("you reversed the order", wrong=np.array([3.0, 2.0, 1.0])),
                  Mistake("you gave the sum instead of the vector", test=lambda a, e: np.ndim(a) == 0 and a == 6),
                  Mistake("these are the squares", wrong=lambda: np.array([1.0, 4.0, 9.0]))])


@pytest.fixture
def registered():
    """Register throw-away exercises for one test and remove them afterwards."""
    added = []

    def add(exercise):
        added.append(register(exercise).id)
        return exercise

    yield add
    for ex_id in added:
        EXERCISES.pop(ex_id, None)


# --------------------------------------------------------------------------- Result


def test_result_fields_and_text():
    r = Result("a.b", PASSED, "correct!")
    assert r.passed and bool(r) and r.status == "passed"
    assert str(r) == "✓ [a.b] correct!"
    assert r.to_dict() == {"exercise": "a.b", "status": "passed", "passed": True, "message": "correct!"}
    assert not Result("a.b", FAILED, "no").passed
    assert str(Result("a.b", NOT_ATTEMPTED, "not attempted yet")).startswith("…")
    assert "#cf222e" in Result("a.b", FAILED, "<x>")._repr_html_()
    assert "&lt;x&gt;" in Result("a.b", FAILED, "<x>")._repr_html_()
    with pytest.raises(ValueError, match="status"):
        Result("a.b", "maybe", "?")


def test_describe_shape_names_dimensions():
    assert describe_shape((3, 5), {"P": 3, "N": 5}) == "(P, N)"
    assert describe_shape((5,), {"P": 3, "N": 5}) == "(N,)"
    assert describe_shape((2, 7), {"N": 5}) == "(2, 7)"


# --------------------------------------------------------------------------- function exercises


def test_reference_passes(fx):
    r = fx.check(normalise_rows)
    assert r.passed and r.message.startswith("correct on all 2 cases")


def test_stub_is_not_attempted(fx):
    def stub(x):
        # YOUR CODE HERE
        raise NotImplementedError

    r = fx.check(stub)
    assert r.status == NOT_ATTEMPTED and "not attempted yet" in r.message


def test_not_implemented_after_the_first_case_is_a_failure(fx):
    def partial(x):
        if x.shape[0] == 1:
            raise NotImplementedError
        return normalise_rows(x)

    r = fx.check(partial)
    assert r.status == FAILED and "remove the `raise NotImplementedError`" in r.message


def test_ellipsis_and_none_and_non_functions(fx):
    assert fx.check(...).status == NOT_ATTEMPTED
    r = fx.check(None)
    assert r.status == FAILED and "got None instead of a function" in r.message
    r = fx.check(3.0)
    assert r.status == FAILED and "expected a function, got the number 3.0" in r.message


def test_a_crash_names_the_error_the_case_and_the_line(fx):
    def crashes(x):
        total = x.sum(axis=1)
        return x / total[:, None] / undefined_name  # noqa: F821

    r = fx.check(crashes)
    assert r.status == FAILED
    assert "your function raised NameError: name 'undefined_name' is not defined" in r.message
    assert "(case 1 of 2: P = 3 rows of N = 5)" in r.message
    assert "(line " in r.message and "`return x / total[:, None] / undefined_name" in r.message


def test_an_endless_loop_is_stopped():
    ex = make_function_exercise(time_limit=0.3)

    def endless(x):
        while True:
            pass

    start = time.perf_counter()
    r = ex.check(endless)
    assert time.perf_counter() - start < 3
    assert r.status == FAILED and "did not finish within 0.3 s" in r.message
    assert "`pass`" in r.message or "line" in r.message


def test_except_exception_cannot_swallow_the_time_limit():
    ex = make_function_exercise(time_limit=0.3)

    def stubborn(x):
        while True:
            try:
                time.sleep(0.01)
            except Exception:  # noqa: BLE001 - what a learner might write
                pass

    r = ex.check(stubborn)
    assert r.status == FAILED and "did not finish" in r.message


def test_the_cases_together_have_a_budget(monkeypatch):
    monkeypatch.setattr(_core, "TOTAL_TIME_MIN", 0.25)
    monkeypatch.setattr(_core, "TOTAL_TIME_FACTOR", 1.0)
    ex = make_function_exercise(time_limit=0.2)

    def slow(x):
        time.sleep(0.15)
        return normalise_rows(x)

    r = ex.check(slow)
    assert r.status == FAILED and "too slow" in r.message


def test_a_mutated_input_is_reported(fx):
    def in_place(x):
        x /= x.sum(axis=1, keepdims=True)
        return x

    r = fx.check(in_place)
    assert r.status == FAILED
    assert "your function changed its input `x`" in r.message and "x = x.copy()" in r.message


def test_a_mutated_keyword_argument_is_reported():
    def add_one(a, *, out):
        return a + 1

    ex = FunctionExercise("core.kw", title="t", notebook="00_core_test", hints=["a", "b"], reference=add_one,
                          cases=[Case((np.zeros(3),), {"out": np.zeros(3)}, label="kw")])

    def sneaky(a, *, out):
        out[:] = 7
        return a + 1

    assert ex.check(add_one).passed
    r = ex.check(sneaky)
    assert r.status == FAILED and "changed its input `out`" in r.message


@pytest.mark.parametrize("answer,text", [
    (lambda x: "rows", "should be a number or an array, got the string 'rows'"),
    (lambda x: {"a": 1}, "should be a number or an array, got a dict"),
    (lambda x: [[1, 2], [3]], "numpy cannot read"),
    (lambda x: None, "is None: did you forget to `return` the result?"),
    (lambda x: ..., "is ...: replace it with your answer"),
    (lambda x: x * np.nan, "contains NaN"),
    (lambda x: x * np.inf, "contains infinity"),
    (lambda x: x.astype(complex), "real numbers"),
    (lambda x: normalise_rows(x).T, "shape (P, N) expected, got (N, P)"),
    (lambda x: 1.0, "shape (P, N) expected, got a single number"),
    (lambda x: normalise_rows(x).ravel(), "shape (P, N) expected, got (15,)"),
    (lambda x: normalise_rows(x) + 0.01, "15 of 15 entries are off"),
], ids=["str", "dict", "ragged", "None", "ellipsis", "nan", "inf", "complex", "transposed", "scalar",
        "flat", "values"])
def test_wrong_results_have_messages(fx, answer, text):
    r = fx.check(answer)
    assert r.status == FAILED
    assert text in r.message


def test_signature_mismatch(fx):
    r = fx.check(lambda x, y: x)
    assert r.status == FAILED
    assert "your function should accept (x); yours accepts (x, y)" in r.message


def test_mistakes_are_named_first_match_wins(fx):
    r = fx.check(lambda x: x / x.sum(axis=0, keepdims=True))
    assert r.status == FAILED and r.message.startswith("you divided by the column sums instead of the row sums")
    r = fx.check(lambda x: x / x.sum())
    assert r.message.startswith("you divided by the total instead of each row's sum")


def test_a_mistake_test_predicate_and_a_broken_mistake():
    ex = make_function_exercise(mistakes=[
        Mistake("this mistake is broken", wrong=lambda x: 1 / 0),
        Mistake("your rows sum to 2", test=lambda result, expected, case: np.allclose(result.sum(axis=1), 2)),
    ])
    r = ex.check(lambda x: 2 * normalise_rows(x))
    assert r.status == FAILED and r.message.startswith("your rows sum to 2")


def test_number_and_bool_returns():
    count = FunctionExercise("core.count", title="t", notebook="00_core_test", hints=["a", "b"],
                             reference=lambda s: int(np.sum(s > 0)), returns="number",
                             cases=[Case((np.array([1.0, -1.0, 1.0]),), label="three")])
    assert count.check(lambda s: np.sum(s > 0)).passed
    assert count.check(lambda s: np.array([2])).passed  # a size-1 array is a number
    r = count.check(lambda s: True)
    assert r.status == FAILED and "expected a single number, but your function returned the bool True" in r.message
    r = count.check(lambda s: 3)
    assert "your function returned 3, expected 2" in r.message

    positive = FunctionExercise("core.pos", title="t", notebook="00_core_test", hints=["a", "b"],
                                reference=lambda s: bool(np.all(s > 0)), returns="bool",
                                cases=[Case((np.array([1.0, 2.0]),), label="positive")])
    assert positive.check(lambda s: np.all(s > 0)).passed
    r = positive.check(lambda s: 1)
    assert r.status == FAILED and "expected True or False, but your function returned the number 1" in r.message
    r = positive.check(lambda s: False)
    assert "your function returned False, expected True" in r.message


def test_a_broken_checker_does_not_raise():
    ex = make_function_exercise(reference=lambda x: 1 / 0)
    r = ex.check(normalise_rows)
    assert r.status == FAILED and "could not check this answer (ZeroDivisionError" in r.message


@pytest.mark.parametrize("answer", [object(), "text", np.array([np.nan]), type, print, iter([1]), 10**400])
def test_check_never_raises(fx, vx, answer):
    for ex in (fx, vx):
        assert isinstance(ex.check(answer), Result)


def test_cases_are_built_once_and_lazily():
    calls = []

    def build():
        calls.append(1)
        return [Case((np.ones((2, 2)),), label="ones")]

    ex = make_function_exercise(cases=build)
    assert calls == []
    ex.check(normalise_rows)
    ex.check(normalise_rows)
    assert calls == [1]


def test_bad_definitions_are_rejected():
    with pytest.raises(ValueError, match="returns"):
        make_function_exercise(returns="list")
    with pytest.raises(ValueError, match="hints"):
        make_function_exercise(hints=[])
    with pytest.raises(ValueError, match="hints"):
        make_function_exercise(hints="one string")
    with pytest.raises(TypeError, match="reference"):
        make_function_exercise(reference=3)


# --------------------------------------------------------------------------- calling with a time limit


def test_call_with_time_limit_outside_the_main_thread():
    box = {}

    def run():
        box["slow"] = call_with_time_limit(time.sleep, (5,), seconds=0.2)
        box["fine"] = call_with_time_limit(divmod, (7, 2), seconds=1)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(10)
    assert box["slow"].timed_out and box["slow"].seconds < 2
    assert box["fine"].value == (3, 1)


def test_keyboard_interrupt_passes_through():
    def interrupted():
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        call_with_time_limit(interrupted)


def test_the_previous_alarm_handler_is_restored():
    import signal

    before = signal.getsignal(signal.SIGALRM)
    call_with_time_limit(divmod, (1, 1))
    assert signal.getsignal(signal.SIGALRM) == before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


# --------------------------------------------------------------------------- value exercises


def test_value_exercise(vx):
    assert vx.check([1, 2, 3]).passed
    assert vx.check(np.array([1.0, 2.0, 3.0 + 1e-12])).passed
    assert vx.check(...).status == NOT_ATTEMPTED
    r = vx.check(None)
    assert r.status == FAILED and "your answer is None" in r.message
    assert vx.check(np.array([3.0, 2.0, 1.0])).message == "you reversed the order"
    assert vx.check(6).message == "you gave the sum instead of the vector"
    assert vx.check(np.array([1.0, 4.0, 9.0])).message == "these are the squares"
    assert "2 of 3 entries differ" in vx.check([1, 5, 6]).message
    assert "expected an array of shape (3,), got an array of shape (2,)" in vx.check([1, 2]).message
    assert "contains NaN" in vx.check([1, np.nan, 3]).message
    assert "got a function: did you forget to call it?" in vx.check(np.sum).message
    assert "got the string 'abc'" in vx.check("abc").message
    assert vx.solution().tolist() == [1.0, 2.0, 3.0]


def test_value_exercise_numbers_bools_strings():
    number = ValueExercise("core.n", title="t", notebook="00_core_test", hints=["a", "b"], expected=lambda: 0.138,
                           rtol=0.05, explain="Amit et al. (1985).",
                           mistakes=[Mistake("that is the fraction for perfect recall", wrong=0.072)])
    r = number.check(0.14)
    assert r.passed and r.message == "correct! Amit et al. (1985)."
    assert number.check(np.array([0.138])).passed
    assert number.check(0.072).message == "that is the fraction for perfect recall"
    assert "your answer 0.5 is not the expected value" in number.check(0.5).message
    assert "expected a number, got the bool True" in number.check(True).message
    assert "expected a single number" in number.check([0.1, 0.2]).message

    flag = ValueExercise("core.b", title="t", notebook="00_core_test", hints=["a", "b"], expected=True)
    assert flag.check(True).passed and flag.check(np.bool_(True)).passed
    assert "expected True or False, got the number 1" in flag.check(1).message
    assert "think again" in flag.check(False).message

    word = ValueExercise("core.s", title="t", notebook="00_core_test", hints=["a", "b"], expected="asynchronous",
                         mistakes=[Mistake("synchronous updates can end in a 2-cycle", wrong="synchronous")])
    assert word.check("  Asynchronous ").passed
    assert word.check("synchronous").message == "synchronous updates can end in a 2-cycle"
    assert "expected a string" in word.check(1).message


# --------------------------------------------------------------------------- hints


def test_hints_come_in_order_and_stay_on_the_last(fx):
    assert fx.hint() == "Hint 1/3: Divide."
    assert fx.hint() == "Hint 2/3: By the row sums."
    assert fx.hint() == "Hint 3/3: x / x.sum(axis=1, keepdims=True)"
    assert fx.hint() == "Hint 3/3: x / x.sum(axis=1, keepdims=True)"
    assert fx.hint(1) == "Hint 1/3: Divide."
    with pytest.raises(ValueError, match="1 to 3"):
        fx.hint(4)


def test_hint_function_prints_and_never_raises(registered, capsys):
    registered(make_function_exercise())
    hint("core.normalise")
    hint("core.normalise")
    hint("core.normalise", 9)
    hint("core.normalis")
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Hint 1/3: Divide."
    assert out[1] == "Hint 2/3: By the row sums."
    assert out[2] == "core.normalise has hints 1 to 3; you asked for 9."
    assert "Did you mean 'core.normalise'?" in out[3]


# --------------------------------------------------------------------------- the registry and check()


def test_check_prints_once_and_returns_the_result(registered, capsys):
    registered(make_function_exercise())
    r = check("core.normalise", normalise_rows)
    assert r.passed
    assert capsys.readouterr().out == f"{r}\n"


def test_unknown_id_suggests_the_closest(registered):
    registered(make_function_exercise())
    r = check("core.normalize", normalise_rows)
    assert r.status == FAILED
    assert r.message == "there is no exercise with id 'core.normalize'. Did you mean 'core.normalise'?"
    r = check(42, normalise_rows)
    assert r.status == FAILED and "no exercise with id 42" in r.message


def test_check_without_an_answer(registered):
    registered(make_function_exercise())
    r = check("core.normalise")
    assert r.status == FAILED and "check('core.normalise', your_answer)" in r.message


def test_register_solution_exercises_for(registered):
    ex = registered(make_function_exercise())
    with pytest.raises(ValueError, match="registered twice"):
        register(make_function_exercise())
    with pytest.raises(TypeError, match="Exercise"):
        register("core.normalise")
    assert solution("core.normalise") is normalise_rows
    with pytest.raises(KeyError, match="no exercise"):
        solution("core.nothing")
    assert exercises_for("00_core_test") == [ex]
    assert exercises_for("exercises/00_core_test.ipynb") == [ex]
    assert exercises_for("99_nothing") == []


def test_every_checker_module_imports():
    assert checks.IMPORT_ERRORS == {}


# --------------------------------------------------------------------------- the grader's log


def test_every_check_is_logged_for_the_grader(registered, tmp_path, monkeypatch, capsys):
    registered(make_function_exercise())
    log = tmp_path / "log.jsonl"
    monkeypatch.setenv("HOPFIELD_GRADE_LOG", str(log))
    check("core.normalise", normalise_rows)
    check("core.normalise", None)
    check("core.nope", 1)
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [(d["exercise"], d["status"], d["passed"]) for d in lines] == [
        ("core.normalise", "passed", True), ("core.normalise", "failed", False), ("core.nope", "failed", False)]
    assert "got None" in lines[1]["message"]


def test_no_log_without_the_variable_and_an_unwritable_log_is_ignored(registered, tmp_path, monkeypatch, capsys):
    registered(make_function_exercise())
    monkeypatch.delenv("HOPFIELD_GRADE_LOG", raising=False)
    assert check("core.normalise", normalise_rows).passed
    monkeypatch.setenv("HOPFIELD_GRADE_LOG", str(tmp_path / "no" / "such" / "folder" / "log"))
    assert check("core.normalise", normalise_rows).passed


# --------------------------------------------------------------------------- in a real kernel


KERNEL_CELLS = [
    """
    import time
    import numpy as np
    from hopfield_course.checks import check, hint, register, ValueExercise, FunctionExercise, Case
    register(ValueExercise("kernel.v", title="t", notebook="00_kernel", hints=["h1", "h2"], expected=2))
    register(FunctionExercise("kernel.f", title="t", notebook="00_kernel", hints=["h1", "h2"],
                              reference=lambda x: x + 1, cases=[Case((1,), label="one")], time_limit=0.5,
                              returns="number"))
    """,
    'check("kernel.v", 2)',                      # 2: the last expression: shown once, not twice
    'r = check("kernel.v", 3)',                  # 3: assigned: shown once
    "r",                                         # 4: shown again on purpose, in a new cell
    'check("kernel.v", 2); check("kernel.v", ...)',  # 5: two checks, two lines
    """
    def endless(x):
        while True:
            pass
    t0 = time.time()
    res = check("kernel.f", endless)
    print(res.status, time.time() - t0 < 3)
    """,                                         # 6: the time limit works in the kernel's main thread
    'check("kernel.f", lambda x: x + 1).passed',  # 7: the kernel is fine afterwards
    'hint("kernel.v")',                           # 8: hints print
]


def test_rich_display_once_per_check_and_time_limit_in_a_kernel():
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(textwrap.dedent(c).strip())
                                         for c in KERNEL_CELLS])
    NotebookClient(nb, kernel_name="python3", timeout=120).execute()
    outs = [cell.outputs for cell in nb.cells]

    def plain(o):
        return o.get("text") or o.get("data", {}).get("text/plain")

    for k in (1, 2, 3):
        assert len(outs[k]) == 1, (k, outs[k])
        assert outs[k][0].output_type == "display_data"
        assert set(outs[k][0].data) == {"text/plain", "text/html"}
    assert plain(outs[1][0]) == "✓ [kernel.v] correct!"
    assert plain(outs[2][0]).startswith("✗ [kernel.v]")
    assert plain(outs[3][0]) == plain(outs[2][0])
    assert [plain(o) for o in outs[4]] == ["✓ [kernel.v] correct!",
                                           "… [kernel.v] not attempted yet: replace the ... with your answer."]
    assert "did not finish within 0.5 s" in plain(outs[5][0])
    assert outs[5][1].text == "failed True\n"
    assert [o.output_type for o in outs[6]] == ["display_data", "execute_result"]
    assert outs[6][1].data["text/plain"] == "True"
    assert outs[7][0].text == "Hint 1/2: h1\n"
