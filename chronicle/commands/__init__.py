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
