"""The widgets in a real browser: JupyterLab runs tests/fixtures/widgets_demo.ipynb in Debian's Chromium.

The test starts its own JupyterLab server on a free localhost port (in a
temporary folder, with its own settings and runtime folders, on a copy of
the demo notebook), opens the notebook in Chromium driven by Playwright,
runs every cell, then

* drags the noise slider of the noise explorer and checks that the displayed
  recall changes (the text readout and the rendered image);
* clicks a pixel of the pattern editor, checks that the cell turns black,
  presses "recall" and checks that the readout names the recalled letter.

It saves screenshots to ``test-artifacts/`` (git-ignored):
``widgets_browser.png`` (the noise explorer after the drag) and
``widgets_browser_editor.png`` (the editor after the recall) and stops the server and the kernel it started, leaving no
process behind. It never downloads a browser: without ``/usr/bin/chromium``
or the ``playwright`` package it is skipped, with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "tests" / "fixtures" / "widgets_demo.ipynb"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path(os.environ.get("HOPFIELD_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_S = 60  # generous: a cold start on a busy two-core machine
UI_TIMEOUT_MS = 45_000


def _requirements():
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's package (`apt-get install chromium`) "
                    "to run the browser test of the widgets")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("the playwright package is not installed (`pip install playwright`; "
                    "no browser download is needed, the test uses Debian's Chromium)")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 2.0):
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - localhost only
        return json.loads(response.read().decode())


def _descendants(pid: int) -> list[int]:
    """The ids of every process started (directly or not) by ``pid``."""
    import psutil

    try:
        return [p.pid for p in psutil.Process(pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def _alive(pids) -> list[int]:
    import psutil

    return [pid for pid in pids if psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE]


@pytest.fixture
def lab_server(tmp_path):
    """A JupyterLab server of this Python on a free port, serving a copy of the demo notebook.

    Yields ``(base_url, token)``. On teardown: the server is asked to shut
    down (which stops the kernels it started), then every process it
    started is killed by id if still alive, and its process group too.
    """
    _requirements()
    root = tmp_path / "root"
    root.mkdir()
    shutil.copy(DEMO, root / DEMO.name)
    settings = tmp_path / "settings"
    notification = settings / "@jupyterlab" / "apputils-extension"
    notification.mkdir(parents=True)
    (notification / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    port = _free_port()
    token = os.urandom(16).hex()
    env = dict(os.environ)
    env.update(
        JUPYTER_CONFIG_DIR=str(tmp_path / "config"),
        JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
        JUPYTER_DATA_DIR=str(tmp_path / "data"),
        JUPYTER_PLATFORM_DIRS="1",
        IPYTHONDIR=str(tmp_path / "ipython"),
        MPLBACKEND="module://matplotlib_inline.backend_inline",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")])),
    )
    cmd = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        "--expose-app-in-browser", f"--LabApp.user_settings_dir={settings}",
        f"--LabApp.workspaces_dir={tmp_path / 'workspaces'}",
        "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",  # no queries to PyPI
        "--allow-root",  # CI containers run as root
    ]
    log = open(tmp_path / "server.log", "wb")  # noqa: SIM115 - closed in the finally below
    server = subprocess.Popen(cmd, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    started = []
    try:
        deadline = time.monotonic() + SERVER_START_S
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {server.returncode}:\n"
                                   + (tmp_path / "server.log").read_text(errors="replace")[-3000:])
            try:
                _get(f"{base}/api/status?token={token}")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("JupyterLab did not answer within "
                                       f"{SERVER_START_S} s") from None
                time.sleep(0.3)
        yield base, token
        started = _descendants(server.pid)  # the kernel(s)
    finally:
        started = started or _descendants(server.pid)
        try:
            req = urllib.request.Request(f"{base}/api/shutdown?token={token}", method="POST")
            urllib.request.urlopen(req, timeout=5).close()  # noqa: S310 - localhost only
        except OSError:
            pass
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=5)
        deadline = time.monotonic() + 10
        while _alive(started) and time.monotonic() < deadline:
            time.sleep(0.2)
        for pid in _alive(started):  # a kernel that outlived its server
            os.kill(pid, signal.SIGKILL)
        log.close()
        assert not _alive(started), f"processes left behind: {_alive(started)}"


RUN_ALL = """
async () => {
  const app = window.jupyterapp;
  await app.started;
  await app.restored;
  let panel = null;
  for (let i = 0; i < 200 && !panel; i++) {
    const w = app.shell.currentWidget;
    if (w && w.sessionContext && w.content && w.content.widgets) { panel = w; break; }
    await new Promise(r => setTimeout(r, 100));
  }
  if (!panel) { throw new Error("no notebook panel opened"); }
  await panel.context.ready;
  await panel.sessionContext.ready;
  await app.commands.execute("notebook:run-all-cells");
  return panel.content.widgets.length;
}
"""


def _text(page, selector: str) -> str:
    return page.locator(selector).first.inner_text()


def test_widgets_respond_in_chromium(lab_server, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    base, token = lab_server
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"), executable_path=str(CHROMIUM), headless=True,
            args=CHROMIUM_FLAGS, viewport={"width": 1280, "height": 1000},
        )
        try:
            context.set_default_timeout(UI_TIMEOUT_MS)
            page = context.new_page()
            page.goto(f"{base}/lab/tree/{DEMO.name}?token={token}&reset", wait_until="domcontentloaded")
            page.wait_for_function("() => window.jupyterapp !== undefined")
            assert page.evaluate(RUN_ALL) == 10

            # -- the noise explorer: drag the noise slider, the recall shown must change
            readout = page.locator(".hl-noise-readout").first
            expect(readout).to_contain_text("with 20 of 100 pixels flipped")
            image = page.locator(".hl-noise-image").first
            image.scroll_into_view_if_needed()
            before_text = readout.inner_text()
            before_src = image.get_attribute("src")
            before_png = image.screenshot()
            handle = page.locator(".hl-noise-noise .noUi-handle").first
            box = handle.bounding_box()
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            page.mouse.down()
            page.mouse.move(box["x"] + box["width"] / 2 + 45, box["y"] + box["height"] / 2, steps=8)
            page.mouse.up()
            expect(readout).not_to_contain_text("with 20 of 100 pixels flipped")
            expect(image).not_to_have_attribute("src", before_src)
            page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
            after_text = readout.inner_text()
            assert after_text != before_text
            assert "pixels flipped" in after_text
            assert image.screenshot() != before_png  # the displayed recall changed

            # -- the pattern editor: click a pixel, then recall
            editor_readout = page.locator(".hl-editor-readout").first
            editor_readout.scroll_into_view_if_needed()
            expect(editor_readout).to_contain_text("not recalled yet")
            cell = page.locator(".hl-editor-cell").nth(0)
            cell.click()
            expect(cell).to_have_css("background-color", "rgb(0, 0, 0)")
            page.locator(".hl-editor-recall").first.click()
            expect(editor_readout).to_contain_text("went to A")
            page.locator(".hl-editor-image").first.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "widgets_browser_editor.png"))

            page.locator(".hl-noise").first.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "widgets_browser.png"))
        finally:
            context.close()
