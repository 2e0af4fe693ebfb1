"""The printed book: one HTML document laid out by WeasyPrint, fonts embedded.

Two layouts: the first, of the front pages and the entries only, finds the page of every passage that names
a person; the second, of the whole book, prints the index with each page once (``target-counter`` gives the
numbers, the first layout only says which targets share a page). Nothing after the entries can move them;
the second layout is checked against the first all the same, and laid out once more if they differ.
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

BACK = ("appendix", "back", "index")
VARIANTS = ("pdf/a-1b", "pdf/a-2b", "pdf/a-3b", "pdf/a-2u", "pdf/a-3u", "pdf/a-4u", "pdf/ua-1")


def book_date(book: Book) -> str:
    """The PDF's creation and modification date: SOURCE_DATE_EPOCH when set (reproducible builds), else the
    date of the last entry, never the clock, so two runs give the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (book.last_date or dt.date(1970, 1, 1)).isoformat()


def document(book: Book, paper: str, facing: bool, pages: dict | None, entries_only: bool = False) -> str:
    """The whole book as one HTML page (images still as media/… paths); ``entries_only``: up to the last entry."""
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
    body = "\n".join(s.body for s in sections.all() if not entries_only or s.kind not in BACK)
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

    def layout(pages: dict | None, entries_only: bool = False):
        html = document(book, paper, facing, pages, entries_only)
        if guard is not None:
            guard("book.html", html.encode("utf-8"))
        return weasyprint.HTML(string=inline_images(html, book, root), base_url=None)

    options = {"pdf_identifier": book.identifier.encode("ascii")}
    if variant:
        options["pdf_variant"] = variant
    targets = [t.id for item in book.people_index + book.tag_index for t in item.targets]
    say("laying out the entries")
    with chinese_justification(), _quiet():
        pages = _pages(layout(None, entries_only=True).render())
        gc.collect()  # a layout holds every box of the book: free the first before the second
        say("laying out the whole book and numbering the index")
        final = layout(pages).render(**options)
        found = _pages(final)
        if any(found.get(t) != pages.get(t) for t in targets):  # the back pages moved an entry: lay out again
            pages = found
            final = layout(pages).render(**options)
        say(f"{len(final.pages)} pages; writing the PDF")
        return final.write_pdf(**options)


def _pages(document) -> dict[str, int]:
    """The page (from 1) of every anchor of a laid-out document."""
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return pages


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
