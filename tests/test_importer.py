"""`chronicle import`: a diary document (HTML, Word, text, Markdown) becomes a content folder."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import yaml

from chronicle.importer import find_names, people_yaml
from chronicle.importer.headings import parse_heading
from tests.conftest import FIXTURES, ROOT, run_cli

CONTENT = ROOT / "content"
SEED_COPY = FIXTURES / "seed.html"
SHARED_SEED = ROOT.parent / "shared" / "seeds" / "000_77ef01926021eec8.txt"


def split(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), path
    front, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(front) or {}, body


def imported(tmp_path: Path, source: Path, *args: str) -> tuple[Path, object]:
    out = tmp_path / "imported"
    result = run_cli("import", str(source), "-o", str(out), *args)
    return out, result


@pytest.fixture(scope="module")
def seed_import(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed") / "content"
    result = run_cli("import", str(SEED_COPY), "-o", str(out))
    assert result.exit_code == 0, result.output
    return out, result


# --- the seed diary ----------------------------------------------------------------------

def test_the_kept_seed_copy_is_the_seed():
    if SHARED_SEED.exists():  # the copy in tests/fixtures is what every run uses
        assert SEED_COPY.read_bytes() == SHARED_SEED.read_bytes()


def test_seed_import_reproduces_the_bundled_chinese_text_exactly(seed_import):
    out, _ = seed_import
    bundled = sorted(p.name for p in (CONTENT / "entries").glob("2020-??-??.md"))
    assert sorted(p.name for p in (out / "entries").glob("*.md")) == bundled
    for name in bundled:
        want_front, want_body = split(CONTENT / "entries" / name)
        got_front, got_body = split(out / "entries" / name)
        assert got_body == want_body, name
        for key in ("date", "weekday", "lunar"):
            assert str(got_front.get(key)) == str(want_front.get(key)), (name, key)
        assert set(got_front) <= {"date", "weekday", "lunar"}, name
    want_front, want_body = split(CONTENT / "pages" / "preface.md")
    got_front, got_body = split(out / "pages" / "preface.md")
    assert got_body == want_body
    assert got_front == {"title": "前言"}


def test_seed_import_infers_2020_and_prints_what_it_wrote(seed_import):
    out, result = seed_import
    assert "22 dated headings, 2020-01-23 … 2020-03-08" in result.output
    assert "year 2020 inferred from 22 weekdays and 6 lunar dates" in result.output
    assert f"wrote {out}/entries/2020-01-23.md" in result.output
    assert f"wrote {out}/pages/preface.md" in result.output
    assert f"wrote {out}/chronicle.yaml" in result.output
    config = yaml.safe_load((out / "chronicle.yaml").read_text(encoding="utf-8"))
    assert config["languages"] == ["zh"] and config["lunar_calendar"] is True


def test_seed_import_passes_chronicle_check(seed_import):
    out, _ = seed_import
    result = run_cli("check", str(out))
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output


def test_proposed_people_are_marked_for_checking(seed_import):
    out, result = seed_import
    text = (out / "people.yaml").read_text(encoding="utf-8")
    people = yaml.safe_load(text)
    names = {p["name"] for p in people}
    assert {"杨趣玲", "黄绍辉", "张庆新", "李云"} <= names
    items = [line for line in text.splitlines() if line.startswith("- ")]
    assert len(items) == len(people) >= 20
    assert all("# check" in line for line in items)
    huang = next(p for p in people if p["name"] == "黄绍辉")
    assert "黄书记" in huang.get("aliases", [])
    assert re.search(r"wrote .*people\.yaml \(\d+ names to check\)", result.output)
    # Not a person: common words that begin with a surname character are left out.
    assert not names & {"马上", "时间", "方便", "任务", "关心", "高烧"}


# --- other formats ------------------------------------------------------------------------

def test_docx_with_headings_and_a_title(tmp_path):
    import docx  # python-docx, a dependency of chronicle
    document = docx.Document()
    document.add_heading("社区日记", 0)
    document.add_paragraph("写在前面的话。")
    document.add_heading("1月23日 星期四 大年二十九", 2)
    document.add_paragraph("  晚上开会,公益岗杨趣玲来了。 ")
    document.add_paragraph("杨趣玲说:“我来”。")
    document.add_paragraph("2月8日 星期六 正月十五")
    document.add_paragraph("今天是元宵节。")
    source = tmp_path / "diary.docx"
    document.save(str(source))
    out, result = imported(tmp_path, source)
    assert result.exit_code == 0, result.output
    front, body = split(out / "entries" / "2020-01-23.md")
    assert front == {"date": _d("2020-01-23"), "weekday": "星期四", "lunar": "大年二十九"}
    assert body == "晚上开会,公益岗杨趣玲来了。\n\n杨趣玲说:“我来”。\n"
    assert split(out / "entries" / "2020-02-08.md")[1] == "今天是元宵节。\n"
    assert split(out / "pages" / "preface.md")[1] == "写在前面的话。\n"
    assert "title: {zh: 社区日记}" in (out / "chronicle.yaml").read_text(encoding="utf-8")


def test_text_file_with_full_chinese_dates(tmp_path):
    source = tmp_path / "diary.txt"
    source.write_text("2020年1月23日\n  晚上开会。\n大家都来了。\n2020年1月25日 星期六\n拜年。\n", encoding="utf-8")
    out, result = imported(tmp_path, source)
    assert result.exit_code == 0, result.output
    assert "years as written in the headings" in result.output
    assert split(out / "entries" / "2020-01-23.md") == ({"date": _d("2020-01-23")}, "晚上开会。\n\n大家都来了。\n")
    front, body = split(out / "entries" / "2020-01-25.md")
    assert front["weekday"] == "星期六" and body == "拜年。\n"
    assert not (out / "pages").exists()


def test_english_file_with_month_names(tmp_path):
    source = tmp_path / "diary.txt"
    source.write_text(textwrap.dedent("""\
        January 23, 2020

        At 22:30 the street office called
        an emergency meeting.

        Everyone went back to work.

        Saturday, January 25, 2020

        New Year's Day.
        """), encoding="utf-8")
    out, result = imported(tmp_path, source, "--lang", "en")
    assert result.exit_code == 0, result.output
    front, body = split(out / "entries" / "2020-01-23.md")
    assert body == "At 22:30 the street office called an emergency meeting.\n\nEveryone went back to work.\n"
    assert split(out / "entries" / "2020-01-25.md")[0]["weekday"] == "Saturday"
    assert not (out / "people.yaml").exists()  # the name finder is for Chinese text
    assert run_cli("check", str(out)).exit_code == 0


def test_markdown_file_keeps_markdown(tmp_path):
    source = tmp_path / "diary.md"
    source.write_text("# 我的日记\n\n## 2020-01-23 星期四\n\n- 开会\n- 值班\n\n**很累**。\n", encoding="utf-8")
    out, result = imported(tmp_path, source)
    assert result.exit_code == 0, result.output
    front, body = split(out / "entries" / "2020-01-23.md")
    assert body == "- 开会\n- 值班\n\n**很累**。\n"
    assert "我的日记" in (out / "chronicle.yaml").read_text(encoding="utf-8")


def test_two_headings_on_one_date_make_two_entries(tmp_path):
    source = tmp_path / "diary.txt"
    source.write_text("2020年1月23日\n上午。\n2020年1月23日\n晚上。\n", encoding="utf-8")
    out, result = imported(tmp_path, source)
    assert result.exit_code == 0, result.output
    assert split(out / "entries" / "2020-01-23.md")[1] == "上午。\n"
    assert split(out / "entries" / "2020-01-23-2.md") == ({"date": _d("2020-01-23")}, "晚上。\n")
    assert run_cli("check", str(out)).exit_code == 0


# --- the year ---------------------------------------------------------------------------

def test_year_inferred_from_weekday_and_lunar(tmp_path):
    source = tmp_path / "diary.txt"
    source.write_text("1月23日 星期四 大年二十九\n开会。\n2月8日 星期六 正月十五\n元宵。\n", encoding="utf-8")
    out, result = imported(tmp_path, source)
    assert result.exit_code == 0, result.output
    assert "year 2020 inferred" in result.output
    assert (out / "entries" / "2020-02-08.md").is_file()


def test_ambiguous_year_asks_for_year(tmp_path):
    source = tmp_path / "diary.txt"
    source.write_text("1月23日 星期四\n开会。\n", encoding="utf-8")
    out, result = imported(tmp_path, source)
    assert result.exit_code == 1
    assert "the year is ambiguous" in result.output and "2020" in result.output
    assert "--year" in result.output
    assert "Traceback" not in result.output and not out.exists()
    out, result = imported(tmp_path, source, "--year", "2020")
    assert result.exit_code == 0, result.output
    assert "year 2020 as given with --year" in result.output


def test_no_year_at_all_asks_for_year(tmp_path):
    source = tmp_path / "diary.txt"
    source.write_text("1月23日\n开会。\n", encoding="utf-8")
    result = imported(tmp_path, source)[1]
    assert result.exit_code == 1
    assert "no weekday or lunar date" in result.output and "--year" in result.output


def test_headings_that_disagree_name_the_odd_one(tmp_path):
    source = tmp_path / "diary.txt"
    source.write_text("1月23日 星期五 大年二十九\n开会。\n1月24日 星期五 除夕\n除夕。\n", encoding="utf-8")
    result = imported(tmp_path, source)[1]
    assert result.exit_code == 1
    assert "most fit 2020" in result.output
    assert "line 1: 1月23日 星期五 大年二十九" in result.output and "Thursday" in result.output


def test_the_diary_may_cross_new_year(tmp_path):
    source = tmp_path / "diary.txt"
    source.write_text("12月31日 星期二\n跨年。\n1月1日 星期三\n元旦。\n", encoding="utf-8")
    out, result = imported(tmp_path, source, "--year", "2019")
    assert result.exit_code == 0, result.output
    assert (out / "entries" / "2019-12-31.md").is_file() and (out / "entries" / "2020-01-01.md").is_file()


def test_wrong_year_is_reported_as_a_warning(tmp_path):
    source = tmp_path / "diary.txt"
    source.write_text("1月23日 星期四\n开会。\n", encoding="utf-8")
    result = imported(tmp_path, source, "--year", "2021")[1]
    assert result.exit_code == 0
    assert "warning: line 1: 1月23日 星期四: weekday: 星期四, but 2021-01-23 is a Saturday" in result.output


# --- never overwrite ----------------------------------------------------------------------

def test_existing_files_are_skipped_unless_force(tmp_path):
    out, result = imported(tmp_path, SEED_COPY)
    assert result.exit_code == 0
    entry = out / "entries" / "2020-01-23.md"
    entry.write_text(entry.read_text(encoding="utf-8") + "\n我加的一段。\n", encoding="utf-8")
    (out / "people.yaml").write_text("- name: 杨趣玲\n", encoding="utf-8")
    (out / "chronicle.yaml").write_text("title: 我的标题\nlanguages: [zh]\n", encoding="utf-8")

    again = run_cli("import", str(SEED_COPY), "-o", str(out))
    assert again.exit_code == 0
    assert f"skipped {out}/entries/2020-01-23.md: it exists (use --force to overwrite)" in again.output
    assert "Imported 0 of 22 entries" in again.output
    assert "我加的一段" in entry.read_text(encoding="utf-8")
    assert (out / "people.yaml").read_text(encoding="utf-8") == "- name: 杨趣玲\n"

    forced = run_cli("import", str(SEED_COPY), "-o", str(out), "--force")
    assert forced.exit_code == 0
    assert "我加的一段" not in entry.read_text(encoding="utf-8")
    assert "Imported 22 of 22 entries" in forced.output
    assert "黄绍辉" in (out / "people.yaml").read_text(encoding="utf-8")
    # chronicle.yaml is the writer's: never replaced, even with --force.
    assert "我的标题" in (out / "chronicle.yaml").read_text(encoding="utf-8")
    assert f"kept {out}/chronicle.yaml" in forced.output


def test_a_file_without_dated_headings(tmp_path):
    source = tmp_path / "notes.txt"
    source.write_text("只是一些笔记。\n没有日期。\n", encoding="utf-8")
    result = imported(tmp_path, source)[1]
    assert result.exit_code == 1
    assert "no dated headings found" in result.output


def test_a_missing_file(tmp_path):
    result = run_cli("import", str(tmp_path / "nope.html"), "-o", str(tmp_path / "c"))
    assert result.exit_code == 1 and "no such file" in result.output


def test_a_gbk_text_file_is_read(tmp_path):
    source = tmp_path / "gbk.txt"
    source.write_bytes("2020年1月23日\n开会。\n".encode("gb18030"))
    out, result = imported(tmp_path, source)
    assert result.exit_code == 0, result.output
    assert split(out / "entries" / "2020-01-23.md")[1] == "开会。\n"


# --- pieces ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("1月23日 星期四 大年二十九", (1, 23, None, "星期四", "大年二十九", None)),
    ("2月8日 星期六 正月十五 ", (2, 8, None, "星期六", "正月十五", None)),
    ("2020年1月23日", (1, 23, 2020, None, None, None)),
    ("January 23, 2020", (1, 23, 2020, None, None, None)),
    ("Thursday, 23 January 2020 — A meeting", (1, 23, 2020, "Thursday", None, "A meeting")),
    ("2020-01-23 紧急会议", (1, 23, 2020, None, None, "紧急会议")),
    ("１月２３日 星期四", (1, 23, None, "星期四", None, None)),
])
def test_dated_headings(text, expected):
    h = parse_heading(text)
    assert h is not None
    assert (h.month, h.day, h.year, h.weekday, h.lunar, h.title) == expected


@pytest.mark.parametrize("text", ["3月25日,共收到12个党支部捐款", "截止3月25日", "1月23日晚上开会", "May we all stay well.",
                                  "2020年1月23日，我们开会讨论了很多事情。"])
def test_sentences_that_start_with_a_date_are_not_headings(text):
    assert parse_heading(text) is None


def test_name_finder_on_titles_and_repeats():
    texts = [("a", "物业站长张庆新来了。张站长说好。"), ("b", "公益岗杨趣玲值班,杨趣玲很累。马上就好,时间不多。")]
    found = {c.name: c for c in find_names(texts)}
    assert "张庆新" in found and found["张庆新"].aliases == ["张站长"] and found["张庆新"].titles == ["站长"]
    assert "杨趣玲" in found and found["杨趣玲"].count == 2 and found["杨趣玲"].where == ["b"]
    assert "马上" not in found and "时间" not in found
    text = people_yaml(list(found.values()), "x.txt")
    assert yaml.safe_load(text)[0]["aliases"] == ["张站长"]


def _d(iso: str):
    import datetime as dt
    return dt.date.fromisoformat(iso)
