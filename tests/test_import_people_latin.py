"""People proposals for Latin-script diaries: names by their shape, short forms grouped, each marked to check."""

from __future__ import annotations

import pytest
import yaml

from chronicle.importer.latin_names import find_latin_names
from tests.conftest import run_cli
from tests.diaries import (ENGLISH_PEOPLE, FRENCH_PEOPLE, GERMAN_PEOPLE, english_docx, french_text,
                           german_html)

BUILDERS = {"en": (english_docx, "diary.docx", ENGLISH_PEOPLE), "fr": (french_text, "journal.txt", FRENCH_PEOPLE),
            "de": (german_html, "tagebuch.html", GERMAN_PEOPLE)}


@pytest.fixture(scope="module", params=sorted(BUILDERS))
def proposal(request, tmp_path_factory):
    make, name, people = BUILDERS[request.param]
    folder = tmp_path_factory.mktemp(request.param)
    out = folder / "out"
    result = run_cli("import", str(make(folder / name)), "-o", str(out))
    assert result.exit_code == 0, result.output
    text = (out / "people.yaml").read_text(encoding="utf-8")
    return request.param, people, text, yaml.safe_load(text), out


def test_the_named_people_are_proposed_with_their_short_forms(proposal):
    _, people, _, items, _ = proposal
    by_name = {item["name"]: item for item in items}
    found = [full for full in people if full in by_name]
    assert len(found) >= len(people) - 1, (sorted(by_name), sorted(people))
    grouped = sum(1 for full, forms in people.items() if full in by_name
                  and set(forms) & set(by_name[full].get("aliases", [])))
    assert grouped >= len(found) - 1, by_name
    assert len(items) <= len(people) + 2, "few guesses that are not people"


def test_every_proposal_says_how_often_and_where_and_is_marked_to_check(proposal):
    _, _, text, items, _ = proposal
    lines = [line for line in text.splitlines() if line.startswith("- name:")]
    assert len(lines) == len(items)
    assert all("# check:" in line and " time" in line and ", first in " in line for line in lines)


def test_titles_and_the_title_alone_belong_to_one_person():
    texts = [("d1", "Chief Fire Officer Tom Whitcombe came at seven. The Chief said the pumps would not do."),
             ("d2", "Mrs Patel made tea. Priya Patel runs the shop. Later Priya went home. The Chief stayed.")]
    found = {c.name: c for c in find_latin_names(texts, "en")}
    assert set(found) == {"Tom Whitcombe", "Priya Patel"}
    assert "the Chief" in found["Tom Whitcombe"].aliases and found["Tom Whitcombe"].titles == ["Chief Fire Officer"]
    assert {"Mrs Patel", "Priya"} <= set(found["Priya Patel"].aliases)
    assert found["Priya Patel"].where == ["d2"] and found["Tom Whitcombe"].count == 3


def test_places_months_and_sentence_starts_are_not_people():
    texts = [("d1", "On Monday the River Wen rose. In August the water reached Mill Lane and St Mary's Church. "
                    "Water was everywhere. Then we went home. The church hall was full.")]
    assert find_latin_names(texts, "en") == []


def test_check_lists_unregistered_names_in_english_text(proposal):
    lang, people, _, _, out = proposal
    if lang != "en":
        return
    (out / "people.yaml").write_text("- name: Priya Patel\n  id: priya-patel\n  aliases: [Mrs Patel, Priya]\n",
                                     encoding="utf-8")
    result = run_cli("check", str(out))
    listed = result.output.split("look like people but are not in people.yaml", 1)[1]
    assert "Tom Whitcombe" in listed and "Priya Patel" not in listed
