"""The teaching material made from the course: the HTML book (``make book``), the slide
decks (``make slides``) and the guides (README, CONTRIBUTING, INSTRUCTOR_GUIDE).

Three groups of tests:

* Always (fast): the table of contents lists every lecture and every practice notebook
  in order and never a solution; every lecture cell carries the slide metadata the decks
  are cut by, and every heading starts its cell (so that it starts a slide); the book's
  configuration makes a widget output show its static fallback and keeps the math and
  the scripts local; a deck made from a notebook with a (fake) widget output shows the
  fallback figure and loads nothing from the network; the heading splitter keeps the
  text. The guides: the instructor guide's list of learner mistakes is what the checkers
  say, it gives each lecture's learning goals, the guides name only ``make`` targets,
  modules and tools that exist, their links resolve, and the README maps every lecture
  and shows a small picture.
* On the built site, when ``BOOK_BUILD`` names the build folder (``make test`` and
  ``make book-test`` build the book and the slides first and set it; otherwise these are
  skipped): every page exists, every internal link and anchor resolves, no page or style
  sheet loads anything from the network, every stored figure is shown in the book and in
  the decks, no solution leaks into a practice page, a fake widget output shows its PNG in
  a book built with the course's configuration, and every lecture has a deck.
* In Debian's Chromium with every network request blocked (skipped without Chromium):
  every page and deck opens with its math typeset by the local MathJax and without a
  script error, and every deck starts reveal.js.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
BOOK = ROOT / "book"
LECTURES = sorted((ROOT / "course").glob("[0-9][0-9]_*.ipynb"))
EXERCISES = sorted((ROOT / "exercises").glob("[0-9][0-9]_*.ipynb"))
SOLUTIONS = sorted((ROOT / "solutions").glob("[0-9][0-9]_*.ipynb"))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: Hosts of the CDNs that Sphinx, MyST-NB and nbconvert load MathJax, RequireJS, jQuery,
#: the widget manager, Mermaid, reveal.js and web fonts from by default.
CDN_HOSTS = ("cdn.jsdelivr.net", "cdnjs.cloudflare.com", "unpkg.com", "fonts.googleapis.com",
             "fonts.gstatic.com", "code.jquery.com", "cdn.mathjax.org", "polyfill.io")
#: sphinx-thebe (always loaded by Jupyter Book) declares where thebe would come from; it
#: fetches it only when a reader presses a "live code" button, which the book does not
#: have (launch_buttons.thebe is false). Nothing is loaded from this URL.
THEBE_DECLARATION = re.compile(r'const THEBE_JS_URL = "https://unpkg\.com/thebe@[^"]+"')
EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")


def _tiny_png() -> bytes:
    """A small, valid PNG (a 2x2 chequerboard), for the fake widget outputs."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(1, 1), dpi=20)
    ax.imshow([[0, 1], [1, 0]], cmap="gray")
    ax.set_axis_off()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getvalue()


def fake_widget_notebook(png: bytes) -> nbformat.NotebookNode:
    """A notebook with two widget outputs whose state is (as in the course) not stored:
    one with a PNG fallback (as ``hopfield_course.widgets`` explorers emit), one with text only."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    title = nbformat.v4.new_markdown_cell("# Fake widget\n\nThe widget below shows its figure, $E = -\\tfrac12 s^\\top W s$.")
    explorer = nbformat.v4.new_code_cell("explorer")
    explorer.outputs = [nbformat.v4.new_output("display_data", data={
        WIDGET_VIEW: {"model_id": "0123456789abcdef0123456789abcdef", "version_major": 2, "version_minor": 0},
        "image/png": base64.b64encode(png).decode("ascii"),
        "text/plain": "FakeExplorer: noise 0.2, recalled A",
    })]
    probe = nbformat.v4.new_code_cell("probe")
    probe.outputs = [nbformat.v4.new_output("execute_result", execution_count=1, data={
        WIDGET_VIEW: {"model_id": "fedcba9876543210fedcba9876543210", "version_major": 2, "version_minor": 0},
        "text/plain": "widgets do not display here",
    })]
    for cell, kind in ((title, "slide"), (explorer, "-"), (probe, "-")):
        cell.metadata["slideshow"] = {"slide_type": kind}
    nb.cells = [title, explorer, probe]
    return nb


# ---------------------------------------------------------------------------------------
# HTML parsing (the standard library's parser: no extra dependency)
# ---------------------------------------------------------------------------------------
class Page(HTMLParser):
    """What the tests need from one HTML file: its links, loaded resources, ids and text."""

    RESOURCE_ATTRS = {"script": "src", "img": "src", "iframe": "src", "source": "src",
                      "audio": "src", "video": "src", "embed": "src", "object": "data"}
    LOADED_LINK_RELS = {"stylesheet", "preload", "modulepreload", "prefetch", "icon", "shortcut", "manifest"}

    def __init__(self, path: Path):
        super().__init__(convert_charrefs=True)
        self.path = path
        self.raw = path.read_text(encoding="utf-8")
        self.links: list[str] = []       # <a href>: where a reader can go
        self.resources: list[str] = []   # what the browser loads when the page opens
        self.ids: set[str] = set()
        self.math = 0                    # elements of class "math" (MathJax input)
        self._text: list[str] = []
        self._skip = 0
        self.feed(self.raw)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("id", "name"):
            if a.get(key):
                self.ids.add(a[key])
        if "math" in (a.get("class") or "").split():
            self.math += 1
        if tag == "a" and a.get("href") is not None:
            self.links.append(a["href"])
        elif tag == "link" and a.get("href"):
            rels = set((a.get("rel") or "").lower().split())
            (self.resources if rels & self.LOADED_LINK_RELS else self.links).append(a["href"])
        elif tag in self.RESOURCE_ATTRS and a.get(self.RESOURCE_ATTRS[tag]):
            self.resources.append(a[self.RESOURCE_ATTRS[tag]])
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self._text.append(data)

    @property
    def text(self) -> str:
        return "".join(self._text)


@functools.cache
def parse(path: Path) -> Page:
    return Page(path)


def resolve(page: Path, url: str) -> tuple[Path, str]:
    """The file a relative URL of ``page`` points to, and its fragment."""
    parts = urlsplit(url)
    target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
    return target, unquote(parts.fragment)


def is_external(url: str) -> bool:
    return bool(EXTERNAL.match(url)) and not url.startswith("data:")


# ---------------------------------------------------------------------------------------
# Always: the sources of the book and the decks
# ---------------------------------------------------------------------------------------
def toc_files() -> list[str]:
    toc = yaml.safe_load((BOOK / "_toc.yml").read_text(encoding="utf-8"))
    return [chapter["file"] for part in toc["parts"] for chapter in part["chapters"]]


def test_toc_lists_every_lecture_then_every_exercise_in_order():
    assert LECTURES and len(EXERCISES) == len(SOLUTIONS)
    expected = [f"course/{p.stem}" for p in LECTURES] + [f"exercises/{p.stem}" for p in EXERCISES]
    assert toc_files() == expected, "book/_toc.yml must list course/*.ipynb, then exercises/*.ipynb, in order"
    toc = yaml.safe_load((BOOK / "_toc.yml").read_text(encoding="utf-8"))
    assert (ROOT / f"{toc['root']}.md").is_file()


def test_book_never_includes_solutions():
    config = yaml.safe_load((BOOK / "_config.yml").read_text(encoding="utf-8"))
    assert config["only_build_toc_files"] is True
    assert "solutions" in config["exclude_patterns"]
    assert not any(f.startswith("solutions/") for f in toc_files())


def test_book_uses_stored_outputs_and_local_math():
    config = yaml.safe_load((BOOK / "_config.yml").read_text(encoding="utf-8"))
    assert config["execute"]["execute_notebooks"] == "off"
    sphinx = config["sphinx"]["config"]
    assert not is_external(sphinx["mathjax_path"]), "MathJax must come from the site, not a CDN"
    assert sphinx["nb_ipywidgets_js"] == {}, "no widget-manager scripts from a CDN"
    ext = importlib.util.spec_from_file_location("offline_assets", BOOK / "_ext" / "offline_assets.py")
    module = importlib.util.module_from_spec(ext)
    ext.loader.exec_module(module)
    assert (module.mathjax_source() / "MathJax.js").is_file()


def test_book_shows_a_widgets_static_fallback():
    """MyST-NB's choice of representation, with the book's overrides: never the widget view."""
    from myst_nb.core.render import get_mime_priority

    config = yaml.safe_load((BOOK / "_config.yml").read_text(encoding="utf-8"))
    overrides = [tuple(o) for o in config["sphinx"]["config"]["nb_mime_priority_overrides"]]
    priority = get_mime_priority("html", overrides)
    assert WIDGET_VIEW not in priority

    def shown(bundle):
        return next(m for m in priority if m in bundle)

    assert shown({WIDGET_VIEW: {}, "image/png": "", "text/plain": ""}) == "image/png"
    assert shown({WIDGET_VIEW: {}, "text/html": "", "image/png": "", "text/plain": ""}) == "text/html"
    assert shown({WIDGET_VIEW: {}, "text/plain": ""}) == "text/plain"
    # and without the override MyST-NB would pick the (empty) widget view:
    default = get_mime_priority("html", [])
    assert default.index(WIDGET_VIEW) < default.index("image/png")


HEADING = re.compile(r"^(#{1,6})\s")


@pytest.mark.parametrize("path", LECTURES, ids=lambda p: p.stem)
def test_every_lecture_cell_has_slide_metadata(path):
    """Title and ## sections start a slide, ### a sub-slide, every other cell has a type too."""
    nb = nbformat.read(str(path), as_version=4)
    for i, cell in enumerate(nb.cells):
        kind = cell.metadata.get("slideshow", {}).get("slide_type")
        assert kind in ("slide", "subslide", "fragment", "-", "skip", "notes"), \
            f"{path.name} cell {i}: slideshow.slide_type is {kind!r}"
        first = cell.source.lstrip().splitlines()[0] if cell.source.strip() else ""
        level = HEADING.match(first)
        if cell.cell_type == "markdown" and level:
            want = {1: "slide", 2: "slide", 3: "subslide"}.get(len(level.group(1)))
            if want:
                assert kind == want, f"{path.name} cell {i} ({first[:40]!r}) should start a {want}, is {kind!r}"
    inner = _tool("split_heading_cells").inner_headings(nb)
    assert not inner, (f"{path.name}: headings inside a markdown cell start no slide: {inner[:3]}; "
                       f"run `.venv/bin/python -m hopfield_course.authoring.headings course/{path.name}`")


_TOOLS = {"split_heading_cells": "headings", "build_slides": "slides", "instructor_mistakes": "mistakes"}


@functools.cache
def _tool(name: str):
    """The authoring tool ``hopfield_course.authoring.<module>`` behind an old tool name."""
    return importlib.import_module(f"hopfield_course.authoring.{_TOOLS.get(name, name)}")


def _build_slides_module():
    return _tool("build_slides")


def test_a_deck_shows_the_widget_fallback_and_loads_nothing_remote(tmp_path):
    slides = _build_slides_module()
    png = _tiny_png()
    body, _ = slides.exporter().from_notebook_node(fake_widget_notebook(png), resources={"metadata": {"name": "fake"}})
    deck = tmp_path / "fake.slides.html"
    deck.write_text(body, encoding="utf-8")
    page = parse(deck)
    assert base64.b64encode(png).decode("ascii") in body, "the widget's PNG fallback is not in the deck"
    assert "widgets do not display here" in page.text
    assert WIDGET_VIEW not in body and "jupyter-widgets" not in body
    remote = [u for u in page.resources if is_external(u)]
    assert not remote, f"the deck loads {remote}"
    for host in CDN_HOSTS:
        assert host not in body, f"the deck mentions {host}"
    assert f'src="{slides.REVEAL_PREFIX}/dist/reveal.js"' in body
    assert f'src="{slides.MATHJAX_URL}"' in body


def test_split_heading_cells_keeps_the_text_and_starts_slides():
    tool = _tool("split_heading_cells")
    nb = nbformat.v4.new_notebook()
    text = ("Closing words of section 1.\n\n## 2. Next\n\nIntro.\n\n```python\n# a comment, not a heading\n```\n\n"
            "### 2.1 Detail\nMore.")
    md = nbformat.v4.new_markdown_cell(text, id="abc")
    md.metadata["slideshow"] = {"slide_type": "-"}
    code = nbformat.v4.new_code_cell("1 + 1", id="def")
    code.metadata["slideshow"] = {"slide_type": "-"}
    code.outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": "2"}, execution_count=1)]
    nb.cells = [md, code]
    assert [line for _, line in tool.inner_headings(nb)] == ["## 2. Next", "### 2.1 Detail"]
    split = tool.split_notebook(nb)
    assert [c.metadata["slideshow"]["slide_type"] for c in split.cells] == ["-", "slide", "subslide", "-"]
    assert [c["id"] for c in split.cells] == ["abc", "abc-s1", "abc-s2", "def"]
    assert split.cells[1].source.startswith("## 2. Next") and "# a comment" in split.cells[1].source
    assert re.sub(r"\s+", " ", " ".join(c.source for c in split.cells)) == re.sub(r"\s+", " ", text + " 1 + 1")
    assert split.cells[-1].outputs == code.outputs and not tool.inner_headings(split)
    nbformat.validate(split)


# ---------------------------------------------------------------------------------------
# Always: the guides (README.md, CONTRIBUTING.md, INSTRUCTOR_GUIDE.md)
# ---------------------------------------------------------------------------------------
GUIDES = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", ROOT / "INSTRUCTOR_GUIDE.md"]
MD_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _code_spans(text: str) -> list[str]:
    """The fenced code blocks and the inline code of a markdown text."""
    fenced = re.findall(r"^```[^\n]*\n(.*?)^```", text, flags=re.M | re.S)
    rest = re.sub(r"^```[^\n]*\n.*?^```", "", text, flags=re.M | re.S)
    return fenced + re.findall(r"`([^`\n]+)`", rest)


def _slug(heading: str) -> str:
    """GitHub's anchor of a markdown heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_the_instructor_guides_mistakes_are_up_to_date():
    tool = _tool("instructor_mistakes")
    assert tool.FILE.read_text(encoding="utf-8") == tool.document(), \
        "the checkers changed: run `.venv/bin/python -m hopfield_course.authoring.mistakes --update`"
    assert "docs/instructor/mistakes.md" in (ROOT / "INSTRUCTOR_GUIDE.md").read_text(encoding="utf-8")


def learning_goals(path: Path) -> list[str]:
    """The bullets of a lecture's "Learning goals" (first cell), one string each."""
    first = nbformat.read(str(path), as_version=4).cells[0].source
    goals = first.split("**Learning goals.**", 1)[1].split("*Prerequisites:*", 1)[0]
    return [_flat(item) for item in re.split(r"^- ", goals, flags=re.M)[1:]]


@pytest.mark.parametrize("path", LECTURES, ids=lambda p: p.stem)
def test_the_instructor_guide_gives_each_lectures_learning_goals(path):
    guide = _flat((ROOT / "INSTRUCTOR_GUIDE.md").read_text(encoding="utf-8"))
    number = int(path.stem[:2])
    assert f"### Lecture {number}:" in guide, f"INSTRUCTOR_GUIDE.md has no section for lecture {number}"
    goals = learning_goals(path)
    assert goals, f"{path.name}: no learning goals found in the first cell"
    missing = [g for g in goals if g not in guide]
    assert not missing, (f"INSTRUCTOR_GUIDE.md, lecture {number}: the lecture's learning goals changed; "
                         f"copy them into the guide: {missing}")


def test_the_instructor_guide_shows_the_graders_real_columns():
    """The grading section quotes the grader's table header and CSV columns: they must be the real ones."""
    from hopfield_course import grade

    guide = (ROOT / "INSTRUCTOR_GUIDE.md").read_text(encoding="utf-8")
    header = grade.format_table([]).splitlines()[0].split()
    shown = next((line.split() for line in guide.splitlines() if re.match(r"notebook +exercise ", line)), None)
    assert shown == header, f"INSTRUCTOR_GUIDE.md shows the table header {shown}, the grader prints {header}"
    assert ", ".join(grade.CSV_COLUMNS) in _flat(guide), \
        f"INSTRUCTOR_GUIDE.md should list the CSV columns as `{', '.join(grade.CSV_COLUMNS)}`"


@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.name)
def test_the_guides_name_only_commands_and_files_that_exist(path):
    text = path.read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.M))
    problems = []
    for code in _code_spans(text):
        problems += [f"make {t}" for t in re.findall(r"(?:^|[\s;(])make ([a-z][a-z-]*)", code) if t not in targets]
        problems += [f"python -m hopfield_lib.{m}" for m in re.findall(r"-m hopfield_lib\.(\w+)", code)
                     if not (ROOT / "hopfield_lib" / f"{m}.py").is_file()]
        problems += [f"python -m hopfield_course.{m}" for m in re.findall(r"-m hopfield_course\.([\w.]+)", code)
                     if not (ROOT / "hopfield_course" / (m.replace(".", "/") + ".py")).is_file()]
    assert not problems, f"{path.name} names what does not exist: {sorted(set(problems))}"


@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.name)
def test_the_guides_links_resolve(path):
    text = re.sub(r"^```.*?^```", "", path.read_text(encoding="utf-8"), flags=re.M | re.S)   # no code blocks
    anchors = {_slug(h) for h in re.findall(r"^#{1,6} (.+)$", text, flags=re.M)}
    text = re.sub(r"`[^`\n]+`", "", text)                                                     # nor inline code
    broken = []
    for url in MD_LINK.findall(text):
        if is_external(url):
            continue
        target, fragment = url.split("#", 1) if "#" in url else (url, "")
        if (target and not (path.parent / unquote(target)).exists()) or (not target and fragment not in anchors):
            broken.append(url)
    assert not broken, f"{path.name}: broken links {broken}"


def test_every_map_of_the_course_lists_every_lecture_and_the_readme_picture_is_small():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    intro = (BOOK / "intro.md").read_text(encoding="utf-8")
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for nb in LECTURES:
        assert f"(course/{nb.name})" in readme, f"README.md does not list {nb.name}"
        assert f"(../course/{nb.name})" in intro, f"book/intro.md does not list {nb.name}"
        assert f"| `{nb.name}` |" in contributing, f"CONTRIBUTING.md's table of lectures does not list {nb.name}"
    welcome = "\n".join(c.source for c in nbformat.read(str(LECTURES[0]), as_version=4).cells)
    assert not [nb.name for nb in LECTURES[1:] if f"({nb.name})" not in welcome], \
        "lecture 1's map of the course must link every lecture"
    pictures = [u for u in re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", readme) if not is_external(u)]
    assert pictures, "the README has no picture"
    for picture in pictures:
        size = (ROOT / picture).stat().st_size
        assert size < 150 * 1024, f"{picture} is {size / 1024:.0f} kB; keep README pictures under 150 kB"
    assert "mybinder.org/v2/gh/" in readme and "environment.yml" in readme


# ---------------------------------------------------------------------------------------
# On the built site: make book-test
# ---------------------------------------------------------------------------------------
BUILD = Path(os.environ["BOOK_BUILD"]).resolve() if os.environ.get("BOOK_BUILD") else None
needs_site = pytest.mark.skipif(BUILD is None, reason="the built site is tested by `make test` and `make book-test` "
                                                       "(they build it and set BOOK_BUILD=book/_build)")
HTML_DIR = BUILD / "html" if BUILD else None
SLIDES_DIR = BUILD / "slides" if BUILD else None


def site_pages() -> list[Path]:
    return sorted(p for p in HTML_DIR.rglob("*.html") if "_static" not in p.parts and "_sources" not in p.parts)


def page_of(notebook: Path) -> Path:
    return HTML_DIR / notebook.parent.name / f"{notebook.stem}.html"


@needs_site
def test_site_has_every_page():
    assert (HTML_DIR / "index.html").is_file() and (HTML_DIR / "book" / "intro.html").is_file()
    for nb in LECTURES + EXERCISES:
        assert page_of(nb).is_file(), f"no page for {nb.relative_to(ROOT)}"
    assert not (HTML_DIR / "solutions").exists() and not (HTML_DIR / "_sources" / "solutions").exists()
    assert (HTML_DIR / "_static" / "mathjax" / "MathJax.js").is_file()


@needs_site
def test_every_internal_link_resolves():
    broken = []
    for path in site_pages():
        page = parse(path)
        for url in page.links + page.resources:
            if is_external(url) or url.startswith("data:"):
                continue
            target, fragment = resolve(path, url)
            name = f"{path.relative_to(HTML_DIR)}: {url}"
            if not target.exists():
                broken.append(f"{name} (no file {target})")
            elif fragment and target.suffix == ".html" and fragment not in parse(target).ids:
                broken.append(f"{name} (no anchor #{fragment})")
    assert not broken, "broken links:\n" + "\n".join(broken)


@needs_site
def test_lectures_link_to_each_other_and_to_the_practice():
    """The notebooks' relative links (`02_ising_energy.ipynb`, `../exercises/...`) became page links."""
    welcome = parse(page_of(LECTURES[0]))
    for nb in LECTURES[1:]:
        assert f"{nb.stem}.html" in welcome.links, f"lecture 1 does not link to {nb.stem}"
    assert f"../exercises/{LECTURES[0].stem}.html" in welcome.links
    for path in site_pages():
        assert not [u for u in parse(path).links if u.split("#")[0].endswith(".ipynb") and "_sources/" not in u], \
            f"{path.name} links to a notebook file instead of its page"


@needs_site
def test_no_page_loads_anything_from_the_network():
    problems = []
    for path in site_pages():
        page = parse(path)
        problems += [f"{path.relative_to(HTML_DIR)} loads {u}" for u in page.resources if is_external(u)]
        raw = THEBE_DECLARATION.sub("", page.raw)
        problems += [f"{path.relative_to(HTML_DIR)} mentions {h}" for h in CDN_HOSTS if h in raw]
    for css in (HTML_DIR / "_static").rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        remote = re.findall(r"url\(\s*['\"]?((?:https?:)?//[^'\")]+)", text)
        problems += [f"{css.relative_to(HTML_DIR)} imports {u}" for u in remote]
    assert not problems, "\n".join(problems)


@needs_site
def test_math_is_typeset_by_the_local_mathjax():
    for nb in LECTURES:
        page = parse(page_of(nb))
        if page.math:
            scripts = [u for u in page.resources if "MathJax.js" in u]
            local = "../_static/mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"
            assert scripts == [local], (nb.name, scripts)
    assert parse(page_of(LECTURES[4])).math > 50


def _png_data(nb_path: Path) -> list[str]:
    """The base64 text of every PNG in a notebook's stored outputs (figures and widget fallbacks)."""
    nb = nbformat.read(str(nb_path), as_version=4)
    return ["".join(out["data"]["image/png"]).replace("\n", "")
            for cell in nb.cells if cell.cell_type == "code"
            for out in cell.get("outputs", []) if "image/png" in out.get("data", {})]


def _pngs(nb_path: Path) -> list[str]:
    return [hashlib.sha256(base64.b64decode(data)).hexdigest() for data in _png_data(nb_path)]


@needs_site
def test_every_stored_figure_is_shown():
    """Every PNG in a notebook's stored outputs (figures and widget fallbacks) is on its page."""
    for nb in LECTURES + EXERCISES:
        page = parse(page_of(nb))
        shown = {Path(urlsplit(u).path).stem for u in page.resources}
        missing = [h for h in _pngs(nb) if h not in shown]
        assert not missing, f"{nb.relative_to(ROOT)}: {len(missing)} stored figure(s) not on the page"
    widgets = [nb for nb in LECTURES if WIDGET_VIEW in nb.read_text(encoding="utf-8")]
    for nb in widgets:
        assert WIDGET_VIEW not in parse(page_of(nb)).raw, f"{nb.name}: a widget view reached the page"


def _solution_lines(solution: Path) -> list[str]:
    from hopfield_course.authoring.exercises import BEGIN, END

    lines, inside = [], False
    for cell in nbformat.read(str(solution), as_version=4).cells:
        for line in cell.source.splitlines():
            stripped = line.strip()
            if stripped == BEGIN:
                inside = True
            elif stripped == END:
                inside = False
            elif inside:
                lines.append(stripped)
    return lines


@needs_site
def test_no_solution_leaks_into_the_practice_pages():
    from hopfield_course.authoring.exercises import BEGIN, END

    for exercise in EXERCISES:
        page = parse(page_of(exercise))
        source = HTML_DIR / "_sources" / "exercises" / exercise.name
        for text in (page.raw, source.read_text(encoding="utf-8") if source.exists() else ""):
            assert BEGIN not in text and END not in text, f"{exercise.name}: solution markers in the book"
        # Every substantial line of a solution that the exercise notebook itself does not
        # contain (so that it can only have come from the solution) is absent from the page.
        exercise_source = "\n".join(c.source for c in nbformat.read(str(exercise), as_version=4).cells)
        shown = re.sub(r"\s+", " ", page.text)
        leaked = [line for line in _solution_lines(ROOT / "solutions" / exercise.name)
                  if len(line) >= 12 and not line.startswith("#")
                  and line not in exercise_source
                  and re.sub(r"\s+", " ", line) in shown]
        assert not leaked, f"{exercise.name}: solution lines on the page: {leaked[:3]}"


@needs_site
def test_a_fake_widget_shows_its_png_in_a_book_built_like_the_course(tmp_path):
    """End to end: Jupyter Book with the course's _config.yml on a notebook holding widget outputs."""
    config = yaml.safe_load((BOOK / "_config.yml").read_text(encoding="utf-8"))
    config["sphinx"]["local_extensions"] = {"offline_assets": str(BOOK / "_ext")}
    config["exclude_patterns"] = ["_build"]
    config["sphinx"]["config"]["html_static_path"] = [str(BOOK / "_static")]
    (tmp_path / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: fake\n", encoding="utf-8")
    png = _tiny_png()
    nbformat.write(fake_widget_notebook(png), str(tmp_path / "fake.ipynb"))
    jb = Path(sys.executable).parent / "jupyter-book"
    run = subprocess.run([str(jb), "build", str(tmp_path), "--path-output", str(tmp_path), "-W", "-q"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    page = parse(tmp_path / "_build" / "html" / "fake.html")
    assert hashlib.sha256(png).hexdigest() in " ".join(page.resources), "the PNG fallback is not shown"
    assert "widgets do not display here" in page.text
    assert WIDGET_VIEW not in page.raw and not [u for u in page.resources if is_external(u)]
    shutil.rmtree(tmp_path / "_build", ignore_errors=True)


@needs_site
def test_every_lecture_has_an_offline_deck():
    slides = _build_slides_module()
    assert (SLIDES_DIR / "index.html").is_file()
    index = parse(SLIDES_DIR / "index.html")
    for nb in LECTURES:
        deck = SLIDES_DIR / f"{nb.stem}.slides.html"
        assert deck.is_file(), f"no deck for {nb.name}"
        assert deck.name in index.links
        page = parse(deck)
        assert page.raw.count("<section") >= 5, f"{deck.name} has fewer than 5 slides"
        for url in page.resources:
            assert not is_external(url), f"{deck.name} loads {url}"
            if not url.startswith("data:"):
                assert resolve(deck, url)[0].is_file(), f"{deck.name}: missing {url}"
        for host in CDN_HOSTS:
            assert host not in page.raw, f"{deck.name} mentions {host}"
        missing = [k for k, png in enumerate(_png_data(nb)) if png not in page.raw]
        assert not missing, f"{deck.name}: {len(missing)} stored figure(s) not in the deck"
        assert WIDGET_VIEW not in page.raw, f"{deck.name}: a widget view reached the deck"
    for css in (SLIDES_DIR / slides.REVEAL_PREFIX).rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", css.read_text(encoding="utf-8")), \
            f"{css.name} imports a remote file (a web font?)"


# ---------------------------------------------------------------------------------------
# In a real browser, offline
# ---------------------------------------------------------------------------------------
CHROMIUM = Path(os.environ.get("HOPFIELD_CHROMIUM", "/usr/bin/chromium"))
#: Resolves once MathJax 2 has typeset the page (its queue runs in order).
MATHJAX_DONE = """() => new Promise(resolve => {
    if (!window.MathJax || !window.MathJax.Hub) { resolve(null); return; }
    MathJax.Hub.Queue(() => resolve({
        rendered: document.querySelectorAll('.MathJax, .MathJax_Display, .MathJax_SVG').length,
        errors: Array.from(document.querySelectorAll('.MathJax_Error, .merror, [data-mjx-error]'))
                     .map(e => e.textContent.slice(0, 80)),
    }));
})"""


@needs_site
@pytest.mark.browser
def test_pages_and_decks_render_offline_in_chromium(tmp_path):
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (Debian's package `chromium`)")
    pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    from playwright.sync_api import sync_playwright

    pages = [page_of(nb) for nb in LECTURES + EXERCISES] + [HTML_DIR / "book" / "intro.html"]
    decks = [SLIDES_DIR / f"{nb.stem}.slides.html" for nb in LECTURES]
    requested, problems = [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                     args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900}, offline=True)

            def block(route):
                if not route.request.url.startswith(("file:", "data:", "about:")):
                    requested.append(route.request.url)
                    return route.abort()
                return route.continue_()

            context.route("**/*", block)
            context.set_default_timeout(60_000)
            tab = context.new_page()
            tab.on("pageerror", lambda exc: problems.append(f"{tab.url}: script error {exc}"))
            for path in pages + decks:
                tab.goto(path.as_uri(), wait_until="load")
                result = tab.evaluate(MATHJAX_DONE)
                name = path.relative_to(BUILD)
                if result is None:
                    problems.append(f"{name}: MathJax did not load")
                    continue
                if result["errors"]:
                    problems.append(f"{name}: MathJax errors {result['errors'][:3]}")
                source_math = parse(path).math if path.suffix == ".html" and "slides" not in path.name else None
                if source_math and result["rendered"] < source_math:
                    problems.append(f"{name}: {result['rendered']} of {source_math} formulas typeset")
                if "slides" in path.name and not tab.evaluate("() => !!(window.Reveal && Reveal.isReady())"):
                    problems.append(f"{name}: reveal.js did not start")
            if os.environ.get("BOOK_SCREENSHOTS"):
                tab.goto(page_of(LECTURES[4]).as_uri(), wait_until="load")
                tab.evaluate(MATHJAX_DONE)
                tab.screenshot(path=str(Path(os.environ["BOOK_SCREENSHOTS"]) / "book_page.png"))
        finally:
            browser.close()
    assert not requested, f"network requests: {sorted(set(requested))[:10]}"
    assert not problems, "\n".join(problems)
