"""The memorial book: the whole chronicle as a printed book (PDF) or an e-book (EPUB).

Graph in, bytes out: book/model.py makes the book's content from the site graph (pure), book/sections.py
and book/appendix.py write it as XHTML, book/pdf.py lays it out with WeasyPrint, book/epub.py packs an
EPUB 3. The command is chronicle/commands/book.py; the site build makes the books `book:` asks for
(book/site.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from chronicle.content.schema import BOOK_FORMATS as FORMATS, BOOK_PAPERS as PAPERS  # noqa: F401

SUFFIXES = {".pdf": "pdf", ".epub": "epub"}
DEFAULT_APPENDIX = ("glossary",)


class BookProblem(Exception):
    """The book cannot be made as asked: ``where`` (a file, or ''), ``message`` and ``hint`` say why."""

    def __init__(self, message: str, hint: str = "", where: str = ""):
        super().__init__(message)
        self.message, self.hint, self.where = message, hint, where

    def __reduce__(self):
        return type(self), (self.message, self.hint, self.where)


@dataclass(frozen=True)
class BookOptions:
    langs: tuple[str, ...]
    fmt: str
    paper: str | None = None
    facing: bool = False
    variant: str | None = None

    def paper_for(self) -> str:
        from chronicle.book.style import default_paper
        return self.paper or default_paper(self.langs[0])


def appendix_pages(graph) -> tuple[str, ...]:
    book = graph.config.book
    return book.appendix if book is not None and book.appendix is not None else DEFAULT_APPENDIX


def check_options(graph, options: BookOptions) -> None:
    """Raise BookProblem for a combination that makes no book (the command turns it into a usage error)."""
    from chronicle.errors import did_you_mean
    for lang in options.langs:
        if lang not in graph.languages:
            hint = did_you_mean(lang, graph.languages) or "the chronicle's languages: " + ", ".join(graph.languages)
            raise BookProblem(f"'{lang}' is not one of the chronicle's languages", hint, "--lang")
    if not 1 <= len(options.langs) <= 2 or len(set(options.langs)) != len(options.langs):
        raise BookProblem(f"'{','.join(options.langs)}': a book is in one language or two different ones",
                          "write e.g. --lang zh, or --lang zh,en for a bilingual edition", "--lang")
    if options.facing and (options.fmt != "pdf" or len(options.langs) != 2):
        raise BookProblem("--facing needs a bilingual PDF", "give two languages, e.g. --lang zh,en, and a .pdf file",
                          "--facing")
    if options.variant and options.fmt != "pdf":
        raise BookProblem("--pdf-variant applies to a PDF only", "write the book to a .pdf file", "--pdf-variant")


def check_appendix(graph, report) -> None:
    """A page named in `book: appendix:` that does not exist: a warning with a suggestion."""
    book = graph.config.book
    if book is None or book.appendix is None:
        return
    from chronicle.errors import did_you_mean
    stems = [p.stem for p in graph.pages]
    for stem in book.appendix:
        if stem not in stems:
            report.warn("chronicle.yaml", book.line or None, f"book: appendix page '{stem}' is not a page in pages/",
                        did_you_mean(stem, stems) or "name a file of pages/ without .md, e.g. glossary")


def guard_for(graph) -> Callable[[str, bytes], None]:
    """The site build's last safety net over every byte stream the book writes: no restricted person's real name
    or alias may appear, nor a private value, in any spelling (output/guard.py reads the bytes as a reader would)."""
    from chronicle.output.guard import Guard, Leak
    guard = Guard(graph.watch, templates=graph.chronicle.template_dir)

    def check(path: str, data: bytes) -> None:
        try:
            guard.file(path, data)
        except Leak as exc:
            raise BookProblem(exc.message, exc.hint, exc.where) from None
    return check


def make_book(graph, options: BookOptions, progress: Callable[[str], None] | None = None, book=None) -> bytes:
    """The book's bytes (``book``: its model, when already made). Raises BookProblem (bad options, a leak) or
    reports.PDFUnavailable (no WeasyPrint, Pango or Chinese font)."""
    from chronicle.book.model import build_book
    check_options(graph, options)
    if not graph.entries:
        raise BookProblem("there is no entry to print: the chronicle has no published entries",
                          "add entries to entries/ (drafts are left out of the book)", "entries")
    say = progress or (lambda _: None)
    if book is None:
        say(f"collecting the entries ({len(graph.entries)}) and the people ({len(graph.people)})")
        book = build_book(graph, options.langs, appendix_pages(graph))
    guard = guard_for(graph)
    root = graph.chronicle.root
    if options.fmt == "epub":
        from chronicle.book.epub import write_epub
        return write_epub(book, root, guard=guard, progress=say)
    from chronicle.book.pdf import write_pdf
    return write_pdf(book, root, paper=options.paper_for(), facing=options.facing, variant=options.variant,
                     guard=guard, progress=say)


def file_stem(name: str, langs: tuple[str, ...]) -> str:
    return f"{name}-{'-'.join(langs)}"
