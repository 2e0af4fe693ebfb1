"""Publishing: `chronicle pack`, `chronicle build --portable` opened from a folder, and a site under a sub-path."""

from __future__ import annotations

import posixpath
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from chronicle.workflow.pack import FIXED_TIME
from tests.conftest import run_cli

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


# --- pack -----------------------------------------------------------------------------

def test_pack_builds_and_zips_deterministically(mini, tmp_path):
    first, second = tmp_path / "a" / "diary.zip", tmp_path / "b" / "diary.zip"
    result = run_cli("pack", str(mini), "-o", str(first))
    assert result.exit_code == 0, result.output
    assert re.search(r"Packed \d+ files into .*diary\.zip \(\d+ KB\) \(portable", result.output)
    assert run_cli("pack", str(mini), "-o", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as zf:
        infos = zf.infolist()
        names = [i.filename for i in infos]
        assert names == sorted(names)
        assert all(n.startswith("diary/") for n in names)
        assert {i.date_time for i in infos} == {FIXED_TIME}
        assert {(i.external_attr >> 16) & 0o777 for i in infos} == {0o644}
        assert "diary/index.html" in names and "diary/zh/entries/2020-01-23/index.html" in names
        assert not any(n.endswith(".chronicle-output") for n in names)
        page = zf.read("diary/zh/index.html").decode("utf-8")
        assert 'href="entries/2020-01-23/index.html"' in page or "index.html" in page  # portable links
        assert zf.testzip() is None


def test_pack_an_existing_site_folder(mini, tmp_path):
    site = tmp_path / "public"
    assert run_cli("build", str(mini), "--out", str(site), "--no-search").exit_code == 0
    archive = tmp_path / "handover.zip"
    result = run_cli("pack", "--site", str(site), "-o", str(archive))
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
    on_disk = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()
                     and not p.name.startswith("."))
    assert names == ["handover/" + n for n in on_disk]


def test_pack_refuses_a_folder_that_is_not_a_site(tmp_path):
    (tmp_path / "notes").mkdir()
    result = run_cli("pack", "--site", str(tmp_path / "notes"), "-o", str(tmp_path / "x.zip"))
    assert result.exit_code == 1
    assert "is not a built site" in result.output and not (tmp_path / "x.zip").exists()


def test_pack_of_broken_content_writes_nothing(mini, tmp_path):
    (mini / "entries" / "2020-01-23.md").write_text("---\ndate: 2020-01-32\n---\n文字。\n", encoding="utf-8")
    result = run_cli("pack", str(mini), "-o", str(tmp_path / "x.zip"))
    assert result.exit_code == 1
    assert "entries/2020-01-23.md:2: error" in result.output
    assert not (tmp_path / "x.zip").exists()


# --- portable --------------------------------------------------------------------------

class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and ((name == "href" and tag in ("a", "link")) or (name == "src" and tag in ("img", "script"))):
                self.links.append(value)
            if name == "content" and tag == "meta" and value and "url=" in value.lower():
                self.links.append(value.split("=", 1)[1].strip())


def internal_targets(site: Path):
    """Every (page, link, file it points to) for links inside the site."""
    for page in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("#", "//")) or not parts.path:
                continue
            rel = page.parent.relative_to(site).as_posix()
            target = posixpath.normpath(posixpath.join(rel, unquote(parts.path)))
            yield page.relative_to(site).as_posix(), link, target


@pytest.fixture(scope="module")
def portable_site(tmp_path_factory):
    from tests.conftest import FIXTURES
    import shutil
    root = tmp_path_factory.mktemp("portable")
    content = root / "mini"
    shutil.copytree(FIXTURES / "mini", content, ignore=shutil.ignore_patterns(".chronicle-cache"))
    out = root / "site"
    result = run_cli("build", str(content), "--out", str(out), "--portable")
    assert result.exit_code == 0, result.output
    return out


def test_every_internal_link_of_a_portable_site_is_a_file(portable_site):
    checked = 0
    for page, link, target in internal_targets(portable_site):
        assert not target.startswith(".."), f"{page}: {link} leaves the site"
        assert not link.startswith("/"), f"{page}: {link} is an absolute path (no server to resolve it)"
        assert (portable_site / target).is_file(), f"{page}: {link} -> {target} is not a file"
        checked += 1
    assert checked > 200


def test_portable_site_works_from_file_urls_in_chromium(portable_site):
    from playwright.sync_api import sync_playwright

    start = (portable_site / "index.html").as_uri()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(start, wait_until="load")
            page.wait_for_url(re.compile(r".*/zh/index\.html$"), timeout=15000)  # the root redirects to the source language
            visited = set()
            queue = [page.url]
            while queue and len(visited) < 25:
                url = queue.pop(0)
                if url in visited:
                    continue
                visited.add(url)
                response = page.goto(url, wait_until="load")
                assert response is None or response.ok, url
                assert page.title(), f"{url} has no title: not a page"
                hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => new URL(a.getAttribute('href'), document.baseURI).href)")
                for href in hrefs:
                    if not href.startswith("file://"):
                        continue
                    path = Path(unquote(urlsplit(href).path))
                    assert path.is_file(), f"{url}: link {href} is not a file"
                    assert portable_site in path.parents, f"{url}: link {href} leaves the site"
                    if href.endswith(".html") and "#" not in href:
                        queue.append(href)
            assert len(visited) >= 10
        finally:
            browser.close()


# --- under a sub-path ---------------------------------------------------------------------

def test_site_works_under_a_sub_path(mini, tmp_path):
    """Published at https://example.org/diary/: every link found from /diary/ resolves there, none escapes."""
    import functools
    import http.server
    import threading
    import urllib.request

    (mini / "chronicle.yaml").write_text((mini / "chronicle.yaml").read_text(encoding="utf-8")
                                         + "base_url: https://example.org/diary/\n", encoding="utf-8")
    www = tmp_path / "www"
    result = run_cli("build", str(mini), "--out", str(www / "diary"), "--no-search")
    assert result.exit_code == 0, result.output

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(www)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        seen, todo = set(), [base + "/diary/"]
        while todo:
            url = todo.pop()
            if url in seen:
                continue
            seen.add(url)
            with urllib.request.urlopen(url, timeout=30) as resp:
                assert resp.status == 200, url
                body = resp.read()  # read it all: a half-read response makes the server log a broken pipe
                if "html" not in resp.headers.get("Content-Type", ""):
                    continue
                parser = _Links()
                parser.feed(body.decode("utf-8"))
            for link in parser.links:
                parts = urlsplit(link)
                if parts.scheme or link.startswith("#"):
                    continue
                target = urllib.request.urljoin(url, link).split("#")[0]
                assert urlsplit(target).path.startswith("/diary/"), f"{url}: {link} leaves /diary/"
                todo.append(target)
        assert len(seen) > 30
    finally:
        server.shutdown()
        server.server_close()
