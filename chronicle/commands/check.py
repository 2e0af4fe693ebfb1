"""`chronicle check`: every check of the build, nothing written, and what is left to do."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from chronicle.commands import find_content, print_report


@click.command()
@click.argument("content", type=click.Path(path_type=Path), required=False)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--translations", is_flag=True,
              help="List every entry and page that has no translation yet, per language.")
def check(content: Path | None, strict: bool, fmt: str, translations: bool) -> None:
    """Run every check of the build without writing anything."""
    import json

    content = find_content(content)

    from chronicle.build import check as run_check
    from chronicle.workflow.review import review

    graph, report = run_check(content, strict=strict)
    extra = review(content, graph)
    if fmt == "json":
        data = {"ok": not report.errors, "diagnostics": [d.as_dict() for d in report.sorted()]}
        if extra is not None:
            data.update(extra.as_dict())
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        print_report(report, content, err=False)
        if extra is not None:
            _print_review(extra, translations)
        n_err, n_warn = len(report.errors), len(report.warnings)
        click.echo(f"{n_err} error{'s' if n_err != 1 else ''}, {n_warn} warning{'s' if n_warn != 1 else ''}.")
    sys.exit(1 if report.errors else 0)


def _print_review(r, translations: bool = False) -> None:
    if r.coverage:
        click.echo("Translation coverage:")
        for c in r.coverage:
            click.echo(f"  {c.lang}: entries {c.entries}/{c.entries_total} ({c.percent(c.entries, c.entries_total)}%), "
                       f"pages {c.pages}/{c.pages_total} ({c.percent(c.pages, c.pages_total)}%)")
            missing = [m for m in r.missing if m.lang == c.lang]
            if translations and missing:
                for stem, path in missing[0].entries + missing[0].pages:
                    click.echo(f"    no {c.lang} translation: {path}")
            elif missing and (missing[0].entries or missing[0].pages):
                n = len(missing[0].entries) + len(missing[0].pages)
                click.echo(f"    {n} without a translation: chronicle check --translations lists them")
    if r.never_mentioned:
        shown = ", ".join(f"{pid} ({name})" for pid, name in r.never_mentioned)
        click.echo(f"People never mentioned ({len(r.never_mentioned)}): {shown}")
    if r.unregistered:
        click.echo(f"Names in the text that look like people but are not in people.yaml ({len(r.unregistered)}):")
        for u in r.unregistered:
            where = ", ".join(u.entries[:3]) + (f" and {len(u.entries) - 3} more" if len(u.entries) > 3 else "")
            click.echo(f"  {u.name} ×{u.count} ({where})")
    if r.stats_once:
        import textwrap
        shown = ", ".join(f"{s.stat} ({s.entry})" for s in r.stats_once)
        click.echo(f"Statistics recorded once only ({len(r.stats_once)}):")
        click.echo(textwrap.fill(shown, width=100, initial_indent="  ", subsequent_indent="  ",
                                 break_on_hyphens=False))
