"""The import loses nothing silently: tables, lists, emphasis and footnotes survive; what cannot is listed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import run_cli
from tests.diaries import (ENGLISH_BULLETS, ENGLISH_FOOTNOTE, ENGLISH_NUMBERS, english_docx, french_text,
                           german_html)


def body(out: Path, stem: str) -> str:
    text = (out / "entries" / f"{stem}.md").read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1]


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    folder = tmp_path_factory.mktemp("english")
    out = folder / "mydiary"
    result = run_cli("import", str(english_docx(folder / "diary.docx")), "-o", str(out))
    assert result.exit_code == 0, result.output
    return out, result


def test_a_word_table_becomes_a_markdown_table(english):
    out, _ = english
    text = body(out, "2023-08-02")
    assert "| Figure | Value | Note |\n| --- | --- | --- |\n| Households evacuated | 23 | Mill Lane and Church Row |" in text
    assert "| Sandbags | 400 | filled by volunteers |" in text


def test_word_lists_stay_lists_bullets_and_numbers(english):
    out, _ = english
    assert "\n".join(f"- {item}" for item in ENGLISH_BULLETS) in body(out, "2023-08-03")
    assert "\n".join(f"{n}. {item}" for n, item in enumerate(ENGLISH_NUMBERS, 1)) in body(out, "2023-08-05")


def test_bold_italic_and_footnotes_are_kept(english):
    out, _ = english
    preface = (out / "pages" / "preface.md").read_text(encoding="utf-8")
    assert "**August floods**" in preface and "*every evening*" in preface
    assert yaml.safe_load(preface.split("---")[1])["title"] == "Preface"
    text = body(out, "2023-08-09")
    assert "reopen on Friday.[^1]" in text and f"[^1]: {ENGLISH_FOOTNOTE}" in text


def test_an_image_is_reported_with_its_entry_and_position(english):
    _, result = english
    assert "could not be carried over" in result.output
    assert "an image (Picture 1) — entries/2023-08-04.md, under 'Friday, 4 August', after paragraph 1" in result.output


def test_the_built_site_shows_the_table_and_the_lists(english, tmp_path):
    out, _ = english
    site = tmp_path / "site"
    assert run_cli("build", str(out), "--out", str(site), "--no-search").exit_code == 0
    page = (site / "en" / "entries" / "2023-08-02" / "index.html").read_text(encoding="utf-8")
    assert "<table" in page and "<td>Households evacuated</td>" in page
    assert "<ol" in (site / "en" / "entries" / "2023-08-05" / "index.html").read_text(encoding="utf-8")
    noted = (site / "en" / "entries" / "2023-08-09" / "index.html").read_text(encoding="utf-8")
    assert 'href="#fn:1"' in noted and ENGLISH_FOOTNOTE in noted


def test_html_tables_lists_and_emphasis_and_what_is_dropped(tmp_path):
    out = tmp_path / "de"
    result = run_cli("import", str(german_html(tmp_path / "tagebuch.html")), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "| Zahl | Wert | Bemerkung |" in body(out, "2023-06-06")
    assert "**Pfarrer Peter Vogel**" in body(out, "2023-06-06")
    assert "- Feldbetten\n    - zwölf vom Roten Kreuz\n- ein Wasserkocher, der funktioniert" in body(out, "2023-06-07")
    assert "*Frau Dr. Schulz*" in body(out, "2023-06-08")
    assert "an image (Die Brücke am Morgen) — entries/2023-06-07.md" in result.output
    assert "an embedded frame (https://karten.example/pegel) — entries/2023-06-08.md" in result.output
    assert "tracking" not in body(out, "2023-06-05") and "Startseite" not in (out / "pages" / "preface.md").read_text()


def test_markdown_tables_and_lists_in_a_text_file_keep_their_lines(tmp_path):
    out = tmp_path / "fr"
    assert run_cli("import", str(french_text(tmp_path / "journal.txt")), "-o", str(out)).exit_code == 0
    assert "| Chiffre | Valeur | Remarque |\n| --- | --- | --- |\n| Foyers évacués | 18 | rue du Moulin |" in body(out, "2023-10-17")
    assert "- des couvertures de la mairie\n- des lits de camp\n" in body(out, "2023-10-18")


def test_a_markdown_image_is_reported(tmp_path):
    source = tmp_path / "diary.md"
    source.write_text("# Diary\n\n## 2023-08-01\n\nThe river rose over the weir and the lane was under water by six.\n\n"
                      "![The bridge](photos/bridge.jpg)\n", encoding="utf-8")
    result = run_cli("import", str(source), "-o", str(tmp_path / "out"), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "an image (photos/bridge.jpg)" in result.output and "entries/2023-08-01.md" in result.output
