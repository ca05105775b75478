"""The shape of the library (issue 15): a small core under 3,000 lines, and imports that point one way.

* ``hopfield_lib`` (the core a learner reads, and its ``experiments``) never imports ``hopfield_course``;
* the core modules (``hopfield_lib/*.py``) never import ``hopfield_lib.experiments``;
* every module of ``hopfield_lib.experiments`` imports the core it builds on (no copy of the model).

The imports are read from the source with ``ast`` (top-level and inside functions alike).
"""

import ast
from pathlib import Path

import pytest

import hopfield_lib

LIB = Path(hopfield_lib.__file__).parent
CORE = sorted(LIB.glob("*.py"))
EXPERIMENTS = sorted((LIB / "experiments").glob("*.py"))
COURSE = LIB.parent / "hopfield_course"
LINE_BUDGET = 3000


def imported_modules(path: Path, package: tuple[str, ...] | None = None) -> set[str]:
    """Every module a file imports, as absolute dotted names (relative imports resolved in ``package``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    if package is None:
        package = path.relative_to(LIB.parent).with_suffix("").parts[:-1]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package[: len(package) - node.level + 1])
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def test_the_core_stays_under_its_line_budget():
    lines = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in CORE}
    assert sum(lines.values()) < LINE_BUDGET, f"hopfield_lib/*.py has {sum(lines.values())} lines: {lines}"


@pytest.mark.parametrize("path", CORE + EXPERIMENTS, ids=lambda p: str(p.relative_to(LIB.parent)))
def test_hopfield_lib_never_imports_the_course_machinery(path):
    bad = sorted(m for m in imported_modules(path) if m.split(".")[0] == "hopfield_course")
    assert not bad, f"{path.name} imports {bad}"


@pytest.mark.parametrize("path", CORE, ids=lambda p: p.name)
def test_core_modules_never_import_experiments(path):
    bad = sorted(m for m in imported_modules(path) if m.startswith("hopfield_lib.experiments"))
    assert not bad, f"{path.name} imports {bad}"


@pytest.mark.parametrize("path", [p for p in EXPERIMENTS if p.name != "__init__.py"], ids=lambda p: p.name)
def test_experiments_build_on_the_core(path):
    core = {f"hopfield_lib.{p.stem}" for p in CORE if p.stem != "__init__"}
    used = {m for m in imported_modules(path) if any(m == c or m.startswith(c + ".") for c in core)}
    assert used, f"{path.name} imports nothing from the core"


def test_the_import_reader_sees_a_forbidden_import(tmp_path):
    """The rule can fail: a core file that imports the course machinery or an experiment is caught."""
    fake = tmp_path / "probe.py"
    fake.write_text("def f():\n    from hopfield_course import widgets\n    from .experiments import capacity\n")
    found = imported_modules(fake, ("hopfield_lib",))
    assert "hopfield_course" in found and "hopfield_lib.experiments" in found


def test_learner_surface_is_small():
    """The core modules export what a learner needs: a few names each, every one documented."""
    import importlib

    names = []
    for p in CORE:
        if p.stem.startswith("_"):
            continue
        module = importlib.import_module(f"hopfield_lib.{p.stem}")
        exported = getattr(module, "__all__", [])
        for name in exported:
            assert getattr(module, name).__doc__, f"hopfield_lib.{p.stem}.{name} has no docstring"
        names += exported
    assert len(names) <= 60, f"{len(names)} names exported by the core: {names}"
