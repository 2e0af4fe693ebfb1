"""`chronicle import`: turn an existing diary document into a content folder."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--out", "-o", type=click.Path(path_type=Path), default="content", show_default=True,
              help="Content folder to write into (created if needed).")
@click.option("--year", type=click.IntRange(1000, 9999), default=None,
              help="Year of the first heading, when the headings do not say it (otherwise inferred).")
@click.option("--lang", default=None, callback=lambda ctx, param, value: _lang_code(value),
              help="Language the diary is written in (zh, en, fr, de …); default: detected from the text.")
@click.option("--title", default=None, help="Title of the chronicle (default: the document's own title).")
@click.option("--format", "fmt", type=click.Choice(["auto", "html", "text", "markdown", "docx"]), default="auto",
              show_default=True, help="Read the file as this format instead of guessing.")
@click.option("--force", is_flag=True, help="Overwrite entries, pages and people.yaml that already exist, and a "
              "chronicle.yaml whose language does not fit (kept as chronicle.yaml.bak).")
def import_diary(file: Path, out: Path, year: int | None, lang: str | None, title: str | None, fmt: str,
                 force: bool) -> None:
    """Import a diary (HTML, text, Markdown or .docx) into CONTENT: one entry per dated heading."""
    from chronicle.importer import ImportProblem, read_document, plan_import, write_plan

    state = {"shown": False}
    interactive = sys.stderr.isatty()

    def progress(stage: str, done: int, total: int) -> None:
        if not interactive:
            return
        label = {"reading": "reading paragraphs", "entries": "splitting entries", "names": "looking for names",
                 "writing": "writing files"}.get(stage, stage)
        shown = f" {done}/{total}" if total > 1 else "…"
        click.echo(f"\r  {label}{shown}".ljust(40), nl=False, err=True)
        state["shown"] = True

    try:
        doc = read_document(file, fmt)
        big = len(doc.paragraphs) > 2000
        people = force or not (out / "people.yaml").exists()
        plan = plan_import(doc, year=year, lang=lang, title=title, people=people,
                           progress=progress if big else None)
        result = write_plan(plan, out, force, progress=progress if big else None)
    except ImportProblem as exc:
        if state["shown"]:
            click.echo("", err=True)
        where = f"{file}:{exc.line}: " if exc.line else ""
        click.secho(f"{where}error: {exc.message}", fg="red", err=True)
        if exc.hint:
            click.echo(f"    {exc.hint}", err=True)
        sys.exit(1)
    if state["shown"]:
        click.echo("\r".ljust(41) + "\r", nl=False, err=True)

    entries = plan.entries
    span = f"{entries[0].date.isoformat()} … {entries[-1].date.isoformat()}"
    click.echo(f"Read {file} ({doc.format}, {len(doc.paragraphs)} paragraphs): {len(entries)} dated heading{'s' if len(entries) != 1 else ''}, "
               f"{span}; {plan.how}.")
    _say_language(plan, file)
    for warning in plan.warnings:
        click.secho(f"warning: {warning}", fg="yellow", err=True)
    if plan.dropped:
        click.secho(f"warning: {len(plan.dropped)} thing{'s' if len(plan.dropped) != 1 else ''} in {file.name} "
                    "could not be carried over; add them by hand where shown:", fg="yellow", err=True)
        for item in plan.dropped:
            click.secho(f"  {item}", fg="yellow", err=True)
    prefix = str(out).rstrip("/") + "/"
    listed = result.written if len(result.written) <= 40 else result.written[:10]
    for rel in listed:
        note = ""
        if rel == "people.yaml":
            note = f" ({len(plan.people)} name{'s' if len(plan.people) != 1 else ''} to check)"
        click.echo(f"  wrote {prefix}{rel}{note}")
    if len(listed) < len(result.written):
        click.echo(f"  … and {len(result.written) - len(listed)} more files")
    changes = "; ".join(result.config_changes)
    for rel in result.kept:
        if result.config_changes:
            click.secho(f"  kept {prefix}{rel}, but it does not fit this diary ({changes}); "
                        "import again with --force to rewrite it (your copy is kept as chronicle.yaml.bak)",
                        fg="yellow")
        else:
            click.echo(f"  kept {prefix}{rel} (already there and it fits; import replaces it only when its "
                       "language does not fit, with --force)")
    if result.backup:
        click.secho(f"  rewrote {prefix}chronicle.yaml ({changes}); your previous one is {result.backup}",
                    fg="yellow")
    for rel in result.skipped[:40 if len(result.skipped) <= 40 else 10]:
        click.secho(f"  skipped {prefix}{rel}: it exists (use --force to overwrite)", fg="yellow")
    if len(result.skipped) > 40:
        click.secho(f"  … and {len(result.skipped) - 10} more existing files skipped", fg="yellow")
    if not people:
        click.echo(f"  kept {prefix}people.yaml (already there; --force proposes a new one)")
    n_entries = sum(1 for rel in result.written if rel.startswith("entries/"))
    click.echo(f"Imported {n_entries} of {len(entries)} entries into {out}"
               + (f"; {len(result.skipped)} existing files skipped" if result.skipped else "") + ".")
    if "people.yaml" in result.written and plan.people:
        click.echo(f"Next: check every '# check' item in {prefix}people.yaml, then run: chronicle check {out}")
    else:
        click.echo(f"Next: chronicle check {out}")


def _say_language(plan, file: Path) -> None:
    from chronicle.importer.language import language_name

    name = f"{language_name(plan.lang)} ({plan.lang})"
    if plan.detection is None:
        click.echo(f"Language: {name}, as given with --lang.")
    else:
        click.echo(f"Language: {name}, detected from the text ({plan.detection.reason}). If that is wrong, "
                   f"import again with --lang CODE --force, e.g. chronicle import {file} --lang zh --force.")


def _lang_code(value: str | None) -> str | None:
    """A language code as chronicle.yaml takes it: it is written into that file as it is (None: detect it)."""
    from chronicle.content.fields import LANG
    if value is not None and not LANG.match(value):
        raise click.BadParameter(f"'{value}' is not a language code; use a code like zh, en or zh-Hant")
    return value
