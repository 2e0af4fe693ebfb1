"""`chronicle book`: the whole chronicle as a printed book (PDF) or an e-book (EPUB), in one language or two."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from chronicle.book import FORMATS, PAPERS, SUFFIXES
from chronicle.book.pdf import VARIANTS
from chronicle.commands import _display, print_report


@click.command()
@click.argument("content", type=click.Path(path_type=Path), default="content")
@click.option("--output", "-o", "output", type=click.Path(path_type=Path, dir_okay=False),
              help="The file to write, ending in .pdf or .epub (default: book-<lang>.pdf in the current folder).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="pdf or epub, when the file name does not say.")
@click.option("--lang", "lang", metavar="LANG[,LANG]",
              help="The book's language, or two for a bilingual edition (zh,en: each text followed by its "
                   "translation); default: the chronicle's first language.")
@click.option("--paper", type=click.Choice(PAPERS, case_sensitive=False),
              help="Page size of the PDF: a5, b5, a4, letter or trade (6 x 9 in); default: a5 for Chinese, trade "
                   "for other languages, or `book: paper:` in chronicle.yaml.")
@click.option("--facing", is_flag=True,
              help="Bilingual PDF: each entry's original on a left-hand page, its translation on the right.")
@click.option("--pdf-variant", "variant", type=click.Choice(VARIANTS, case_sensitive=False),
              help="Write an archival PDF, e.g. pdf/a-3b.")
@click.option("--quiet", "-q", is_flag=True, help="Print errors and warnings only.")
def book(content: Path, output: Path | None, fmt: str | None, lang: str | None, paper: str | None, facing: bool,
         variant: str | None, quiet: bool) -> None:
    """Write CONTENT (default ./content) as a book: title page, preface, contents, the entries under their
    phases, appendices (people, figures, commendation lists, glossary) and a people index."""
    from chronicle.book import BookOptions, BookProblem, check_options, file_stem, make_book
    from chronicle.build import check
    from chronicle.reports import PDFUnavailable

    started = time.perf_counter()
    fmt = _format(fmt, output)
    say = (lambda message: None) if quiet else (lambda message: click.echo(f"  {message}…", err=True))
    say(f"reading {_display(content) or './'}")
    graph, report = check(content)
    print_report(report, content)
    if graph is None:
        n = len(report.errors)
        click.secho(f"Book not written: {n} error{'s' if n != 1 else ''} in the content.", fg="red", err=True)
        sys.exit(1)
    langs = tuple(x.strip() for x in lang.replace("+", ",").split(",") if x.strip()) if lang else (graph.languages[0],)
    configured = graph.config.book
    options = BookOptions(langs, fmt, paper or (configured.paper if configured else None), facing,
                          variant.lower() if variant else None)
    try:
        check_options(graph, options)
    except BookProblem as exc:
        raise click.BadParameter(exc.message + (f"; {exc.hint}" if exc.hint else ""), param_hint=f"'{exc.where}'")
    output = output if output is not None else Path(file_stem("book", langs) + "." + fmt)
    try:
        data = make_book(graph, options, progress=say)
    except PDFUnavailable as exc:
        click.secho(f"error: {exc.message}\n    {exc.hint}", fg="red", err=True)
        sys.exit(1)
    except BookProblem as exc:
        place = f"{_display(content)}{exc.where}: " if exc.where else ""
        click.secho(f"{place}error: {exc.message}" + (f"\n    {exc.hint}" if exc.hint else ""), fg="red", err=True)
        click.secho(f"Book not written: {output} was left as it was.", fg="red", err=True)
        sys.exit(1)
    from chronicle.commands.report import _atomic_write
    try:
        _atomic_write(output, data)
    except OSError as exc:
        click.secho(f"{output}: error: cannot write the book ({exc.strerror or exc})", fg="red", err=True)
        sys.exit(1)
    click.echo(f"Wrote {output} in {time.perf_counter() - started:.2f} s ({fmt}, {', '.join(langs)}, "
               f"{len(data):,} bytes).")


def _format(fmt: str | None, output: Path | None) -> str:
    if fmt is not None:
        if output is not None and output.suffix.lower() in SUFFIXES and SUFFIXES[output.suffix.lower()] != fmt:
            raise click.BadParameter(f"'{output.name}' is not a .{fmt} file", param_hint="'--output'")
        return fmt
    if output is None:
        return "pdf"
    if output.suffix.lower() in SUFFIXES:
        return SUFFIXES[output.suffix.lower()]
    raise click.BadParameter(f"cannot tell the format from '{output.name}'; name the file .pdf or .epub, "
                             "or give --format", param_hint="'--output'")
