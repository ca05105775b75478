"""The generator of exercise notebooks: ``solutions/NN_topic.ipynb`` -> ``exercises/NN_topic.ipynb``.

Usage (from the repository's top folder; ``make exercises`` runs the first)::

    python -m hopfield_course.authoring.exercises build              # every notebook in solutions/
    python -m hopfield_course.authoring.exercises build --check      # exit 1 if exercises/ is not what build writes
    python -m hopfield_course.authoring.exercises build --force PATH # overwrite even a learner's edits (keeps a backup)

``PATH`` is a solution notebook, a folder of them, or an exercise notebook
(``exercises/X.ipynb`` stands for ``solutions/X.ipynb``). The default is
``solutions/``. A solution notebook ``<root>/solutions/X.ipynb`` becomes
``<root>/exercises/X.ipynb``.

What the generator does to a solution notebook
-----------------------------------------------
* In a code cell, each block between a ``### BEGIN SOLUTION`` line and a
  ``### END SOLUTION`` line (markers included) becomes a stub at the
  indentation of the ``BEGIN`` marker:

  - inside a function body: ``# YOUR CODE HERE`` and ``raise NotImplementedError``;
  - elsewhere (top level): ``# YOUR CODE HERE`` and ``name = ...`` for each name
    the block binds (assignments, ``for`` targets, imports, ``def``/``class``
    names) that the notebook uses later (in the rest of that cell or any later
    code cell), in the order the block binds them.

* In a markdown cell, the lines between the markers (solution text) are
  removed with the markers; a markdown cell left empty, and a markdown cell
  tagged ``solution``, are removed.
* Outputs and execution counts are cleared in the cells that had a block
  (exercise cells) and in check cells (a code cell that calls ``check(...)``).
* Everything else is copied unchanged, and the result is normalised with
  :func:`hopfield_course.authoring.notebooks.normalize` (as every committed notebook is).

Markers that do not pair up, are nested, or are misspelt in a code comment
(``## BEGIN SOLUTION``) are errors naming the notebook and cell; so is a stub
that is not valid Python.

What the generator last wrote: ``exercises/.generated.json``
-------------------------------------------------------------
The generator never overwrites a learner's work. It records, in the committed
file ``exercises/.generated.json``, the SHA-256 of each exercise notebook as it
last wrote it (line endings normalised to ``\\n``, so a Windows checkout still
matches). ``build`` overwrites an exercise notebook only when it is missing,
or its current content has the recorded hash (nothing was changed since the
generator wrote it). Otherwise it leaves the notebook alone, says so, and exits
with status 1; ``--force`` overwrites it after copying it to
``X.backup.ipynb`` (then ``X.2.backup.ipynb``, ...; git ignores
``*.backup.ipynb``), never overwriting an earlier backup. The record is updated
under a file lock, so that parallel builds do not lose entries.

``--check`` writes nothing. It exits 1 and names each exercise notebook that
is missing or differs from what ``build`` would write, each exercise notebook
that has no solution notebook, and a record that does not match the files.
``make test`` runs it.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import copy
import hashlib
import io
import json
import re
import sys
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from hopfield_course.authoring.notebooks import normalize, read, write

__all__ = [
    "BEGIN",
    "END",
    "STUB_COMMENT",
    "SOLUTION_TAG",
    "MANIFEST",
    "GeneratorError",
    "make_exercise",
    "exercise_text",
    "exercise_path",
    "build",
    "check",
    "main",
]

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
STUB_COMMENT = "# YOUR CODE HERE"
SOLUTION_TAG = "solution"
MANIFEST = ".generated.json"
BACKUP_SUFFIX = ".backup.ipynb"

_MARKER_TYPO = re.compile(r"^#+\s*(BEGIN|END)\s+SOLUTION\b", re.IGNORECASE)
_MANIFEST_ABOUT = ("Written by `python -m hopfield_course.authoring.exercises build`: the SHA-256 of each exercise "
                   "notebook as the generator last wrote it. Do not edit by hand.")


class GeneratorError(ValueError):
    """A solution notebook the generator cannot turn into an exercise notebook."""


# --------------------------------------------------------------------------- parsing helpers


def _python(source: str) -> str:
    """Cell source as plain Python (IPython magics turned into calls)."""
    try:
        from IPython.core.inputtransformer2 import TransformerManager
    except ImportError:  # pragma: no cover - IPython comes with the kernel
        return source
    try:
        return TransformerManager().transform_cell(source)
    except Exception:  # noqa: BLE001
        return source


def _parse(source: str) -> ast.AST | None:
    try:
        return ast.parse(_python(source))
    except SyntaxError:
        return None


def _loaded_names(source: str, after_line: int = 0) -> set[str]:
    """Names read in ``source`` on lines after ``after_line`` (tokens when it does not parse)."""
    tree = _parse(source)
    if tree is not None:
        names = {node.id for node in ast.walk(tree)
                 if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.lineno > after_line}
        # Code inside magics (`%time f(x)`, a `%%timeit` cell) is a string to the AST: take its words.
        lines = source.split("\n")
        magic = lines[after_line:] if source.lstrip().startswith("%%") else [
            line for line in lines[after_line:] if line.lstrip().startswith(("%", "!"))]
        for line in magic:
            names.update(re.findall(r"[A-Za-z_]\w*", line))
        return names
    names = set()
    lines = source.split("\n")[after_line:]
    try:
        for tok in tokenize.generate_tokens(io.StringIO("\n".join(lines)).readline):
            if tok.type == tokenize.NAME:
                names.add(tok.string)
    except (tokenize.TokenError, IndentationError, SyntaxError):
        names.update(re.findall(r"[A-Za-z_]\w*", "\n".join(lines)))
    return names


def _bound_names(tree: ast.AST) -> list[str]:
    """Names a block of statements binds in its own scope, in order of first binding."""
    found: list[tuple[int, int, str]] = []

    def visit(node):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            found.append((node.lineno, node.col_offset, node.id))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.append((node.lineno, node.col_offset, node.name))
            for deco in node.decorator_list:
                visit(deco)
            return  # the body is its own scope
        elif isinstance(node, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            for sub in ast.walk(node):  # only a walrus binds outside a comprehension
                if isinstance(sub, ast.NamedExpr) and isinstance(sub.target, ast.Name):
                    found.append((sub.lineno, sub.col_offset, sub.target.id))
            return
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                if alias.name != "*":
                    found.append((node.lineno, node.col_offset, alias.asname or alias.name.split(".")[0]))
        elif isinstance(node, ast.ExceptHandler) and node.name:
            found.append((node.lineno, node.col_offset, node.name))
        elif isinstance(node, getattr(ast, "MatchAs", ())) and getattr(node, "name", None):
            found.append((node.lineno, node.col_offset, node.name))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    names: list[str] = []
    for _, _, name in sorted(found):
        if name not in names:
            names.append(name)
    return names


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def _blocks(lines: list[str], where: str, *, code: bool) -> list[tuple[int, int]]:
    """(begin, end) line indices of each marked block; errors for unpaired or misspelt markers."""
    blocks, begin = [], None
    for k, line in enumerate(lines):
        stripped = line.strip()
        if stripped == BEGIN:
            if begin is not None:
                raise GeneratorError(f"{where}: line {k + 1}: {BEGIN} inside another block "
                                     f"(opened on line {begin + 1}); close it with {END} first")
            begin = k
        elif stripped == END:
            if begin is None:
                raise GeneratorError(f"{where}: line {k + 1}: {END} without a {BEGIN} before it")
            blocks.append((begin, k))
            begin = None
        elif code and _MARKER_TYPO.match(stripped):
            raise GeneratorError(f"{where}: line {k + 1}: {stripped!r} looks like a misspelt marker; "
                                 f"write exactly {BEGIN!r} or {END!r}")
    if begin is not None:
        raise GeneratorError(f"{where}: line {begin + 1}: {BEGIN} is never closed by {END}")
    return blocks


def _enclosing_function(tree: ast.AST, lineno: int) -> ast.AST | None:
    """The innermost function definition whose body spans line ``lineno`` (1-based)."""
    best = None
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if node.lineno < lineno <= (node.end_lineno or node.lineno):
                if best is None or node.lineno >= best.lineno:
                    best = node
    return best


def _in_function(tree: ast.AST, lines: list[str], k: int) -> bool:
    """True when the marker on line index ``k`` is inside a function body.

    The AST decides; a block after a function's last statement is recognised by
    the nearest less-indented line above it being the ``def``.
    """
    if _enclosing_function(tree, k + 1) is not None:
        return True
    indent = len(_indent(lines[k]))
    if indent == 0:
        return False
    for line in reversed(lines[:k]):
        if line.strip() and len(_indent(line)) < indent:
            return bool(re.match(r"\s*(async\s+)?def\s", line))
    return False


def _is_check_cell(source: str) -> bool:
    tree = _parse(source)
    if tree is None:
        return re.search(r"\bcheck\s*\(", source) is not None
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if (isinstance(func, ast.Name) and func.id == "check") or (
                    isinstance(func, ast.Attribute) and func.attr == "check"):
                return True
    return False


# --------------------------------------------------------------------------- the transformation


def _stub_code(source: str, later_names: set[str], where: str) -> str:
    """``source`` with each marked block replaced by its stub."""
    lines = source.split("\n")
    blocks = _blocks(lines, where, code=True)
    if not blocks:
        return source
    try:
        tree = ast.parse(_python(source))
    except SyntaxError as exc:
        raise GeneratorError(f"{where}: the solution cell is not valid Python ({exc.msg}, line {exc.lineno})"
                             ) from None
    out: list[str] = []
    previous_end = -1
    for begin, end in blocks:
        out.extend(lines[previous_end + 1: begin])
        indent = _indent(lines[begin])
        out.append(indent + STUB_COMMENT)
        if _in_function(tree, lines, begin):
            out.append(indent + "raise NotImplementedError")
        else:
            body = "\n".join(line[len(indent):] if line.startswith(indent) else line.lstrip()
                             for line in lines[begin + 1: end])
            try:
                block_tree = ast.parse(_python(body))
            except SyntaxError as exc:
                raise GeneratorError(f"{where}: lines {begin + 2}-{end}: a top-level solution block must hold "
                                     f"whole statements ({exc.msg})") from None
            used_later = later_names | _loaded_names(source, after_line=end + 1)
            out.extend(f"{indent}{name} = ..." for name in _bound_names(block_tree) if name in used_later)
        previous_end = end
    out.extend(lines[previous_end + 1:])
    result = "\n".join(out)
    if _parse(result) is None:
        raise GeneratorError(f"{where}: the generated stub is not valid Python:\n{result}")
    return result


def _strip_markdown(source: str, where: str) -> str:
    lines = source.split("\n")
    blocks = _blocks(lines, where, code=False)
    if not blocks:
        return source
    keep: list[str] = []
    previous_end = -1
    for begin, end in blocks:
        keep.extend(lines[previous_end + 1: begin])
        previous_end = end
        # One blank line at the seam, not the two that surrounded the removed text.
        after = lines[end + 1] if end + 1 < len(lines) else ""
        if keep and not keep[-1].strip() and not after.strip():
            keep.pop()
    keep.extend(lines[previous_end + 1:])
    return "\n".join(keep).strip("\n")


def make_exercise(nb: nbformat.NotebookNode, name: str = "notebook") -> nbformat.NotebookNode:
    """The exercise version of the solution notebook ``nb`` (a new, normalised notebook).

    ``name`` is used in error messages.

    >>> sol = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
    ...     "def double(x):\\n    ### BEGIN SOLUTION\\n    return 2 * x\\n    ### END SOLUTION")])
    >>> print(make_exercise(sol).cells[0].source)
    def double(x):
        # YOUR CODE HERE
        raise NotImplementedError
    """
    nb = copy.deepcopy(nb)
    cells = nb.cells
    # Names each code cell reads, so that a top-level block can stub what later cells use.
    reads = [(_loaded_names(c.source) if c.cell_type == "code" else set()) for c in cells]
    later: list[set[str]] = [set() for _ in cells]
    acc: set[str] = set()
    for k in range(len(cells) - 1, -1, -1):
        later[k] = set(acc)
        acc |= reads[k]
    kept = []
    for k, cell in enumerate(cells):
        where = f"{name}, cell {k + 1}"
        if cell.cell_type == "markdown":
            if SOLUTION_TAG in cell.metadata.get("tags", []):
                continue
            source = _strip_markdown(cell.source, where)
            if source != cell.source:
                if not source.strip():
                    continue
                cell.source = source
        elif cell.cell_type == "code":
            source = _stub_code(cell.source, later[k], where)
            if source != cell.source or _is_check_cell(cell.source):
                cell.source = source
                cell.outputs = []
                cell.execution_count = None
        kept.append(cell)
    nb.cells = kept
    return normalize(nb)


def _notebook_text(nb) -> str:
    return nbformat.writes(nb) + "\n"


def exercise_text(solution_path) -> str:
    """The text of the exercise notebook that ``build`` writes for ``solution_path``."""
    path = Path(solution_path)
    return _notebook_text(make_exercise(read(path), name=str(path)))


def _generate(solution_path) -> str:
    """:func:`exercise_text`, with any failure (unreadable file, bad markers) as a GeneratorError."""
    try:
        return exercise_text(solution_path)
    except GeneratorError:
        raise
    except Exception as exc:  # noqa: BLE001 - e.g. a file that is not a notebook
        raise GeneratorError(f"{solution_path}: cannot read it as a notebook ({type(exc).__name__}: {exc})"
                             ) from None


def exercise_path(solution_path) -> Path:
    """``<root>/solutions/X.ipynb`` -> ``<root>/exercises/X.ipynb``."""
    path = Path(solution_path)
    return path.parent.parent / "exercises" / path.name


# --------------------------------------------------------------------------- the record of what was written


def _digest(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).hexdigest()


def _file_digest(path: Path) -> str | None:
    try:
        return _digest(path.read_bytes().decode("utf-8", errors="replace"))
    except OSError:
        return None


def _read_manifest(folder: Path) -> dict[str, str]:
    path = folder / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    notebooks = data.get("notebooks", {}) if isinstance(data, dict) else {}
    return {str(k): str(v) for k, v in notebooks.items()} if isinstance(notebooks, dict) else {}


def _manifest_text(record: dict[str, str]) -> str:
    return json.dumps({"about": _MANIFEST_ABOUT, "notebooks": dict(sorted(record.items()))},
                      indent=1, ensure_ascii=False) + "\n"


@contextlib.contextmanager
def _locked(folder: Path):
    """Hold an exclusive lock on ``folder/MANIFEST`` (where fcntl exists)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / MANIFEST
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    with open(path, "a+", encoding="utf-8") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _backup_path(target: Path) -> Path:
    stem = target.name[: -len(".ipynb")]
    candidate = target.with_name(stem + BACKUP_SUFFIX)
    k = 2
    while candidate.exists():
        candidate = target.with_name(f"{stem}.{k}{BACKUP_SUFFIX}")
        k += 1
    return candidate


def _is_exercise_notebook(path: Path) -> bool:
    return path.suffix == ".ipynb" and not path.name.endswith(BACKUP_SUFFIX)


# --------------------------------------------------------------------------- commands


@dataclass
class _Targets:
    solutions: list[Path] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)  # solution folders given (or the default)


def _targets(paths) -> _Targets:
    found = _Targets()
    for raw in (paths or ["solutions"]):
        path = Path(raw)
        if path.is_dir():
            if path.name == "exercises":
                path = path.parent / "solutions"
            found.folders.append(path)
            found.solutions.extend(sorted(p for p in path.glob("*.ipynb") if _is_exercise_notebook(p)))
        elif path.suffix == ".ipynb":
            if path.parent.name == "exercises":
                path = path.parent.parent / "solutions" / path.name
            if not path.exists():
                raise FileNotFoundError(f"no such solution notebook: {path}")
            found.solutions.append(path)
        elif not paths:
            continue
        else:
            raise FileNotFoundError(f"no such notebook or folder: {raw}")
    seen, unique = set(), []
    for p in found.solutions:
        if p.resolve() not in seen:
            seen.add(p.resolve())
            unique.append(p)
    found.solutions = unique
    return found


def build(paths=None, *, force: bool = False, out=None) -> int:
    """Write the exercise notebooks of the solution notebooks under ``paths``; return the exit status.

    0 when every exercise notebook is written or up to date, 1 when one was
    kept because it has changes the generator did not make (a learner's work),
    2 when a solution notebook could not be turned into an exercise (the error
    is printed; the other notebooks are still built).
    """
    out = out or sys.stdout
    targets = _targets(paths)
    by_folder: dict[Path, list[Path]] = {}
    for sol in targets.solutions:
        by_folder.setdefault(exercise_path(sol).parent, []).append(sol)
    kept = errors = 0
    for folder, solutions in by_folder.items():
        texts = {}
        for sol in solutions:  # a broken solution notebook is reported and skipped; the others are built
            try:
                texts[sol] = _generate(sol)
            except GeneratorError as exc:
                errors += 1
                print(f"error: {exc}", file=sys.stderr)
        with _locked(folder):
            record = _read_manifest(folder)
            for sol, text in texts.items():
                target = exercise_path(sol)
                digest = _digest(text)
                if target.exists():
                    current = _file_digest(target)
                    if current == digest:
                        record[target.name] = digest
                        print(f"up to date: {target}", file=out)
                        continue
                    if current != record.get(target.name):
                        if not force:
                            kept += 1
                            print(f"kept {target}: it has changes the generator did not make (your work?), "
                                  f"so it was not overwritten. To regenerate it anyway (a backup is kept): "
                                  f"python -m hopfield_course.authoring.exercises build --force {target}", file=out)
                            continue
                        backup = _backup_path(target)
                        backup.write_bytes(target.read_bytes())
                        print(f"backed up {target} to {backup}", file=out)
                target.parent.mkdir(parents=True, exist_ok=True)
                write(nbformat.reads(text, as_version=4), target)
                written = _file_digest(target)
                if written != digest:  # pragma: no cover - write() and exercise_text() disagree
                    raise RuntimeError(f"{target}: the written notebook differs from the generated text")
                record[target.name] = digest
                print(f"wrote {target}", file=out)
            record = {name: h for name, h in record.items() if (folder / name).exists()}
            manifest = folder / MANIFEST
            text = _manifest_text(record)
            try:
                old = manifest.read_text(encoding="utf-8")
            except OSError:
                old = None
            if old != text:
                manifest.write_text(text, encoding="utf-8")
    return 2 if errors else 1 if kept else 0


def check(paths=None, *, out=None) -> int:
    """Exit status 1 (and a line per problem) when ``exercises/`` is not what :func:`build` writes."""
    out = out or sys.stdout
    targets = _targets(paths)
    problems: list[str] = []
    stale = 0
    for sol in targets.solutions:
        target = exercise_path(sol)
        try:
            text = _generate(sol)
        except GeneratorError as exc:
            stale += 1
            problems.append(f"error: {exc}")
            continue
        if not target.exists():
            stale += 1
            problems.append(f"{target}: missing; run `make exercises`")
            continue
        current = _file_digest(target)
        if current != _digest(text):
            stale += 1
            problems.append(f"{target}: out of date, it differs from what the generator writes from {sol}; "
                            "run `make exercises` (it will not overwrite a learner's edits without --force)")
        elif _read_manifest(target.parent).get(target.name) != current:
            problems.append(f"{target.parent / MANIFEST}: does not record {target.name} as generated; "
                            "run `make exercises`")
    for folder in targets.folders:
        exercises = exercise_path(folder / "x.ipynb").parent
        if exercises.is_dir():
            for path in sorted(p for p in exercises.glob("*.ipynb") if _is_exercise_notebook(p)):
                if not (folder / path.name).exists():
                    problems.append(f"{path}: no solution notebook {folder / path.name} "
                                    "(exercises/ is generated from solutions/)")
    for line in problems:
        print(line, file=out)
    n = len(targets.solutions)
    print(f"{n - stale}/{n} exercise notebooks up to date" + (f"; {len(problems)} problem(s)" if problems else ""),
          file=out)
    return 1 if problems else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hopfield_course.authoring.exercises",
                                     description="Generate exercises/ from solutions/.")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="write exercises/NN_topic.ipynb from solutions/NN_topic.ipynb")
    b.add_argument("paths", nargs="*", help="solution notebooks or folders (default: solutions/)")
    b.add_argument("--check", action="store_true", help="write nothing; exit 1 if exercises/ is out of date")
    b.add_argument("--force", action="store_true",
                   help="overwrite exercise notebooks with changes the generator did not make (keeps a backup)")
    args = parser.parse_args(argv)
    if args.check and args.force:
        parser.error("--check writes nothing; it cannot be combined with --force")
    try:
        return check(args.paths) if args.check else build(args.paths, force=args.force)
    except (GeneratorError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
