"""Build the lectures' reveal.js slide decks so that they open offline.

Usage (``make slides`` runs it from the repository's top folder)::

    python -m hopfield_course.authoring.slides [--out book/_build/slides] [NOTEBOOK ...]

Each lecture ``course/NN_topic.ipynb`` becomes ``OUT/NN_topic.slides.html`` (its stored
outputs, nothing is executed), and an ``OUT/index.html`` lists the decks. The cells'
``slideshow.slide_type`` metadata decides the slides: the title and ``##`` sections
start a slide, ``###`` a sub-slide (press the down arrow), ``-`` continues the slide,
``notes`` is a speaker note (press ``s``).

Nothing is fetched from the network, neither now nor when a deck is opened: reveal.js
comes from the ``sphinx-revealjs`` package and MathJax 2.7 from
``jupyter-server-mathjax`` (both pinned), copied into ``OUT/_static/``; the template
``book/slides_template/hopfield_reveal`` drops the CDN scripts of nbconvert's stock
template (jQuery, RequireJS, Mermaid, the widget manager). A deck works when opened
straight from the disk (``file://``) and when the folder is served or copied as a whole.
"""

from __future__ import annotations

import argparse
import html
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "book" / "slides_template"
TEMPLATE = "hopfield_reveal"
DEFAULT_OUT = ROOT / "book" / "_build" / "slides"
REVEAL_PREFIX = "_static/revealjs"
MATHJAX_URL = "_static/mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"
#: reveal.js theme: "white" uses the fonts shipped with reveal.js ("simple" and others
#: @import Google Fonts, which would need the network).
THEME = "white"
#: The parts of reveal.js the decks use (relative to the package's revealjs folder).
REVEAL_FILES = (
    "LICENSE",
    "dist/reset.css",
    "dist/reveal.css",
    "dist/reveal.js",
    f"dist/theme/{THEME}.css",
    "dist/theme/fonts/source-sans-pro",
    "plugin/notes/notes.js",
)


def reveal_source() -> Path:
    """The reveal.js folder (``dist/``, ``plugin/``) shipped by the installed sphinx-revealjs."""
    import sphinx_revealjs

    source = Path(sphinx_revealjs.__file__).parent / "_static" / "revealjs"
    if not (source / "dist" / "reveal.js").is_file():
        raise FileNotFoundError(f"reveal.js not found in {source}: reinstall sphinx-revealjs")
    return source


def mathjax_source() -> Path:
    """The folder holding ``MathJax.js`` in the installed jupyter-server-mathjax."""
    import jupyter_server_mathjax

    source = Path(jupyter_server_mathjax.__file__).parent / "static"
    if not (source / "MathJax.js").is_file():
        raise FileNotFoundError(f"MathJax.js not found in {source}: reinstall jupyter-server-mathjax")
    return source


def copy_assets(out: Path) -> None:
    """Copy reveal.js (the files the decks use) and MathJax into ``out/_static/``."""
    reveal, target = reveal_source(), out / REVEAL_PREFIX
    for rel in REVEAL_FILES:
        src, dst = reveal / rel, target / rel
        if src.is_dir():
            shutil.copytree(src, dst, dirs_exist_ok=True)
        else:
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
    shutil.copytree(mathjax_source(), out / "_static" / "mathjax", dirs_exist_ok=True)


def exporter():
    """nbconvert's SlidesExporter with the course's offline template and settings."""
    from nbconvert import SlidesExporter

    return SlidesExporter(
        extra_template_basedirs=[str(TEMPLATES)],
        template_name=TEMPLATE,
        reveal_url_prefix=REVEAL_PREFIX,
        mathjax_url=MATHJAX_URL,
        reveal_theme=THEME,
        reveal_transition="none",
        reveal_scroll=True,
        reveal_number="c/t",
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )


def build(notebooks, out: Path) -> list[Path]:
    """Write one deck per notebook into ``out`` (plus the assets and an index); return the decks."""
    import nbformat

    out.mkdir(parents=True, exist_ok=True)
    copy_assets(out)
    slides = exporter()
    decks, rows = [], []
    for nb_path in notebooks:
        nb_path = Path(nb_path)
        nb = nbformat.read(str(nb_path), as_version=4)
        body, _ = slides.from_notebook_node(nb, resources={"metadata": {"name": nb_path.stem}})
        deck = out / f"{nb_path.stem}.slides.html"
        deck.write_text(body, encoding="utf-8")
        decks.append(deck)
        title = _title(nb) or nb_path.stem
        rows.append(f'<li><a href="{deck.name}">{html.escape(title)}</a></li>')
    (out / "index.html").write_text(_INDEX.format(items="\n".join(rows)), encoding="utf-8")
    return decks


def _title(nb) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            first = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
            if first.startswith("# "):
                return first[2:].strip()
    return ""


_INDEX = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Hopfield networks: slides</title>
<style>body {{ font-family: sans-serif; max-width: 42em; margin: 2em auto; line-height: 1.5; }}</style>
</head>
<body>
<h1>Hopfield networks: slide decks</h1>
<p>One deck per lecture. Arrow keys move (down: sub-slides), <kbd>s</kbd> opens the
speaker view, <kbd>f</kbd> full screen, <kbd>Esc</kbd> the overview.</p>
<ol>
{items}
</ol>
</body>
</html>
"""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", help="lecture notebooks (default: course/*.ipynb)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: %(default)s)")
    args = parser.parse_args(argv)
    notebooks = args.notebooks or sorted((ROOT / "course").glob("[0-9][0-9]_*.ipynb"))
    if not notebooks:
        parser.error("no lecture notebooks found")
    decks = build(notebooks, args.out)
    if not args.notebooks:  # all lectures: drop the decks of lectures that no longer exist
        for stale in set(args.out.glob("*.slides.html")) - set(decks):
            stale.unlink()
    print(f"{len(decks)} slide decks in {args.out} (open {args.out / 'index.html'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
