"""`chronicle report`: the commendation report or one person's record, as docx, pdf, html, md or csv."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click

from chronicle.commands import _display, find_content, print_report

FORMATS = ("docx", "pdf", "html", "md", "csv")


@click.group()
def report() -> None:
    """Write a commendation report or a person's record (Word, PDF, HTML, Markdown or CSV)."""


def _common(func):
    func = click.option("--output", "-o", "output", type=click.Path(path_type=Path, dir_okay=False),
                        help="File to write; its suffix gives the format unless --format is given.")(func)
    func = click.option("--template", type=click.Path(path_type=Path, dir_okay=False),
                        help="A Word template (.docx with docxtpl placeholders) to fill instead of the built-in layout.")(func)
    func = click.option("--format", "fmt", type=click.Choice(FORMATS),
                        help="Output format (default: from the file name, else docx).")(func)
    func = click.option("--lang", help="Language of the report: zh or en (default: the chronicle's first language).")(func)
    return func


@report.command()
@click.argument("content", type=click.Path(path_type=Path), required=False)
@_common
@click.option("--category", "categories", multiple=True, metavar="ID",
              help="Only this category (repeat for several); default: all, in the order of commendations.yaml.")
def commendations(content: Path, lang: str | None, fmt: str | None, template: Path | None, output: Path | None,
                  categories: tuple[str, ...]) -> None:
    """The commendation report (a 表彰决定 in Chinese): who is commended, for what, with the evidence."""
    from chronicle.reports import commendations as build_model

    content = find_content(content)
    graph = _graph(content)
    lang = _lang(graph, lang)
    fmt, output = _format(fmt, output, f"commendations-{lang}", template)
    model = _model(lambda: build_model(graph, lang, list(categories) or None), "--category")
    if not model.awards:
        click.secho(f"{_display(content)}commendations.yaml: error: there is no award to report"
                    + (" in the categories chosen" if categories else ""), fg="red", err=True)
        click.secho("    add categories with awards to commendations.yaml (see docs/writing.md)", err=True)
        sys.exit(1)
    _write(graph, model, fmt, template, output, content)


@report.command()
@click.argument("person_id", metavar="ID")
@click.argument("content", type=click.Path(path_type=Path), required=False)
@_common
def person(person_id: str, content: Path, lang: str | None, fmt: str | None, template: Path | None,
           output: Path | None) -> None:
    """One person's record: profile, roles, every passage that mentions them, awards."""
    from chronicle.reports import find_person, person_record

    content = find_content(content)
    graph = _graph(content)
    lang = _lang(graph, lang)
    node = _model(lambda: find_person(graph, person_id), "ID")
    fmt, output = _format(fmt, output, f"{node.pid}-{lang}", template)
    model = person_record(graph, lang, person_id)
    _write(graph, model, fmt, template, output, content)


@report.command()
@click.option("--output", "-o", "output", type=click.Path(path_type=Path, dir_okay=False), default="report-template.docx",
              show_default=True, help="Where to write the template.")
def template(output: Path) -> None:
    """Write the built-in Word template, to add a letterhead and use with --template."""
    from chronicle.reports.builtin_template import builtin_template, template_bytes

    shipped = builtin_template()
    data = shipped.read_bytes() if shipped.is_file() else template_bytes()
    try:
        _atomic_write(output, data)
    except OSError as exc:
        click.secho(f"{output}: error: cannot write the template ({exc.strerror or exc})", fg="red", err=True)
        sys.exit(1)
    click.echo(f"Wrote {output}: edit it in Word or LibreOffice, keep the {{{{ placeholders }}}}, "
               f"then pass it with --template.")


# -- steps ----------------------------------------------------------------------------------------------------------
def _graph(content: Path):
    """The checked graph; content errors print as `chronicle build` prints them, exit 1."""
    from chronicle.build import check

    graph, report_ = check(content)
    print_report(report_, content)
    if graph is None:
        n = len(report_.errors)
        click.secho(f"Report not written: {n} error{'s' if n != 1 else ''} in the content.", fg="red", err=True)
        sys.exit(1)
    return graph


def _lang(graph, lang: str | None) -> str:
    from chronicle.reports.wording import LANGS, base_lang

    if lang is None:
        lang = next((x for x in graph.languages if base_lang(x)), "en")
    if base_lang(lang) is None:
        raise click.BadParameter(f"'{lang}': reports are written in {' or '.join(LANGS)}", param_hint="'--lang'")
    return lang


def _format(fmt: str | None, output: Path | None, stem: str, template: Path | None) -> tuple[str, Path]:
    from chronicle.reports import SUFFIXES

    if fmt is None:
        if output is not None and output.suffix.lower() in SUFFIXES:
            fmt = SUFFIXES[output.suffix.lower()]
        elif output is not None:
            raise click.BadParameter(
                f"cannot tell the format from '{output.name}'; name the file .docx, .pdf, .html, .md or .csv, "
                "or give --format", param_hint="'--output'")
        else:
            fmt = "docx"
    if template is not None and fmt != "docx":
        raise click.BadParameter(f"a Word template makes a .docx, not .{fmt}", param_hint="'--template'")
    return fmt, output if output is not None else Path(f"{stem}.{fmt}")


def _model(make, param_hint: str):
    from chronicle.reports import UnknownName

    try:
        return make()
    except UnknownName as exc:
        message = str(exc) + (f"; {exc.hint}" if exc.hint else "")
        raise click.BadParameter(message, param_hint=f"'{param_hint}'") from None


def _write(graph, model, fmt: str, template: Path | None, output: Path, content: Path) -> None:
    from chronicle.output.guard import Guard, Leak
    from chronicle.reports import PDFUnavailable, TemplateProblem, render, report_leak

    leak = report_leak(model, graph)
    if leak:
        hit, _ = leak
        click.secho(f"error: {hit.describe()} would appear in the report\n    chronicle replaces such names and "
                    "refuses such values in the content's texts, so this is a fault of chronicle: please report it",
                    fg="red", err=True)
        sys.exit(1)
    try:
        data = render(model, fmt, template)
        guard = Guard(graph.watch)
        if guard:   # a PDF is checked by the HTML it is made from
            guard.report(output.name, render(model, "html") if fmt == "pdf" and template is None else data)
    except Leak as exc:
        message = exc.message + (" (it is in the Word template)" if template is not None else "")
        click.secho(f"{template}: error: {message}" if template is not None else f"error: {message}",
                    fg="red", err=True)
        sys.exit(1)
    except PDFUnavailable as exc:
        click.secho(f"error: {exc.message}\n    {exc.hint}", fg="red", err=True)
        sys.exit(1)
    except TemplateProblem as exc:
        place = exc.path if exc.line is None else f"{exc.path}:{exc.line}"
        click.secho(f"{place}: error: {exc.message}" + (f"\n    {exc.hint}" if exc.hint else ""), fg="red", err=True)
        sys.exit(1)
    try:
        _atomic_write(output, data)
    except OSError as exc:
        click.secho(f"{output}: error: cannot write the report ({exc.strerror or exc})", fg="red", err=True)
        sys.exit(1)
    click.echo(f"Wrote {output} ({fmt}, {len(data):,} bytes).")


def _atomic_write(path: Path, data: bytes) -> None:
    """Write beside the target and rename, so a failed run never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
