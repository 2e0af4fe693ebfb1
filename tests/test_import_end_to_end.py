"""Each test diary imported and built end to end: the site reads as its own language, with one language only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import run_cli
from tests.diaries import english_docx, french_text, german_html

DIARIES = {"en": (english_docx, "diary.docx"), "fr": (french_text, "journal.txt"), "de": (german_html, "tagebuch.html")}
INTERFACE = {"en": "Timeline", "fr": "Chronologie", "de": "Zeitleiste"}
LUNAR = re.compile(r'class="lunar"|class="festival|农历|正月|腊月')


def pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}


def visible(html: str) -> str:
    """The text a reader sees: no tags, no attribute values, no scripts."""
    html = re.sub(r"<script.*?</script>|<style.*?</style>|<svg.*?</svg>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.fixture(scope="module", params=sorted(DIARIES))
def built(request, tmp_path_factory):
    lang = request.param
    make, name = DIARIES[lang]
    folder = tmp_path_factory.mktemp(lang)
    out = folder / "mydiary"
    imported = run_cli("import", str(make(folder / name)), "-o", str(out))
    assert imported.exit_code == 0, imported.output
    people = yaml.safe_load((out / "people.yaml").read_text(encoding="utf-8"))
    people[0]["groups"] = ["fire-service", "parish-council"]
    (out / "people.yaml").write_text(yaml.safe_dump(people, allow_unicode=True), encoding="utf-8")
    site = folder / "site"
    result = run_cli("build", str(out), "--out", str(site))
    assert result.exit_code == 0, result.output
    return lang, out, site, imported, result, people[0]


def test_the_import_says_and_writes_the_detected_language(built):
    lang, out, _, imported, _, _ = built
    config = yaml.safe_load((out / "chronicle.yaml").read_text(encoding="utf-8"))
    assert config["languages"] == [lang] and config["lunar_calendar"] is False and list(config["title"]) == [lang]
    assert f"({lang}), detected from the text" in imported.output and "--lang" in imported.output
    preface = yaml.safe_load((out / "pages" / "preface.md").read_text(encoding="utf-8").split("---")[1])
    assert preface["title"] == {"en": "Preface", "fr": "Préface", "de": "Vorwort"}[lang]


def test_a_one_language_site_in_its_own_language(built):
    lang, _, site, _, result, _ = built
    html = pages(site)
    assert f"{lang}/index.html" in html and not any(p.startswith(("zh/", "en/")) for p in html if lang != "en"
                                                     and p.split("/")[0] in ("zh", "en"))
    for path, page in html.items():
        if path == "index.html":
            continue
        assert f'<html lang="{lang}">' in page, path
        assert "、" not in page and 'lang="zh' not in page, path
        assert not LUNAR.search(page), path
    warnings = [line for line in result.output.splitlines() if ": warning: " in line]
    assert [w.split(": warning: ")[1][:14] for w in warnings] == ["no sitemap.xml"], "only: no base_url yet"
    home = html[f"{lang}/index.html"]
    assert f">{INTERFACE[lang]}</a>" in home, "the interface speaks the diary's language"


def test_the_entry_date_line_reads_as_the_language_writes_it(built):
    lang, _, site, _, _, _ = built
    entry = sorted((site / lang / "entries").iterdir())[0] / "index.html"
    meta = re.search(r'<p class="meta".*?</p>', entry.read_text(encoding="utf-8"), re.S).group(0)
    words = re.sub(r"\s+", " ", visible(meta)).strip()
    expected = {"en": "Monday, October 16, 2023", "fr": "lundi 16 octobre 2023", "de": "Montag, 5. Juni 2023"}
    if lang == "en":
        assert words.startswith("Tuesday, August 1, 2023 · "), words
    else:
        assert words.startswith(expected[lang] + " · "), words


def test_groups_read_as_words_never_as_ids(built):
    lang, out, site, _, _, person = built
    profile = (site / lang / "people" / person["id"] / "index.html").read_text(encoding="utf-8")
    assert "Fire service" in visible(profile) and "fire-service" not in visible(profile)
    assert "parish-council" not in visible((site / lang / "people" / "index.html").read_text(encoding="utf-8"))


def test_aliases_are_joined_the_languages_way(built):
    lang, _, site, _, _, person = built
    profile = (site / lang / "people" / person["id"] / "index.html").read_text(encoding="utf-8")
    aliases = re.search(r'<p class="aliases">.*?</p>', profile, re.S).group(0)
    assert "、" not in aliases and ", " in visible(aliases)
