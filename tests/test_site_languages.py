"""Settings that make a chronicle read right in its languages: locales, group labels, untranslated on purpose."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from chronicle.build import build, check
from tests.conftest import run_cli, write_tree


def set_config(mini: Path, extra: str) -> None:
    path = mini / "chronicle.yaml"
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")


def test_a_locale_gives_british_dates(mini, tmp_path):
    set_config(mini, "locales: {en: en-GB}\n")
    out = tmp_path / "site"
    build(mini, out, search=False)
    entry = (out / "en" / "entries" / "2020-01-23" / "index.html").read_text(encoding="utf-8")
    assert ">Thursday, 23 January 2020</time>" in entry
    zh = (out / "zh" / "entries" / "2020-01-23" / "index.html").read_text(encoding="utf-8")
    assert ">2020年1月23日星期四</time>" in zh


@pytest.mark.parametrize("value, message", [
    ("{en: xx-Nowhere}", "locales: 'xx-Nowhere' is not a known locale"),
    ("{fr: fr-FR}", "locales: 'fr' is not one of the languages (zh, en)"),
])
def test_a_wrong_locale_is_an_error(mini, value, message):
    set_config(mini, f"locales: {value}\n")
    _, report = check(mini)
    assert any(message in d.message and d.path == "chronicle.yaml" for d in report.errors), report.items


def test_groups_get_labels_per_language_and_a_readable_form_without_one(mini, tmp_path):
    people = mini / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace("groups: [community-staff]",
                                                                 "groups: [community-staff, fire-service, clergy]"),
                      encoding="utf-8")
    set_config(mini, "groups:\n  fire-service: {zh: 消防队, en: Fire service}\n")
    out = tmp_path / "site"
    build(mini, out, search=False)
    en = (out / "en" / "people" / "yang-quling" / "index.html").read_text(encoding="utf-8")
    zh = (out / "zh" / "people" / "yang-quling" / "index.html").read_text(encoding="utf-8")
    assert "<li>Fire service</li>" in en and "<li>消防队</li>" in zh
    assert "<li>Clergy</li>" in en and "<li>Community staff</li>" in en
    assert ">fire-service<" not in en + zh and ">clergy<" not in en + zh


def test_missing_translations_are_said_once_per_language(mini):
    write_tree(mini, {f"entries/2020-01-2{d}.md": f"---\ndate: 2020-01-2{d}\n---\n今天下雪。\n" for d in (6, 7, 8)})
    _, report = check(mini)
    said = [d for d in report.warnings if "translation" in d.message]
    assert [d.message for d in said] == [
        "4 entries have no en translation: 2020-01-25, 2020-01-26, 2020-01-27 and 1 more "
        "(chronicle check --translations lists them)"]
    result = run_cli("check", str(mini), "--translations")
    for stem in ("2020-01-25", "2020-01-26", "2020-01-27", "2020-01-28"):
        assert f"no en translation: entries/{stem}.md" in result.output


def test_an_entry_can_stay_untranslated_on_purpose(mini, tmp_path):
    entry = mini / "entries" / "2020-01-25.md"
    entry.write_text(entry.read_text(encoding="utf-8").replace("---\n", "---\nuntranslated: true\n", 1), encoding="utf-8")
    _, report = check(mini)
    assert not [d for d in report.warnings if "translation" in d.message]
    out = tmp_path / "site"
    build(mini, out, search=False)
    page = (out / "en" / "entries" / "2020-01-25" / "index.html").read_text(encoding="utf-8")
    assert "This text is given in the original Chinese only." in page
    data = json.loads(run_cli("check", str(mini), "--format", "json").stdout)
    assert data["coverage"]["en"]["entries"] == {"translated": 2, "total": 2, "percent": 100}


def test_the_untranslated_list_in_chronicle_yaml(mini):
    set_config(mini, "untranslated: [2020-01-25, 2020-01-52]\n")
    _, report = check(mini)
    said = [d.format() for d in report.warnings if "translation" in d.message or "untranslated" in d.message]
    assert len(said) == 1 and said[0].startswith(
        "chronicle.yaml: warning: untranslated: '2020-01-52' is no entry or page\n    did you mean '2020-01-25'")


def test_search_excerpts_hold_the_prose_only(tmp_path):
    from tests.conftest import FIXTURES
    from tests.test_search import fragments

    out = tmp_path / "public"
    build(FIXTURES / "mini", out, use_cache=False)
    records = fragments(out)
    lantern = next(r for url, r in records.items() if "/en/entries/2020-02-08/" in url)
    # the title, the lunar date and festival (words readers search for), the prose; no date, reading time, figures
    assert lantern["content"] == ("Lantern Festival. 15th day of the 1st lunar month Lantern Festival. "
                                  "Today is the Lantern Festival.")
    assert "ValueNote" not in lantern["content"] and "Figures recorded" not in lantern["content"]
    assert "2020" not in lantern["content"] and "min read" not in lantern["content"]
    profile = next(r for url, r in records.items() if "/en/people/zhang-qingxin/" in url)
    assert "RoleOrganisation" not in profile["content"] and "Property station manager" not in profile["content"]


def test_a_table_quoted_on_a_profile_stays_a_table(mini, tmp_path):
    write_tree(mini, {"entries/2020-01-25.md": "---\ndate: 2020-01-25\n---\n| 姓名 | 班次 |\n| --- | --- |\n"
                                               "| 杨趣玲 | 夜班 |\n| 张庆新 | 白班 |\n"})
    out = tmp_path / "site"
    build(mini, out, search=False)
    profile = (out / "zh" / "people" / "yang-quling" / "index.html").read_text(encoding="utf-8")
    quotes = re.findall(r'<blockquote class="passage"[^>]*>(.*?)</blockquote>', profile.split('id="own-timeline"')[1],
                        re.S)
    tables = [q for q in quotes if "<table>" in q]
    assert len(tables) == 1 and "<td>夜班</td>" in tables[0] and 'id="p-' not in tables[0]


def test_two_people_with_one_alias_is_an_error_naming_both(mini):
    people = mini / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace("aliases: [张站长, Manager Zhang]",
                                                                 "aliases: [张站长, Manager Zhang, 小杨]"),
                      encoding="utf-8")
    _, report = check(mini)
    assert any("小杨" in d.message and "yang-quling" in d.message and "zhang-qingxin" in d.message
               for d in report.errors), report.items


def test_every_verb_finds_its_chronicle_like_git(mini, tmp_path, monkeypatch):
    monkeypatch.chdir(mini / "entries")
    assert run_cli("check").exit_code == 0
    result = run_cli("new", "entry", "2022-01-05")
    assert result.exit_code == 0, result.output
    assert (mini / "entries" / "2022-01-05.md").is_file()
    elsewhere = tmp_path / "empty"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = run_cli("build")
    assert result.exit_code == 1 and f"no chronicle.yaml in {os.getcwd()} or any folder above it" in result.output
