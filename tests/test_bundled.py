"""The bundled Community 25 diary: complete, faithful, and built without a warning."""

import json
import re
from pathlib import Path

import pytest

from chronicle.build import build, check
from chronicle.chinese.lunar import check_lunar, check_weekday
from chronicle.graph.people import matchable_names
from tests.conftest import FIXTURES, ROOT

CONTENT = ROOT / "content"
SEED = ROOT.parent / "shared" / "seeds" / "000_77ef01926021eec8.txt"


def expected_text() -> dict:
    """The seed's paragraphs per date: from the seed when it is there, else the kept copy."""
    kept = json.loads((FIXTURES / "seed_expected.json").read_text(encoding="utf-8"))
    if SEED.exists():
        paragraphs = [p.strip() for p in re.findall(r"<p>(.*?)</p>", SEED.read_text(encoding="utf-8"), re.S)]
        fresh, current = {"preface": []}, "preface"
        for p in paragraphs:
            m = re.match(r"^(\d+)月(\d+)日", p)
            if m:
                current = f"2020-{int(m[1]):02d}-{int(m[2]):02d}"
                fresh[current] = []
            else:
                fresh[current].append(p)
        assert fresh == kept, "the kept copy of the seed text is out of date"
    return kept


@pytest.fixture(scope="module")
def graph():
    g, report = check(CONTENT)
    assert g is not None, [d.format() for d in report.items]
    assert report.items == [], [d.format() for d in report.items]
    return g


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("bundled") / "public"
    result = build(CONTENT, out)
    # the bundled diary has no web address of its own: the one thing said is that no sitemap is written
    assert [d.message for d in result.report.items] == [
        "no sitemap.xml: a sitemap lists full web addresses, and chronicle.yaml has no base_url"]
    return out


def body_paragraphs(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    return [p.strip() for p in body.split("\n\n") if p.strip()]


def test_22_entries_and_the_preface_each_translated(graph):
    assert len(graph.entries) == 22
    assert graph.entries[0].stem == "2020-01-23" and graph.entries[-1].stem == "2020-03-08"
    for node in graph.entries:
        assert node.versions["en"].translated, node.stem
        assert node.model.title.has("zh") and node.model.title.has("en"), node.stem
    preface = next(p for p in graph.pages if p.stem == "preface")
    assert preface.versions["en"].translated
    assert any(p.stem == "glossary" and p.versions["en"].translated for p in graph.pages)


def test_chinese_text_is_the_seed_verbatim_paragraph_for_paragraph():
    expected = expected_text()
    stems = sorted(p.stem for p in (CONTENT / "entries").glob("2020-??-??.md"))
    assert stems == sorted(k for k in expected if k != "preface")
    for stem in stems:
        assert body_paragraphs(CONTENT / "entries" / f"{stem}.md") == expected[stem], stem
    assert body_paragraphs(CONTENT / "pages" / "preface.md") == expected["preface"]


def test_translations_keep_the_paragraphs_aligned():
    for source in sorted((CONTENT / "entries").glob("2020-??-??.md")):
        translation = source.with_suffix(".en.md")
        assert len(body_paragraphs(translation)) == len(body_paragraphs(source)), source.name


def test_every_person_is_mentioned(graph):
    assert len(graph.people) >= 45
    assert [p.person.id for p in graph.people if not p.entries] == []


def test_every_annotation_agrees_with_its_date(graph):
    annotated = 0
    for node in graph.entries:
        if node.model.weekday:
            assert check_weekday(node.model.weekday, node.date) is None
            annotated += 1
        if node.model.lunar:
            assert check_lunar(node.model.lunar, node.date) is None
    assert annotated == 22
    assert graph.entry_by_stem["2020-02-08"].model.lunar == "正月十五"


def test_every_name_and_alias_in_the_text_is_linked(graph, site):
    for node in graph.entries:
        html = (site / "zh" / "entries" / node.stem / "index.html").read_text(encoding="utf-8")
        prose = html.split('<div class="prose"', 1)[1].split("</div>", 1)[0]
        unlinked = re.sub(r"<a [^>]*>.*?</a>", "", prose)
        for person in graph.people:
            for name in matchable_names(person.person):
                assert name not in unlinked, f"{name} is not linked in {node.stem}"


def test_key_pages_show_what_the_diary_says(site):
    entry = (site / "zh/entries/2020-02-08/index.html").read_text(encoding="utf-8")
    assert "正月十五" in entry and "元宵节" in entry
    assert '<a class="mention" href="../../people/huang-shaohui/">黄书记</a>' in entry
    timeline = (site / "en/timeline/index.html").read_text(encoding="utf-8")
    assert "Lantern Festival" in timeline and "Chinese New Year" in timeline
    profile = (site / "en/people/huang-shaohui/index.html").read_text(encoding="utf-8")
    assert "Huang Shaohui" in profile and "2020-02-05" in profile
