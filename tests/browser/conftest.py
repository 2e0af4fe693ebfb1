"""Fixtures for the end-to-end suite: the bundled site built once, served over HTTP, one headless Chromium.

Chromium (Debian's /usr/bin/chromium) and the playwright package are required: CI installs them
(.ci/run), so a missing browser is a failure, never a skip. Never run ``playwright install``.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
LANGS = ("zh", "en")
ARTIFACTS = REPO_ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The bundled content (content/) built by the CLI exactly as a user runs it."""
    out = tmp_path_factory.mktemp("browser-site") / "public"
    result = subprocess.run(
        [sys.executable, "-m", "chronicle", "build", "content", "--out", str(out)],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, (
        f"`chronicle build content --out {out}` exited {result.returncode}\n"
        f"--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}"
    )
    assert (out / "index.html").is_file(), f"the build wrote no {out}/index.html"
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


@pytest.fixture(scope="session")
def site_url(site_dir: Path):
    """The built site served by http.server on 127.0.0.1 (a free port), e.g. ``http://127.0.0.1:PORT/``."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def chromium_browser():
    """One headless Chromium per test module: Playwright's sync API stops when the module is done, so tests
    elsewhere (tests/test_pack.py, tests/test_serve.py) can start their own afterwards."""
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"Chromium is required for tests/browser but {CHROMIUM} is missing: "
            "apt-get install -y --no-install-recommends chromium chromium-driver fonts-noto-cjk "
            "(.ci/run does this). Do not run `playwright install`.",
            pytrace=False,
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        pytest.fail(
            f"The playwright package is required for tests/browser ({exc}): pip install '.[test]'",
            pytrace=False,
        )
    manager = sync_playwright().start()
    try:
        browser = manager.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    except Exception as exc:
        manager.stop()
        pytest.fail(f"Could not launch {CHROMIUM} with Playwright: {exc}", pytrace=False)
    try:
        yield browser
    finally:
        browser.close()
        manager.stop()


@pytest.fixture(scope="module")
def browser_context(chromium_browser):
    """One context reused by every test (cheap new pages, shared cache)."""
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    context.set_default_timeout(15_000)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def page(browser_context):
    """A fresh tab in the shared context, closed after the test."""
    tab = browser_context.new_page()
    try:
        yield tab
    finally:
        tab.close()


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
