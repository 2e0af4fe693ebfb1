"""The one orchestrator: load → check → graph → render → write."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import jinja2

from chronicle.cache import Cache
from chronicle.content.loader import load
from chronicle.errors import BuildError, Report
from chronicle.graph.people import secret_names
from chronicle.graph.site import SiteGraph, build_graph
from chronicle.parallel import run_jobs
from chronicle.output import OutputError, check_output_dir, write_site
from chronicle.output.search import SearchError, find_pagefind, index_site, is_extended
from chronicle.render.data import chronicle_json, sitemap
from chronicle.render.exports import exports
from chronicle.render.site import SEARCH_SCRIPT, Renderer, RenderOptions


@dataclass
class BuildResult:
    report: Report
    out: Path | None = None
    files: dict = field(default_factory=dict)
    pages_per_lang: dict = field(default_factory=dict)
    entries: int = 0
    people: int = 0
    seconds: float = 0.0


def check(content: Path, strict: bool = False, cache: Cache | None = None) -> tuple[SiteGraph | None, Report]:
    """Load and check everything; write nothing (``cache``: reuse rendered Markdown from earlier runs)."""
    report = Report()
    chron = load(content, report)
    if chron is None or report.errors:
        return None, report
    graph = build_graph(chron, report, cache)
    if strict:
        _strict(report)
    return (None if report.errors else graph), report


def _strict(report: Report) -> None:
    from chronicle.errors import ERROR, Diagnostic
    report.items = [Diagnostic(ERROR, d.path, d.line, d.message + " (--strict)", d.hint) if d.level != ERROR else d
                    for d in report.items]


def build(content: Path, out: Path, *, strict: bool = False, portable: bool = False,
          progress: Callable[[str], None] | None = None, search: bool = True,
          with_reports: bool = True, use_cache: bool = True) -> BuildResult:
    """Build the site; raises BuildError (old output untouched) when the content has errors.

    ``search``: index the site with Pagefind and put a search box on every page; without a working
    Pagefind the site is built all the same, with one warning and no search box.
    """
    started = time.perf_counter()
    try:
        check_output_dir(out, content)
    except OutputError as exc:
        report = Report()
        report.error("", None, exc.message, exc.hint)
        raise BuildError(report) from None
    cache = Cache(content.resolve() if use_cache else None)
    graph, report = check(content, strict, cache)
    if graph is None:
        raise BuildError(report)
    pagefind = _find_pagefind(report) if search and not portable else None
    renderer = Renderer(graph, RenderOptions(portable=portable, search=pagefind is not None))
    forbidden = _forbidden_names(graph)
    reports = _reports(graph, cache) if with_reports else []  # chronicle serve previews without them: they take seconds
    renderer.env.globals["report_downloads"] = _downloads(reports)

    def guarded(job):
        def run():
            try:
                path, data = job()
            except jinja2.TemplateError as exc:
                raise _template_error(exc, graph) from None
            _guard(path, data, forbidden)
            return path, data
        return run

    def files():
        yield from run_jobs([guarded(job) for job in renderer.jobs()])
        data = sitemap(graph)
        _guard("sitemap.xml", data, forbidden)
        yield "sitemap.xml", data
        data = chronicle_json(graph)
        _guard("data/chronicle.json", data, forbidden)
        yield "data/chronicle.json", data
        for path, data in exports(graph):
            _guard(path, data, forbidden)
            yield path, data
        for path, data in reports:
            _guard_report(path, data, forbidden)
            yield path, data

    def finalize(folder: Path) -> None:
        """Index the complete site before it is swapped in; on failure, the same site without search."""
        try:
            done = index_site(folder, pagefind, portable=portable)
        except SearchError as exc:
            report.warn("", None, f"search is off: {exc.message}; the site was built without a search box",
                        exc.hint or "run the build again; --no-search leaves search out without this warning")
            _without_search(folder, graph, renderer, forbidden)
            return
        if not is_extended(done) and any(lang.startswith("zh") for lang in graph.languages):
            report.warn("", None, "Pagefind is not the extended build: Chinese is not split into words, so a word "
                        "inside a Chinese sentence is not found", "pip install 'pagefind[extended]'")

    copies = [(m, graph.chronicle.root / m) for m in graph.chronicle.media]
    try:
        written = write_site(files(), out, content, copies, progress=progress,
                             finalize=finalize if pagefind is not None else None)
        written = {path: size for path, size in written.items() if (out.resolve() / path).is_file()}  # search off
    except OutputError as exc:
        report.error("", None, exc.message, exc.hint)
        raise BuildError(report) from None
    except _Leak as exc:
        report.error(exc.where, None, exc.message, exc.hint)
        raise BuildError(report) from None
    except _TemplateProblem as exc:
        report.error(exc.path, exc.line, exc.message)
        raise BuildError(report) from None
    per_lang = {lang: sum(1 for p in written if p.startswith(lang + "/") and p.endswith("index.html"))
                for lang in graph.languages}
    return BuildResult(report, out.resolve(), written, per_lang, len(graph.entries), len(graph.people),
                       time.perf_counter() - started)


def _find_pagefind(report: Report) -> Path | None:
    binary = find_pagefind()
    if binary is None:
        report.warn("", None, "search is off: the Pagefind binary was not found; the site was built without a "
                    "search box", "pip install 'pagefind[extended]' (the extended build understands Chinese), "
                    "or build with --no-search to leave search out without this warning")
    return binary


def _without_search(folder: Path, graph: SiteGraph, renderer: Renderer, forbidden) -> None:
    """Pagefind failed after the pages were written: write them again without the search box and the search pages."""
    import shutil
    plain = Renderer(graph, RenderOptions(portable=renderer.options.portable, search=False))
    plain.env.globals.update(renderer.env.globals)
    try:
        for path, data in plain.pages():
            _guard(path, data, forbidden)
            (folder / path).write_bytes(data)
    except jinja2.TemplateError as exc:
        raise _template_error(exc, graph) from None
    for lang in graph.languages:
        shutil.rmtree(folder / lang / "search", ignore_errors=True)
    (folder / SEARCH_SCRIPT).unlink(missing_ok=True)
    shutil.rmtree(folder / "pagefind", ignore_errors=True)


class _Leak(Exception):
    def __init__(self, where: str, message: str, hint: str):
        super().__init__(message)
        self.where, self.message, self.hint = where, message, hint

    def __reduce__(self):
        return type(self), (self.where, self.message, self.hint)


class _TemplateProblem(Exception):
    def __init__(self, path: str, line: int | None, message: str):
        super().__init__(message)
        self.path, self.line, self.message = path, line, message

    def __reduce__(self):
        return type(self), (self.path, self.line, self.message)


def _forbidden_names(graph: SiteGraph) -> list[tuple[bytes, str]]:
    """The real names and aliases of people who are not published by name, as UTF-8 and as they
    look inside a URL (percent-encoded) or an ASCII-only JSON string (\\u escapes)."""
    import json
    from urllib.parse import quote
    out = []
    for node in graph.people:
        if node.restricted:
            for name in secret_names(node.person):
                if len(name) >= 2:
                    forms = {name.encode("utf-8"), quote(name).encode("ascii"),
                             json.dumps(name)[1:-1].encode("ascii")}
                    out += [(form, node.person.id) for form in sorted(forms)]
    return out


def _guard(path: str, data: bytes, forbidden) -> None:
    """A last safety net: no output file may carry a restricted person's real name."""
    for needle, pid in forbidden:
        if needle in data:
            raise _Leak(f"people.yaml", f"the real name or alias of {pid} (publish: not full) would appear in {path}",
                        "it comes from a title, citation, note or bio that names them; use [[" + pid + "]] "
                        "or rewrite that text")


def _reports(graph: SiteGraph, cache: Cache | None = None) -> list[tuple[str, bytes]]:
    """The downloadable commendation reports, built with the site (see chronicle/reports)."""
    from chronicle.reports import site_reports
    return site_reports(graph, cache)


def _downloads(reports: list[tuple[str, bytes]]) -> dict:
    """For templates/commendations.html: per language, the report files to link to."""
    from chronicle.render.urls import INTERNAL
    from chronicle.reports.wording import labels
    order = ("docx", "pdf", "html", "csv")
    types = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             "pdf": "application/pdf", "html": "text/html", "csv": "text/csv"}
    out: dict = {}
    for path, data in sorted(reports, key=lambda r: order.index(r[0].rsplit(".", 1)[1])):
        lang, fmt = path.split("/", 1)[0], path.rsplit(".", 1)[1]
        entry = out.setdefault(lang, {"title": labels(lang)["download_title"], "files": []})
        entry["files"].append({"href": INTERNAL + path, "format": fmt, "label": labels(lang)[f"download_{fmt}"],
                               "name": path.rsplit("/", 1)[1], "type": types[fmt],
                               "kb": max(1, round(len(data) / 1024))})
    return out


def _guard_report(path: str, data: bytes, forbidden) -> None:
    """The same safety net for reports; a .docx is a zip, so its parts are checked unpacked."""
    if path.endswith(".docx"):
        import io
        import zipfile
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                _guard(path, archive.read(name), forbidden)
    elif not path.endswith(".pdf"):  # the PDF is made from the HTML report, which is checked
        _guard(path, data, forbidden)


def _template_error(exc: jinja2.TemplateError, graph: SiteGraph) -> _TemplateProblem:
    name = getattr(exc, "filename", None) or getattr(exc, "name", None)
    line = getattr(exc, "lineno", None)
    if not name:
        import traceback
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename.endswith((".html", ".xml")):
                name, line = frame.filename, frame.lineno
                break
    name = name or "templates"
    root = str(graph.chronicle.root)
    if name.startswith(root):
        name = name[len(root) + 1:]
    elif "/" in name and not name.startswith("templates/"):
        name = "theme/" + name.rsplit("/", 1)[-1]
    return _TemplateProblem(name, line, f"template error: {exc.message or exc}")
