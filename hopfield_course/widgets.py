"""Interactive widgets for the live lecture, each with a static figure for the book and the slides.

Four explorers, built on ipywidgets and matplotlib:

=========================  ==========================================================  ========
:func:`noise_explorer`     a stored letter, noise, load, rule, update mode: the probe,  lecture 4
                           the recall frame by frame (play/step), the overlap with
                           every stored letter and the energy along the way
:func:`pattern_editor`     a 10 x 10 grid the learner clicks to draw a probe, then      lecture 4
                           recalls it and sees which stored letter it went to
:func:`capacity_explorer`  N and P sliders: the measured first-step bit error rate      lecture 5
                           and stable fraction against the theory curves over alpha
:func:`beta_explorer`      a modern network on real digit images: the softmax weights  lecture 12
                           over the stored images and the retrieved image as beta
                           changes, from a masked query
=========================  ==========================================================  ========

How a lecture uses one
----------------------
Build it and make it the last expression of a cell::

    from hopfield_course import widgets
    explorer = widgets.noise_explorer()
    explorer

Every explorer is an object with

* ``controls``: a dict name -> ipywidget (``explorer.controls["noise"].value = 0.3``
  drives it from code, exactly as a slider drag does);
* its current results as attributes (``explorer.probe``, ``explorer.result``,
  ``explorer.overlaps``, ``explorer.energies``, ...; see each class);
* ``view``: the ipywidgets box that is displayed;
* ``figure()``: a new matplotlib figure of the current settings (drawn with
  pyplot, so ``explorer.figure(); plt.show()`` works like every other figure
  helper), and ``png()``: the same figure as PNG bytes;
* ``stats``: counters of the work done (``"weights"``, ``"recalls"``,
  ``"measurements"``, ``"renders"``...) and ``timings``: the seconds each
  update took (for the benchmark and the caching tests).

The static fallback
-------------------
Displaying an explorer (``explorer`` at the end of a cell, or
``display(explorer)``) emits ONE output with three representations:

* ``application/vnd.jupyter.widget-view+json``: the live widget, which
  JupyterLab (and any frontend with a kernel) shows;
* ``image/png``: the explorer's figure for its current settings (the same
  image the live view shows, byte for byte; the summary line is its alt
  text), which a converter without the widget's state shows: the HTML book,
  ``nbconvert --to html`` and ``--to slides`` (they skip a widget view whose
  state is not stored, and ``hopfield_course.authoring.notebooks`` never stores widget
  state);
* ``text/plain``: one deterministic line with the settings and the outcome.

So a lecture needs nothing special: the stored output of the widget cell IS
the static figure. The PNG is deterministic (no timestamps or software tags;
the same settings give the same bytes). nbval skips the widget view (its
model id is random) and the PNG and compares the text line, so the cell
needs no ``nbval-ignore-output`` tag, and the stored line checks the
widget's outcome on every test run. MyST-NB (jupyter-book) ranks the widget
view first by default; in the book's ``_config.yml`` set
``nb_mime_priority_overrides: [["html", "application/vnd.jupyter.widget-view+json", null]]``
so that it shows the PNG. JupyterLab itself always renders the widget view:
until the cell is run it says that the widget's model is not found, as for
any widget. For print, or to show a particular setting in the text, call
``explorer.figure()``.

Responsiveness
--------------
Sliders send their value when released (``continuous_update=False``); the
step slider and the Play button only redraw. What does not change is cached:
the weights per (rule, load), the recall per (rule, load, letter, noise, mode,
seed), the measured networks per (N, P, seed). The figure's layout is fixed
when it is built and each update redraws only its data; the PNG is encoded by
Pillow at low compression. ``benchmarks/bench_widgets.py`` prints the time per
update at lecture sizes: about 50-100 ms, 0.1-0.3 s where new weights or
networks are computed.
"""

from __future__ import annotations

import html
import io
import math
import time
from collections import Counter, OrderedDict

import numpy as np

from hopfield_lib.experiments import capacity as _capacity
from hopfield_lib import datasets as _datasets
from hopfield_lib import letters as _letters
from hopfield_lib.dynamics import energy as _energy
from hopfield_lib.dynamics import recall as _recall
from hopfield_lib.dynamics import will_flip
from hopfield_lib.experiments._fast import hebbian_fields
from hopfield_lib.experiments.modern_analysis import effective_number
from hopfield_lib.modern import softmax
from hopfield_lib.patterns import corrupt, random_patterns
from hopfield_lib.plotting import INK
from hopfield_lib.rules import hebbian, pseudo_inverse, storkey
from hopfield_lib.experiments.trajectories import sweep_orders

__all__ = [
    "Explorer",
    "NoiseExplorer",
    "PatternEditor",
    "CapacityExplorer",
    "BetaExplorer",
    "noise_explorer",
    "pattern_editor",
    "capacity_explorer",
    "beta_explorer",
    "RULES",
    "png_bytes",
]

RULES = {"hebbian": hebbian, "storkey": storkey, "pseudo_inverse": pseudo_inverse}
"""The learning rules the explorers offer, by the name of their function in ``hopfield_lib``."""

_RULE_LABELS = (("Hebb", "hebbian"), ("Storkey", "storkey"), ("pseudo-inverse", "pseudo_inverse"))

DEFAULT_LETTERS = "AGIVXOTLHE"
"""The letters the noise explorer and the pattern editor store, in the order the load adds them.

Hebb's rule recalls the first five (lecture 4's ``AGIVX``) from 20 % noise
and fails from the sixth on; Storkey's rule degrades more slowly; the
pseudo-inverse rule recalls all ten.
"""

_DPI = 100
_MISSING = "#d62728"  # red: wrong pixels
_TARGET = "#1f77b4"  # blue: the target pattern
_OTHER = "#9a9a9a"  # grey: the other patterns


def png_bytes(fig) -> bytes:
    """A matplotlib figure as PNG bytes, deterministic (no metadata, fixed compression).

    The figure is drawn on an Agg canvas and encoded by Pillow, which is
    several times faster than ``savefig`` for the small figures of a widget.

    >>> from matplotlib.figure import Figure
    >>> fig = Figure(figsize=(1, 1), dpi=50)
    >>> png_bytes(fig)[:8] == b"\\x89PNG\\r\\n\\x1a\\n", png_bytes(fig) == png_bytes(fig)
    (True, True)
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    buf = io.BytesIO()
    Image.fromarray(np.asarray(canvas.buffer_rgba())).convert("RGB").save(buf, format="png", compress_level=1)
    return buf.getvalue()


def _widgets():
    import ipywidgets

    return ipywidgets


def _seed_value(seed) -> int:
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed: expected an int >= 0, got {seed!r}")
    return int(seed)


def _choice(value, options, name):
    if value not in options:
        raise ValueError(f"{name}: expected one of {tuple(options)}, got {value!r}")
    return value


class _LRU(OrderedDict):
    """A small least-recently-used cache: ``get_or(key, make)``."""

    def __init__(self, size: int):
        super().__init__()
        self.size = size

    def get_or(self, key, make):
        if key in self:
            self.move_to_end(key)
            return self[key]
        value = make()
        self[key] = value
        if len(self) > self.size:
            self.popitem(last=False)
        return value


# --------------------------------------------------------------------------- the common base


class Explorer:
    """What every explorer has: ``controls``, ``view``, ``figure()``, ``png()``, ``stats``, ``timings``.

    Subclasses build their figure once (``_build``, which returns the artists
    to update) and redraw only the data (``_draw``); the layout is fixed at
    build time, so that the live view, ``png()`` and ``figure()`` are the same
    picture for the same settings.
    """

    figsize = (8.0, 2.6)
    css_class = "hl-explorer"

    def __init__(self):
        w = _widgets()
        self.controls: dict = {}
        self.stats: Counter = Counter()
        self.timings: list[float] = []
        self._live = None  # (figure, artists, structure key)
        width = f"{int(self.figsize[0] * _DPI)}px"
        self._image = w.Image(format="png", layout=w.Layout(width=width, max_width="100%"))
        self._image.add_class(f"{self.css_class}-image")
        self._readout = w.HTML()
        self._readout.add_class(f"{self.css_class}-readout")
        self._quiet = False  # True while controls are set from code inside an update
        self.view = None

    # -- to implement -------------------------------------------------------------
    def _build(self, fig):  # pragma: no cover - abstract
        raise NotImplementedError

    def _draw(self, artists) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _structure(self):
        """A key of what changes the figure's structure (e.g. the number of bars)."""
        return None

    def summary(self) -> str:  # pragma: no cover - abstract
        """One line: the settings and the outcome (the text fallback)."""
        raise NotImplementedError

    def _summary_html(self) -> str:
        return html.escape(self.summary())

    # -- figures ------------------------------------------------------------------
    def _new_figure(self, *, pyplot: bool = False):
        if pyplot:
            import matplotlib.pyplot as plt

            fig = plt.figure(figsize=self.figsize, dpi=_DPI)
        else:
            from matplotlib.figure import Figure

            fig = Figure(figsize=self.figsize, dpi=_DPI)
        artists = self._build(fig)
        self._draw(artists)
        return fig, artists

    def figure(self):
        """A new figure (pyplot) of the current settings: the static version of the live view."""
        return self._new_figure(pyplot=True)[0]

    def png(self) -> bytes:
        """The figure of the current settings as PNG bytes (deterministic)."""
        return png_bytes(self._new_figure()[0])

    @property
    def image_png(self) -> bytes:
        """The PNG the live view shows now."""
        return bytes(self._image.value)

    def _render(self) -> None:
        """Redraw the live view (rebuilding the figure only when its structure changed)."""
        key = self._structure()
        if self._live is None or self._live[2] != key:
            fig, artists = self._new_figure()
            self._live = (fig, artists, key)
            self.stats["builds"] += 1
        else:
            fig, artists, _ = self._live
            self._draw(artists)
        self._image.value = png_bytes(fig)
        self._readout.value = self._summary_html()
        self.stats["renders"] += 1

    def _timed(self, fn, *args) -> None:
        start = time.perf_counter()
        fn(*args)
        self.timings.append(time.perf_counter() - start)

    # -- display ------------------------------------------------------------------
    def _repr_mimebundle_(self, include=None, exclude=None):
        """The live widget, its static PNG (with the summary as alt text) and a text line; see the module doc."""
        import base64

        data = dict(self.view._repr_mimebundle_())
        data["text/plain"] = repr(self)
        data["image/png"] = base64.b64encode(self.image_png).decode("ascii")
        if include:
            data = {k: v for k, v in data.items() if k in include}
        if exclude:
            data = {k: v for k, v in data.items() if k not in exclude}
        metadata = {"image/png": {"alt": self.summary()}} if "image/png" in data else {}
        return data, metadata

    def __repr__(self) -> str:
        return f"{type(self).__name__}: {self.summary()}"

    def close(self) -> None:
        """Close the widgets (free their models in the frontend) and the live figure."""
        for control in self.controls.values():
            for widget in control if isinstance(control, list) else [control]:
                widget.close()
        for widget in (self._image, self._readout, self.view):
            widget.close()
        self._live = None


def _image_axes(ax, title=""):
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(title, fontsize=9, y=1.0)
    return ax


def _image_row(fig, count: int, *, right: float):
    """``count`` image axes side by side in the left part of the figure (up to ``right``)."""
    gs = fig.add_gridspec(1, count, left=0.01, right=right, bottom=0.2, top=0.8, wspace=0.12)
    return [fig.add_subplot(gs[0, k]) for k in range(count)]


def _chart_row(fig, count: int, *, left: float, width_ratios=None):
    """``count`` chart axes side by side in the right part of the figure (from ``left``)."""
    gs = fig.add_gridspec(1, count, left=left, right=0.985, bottom=0.2, top=0.86, wspace=0.42,
                          width_ratios=width_ratios)
    return [fig.add_subplot(gs[0, k]) for k in range(count)]


def _image(ax, shape):
    return ax.imshow(np.zeros(shape), cmap=INK, vmin=-1, vmax=1, interpolation="nearest")


def _dots(ax):
    """A scatter of red dots marking pixels (wrong ones)."""
    return ax.scatter([], [], s=9, color=_MISSING, marker="o", linewidths=0, zorder=3)


def _mark(dots, mask2d) -> None:
    rows, cols = np.nonzero(mask2d)
    dots.set_offsets(np.column_stack([cols, rows]) if rows.size else np.zeros((0, 2)))


# --------------------------------------------------------------------------- noise explorer


class NoiseExplorer(Explorer):
    """Recall a stored letter from a noisy probe, frame by frame. Build it with :func:`noise_explorer`.

    Attributes (all for the current settings)
    -----------------------------------------
    names : str
        The stored letters (the first ``load`` of ``letters``).
    patterns : array (P, 100)
        The stored letters as +-1 patterns.
    target : int
        Index of the chosen letter in ``names``.
    weights : array (100, 100)
        ``W`` of the chosen rule for the stored letters.
    probe : array (100,)
        ``hl.corrupt(patterns[target], noise, rng=seed)``.
    result : RecallResult
        ``hl.recall(W, probe, mode=mode, rng=seed + 1, max_sweeps=max_sweeps)``.
    frames : array (F, 100)
        The states shown frame by frame: every sweep (synchronous step), and for
        asynchronous updates also ``frames_per_sweep - 1`` states inside each
        sweep (after every ``N / frames_per_sweep`` single-neuron updates).
    positions : array (F,)
        Where each frame is, in sweeps (``1.4`` = 40 % into the second sweep).
    overlaps : array (F, P)
        ``m^mu`` of every frame with every stored letter.
    energies : array (F,)
        ``E`` of every frame (never rises under asynchronous updates).
    frame : int
        The frame on show (the ``"step"`` control); ``state`` is ``frames[frame]``.
    outcome : str
        Where the recall ended, in words.
    """

    css_class = "hl-noise"
    figsize = (8.0, 2.5)

    def __init__(self, letters=DEFAULT_LETTERS, *, letter=None, noise=0.2, load=5, rule="hebbian",
                 mode="async", seed=0, frames_per_sweep=10, max_sweeps=20, interval=250):
        super().__init__()
        w = _widgets()
        if not isinstance(letters, str) or len(set(letters.upper())) != len(letters) or len(letters) < 1:
            raise ValueError(f"letters: expected a string of distinct letters A-Z, got {letters!r}")
        self.letters = letters.upper()
        _letters.letters(self.letters)  # validates the names
        if isinstance(load, bool) or not isinstance(load, (int, np.integer)) or not 1 <= load <= len(self.letters):
            raise ValueError(f"load: expected an int from 1 to {len(self.letters)}, got {load!r}")
        letter = self.letters[0] if letter is None else str(letter).upper()
        if letter not in self.letters[:load]:
            raise ValueError(f"letter: expected one of the {load} stored letters {self.letters[:load]!r}, "
                             f"got {letter!r}")
        if not 0.0 <= float(noise) <= 0.5:
            raise ValueError(f"noise: expected a fraction in [0, 0.5], got {noise!r}")
        _choice(rule, RULES, "rule")
        _choice(mode, ("async", "sync"), "mode")
        fps = frames_per_sweep
        if isinstance(fps, bool) or not isinstance(fps, (int, np.integer)) or not 1 <= fps <= 100:
            raise ValueError(f"frames_per_sweep: expected an int from 1 to 100, got {frames_per_sweep!r}")
        self.frames_per_sweep = frames_per_sweep
        self.max_sweeps = int(max_sweeps)
        self._weights_cache: dict = {}
        self._runs = _LRU(64)

        slider = dict(continuous_update=False, style={"description_width": "initial"})
        c = self.controls
        c["letter"] = w.ToggleButtons(options=list(self.letters[:load]), value=letter, description="letter",
                                      style={"button_width": "2.4em", "description_width": "initial"})
        c["noise"] = w.FloatSlider(value=float(noise), min=0.0, max=0.5, step=0.02, description="noise (flipped)",
                                   readout_format=".0%", **slider)
        c["load"] = w.IntSlider(value=int(load), min=1, max=len(self.letters), description="letters stored P", **slider)
        c["rule"] = w.Dropdown(options=list(_RULE_LABELS), value=rule, description="rule",
                               layout=w.Layout(width="15em"), style={"description_width": "initial"})
        c["mode"] = w.ToggleButtons(options=["async", "sync"], value=mode, style={"button_width": "4.5em"},
                                    tooltips=["one neuron at a time, in a random order", "all neurons at once"])
        c["seed"] = w.BoundedIntText(value=_seed_value(seed), min=0, max=10**6, description="seed",
                                     layout=w.Layout(width="9em"), style={"description_width": "initial"})
        c["new_probe"] = w.Button(description="new noise", tooltip="the next seed: other flipped pixels",
                                  layout=w.Layout(width="8em"))
        c["step"] = w.IntSlider(value=0, min=0, max=1, description="frame", continuous_update=True,
                                readout=False, layout=w.Layout(width="22em"))
        c["play"] = w.Play(value=0, min=0, max=1, interval=int(interval), description="play")
        w.jslink((c["play"], "value"), (c["step"], "value"))
        for name in ("letter", "noise", "load", "rule", "mode", "seed"):
            c[name].observe(self._on_setting, names="value")
            c[name].add_class(f"hl-noise-{name}")
        c["new_probe"].on_click(self._on_new_probe)
        c["step"].observe(self._on_step, names="value")
        c["step"].add_class("hl-noise-step")
        self._frame_label = w.Label()
        self.view = w.VBox([
            c["letter"],
            w.HBox([c["noise"], c["load"]]),
            w.HBox([c["rule"], w.Label("updates"), c["mode"], c["seed"], c["new_probe"]]),
            w.HBox([c["play"], c["step"], self._frame_label]),
            self._image,
            self._readout,
        ])
        self.view.add_class("hl-noise")
        self._compute()
        self._render()

    # -- settings -------------------------------------------------------------------
    @property
    def load(self) -> int:
        return int(self.controls["load"].value)

    @property
    def names(self) -> str:
        return self.letters[: self.load]

    @property
    def rule(self) -> str:
        return self.controls["rule"].value

    @property
    def mode(self) -> str:
        return self.controls["mode"].value

    @property
    def noise(self) -> float:
        return float(self.controls["noise"].value)

    @property
    def seed(self) -> int:
        return int(self.controls["seed"].value)

    @property
    def letter(self) -> str:
        return self.controls["letter"].value

    @property
    def patterns(self) -> np.ndarray:
        return _letters.letters(self.names)

    @property
    def target(self) -> int:
        return self.names.index(self.letter)

    @property
    def frame(self) -> int:
        return int(self.controls["step"].value)

    @property
    def state(self) -> np.ndarray:
        return self.frames[self.frame]

    # -- computation ----------------------------------------------------------------
    def _weights(self, rule: str, load: int) -> np.ndarray:
        key = (rule, load)
        if key not in self._weights_cache:
            self._weights_cache[key] = RULES[rule](_letters.letters(self.letters[:load]))
            self.stats["weights"] += 1
        return self._weights_cache[key]

    def _run(self, key):
        rule, load, letter, noise, mode, seed = key
        W = self._weights(rule, load)
        xi = _letters.letters(self.letters[:load])
        probe = corrupt(xi[self.letters.index(letter)], noise, rng=seed)
        result = _recall(W, probe, mode=mode, rng=seed + 1, max_sweeps=self.max_sweeps)
        frames, positions = _frames(result, mode, seed + 1, self.frames_per_sweep)
        self.stats["recalls"] += 1
        return {
            "probe": probe,
            "result": result,
            "frames": frames,
            "positions": positions,
            "overlaps": frames @ xi.T / xi.shape[1],
            "energies": np.atleast_1d(_energy(W, frames)),
            "target_energy": _energy(W, xi[self.letters.index(letter)]),
        }

    def _compute(self) -> None:
        key = (self.rule, self.load, self.letter, round(self.noise, 6), self.mode, self.seed)
        run = self._runs.get_or(key, lambda: self._run(key))
        self.weights = self._weights(self.rule, self.load)
        self.probe = run["probe"]
        self.result = run["result"]
        self.frames = run["frames"]
        self.positions = run["positions"]
        self.overlaps = run["overlaps"]
        self.energies = run["energies"]
        self._target_energy = run["target_energy"]
        last = len(self.frames) - 1
        self._quiet = True
        try:
            step, play = self.controls["step"], self.controls["play"]
            step.max = play.max = max(last, 1)
            step.value = play.value = last  # show the outcome at once; Play replays from the probe
        finally:
            self._quiet = False

    # -- callbacks ------------------------------------------------------------------
    def _on_setting(self, change) -> None:
        if self._quiet:
            return
        self._timed(self._update_all, change["owner"] is self.controls["load"])

    def _update_all(self, load_changed: bool) -> None:
        if load_changed:
            toggles = self.controls["letter"]
            keep = toggles.value if toggles.value in self.names else self.names[0]
            self._quiet = True
            try:
                toggles.options = list(self.names)
                toggles.value = keep
            finally:
                self._quiet = False
        self._compute()
        self._render()

    def _on_new_probe(self, _button=None) -> None:
        self.controls["seed"].value = self.seed + 1

    def _on_step(self, change) -> None:
        if not self._quiet:
            self._timed(self._render)

    # -- outcome --------------------------------------------------------------------
    @property
    def recalled(self) -> str | None:
        """The stored letter the recall ended in exactly, or None (a spurious state, a reversed letter, a cycle)."""
        final = self.result.state
        for name, x in zip(self.names, self.patterns):
            if np.array_equal(final, x):
                return name
        return None

    @property
    def outcome(self) -> str:
        m = self.overlaps[-1]
        k = int(np.argmax(np.abs(m)))
        closest = self.names[k]
        res = self.result
        if self.mode == "sync" and not res.converged:
            return f"a 2-cycle, not a fixed point (closest letter {closest}, m = {m[k]:.2f})"
        if m[k] == 1.0:
            return f"recalled {closest} exactly" if k == self.target else f"went to the wrong letter {closest}"
        if m[k] == -1.0:
            return f"the reversed {closest}"
        return f"a spurious state (closest letter {closest}, m = {m[k]:+.2f})"

    def _frame_text(self, f: int) -> str:
        pos = self.positions[f]
        if f == 0:
            return "the probe"
        if self.mode == "sync":
            return f"after step {int(round(pos))}"
        whole = abs(pos - round(pos)) < 1e-9
        return f"after sweep {int(round(pos))}" if whole else f"sweep {math.ceil(pos)}, {pos % 1:.0%} done"

    def summary(self) -> str:
        flips = int(np.sum(self.probe != self.patterns[self.target]))
        rule = dict((v, k) for k, v in _RULE_LABELS)[self.rule]
        sweeps = self.result.sweeps
        unit = "sweep" if self.mode == "async" else "step"
        return (f"{self.names} stored ({rule}, P = {self.load}); probe: {self.letter} with {flips} of 100 pixels "
                f"flipped (seed {self.seed}); {self.mode} updates: {self.outcome} after {sweeps} {unit}"
                f"{'s' if sweeps != 1 else ''}, E = {self.energies[-1]:.3f}")

    def _summary_html(self) -> str:
        f = self.frame
        m = self.overlaps[f]
        wrong = int(np.sum(self.frames[f] != self.patterns[self.target]))
        now = (f"<b>{html.escape(self._frame_text(f))}</b>: {wrong} wrong pixels, "
               f"m<sub>{self.letter}</sub> = {m[self.target]:+.2f}, E = {self.energies[f]:.2f}")
        return f"{now}<br>{html.escape(self.summary())}"

    # -- figure ---------------------------------------------------------------------
    def _structure(self):
        return self.names

    def _build(self, fig):
        axes = _image_row(fig, 3, right=0.4) + _chart_row(fig, 2, left=0.48, width_ratios=[1.0, 1.1])
        shape = _letters.SHAPE
        art = {"names": self.names}
        art["titles"] = [_image_axes(ax) for ax in axes[:3]]
        art["images"] = [_image(ax, shape) for ax in axes[:3]]
        art["dots"] = [None, _dots(axes[1]), _dots(axes[2])]
        ax_m, ax_e = axes[3], axes[4]
        p = len(self.names)
        art["bars"] = ax_m.bar(np.arange(p), np.zeros(p), color=_OTHER, width=0.7)
        ax_m.axhline(0, color="k", lw=0.6)
        ax_m.set_xticks(np.arange(p), list(self.names))
        ax_m.set_ylim(-1.05, 1.05)
        ax_m.set_xlim(-0.6, p - 0.4)
        ax_m.set_ylabel("overlap $m^\\mu$", fontsize=9)
        ax_m.set_title("overlap with each stored letter", fontsize=9, y=1.0)
        ax_m.tick_params(labelsize=8)
        art["energy_line"], = ax_e.plot([], [], color="k", lw=1.2)
        art["energy_dot"], = ax_e.plot([], [], "o", color=_MISSING, ms=5, zorder=3)
        art["target_line"] = ax_e.axhline(0, color=_TARGET, lw=1, ls="--", label="E(stored letter)")
        ax_e.set_xlabel("sweeps" if self.mode == "async" else "steps", fontsize=9)
        ax_e.set_ylabel("energy $E$", fontsize=9)
        ax_e.set_title("energy along the way", fontsize=9, y=1.0)
        ax_e.tick_params(labelsize=8)
        ax_e.legend(fontsize=7, loc="upper right", frameon=False)
        art["ax_e"] = ax_e
        return art

    def _draw(self, art) -> None:
        shape = _letters.SHAPE
        f = self.frame
        target = self.patterns[self.target]
        state = self.frames[f]
        images = [target, self.probe, state]
        titles = [f"stored {self.letter}\n",
                  f"probe\n{int(np.sum(self.probe != target))} pixels flipped",
                  self._frame_text(f).replace(", ", "\n", 1) + ("" if "," in self._frame_text(f) else "\n")]
        for im, title_ax, img, title in zip(art["images"], art["titles"], images, titles):
            im.set_data(img.reshape(shape))
            title_ax.set_title(title, fontsize=9, y=1.0)
        _mark(art["dots"][1], (self.probe != target).reshape(shape))
        _mark(art["dots"][2], (state != target).reshape(shape))
        for k, bar in enumerate(art["bars"]):
            bar.set_height(self.overlaps[f, k])
            bar.set_color(_TARGET if k == self.target else _OTHER)
        ax_e = art["ax_e"]
        x, e = self.positions, self.energies
        art["energy_line"].set_data(x, e)
        art["energy_dot"].set_data([x[f]], [e[f]])
        art["target_line"].set_ydata([self._target_energy, self._target_energy])
        ax_e.set_xlabel("sweeps" if self.mode == "async" else "steps", fontsize=9)
        ax_e.set_xlim(-0.05 * max(x[-1], 1), max(x[-1], 1) * 1.05)
        lo, hi = min(e.min(), self._target_energy), max(e.max(), self._target_energy)
        pad = 0.08 * max(hi - lo, 1.0)
        ax_e.set_ylim(lo - pad, hi + pad)
        ax_e.xaxis.get_major_locator().set_params(integer=True)
        self._frame_label.value = self._frame_text(f)


def _frames(result, mode: str, rng_seed: int, per_sweep: int):
    """The states to show, frame by frame, and their positions in sweeps.

    Synchronous: the states of every step. Asynchronous: inside sweep ``t``
    each neuron is visited once, in the order ``hl.recall`` drew from its rng
    (reproduced by :func:`hopfield_lib.trajectories.sweep_orders`), and keeps
    the value it gets until the sweep ends; so the state after the first ``k``
    updates of sweep ``t`` is ``states[t]`` with those ``k`` neurons set to
    their values in ``states[t + 1]``: exact, without re-running anything.
    """
    states = np.asarray(result.states)
    sweeps = states.shape[0] - 1
    if mode == "sync" or per_sweep == 1:
        return states.astype(float), np.arange(sweeps + 1, dtype=float)
    n = states.shape[1]
    orders = sweep_orders(n, sweeps, rng=rng_seed).reshape(sweeps, n)
    frames = [states[0].astype(float)]
    positions = [0.0]
    for t in range(sweeps):
        for j in range(1, per_sweep + 1):
            k = int(round(j * n / per_sweep))
            s = states[t].astype(float)
            idx = orders[t, :k]
            s[idx] = states[t + 1, idx]
            frames.append(s)
            positions.append(t + j / per_sweep)
    return np.array(frames), np.array(positions)


def noise_explorer(letters: str = DEFAULT_LETTERS, *, letter=None, noise: float = 0.2, load: int = 5,
                   rule: str = "hebbian", mode: str = "async", seed: int = 0, frames_per_sweep: int = 10,
                   max_sweeps: int = 20, interval: int = 250) -> NoiseExplorer:
    """A widget: recall a stored letter from a noisy probe, step by step (lecture 4).

    The network stores the first ``load`` of ``letters`` with the chosen rule
    (``"hebbian"``, ``"storkey"`` or ``"pseudo_inverse"``); the probe is the
    chosen letter with a fraction ``noise`` of its pixels flipped
    (``hl.corrupt(xi, noise, rng=seed)``); the recall is
    ``hl.recall(W, probe, mode=mode, rng=seed + 1)``. The view shows the
    stored letter, the probe and the state of the current frame (red dots:
    pixels that differ from the stored letter), the overlap ``m^mu`` with
    every stored letter as bars, and the energy along the way with the
    energy of the stored letter as a dashed line. The Play button replays the
    recall from the probe; the frame slider steps through it.

    Controls: ``letter``, ``noise``, ``load``, ``rule``, ``mode``, ``seed``,
    ``new_probe`` (button: the next seed), ``step`` (the frame), ``play``.

    Examples
    --------
    >>> w = noise_explorer(noise=0.2, load=5, seed=0)
    >>> w.recalled, w.result.sweeps, len(w.frames)            # async: 10 frames per sweep
    ('A', 2, 21)
    >>> w.controls["load"].value = 7                          # Hebb fails from the sixth letter on
    >>> w.recalled, w.outcome
    (None, 'a spurious state (closest letter O, m = +0.90)')
    >>> w.controls["rule"].value = "pseudo_inverse"
    >>> w.recalled
    'A'
    """
    return NoiseExplorer(letters, letter=letter, noise=noise, load=load, rule=rule, mode=mode, seed=seed,
                         frames_per_sweep=frames_per_sweep, max_sweeps=max_sweeps, interval=interval)


# --------------------------------------------------------------------------- pattern editor


class PatternEditor(Explorer):
    """Draw a probe on a grid of cells, recall it, see where it went. Build it with :func:`pattern_editor`.

    Attributes
    ----------
    cells : list of 100 ipywidgets.Button
        Row by row; ``cells[10 * row + col].click()`` toggles a pixel (black = +1).
    probe : array (100,)
        The drawn probe, +-1.
    names, patterns : the stored letters and their patterns ``(P, 100)``.
    weights : array (100, 100)
    result : RecallResult or None
        The last recall (None before the first, and after the probe changed).
    recalled : str or None
        The stored letter the recall ended in exactly, else None.
    overlaps : array (P,) or None
        ``m^mu`` of the recalled state with each stored letter.
    """

    css_class = "hl-editor"
    figsize = (6.4, 2.3)
    _BLANK = "(blank)"

    def __init__(self, letters=DEFAULT_LETTERS[:5], *, rule="hebbian", mode="async", seed=0, start=None):
        super().__init__()
        w = _widgets()
        if not isinstance(letters, str) or not letters or len(set(letters.upper())) != len(letters):
            raise ValueError(f"letters: expected a string of distinct letters A-Z, got {letters!r}")
        self.names = letters.upper()
        self.patterns = _letters.letters(self.names)
        _choice(rule, RULES, "rule")
        _choice(mode, ("async", "sync"), "mode")
        self._weights_cache: dict = {}
        self._probe = -np.ones(self.patterns.shape[1])
        self.result = None
        h, wd = _letters.SHAPE
        cell_layout = w.Layout(width="24px", height="24px", padding="0", margin="0", border="1px solid #bbbbbb")
        self.cells = []
        for k in range(h * wd):
            b = w.Button(description="", tooltip=f"row {k // wd}, column {k % wd}", layout=cell_layout)
            b.style.button_color = "white"
            b.add_class("hl-editor-cell")
            b.on_click(lambda _b, k=k: self._toggle(k))
            self.cells.append(b)
        grid = w.GridBox(self.cells, layout=w.Layout(grid_template_columns=f"repeat({wd}, 24px)",
                                                     grid_gap="1px", width="max-content"))
        c = self.controls
        c["cells"] = self.cells
        c["start"] = w.Dropdown(options=[self._BLANK] + list(self.names), value=self._BLANK, description="start from",
                                layout=w.Layout(width="14em"), style={"description_width": "initial"})
        c["clear"] = w.Button(description="clear", layout=w.Layout(width="7em"))
        c["invert"] = w.Button(description="invert", layout=w.Layout(width="7em"))
        c["recall"] = w.Button(description="recall", button_style="primary", icon="play",
                               layout=w.Layout(width="9em"))
        c["rule"] = w.Dropdown(options=list(_RULE_LABELS), value=rule, description="rule",
                               layout=w.Layout(width="14em"), style={"description_width": "initial"})
        c["mode"] = w.ToggleButtons(options=["async", "sync"], value=mode, style={"button_width": "4.5em"},
                                    tooltips=["one neuron at a time, in a random order", "all neurons at once"])
        c["seed"] = w.BoundedIntText(value=_seed_value(seed), min=0, max=10**6, description="seed",
                                     layout=w.Layout(width="9em"), style={"description_width": "initial"})
        for name in ("start", "clear", "invert", "recall", "rule", "mode", "seed"):
            c[name].add_class(f"hl-editor-{name}")
        c["start"].observe(self._on_start, names="value")
        c["clear"].on_click(lambda _b: self._timed(self.set_probe, -np.ones(len(self.cells))))
        c["invert"].on_click(lambda _b: self._timed(self.set_probe, -self._probe))
        c["recall"].on_click(lambda _b: self._timed(self.recall))
        for name in ("rule", "mode", "seed"):
            c[name].observe(self._on_setting, names="value")
        panel = w.VBox([c["start"], w.HBox([c["clear"], c["invert"]]), c["rule"],
                        w.HBox([w.Label("updates"), c["mode"]]), c["seed"], c["recall"]])
        self.view = w.VBox([w.HBox([grid, panel], layout=w.Layout(grid_gap="1em", align_items="flex-start")),
                            self._image, self._readout])
        self.view.add_class("hl-editor")
        if start is not None:
            c["start"].value = _choice(str(start).upper(), self.names, "start")
        self._render()

    # -- the probe ------------------------------------------------------------------
    @property
    def probe(self) -> np.ndarray:
        return self._probe.copy()

    @property
    def weights(self) -> np.ndarray:
        rule = self.controls["rule"].value
        if rule not in self._weights_cache:
            self._weights_cache[rule] = RULES[rule](self.patterns)
            self.stats["weights"] += 1
        return self._weights_cache[rule]

    def _paint(self, k: int) -> None:
        self.cells[k].style.button_color = "black" if self._probe[k] > 0 else "white"

    def _toggle(self, k: int) -> None:
        start = time.perf_counter()
        self._probe[k] = -self._probe[k]
        self._paint(k)
        self.result = None
        self._render()
        self.timings.append(time.perf_counter() - start)

    def toggle(self, row: int, col: int) -> None:
        """Flip the pixel at (row, col), as a click on its cell does."""
        self.cells[row * _letters.SHAPE[1] + col].click()

    def set_probe(self, probe) -> None:
        """Draw a whole probe (+-1 values, shape (100,) or (10, 10)) on the grid."""
        from hopfield_lib._validation import as_spins

        p = as_spins(np.reshape(probe, -1), "probe", ndim=(1,)).astype(float)
        if p.shape[0] != len(self.cells):
            raise ValueError(f"probe: expected {len(self.cells)} values, got {p.shape[0]}")
        changed = np.flatnonzero(p != self._probe)
        self._probe = p
        for k in changed:
            self._paint(int(k))
        self.result = None
        self._render()

    def _on_start(self, change) -> None:
        value = change["new"]
        pattern = -np.ones(len(self.cells)) if value == self._BLANK else self.patterns[self.names.index(value)]
        self._timed(self.set_probe, pattern)

    def _on_setting(self, change) -> None:
        self.result = None
        self._timed(self._render)

    # -- recall ---------------------------------------------------------------------
    def recall(self):
        """Recall from the drawn probe (what the recall button does); returns the RecallResult."""
        self.result = _recall(self.weights, self._probe, mode=self.controls["mode"].value,
                              rng=int(self.controls["seed"].value), max_sweeps=50)
        self.stats["recalls"] += 1
        self._render()
        return self.result

    @property
    def overlaps(self):
        return None if self.result is None else self.result.state @ self.patterns.T / self.patterns.shape[1]

    @property
    def recalled(self) -> str | None:
        if self.result is None:
            return None
        for name, x in zip(self.names, self.patterns):
            if np.array_equal(self.result.state, x):
                return name
        return None

    @property
    def outcome(self) -> str:
        if self.result is None:
            return "not recalled yet: press recall"
        m = self.overlaps
        k = int(np.argmax(np.abs(m)))
        unit = "sweep" if self.controls["mode"].value == "async" else "step"
        after = f"after {self.result.sweeps} {unit}{'s' if self.result.sweeps != 1 else ''}"
        if self.controls["mode"].value == "sync" and not self.result.converged:
            return f"a 2-cycle, not a fixed point ({after})"
        if m[k] == 1.0:
            return f"went to {self.names[k]} ({after})"
        if m[k] == -1.0:
            return f"went to the reversed {self.names[k]} ({after})"
        return f"went to a spurious state, closest to {self.names[k]} with m = {m[k]:+.2f} ({after})"

    def summary(self) -> str:
        rule = dict((v, k) for k, v in _RULE_LABELS)[self.controls["rule"].value]
        ink = int(np.sum(self._probe > 0))
        return f"{self.names} stored ({rule}); probe with {ink} black pixels: {self.outcome}"

    # -- figure ---------------------------------------------------------------------
    def _build(self, fig):
        axes = _image_row(fig, 2, right=0.44) + _chart_row(fig, 1, left=0.55)
        art = {"titles": [_image_axes(ax) for ax in axes[:2]]}
        art["images"] = [_image(ax, _letters.SHAPE) for ax in axes[:2]]
        art["pending"] = axes[1].text(4.5, 4.5, "press\nrecall", ha="center", va="center", fontsize=10,
                                      color="#555555")
        ax_m = axes[2]
        p = len(self.names)
        art["bars"] = ax_m.bar(np.arange(p), np.zeros(p), color=_OTHER, width=0.7)
        ax_m.axhline(0, color="k", lw=0.6)
        ax_m.set_xticks(np.arange(p), list(self.names))
        ax_m.set_ylim(-1.05, 1.05)
        ax_m.set_xlim(-0.6, p - 0.4)
        ax_m.set_xlabel("stored letter", fontsize=9)
        ax_m.tick_params(labelsize=8)
        art["ax_m"] = ax_m
        return art

    def _draw(self, art) -> None:
        shape = _letters.SHAPE
        art["images"][0].set_data(self._probe.reshape(shape))
        art["titles"][0].set_title("your probe", fontsize=9, y=1.0)
        m_probe = self._probe @ self.patterns.T / self.patterns.shape[1]
        if self.result is None:
            art["images"][1].set_data(np.zeros(shape))
            art["images"][1].set_alpha(0.15)
            art["pending"].set_visible(True)
            art["titles"][1].set_title("recalled", fontsize=9, y=1.0)
            m, where = m_probe, "probe"
        else:
            art["images"][1].set_data(self.result.state.reshape(shape))
            art["images"][1].set_alpha(1.0)
            art["pending"].set_visible(False)
            r = self.recalled
            art["titles"][1].set_title(f"recalled: {r}" if r else "recalled: no letter", fontsize=9, y=1.0)
            m, where = self.overlaps, "recalled state"
        k_best = int(np.argmax(np.abs(m)))
        for k, bar in enumerate(art["bars"]):
            bar.set_height(m[k])
            bar.set_color(_TARGET if k == k_best else _OTHER)
        art["ax_m"].set_title(f"overlap $m^\\mu$ of the {where}", fontsize=9, y=1.0)


def pattern_editor(letters: str = DEFAULT_LETTERS[:5], *, rule: str = "hebbian", mode: str = "async",
                   seed: int = 0, start=None) -> PatternEditor:
    """A widget: click pixels on a 10 x 10 grid to draw a probe, then recall it (lecture 4).

    The network stores ``letters`` with the chosen rule. Each cell of the grid
    is a pixel (black = +1); "start from" fills the grid with a stored letter
    to damage by hand, "clear" and "invert" do what they say, "recall" runs
    ``hl.recall(W, probe, mode=mode, rng=seed)`` and shows the result, its
    overlap with every stored letter and which letter it went to (or that it
    ended in a spurious state).

    Controls: ``cells`` (the 100 buttons), ``start``, ``clear``, ``invert``,
    ``recall``, ``rule``, ``mode``, ``seed``.

    Examples
    --------
    >>> ed = pattern_editor("AGIVX", start="X")
    >>> for col in range(10):                    # scribble a line across the X
    ...     if ed.probe[40 + col] < 0:
    ...         ed.toggle(4, col)
    >>> ed.controls["recall"].click()
    >>> ed.recalled, ed.outcome
    ('X', 'went to X (after 2 sweeps)')
    """
    return PatternEditor(letters, rule=rule, mode=mode, seed=seed, start=start)


# --------------------------------------------------------------------------- capacity explorer


class CapacityExplorer(Explorer):
    """Measured first-step errors against theory, for N and P on sliders. Build it with :func:`capacity_explorer`.

    Network ``j`` (``j = 0 .. networks - 1``) stores
    ``hl.random_patterns(P, N, rng=seed + j)`` with Hebb's rule; its error
    rate is the fraction of the ``P N`` stored bits that flip in one update
    (:func:`hopfield_lib.measure.bit_error_rate`, computed here in exact
    integer arithmetic from the ``(P, P)`` overlaps by
    :func:`hopfield_lib.experiments._fast.hebbian_fields`), its stable fraction
    the fraction of stored patterns that are fixed points
    (:func:`hopfield_lib.measure.stable_fraction`).

    Attributes
    ----------
    n_neurons, n_patterns, alpha : N, P and P / N
    error_rates, stable_fractions : arrays (networks,), one value per network
    error_rate, stable_fraction : their means
    error_sem : standard error of the mean error rate (NaN for one network)
    theory : ``Phi(-sqrt(N/P))`` (:func:`hopfield_lib.experiments.capacity.gaussian_error_rate`)
    exact : the finite-N value (:func:`hopfield_lib.experiments.capacity.binomial_error_rate`)
    stable_theory : ``(1 - exact) ** N``, the chance that a given pattern is stable
    """

    css_class = "hl-capacity"
    figsize = (8.0, 2.9)
    N_MAX = 1000

    def __init__(self, *, n_neurons=500, n_patterns=50, networks=5, seed=0):
        super().__init__()
        w = _widgets()
        n = int(n_neurons)
        if not 50 <= n <= self.N_MAX:
            raise ValueError(f"n_neurons: expected an int from 50 to {self.N_MAX}, got {n_neurons!r}")
        if not 1 <= int(n_patterns) <= n // 2:
            raise ValueError(f"n_patterns: expected an int from 1 to N/2 = {n // 2}, got {n_patterns!r}")
        if not 1 <= int(networks) <= 10:
            raise ValueError(f"networks: expected an int from 1 to 10, got {networks!r}")
        self._nets = _LRU(400)
        slider = dict(continuous_update=False, style={"description_width": "initial"})
        c = self.controls
        c["N"] = w.IntSlider(value=n, min=50, max=self.N_MAX, step=50, description="neurons N", **slider)
        c["P"] = w.IntSlider(value=int(n_patterns), min=1, max=n // 2, description="patterns P", **slider)
        c["networks"] = w.IntSlider(value=int(networks), min=1, max=10, description="networks", **slider)
        c["seed"] = w.BoundedIntText(value=_seed_value(seed), min=0, max=10**6, description="seed",
                                     layout=w.Layout(width="9em"), style={"description_width": "initial"})
        for name in ("N", "P", "networks", "seed"):
            c[name].observe(self._on_setting, names="value")
            c[name].add_class(f"hl-capacity-{name}")
        self.view = w.VBox([w.HBox([c["N"], c["P"]]), w.HBox([c["networks"], c["seed"]]), self._image,
                            self._readout])
        self.view.add_class("hl-capacity")
        self._compute()
        self._render()

    @property
    def n_neurons(self) -> int:
        return int(self.controls["N"].value)

    @property
    def n_patterns(self) -> int:
        return int(self.controls["P"].value)

    @property
    def alpha(self) -> float:
        return self.n_patterns / self.n_neurons

    def _measure(self, n: int, p: int, seed: int):
        """Error rate and stable fraction of one Hebbian network (exact integer fields)."""
        from hopfield_lib._threads import one_blas_thread

        xi = random_patterns(p, n, rng=seed)
        with one_blas_thread():
            flips = will_flip(hebbian_fields(xi), xi)  # exact integer fields N h
        self.stats["measurements"] += 1
        return float(flips.mean()), float(np.mean(~flips.any(axis=1)))

    def _compute(self) -> None:
        n, p, seed = self.n_neurons, self.n_patterns, int(self.controls["seed"].value)
        runs = [self._nets.get_or((n, p, seed + j), lambda j=j: self._measure(n, p, seed + j))
                for j in range(int(self.controls["networks"].value))]
        self.error_rates = np.array([r[0] for r in runs])
        self.stable_fractions = np.array([r[1] for r in runs])
        self.error_rate = float(self.error_rates.mean())
        self.stable_fraction = float(self.stable_fractions.mean())
        k = len(runs)
        self.error_sem = float(self.error_rates.std(ddof=1) / math.sqrt(k)) if k > 1 else float("nan")
        self.theory = float(_capacity.gaussian_error_rate(self.alpha))
        self.exact = float(_capacity.binomial_error_rate(n, p))
        self.stable_theory = float((1.0 - self.exact) ** n)

    def _on_setting(self, change) -> None:
        if self._quiet:
            return
        self._timed(self._update, change["owner"] is self.controls["N"])

    def _update(self, n_changed: bool) -> None:
        if n_changed:
            self._quiet = True
            try:
                self.controls["P"].max = self.n_neurons // 2
            finally:
                self._quiet = False
        self._compute()
        self._render()

    def summary(self) -> str:
        k = len(self.error_rates)
        bits = k * self.n_neurons * self.n_patterns
        return (f"N = {self.n_neurons}, P = {self.n_patterns} (alpha = {self.alpha:.3f}), {k} network"
                f"{'s' if k != 1 else ''} ({bits} bits): error rate {self.error_rate:.4f} measured, "
                f"{self.theory:.4f} Gaussian theory, {self.exact:.4f} exact; stable patterns "
                f"{self.stable_fraction:.0%} measured, {self.stable_theory:.0%} predicted")

    def _build(self, fig):
        import matplotlib as mpl

        gs = fig.add_gridspec(1, 2, left=0.085, right=0.985, bottom=0.17, top=0.9, wspace=0.25)
        ax_e, ax_s = fig.add_subplot(gs[0, 0]), fig.add_subplot(gs[0, 1])
        alphas = np.linspace(0.01, 0.5, 200)
        ax_e.semilogy(alphas, _capacity.gaussian_error_rate(alphas), color="k", lw=1.2,
                      label=r"theory $\Phi(-\sqrt{N/P})$")
        art = {"ax_e": ax_e, "ax_s": ax_s, "n": None}
        # the curves that depend on N are filled in by _draw, so that a new N needs no new figure
        art["exact_line"], = ax_e.semilogy([0.1], [0.1], color="k", lw=1, ls=":", label="exact, N = 1000")
        ax_e.axvline(_capacity.ALPHA_C, color=_OTHER, lw=0.8, ls="--")
        ax_e.text(_capacity.ALPHA_C, 2.2e-5, r" $\alpha_c$", color="#555555", fontsize=8)
        ax_e.set(xlim=(0, 0.5), ylim=(1e-5, 0.5))
        # plain-text tick labels: mathtext ones are slow to redraw
        ax_e.set_yticks([1e-5, 1e-4, 1e-3, 1e-2, 1e-1], ["10⁻⁵", "10⁻⁴", "10⁻³", "10⁻²", "10⁻¹"])
        ax_e.yaxis.set_minor_formatter(mpl.ticker.NullFormatter())
        ax_e.set_xlabel(r"load $\alpha = P/N$", fontsize=9)
        ax_e.set_ylabel("bits flipped in one update", fontsize=9)
        art["err_point"] = ax_e.errorbar([0.1], [0.01], yerr=[[0.0], [0.0]], fmt="o", color=_MISSING, ms=6,
                                         capsize=3, label="measured", zorder=4)
        art["err_zero"], = ax_e.plot([], [], "v", color=_MISSING, ms=7, zorder=4)
        art["legend_e"] = ax_e.legend(fontsize=7, loc="lower right")
        art["stable_line"], = ax_s.plot([0.1], [0.5], color="k", lw=1.2, label=r"$(1 - p_{err})^N$, exact $p_{err}$")
        art["mc_line"] = ax_s.axvline(0.1, color=_OTHER, lw=0.8, ls="--")
        art["mc_text"] = ax_s.text(0.1, 0.3, r"$1/(2\ln N)$ ", color="#555555", fontsize=8, ha="right")
        art["stable_point"], = ax_s.plot([0.1], [0.5], "o", color=_MISSING, ms=6, label="measured", zorder=4)
        ax_s.set(xlim=(0, 0.5), ylim=(-0.03, 1.03))
        ax_s.set_xlabel(r"load $\alpha = P/N$", fontsize=9)
        ax_s.set_ylabel("fraction of patterns", fontsize=9)
        ax_s.legend(fontsize=7, loc="upper right")
        for ax in (ax_e, ax_s):
            ax.tick_params(labelsize=8)
        return art

    def _draw_n(self, art) -> None:
        """The curves for the current N (the exact error rate, the stable fraction, McEliece's load)."""
        n = self.n_neurons
        ps = np.arange(1, n // 2 + 1)
        exact = _capacity.binomial_error_rate(n, ps)
        art["exact_line"].set_data(ps / n, np.maximum(exact, 1e-12))
        art["legend_e"].get_texts()[1].set_text(f"exact, N = {n}")
        art["stable_line"].set_data(ps / n, (1 - exact) ** n)
        a_mc = _capacity.mceliece_capacity(n) / n
        art["mc_line"].set_xdata([a_mc, a_mc])
        art["mc_text"].set_x(a_mc)
        art["n"] = n

    def _draw(self, art) -> None:
        if art["n"] != self.n_neurons:
            self._draw_n(art)
        a = self.alpha
        line, caps, bars = art["err_point"].lines
        rate = self.error_rate
        sem = 0.0 if math.isnan(self.error_sem) else self.error_sem
        if rate > 0:
            lo, hi = max(rate - sem, 1e-6), rate + sem
            line.set_data([a], [rate])
            art["err_zero"].set_data([], [])
            bars[0].set_segments([np.array([[a, lo], [a, hi]])])
            for cap, y in zip(caps, (lo, hi)):
                cap.set_data([a], [y])
        else:  # nothing flipped: a marker on the bottom edge
            line.set_data([], [])
            art["err_zero"].set_data([a], [1.3e-5])
            bars[0].set_segments([])
            for cap in caps:
                cap.set_data([], [])
        art["stable_point"].set_data([a], [self.stable_fraction])
        art["ax_e"].set_title(f"bit error rate: {self.error_rate:.4f} measured, {self.theory:.4f} theory",
                              fontsize=9, y=1.0)
        art["ax_s"].set_title(f"stable patterns: {self.stable_fraction:.0%} measured, "
                              f"{self.stable_theory:.0%} predicted", fontsize=9, y=1.0)


def capacity_explorer(*, n_neurons: int = 500, n_patterns: int = 50, networks: int = 5,
                      seed: int = 0) -> CapacityExplorer:
    """A widget: N and P sliders, the measured first-step error rate against theory (lecture 5).

    Left: the probability that a stored bit flips in one update, theory
    ``Phi(-sqrt(N/P))`` (Gaussian crosstalk; Hertz, Krogh & Palmer 1991) and
    its exact finite-N value over the load ``alpha``, with the measured value
    at the current ``(N, P)`` (mean +- standard error over the networks;
    a triangle on the bottom edge when no bit flipped). Right: the fraction of
    stored patterns that are fixed points, against ``(1 - p_err)^N``, with
    McEliece et al.'s (1987) ``1 / (2 ln N)`` marked.

    Controls: ``N``, ``P`` (at most N/2), ``networks`` (how many independent
    networks are averaged), ``seed``.

    Examples
    --------
    >>> cap = capacity_explorer(n_neurons=500, n_patterns=50, networks=5, seed=0)
    >>> round(cap.error_rate, 4), round(cap.theory, 4)
    (0.0005, 0.0008)
    >>> cap.controls["P"].value = 150
    >>> round(cap.error_rate, 4), round(cap.theory, 4), cap.stable_fraction
    (0.0331, 0.0339, 0.0)
    """
    return CapacityExplorer(n_neurons=n_neurons, n_patterns=n_patterns, networks=networks, seed=seed)


# --------------------------------------------------------------------------- beta explorer


class BetaExplorer(Explorer):
    """A modern Hopfield network on digit images as beta changes. Build it with :func:`beta_explorer`.

    Attributes
    ----------
    patterns : array (P, 64)
        The stored grey images (values in [-1, 1]).
    labels : int array (P,)
        The digit each stored image shows.
    target : int
        The stored image the query is made from.
    query : array (64,)
        That image with a part masked: the masked pixels set to 0 (unknown grey).
    weights : array (P,)
        The softmax weights of the last update, ``softmax(beta * X @ xi)``;
        they sum to 1.
    retrieved : array (64,)
        The state after ``updates`` updates ``xi <- X.T @ softmax(beta X xi)``.
    n_eff : float
        The effective number of patterns the weights mix, ``exp(entropy)``.
    """

    css_class = "hl-beta"
    figsize = (8.0, 2.5)
    PARTS = ("bottom", "top", "left", "right")

    def __init__(self, patterns=None, labels=None, *, target=3, beta=1.0, mask=0.5, part="bottom", updates=1):
        super().__init__()
        w = _widgets()
        if patterns is None:
            patterns = _datasets.digit_prototypes("grey", per_class=10)
            labels = np.tile(np.arange(10), 10)
        X = np.asarray(patterns, dtype=float)
        if X.ndim != 2 or X.shape[0] < 2 or not np.all(np.isfinite(X)):
            raise ValueError(f"patterns: expected a finite array of shape (P, N) with P >= 2, got shape {X.shape}")
        self.patterns = X
        self.labels = np.arange(X.shape[0]) if labels is None else np.asarray(labels, dtype=int)
        if self.labels.shape != (X.shape[0],):
            raise ValueError(f"labels: expected shape ({X.shape[0]},), got {self.labels.shape}")
        self.shape = _image_shape(X.shape[1])
        self._order = np.argsort(self.labels, kind="stable")  # bars grouped by label
        if not 0 <= int(target) < X.shape[0]:
            raise ValueError(f"target: expected an index from 0 to {X.shape[0] - 1}, got {target!r}")
        if not 0 < float(beta):
            raise ValueError(f"beta: expected a positive number, got {beta!r}")
        _choice(part, self.PARTS, "part")
        c = self.controls
        slider = dict(continuous_update=False, style={"description_width": "initial"})
        c["beta"] = w.FloatLogSlider(value=float(beta), base=10, min=-2, max=1, step=0.05, description="β",
                                     readout_format=".3g", **slider)
        c["target"] = w.IntSlider(value=int(target), min=0, max=X.shape[0] - 1, description="stored image", **slider)
        c["mask"] = w.FloatSlider(value=float(mask), min=0.0, max=0.875, step=0.125, description="masked",
                                  readout_format=".0%", **slider)
        c["part"] = w.Dropdown(options=list(self.PARTS), value=part, description="part",
                               layout=w.Layout(width="12em"), style={"description_width": "initial"})
        c["updates"] = w.IntSlider(value=int(updates), min=1, max=5, description="updates", **slider)
        for name in ("beta", "target", "mask", "part", "updates"):
            c[name].observe(self._on_setting, names="value")
            c[name].add_class(f"hl-beta-{name}")
        self._queries = _LRU(64)
        self.view = w.VBox([w.HBox([c["beta"], c["updates"]]), w.HBox([c["target"], c["mask"], c["part"]]),
                            self._image, self._readout])
        self.view.add_class("hl-beta")
        self._compute()
        self._render()

    @property
    def beta(self) -> float:
        return float(self.controls["beta"].value)

    @property
    def target(self) -> int:
        return int(self.controls["target"].value)

    def _query(self, target: int, mask: float, part: str) -> np.ndarray:
        h, wd = self.shape
        img = self.patterns[target].reshape(h, wd).copy()
        rows, cols = int(round(mask * h)), int(round(mask * wd))
        if part == "bottom" and rows:
            img[h - rows:] = 0.0
        elif part == "top" and rows:
            img[:rows] = 0.0
        elif part == "left" and cols:
            img[:, :cols] = 0.0
        elif part == "right" and cols:
            img[:, wd - cols:] = 0.0
        self.stats["queries"] += 1
        return img.ravel()

    def _compute(self) -> None:
        c = self.controls
        key = (self.target, round(float(c["mask"].value), 6), c["part"].value)
        self.query = self._queries.get_or(key, lambda: self._query(*key))
        state = self.query
        for _ in range(int(c["updates"].value)):
            p = softmax(self.beta * (self.patterns @ state))
            state = p @ self.patterns
        self.weights = p
        self.retrieved = state
        self.n_eff = float(effective_number(p))
        self.stats["updates"] += 1

    def _on_setting(self, change) -> None:
        self._timed(self._update)

    def _update(self) -> None:
        self._compute()
        self._render()

    @property
    def nearest(self) -> int:
        """The stored image closest (Euclidean) to the retrieved state."""
        return int(np.argmin(np.sum((self.patterns - self.retrieved) ** 2, axis=1)))

    @property
    def error(self) -> float:
        """Root-mean-square distance of the retrieved state from the original (unmasked) image."""
        return float(np.sqrt(np.mean((self.retrieved - self.patterns[self.target]) ** 2)))

    def summary(self) -> str:
        k = int(self.controls["updates"].value)
        mass = float(self.weights[self.labels == self.labels[self.target]].sum())
        return (f"beta = {self.beta:.3g}, {k} update{'s' if k != 1 else ''} from image {self.target} "
                f"(digit {self.labels[self.target]}) with {self.controls['mask'].value:.0%} of it masked "
                f"({self.controls['part'].value}): largest weight {self.weights.max():.2f} on image "
                f"{int(np.argmax(self.weights))}, n_eff = {self.n_eff:.1f}, weight on digit "
                f"{self.labels[self.target]}: {mass:.2f}, rms error {self.error:.2f}")

    def _build(self, fig):
        axes = _image_row(fig, 3, right=0.39) + _chart_row(fig, 1, left=0.475)
        art = {"titles": [_image_axes(ax) for ax in axes[:3]]}
        art["images"] = [_image(ax, self.shape) for ax in axes[:3]]
        ax_w = axes[3]
        p = self.patterns.shape[0]
        labels = self.labels[self._order]
        import matplotlib as mpl

        cmap = mpl.colormaps["tab10"]
        uniq = np.unique(labels)
        colors = [cmap(int(np.searchsorted(uniq, lab)) % 10) for lab in labels]
        art["bars"] = ax_w.bar(np.arange(p), np.zeros(p), color=colors, width=1.0, linewidth=0)
        art["colors"] = colors
        art["mark"], = ax_w.plot([], [], "v", color="k", ms=5, label="the query's image")
        ax_w.axhline(1.0 / p, color="#555555", lw=0.8, ls=":", label="uniform, 1/P")
        ax_w.legend(fontsize=7, loc="upper center", ncols=2, frameon=False)  # above the bars (they end at 1)
        ticks = [float(np.mean(np.flatnonzero(labels == lab))) for lab in uniq]
        for edge in np.flatnonzero(np.diff(labels)) + 0.5:  # between two digits
            ax_w.axvline(edge, color="#dddddd", lw=0.8, zorder=0)
        ax_w.set_xticks(ticks, [str(lab) for lab in uniq])
        ax_w.set_xlim(-0.5, p - 0.5)
        ax_w.set_ylim(0, 1.22)
        ax_w.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
        ax_w.set_xlabel("stored images, grouped by digit", fontsize=9)
        ax_w.set_ylabel(r"weight $p_\mu$", fontsize=9)
        ax_w.tick_params(labelsize=8)
        art["ax_w"] = ax_w
        return art

    def _draw(self, art) -> None:
        imgs = [self.patterns[self.target], self.query, self.retrieved]
        k = int(self.controls["updates"].value)
        titles = [f"stored #{self.target}", "masked query", f"after {k} update{'s' if k != 1 else ''}"]
        for im, ax, img, title in zip(art["images"], art["titles"], imgs, titles):
            im.set_data(img.reshape(self.shape))
            ax.set_title(title, fontsize=9, y=1.0)
        ordered = self.weights[self._order]
        for bar, v in zip(art["bars"], ordered):
            bar.set_height(v)
        pos = int(np.flatnonzero(self._order == self.target)[0])
        art["mark"].set_data([pos], [min(ordered[pos] + 0.05, 1.04)])
        art["ax_w"].set_title(rf"softmax weights, $\beta$ = {self.beta:.3g}: "
                              rf"$n_{{eff}}$ = {self.n_eff:.1f}, largest {self.weights.max():.2f}", fontsize=9, y=1.0)


def _image_shape(n: int) -> tuple[int, int]:
    from hopfield_lib.plotting import image_shape

    return image_shape(n)


def beta_explorer(patterns=None, labels=None, *, target: int = 3, beta: float = 1.0, mask: float = 0.5,
                  part: str = "bottom", updates: int = 1) -> BetaExplorer:
    """A widget: how beta sets what a modern Hopfield network retrieves (lecture 12).

    Stores ``patterns`` (default: 100 grey 8 x 8 digits, ten of each,
    ``hl.datasets.digit_prototypes("grey", per_class=10)``); the query is
    stored image ``target`` with a part (``part``, a fraction ``mask`` of its
    rows or columns) set to 0, unknown grey. It runs ``updates`` updates
    ``xi <- X.T @ softmax(beta * X @ xi)`` (:func:`hopfield_lib.modern_update`)
    and shows the original, the query and the result, and the softmax weights
    of the last update over the stored images, grouped by digit (a triangle
    marks the target): small beta averages many images (a blurred mean),
    large beta puts all the weight on one (Ramsauer et al. 2021).

    Controls: ``beta`` (log scale, 0.01 to 10), ``target``, ``mask``, ``part``,
    ``updates``.

    Examples
    --------
    >>> be = beta_explorer(target=3, beta=0.05)              # small beta: a mean of almost all
    >>> round(float(be.weights.sum()), 6), round(be.n_eff, 1)
    (1.0, 98.8)
    >>> be.controls["beta"].value = 4.0                      # large beta: one stored image
    >>> round(be.n_eff, 2), be.nearest, round(be.error, 3)
    (1.0, 3, 0.0)
    """
    return BetaExplorer(patterns, labels, target=target, beta=beta, mask=mask, part=part, updates=updates)
