"""Limits: content beyond what chronicle handles is an error at its file and line, never a traceback,
a hang or a silent loss (issue #14).

Each case is built through the CLI like the catalogue's (tests/catalogue/test_bad_input.py): the exact
diagnostics, the exit code, and the site built before left byte for byte as it was. The classes:
years outside 1000-2999 (or chronicle.yaml's 'dates:') anywhere a date is written, a year far from
the other entries, figures that YAML reads as something else (3,730 / 3 730 / 1e5 / 3.730 / .nan /
1e400 / 400 digits), invisible control characters however they are written, and Markdown that
Python-Markdown would take minutes over or recurse too deep on. Then the writers' own defence:
characters XML cannot hold never reach feed.xml, the sitemap, the ICS calendar or a Word file.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import pytest

import tests.catalogue.test_bad_input as catalogue
from chronicle.build import build
from chronicle.content import source, yamlio
from tests.conftest import run_cli, write_tree

Case, ZH = catalogue.Case, catalogue.ZH
reference_site = catalogue.reference_site  # the fixture: a site built before the bad content arrives

STATS = "- id: evacuees\n  label: 撤离人数\n"
INVISIBLE = ("    delete it: it shows as nothing, and feeds and Word files cannot hold it "
             "(it often comes with text copied out of Word, a PDF or a terminal)")
SPLIT_HINT = "    separate paragraphs, headings and lists with blank lines"
BRACKET_HINT = "    close each '[' with ']'; write \\[ for a bracket that is only a bracket"
NESTED = ("lists or quotes are nested more than 32 levels deep here\n    a list inside a list inside a list… is hard "
          "to read at a few levels, and past 32 cannot be shown; for code, indent with fewer spaces")


def entry(front: str = "", body: str = "正文。\n", day: str = "2020-01-01") -> str:
    return f"---\ndate: {day}\n{front}---\n{body}"


def figure(value: str) -> dict:
    return {"stats.yaml": STATS, "entries/2020-01-01.md": entry(f"stats:\n  - stat: evacuees\n    value: {value}\n")}


def supported(year: str, written: str, guess: str) -> str:
    return (f"the year {year} (in {written}) is outside the years chronicle supports, 1000 to 2999\n"
            f"    did you mean {guess}?")


def text_not_number(written: str, hint: str) -> str:
    return f"entries/2020-01-01.md:5: error: 'value': '{written}' is read as text, not as a number\n    {hint}"


def too_large(written: str, hint: str) -> str:
    return (f"entries/2020-01-01.md:5: error: 'value': {written} is too large: figures up to ±10^15 "
            f"(a million billion) are supported\n    {hint}")


CASES = [
    # ---------------------------------------------------------------- years: entry names, dates, roles, phases, report
    Case("year-0000-in-entry", {"entries/0000-01-25.md": entry(day="0000-01-25")}, [
        "entries/0000-01-25.md:2: error: 'date': " + supported("0000", "0000-01-25", "2000 or 1000")]),
    Case("year-9999-in-entry", {"entries/9999-12-31.md": entry(day="9999-12-31")}, [
        "entries/9999-12-31.md:2: error: 'date': " + supported("9999", "9999-12-31", "1999 or 2999")]),
    Case("year-0000-in-file-name-only", {"entries/0000-01-25.md": entry(day="2020-01-25")}, [
        "entries/0000-01-25.md:2: error: date 2020-01-25 does not agree with the file name's date 0000-01-25\n"
        "    rename the file or correct the date"]),
    Case("year-9999-in-role", {"people.yaml": "- id: yang\n  name: 杨趣玲\n  roles:\n    - title: 站长\n      from: 9999-12\n"}, [
        "people.yaml:5: error: 'from': " + supported("9999", "9999-12", "1999 or 2999")]),
    Case("year-0000-in-role", {"people.yaml": "- id: yang\n  name: 杨趣玲\n  roles:\n    - title: 站长\n      from: 0000\n"}, [
        "people.yaml:5: error: 'from': " + supported("0000", "0000", "2000 or 1000")]),
    Case("year-0202-in-phase", {}, [
        "chronicle.yaml:4: error: 'from': " + supported("0202", "0202-01-01", "2002 or 2020 or 2200")],
        config=ZH + "phases:\n  - {id: a, name: 甲, from: 0202-01-01, to: 2020-02-01}\n"),
    Case("report-date-3000", {}, [
        "chronicle.yaml:3: error: 'date': " + supported("3000", "3000-01-01", "2000 or 1000")],
        config=ZH + "report: {date: 3000-01-01}\n"),
    Case("dates-narrowed-in-chronicle-yaml", {"entries/0202-01-02.md": entry(day="0202-01-02")}, [
        "entries/0202-01-02.md:2: error: 'date': the year 0202 (in 0202-01-02) is outside the years chronicle.yaml "
        "allows ('dates:'), 2019 to 2023\n    did you mean 2020?"], config=ZH + "dates: {from: 2019, to: 2023}\n"),
    Case("dates-wider-than-supported", {}, [
        "chronicle.yaml:3: error: 'from': the year 900 is outside the years chronicle supports, 1000 to 2999\n"
        "    'dates' can narrow the range, not widen it"], config=ZH + "dates: {from: 900, to: 2020}\n"),
    Case("dates-backwards", {}, [
        "chronicle.yaml:3: error: 'dates': 'to' (2019) is before 'from' (2023)\n"
        "    write the earliest year under 'from' and the latest under 'to'"], config=ZH + "dates: {from: 2023, to: 2019}\n"),
    Case("year-far-from-the-rest", {"entries/2022-01-02.md": entry(day="2022-01-02"),
                                    "entries/2022-01-03.md": entry(day="2022-01-03"),
                                    "entries/2202-01-04.md": entry(day="2202-01-04")}, [
        "entries/2202-01-04.md:2: warning: the date 2202-01-04 is far from every other entry (2020–2022)\n"
        "    a typo for 2022-01-04 (rename the file to 2022-01-04.md and correct 'date:')? if the date is right, say "
        "which years the chronicle covers in chronicle.yaml, e.g. dates: {from: 2020, to: 2202}"], exit=0),

    # ---------------------------------------------------------------- figures as written
    Case("figure-comma-in-braces", {"stats.yaml": STATS,
                                    "entries/2020-01-01.md": entry("stats:\n  - {stat: evacuees, value: 3,730}\n")}, [
        "entries/2020-01-01.md:4: error: 3,730 was read as 3 and '730', because a comma separates the items in { }\n"
        "    write 3730 (no thousands separator); if it is text, put it in quotes"]),
    Case("figure-decimal-comma-in-braces", {"stats.yaml": STATS,
                                            "entries/2020-01-01.md": entry("stats:\n  - {stat: evacuees, value: 3,5}\n")}, [
        "entries/2020-01-01.md:4: error: 3,5 was read as 3 and '5', because a comma separates the items in { }\n"
        "    write 3.5 if the comma is a decimal comma; if it is text, put it in quotes"]),
    Case("figure-comma", figure("3,730"), [text_not_number("3,730", "write 3730, without the separator between the thousands")]),
    Case("figure-space", figure("3 730"), [text_not_number("3 730", "write 3730, without the separator between the thousands")]),
    Case("figure-exponent", figure("1e5"), [text_not_number("1e5", "write 100000")]),
    Case("figure-leading-zero", figure("0202"), [text_not_number("0202", "write 202, without the leading zero")]),
    Case("figure-nan", figure(".nan"), [
        "entries/2020-01-01.md:5: error: 'value': .nan is not a finite number\n    write the figure in digits, e.g. 3730"]),
    Case("figure-nan-word", figure("NaN"), [
        "entries/2020-01-01.md:5: error: 'value': 'NaN' is not a finite number\n    write the figure in digits, e.g. 3730"]),
    Case("figure-infinite", figure("1.0e+400"), [
        "entries/2020-01-01.md:5: error: 'value': 1.0e+400 is not a finite number\n    write the figure in digits, e.g. 3730"]),
    Case("figure-1e400", figure("1e400"), [too_large("1e400", "check the exponent")]),
    Case("figure-400-digits", figure("9" * 400), [
        too_large("999999999999… (400 characters)", "check for extra digits; write very large quantities in a larger unit")]),
    Case("figure-dot-grouped-in-german", figure("3.730"), [
        "entries/2020-01-01.md:5: error: 'value': 3.730 is read as the decimal 3.73, but this chronicle's languages "
        "also write it for 3730\n    write 3730 for the whole number, or 3.73 for the decimal"],
        config="title: Tagebuch\nlanguages: [de]\n"),

    # ---------------------------------------------------------------- invisible characters, however written
    Case("control-in-title", {"entries/2020-01-01.md": entry("title: 开\x01会\n")}, [
        "entries/2020-01-01.md:3: error: invisible character U+0001 (a control character) in column 9\n" + INVISIBLE]),
    Case("control-in-evidence-text", {"entries/2020-01-01.md": entry(body="正文。\n\n证言\x0b：我来。\n")}, [
        "entries/2020-01-01.md:6: error: invisible character U+000B (vertical tab) in column 3\n" + INVISIBLE]),
    Case("c1-control-in-text", {"entries/2020-01-01.md": entry(body="正文\x85。\n")}, [
        "entries/2020-01-01.md:4: error: invisible character U+0085 (next line) in column 3\n" + INVISIBLE]),
    Case("noncharacter-in-people", {"people.yaml": "- id: yang\n  name: 杨\ufffe趣玲\n"}, [
        "people.yaml:2: error: invisible character U+FFFE (a noncharacter) in column 10\n" + INVISIBLE]),
    Case("control-escaped-in-yaml", {"entries/2020-01-01.md": entry('title: "开\\x1f会"\n')}, [
        "entries/2020-01-01.md:3: error: text contains the invisible character U+001F (a control character)\n"
        "    take the escape (\\x.., \\u....) for it out of the quoted text"]),
    Case("control-as-character-reference", {"entries/2020-01-01.md": entry(body="正文。\n\n证言&#1;。\n")}, [
        "entries/2020-01-01.md:6: error: a character reference stands for the invisible character U+0001 "
        "(a control character)\n    delete it; it shows as nothing, and feeds and Word files cannot hold it"]),

    # ---------------------------------------------------------------- Markdown Python-Markdown cannot take
    Case("list-nested-too-deep", {"entries/2020-01-01.md": entry(body="正文。\n\n" + "".join("    " * i + "- a\n" for i in range(40)))}, [
        "entries/2020-01-01.md:38: error: " + NESTED]),
    Case("quotes-nested-too-deep", {"entries/2020-01-01.md": entry(body="正文。\n\n" + "> " * 40 + "a\n")}, [
        "entries/2020-01-01.md:6: error: " + NESTED]),
    Case("brackets-40kb", {"entries/2020-01-01.md": entry(body="正文。\n\n" + "[" * 40000 + "\n")}, [
        "entries/2020-01-01.md:6: error: '[[' is never closed (20,000 times in this text)\n"
        "    write a mention as [[person-id]] or [[person-id|text]]",
        "entries/2020-01-01.md:6: error: this paragraph has 40,000 formatting marks (* _ ` [ < & \\) without a blank "
        "line between them, too many for one paragraph: showing it would take too long\n" + SPLIT_HINT]),
    Case("image-brackets-40kb", {"entries/2020-01-01.md": entry(body="正文。\n\n" + "![" * 20000 + "\n")}, [
        "entries/2020-01-01.md:6: error: this paragraph has 20,000 formatting marks (* _ ` [ < & \\) without a blank "
        "line between them, too many for one paragraph: showing it would take too long\n" + SPLIT_HINT]),
    Case("unclosed-brackets-in-many-paragraphs", {"entries/2020-01-01.md": entry(body="正文。\n\n" + ("![a" * 150 + "\n\n") * 100)}, [
        "entries/2020-01-01.md:6: error: this paragraph has 150 '[' that are never closed or are nested deep: "
        "showing them would take too long\n" + BRACKET_HINT]),
    Case("unclosed-tags", {"entries/2020-01-01.md": entry(body="正文。\n\n" + "a<b\n\n" * 3000)}, [
        "entries/2020-01-01.md:6: error: 3,000 '<' look like the start of HTML tags but are not closed with '>': "
        "showing them would take too long\n    write &lt; for a '<' that is only a less-than sign"]),
    Case("definitions-in-a-chain", {"entries/2020-01-01.md": entry(body="正文。\n\n" + "a\n:   b\n" * 200)}, [
        "entries/2020-01-01.md:6: error: this paragraph has 200 definition lines (': …'); the limit is 150\n"
        "    separate the terms with blank lines"]),
    Case("headings-without-blank-lines", {"entries/2020-01-01.md": entry(body="正文。\n\n" + "# a\n" * 600)}, [
        "entries/2020-01-01.md:6: error: this paragraph has 600 headings or rules without a blank line between them, "
        "too many for one paragraph: showing it would take too long\n" + SPLIT_HINT]),
    Case("yaml-nested-100000-deep", {"entries/2020-01-01.md": entry("title: " + "[" * 100000 + "\n")}, [
        "entries/2020-01-01.md:3: error: YAML is nested more than 64 levels deep\n"
        "    content files need a few levels at most; check the brackets and indentation"]),

    # ---------------------------------------------------------------- link problems at the link's own line
    Case("links-at-their-own-lines", {"entries/2020-01-01.md": entry(body="正文。\n\n第二段\n[照片](media/a.jpg)\n\n"
                                                                         "- 一\n- ![图](media/b.png)\n")}, [
        "entries/2020-01-01.md:7: error: 'media/a.jpg' is not a file in media/\n"
        "    put the file in the content folder's media/ and link it as media/NAME",
        "entries/2020-01-01.md:10: error: 'media/b.png' is not a file in media/\n"
        "    put the file in the content folder's media/ and link it as media/NAME"]),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_limit(case, tmp_path, reference_site):
    catalogue.test_bad_input(case, tmp_path, reference_site)


def test_the_case_names_are_unique_and_new():
    ids = [c.id for c in CASES]
    assert len(set(ids)) == len(ids)
    assert not set(ids) & {c.id for c in catalogue.CASES}


def test_a_figure_like_3_730_is_a_decimal_where_no_language_groups_with_a_point(tmp_path):
    content = write_tree(tmp_path / "content", {"chronicle.yaml": ZH, "stats.yaml": STATS,
                                                "entries/2020-01-01.md": entry("stats:\n  - {stat: evacuees, value: 3.730}\n")})
    result = run_cli("check", str(content), "--format", "json")
    assert result.exit_code == 0, result.output
    build(content, tmp_path / "public", search=False, with_reports=False)
    assert '"value":3.73}' in (tmp_path / "public/data/chronicle.json").read_text(encoding="utf-8")


def test_new_entry_refuses_a_year_outside_the_range(tmp_path):
    content = write_tree(tmp_path / "content", {"chronicle.yaml": ZH + "dates: {from: 2019, to: 2023}\n"})
    for day, message in (("9999-12-31", "the year 9999 (in 9999-12-31) is outside the years chronicle supports"),
                         ("2030-01-01", "the year 2030 (in 2030-01-01) is outside the years chronicle.yaml allows")):
        result = run_cli("new", "entry", day, str(content))
        assert result.exit_code == 1 and message in result.output, result.output
    assert not (content / "entries").exists()


def test_the_ends_of_the_range_build_with_lunar_dates_and_reports(tmp_path):
    """Both ends of 1000-2999 go through every writer: lunar dates (Julian-calendar years before 1583
    included), charts over centuries, ICS, TimelineJS, and Word, whose zip stamps stop at 2107."""
    content = write_tree(tmp_path / "content", {
        "chronicle.yaml": ZH + "lunar_calendar: true\nreport: {date: 2999-12-31}\n",
        "people.yaml": "- id: yang\n  name: 杨趣玲\n  roles:\n    - {title: 站长, from: 1000-01, to: 2999-12}\n",
        "stats.yaml": STATS,
        "commendations.yaml": "categories:\n  - id: a\n    name: 甲\n    awards:\n      - person: yang\n"
                              "        citation: 好。\n        evidence: [1000-01-01, 2999-12-31]\n",
        "entries/1000-01-01.md": entry("stats:\n  - {stat: evacuees, value: 1}\n", "[[yang]]千年。\n", "1000-01-01"),
        "entries/1500-02-28.md": entry(body="正文。\n", day="1500-02-28"),
        "entries/2999-12-31.md": entry("stats:\n  - {stat: evacuees, value: 2}\n", "[[yang]]末年。\n", "2999-12-31"),
    })
    out = tmp_path / "public"
    build(content, out, search=False)
    assert "1000" in (out / "zh/entries/1000-01-01/index.html").read_text(encoding="utf-8")
    assert "DTSTART;VALUE=DATE:29991231" in (out / "data/chronicle.ics").read_text(encoding="utf-8")
    result = run_cli("report", "commendations", str(content), "--format", "docx", "-o", str(tmp_path / "r.docx"))
    assert result.exit_code == 0, result.output
    import docx
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "r.docx")).paragraphs)
    assert "2999" in text


# ---------------------------------------------------------------------------- the writers' own defence


@pytest.fixture
def unguarded(monkeypatch):
    """Readers that let invisible characters through, to prove the writers never emit them."""
    monkeypatch.setattr(source, "find_forbidden", lambda text: None)
    monkeypatch.setattr(yamlio, "FORBIDDEN", re.compile("(?!)"))


def test_xml_writers_never_write_a_character_xml_cannot_hold(tmp_path, unguarded):
    quoted = '"开\\x01会\\x0b\\uFFFE"'   # YAML escapes: libyaml itself refuses these characters written raw
    content = write_tree(tmp_path / "content", {
        "chronicle.yaml": f"title: {quoted}\nlanguages: [zh]\nbase_url: https://example.org/d/\n",
        "people.yaml": "- id: yang\n  name: 杨趣玲\n",
        "commendations.yaml": f"categories:\n  - id: a\n    name: {quoted}\n    awards:\n      - person: yang\n"
                              f"        citation: {quoted}\n        evidence: [2020-01-01]\n",
        "entries/2020-01-01.md": entry(f"title: {quoted}\n", "[[yang]]证言。\n"),
    })
    out = tmp_path / "public"
    build(content, out, search=False)
    feed = ET.parse(out / "zh/feed.xml").getroot()   # a feed reader drops a feed that does not parse
    atom = "{http://www.w3.org/2005/Atom}"
    assert feed.find(f"{atom}title").text == "开会"
    assert feed.find(f"{atom}entry/{atom}title").text == "开会"
    ET.parse(out / "sitemap.xml")
    ics = (out / "data/chronicle.ics").read_text(encoding="utf-8")
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe]", ics)
    assert "SUMMARY;LANGUAGE=zh-CN:开会" in ics
    result = run_cli("report", "commendations", str(content), "--format", "docx", "-o", str(tmp_path / "r.docx"))
    assert result.exit_code == 0, result.output
    import docx
    text = "\n".join(p.text for p in docx.Document(io.BytesIO((tmp_path / "r.docx").read_bytes())).paragraphs)
    assert "开会" in text and "\x01" not in text


def test_a_character_reference_to_a_control_character_is_dropped_from_the_html():
    from chronicle.markup import render_body
    blocks, problems = render_body("正文。\n\n证言&#1;&#x0B;。\n", 4, "zh", resolve=lambda key: (None, ""),
                                   people_links={}, names=None, autolink=False, media=set())
    assert [(p.line, p.level) for p in problems] == [(6, "error")]
    assert blocks[1].html == '<p id="p-2">证言。</p>'
