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

    def format_commands(self, ctx, formatter):
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="chronicle")
def main() -> None:
    """Turn a folder of dated diary entries into a bilingual static website and reports."""


if __name__ == "__main__":
    main()
