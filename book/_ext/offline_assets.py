"""Sphinx extension of the course's book: serve MathJax from the site itself.

Sphinx loads MathJax 3 from a CDN by default, so math would not render in a
site opened without the network. The ``jupyter-server-mathjax`` package (the
Jupyter project's offline MathJax 2.7, a pinned dependency of the book) ships
the complete MathJax tree; this extension copies it into ``_static/mathjax/``
of the HTML output, where ``mathjax_path`` in ``book/_config.yml`` points.

It also removes duplicated inline scripts from the pages: sphinx-thebe
registers its inline configuration (``const THEBE_JS_URL = ...``) with
``filename=None``, which Sphinx 7.4 adds to a page twice (once as ``None``,
once as ``''``), and the second ``const`` declaration is a script error in
the browser.
"""

from __future__ import annotations

import shutil
from pathlib import Path

TARGET = Path("_static") / "mathjax"


def mathjax_source() -> Path:
    """The folder holding ``MathJax.js`` in the installed ``jupyter_server_mathjax``."""
    import jupyter_server_mathjax

    source = Path(jupyter_server_mathjax.__file__).parent / "static"
    if not (source / "MathJax.js").is_file():
        raise FileNotFoundError(f"MathJax.js not found in {source}: reinstall jupyter-server-mathjax")
    return source


def copy_mathjax(app, exception) -> None:
    """After a successful HTML build, copy MathJax into the site (only files that changed)."""
    if exception is not None or app.builder.format != "html":
        return
    shutil.copytree(mathjax_source(), Path(app.outdir) / TARGET, dirs_exist_ok=True,
                    copy_function=_copy_if_changed)


def _copy_if_changed(src, dst):
    s, d = Path(src), Path(dst)
    if d.exists() and d.stat().st_size == s.stat().st_size and d.stat().st_mtime >= s.stat().st_mtime:
        return dst
    return shutil.copy2(src, dst)


def drop_duplicate_scripts(app, pagename, templatename, context, doctree) -> None:
    """Keep one copy of each script entry of a page (``None`` and ``''`` file names are the same)."""
    scripts = context.get("script_files")
    if not isinstance(scripts, list):
        return
    seen, unique = set(), []
    for js in scripts:
        key = (getattr(js, "filename", js) or "", getattr(js, "priority", None),
               tuple(sorted(getattr(js, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(js)
    scripts[:] = unique


def setup(app):
    mathjax_source()  # fail at once, with the reason, when the package is missing
    app.connect("build-finished", copy_mathjax)
    app.connect("html-page-context", drop_duplicate_scripts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
