"""Latin-script names fit their script: an alias written with a small letter ("the Chief") also starts a
sentence ("The Chief"); a name written with a capital ("Rose") is not a word written small ("rose")."""

from __future__ import annotations

from chronicle.build import build
from tests.conftest import write_tree

CONFIG = "title: {en: Flood Diary}\nlanguages: [en]\nautolink: true\n"
PEOPLE = """
- id: tom-whitcombe
  name: {en: Tom Whitcombe}
  aliases: [the Chief, Tom]
  groups: [fire-service]
- id: rose-hall
  name: {en: Rose Hall}
  aliases: [Rose]
"""
ENTRY = """---
date: 2023-08-01
---
The Chief arrived at six. Later the Chief and Rose rang the bell; the water rose by a foot. THE CHIEF shouted.
"""


def test_sentence_starts_link_and_capitalised_names_stay_names(tmp_path):
    content = write_tree(tmp_path / "flood", {"chronicle.yaml": CONFIG, "people.yaml": PEOPLE,
                                              "entries/2023-08-01.md": ENTRY})
    out = tmp_path / "site"
    build(content, out, search=False, with_reports=False)
    page = (out / "en/entries/2023-08-01/index.html").read_text(encoding="utf-8")
    assert '<a class="mention" href="../../people/tom-whitcombe/">The Chief</a> arrived' in page
    assert 'Later <a class="mention" href="../../people/tom-whitcombe/">the Chief</a>' in page
    assert '<a class="mention" href="../../people/rose-hall/">Rose</a> rang' in page
    assert "the water rose by a foot" in page, "'rose' the verb is not the name Rose"
    profile = (out / "en/people/tom-whitcombe/index.html").read_text(encoding="utf-8")
    assert "、" not in page + profile and "Fire service" in profile and "fire-service</" not in profile


def test_an_alias_written_both_ways_is_shown_once(tmp_path):
    people = PEOPLE.replace("aliases: [the Chief, Tom]", "aliases: [the Chief, The Chief, Tom]")
    content = write_tree(tmp_path / "flood", {"chronicle.yaml": CONFIG, "people.yaml": people,
                                              "entries/2023-08-01.md": ENTRY})
    out = tmp_path / "site"
    build(content, out, search=False, with_reports=False)
    profile = (out / "en/people/tom-whitcombe/index.html").read_text(encoding="utf-8")
    assert profile.count("Chief</span>") == 1, "'the Chief' and 'The Chief' are one alias on the profile"
