"""The generator `python -m hopfield_course.authoring.exercises build`: solutions/ -> exercises/.

Round trip on tests/fixtures/generator/solutions/90_fixture.ipynb (function blocks, a method,
value blocks, markdown solution text, a `solution`-tagged cell, outputs, a magic), the
record of what was written, --check, the refusal to overwrite a learner's edits, --force
with a backup, marker errors, and that generated notebooks run. The repository's own
exercises/ are checked for sync here too (and executed by `pytest exercises --nbval-lax`
in `make test`).
"""

import ast
import hashlib
import json
import shutil
from pathlib import Path

import nbformat
import pytest

from hopfield_course.authoring import exercises as gen
from hopfield_course.authoring import notebooks

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "generator" / "solutions" / "90_fixture.ipynb"
NAME = "90_fixture.ipynb"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A throw-away course folder with solutions/90_fixture.ipynb; the current directory."""
    (tmp_path / "solutions").mkdir()
    shutil.copy(FIXTURE, tmp_path / "solutions" / NAME)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def build(*args, capsys=None):
    code = gen.main(["build", *args])
    out = capsys.readouterr().out if capsys is not None else ""
    return code, out


def cells(path):
    return nbformat.read(str(path), as_version=4).cells


def edit_solution(repo, text="An extra sentence."):
    path = repo / "solutions" / NAME
    nb = notebooks.read(path)
    nb.cells[0].source += "\n\n" + text
    notebooks.write(nb, path)


def edit_exercise(repo, text="    return 2 * np.asarray(image) - 1"):
    path = repo / "exercises" / NAME
    nb = notebooks.read(path)
    nb.cells[3].source = nb.cells[3].source.replace("    raise NotImplementedError", text)
    notebooks.write(nb, path)


# --------------------------------------------------------------------------- the round trip


def test_round_trip(repo, capsys):
    code, out = build(capsys=capsys)
    assert code == 0 and f"wrote {Path('exercises') / NAME}" in out
    sol, ex = cells(repo / "solutions" / NAME), cells(repo / "exercises" / NAME)
    by_id = {c.id: c for c in ex}
    # the solution-tagged markdown cell and the all-solution markdown cell are gone
    assert len(sol) == 15 and len(ex) == 13
    assert [c.id for c in ex] == [c.id for k, c in enumerate(sol) if k not in (5, 6)]

    assert by_id[sol[2].id].source == "## Exercise 1: a function\n\nWrite `to_spins(image)`.\n\nThen run the check."
    assert by_id[sol[3].id].source == (
        'def to_spins(image):\n    """0/1 -> -1/+1."""\n    # YOUR CODE HERE\n    raise NotImplementedError')
    # only the names used later (n_differ in the check cell, k printed there) become stubs
    assert by_id[sol[8].id].source == "# YOUR CODE HERE\nn_differ = ...\nk = ..."
    assert by_id[sol[11].id].source == (
        "class Flipper:\n    def flip(self, s, idx):\n        # YOUR CODE HERE\n        raise NotImplementedError\n"
        "\n\ndef hamming(s, t):\n    # YOUR CODE HERE\n    raise NotImplementedError\n"
        "\n\n# YOUR CODE HERE\nd_used = ...\nprint(d_used)")

    # exercise and check cells are cleared ...
    for k in (3, 4, 8, 9, 11, 12):
        cell = by_id[sol[k].id]
        assert cell.outputs == [] and cell.execution_count is None, k
    # ... and every other cell is exactly the solution's
    for k in (0, 1, 7, 10, 13, 14):
        assert by_id[sol[k].id] == sol[k], k
    assert by_id[sol[1].id].outputs[0].text == "ready\n"
    assert notebooks.is_normalized(repo / "exercises" / NAME)


def test_the_record_holds_the_hash_of_what_was_written(repo):
    build()
    record = json.loads((repo / "exercises" / gen.MANIFEST).read_text(encoding="utf-8"))
    digest = hashlib.sha256((repo / "exercises" / NAME).read_bytes()).hexdigest()
    assert record["notebooks"] == {NAME: f"sha256:{digest}"}
    assert "Do not edit" in record["about"]


def test_a_second_build_changes_nothing(repo, capsys):
    build()
    target = repo / "exercises" / NAME
    before = (target.read_bytes(), target.stat().st_mtime_ns)
    code, out = build(capsys=capsys)
    assert code == 0 and "up to date" in out
    assert (target.read_bytes(), target.stat().st_mtime_ns) == before


def test_paths_can_name_a_solution_an_exercise_or_a_folder(repo, capsys):
    for path in ("solutions", f"solutions/{NAME}", f"exercises/{NAME}", "exercises"):
        code, out = build(path, capsys=capsys)
        assert code == 0 and NAME in out, path
    code, _ = build("solutions/99_nothing.ipynb", capsys=capsys)
    assert code == 2


# --------------------------------------------------------------------------- --check


def test_check_passes_after_build(repo, capsys):
    build()
    code, out = build("--check", capsys=capsys)
    assert code == 0 and "1/1 exercise notebooks up to date" in out


def test_check_detects_drift(repo, capsys):
    code, out = build("--check", capsys=capsys)
    assert code == 1 and f"{Path('exercises') / NAME}: missing" in out
    build()
    edit_solution(repo)
    code, out = build("--check", capsys=capsys)
    assert code == 1 and f"{Path('exercises') / NAME}: out of date" in out
    before = (repo / "exercises" / NAME).read_bytes()
    assert (repo / "exercises" / NAME).read_bytes() == before  # --check writes nothing


def test_check_names_an_exercise_without_solution_and_a_stale_record(repo, capsys):
    build()
    shutil.copy(repo / "exercises" / NAME, repo / "exercises" / "91_orphan.ipynb")
    shutil.copy(repo / "exercises" / NAME, repo / "exercises" / "90_fixture.backup.ipynb")  # ignored
    code, out = build("--check", capsys=capsys)
    assert code == 1 and "91_orphan.ipynb: no solution notebook" in out and "backup" not in out
    (repo / "exercises" / "91_orphan.ipynb").unlink()
    (repo / "exercises" / gen.MANIFEST).unlink()
    code, out = build("--check", capsys=capsys)
    assert code == 1 and f"does not record {NAME} as generated" in out


def test_a_changed_solution_is_regenerated_without_backup(repo, capsys):
    build()
    edit_solution(repo, "A new sentence.")
    code, out = build(capsys=capsys)
    assert code == 0 and "wrote" in out
    assert "A new sentence." in cells(repo / "exercises" / NAME)[0].source
    assert not list((repo / "exercises").glob("*.backup.ipynb"))


def test_a_windows_checkout_is_not_an_edit(repo, capsys):
    build()
    target = repo / "exercises" / NAME
    target.write_bytes(target.read_bytes().replace(b"\n", b"\r\n"))
    assert build("--check", capsys=capsys)[0] == 0
    edit_solution(repo)
    code, out = build(capsys=capsys)
    assert code == 0 and "wrote" in out


# --------------------------------------------------------------------------- a learner's work is kept


def test_refuses_to_overwrite_a_learners_edits(repo, capsys):
    build()
    edit_exercise(repo)
    edit_solution(repo)
    learner = (repo / "exercises" / NAME).read_bytes()
    code, out = build(capsys=capsys)
    assert code == 1
    assert f"kept {Path('exercises') / NAME}: it has changes the generator did not make" in out
    assert "--force" in out
    assert (repo / "exercises" / NAME).read_bytes() == learner
    assert not list((repo / "exercises").glob("*.backup.ipynb"))


def test_force_overwrites_and_keeps_a_backup(repo, capsys):
    build()
    edit_exercise(repo, "    return 1  # first attempt")
    first = (repo / "exercises" / NAME).read_bytes()
    code, out = build("--force", capsys=capsys)
    assert code == 0 and "backed up" in out
    assert (repo / "exercises" / "90_fixture.backup.ipynb").read_bytes() == first
    assert "raise NotImplementedError" in cells(repo / "exercises" / NAME)[3].source
    edit_exercise(repo, "    return 2  # second attempt")
    second = (repo / "exercises" / NAME).read_bytes()
    build("--force")
    assert (repo / "exercises" / "90_fixture.backup.ipynb").read_bytes() == first  # never overwritten
    assert (repo / "exercises" / "90_fixture.2.backup.ipynb").read_bytes() == second
    assert build("--check", capsys=capsys)[0] == 0


# --------------------------------------------------------------------------- the transformation in detail


def notebook_of(*sources):
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])


def test_a_top_level_block_stubs_what_later_cells_use_in_binding_order():
    nb = notebook_of(
        "### BEGIN SOLUTION\n"
        "import numpy as npx\n"
        "a = 1\n"
        "b, (c, unused) = 2, (3, 4)\n"
        "def f(x):\n    inner = x\n    return inner\n"
        "for i in range(2):\n    total = i\n"
        "squares = [j * j for j in range(3)]\n"
        "### END SOLUTION",
        "%time print(a, c)\nprint(f(i), npx.pi, total, squares)",
    )
    out = gen.make_exercise(nb)
    assert out.cells[0].source == ("# YOUR CODE HERE\nnpx = ...\na = ...\nc = ...\nf = ...\ni = ...\n"
                                   "total = ...\nsquares = ...")


def test_a_block_at_the_end_of_a_function_and_an_indented_top_level_block():
    nb = notebook_of(
        "def f(x):\n    y = x\n    ### BEGIN SOLUTION\n    ### END SOLUTION",
        "if True:\n    ### BEGIN SOLUTION\n    z = 1\n    ### END SOLUTION\nprint(z)",
    )
    out = gen.make_exercise(nb)
    assert out.cells[0].source == "def f(x):\n    y = x\n    # YOUR CODE HERE\n    raise NotImplementedError"
    assert out.cells[1].source == "if True:\n    # YOUR CODE HERE\n    z = ...\nprint(z)"
    for cell in out.cells:
        ast.parse(cell.source)


def test_a_notebook_without_blocks_is_copied():
    nb = notebook_of("x = 1", "print(x)")
    nb.cells.insert(0, nbformat.v4.new_markdown_cell("# Title\n\n`### BEGIN SOLUTION` is a marker."))
    out = gen.make_exercise(nb)
    assert [c.source for c in out.cells] == [c.source for c in nb.cells]


@pytest.mark.parametrize("source,text", [
    ("### BEGIN SOLUTION\nx = 1", "line 1: ### BEGIN SOLUTION is never closed"),
    ("x = 1\n### END SOLUTION", "line 2: ### END SOLUTION without a ### BEGIN SOLUTION"),
    ("### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION", "line 2: ### BEGIN SOLUTION inside another block"),
    ("## BEGIN SOLUTION\nx = 1\n### END SOLUTION", "looks like a misspelt marker"),
    ("### BEGIN SOLUTION\nx = (1\n### END SOLUTION", "not valid Python"),
])
def test_marker_errors_name_the_notebook_and_cell(source, text):
    nb = notebook_of("x = 0", source)
    with pytest.raises(gen.GeneratorError, match="nb.ipynb, cell 2") as info:
        gen.make_exercise(nb, name="nb.ipynb")
    assert text in str(info.value)


def test_a_marker_error_exits_2_and_writes_nothing(repo, capsys):
    path = repo / "solutions" / NAME
    nb = notebooks.read(path)
    nb.cells[3].source = nb.cells[3].source.replace("    ### END SOLUTION", "")
    notebooks.write(nb, path)
    shutil.copy(FIXTURE, repo / "solutions" / "91_good.ipynb")
    (repo / "solutions" / "92_not_json.ipynb").write_text("{ not json", encoding="utf-8")
    code = gen.main(["build"])
    err = capsys.readouterr().err
    assert code == 2 and "is never closed" in err and "92_not_json.ipynb: cannot read it as a notebook" in err
    assert not (repo / "exercises" / NAME).exists()
    assert (repo / "exercises" / "91_good.ipynb").exists()  # the others are still built
    code = gen.main(["build", "--check"])
    out = capsys.readouterr().out
    assert code == 1 and "is never closed" in out and "1/3 exercise notebooks up to date" in out


# --------------------------------------------------------------------------- generated notebooks run


def test_the_generated_fixture_runs_top_to_bottom_unsolved(repo):
    from nbclient import NotebookClient

    build()
    nb = notebooks.read(repo / "exercises" / NAME)
    NotebookClient(nb, kernel_name="python3", timeout=120,
                   resources={"metadata": {"path": str(repo / "exercises")}}).execute()
    shown = [o.data["text/plain"] for c in nb.cells for o in c.get("outputs", []) if o.output_type == "display_data"]
    assert len(shown) == 4 and all(text.startswith("… [welcome.") for text in shown), shown
    assert all("not attempted yet" in text for text in shown)


def test_the_repository_exercises_are_in_sync(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    code = gen.check()
    assert code == 0, capsys.readouterr().out


@pytest.mark.parametrize("path", sorted((ROOT / "exercises").glob("[0-9][0-9]_*.ipynb")), ids=lambda p: p.name)
def test_the_repository_exercises_hold_no_solutions(path):
    nb = notebooks.read(path)
    for cell in nb.cells:
        assert gen.BEGIN not in cell.source and gen.END not in cell.source
        if cell.cell_type == "code" and gen._is_check_cell(cell.source):
            assert cell.outputs == []
        if cell.cell_type == "code":
            ast.parse(gen._python(cell.source))
