"""Validators on built sites: the W3C Nu HTML checker over every page, axe-core in the browser.

The sites: the bundled chronicle, the hostile chronicle of tests/test_hostile.py (pasted HTML, markup in every
YAML text, links the sanitiser must defuse), the small one of tests/fixtures/mini (initials, an untranslated
entry) and tests/fixtures/rich (every kind of Markdown, names that repeat, people of each way of publishing). Both tools come from npm, pinned in package-lock.json and fetched by tests/tools.py on first use; vnu.jar
runs on Java (Debian ``default-jre-headless``). A missing tool is a failure that says how to get it, never a skip.

axe-core is served to the page from the site's own origin through a Playwright route: the pages' CSP
(``script-src 'self'``) forbids inline scripts, and a same-origin script is what it allows, so the pages
are checked exactly as shipped, CSP included (no ``bypass_csp``). Every impact counts, minor included.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest

from tests import tools

LANGS = ("zh", "en")
SEARCH_QUERY = {"zh": "元宵", "en": "lantern"}
# Every kind of page of the bundled site: name -> path under /<lang>/ ("{q}": the language's query, URL-encoded)
BUNDLED_PAGES = {
    "home": "",
    "entry-2020-02-08": "entries/2020-02-08/",
    "entry-2020-02-13": "entries/2020-02-13/",
    "entry-last": "entries/2020-03-08/",
    "person-huang-shaohui": "people/huang-shaohui/",
    "people": "people/",
    "timeline": "timeline/",
    "stats": "stats/",
    "commendations": "commendations/",
    "page-preface": "pages/preface/",
    "page-glossary": "pages/glossary/",
    "search": "search/",
    "search-results": "search/?q={q}",
}
VIEWPORTS = {"mobile": {"width": 375, "height": 812}, "desktop": {"width": 1280, "height": 900}}


# --------------------------------------------------------------------------- W3C Nu HTML checker


def _vnu_report(stderr: str, stdout: str) -> dict:
    """vnu writes its JSON report to stderr (``--verbose`` lists the checked files on stdout)."""
    for text in (stderr, stdout):
        start = text.find('{"')
        if start >= 0:
            try:
                return json.loads(text[start:])
            except json.JSONDecodeError:
                continue
    pytest.fail(f"vnu.jar printed no JSON report\n--- stdout ---\n{stdout[-3000:]}\n--- stderr ---\n{stderr[-3000:]}",
                pytrace=False)


def _format_vnu(message: dict, site: Path) -> str:
    path = message.get("url", "").removeprefix("file:")
    try:
        where = Path(path).resolve().relative_to(site.resolve()).as_posix()
    except ValueError:
        where = path or "?"
    line = message.get("lastLine") or message.get("firstLine") or "?"
    col = message.get("firstColumn") or message.get("lastColumn") or "?"
    text = f"{where}:{line}:{col}: {message.get('type')}: {message.get('message')}"
    extract = (message.get("extract") or "").replace("\n", "⏎")
    return text + (f"\n    {extract}" if extract else "")


def nu_check(site: Path, minimum: int) -> None:
    """Every HTML file of ``site`` through vnu.jar; any error fails, with file, line and the markup."""
    java, jar = tools.need(tools.java), tools.need(tools.vnu_jar)
    pages = sorted(p.resolve() for p in site.rglob("*.html"))
    assert len(pages) >= minimum, f"only {len(pages)} HTML files in {site}"
    result = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--skip-non-html", "--format", "json", "--verbose", str(site)],
        capture_output=True, text=True, timeout=600,
    )
    report = _vnu_report(result.stderr, result.stdout)
    checked = {Path(line.strip()).resolve() for line in result.stdout.splitlines() if line.strip().endswith(".html")}
    missed = [p.relative_to(site.resolve()).as_posix() for p in pages if p not in checked]
    assert not missed, f"vnu.jar did not check {len(missed)} of {len(pages)} pages: {missed[:20]}"
    problems = [m for m in report.get("messages", []) if m.get("type") in ("error", "non-document-error")]
    if problems:
        more = f"\n… and {len(problems) - 80} more" if len(problems) > 80 else ""
        pytest.fail(f"the Nu HTML checker ({report.get('version')}) found {len(problems)} errors in {site}:\n"
                    + "\n".join(_format_vnu(m, site) for m in problems[:80]) + more, pytrace=False)
    assert result.returncode == 0, f"vnu.jar exited {result.returncode}\n{result.stderr[-3000:]}"


def test_nu_html_checker_finds_no_error_on_any_page_of_the_bundled_site(site_dir: Path):
    for lang in LANGS:  # the whole site: both languages, search pages included
        for rel in ("index.html", "entries/2020-02-08/index.html", "search/index.html", "stats/index.html"):
            assert (site_dir / lang / rel).is_file(), f"the build wrote no {lang}/{rel}"
    nu_check(site_dir, minimum=100)


@pytest.mark.parametrize("name", ["hostile", "mini", "rich"])
def test_nu_html_checker_finds_no_error_on_any_page_of_the_test_chronicles(other_sites, name):
    nu_check(other_sites[name], minimum=20)


# --------------------------------------------------------------------------- axe-core


def inject_axe(page, origin: str) -> None:
    """Serve axe.min.js at a same-origin URL (allowed by ``script-src 'self'``) and load it as a script tag."""
    source = tools.need(tools.axe_source)
    url = f"{origin}__axe-core__/axe.min.js"
    if url not in getattr(page, "_axe_routes", ()):
        page.route(url, lambda route: route.fulfill(status=200, content_type="text/javascript; charset=utf-8",
                                                    body=source))
        page._axe_routes = {*getattr(page, "_axe_routes", ()), url}
    page.add_script_tag(url=url)
    assert page.evaluate("typeof window.axe === 'object' && typeof window.axe.run === 'function'"), \
        f"axe-core did not load on {page.url}"


def _format_axe(violation: dict) -> str:
    lines = [f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation.get('helpUrl', '')})"]
    for node in violation["nodes"][:8]:
        lines.append(f"    at {' '.join(map(str, node['target']))}: {node['html'][:240]}")
        summary = (node.get("failureSummary") or "").strip().replace("\n", "\n        ")
        if summary:
            lines.append(f"        {summary}")
    if len(violation["nodes"]) > 8:
        lines.append(f"    … and {len(violation['nodes']) - 8} more elements")
    return "\n".join(lines)


def axe_clean(page, url: str, origin: str, device: str, *, stay: bool = False) -> None:
    """Open ``url`` at the device's width and fail on any axe violation, whatever its impact.

    ``stay``: the page redirects (the root index); the redirect gets "204 No Content", so the page itself is checked.
    """
    tools.need(tools.axe_source)  # first: a missing tool fails here, with the fix
    page.set_viewport_size(VIEWPORTS[device])
    if stay:
        page.route("**/*", lambda route: route.fulfill(status=204) if route.request.is_navigation_request()
                   and route.request.url != url else route.continue_())  # 204: the browser stays where it is
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == 200, f"GET {url} -> {response and response.status}"
    if "/search/" in url:  # Pagefind's UI renders after load: wait for what it shows
        page.locator(".pagefind-ui__search-input").wait_for(state="visible")
        if "?q=" in url:
            page.locator(".pagefind-ui__result-link").first.wait_for(state="visible")
            page.locator(".pagefind-ui__message").wait_for(state="visible")
    page.evaluate("document.fonts.ready.then(() => true)")
    assert page.url == url, f"{url} went on to {page.url}"
    inject_axe(page, origin)
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    if violations:
        pytest.fail(f"axe-core found {len(violations)} violations on {url} ({device}):\n"
                    + "\n".join(_format_axe(v) for v in violations), pytrace=False)


@pytest.mark.parametrize("device", VIEWPORTS)
@pytest.mark.parametrize("name", BUNDLED_PAGES)
@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_no_violation_on_any_kind_of_page(page, site_url, lang, name, device):
    path = BUNDLED_PAGES[name].format(q=quote(SEARCH_QUERY[lang]))
    axe_clean(page, f"{site_url}{lang}/{path}", site_url, device)


@pytest.mark.parametrize("device", VIEWPORTS)
def test_axe_finds_no_violation_on_the_root_page(page, site_url, device):
    axe_clean(page, site_url, site_url, device, stay=True)


def _pages_of(site: Path) -> list[str]:
    return sorted(p.parent.relative_to(site).as_posix() + "/" if p.parent != site else ""
                  for p in site.rglob("index.html"))


@pytest.mark.parametrize("device", VIEWPORTS)
@pytest.mark.parametrize("name", ["hostile", "mini", "rich"])
def test_axe_finds_no_violation_on_any_page_of_the_test_chronicles(page, other_sites, other_url, name, device):
    paths = [p for p in _pages_of(other_sites[name]) if p]  # the root redirects: checked on the bundled site
    assert len(paths) > 10
    for path in paths:
        axe_clean(page, f"{other_url}{name}/{path}", other_url, device)
