"""`chronicle new entry` and what `chronicle check` reports beyond errors (chronicle/workflow/)."""

from __future__ import annotations

import datetime as dt
import json

import yaml

from tests.conftest import run_cli, write_tree


def front(path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1]) or {}


# --- new entry ---------------------------------------------------------------------------

def test_new_entry_with_translation_fills_in_weekday_and_lunar(mini):
    result = run_cli("new", "entry", "2020-02-09", str(mini), "--lang", "en")
    assert result.exit_code == 0, result.output
    source, translation = mini / "entries" / "2020-02-09.md", mini / "entries" / "2020-02-09.en.md"
    assert f"Created {source}" in result.output and f"Created {translation}" in result.output
    data = front(source)
    assert str(data["date"]) == "2020-02-09" and data["weekday"] == "星期日" and data["lunar"] == "正月十六"
    assert translation.read_text(encoding="utf-8").startswith("---\n")
    checked = run_cli("check", str(mini))
    assert checked.exit_code == 0, checked.output
    assert "entries/2020-02-09.md:2" not in checked.output  # weekday and lunar agree with the date


def test_new_entry_defaults_to_today_and_never_overwrites(mini):
    today = dt.date.today()
    result = run_cli("new", "entry", str(mini))
    assert result.exit_code == 0, result.output
    path = mini / "entries" / f"{today.isoformat()}.md"
    assert str(front(path)["date"]) == today.isoformat()
    path.write_text(path.read_text(encoding="utf-8") + "我写的字。\n", encoding="utf-8")
    again = run_cli("new", "entry", today.isoformat(), str(mini))
    assert again.exit_code == 1
    assert "already exists; nothing was overwritten" in again.output
    assert f"chronicle new entry {today.isoformat()}-2" in again.output
    assert "我写的字" in path.read_text(encoding="utf-8")


def test_new_translation_beside_an_existing_entry(mini):
    before = (mini / "entries" / "2020-01-25.md").read_text(encoding="utf-8")
    result = run_cli("new", "entry", "2020-01-25", str(mini), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert (mini / "entries" / "2020-01-25.en.md").is_file()
    assert (mini / "entries" / "2020-01-25.md").read_text(encoding="utf-8") == before


def test_new_entry_mistakes(mini, tmp_path):
    assert "is not one of this chronicle's languages" in run_cli("new", "entry", "2020-02-09", str(mini),
                                                                   "--lang", "fr").output
    assert "is the source language" in run_cli("new", "entry", "2020-02-09", str(mini), "--lang", "zh").output
    bad = run_cli("new", "entry", "2020-02-30", str(mini))
    assert bad.exit_code == 1 and "not a date in the calendar" in bad.output
    missing = run_cli("new", "entry", "2020-02-09", str(tmp_path / "nothing"))
    assert missing.exit_code == 1 and "has no chronicle.yaml" in missing.output
    assert "Traceback" not in bad.output + missing.output


def test_second_entry_of_a_day_and_an_english_chronicle(chronicle_dir):
    content = chronicle_dir({}, config="title: Diary\nlanguages: [en, zh]\n")
    result = run_cli("new", "entry", "2020-01-23-night", str(content), "--title", "Night: a second entry")
    assert result.exit_code == 0, result.output
    data = front(content / "entries" / "2020-01-23-night.md")
    assert data["weekday"] == "Thursday" and "lunar" not in data
    assert data["title"] == "Night: a second entry"


# --- check: the review -----------------------------------------------------------------------

def test_check_reports_translation_coverage(mini):
    result = run_cli("check", str(mini))
    assert result.exit_code == 0, result.output
    assert "Translation coverage:\n  en: entries 2/3 (66%), pages 1/1 (100%)" in result.output
    data = json.loads(run_cli("check", str(mini), "--format", "json").stdout)
    assert data["ok"] is True
    assert data["coverage"]["en"] == {"entries": {"translated": 2, "total": 3, "percent": 66},
                                      "pages": {"translated": 1, "total": 1, "percent": 100}}
    assert data["never_mentioned"] == [] and data["unregistered_names"] == [] and data["stats_recorded_once"] == []


REVIEWED = {
    "people.yaml": """
        - id: yang-quling
          name: {zh: 杨趣玲, en: Yang Quling}
        - id: li-yun
          name: {zh: 李云, en: Li Yun}
        """,
    "stats.yaml": """
        - id: households
          label: {zh: 户数, en: Households}
        - id: rides
          label: {zh: 送医, en: Rides}
        """,
    "entries/2020-01-23.md": """
        ---
        date: 2020-01-23
        stats:
          - {stat: households, value: 3730}
          - {stat: rides, value: 2}
        ---
        公益岗杨趣玲和物业站长张庆新都来了。张庆新说:“我来”。
        """,
    "entries/2020-01-25.md": """
        ---
        date: 2020-01-25
        stats:
          - {stat: rides, value: 1}
        ---
        杨趣玲值班。
        """,
    "entries/2020-01-25.en.md": """
        ---
        title: On duty
        ---
        Yang Quling on duty.
        """,
}


def test_check_lists_what_is_left_to_do(chronicle_dir):
    content = chronicle_dir(REVIEWED, config="title: {zh: 日记, en: Diary}\nlanguages: [zh, en]\nautolink: true\n")
    result = run_cli("check", str(content))
    assert result.exit_code == 0, result.output
    assert "en: entries 1/2 (50%), pages 0/0 (100%)" in result.output
    assert "People never mentioned (1): li-yun (李云)" in result.output
    assert "look like people but are not in people.yaml (1):\n  张庆新 ×2 (2020-01-23)" in result.output
    assert "Statistics recorded once only (1):\n  households (2020-01-23)" in result.output
    data = json.loads(run_cli("check", str(content), "--format", "json").stdout)
    assert data["never_mentioned"] == [{"id": "li-yun", "name": "李云"}]
    assert data["unregistered_names"] == [{"name": "张庆新", "count": 2, "entries": ["2020-01-23"]}]
    assert data["stats_recorded_once"] == [{"stat": "households", "label": "户数", "entry": "2020-01-23"}]


def test_check_of_a_broken_chronicle_exits_1_and_still_reviews(mini):
    write_tree(mini, {"entries/2020-01-25.md": """
        ---
        date: 2020-01-25
        lunar: 正月初二
        people: [yang-quiling]
        ---
        拜年。
        """})
    result = run_cli("check", str(mini))
    assert result.exit_code == 1
    assert "entries/2020-01-25.md:3: error: lunar: 正月初二, but 2020-01-25 is 正月初一" in result.output
    assert "did you mean 'yang-quling'?" in result.output
    assert "Translation coverage:" in result.output and "Traceback" not in result.output
    data = json.loads(run_cli("check", str(mini), "--format", "json").stdout)
    assert data["ok"] is False and len([d for d in data["diagnostics"] if d["level"] == "error"]) == 2
    assert data["coverage"]["en"]["entries"]["total"] == 3
    assert data["never_mentioned"] is None  # unknown until the content is correct


def test_check_of_an_unreadable_config_has_no_review(mini):
    write_tree(mini, {"chronicle.yaml": "title: [unclosed\n"})
    result = run_cli("check", str(mini), "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False and "coverage" not in data
