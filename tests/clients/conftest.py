"""The sites the client tests open: built once per session, each as a user builds it.

- ``bundled``: content/ as it is (no base_url: relative links, no sitemap);
- ``published``: content/ with ``base_url`` set, as a site about to be published (full addresses, a sitemap);
- ``hostile``: the chronicle of tests/test_hostile.py, markup and scripts in every text it has;
- ``mini``: tests/fixtures/mini, with a person published by initials and an untranslated entry;
- ``rich``: tests/fixtures/rich, every kind of Markdown, names that repeat, people of each way of publishing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from chronicle.build import build
from tests.conftest import FIXTURES, ROOT
from tests.test_hostile import hostile_chronicle

BASE_URL = "https://example.org/diary/"
SITES = ("bundled", "published", "hostile", "mini", "rich")


def _copy(source: Path, target: Path) -> Path:
    return Path(shutil.copytree(source, target, ignore=shutil.ignore_patterns(".chronicle-cache")))


@pytest.fixture(scope="session")
def client_sites(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """name -> (content folder, built site)."""
    root = tmp_path_factory.mktemp("client-sites")
    contents = {"bundled": _copy(ROOT / "content", root / "content-bundled"),
                "published": _copy(ROOT / "content", root / "content-published"),
                "hostile": hostile_chronicle(root / "content-hostile"),
                "mini": _copy(FIXTURES / "mini", root / "content-mini"),
                "rich": _copy(FIXTURES / "rich", root / "content-rich")}
    config = contents["published"] / "chronicle.yaml"
    config.write_text(config.read_text(encoding="utf-8") + f"base_url: {BASE_URL}\n", encoding="utf-8")
    built = {}
    for name, content in contents.items():
        out = root / name
        build(content, out)
        built[name] = (content, out)
    return built


@pytest.fixture(params=SITES)
def any_site(request, client_sites) -> tuple[str, Path, Path]:
    """Each site in turn: (name, content folder, built site)."""
    return (request.param, *client_sites[request.param])
