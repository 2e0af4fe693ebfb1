"""The one orchestrator: load → check → graph → render → write."""

from __future__ import annotations

import gc
import os
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from chronicle.cache import FOLDER as CACHE_FOLDER, Cache, Memo, key
from chronicle.content.files import snapshot
from chronicle.errors import BuildError, Report
from chronicle.output.guard import Guard, Leak
from chronicle.output.writer import OutputError, check_output_dir, folder_state, same_state, write_site

if TYPE_CHECKING:
    from chronicle.graph.nodes import SiteGraph

# The stages (YAML, Markdown, Jinja, Babel…) are imported when a build has work to do: a build that finds
# nothing changed answers in the time it takes to stat the files.


@dataclass
class BuildResult:
    report: Report
    out: Path | None = None
    files: dict = field(default_factory=dict)
    pages_per_lang: dict = field(default_factory=dict)
    entries: int = 0
    people: int = 0
    seconds: float = 0.0
    made: int = 0       # files rendered or copied by this build
    reused: int = 0     # files taken over unchanged from the previous build
    up_to_date: bool = False  # nothing had changed since the last build: nothing was done


@dataclass
class Session:
    """What a long-running process (chronicle serve) keeps between builds of one content folder, so a
    rebuild reads, renders and writes only what its edit changed."""

    entries: dict = field(default_factory=dict)     # the loader's: entries by stem, with their files' stamps
    nodes: dict = field(default_factory=dict)       # the graph's: entry nodes by fingerprint
    builds: dict = field(default_factory=dict)      # the last build's record, by output folder
    keys: Memo = field(default_factory=Memo)        # render/keys.py's digests and data.py's lines


def check(content: Path, strict: bool = False, cache: Cache | None = None, session: Session | None = None,
          files: dict | None = None) -> tuple[SiteGraph | None, Report]:
    """Load and check everything; write nothing (``cache``: reuse rendered Markdown from earlier runs;
    ``files``: the content folder's snapshot, so the loader need not stat each file again)."""
    from chronicle.content.loader import load
    from chronicle.graph.site import build_graph
    report = Report()
    chron = load(content, report, session.entries if session else None, files)
    if chron is None or report.errors:
        _note_cache(cache, report)
        return None, report
    graph = build_graph(chron, report, cache, session.nodes if session else None)
    if chron.config.book is not None:
        from chronicle.book import check_appendix
        check_appendix(graph, report)
    if strict:
        _strict(report)
    _note_cache(cache, report)
    return (None if report.errors else graph), report


def _note_cache(cache: Cache | None, report: Report) -> None:
    """The cache's one warning (a foreign cache discarded), never an error: it is not about the content."""
    found = cache.warning() if cache is not None else None
    if found:
        report.warn(*found[:1], None, *found[1:])


def _strict(report: Report) -> None:
    from chronicle.errors import ERROR, Diagnostic
    report.items = [Diagnostic(ERROR, d.path, d.line, d.message + " (--strict)", d.hint) if d.level != ERROR else d
                    for d in report.items]


def build(content: Path, out: Path, *, strict: bool = False, portable: bool = False,
          progress: Callable[[str], None] | None = None, search: bool = True,
          with_reports: bool = True, use_cache: bool = True, in_place: bool = False,
          session: Session | None = None, waiting: Callable[[str], None] | None = None) -> BuildResult:
    """Build the site; raises BuildError (old output untouched) when the content has errors.

    ``search``: index the site with Pagefind and put a search box on every page; without a working
    Pagefind the site is built all the same, with one warning and no search box.
    ``use_cache``: reuse what earlier builds made (``.chronicle-cache/``): rendered Markdown, reports, and
    every output file whose key is unchanged. ``in_place``: update ``out`` file by file (chronicle serve).
    ``session``: keep parsed entries and graph nodes in memory for the next build of the same content.
    ``waiting(message)``: told when another build holds the output folder's lock (output/lock.py), and
    this one waits for it.
    """
    from chronicle.output.lock import Busy, output_lock
    started = time.perf_counter()
    try:
        check_output_dir(out, content)
        with output_lock(out, waiting):
            return _build_unlocked(content, out, started, strict=strict, portable=portable, progress=progress,
                                   search=search, with_reports=with_reports, use_cache=use_cache,
                                   in_place=in_place, session=session)
    except (OutputError, Busy) as exc:
        report = Report()
        report.error("", None, exc.message, exc.hint)
        raise BuildError(report) from None


def _build_unlocked(content: Path, out: Path, started: float, *, strict: bool, portable: bool, progress,
                    search: bool, with_reports: bool, use_cache: bool, in_place: bool,
                    session: Session | None) -> BuildResult:
    cache = Cache(content.resolve() if use_cache else None)
    last = session.builds.get(out.resolve()) if session is not None else None
    if last is None:
        last = cache.last_build(out)
    live = in_place and session is not None  # chronicle serve: it builds only when something changed
    files = snapshot(content.resolve()) if (use_cache or session is not None) else None
    inputs = _inputs_key(files, content, out, strict=strict, portable=portable, search=search,
                         with_reports=with_reports, in_place=in_place) if files is not None and not live else None
    if inputs and last is not None and last.get("inputs") == inputs and same_state(out, last.get("output", {})):
        files, per_lang, entries, people = last["result"]
        if session is not None:
            session.builds[out.resolve()] = last
        return BuildResult(Report(list(last["report"])), out.resolve(), files, per_lang, entries, people,
                           time.perf_counter() - started, 0, len(files), up_to_date=True)
    gc.freeze()  # what earlier builds left (a serve session's memory): the collector need not walk it again
    try:
        return _build(content, out, cache, last, inputs, started, strict=strict, portable=portable,
                      progress=progress, search=search, with_reports=with_reports, use_cache=use_cache,
                      in_place=in_place, session=session, files=files)
    finally:
        gc.unfreeze()


def _build(content: Path, out: Path, cache: Cache, last: dict | None, inputs: str | None, started: float, *,
           strict: bool, portable: bool, progress, search: bool, with_reports: bool, use_cache: bool,
           in_place: bool, session: Session | None, files: dict | None) -> BuildResult:
    import jinja2

    from chronicle.output.search import SearchError, index_site, is_extended
    from chronicle.render.data import chronicle_json, sitemap
    from chronicle.render.exports import export_jobs
    from chronicle.render.site import Job, Renderer, RenderOptions
    graph, report = check(content, strict, cache, session, files)
    if graph is None:
        raise BuildError(report)
    gc.freeze()  # the collector would walk the whole graph again and again while the pages render
    pagefind = _find_pagefind(report) if search and not portable else None
    renderer = Renderer(graph, RenderOptions(portable=portable, search=pagefind is not None),
                        memo=session.keys if session is not None else None)

    guard = Guard(graph.watch, templates=graph.chronicle.template_dir)
    reports = _reports(graph, cache) if with_reports else []  # chronicle serve previews without them: they take seconds
    _note_cache(cache, report)
    renderer.env.globals["report_downloads"] = _downloads(reports)
    books = _books(graph, cache, report) if with_reports else []
    if books:
        from chronicle.book.site import book_downloads
        renderer.env.globals["book_downloads"] = book_downloads(books, graph)

    def guarded(job: Job) -> Job:
        def make():
            try:
                data = job.make()
            except jinja2.TemplateError as exc:
                raise _template_error(exc, graph) from None
            except (ArithmeticError, TypeError, ValueError, LookupError, RecursionError) as exc:
                raise _template_error(exc, graph, strict=True) or exc
            guard.file(job.path, data)
            return data
        return Job(job.path, job.key, make)

    def data_job(path: str, keyfn, make) -> Job:
        def checked():
            data = make()
            guard.file(path, data)
            return data
        return Job(path, keyfn, checked)

    def report_job(path: str, data: bytes) -> Job:
        def checked():
            guard.report(path, data)
            return data
        return Job(path, partial(key, "report", data, graph.signature), checked)

    jobs = [guarded(job) for job in renderer.jobs()]
    keys = renderer.keys
    memo = session.keys if session is not None else None
    if graph.config.base_url:
        jobs.append(data_job("sitemap.xml", keys.sitemap, partial(sitemap, graph)))
    jobs.append(data_job("data/chronicle.json", keys.chronicle_json, partial(chronicle_json, graph, memo)))
    jobs += [data_job(path, keyfn, make) for path, keyfn, make in export_jobs(graph, keys, memo)]
    jobs += [report_job(path, data) for path, data in reports]
    jobs += [Job(path, partial(key, "book", data), partial(bytes, data)) for path, data in books]  # guarded as made

    def finalize(folder: Path) -> None:
        """Index the complete site before it is swapped in; on failure, the same site without search."""
        try:
            done = index_site(folder, pagefind, portable=portable)
        except SearchError as exc:
            report.warn("", None, f"search is off: {exc.message}; the site was built without a search box",
                        exc.hint or "run the build again; --no-search leaves search out without this warning")
            _without_search(folder, graph, renderer, guard)
            search_failed.append(True)
            return
        guard.search_index(folder)
        if not is_extended(done) and any(lang.startswith("zh") for lang in graph.languages):
            report.warn("", None, "Pagefind is not the extended build: Chinese is not split into words, so a word "
                        "inside a Chinese sentence is not found", "pip install 'pagefind[extended]'")

    copies = [(m, graph.chronicle.root / m) for m in graph.chronicle.media]
    live = in_place and session is not None
    search_failed: list[bool] = []
    try:
        guard.names([job.path for job in jobs] + [m for m, _ in copies])
        guard.media(copies)
        if not live:
            cache.save_last_build(out, None)  # from here on, the output may change
        if session is not None:
            session.builds.pop(out.resolve(), None)
        written = write_site(jobs, out, content, copies, progress=progress,
                             finalize=finalize if pagefind is not None else None,
                             previous=(last or {}).get("stamps"), in_place=in_place,
                             previous_files=_files_of(last))
        stamps, made, reused = written.stamps, written.made, written.reused
        if search_failed:
            root = out.resolve()
            written = {path: size for path, size in written.items() if (root / path).is_file()}
    except OutputError as exc:
        report.error("", None, exc.message, exc.hint)
        raise BuildError(report) from None
    except Leak as exc:
        report.error(exc.where, exc.line, exc.message, exc.hint)
        raise BuildError(report) from None
    except _TemplateProblem as exc:
        report.error(exc.path, exc.line, exc.message)
        raise BuildError(report) from None
    if not graph.config.base_url and session is None:  # chronicle serve previews: no one publishes those
        report.warn("chronicle.yaml", None, "no sitemap.xml: a sitemap lists full web addresses, and chronicle.yaml "
                    "has no base_url", "add the address where the site will be published, e.g. "
                    "'base_url: https://example.org/diary/'; the rest of the site works without it")
    per_lang = {lang: sum(1 for p in written if p.startswith(lang + "/") and p.endswith("index.html"))
                for lang in graph.languages}
    if (use_cache or session is not None) and not search_failed:  # without search, pages were written again
        state = {} if live else folder_state(out, stamps)  # serve never skips a build
        record = {"inputs": inputs, "stamps": stamps, "output": state, "files": list(written),
                  "report": [d for d in report.items if not d.path.startswith(CACHE_FOLDER)],  # said once
                  "result": (written, per_lang, len(graph.entries), len(graph.people))}
        if not live:  # serve's own folder goes when serve stops: its record stays in memory
            cache.save_last_build(out, record)
        if session is not None:
            session.builds[out.resolve()] = record
    if session is not None:
        session.keys.trim()
    return BuildResult(report, out.resolve(), written, per_lang, len(graph.entries), len(graph.people),
                       time.perf_counter() - started, made, reused)


def _files_of(last: dict | None) -> list[str] | None:
    """The files the last build left in the output (its folder state holds folders too, with size -1)."""
    if not last:
        return None
    if last.get("output"):
        return [path for path, (size, _, _) in last["output"].items() if size >= 0]
    return last.get("files")


def _inputs_key(files: dict, content: Path, out: Path, **options) -> str | None:
    """Everything a build reads, by stat: the content folder, chronicle and its libraries, the options.

    Equal keys, and an output still as the last build left it, mean a build would write the same bytes.
    None when a file was saved too recently for its stat to be trusted (content/files.py, RACY_NS)."""
    from chronicle.cache import installation_key
    from chronicle.content.files import racy
    now = time.time_ns()
    if any(racy(mtime, now) for _, mtime, _ in files.values()):
        return None  # a file saved a moment ago could change again unseen: build, and look again next time
    binary = find_pagefind() if options.get("search") and not options.get("portable") else None
    tool = (str(binary), os.stat(binary).st_mtime_ns) if binary else None
    return key(installation_key(), sorted(files.items()), str(out.resolve()), sorted(options.items()), tool)


def find_pagefind() -> Path | None:
    """The Pagefind binary (output/search.py), imported only when a build has search to make."""
    from chronicle.output.search import find_pagefind as find
    return find()


def _find_pagefind(report: Report) -> Path | None:
    binary = find_pagefind()
    if binary is None:
        report.warn("", None, "search is off: the Pagefind binary was not found; the site was built without a "
                    "search box", "pip install 'pagefind[extended]' (the extended build understands Chinese), "
                    "or build with --no-search to leave search out without this warning")
    return binary


def _without_search(folder: Path, graph: SiteGraph, renderer, guard: Guard) -> None:
    """Pagefind failed after the pages were written: write them again without the search box and the search pages."""
    import shutil
    import jinja2

    from chronicle.render.site import SEARCH_SCRIPT, Renderer, RenderOptions
    plain = Renderer(graph, RenderOptions(portable=renderer.options.portable, search=False))
    plain.env.globals.update(renderer.env.globals)
    try:
        for path, data in plain.pages():
            guard.file(path, data)
            (folder / path).unlink(missing_ok=True)  # it may be a hard link to the live site's file
            (folder / path).write_bytes(data)
    except jinja2.TemplateError as exc:
        raise _template_error(exc, graph) from None
    for lang in graph.languages:
        shutil.rmtree(folder / lang / "search", ignore_errors=True)
    (folder / SEARCH_SCRIPT).unlink(missing_ok=True)
    shutil.rmtree(folder / "pagefind", ignore_errors=True)


class _TemplateProblem(Exception):
    def __init__(self, path: str, line: int | None, message: str):
        super().__init__(message)
        self.path, self.line, self.message = path, line, message

    def __reduce__(self):
        return type(self), (self.path, self.line, self.message)


def _reports(graph: SiteGraph, cache: Cache | None = None) -> list[tuple[str, bytes]]:
    """The downloadable commendation reports, built with the site (see chronicle/reports)."""
    from chronicle.reports import site_reports
    return site_reports(graph, cache)


def _books(graph: SiteGraph, cache: Cache, report: Report) -> list[tuple[str, bytes]]:
    """The books `book:` in chronicle.yaml asks for (chronicle/book/site.py); their links go on the home pages."""
    if graph.config.book is None:
        return []
    from chronicle.book import BookProblem
    from chronicle.book.site import site_books
    try:
        return site_books(graph, cache, report)
    except BookProblem as exc:
        report.error(exc.where, None, exc.message, exc.hint)
        raise BuildError(report) from None


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


def _template_error(exc, graph: SiteGraph, strict: bool = False) -> _TemplateProblem | None:
    """The template and line an error happened in, as a diagnostic; ``strict``: only if it happened in a
    template (a Python error a template caused, e.g. ``{{ 1 / 0 }}``), else None."""
    from chronicle.render.sandbox import TemplateAccess
    name = None if strict else getattr(exc, "filename", None) or getattr(exc, "name", None)
    line = None if strict else getattr(exc, "lineno", None)
    if not name:
        import traceback
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename.endswith((".html", ".xml")):
                name, line = frame.filename, frame.lineno
                break
    if strict and not name:
        return None
    name = name or "templates"
    root = str(graph.chronicle.root)
    if name.startswith(root):
        name = name[len(root) + 1:]
    elif "/" in name and not name.startswith("templates/"):
        name = "theme/" + name.rsplit("/", 1)[-1]
    if isinstance(exc, TemplateAccess):
        return _TemplateProblem(name, line, str(exc))
    if strict:
        return _TemplateProblem(name, line, f"template error: {type(exc).__name__}: {exc}")
    return _TemplateProblem(name, line, f"template error: {exc.message or exc}")
