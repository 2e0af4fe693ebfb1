"""Fixtures for the end-to-end suite: the bundled site built once, served over HTTP, one headless Chromium.

Chromium (Debian's /usr/bin/chromium) and the playwright package are required: a missing browser is a
failure that names the Debian package (tests/tools.py), never a skip. Never run ``playwright install``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from chronicle.build import build
from tests import tools
from tests.browser.helpers import serve
from tests.conftest import FIXTURES
from tests.test_hostile import hostile_chronicle

REPO_ROOT = Path(__file__).resolve().parents[2]
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


@pytest.fixture(scope="session")
def other_sites(tmp_path_factory) -> dict[str, Path]:
    """More chronicles, built: the hostile one of tests/test_hostile.py, tests/fixtures/mini and tests/fixtures/rich."""
    root = tmp_path_factory.mktemp("other-sites")
    sources = tmp_path_factory.mktemp("other-content")
    contents = {"hostile": hostile_chronicle(sources / "hostile")}
    for name in ("mini", "rich"):
        contents[name] = Path(shutil.copytree(FIXTURES / name, sources / name,
                                              ignore=shutil.ignore_patterns(".chronicle-cache")))
    for name, content in contents.items():
        build(content, root / name, with_reports=False)
    return {name: root / name for name in contents}


@pytest.fixture(scope="session")
def other_url(other_sites):
    """The sites of ``other_sites`` served together: ``{other_url}hostile/…``, ``{other_url}mini/…``, …"""
    with serve(next(iter(other_sites.values())).parent) as url:
        yield url


@pytest.fixture(scope="session")
def site_url(site_dir: Path):
    """The built site served by http.server on 127.0.0.1 (a free port), e.g. ``http://127.0.0.1:PORT/``."""
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="module")
def chromium_browser():
    """One headless Chromium per test module: Playwright's sync API stops when the module is done, so tests
    elsewhere (tests/test_pack.py, tests/test_serve.py) can start their own afterwards."""
    chromium = tools.need(tools.chromium)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        pytest.fail(
            f"The playwright package is required for tests/browser ({exc}): pip install '.[test]'",
            pytrace=False,
        )
    manager = sync_playwright().start()
    try:
        browser = manager.chromium.launch(executable_path=chromium, args=tools.CHROMIUM_ARGS)
    except Exception as exc:
        manager.stop()
        pytest.fail(f"Could not launch {chromium} with Playwright: {exc}", pytrace=False)
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
    tools.need(tools.cjk_font)   # without one, Chinese is boxes in every screenshot
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
