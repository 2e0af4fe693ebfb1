"""`chronicle check`: every check of the build, nothing written."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from chronicle.commands import print_report


@click.command()
@click.argument("content", type=click.Path(path_type=Path), default="content")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def check(content: Path, strict: bool, fmt: str) -> None:
    """Run every check of the build without writing anything."""
    import json

    from chronicle.build import check as run_check

    graph, report = run_check(content, strict=strict)
    if fmt == "json":
        click.echo(json.dumps({"ok": not report.errors, "diagnostics": [d.as_dict() for d in report.sorted()]},
                              ensure_ascii=False, indent=1))
    else:
        print_report(report, content, err=False)
        click.echo(f"{len(report.errors)} errors, {len(report.warnings)} warnings.")
    sys.exit(1 if report.errors else 0)
