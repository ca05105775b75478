"""Response time of the lecture widgets, per update, at lecture sizes.

Run with ``.venv/bin/python benchmarks/bench_widgets.py``. Each row sets one
control from code, exactly as a slider release or a click does in the
browser, and times the kernel's whole response: the computation (or the
cache hit) and the redraw of the figure into a PNG. The browser adds a few
milliseconds to show the new image. Target: well under 0.5 s per update
(a fraction of a second); a slider is debounced (``continuous_update=False``),
so one release is one update.

Timings are machine-dependent; the first update of a kind warms matplotlib up
(fonts, mathtext), so each row reports the median and the worst of several.
"""

from __future__ import annotations

import statistics
import time

import matplotlib

matplotlib.use("Agg")

from hopfield_lib import widgets  # noqa: E402

TARGET_S = 0.5


def measure(label, explorer, steps):
    """Apply each ``(control, value)`` of ``steps`` in turn; print median and worst response time."""
    times = []
    for name, value in steps:
        start = time.perf_counter()
        control = explorer.controls[name]
        if value == "click":
            control.click()
        else:
            control.value = value
        times.append(time.perf_counter() - start)
    worst = max(times)
    verdict = "ok" if worst < TARGET_S else f"SLOW (target < {TARGET_S} s)"
    print(f"{label:<58} {len(times):3d} {statistics.median(times) * 1e3:9.1f} ms {worst * 1e3:9.1f} ms  {verdict}")
    return times


def timed_build(label, build):
    start = time.perf_counter()
    explorer = build()
    print(f"{label:<58} {'':3} {'':12} {(time.perf_counter() - start) * 1e3:9.1f} ms  (build, once per cell)")
    return explorer


def main() -> None:
    print(f"{'update':<58} {'n':>3} {'median':>12} {'worst':>12}")
    noise = timed_build("noise explorer: build (AGIVXOTLHE, P = 5)", widgets.noise_explorer)
    frames = len(noise.frames)
    measure("noise: step through the recall (Play / frame slider)", noise,
            [("step", f) for f in range(frames)])
    measure("noise: noise slider, new settings (recall + redraw)", noise,
            [("noise", v) for v in (0.1, 0.14, 0.3, 0.36, 0.4)])
    measure("noise: noise slider, settings seen before (cached)", noise,
            [("noise", v) for v in (0.1, 0.14, 0.3, 0.36, 0.4)])
    measure("noise: rule (new weights for the rule)", noise,
            [("rule", r) for r in ("storkey", "pseudo_inverse", "hebbian")])
    measure("noise: load (new weights, figure rebuilt for P bars)", noise,
            [("load", p) for p in (6, 8, 10, 3)])
    measure("noise: update mode", noise, [("mode", m) for m in ("sync", "async", "sync")])
    measure("noise: new noise button (next seed)", noise, [("new_probe", "click")] * 5)

    editor = timed_build("pattern editor: build (100 cells)", lambda: widgets.pattern_editor(start="A"))
    times = []
    for k in (0, 1, 2, 45, 46, 47):
        start = time.perf_counter()
        editor.cells[k].click()
        times.append(time.perf_counter() - start)
    print(f"{'editor: click a cell (redraw the probe)':<58} {len(times):3d} "
          f"{statistics.median(times) * 1e3:9.1f} ms {max(times) * 1e3:9.1f} ms  "
          f"{'ok' if max(times) < TARGET_S else 'SLOW'}")
    measure("editor: recall button", editor, [("recall", "click")] * 5)
    measure("editor: start from a letter (redraw 100 cells)", editor, [("start", c) for c in "GIVXA"])

    cap = timed_build("capacity explorer: build (N = 500, P = 50, 5 networks)", widgets.capacity_explorer)
    measure("capacity: P slider at N = 500 (5 new networks)", cap, [("P", p) for p in (25, 75, 100, 150, 250)])
    measure("capacity: N slider (5 new networks, new theory curves)", cap, [("N", n) for n in (600, 800, 1000)])
    measure("capacity: P slider at N = 1000, up to P = 500", cap, [("P", p) for p in (100, 200, 300, 500)])
    measure("capacity: networks 5 -> 10 at N = 1000, P = 500", cap, [("networks", 10)])
    measure("capacity: networks back to 5 (cached)", cap, [("networks", 5)])
    measure("capacity: back to settings seen before (cached)", cap, [("P", p) for p in (100, 200, 300)])

    beta = timed_build("beta explorer: build (100 digit images)", widgets.beta_explorer)
    measure("beta: beta slider", beta, [("beta", b) for b in (0.01, 0.05, 0.2, 0.5, 2.0, 8.0)])
    measure("beta: mask and part", beta, [("mask", 0.25), ("part", "left"), ("mask", 0.75), ("part", "top")])
    measure("beta: updates 1 -> 5", beta, [("updates", k) for k in (2, 3, 5)])
    measure("beta: stored image", beta, [("target", t) for t in (0, 17, 42, 99)])

    for name, w in (("noise", noise), ("editor", editor), ("capacity", cap), ("beta", beta)):
        start = time.perf_counter()
        w.png()
        print(f"{'static figure (png) of the ' + name + ' explorer':<58} {'':3} {'':12} "
              f"{(time.perf_counter() - start) * 1e3:9.1f} ms")


if __name__ == "__main__":
    main()
