"""Reports from the site graph: the commendation report and a person's record, as docx, pdf, html, md or csv.

Graph in, bytes out; no command-line code here (that is chronicle/commands/report.py).
"""

from __future__ import annotations

from pathlib import Path

from chronicle.reports.model import (  # noqa: F401
    Commendations, PersonRecord, UnknownName, commendations, find_person, leaked_name, person_record, report_leak,
)
from chronicle.reports.pdf import PDFUnavailable, pdf_available  # noqa: F401
from chronicle.reports.template import TemplateProblem  # noqa: F401

__all__ = ["Commendations", "PersonRecord", "UnknownName", "PDFUnavailable", "TemplateProblem", "FORMATS", "SUFFIXES",
           "commendations", "person_record", "find_person", "leaked_name", "report_leak", "pdf_available", "render", "site_reports",
           "site_report_path", "document_of"]

FORMATS = ("docx", "pdf", "html", "md", "csv")
SUFFIXES = {".docx": "docx", ".pdf": "pdf", ".html": "html", ".htm": "html", ".md": "md", ".markdown": "md",
            ".csv": "csv"}


def document_of(model):
    from chronicle.reports.document import commendations_document, person_document
    return commendations_document(model) if isinstance(model, Commendations) else person_document(model)


def render(model: Commendations | PersonRecord, fmt: str, template: Path | None = None) -> bytes:
    """The report in one format. Raises PDFUnavailable (pdf) or TemplateProblem (a bad --template)."""
    if template is not None:
        if fmt != "docx":
            raise TemplateProblem(str(template), None, f"a Word template makes a .docx, not .{fmt}",
                                  "write the report to a .docx file, or leave out --template")
        from chronicle.reports.template import fill_template
        return fill_template(template, model.context(), model.issue_date)
    if fmt == "csv":
        from chronicle.reports.csvfile import commendations_csv, person_csv
        return commendations_csv(model) if isinstance(model, Commendations) else person_csv(model)
    doc = document_of(model)
    if fmt == "docx":
        from chronicle.reports.docx import write_docx
        return write_docx(doc)
    if fmt == "md":
        from chronicle.reports.markdown import write_markdown
        return write_markdown(doc).encode("utf-8")
    from chronicle.reports.html import write_html
    html = write_html(doc)
    if fmt == "html":
        return html.encode("utf-8")
    if fmt == "pdf":
        from chronicle.reports.pdf import write_pdf
        return write_pdf(html)
    raise ValueError(f"unknown report format {fmt!r}")


def site_reports(graph, cache=None) -> list[tuple[str, bytes]]:
    """The downloadable commendation reports of the site: <lang>/commendations/commendations-<lang>.<ext>.

    docx, csv and html always; pdf only when WeasyPrint and a Chinese font are installed.
    Nothing when no category has an award.
    """
    from chronicle.reports.wording import base_lang
    if not any(c.awards for c in graph.categories):
        return []
    from functools import partial

    from chronicle.parallel import run_jobs
    formats = ["pdf"] if pdf_available() else []
    formats += ["docx", "html", "csv"]
    jobs = []
    for lang in graph.languages:
        if base_lang(lang) is None:
            continue
        model = commendations(graph, lang)
        jobs += [partial(_site_report, model, lang, fmt) for fmt in formats]
    if cache is None:
        return list(run_jobs(jobs, chunksize=1, min_jobs=2))
    from chronicle.cache import code_hash, key
    code = code_hash("reports", "chinese/text.py")
    keys = [key(code, job.args[0], job.args[1], job.args[2]) for job in jobs]
    results = [cache.get("reports", k) for k in keys]
    missing = [i for i, r in enumerate(results) if r is None]
    for i, result in zip(missing, run_jobs([jobs[i] for i in missing], chunksize=1, min_jobs=2)):
        results[i] = result
        cache.put("reports", keys[i], result)
    return results


def _site_report(model, lang: str, fmt: str) -> tuple[str, bytes]:
    return site_report_path(lang, fmt), render(model, fmt)


def site_report_path(lang: str, fmt: str) -> str:
    return f"{lang}/commendations/commendations-{lang}.{fmt}"
