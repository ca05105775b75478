"""Figure helpers shared by every lecture, so that all figures look alike.

* :func:`show_patterns` draws patterns or states as images in a grid.
* :func:`show_recall` draws a recall run: the probe, the state after each
  sweep, and the overlaps and energy along the way.
* :func:`subplots` makes a figure in the course's size and style.

Every function returns the matplotlib ``Figure`` it drew on and never calls
``plt.show()``; in a notebook the figure is displayed once, at the end of the
cell.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["subplots", "show_patterns", "show_recall", "image_shape", "INK"]

INK = "gray_r"
"""Colour map for +-1 images: +1 is black ink, -1 is white paper."""

_WIDTH = 7.0  # inches: the width of a figure that fills a notebook column


def subplots(nrows: int = 1, ncols: int = 1, *, height: float = 3.2, width: float = _WIDTH, **kwargs):
    """``plt.subplots`` with the course's figure size and a constrained layout.

    Returns ``(fig, axes)`` like :func:`matplotlib.pyplot.subplots`.
    """
    import matplotlib.pyplot as plt

    kwargs.setdefault("layout", "constrained")
    return plt.subplots(nrows, ncols, figsize=(width, height * nrows), **kwargs)


def image_shape(n: int, shape=None) -> tuple[int, int]:
    """The (height, width) to draw a vector of ``n`` values as an image.

    ``shape`` is used when given (and must multiply to ``n``); otherwise ``n``
    must be a perfect square.

    >>> image_shape(100)
    (10, 10)
    """
    if shape is not None:
        shape = tuple(int(v) for v in shape)
        if len(shape) != 2 or shape[0] * shape[1] != n:
            raise ValueError(f"shape: expected (height, width) with height * width = {n}, got {shape}")
        return shape
    side = math.isqrt(n)
    if side * side != n:
        raise ValueError(f"cannot draw {n} values as a square image; pass shape=(height, width)")
    return side, side


def show_patterns(patterns, shape=None, *, titles=None, ncols: int | None = None, vmin=-1.0,
                  vmax=1.0, cmap=INK, size: float = 1.1, suptitle: str | None = None, axes=None):
    """Draw each row of ``patterns`` as an image, in a grid.

    Parameters
    ----------
    patterns : array (N,) or (P, N)
        One vector per image; +-1 values (graded values in between show grey).
    shape : (height, width), optional
        Image shape; a square is assumed when omitted.
    titles : list of str, optional
        One title per image.
    ncols : int, optional
        Images per row (default: all in one row, at most 10).
    vmin, vmax, cmap :
        Passed to ``imshow``; the default maps -1 to white and +1 to black.
    size : float
        Size of one image in inches.
    suptitle : str, optional
        A title over the grid.
    axes : sequence of matplotlib Axes, optional
        Draw into these instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from hopfield_lib.letters import letters
    >>> fig = show_patterns(letters("HOP"), titles=list("HOP"))
    >>> len(fig.axes)
    3
    """
    import matplotlib.pyplot as plt

    arr = np.asarray(patterns, dtype=float)
    if arr.ndim == 1:
        arr = arr[None, :]
    if arr.ndim != 2:
        raise ValueError(f"patterns: expected shape (N,) or (P, N), got {arr.shape}")
    h, w = image_shape(arr.shape[1], shape)
    count = arr.shape[0]
    if titles is not None and len(titles) != count:
        raise ValueError(f"titles: expected {count} titles, got {len(titles)}")
    if axes is None:
        ncols = min(count, 10) if ncols is None else ncols
        nrows = math.ceil(count / ncols)
        fig, grid = plt.subplots(nrows, ncols, figsize=(size * ncols * w / max(h, w) + 0.2,
                                                         size * nrows * h / max(h, w) + (0.5 if suptitle else 0.25)),
                                 squeeze=False, layout="constrained")
        axes_list = list(grid.ravel())
    else:
        axes_list = list(np.ravel(axes))
        if len(axes_list) < count:
            raise ValueError(f"axes: expected at least {count} axes, got {len(axes_list)}")
        fig = axes_list[0].figure
    for k, ax in enumerate(axes_list):
        ax.set_xticks([])
        ax.set_yticks([])
        if k >= count:
            ax.axis("off")
            continue
        ax.imshow(arr[k].reshape(h, w), cmap=cmap, vmin=vmin, vmax=vmax, interpolation="nearest")
        if titles is not None:
            ax.set_title(str(titles[k]), fontsize=9)
    if suptitle:
        fig.suptitle(suptitle)
    return fig


def _snapshot_row(states, max_images, shape, *, height, bottom_ratio, label, fontsize):
    """A figure whose top row shows at most ``max_images`` evenly spaced rows of ``states``.

    ``states`` is ``(T, N)``; the first and the last row are always shown, as
    images titled ``label(k)`` for row ``k``. Returns ``(fig, bottom)``: the
    figure (the course's width, ``height`` inches) and the subfigure below the
    images (``bottom_ratio`` times their height) for the caller's plots.
    """
    import matplotlib.pyplot as plt

    t = states.shape[0]
    picks = np.unique(np.linspace(0, t - 1, min(t, max_images)).round().astype(int))
    h, w = image_shape(states.shape[1], shape)
    fig = plt.figure(figsize=(_WIDTH, height), layout="constrained")
    top, bottom = fig.subfigures(2, 1, height_ratios=[1, bottom_ratio])
    image_axes = top.subplots(1, len(picks), squeeze=False)[0]
    for ax, k in zip(image_axes, picks):
        ax.imshow(states[k].reshape(h, w), cmap=INK, vmin=-1, vmax=1, interpolation="nearest")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(label(k), fontsize=fontsize)
    return fig, bottom


def show_recall(result, patterns=None, shape=None, *, names=None, max_images: int = 8, title: str | None = None):
    """Draw a single-probe :class:`~hopfield_lib.dynamics.RecallResult`.

    Top row: the probe and the state after each sweep (at most ``max_images``,
    evenly spaced, always including the last). Bottom row: the overlap with
    every stored pattern (if ``patterns`` is given) and the energy, per sweep.

    Returns
    -------
    matplotlib.figure.Figure
    """
    states = np.asarray(result.states, dtype=float)
    if states.ndim != 2:
        raise ValueError("show_recall draws one probe; index a batch result first")
    t = states.shape[0]
    fig, bottom = _snapshot_row(states, max_images, shape, height=4.6, bottom_ratio=1.5, fontsize=9,
                                label=lambda k: "probe" if k == 0 else f"sweep {k}")
    ax_m, ax_e = bottom.subplots(1, 2)
    sweeps = np.arange(t)
    if patterns is not None:
        xi = np.asarray(patterns, dtype=float).reshape(-1, states.shape[1])
        m = states @ xi.T / states.shape[1]
        labels = names if names is not None else [f"pattern {k}" for k in range(len(xi))]
        for k in range(len(xi)):
            ax_m.plot(sweeps, m[:, k], marker="o", ms=3, label=str(labels[k]))
        ax_m.legend(fontsize=8, ncols=2)
    ax_m.set(xlabel="sweep", ylabel="overlap $m^\\mu$", ylim=(-1.05, 1.05), title="overlap with stored patterns")
    ax_e.plot(sweeps, result.energies, marker="o", ms=3, color="k")
    ax_e.set(xlabel="sweep", ylabel="energy $E$", title="energy")
    for ax in (ax_m, ax_e):
        ax.xaxis.get_major_locator().set_params(integer=True)
    if title:
        fig.suptitle(title)
    return fig


__all__ += ["show_pattern_rows"]


def show_pattern_rows(rows, shape=None, *, titles=None, size: float = 0.75, suptitle: str | None = None):
    """Draw several rows of images, one labelled row per entry of ``rows``.

    For side-by-side comparisons: the probes in the first row, then what each
    rule (or method) made of them, image under image.

    Parameters
    ----------
    rows : dict label -> array (K, N)
        Every row holds the same number ``K`` of images; the label is written
        at the left of the row.
    shape : (height, width), optional
        Image shape; a square is assumed when omitted.
    titles : list of K str, optional
        Column titles, above the first row.
    size : float
        Size of one image in inches.
    suptitle : str, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from hopfield_lib.letters import letters
    >>> fig = show_pattern_rows({"stored": letters("HOP"), "reversed": -letters("HOP")}, titles=list("HOP"))
    >>> len(fig.axes), fig.axes[3].get_ylabel()
    (6, 'reversed')
    """
    import matplotlib.pyplot as plt

    if not isinstance(rows, dict) or not rows:
        raise ValueError("rows: expected a non-empty dict label -> array of shape (K, N)")
    arrays = {str(k): np.atleast_2d(np.asarray(v, dtype=float)) for k, v in rows.items()}
    counts = {a.shape[0] for a in arrays.values()}
    if len(counts) != 1:
        raise ValueError(f"rows: expected the same number of images in every row, got {sorted(counts)}")
    count = counts.pop()
    h, w = image_shape(next(iter(arrays.values())).shape[1], shape)
    label_room = 0.12 * max(len(k) for k in arrays) + 0.3
    fig, grid = plt.subplots(len(arrays), count, squeeze=False, layout="constrained",
                             figsize=(size * count * w / max(h, w) + label_room,
                                      size * len(arrays) * h / max(h, w) + (0.5 if suptitle else 0.25)))
    for r, (label, arr) in enumerate(arrays.items()):
        show_patterns(arr, (h, w), titles=titles if r == 0 else None, axes=grid[r])
        grid[r, 0].set_ylabel(label, rotation=0, ha="right", va="center", fontsize=9)
    if suptitle:
        fig.suptitle(suptitle)
    return fig


__all__ += ["show_sequence"]


def show_sequence(states, patterns, shape=None, *, names=None, max_images: int = 12, time_label: str = "step",
                  title: str | None = None):
    """Draw a trajectory of states: the states as images, and their overlaps with every pattern over time.

    For dynamics that do not settle (sequences, cycles): the top row shows the
    state at evenly spaced times (at most ``max_images``, always the first and
    the last), the bottom panel the overlap ``m_mu(t) = xi^mu . s(t) / N`` with
    each stored pattern.

    Parameters
    ----------
    states : array (T + 1, N)
        ``states[t]`` is the state at time ``t`` (a step, a sweep, ...).
    patterns : array (P, N)
    shape : (height, width), optional
    names : list of P str, optional
        Legend labels (default ``pattern 0``, ``pattern 1``, ...).
    max_images : int
    time_label : str
        What one time unit is, for the titles and the x axis ("step", "sweep").
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from hopfield_lib.letters import letters
    >>> xi = letters("AB")
    >>> fig = show_sequence(np.array([xi[0], xi[1], xi[0]]), xi, names=["A", "B"])
    >>> len(fig.axes)
    4
    """
    st = np.asarray(states, dtype=float)
    xi = np.atleast_2d(np.asarray(patterns, dtype=float))
    if st.ndim != 2 or st.shape[1] != xi.shape[1]:
        raise ValueError(f"states: expected shape (T + 1, {xi.shape[1]}) to match the patterns, got {st.shape}")
    labels = names if names is not None else [f"pattern {k}" for k in range(len(xi))]
    if len(labels) != len(xi):
        raise ValueError(f"names: expected {len(xi)} names, got {len(labels)}")
    t = st.shape[0]
    fig, bottom = _snapshot_row(st, max_images, shape, height=4.2, bottom_ratio=1.6, fontsize=8,
                                label=lambda k: f"{time_label} {k}")
    ax = bottom.subplots()
    m = st @ xi.T / xi.shape[1]
    for k in range(len(xi)):
        ax.plot(np.arange(t), m[:, k], marker="o", ms=3, label=str(labels[k]))
    ax.set(xlabel=time_label, ylabel="overlap $m^\\mu$", ylim=(-1.05, 1.05), title="overlap with each stored pattern")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(fontsize=8, ncols=min(len(xi), 8), loc="lower left")
    if title:
        fig.suptitle(title)
    return fig
