"""The books `book:` in chronicle.yaml asks for, made with the site: ``<lang>/book/<name>-<langs>.<pdf|epub>``.

A book is laid out only when what it shows changed: its key is the book model itself, the options, the
pictures, the code and the message catalogs (the cache of chronicle/cache.py). Each edition is linked from
the home page of every language it is in.
"""

from __future__ import annotations

import os
from functools import partial

from chronicle.book import BookOptions, BookProblem, appendix_pages, file_stem, guard_for, make_book
from chronicle.render.i18n import LOCALES

TYPES = {"pdf": "application/pdf", "epub": "application/epub+zip"}


def site_book_path(name: str, langs: tuple[str, ...], fmt: str) -> str:
    return f"{langs[0]}/book/{file_stem(name, langs)}.{fmt}"


def site_books(graph, cache=None, report=None) -> list[tuple[str, bytes]]:
    """(path, bytes) of every book asked for; none without `book:`. Raises BookProblem (e.g. a leak)."""
    config = graph.config.book
    if config is None or not graph.entries:
        return []
    from chronicle.book.model import build_book
    from chronicle.cache import code_hash, key
    from chronicle.parallel import run_jobs
    from chronicle.reports.pdf import PDFUnavailable, check_pdf
    formats = list(config.formats)
    if "pdf" in formats:
        try:
            check_pdf()
        except PDFUnavailable as exc:
            formats.remove("pdf")
            if report is not None:
                report.warn("chronicle.yaml", config.line or None, f"the book's PDF was not made: {exc.message}",
                            exc.hint)
    guard_for(graph)  # fails early, here, rather than in a worker
    code = key(code_hash("book", "render/i18n.py", "reports/pdf.py", "graph/people.py", "build.py"),
               sorted((p.name, p.read_bytes()) for p in LOCALES.glob("*.yaml")), os.environ.get("SOURCE_DATE_EPOCH"))
    jobs, keys, paths = [], [], []
    for langs in config.editions:
        book = build_book(graph, langs, appendix_pages(graph))
        pictures = [(path, (graph.chronicle.root / path).read_bytes()) for path in book.images]
        for fmt in formats:
            options = BookOptions(langs, fmt, config.paper)
            paths.append(site_book_path(config.name, langs, fmt))
            jobs.append(partial(make_book, graph, options, None, book))
            keys.append(key(code, repr(book), options, [(p, key(data)) for p, data in pictures]))
    results = [cache.get("books", k) for k in keys] if cache is not None else [None] * len(jobs)
    missing = [i for i, r in enumerate(results) if r is None]
    for i, data in zip(missing, run_jobs([jobs[i] for i in missing], chunksize=1, min_jobs=2)):
        results[i] = data
        if cache is not None:
            cache.put("books", keys[i], data)
    return list(zip(paths, results))


def book_downloads(books: list[tuple[str, bytes]], graph) -> dict:
    """For templates/home.html: per language, the book files to link to."""
    from chronicle.render.i18n import Messages
    from chronicle.render.urls import INTERNAL
    config = graph.config.book
    if config is None:
        return {}
    by_path = dict(books)
    out: dict = {}
    for langs in config.editions:
        for fmt in config.formats:
            path = site_book_path(config.name, langs, fmt)
            if path not in by_path:
                continue
            for lang in langs:
                t = Messages(lang)
                names = " + ".join(Messages(x)("language_name") for x in langs)
                entry = out.setdefault(lang, {"title": t("book_download_title"), "files": []})
                entry["files"].append({"href": INTERNAL + path, "format": fmt, "name": path.rsplit("/", 1)[1],
                                       "label": t(f"book_download_{fmt}", langs=names), "type": TYPES[fmt],
                                       "kb": max(1, round(len(by_path[path]) / 1024))})
    return out


__all__ = ["BookProblem", "book_downloads", "site_book_path", "site_books"]
