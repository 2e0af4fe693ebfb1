"""The ``chronicle`` command: flags in, a stage called, diagnostics printed, an exit code out."""

from __future__ import annotations

import importlib

import click

from chronicle import __version__

COMMANDS = {
    "book": ("chronicle.commands.book", "book", "Write the whole chronicle as a book: PDF for print or EPUB, in one language or two."),
    "build": ("chronicle.commands.build", "build", "Build CONTENT (default ./content) into the site folder."),
    "check": ("chronicle.commands.check", "check", "Run every check of the build without writing anything."),
    "import": ("chronicle.commands.import_diary", "import_diary", "Import a diary document (HTML, text, Markdown, .docx)."),
    "new": ("chronicle.commands.new", "new", "Create a new entry with its front matter filled in."),
    "pack": ("chronicle.commands.pack", "pack", "Build the site and zip it into one file."),
    "serve": ("chronicle.commands.serve", "serve", "Build, serve on 127.0.0.1 and rebuild and reload on every change."),
    "report": ("chronicle.commands.report", "report", "Write the commendation report or a person's record (docx, pdf, html, md, csv)."),
}


class LazyGroup(click.Group):
    """Commands are imported on use: heavy libraries load only for the verb that needs them."""

    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        module, attr, _ = COMMANDS[name]
        return getattr(importlib.import_module(module), attr)

    def invoke(self, ctx):
        """Every verb ends with a message and an exit code, never a traceback (see ``fail``)."""
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            fail(exc)

    def format_commands(self, ctx, formatter):
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def fail(exc: Exception) -> None:
    """chronicle's own problems that a verb let through, as the message they carry; an OSError as what
    could not be read or written; anything else as an internal error, its traceback saved to a file."""
    import sys

    from chronicle.errors import BuildError
    if isinstance(exc, BuildError):
        for diag in exc.report.sorted():
            click.secho(diag.format(), fg="red" if diag.level == "error" else "yellow", err=True)
        n = len(exc.report.errors)
        click.secho(f"Failed: {n} error{'s' if n != 1 else ''}.", fg="red", err=True)
        sys.exit(1)
    message = getattr(exc, "message", None)
    if isinstance(message, str) and type(exc).__module__.startswith("chronicle."):
        place = getattr(exc, "path", None) or getattr(exc, "where", None) or ""
        line = getattr(exc, "line", None)
        place = f"{place}:{line}" if place and line else str(place)
        _say(f"{place}: error: {message}" if place else f"error: {message}", getattr(exc, "hint", "") or "")
    elif isinstance(exc, OSError) and exc.filename:
        _say(f"{exc.filename}: error: {exc.strerror or exc}", "check that it exists and that you may read and write it")
    else:
        from chronicle.crash import describe, save_traceback
        _say(*describe(exc, save_traceback(exc)))
    sys.exit(1)


def _say(message: str, hint: str) -> None:
    click.secho(message, fg="red", err=True)
    if hint:
        click.echo("    " + hint.replace("\n", "\n    "), err=True)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="chronicle")
def main() -> None:
    """Turn a folder of dated diary entries into a bilingual static website and reports."""


if __name__ == "__main__":
    main()
