"""Shared helpers: tiny chronicles written inline, the CLI run as a user runs it."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from chronicle.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"



def pytest_configure(config):
    """The cache key (chronicle/cachekey.py) of the tests, and of the chronicles they start, in a folder of
    their own: tests never touch the user's ~/.cache."""
    import os
    import tempfile
    config._chronicle_cache_home = os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="chronicle-test-cache-")


def pytest_unconfigure(config):
    folder = getattr(config, "_chronicle_cache_home", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


BASIC_CONFIG = "title: {zh: 日记, en: Diary}\nlanguages: [zh, en]\n"


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(textwrap.dedent(data).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture
def chronicle_dir(tmp_path):
    """A factory: make_chronicle({path: text}) -> content folder with a valid chronicle.yaml unless given."""

    def make(files: dict[str, str | bytes], config: str | None = BASIC_CONFIG) -> Path:
        content = tmp_path / "content"
        if config is not None and "chronicle.yaml" not in files:
            files = {"chronicle.yaml": config, **files}
        return write_tree(content, files)

    return make


@pytest.fixture
def mini(tmp_path) -> Path:
    """A copy of the small bilingual sample chronicle, safe to modify."""
    target = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", target, ignore=shutil.ignore_patterns(".chronicle-cache"))
    return target


def run_cli(*args: str):
    result = CliRunner().invoke(main, list(args), catch_exceptions=True)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result
