"""`chronicle new entry`: start today's (or any day's) entry with its front matter filled in."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.group()
def new() -> None:
    """Create a new file in a chronicle (an entry)."""


@new.command("entry")
@click.argument("args", nargs=-1, metavar="[DATE] [CONTENT]")
@click.option("--lang", default=None, help="Also create the translation file in this language, e.g. en.")
@click.option("--title", default=None, help="The entry's title.")
def entry(args: tuple[str, ...], lang: str | None, title: str | None) -> None:
    """Create CONTENT/entries/DATE.md (DATE: YYYY-MM-DD, default today; CONTENT: default the folder holding
    chronicle.yaml here or above, else ./content).

    The front matter gets the date, the weekday and, when the chronicle shows
    lunar dates, the lunar date. An existing file is never overwritten.
    """
    import datetime as dt

    from chronicle.workflow.new import NewProblem, looks_like_day, new_entry, parse_day

    from chronicle.commands import find_content

    day_arg, content = None, None
    rest = list(args)
    if len(rest) > 2:
        _fail(NewProblem(f"too many arguments: {' '.join(rest)}", "chronicle new entry [DATE] [CONTENT]"))
    if len(rest) == 2:
        day_arg, content = rest[0], Path(rest[1])
    elif rest:
        arg = rest[0]
        if looks_like_day(arg) and not (Path(arg) / "chronicle.yaml").is_file():
            day_arg = arg  # a date, checked strictly below: never taken for a folder, never replaced by today
        else:
            content = Path(arg)
    content = find_content(content)
    try:
        today = dt.date.today()  # the one place chronicle reads the clock: "today" means the writer's today
        stem, day = parse_day(day_arg, today) if day_arg else (today.isoformat(), today)
        created = new_entry(content, stem, day, lang, title)
    except NewProblem as exc:
        if len(rest) == 1 and day_arg is not None and "did you mean" not in exc.hint:
            exc.hint += f"\nif {day_arg} is meant as the content folder: it has no chronicle.yaml"
        _fail(exc)
    for path in created:
        click.echo(f"Created {path}")
    click.echo(f"Write the text below the front matter; see it as you write with: chronicle serve {content}")


def _fail(exc) -> None:
    place = f"{exc.path}:{exc.line}: " if exc.path and exc.line else (f"{exc.path}: " if exc.path else "")
    click.secho(f"{place}error: {exc.message}", fg="red", err=True)
    if exc.hint:
        click.echo("    " + exc.hint.replace("\n", "\n    "), err=True)
    sys.exit(1)
