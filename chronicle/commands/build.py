"""`chronicle build`: the whole pipeline, with a progress line and a closing summary."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from chronicle.commands import find_content, print_report


@click.command()
@click.argument("content", type=click.Path(path_type=Path), required=False)
@click.option("--out", "-o", type=click.Path(path_type=Path), default="public", show_default=True,
              help="Folder to write the site to (replaced atomically on success).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--portable", is_flag=True, help="Links end in index.html, so the site works opened from a folder.")
@click.option("--no-search", "no_search", is_flag=True,
              help="Leave out full-text search (no Pagefind index, no search box).")
@click.option("--no-cache", "no_cache", is_flag=True,
              help="Make every file anew: ignore and do not fill CONTENT/.chronicle-cache (what earlier builds made).")
@click.option("--quiet", "-q", is_flag=True, help="Print errors and warnings only.")
def build(content: Path, out: Path, strict: bool, portable: bool, no_search: bool, no_cache: bool, quiet: bool) -> None:
    """Build CONTENT into the site folder (CONTENT: default the folder holding chronicle.yaml here or above, else
    ./content)."""
    from chronicle.build import build as run_build
    from chronicle.errors import BuildError

    content = find_content(content)
    started = time.perf_counter()
    state = {"n": 0, "shown": False}

    def progress(path: str) -> None:
        state["n"] += 1
        if quiet or not sys.stderr.isatty():
            return
        if time.perf_counter() - started > 0.5 and state["n"] % 25 == 0:
            click.echo(f"\r  writing pages… {state['n']}", nl=False, err=True)
            state["shown"] = True

    try:
        result = run_build(content, out, strict=strict, portable=portable, progress=progress, search=not no_search,
                           use_cache=not no_cache, waiting=lambda message: click.secho(message, fg="yellow", err=True))
    except BuildError as exc:
        if state["shown"]:
            click.echo("", err=True)
        print_report(exc.report, content)
        n = len(exc.report.errors)
        click.secho(f"Build failed: {n} error{'s' if n != 1 else ''}, "
                    f"{len(exc.report.warnings)} warning{'s' if len(exc.report.warnings) != 1 else ''}. "
                    f"The previous site in {out} was left as it was.", fg="red", err=True)
        sys.exit(1)
    if state["shown"]:
        click.echo("", err=True)
    print_report(result.report, content)
    if not quiet:
        langs = ", ".join(f"{lang}: {n}" for lang, n in result.pages_per_lang.items())
        warnings = len(result.report.warnings)
        tail = (f"pages per language: {langs}; {result.entries} entries, {result.people} people, "
                f"{warnings} warning{'s' if warnings != 1 else ''}.")
        if result.up_to_date:
            click.echo(f"Nothing changed since the last build: the {len(result.files)} files in {out} are up to date "
                       f"({result.seconds:.2f} s) — {tail}")
        else:
            made = f" ({result.made} made, {result.reused} unchanged)" if result.reused else ""
            click.echo(f"Built {len(result.files)} files into {out} in {result.seconds:.2f} s{made} — {tail}")
