"""The bundled diary's English uses one rendering per term: the glossary's (tests/fixtures/terminology.yaml).

The content review of 2026-12 found the same term rendered two or three ways across the entries, the
glossary and the data files ("No. 9 Party branch", "the third branch", "Party Branch No. 3"). This test fails
on any variant the fixture forbids, wherever the English is: entry and page translations and every English
text in the YAML files.
"""

from __future__ import annotations

import re

import pytest
import yaml

from tests.conftest import FIXTURES, ROOT

CONTENT = ROOT / "content"
TERMS = yaml.safe_load((FIXTURES / "terminology.yaml").read_text(encoding="utf-8"))


def english_texts() -> list[tuple[str, str]]:
    """(where, text) of every English text of the bundled content."""
    found = [(p.relative_to(CONTENT).as_posix(), p.read_text(encoding="utf-8"))
             for folder in ("entries", "pages") for p in sorted((CONTENT / folder).glob("*.en.md"))]

    def walk(value, where):
        if isinstance(value, dict):
            for k, v in value.items():
                if k == "en" and isinstance(v, str):
                    found.append((where, v))
                else:
                    walk(v, where)
        elif isinstance(value, list):
            for item in value:
                walk(item, where)

    for name in ("chronicle.yaml", "people.yaml", "stats.yaml", "commendations.yaml"):
        walk(yaml.safe_load((CONTENT / name).read_text(encoding="utf-8")), name)
    for path in sorted((CONTENT / "entries").glob("*.md")):
        if path.name.count(".") == 1:  # the source files' front matter: figure notes in English
            front = path.read_text(encoding="utf-8").split("---")[1]
            walk(yaml.safe_load(front), path.relative_to(CONTENT).as_posix())
    return found


TEXTS = english_texts()
GLOSSARY = (CONTENT / "pages" / "glossary.en.md").read_text(encoding="utf-8")


def test_the_texts_are_found():
    assert len([w for w, _ in TEXTS if w.startswith("entries/") and w.endswith(".en.md")]) == 22
    assert sum(1 for w, _ in TEXTS if w == "people.yaml") > 100


@pytest.mark.parametrize("term", TERMS["glossary"], ids=lambda t: t["zh"])
def test_the_glossary_names_the_chosen_rendering(term):
    assert re.search(r"\*\*" + re.escape(term["en"]) + r" \([^)]*" + re.escape(term["zh"]), GLOSSARY), \
        f"glossary.en.md has no entry '**{term['en']} ({term['zh']})**'"


@pytest.mark.parametrize("term", TERMS["glossary"] + TERMS["names"], ids=lambda t: t["zh"])
def test_no_english_text_uses_a_forbidden_variant(term):
    found = [(where, m.group(0)) for pattern in term["avoid"] for where, text in TEXTS
             for m in re.finditer(pattern, text, re.IGNORECASE)]
    assert not found, f"{term['zh']} is rendered '{term['en']}'; variants found: {found}"


def test_a_variant_is_caught(tmp_path):
    """The check itself: a sentence with a forbidden variant is found."""
    pattern = next(t for t in TERMS["glossary"] if t["zh"] == "支部")["avoid"][0]
    assert re.search(pattern, "Li Guihua, secretary of the No. 9 Party branch.", re.IGNORECASE)
