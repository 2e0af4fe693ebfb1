"""Validators on the built bundled site: the W3C Nu HTML checker over every page, axe-core in the browser.

Both tools come from npm, pinned in package.json / package-lock.json at the repository root and installed
with ``npm ci`` into node_modules/ (git-ignored); vnu.jar runs on Java (Debian ``default-jre-headless``).
.ci/run installs all three when missing, so a missing tool is a failure here, never a skip.

axe-core is served to the page from the site's own origin through a Playwright route: the pages' CSP
(``script-src 'self'``) forbids inline scripts, and a same-origin script is what it allows, so the pages
are checked exactly as shipped, CSP included (no ``bypass_csp``).
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = REPO_ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
NPM_HINT = "run `npm ci` at the repository root (node and npm from Debian: apt-get install -y nodejs npm); .ci/run does this"
JAVA_HINT = "apt-get install -y --no-install-recommends default-jre-headless (.ci/run does this)"

LANGS = ("zh", "en")
SEARCH_QUERY = {"zh": "元宵", "en": "lantern"}
# name -> path under /<lang>/ ("{q}" is the language's search query, URL-encoded)
AXE_PAGES = {
    "home": "",
    "entry-2020-02-08": "entries/2020-02-08/",
    "entry-2020-02-13": "entries/2020-02-13/",
    "person-huang-shaohui": "people/huang-shaohui/",
    "people": "people/",
    "timeline": "timeline/",
    "stats": "stats/",
    "commendations": "commendations/",
    "search": "search/",
    "search-results": "search/?q={q}",
}
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
BLOCKING_IMPACTS = ("serious", "critical")


def require(path: Path, what: str, hint: str) -> Path:
    if not path.is_file():
        pytest.fail(f"{what} is required for tests/browser/test_validators.py but {path} is missing: {hint}.",
                    pytrace=False)
    return path


def java() -> str:
    found = shutil.which("java")
    if not found:
        pytest.fail(f"Java is required to run the Nu HTML checker (vnu.jar) but `java` is not on PATH: {JAVA_HINT}.",
                    pytrace=False)
    return found


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


def _format_vnu(message: dict, site_dir: Path) -> str:
    url = message.get("url", "")
    path = url.removeprefix("file:")
    try:
        where = Path(path).resolve().relative_to(site_dir.resolve()).as_posix()
    except ValueError:
        where = path or "?"
    line = message.get("lastLine") or message.get("firstLine") or "?"
    col = message.get("firstColumn") or message.get("lastColumn") or "?"
    text = f"{where}:{line}:{col}: {message.get('type')}: {message.get('message')}"
    extract = (message.get("extract") or "").replace("\n", "⏎")
    return text + (f"\n    {extract}" if extract else "")


def test_nu_html_checker_reports_no_errors_on_any_page(site_dir: Path):
    java_bin = java()
    jar = require(VNU_JAR, "vnu-jar (npm)", NPM_HINT)
    pages = sorted(p.resolve() for p in site_dir.rglob("*.html"))
    for lang in LANGS:  # the whole site: both languages, search pages included
        for rel in ("index.html", "entries/2020-02-08/index.html", "search/index.html", "stats/index.html"):
            assert (site_dir / lang / rel).is_file(), f"the build wrote no {lang}/{rel}"
    assert len(pages) > 100, f"only {len(pages)} HTML files in {site_dir}"

    result = subprocess.run(
        [java_bin, "-jar", str(jar), "--errors-only", "--skip-non-html", "--format", "json", "--verbose",
         str(site_dir)],
        capture_output=True, text=True, timeout=600,
    )
    report = _vnu_report(result.stderr, result.stdout)
    checked = {Path(line.strip()).resolve() for line in result.stdout.splitlines() if line.strip().endswith(".html")}
    missed = [p.relative_to(site_dir.resolve()).as_posix() for p in pages if p not in checked]
    assert not missed, f"vnu.jar did not check {len(missed)} of {len(pages)} pages: {missed[:20]}"

    problems = [m for m in report.get("messages", []) if m.get("type") in ("error", "non-document-error")]
    if problems:
        more = f"\n… and {len(problems) - 80} more" if len(problems) > 80 else ""
        pytest.fail(f"the Nu HTML checker ({report.get('version')}) found {len(problems)} errors in {site_dir}:\n"
                    + "\n".join(_format_vnu(m, site_dir) for m in problems[:80]) + more, pytrace=False)
    assert result.returncode == 0, f"vnu.jar exited {result.returncode}\n{result.stderr[-3000:]}"


# --------------------------------------------------------------------------- axe-core


@functools.cache
def _read_axe() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def axe_source() -> str:
    require(AXE_JS, "axe-core (npm)", NPM_HINT)
    return _read_axe()


def inject_axe(page, site_url: str, source: str) -> None:
    """Serve axe.min.js at a same-origin URL (allowed by ``script-src 'self'``) and load it as a script tag."""
    url = f"{site_url}__axe-core__/axe.min.js"
    page.route(url, lambda route: route.fulfill(status=200, content_type="text/javascript; charset=utf-8",
                                                body=source))
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


@pytest.mark.parametrize("device", VIEWPORTS)
@pytest.mark.parametrize("name", AXE_PAGES)
@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_no_serious_or_critical_violations(page, site_url, lang, name, device):
    source = axe_source()  # first: a missing node_modules fails here, with the fix
    page.set_viewport_size(VIEWPORTS[device])
    url = f"{site_url}{lang}/" + AXE_PAGES[name].format(q=quote(SEARCH_QUERY[lang]))
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == 200, f"GET {url} -> {response and response.status}"
    if name == "search-results":  # Pagefind's UI renders its results after load: check them too
        page.locator(".pagefind-ui__result-link").first.wait_for(state="visible")
        page.locator(".pagefind-ui__message").wait_for(state="visible")
    elif name == "search":
        page.locator(".pagefind-ui__search-input").wait_for(state="visible")
    page.evaluate("document.fonts.ready.then(() => true)")
    inject_axe(page, site_url, source)
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    blocking = [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]
    if blocking:
        pytest.fail(f"axe-core found {len(blocking)} serious or critical violations on {url} ({device}):\n"
                    + "\n".join(_format_axe(v) for v in blocking), pytrace=False)
