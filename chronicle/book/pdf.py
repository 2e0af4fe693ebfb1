"""The printed book: one HTML document laid out by WeasyPrint, fonts embedded.

Two layouts: the first finds the page of every passage that names a person; the second prints the index
with each page once (``target-counter`` gives the numbers, the first layout only says which targets share a
page). The index comes last, so its length cannot move anything before it.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import gc
import logging
import os
from collections.abc import Callable
from html import escape
from pathlib import Path

from chronicle.book import style
from chronicle.book.justify import chinese_justification
from chronicle.book.model import Book
from chronicle.book.sections import Sections, lang_attr
from chronicle.book.xhtml import image_type

VARIANTS = ("pdf/a-1b", "pdf/a-2b", "pdf/a-3b", "pdf/a-2u", "pdf/a-3u", "pdf/a-4u", "pdf/ua-1")


def book_date(book: Book) -> str:
    """The PDF's creation and modification date: SOURCE_DATE_EPOCH when set (reproducible builds), else the
    date of the last entry, never the clock, so two runs give the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (book.last_date or dt.date(1970, 1, 1)).isoformat()


def document(book: Book, paper: str, facing: bool, pages: dict | None) -> str:
    """The whole book as one HTML page (images still as media/… paths)."""
    sections = Sections(book, pdf=True, pages=pages, facing=facing)
    date = book_date(book)
    head = [f"<title>{escape(book.title[book.lang].text)}</title>", '<meta charset="utf-8"/>',
            '<meta name="generator" content="chronicle"/>',
            f'<meta name="dcterms.created" content="{date}"/>', f'<meta name="dcterms.modified" content="{date}"/>']
    if book.author:
        head.append(f'<meta name="author" content="{escape(book.author[book.lang].text)}"/>')
    if book.subtitle:
        head.append(f'<meta name="description" content="{escape(book.subtitle[book.lang].text)}"/>')
    head.append(f"<style>{style.print_css(book.lang, paper)}</style>")
    body = "\n".join(s.body for s in sections.all())
    cls = ' class="facing"' if facing else ""
    return (f"<!DOCTYPE html>\n<html{lang_attr(book.lang)}>\n<head>\n" + "\n".join(head) + "\n</head>\n"
            f"<body{cls}>\n{body}\n</body>\n</html>\n")


def inline_images(html: str, book: Book, root: Path) -> str:
    """Pictures as data: addresses, so WeasyPrint fetches nothing, from anywhere."""
    for path in book.images:
        kind = image_type(path)
        data = (root / path).read_bytes()
        html = html.replace(f'src="{escape(path)}"', f'src="data:{kind};base64,{base64.b64encode(data).decode()}"')
    return html


def write_pdf(book: Book, root: Path, *, paper: str, facing: bool = False, variant: str | None = None,
              guard: Callable[[str, bytes], None] | None = None,
              progress: Callable[[str], None] | None = None) -> bytes:
    """The PDF bytes. Raises reports.pdf.PDFUnavailable when WeasyPrint, Pango or a Chinese font is missing."""
    from chronicle.reports.pdf import _import_weasyprint, check_pdf
    check_pdf()
    weasyprint = _import_weasyprint()
    say = progress or (lambda _: None)

    def layout(pages: dict | None):
        html = document(book, paper, facing, pages)
        if guard is not None:
            guard("book.html", html.encode("utf-8"))
        return weasyprint.HTML(string=inline_images(html, book, root), base_url=None)

    say("laying out the pages")
    with chinese_justification(), _quiet():
        first = layout(None).render()
    pages: dict[str, int] = {}
    for number, page in enumerate(first.pages, start=1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    count = len(first.pages)
    del first  # a layout holds every box of the book: free it before the second one
    gc.collect()
    say(f"{count} pages; numbering the index and writing the PDF")
    options = {"pdf_identifier": book.identifier.encode("ascii")}
    if variant:
        options["pdf_variant"] = variant
    with chinese_justification(), _quiet():
        return layout(pages).write_pdf(**options)


@contextlib.contextmanager
def _quiet():
    """WeasyPrint's warnings (a CSS property it skips) would print as stray lines among chronicle's own."""
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)
