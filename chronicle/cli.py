"""The ``chronicle`` command: flags in, a stage called, diagnostics printed, an exit code out."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from chronicle import __version__


def _print_report(report, content: Path, err=True) -> None:
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="chronicle")
def main() -> None:
    """Turn a folder of dated diary entries into a bilingual static website and reports."""


@main.command()
@click.argument("content", type=click.Path(path_type=Path), default="content")
@click.option("--out", "-o", type=click.Path(path_type=Path), default="public", show_default=True,
              help="Folder to write the site to (replaced atomically on success).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--portable", is_flag=True, help="Links end in index.html, so the site works opened from a folder.")
@click.option("--quiet", "-q", is_flag=True, help="Print errors and warnings only.")
def build(content: Path, out: Path, strict: bool, portable: bool, quiet: bool) -> None:
    """Build CONTENT (default ./content) into the site folder."""
    from chronicle.build import build as run_build
    from chronicle.errors import BuildError

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
        result = run_build(content, out, strict=strict, portable=portable, progress=progress)
    except BuildError as exc:
        if state["shown"]:
            click.echo("", err=True)
        _print_report(exc.report, content)
        n = len(exc.report.errors)
        click.secho(f"Build failed: {n} error{'s' if n != 1 else ''}, "
                    f"{len(exc.report.warnings)} warning{'s' if len(exc.report.warnings) != 1 else ''}. "
                    f"The previous site in {out} was left as it was.", fg="red", err=True)
        sys.exit(1)
    if state["shown"]:
        click.echo("", err=True)
    _print_report(result.report, content)
    if not quiet:
        langs = ", ".join(f"{lang}: {n}" for lang, n in result.pages_per_lang.items())
        warnings = len(result.report.warnings)
        click.echo(f"Built {len(result.files)} files into {out} in {result.seconds:.2f} s — pages per language: {langs}; "
                   f"{result.entries} entries, {result.people} people, {warnings} warning{'s' if warnings != 1 else ''}.")


@main.command()
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
        _print_report(report, content, err=False)
        click.echo(f"{len(report.errors)} errors, {len(report.warnings)} warnings.")
    sys.exit(1 if report.errors else 0)


if __name__ == "__main__":
    main()
