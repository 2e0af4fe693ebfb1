"""The documentation keeps up with the code: commands, options, fields, templates and links."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from chronicle.cli import main
from chronicle.content import schema as loader

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _read(name: str) -> str:
    path = DOCS / name
    assert path.is_file(), f"docs/{name} is missing"
    return path.read_text(encoding="utf-8")


LOAD_ERRORS: dict[str, str] = {}


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    """Every command under the group, nested groups included, as (path of names, command)."""
    ctx = click.Context(group, info_name="chronicle")
    for name in group.list_commands(ctx):
        path = prefix + (name,)
        try:
            command = group.get_command(ctx, name)
        except Exception as exc:  # a command that cannot be imported fails one test, not the collection
            LOAD_ERRORS[" ".join(path)] = f"{type(exc).__name__}: {exc}"
            continue
        if command is None:
            LOAD_ERRORS[" ".join(path)] = "get_command returned None"
            continue
        yield path, command
        if isinstance(command, click.Group):
            yield from _commands(command, path)


COMMANDS = list(_commands(main))


def test_every_command_can_be_loaded():
    assert not LOAD_ERRORS, f"commands that cannot be loaded, so their docs cannot be checked: {LOAD_ERRORS}"


def _options(command: click.Command) -> list[str]:
    names = []
    for param in command.params:
        if isinstance(param, click.Option):
            names += [*param.opts, *param.secondary_opts]
    return names


def test_there_are_commands_to_document():
    assert {path[0] for path, _ in COMMANDS} >= {"build", "check"}


@pytest.mark.parametrize("path", [" ".join(p) for p, _ in COMMANDS])
def test_every_command_is_in_cli_md(path):
    text = _read("cli.md")
    assert f"chronicle {path}" in text, f"docs/cli.md does not describe `chronicle {path}`"


@pytest.mark.parametrize("path,option", [(" ".join(p), o) for p, c in COMMANDS for o in _options(c)]
                         + [("", o) for o in _options(main)])
def test_every_option_is_in_cli_md(path, option):
    text = _read("cli.md")
    found = re.search(r"`[^`\n]*(?<![\w-])" + re.escape(option) + r"(?![\w-])[^`\n]*`", text)
    assert found, f"docs/cli.md does not describe the option {option} of `chronicle {path}`".replace("  ", " ")


def _argument_names(argument: click.Argument) -> list[str]:
    """CONTENT, ID; a metavar like "[DATE] [CONTENT]" names two."""
    return re.findall(r"[A-Z][A-Z0-9_]*", argument.human_readable_name) or [argument.human_readable_name]


@pytest.mark.parametrize("path,argument", [(" ".join(p), n) for p, c in COMMANDS for a in c.params
                                           if isinstance(a, click.Argument) for n in _argument_names(a)])
def test_every_argument_is_in_cli_md(path, argument):
    assert f"`{argument}`" in _read("cli.md"), f"docs/cli.md does not describe {argument} of `chronicle {path}`"


FIELD_TUPLES = sorted(name for name in vars(loader) if name.endswith("_FIELDS")
                      and isinstance(getattr(loader, name), tuple))


def test_the_loader_has_field_lists():
    assert {"CONFIG_FIELDS", "PERSON_FIELDS", "ENTRY_FIELDS"} <= set(FIELD_TUPLES)


@pytest.mark.parametrize("tuple_name,field", [(t, f) for t in FIELD_TUPLES for f in getattr(loader, t)])
def test_every_field_is_in_writing_md(tuple_name, field):
    assert f"`{field}`" in _read("writing.md"), f"docs/writing.md does not describe `{field}` ({tuple_name})"


def _local_links(text: str) -> list[str]:
    """Links to other files, outside code (a Markdown example in a code block is not a link)."""
    text = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
    text = re.sub(r"`[^`\n]*`", "", text)
    links = re.findall(r"\[[^\]]*\]\(([^)\s]+)\)", text)
    return [link.split("#")[0] for link in links
            if not re.match(r"^[a-z][a-z0-9+.-]*:", link) and not link.startswith("#")]


def test_index_links_to_the_other_pages():
    links = set(_local_links(_read("index.md")))
    assert {"writing.md", "cli.md", "site.md", "errors.md"} <= links


@pytest.mark.parametrize("page", sorted(p.name for p in DOCS.glob("*.md")))
def test_every_local_link_points_to_a_file(page):
    for link in _local_links(_read(page)):
        if link:
            assert (DOCS / link).exists(), f"docs/{page} links to {link}, which does not exist"


def test_every_template_is_in_site_md():
    text = _read("site.md")
    for template in sorted((ROOT / "templates").iterdir()):
        if template.is_file():
            assert f"`{template.name}`" in text, f"docs/site.md does not describe templates/{template.name}"
