"""One module per CLI verb; each is imported only when its command runs, so `chronicle --help` stays fast."""

from __future__ import annotations

from pathlib import Path

import click

def print_report(report, content: Path, err=True) -> None:
    prefix = _display(content)
    for diag in report.sorted():
        path = diag.path
        if path and not Path(path).is_absolute() and not path.startswith(prefix):
            diag = type(diag)(diag.level, f"{prefix}{path}", diag.line, diag.message, diag.hint)
        color = "red" if diag.level == "error" else "yellow"
        click.secho(diag.format(), fg=color, err=err)


def _display(content: Path) -> str:
    text = str(content)
    return "" if text in (".", "") else text.rstrip("/") + "/"


def find_content(given: Path | None) -> Path:
    """The chronicle a command works on, found the way git finds its repository: the folder given; else the
    current folder or the nearest parent that holds chronicle.yaml; else ./content. Exits with a message
    saying where it looked when there is none."""
    import os
    import sys

    if given is not None:
        return given
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / "chronicle.yaml").is_file():
            return Path(os.path.relpath(folder, here)) if folder != here else Path(".")
    if (here / "content").is_dir():
        return Path("content")
    click.secho(f"error: no chronicle here: no chronicle.yaml in {here} or any folder above it, and no "
                "./content folder", fg="red", err=True)
    click.echo("    give the chronicle's folder, e.g. chronicle build mydiary; or start one with "
               "chronicle import DIARY -o mydiary", err=True)
    sys.exit(1)
