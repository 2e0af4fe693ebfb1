"""The one orchestrator: load → check → graph → render → write."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import jinja2

from chronicle.content.loader import load
from chronicle.errors import BuildError, Report
from chronicle.graph.people import matchable_names
from chronicle.graph.site import SiteGraph, build_graph
from chronicle.output import OutputError, check_output_dir, write_site
from chronicle.render.data import chronicle_json, sitemap
from chronicle.render.site import Renderer, RenderOptions


@dataclass
class BuildResult:
    report: Report
    out: Path | None = None
    files: dict = field(default_factory=dict)
    pages_per_lang: dict = field(default_factory=dict)
    entries: int = 0
    people: int = 0
    seconds: float = 0.0


def check(content: Path, strict: bool = False) -> tuple[SiteGraph | None, Report]:
    """Load and check everything; write nothing."""
    report = Report()
    chron = load(content, report)
    if chron is None or report.errors:
        return None, report
    graph = build_graph(chron, report)
    if strict:
        _strict(report)
    return (None if report.errors else graph), report


def _strict(report: Report) -> None:
    from chronicle.errors import ERROR, Diagnostic
    report.items = [Diagnostic(ERROR, d.path, d.line, d.message + " (--strict)", d.hint) if d.level != ERROR else d
                    for d in report.items]


def build(content: Path, out: Path, *, strict: bool = False, portable: bool = False,
          progress: Callable[[str], None] | None = None) -> BuildResult:
    """Build the site; raises BuildError (old output untouched) when the content has errors."""
    started = time.perf_counter()
    try:
        check_output_dir(out, content)
    except OutputError as exc:
        report = Report()
        report.error(str(out), None, exc.message, exc.hint)
        raise BuildError(report) from None
    graph, report = check(content, strict)
    if graph is None:
        raise BuildError(report)
    renderer = Renderer(graph, RenderOptions(portable=portable))
    forbidden = _forbidden_names(graph)

    def files():
        try:
            for path, data in renderer.pages():
                _guard(path, data, forbidden)
                yield path, data
        except jinja2.TemplateError as exc:
            raise _template_error(exc, graph) from None
        yield "sitemap.xml", sitemap(graph)
        data = chronicle_json(graph)
        _guard("data/chronicle.json", data, forbidden)
        yield "data/chronicle.json", data

    copies = [(m, graph.chronicle.root / m) for m in graph.chronicle.media]
    try:
        written = write_site(files(), out, content, copies, progress=progress)
    except OutputError as exc:
        report.error(str(out), None, exc.message, exc.hint)
        raise BuildError(report) from None
    except _Leak as exc:
        report.error(exc.where, None, exc.message, exc.hint)
        raise BuildError(report) from None
    except _TemplateProblem as exc:
        report.error(exc.path, exc.line, exc.message)
        raise BuildError(report) from None
    per_lang = {lang: sum(1 for p in written if p.startswith(lang + "/") and p.endswith(".html"))
                for lang in graph.languages}
    return BuildResult(report, out.resolve(), written, per_lang, len(graph.entries), len(graph.people),
                       time.perf_counter() - started)


class _Leak(Exception):
    def __init__(self, where: str, message: str, hint: str):
        super().__init__(message)
        self.where, self.message, self.hint = where, message, hint


class _TemplateProblem(Exception):
    def __init__(self, path: str, line: int | None, message: str):
        super().__init__(message)
        self.path, self.line, self.message = path, line, message


def _forbidden_names(graph: SiteGraph) -> list[tuple[bytes, str]]:
    """The real names and aliases of people who are not published by name."""
    out = []
    for node in graph.people:
        if node.restricted:
            for name in matchable_names(node.person) + [node.person.id]:
                if len(name) >= 2:
                    out.append((name.encode("utf-8"), node.person.id))
    return out


def _guard(path: str, data: bytes, forbidden) -> None:
    """A last safety net: no output file may carry a restricted person's real name."""
    for needle, pid in forbidden:
        if needle in data:
            raise _Leak(f"people.yaml", f"the real name or alias of {pid} (publish: not full) would appear in {path}",
                        "it comes from a title, citation, note or bio that names them; use [[" + pid + "]] "
                        "or rewrite that text")


def _template_error(exc: jinja2.TemplateError, graph: SiteGraph) -> _TemplateProblem:
    name = getattr(exc, "filename", None) or getattr(exc, "name", None) or "templates"
    root = str(graph.chronicle.root)
    if name.startswith(root):
        name = name[len(root) + 1:]
    return _TemplateProblem(name, getattr(exc, "lineno", None), f"template error: {exc.message or exc}")
