"""Draw the README's picture: a Hopfield network recalling the letter J from a noisy probe.

Usage (from the repository's top folder)::

    python -m hopfield_course.authoring.readme_figure         # writes docs/recall.png

Three letters (J, O, Y; N = 100 pixels) are stored with Hebb's rule; the probe is J
with 25 of its 100 pixels flipped (seed 1); the neurons are updated one at a time in
random order (seed 2) for two sweeps. Top row: the state every few updates; bottom:
the overlap with each stored letter and the energy, which never rises. The same
experiment opens lecture 1. Deterministic: the same file on every run.
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import hopfield_lib as hl  # noqa: E402
from hopfield_lib import letters  # noqa: E402
from hopfield_lib.experiments import trajectories  # noqa: E402

OUT = Path(__file__).resolve().parents[2] / "docs" / "recall.png"


def figure():
    xi = letters.letters("JOY")                                   # (P, N) = (3, 100)
    W = hl.hebbian(xi)
    probe = hl.corrupt(xi[0], n_flips=25, rng=1)                  # J, 25 pixels flipped
    order = trajectories.sweep_orders(xi.shape[1], 2, rng=2)      # two random sweeps
    tr = trajectories.async_trajectory(W, probe, order)
    fig = trajectories.show_updates(tr, xi, letters.SHAPE, names=list("JOY"), n_images=7,
                                    title="A Hopfield network recalls J from a noisy probe "
                                          "(N = 100, three letters stored)")
    overlap_axes = next(ax for ax in fig.axes if ax.get_ylabel().startswith("overlap"))
    overlap_axes.legend(loc="lower right", fontsize=8, ncols=3)   # clear of the curves
    return fig


def main(out: Path = OUT) -> int:
    out.parent.mkdir(parents=True, exist_ok=True)
    fig = figure()
    fig.savefig(out, dpi=100, metadata={"Software": None})
    plt.close(fig)
    size = out.stat().st_size
    print(f"wrote {out} ({size / 1024:.0f} KB)")
    return 0 if size < 100 * 1024 else 1


if __name__ == "__main__":
    sys.exit(main())
