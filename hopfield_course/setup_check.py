"""Is this environment ready for the course? One call answers it.

In the first lecture::

    from hopfield_course import setup_check
    report = setup_check.run()
    print(report)                     # one line per check: ✓ fine, ⚠ works but differs, ✗ broken
    setup_check.widget_probe()     # a green box if this frontend shows widgets

:func:`run` checks the Python version, that the packages the course uses
import and have the versions pinned in ``requirements-lock.txt`` (stored
outputs and figures are compared against those versions), that matplotlib
draws a figure, that the library recalls a stored letter from a noisy probe,
and that the JupyterLab widget frontend is installed. It returns a
:class:`SetupReport`, a list of :class:`CheckItem`; its printout is the same
on every machine where everything is fine (no paths, no timings, no Python
patch version), so that the lecture's stored output can be tested.

Whether a *frontend* displays widgets is something only the frontend knows:
the kernel cannot see the screen. :func:`widget_probe` returns a small widget
that shows a green line where widgets work and falls back to a text line
saying so where they do not.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import platform
import re
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "OK",
    "WARN",
    "FAIL",
    "INFO",
    "MIN_PYTHON",
    "PACKAGES",
    "CheckItem",
    "SetupReport",
    "find_lock_file",
    "read_pins",
    "check_python",
    "check_package",
    "check_figure",
    "check_recall",
    "check_widgets",
    "run",
    "environment",
    "widget_probe",
]

OK, WARN, FAIL, INFO = "ok", "warn", "fail", "info"
_SYMBOL = {OK: "✓", WARN: "⚠", FAIL: "✗", INFO: "·"}

MIN_PYTHON = (3, 10)
"""The oldest Python the course supports."""

PACKAGES = (
    # (label, module to import or None, distribution name)
    ("numpy", "numpy", "numpy"),
    ("scipy", "scipy", "scipy"),
    ("matplotlib", "matplotlib", "matplotlib"),
    ("scikit-learn", "sklearn", "scikit-learn"),
    ("ipywidgets", "ipywidgets", "ipywidgets"),
    ("jupyterlab", None, "jupyterlab"),
)
"""The packages whose import and pinned version :func:`run` checks."""


@dataclass(frozen=True)
class CheckItem:
    """One line of the report: what was checked, how it went, and a detail.

    ``status`` is ``"ok"`` (✓), ``"warn"`` (⚠: works, but not as the course
    expects), ``"fail"`` (✗: broken) or ``"info"`` (·: for your information).
    """

    name: str
    status: str
    detail: str

    def __post_init__(self):
        if self.status not in _SYMBOL:
            raise ValueError(f"status: expected one of {tuple(_SYMBOL)}, got {self.status!r}")

    def __str__(self) -> str:
        return f"{_SYMBOL[self.status]} {self.name:<13} {self.detail}"


@dataclass(frozen=True)
class SetupReport:
    """The result of :func:`run`: a tuple of :class:`CheckItem`.

    ``report.ok`` is True when nothing failed; ``report.problems`` lists the
    items that failed or warned; ``report["numpy"]`` is one item;
    ``print(report)`` gives a readable table ending with a verdict.
    """

    items: tuple[CheckItem, ...]

    @property
    def ok(self) -> bool:
        """True when no check failed (warnings allowed)."""
        return all(item.status != FAIL for item in self.items)

    @property
    def problems(self) -> tuple[CheckItem, ...]:
        """The items that failed or warned."""
        return tuple(item for item in self.items if item.status in (FAIL, WARN))

    def __getitem__(self, name: str) -> CheckItem:
        for item in self.items:
            if item.name == name:
                return item
        raise KeyError(f"no check named {name!r}; the checks are {[i.name for i in self.items]}")

    def verdict(self) -> str:
        """One sentence: ready or not, and what to do."""
        fails = [i for i in self.items if i.status == FAIL]
        warns = [i for i in self.items if i.status == WARN]
        if fails:
            return (f"✗ {len(fails)} of {len(self.items)} checks failed: fix the ✗ lines first "
                    "(the README's `make lab` builds a working environment).")
        if warns:
            return (f"⚠ Ready, with {len(warns)} warning(s): the course runs, but some stored outputs "
                    "may differ from yours.")
        checked = sum(item.status == OK for item in self.items)
        note = " (· lines are for information)" if checked < len(self.items) else ""
        return f"All {checked} checks passed: you are ready for the course.{note}"

    def __str__(self) -> str:
        return "\n".join(["Set-up check", *(f"  {item}" for item in self.items), self.verdict()])

    def __repr__(self) -> str:
        return f"SetupReport(ok={self.ok}, {len(self.items)} checks, {len(self.problems)} problems)"


# --------------------------------------------------------------------------- pins


def find_lock_file() -> Path | None:
    """``requirements-lock.txt`` of the course, if the library runs from a clone of it."""
    here = Path(__file__).resolve().parent.parent
    path = here / "requirements-lock.txt"
    return path if path.is_file() else None


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(path) -> dict[str, str]:
    """``{distribution name: version}`` from a ``name==version`` lock file.

    Names are normalised (lower case, ``_`` and ``.`` as ``-``); comments and
    blank lines are skipped.

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
    ...     _ = f.write("# pins\\nNumPy==2.2.6\\njupyterlab_widgets==3.0.17\\n")
    >>> read_pins(f.name)
    {'numpy': '2.2.6', 'jupyterlab-widgets': '3.0.17'}
    >>> os.remove(f.name)
    """
    pins = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            pins[_canonical(name.strip())] = version.strip().split(";")[0].strip()
    return pins


# --------------------------------------------------------------------------- the checks


def check_python(version_info=None, minimum=MIN_PYTHON) -> CheckItem:
    """Python is at least ``minimum`` (3.10).

    The detail names the version only when it is too old, so that the line
    reads the same on every supported Python.

    >>> str(check_python((3, 12, 1)))
    '✓ Python        3.10 or newer'
    >>> check_python((3, 9, 7)).status
    'fail'
    """
    v = tuple(sys.version_info[:3] if version_info is None else version_info[:3])
    need = ".".join(map(str, minimum))
    if v[:2] >= tuple(minimum):
        return CheckItem("Python", OK, f"{need} or newer")
    have = ".".join(map(str, v))
    return CheckItem("Python", FAIL, f"this is Python {have}; the course needs {need} or newer")


def check_package(label: str, module: str | None, dist: str, pins: dict[str, str] | None) -> CheckItem:
    """``module`` imports and distribution ``dist`` has its pinned version.

    ``pins`` is ``None`` when no lock file was found: then only the import and
    the version are reported.
    """
    if module is not None:
        try:
            importlib.import_module(module)
        except Exception as exc:  # noqa: BLE001 - any import failure is the finding
            return CheckItem(label, FAIL, f"cannot be imported ({type(exc).__name__}: {exc})")
    try:
        version = importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return CheckItem(label, FAIL, "is not installed")
    if pins is None:
        return CheckItem(label, OK, f"{version}")
    pinned = pins.get(_canonical(dist))
    if pinned is None:
        return CheckItem(label, OK, f"{version} (not pinned)")
    if version != pinned:
        return CheckItem(label, WARN, f"{version}, but the course pins {pinned}: printed numbers and figures "
                                      "may differ (`pip install -r requirements-lock.txt`)")
    return CheckItem(label, OK, f"{version} (as pinned)")


def check_figure() -> CheckItem:
    """matplotlib draws a figure (off screen, so it works anywhere)."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        fig = Figure(figsize=(2, 1), dpi=50)
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        ax.plot([0, 1], [1, 0])
        ax.set_title("test")
        fig.canvas.draw()
        width, height = fig.canvas.get_width_height()
        if (width, height) != (100, 50):
            return CheckItem("figures", FAIL, f"a 100 x 50 figure came out {width} x {height}")
    except Exception as exc:  # noqa: BLE001
        return CheckItem("figures", FAIL, f"matplotlib cannot draw ({type(exc).__name__}: {exc})")
    return CheckItem("figures", OK, "matplotlib draws a figure")


def check_recall(word: str = "JOY", noise: float = 0.2) -> CheckItem:
    """The library stores the letters of ``word`` and recalls the first from a noisy probe."""
    try:
        import numpy as np

        from hopfield_lib import __version__, hebbian, recall
        from hopfield_lib.letters import letters
        from hopfield_lib.patterns import corrupt

        xi = letters(word)
        probe = corrupt(xi[0], noise, rng=1)
        res = recall(hebbian(xi), probe, rng=2)
        flipped = int(np.sum(probe != xi[0]))
        if not (res.converged and np.array_equal(res.state, xi[0])):
            return CheckItem("recall", FAIL, f"hopfield_lib {__version__} did not recall {word[0]!r}: "
                                             "the library is broken or not the course's version")
    except Exception as exc:  # noqa: BLE001
        return CheckItem("recall", FAIL, f"hopfield_lib failed ({type(exc).__name__}: {exc})")
    return CheckItem("recall", OK, f"hopfield_lib {__version__} recalled {word[0]!r} ({len(word)} letters stored, "
                                   f"{flipped} of {xi.shape[1]} pixels flipped)")


def _in_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    ip = get_ipython()
    return ip is not None and getattr(ip, "kernel", None) is not None


def check_widgets(in_kernel: bool | None = None) -> CheckItem:
    """ipywidgets imports, the JupyterLab widget frontend is installed, and we run in a kernel.

    ``in_kernel`` overrides the detection (for tests).
    """
    try:
        import ipywidgets  # noqa: F401
    except Exception as exc:  # noqa: BLE001
        return CheckItem("widgets", FAIL, f"ipywidgets cannot be imported ({type(exc).__name__}: {exc})")
    try:
        frontend = importlib.metadata.version("jupyterlab_widgets")
    except importlib.metadata.PackageNotFoundError:
        return CheckItem("widgets", FAIL, "the JupyterLab widget frontend (jupyterlab_widgets) is not installed")
    kernel = _in_kernel() if in_kernel is None else in_kernel
    if not kernel:
        return CheckItem("widgets", INFO, f"jupyterlab_widgets {frontend} installed; not in a Jupyter kernel, "
                                          "so no widget can be shown here")
    return CheckItem("widgets", OK, f"jupyterlab_widgets {frontend} installed, running in a Jupyter kernel")


def run(*, packages=PACKAGES, lock_file=None, in_kernel: bool | None = None) -> SetupReport:
    """Run every check and return a :class:`SetupReport`.

    Parameters
    ----------
    packages : sequence of (label, module or None, distribution)
        The packages to check (default :data:`PACKAGES`).
    lock_file : path, optional
        The pins to compare with; default: the course's ``requirements-lock.txt``
        if the library runs from a clone (otherwise versions are listed only).
    in_kernel : bool, optional
        Override the detection of a Jupyter kernel (for tests).

    Examples
    --------
    >>> report = run(in_kernel=False)
    >>> report.ok
    True
    >>> report["Python"].status
    'ok'
    """
    path = find_lock_file() if lock_file is None else Path(lock_file)
    pins = read_pins(path) if path is not None and path.is_file() else None
    items = [check_python()]
    items += [check_package(label, module, dist, pins) for label, module, dist in packages]
    items += [check_figure(), check_recall(), check_widgets(in_kernel)]
    return SetupReport(tuple(items))


def environment() -> str:
    """Where this runs, for a bug report: Python, platform, executable, library path.

    This text differs from machine to machine (that is its point).
    """
    from hopfield_lib import __file__ as lib_file

    return "\n".join([
        f"Python       {platform.python_version()} ({platform.python_implementation()})",
        f"platform     {platform.platform()}",
        f"executable   {sys.executable}",
        f"hopfield_lib {Path(lib_file).resolve().parent}",
    ])


_PROBE_OK = ("<div style='border-left: 4px solid #1a7f37; padding: 2px 8px; color: #1a7f37'>"
             "<b>✓ widgets</b> display in this frontend: the interactive figures of the course will work.</div>")
_PROBE_FALLBACK = "✗ widgets do not display here: open the course in JupyterLab (`make lab`)."


def widget_probe():
    """A widget that shows a green ✓ line where widgets display.

    A frontend that cannot display widgets (a static HTML page, a plain
    terminal, an editor without the widget manager) shows the widget's text
    fallback instead, which says so. Returns an ``ipywidgets.HTML``.
    """
    import ipywidgets

    class _Probe(ipywidgets.HTML):
        def __repr__(self) -> str:  # the text/plain fallback of the widget's display
            return _PROBE_FALLBACK

    return _Probe(value=_PROBE_OK)
