"""The catalogue of bad inputs: one small chronicle per mistake, built through the CLI as a writer runs it.

Each case states the exact diagnostics printed (path, line, message and hint, in the order
``chronicle build`` prints them) and the exit code: 1 when there is an error, 0 for
warnings only. Every case also checks that no traceback escapes and that a site built
before into the output folder is left byte for byte as it was when the build fails.

Add a case whenever a new mistake is found in the wild; docs/errors.md lists the messages.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from chronicle.build import build
from tests.conftest import run_cli, write_tree

ZH = "title: 日记\nlanguages: [zh]\n"
ZH_EN = "title: {zh: 日记, en: Diary}\nlanguages: [zh, en]\n"
ENTRY = "---\ndate: 2020-01-01\n---\n正文。\n"
YANG = "- id: yang\n  name: 杨趣玲\n"
MENTION = "---\ndate: 2020-01-01\n---\n[[yang]]来了。\n"
UTF8_HINT = "    save it as UTF-8 (in most editors: Save As, Encoding: UTF-8)"
PRIVACY_HINT = ("    remove it, or move it to the person's 'private:' fields; if it is meant to be public, end the "
                "line with <!-- chronicle: allow-private -->, or list it in chronicle.yaml under privacy: allow: [...]")


@dataclass
class Case:
    id: str
    files: dict            # path -> text (dedented) or bytes; None removes a file of the base chronicle
    expected: list[str]    # diagnostics as printed, paths relative to the content folder; {out}/{content}/{tmp} filled in
    exit: int = 1
    config: str = ZH
    setup: Callable | None = None   # (content, tmp) -> the output folder to use, or None for tmp/public
    base: dict = field(default_factory=lambda: {"entries/2020-01-01.md": ENTRY})


def billion_laughs() -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def symlink_entry_out(content: Path, tmp: Path):
    secret = tmp / "secret.md"
    secret.write_text("---\ndate: 2020-01-02\n---\n秘密。\n", encoding="utf-8")
    os.symlink(secret, content / "entries" / "2020-01-02.md")


def symlink_media_out(content: Path, tmp: Path):
    (tmp / "passwd").write_text("root:x:0:0\n")
    (content / "media").mkdir()
    os.symlink(tmp / "passwd", content / "media" / "photo.jpg")


def symlink_folder_out(content: Path, tmp: Path):
    (tmp / "elsewhere").mkdir()
    (tmp / "elsewhere" / "2020-01-02.md").write_text("---\ndate: 2020-01-02\n---\n外面。\n", encoding="utf-8")
    os.symlink(tmp / "elsewhere", content / "entries" / "more")


def foreign_output(content: Path, tmp: Path) -> Path:
    out = tmp / "site"
    out.mkdir()
    (out / "notes.txt").write_text("my own notes\n")
    return out


def output_is_content(content: Path, tmp: Path) -> Path:
    return content


def output_inside_content(content: Path, tmp: Path) -> Path:
    return content / "public"


CASES = [
    # ---------------------------------------------------------------- broken YAML
    Case("yaml-tab-indent", {"people.yaml": "- id: yang\n\tname: 杨趣玲\n"}, [
        "people.yaml:2: error: a tab character indents this line; YAML indents with spaces only\n"
        "    replace the tab with spaces"]),
    Case("yaml-unclosed-quote", {"people.yaml": '- id: yang\n  name: "杨趣玲\n- id: wang\n  name: 王芳\n'}, [
        "people.yaml:2: error: a quoted string is never closed\n    add the closing quote"]),
    Case("yaml-unclosed-bracket", {"people.yaml": "- id: yang\n  name: 杨趣玲\n  aliases: [小杨, 杨姐\n- id: wang\n  name: 王芳\n"}, [
        "people.yaml:3: error: a '[' is never closed\n    add the closing ']' on this line"]),
    Case("yaml-unclosed-brace", {"stats.yaml": "- id: households\n  label: {zh: 户数\n"}, [
        "stats.yaml:2: error: a '{' is never closed\n    add the closing '}' on this line"]),
    Case("yaml-brace-not-separated", {"stats.yaml": "- id: households\n  label: {zh: 户数 en: Households}\n"}, [
        "stats.yaml:2: error: the '{' opened on line 2 is not separated or closed properly\n"
        "    separate items with ', ' and close with '}'; quote text that contains , [ ] { }"]),
    Case("yaml-duplicate-key", {"people.yaml": "- id: yang\n  name: 杨趣玲\n  name: 杨二\n"}, [
        "people.yaml:3: error: duplicate key 'name' (first on line 2)\n    remove one of them"]),
    Case("yaml-colon-in-value", {"entries/2020-01-01.md": "---\ndate: 2020-01-01\ntitle: 会议: 开始\n---\n正文。\n"}, [
        "entries/2020-01-01.md:3: error: a ': ' inside a value that is not quoted\n"
        "    put the whole value in quotes: title: \"a: b\""]),
    Case("yaml-over-indented", {"people.yaml": "- id: yang\n  name: 杨趣玲\n   bio: 公益岗\n"}, [
        "people.yaml:3: error: this line is indented more than the line above, so it reads as part of that value\n"
        "    line up the keys of one mapping at the same indentation"]),
    Case("yaml-item-not-indented", {"people.yaml": "- id: yang\nname: 杨趣玲\n"}, [
        "people.yaml:2: error: this line's indentation does not fit the lines above it\n"
        "    keys of one mapping line up at the same indentation; list items start with '- ' and their fields "
        "are indented under it"]),
    Case("yaml-star-value", {"stats.yaml": "- id: households\n  label: *重要\n"}, [
        "stats.yaml:2: error: a value starts with '*', which YAML reads as an alias of an '&anchor'\n"
        "    put the whole value in quotes if the '*' is part of the text"]),
    Case("yaml-backtick-value", {"stats.yaml": "- id: households\n  label: `户数`\n"}, [
        "stats.yaml:2: error: a value cannot start with '`'\n    put the whole value in quotes"]),
    Case("yaml-backslash-in-double-quotes", {"people.yaml": '- id: yang\n  name: 杨趣玲\n  bio: "文件在 C:\\Users\\yang"\n',
                                              "entries/2020-01-01.md": MENTION}, [
        "people.yaml:3: error: a backslash inside double quotes starts an escape like \\n, and this one is unknown\n"
        "    use single quotes instead, or write two backslashes for one"]),
    Case("yaml-list-item-as-value", {"stats.yaml": "- id: households\n  label: - 户数\n"}, [
        "stats.yaml:2: error: a '- ' list item where a value was expected\n"
        "    start the list on the next line, indented under its key, or quote the value"]),
    Case("yaml-text-after-closing-quote", {"entries/2020-01-01.md": '---\ndate: 2020-01-01\ntitle: "会议"纪要\n---\n正文。\n'}, [
        "entries/2020-01-01.md:3: error: text goes on after a closing quote or bracket\n"
        "    put the whole value in quotes, e.g. title: '\"a\" b'"]),
    Case("yaml-tag-value", {"stats.yaml": "- id: households\n  label: !重要 户数\n"}, [
        "stats.yaml:2: error: a value starts with '!', which YAML reads as a type tag\n"
        "    put the whole value in quotes if the '!' is part of the text"]),
    Case("yaml-two-documents", {"stats.yaml": "- id: a\n  label: 甲\n---\n- id: b\n  label: 乙\n"}, [
        "stats.yaml:3: error: more than one YAML document ('---') in this file"]),
    Case("yaml-python-tag", {"people.yaml": "- id: yang\n  name: !!python/object/apply:os.system [ls]\n"}, [
        "people.yaml:2: error: unsupported YAML tag !!python/object/apply:os.system\n    remove the '!' tag"]),
    Case("yaml-billion-laughs", {"commendations.yaml": billion_laughs()}, [
        "commendations.yaml:1: error: YAML expands to more than 200000 values (aliases nested too deep?)\n"
        "    remove the '&anchor' / '*alias' repetition"]),
    Case("yaml-nested-too-deep", {"stats.yaml": "[" * 3000 + "]" * 3000 + "\n"}, [
        "stats.yaml:1: error: YAML is nested more than 64 levels deep\n"
        "    content files need a few levels at most; check the brackets and indentation"]),
    Case("front-matter-never-closed", {"entries/2020-01-01.md": "---\ndate: 2020-01-01\n正文。\n"}, [
        "entries/2020-01-01.md:1: error: front matter starts with '---' but has no closing '---' line\n"
        "    add a line with just --- after the last front matter field"]),
    Case("entry-without-front-matter", {"entries/2020-01-01.md": "正文。\n"}, [
        "entries/2020-01-01.md:1: error: an entry must start with front matter between '---' lines\n"
        "    start the file with:\n    ---\n    date: 2020-01-01\n    ---"]),

    # ---------------------------------------------------------------- wrong types
    Case("list-where-text-is-expected", {"entries/2020-01-01.md": "---\ndate: 2020-01-01\ntitle: [一, 二]\n---\n正文。\n"}, [
        "entries/2020-01-01.md:3: error: 'title': expected text, got a list\n"
        "    write the text itself, or one text per language: {zh: ...}"]),
    Case("number-as-name", {"people.yaml": "- id: yang\n  name: 110\n"}, [
        "people.yaml:2: error: 'name': expected a name, got the number 110\n"
        "    if that really is the name, put it in quotes: \"110\""]),
    Case("mapping-as-languages", {}, [
        "chronicle.yaml:2: error: 'languages': expected a list of language codes, got a mapping\n"
        "    write [a, b] or one '- item' per line"], config="title: 日记\nlanguages: {zh: 中文}\n"),
    Case("language-listed-twice", {}, [
        "chronicle.yaml:2: error: 'languages': language 'zh' is listed twice"], config="title: 日记\nlanguages: [zh, zh]\n"),
    Case("chronicle-yaml-without-title", {}, [
        "chronicle.yaml:1: error: chronicle.yaml has no 'title'\n    add a line 'title: ...'"], config="languages: [zh]\n"),
    Case("people-yaml-is-a-mapping", {"people.yaml": "id: yang\nname: 杨趣玲\n"}, [
        "people.yaml:1: error: people.yaml must be a list of people ('- name: ...'), not a mapping"]),
    Case("aliases-as-mapping", {"people.yaml": "- id: yang\n  name: 杨趣玲\n  aliases: {小杨: 杨姐}\n"}, [
        "people.yaml:3: error: 'aliases': expected a list of aliases, got a mapping\n"
        "    write [a, b] or one '- item' per line"]),
    Case("publish-misspelt", {"people.yaml": "- id: yang\n  name: 杨趣玲\n  publish: initial\n", "entries/2020-01-01.md": MENTION}, [
        "people.yaml:3: error: 'publish': 'initial' is not one of full, initials, anonymous\n    did you mean 'initials'?"]),
    Case("private-is-not-a-mapping", {"people.yaml": "- id: yang\n  name: 杨趣玲\n  private: 13912345678\n",
                                      "entries/2020-01-01.md": MENTION}, [
        "people.yaml:3: error: 'private' must be a mapping of fields\n"
        "    indent one 'key: value' per line under it, e.g.\n    private:\n      phone: \"139...\""]),
    Case("id-too-long", {"people.yaml": "- id: " + "a" * 70 + "\n  name: 杨趣玲\n"}, [
        "people.yaml:1: error: 'id': id 'aaaaaaaaaaaaaaaaaaaa…' is 70 characters long; the limit is 64\n"
        "    ids become web addresses and file names; choose a shorter one"]),
    Case("id-that-leaves-its-folder", {"people.yaml": "- id: ../../etc/passwd\n  name: 杨趣玲\n"}, [
        "people.yaml:1: error: 'id': '../../etc/passwd' is not a valid id\n"
        "    ids use lower-case letters, digits and hyphens, e.g. yang-quling"]),
    Case("tag-that-leaves-its-folder", {"entries/2020-01-01.md": "---\ndate: 2020-01-01\ntags: [../../index]\n---\n正文。\n"}, [
        "entries/2020-01-01.md:3: error: 'tags': '../../index' is not a usable tag\n    tags are short words without '/'"]),
    Case("stats-not-a-list-in-entry", {"entries/2020-01-01.md": "---\ndate: 2020-01-01\nstats: 3730\n---\n正文。\n"}, [
        "entries/2020-01-01.md:3: error: 'stats': expected a list of figures, got a number\n"
        "    write - {stat: households, value: 3730}"]),
    Case("draft-not-true-or-false", {"entries/2020-01-01.md": "---\ndate: 2020-01-01\ndraft: maybe\n---\n正文。\n"}, [
        "entries/2020-01-01.md:3: error: 'draft': expected true or false, got 'maybe'"]),
    Case("front-matter-is-a-list", {"entries/2020-01-01.md": "---\n- date\n- 2020-01-01\n---\n正文。\n"}, [
        "entries/2020-01-01.md:2: error: the front matter must be a mapping of 'key: value' lines, not a list"]),
    Case("page-front-matter-is-a-list", {"pages/about.md": "---\n- title\n---\n关于。\n"}, [
        "pages/about.md:2: error: the front matter must be a mapping of 'key: value' lines, not a list"]),
    Case("commendations-yaml-is-a-list", {"commendations.yaml": "- id: heroes\n  name: 先进\n"}, [
        "commendations.yaml:1: error: commendations.yaml must be a mapping of 'key: value' lines, not a list"]),
    Case("stat-value-with-words", {"stats.yaml": "- id: households\n  label: 户数\n",
                                   "entries/2020-01-01.md": "---\ndate: 2020-01-01\nstats:\n  - stat: households\n    value: 80余\n---\n80余户。\n"}, [
        "entries/2020-01-01.md:5: error: 'value': expected a number, got '80余'\n"
        "    write the number alone, value: 80, and keep the words in a note"]),
    Case("base-url-not-a-url", {}, [
        "chronicle.yaml:3: error: 'base_url': 'example.org/diary' is not a web address\n"
        "    write e.g. https://example.org/diary/"], config=ZH + "base_url: example.org/diary\n"),
    Case("unknown-field-warns", {"entries/2020-01-01.md": "---\ndate: 2020-01-01\ntitel: 会议\n---\n正文。\n"}, [
        "entries/2020-01-01.md:3: warning: unknown field 'titel' in the front matter is ignored\n    did you mean 'title'?"],
        exit=0),

    # ---------------------------------------------------------------- dates
    Case("impossible-date-feb-30", {"entries/2020-01-01.md": None, "entries/2020-02-30.md": "---\ndate: 2020-02-30\n---\n正文。\n"}, [
        "entries/2020-02-30.md:2: error: 'date': 2020-02-30 is not a real date\n    February 2020 has 29 days"]),
    Case("impossible-date-month-13", {"entries/2020-01-01.md": None, "entries/2020-13-01.md": "---\ndate: 2020-13-01\n---\n正文。\n"}, [
        "entries/2020-13-01.md:2: error: 'date': 2020-13-01 is not a real date\n    there is no month 13"]),
    Case("date-disagrees-with-file-name", {"entries/2020-01-01.md": "---\ndate: 2020-01-02\n---\n正文。\n"}, [
        "entries/2020-01-01.md:2: error: date 2020-01-02 does not agree with the file name's date 2020-01-01\n"
        "    rename the file or correct the date"]),
    Case("role-date-month-13", {"people.yaml": "- id: yang\n  name: 杨趣玲\n  roles:\n    - title: 站长\n      from: 2020-13\n",
                                "entries/2020-01-01.md": MENTION}, [
        "people.yaml:5: error: 'from': 2020-13 is not a real date\n    there is no month 13"]),
    Case("role-from-after-to", {"people.yaml": "- id: yang\n  name: 杨趣玲\n  roles:\n    - title: 站长\n      from: 2020-03\n      to: 2020-01\n",
                                "entries/2020-01-01.md": MENTION}, [
        "people.yaml:6: error: role starts (2020-03) after it ends (2020-01)\n    'from' must not be after 'to'"]),
    Case("phase-from-after-to", {}, [
        "chronicle.yaml:4: error: phase 'lockdown' ends (2020-01-31) before it starts (2020-03-01)"],
        config=ZH + "phases:\n  - {id: lockdown, name: 封控, from: 2020-03-01, to: 2020-01-31}\n"),
    Case("weekday-does-not-match", {"entries/2020-01-01.md": "---\ndate: 2020-01-01\nweekday: 星期四\n---\n正文。\n"}, [
        "entries/2020-01-01.md:3: error: weekday: 星期四, but 2020-01-01 is a Wednesday (星期三)"]),

    # ---------------------------------------------------------------- unknown ids, did-you-mean
    Case("unknown-person", {"people.yaml": YANG, "entries/2020-01-01.md": "---\ndate: 2020-01-01\npeople: [yangg]\n---\n[[杨趣铃]]来了。\n"}, [
        "entries/2020-01-01.md:3: error: unknown person 'yangg' in 'people'\n    did you mean 'yang'?",
        "entries/2020-01-01.md:5: error: unknown person '杨趣铃' in [[杨趣铃]]\n    did you mean 'yang' (杨趣玲)?",
        "people.yaml:1: warning: yang (杨趣玲) is never mentioned in an entry\n"
        "    mention them in an entry, or add them to an entry's 'people:'"]),
    Case("unknown-statistic", {"stats.yaml": "- id: households\n  label: 户数\n",
                               "entries/2020-01-01.md": "---\ndate: 2020-01-01\nstats:\n  - {stat: houshold, value: 3730}\n---\n3730户。\n"}, [
        "entries/2020-01-01.md:4: error: unknown statistic 'houshold'\n    did you mean 'households'?"]),
    Case("unknown-award-person", {"people.yaml": YANG, "entries/2020-01-01.md": MENTION,
                                  "commendations.yaml": "categories:\n  - id: heroes\n    name: 先进\n    awards:\n      - person: yan\n        citation: 坚守。\n"}, [
        "commendations.yaml:5: error: unknown person 'yan'\n    did you mean 'yang'?"]),
    Case("unknown-evidence-entry", {"people.yaml": YANG, "entries/2020-01-01.md": MENTION,
                                    "commendations.yaml": "categories:\n  - id: heroes\n    name: 先进\n    awards:\n      - person: yang\n        citation: 坚守。\n        evidence: [2020-01-02]\n"}, [
        "commendations.yaml:7: error: evidence '2020-01-02' is not an entry\n    did you mean '2020-01-01'?"]),
    Case("unknown-language-in-text", {"entries/2020-01-01.md": "---\ndate: 2020-01-01\ntitle: {zh: 会议, eng: Meeting}\n---\n正文。\n"}, [
        "entries/2020-01-01.md:3: error: 'title': unknown language 'eng'\n    did you mean 'en'?"], config=ZH_EN),
    Case("unknown-stat-kind", {"stats.yaml": "- id: households\n  label: 户数\n  kind: gage\n"}, [
        "stats.yaml:3: error: 'kind': 'gage' is not one of gauge, count\n    did you mean 'gauge'?"]),

    # ---------------------------------------------------------------- duplicate ids
    Case("duplicate-person-id", {"people.yaml": YANG + "- id: yang\n  name: 杨二\n", "entries/2020-01-01.md": MENTION}, [
        "people.yaml:3: error: duplicate person id 'yang' (also on line 1)\n    give one of them a different 'id:'"]),
    Case("duplicate-person-by-name", {"people.yaml": "- name: 杨趣玲\n- name: 杨趣玲\n",
                                      "entries/2020-01-01.md": "---\ndate: 2020-01-01\n---\n[[yang-quling]]来了。\n"}, [
        "people.yaml:2: error: duplicate person id 'yang-quling' (also on line 1)\n    give one of them a different 'id:'"]),
    Case("duplicate-statistic-id", {"stats.yaml": "- id: households\n  label: 户数\n- id: households\n  label: 住户\n"}, [
        "stats.yaml:3: error: duplicate statistic id 'households' (also on line 1)\n"
        "    give each statistic its own id, or merge the two"]),
    Case("duplicate-category-id", {"commendations.yaml": "categories:\n  - id: heroes\n    name: 先进\n  - id: heroes\n    name: 模范\n"}, [
        "commendations.yaml:4: error: duplicate category id 'heroes' (also on line 2)\n"
        "    give each category its own id, or merge their awards"]),
    Case("duplicate-phase-id", {}, [
        "chronicle.yaml:5: error: duplicate phase id 'p' (also on line 4)\n    give each phase its own id"],
        config=ZH + "phases:\n  - {id: p, name: 一, from: 2020-01-01, to: 2020-01-31}\n"
                    "  - {id: p, name: 二, from: 2020-02-01, to: 2020-02-28}\n"),

    # ---------------------------------------------------------------- translations
    Case("person-in-translation-only", {
        "people.yaml": YANG + "- id: wang\n  name: {zh: 王芳, en: Wang Fang}\n",
        "entries/2020-01-01.md": MENTION,
        "entries/2020-01-01.en.md": "---\ntitle: Meeting\n---\n[[yang]] came.\n\nSo did [[wang]].\n"}, [
        "entries/2020-01-01.en.md:6: warning: wang is mentioned in the en translation but not in the source text\n"
        "    add them to the source text or to 'people:' in entries/2020-01-01.md"],
        exit=0, config=ZH_EN),
    Case("translation-with-source-only-fields", {
        "entries/2020-01-01.en.md": "---\ntitle: Meeting\ndate: 2020-01-01\ntags: [snow]\n---\nText.\n"}, [
        "entries/2020-01-01.en.md:3: warning: 'date' in a translation is ignored\n"
        "    set 'date' in the source file entries/2020-01-01.md; a translation carries only title and text",
        "entries/2020-01-01.en.md:4: warning: 'tags' in a translation is ignored\n"
        "    set 'tags' in the source file entries/2020-01-01.md; a translation carries only title and text"],
        exit=0, config=ZH_EN),
    Case("translation-in-unknown-language", {"entries/2020-01-01.fr.md": "Texte.\n"}, [
        "entries/2020-01-01.fr.md: error: unknown language 'fr' in the file name\n    languages of this chronicle: zh, en"], config=ZH_EN),
    Case("source-language-suffix", {"entries/2020-01-01.zh.md": "正文。\n"}, [
        "entries/2020-01-01.zh.md: error: 'zh' is the source language, whose file has no language suffix\n"
        "    the zh text belongs in entries/2020-01-01.md; merge the two and delete this file"]),
    Case("translation-without-source", {"entries/2020-01-02.en.md": "Text.\n"}, [
        "entries/2020-01-02.en.md: error: translation without a source file: there is no entries/2020-01-02.md\n"
        "    did you mean '2020-01-01'?"], config=ZH_EN),

    # ---------------------------------------------------------------- empty files
    Case("empty-chronicle-yaml", {}, [
        "chronicle.yaml:1: error: file is empty\n    write at least a title and the languages:\n"
        "    title: {zh: 日记, en: Diary}\n    languages: [zh, en]"], config=""),
    Case("comments-only-chronicle-yaml", {}, [
        "chronicle.yaml:1: error: file is empty\n    write at least a title and the languages:\n"
        "    title: {zh: 日记, en: Diary}\n    languages: [zh, en]"], config="# to do\n"),
    Case("empty-people-yaml", {"people.yaml": ""}, [
        "people.yaml:1: warning: file is empty; it is ignored\n    list people as '- name: ...', or delete the file"], exit=0),
    Case("empty-stats-yaml", {"stats.yaml": "# nothing yet\n"}, [
        "stats.yaml:1: warning: file is empty; it is ignored\n"
        "    list statistics as '- id: ...' with a 'label:', or delete the file"], exit=0),
    Case("empty-commendations-yaml", {"commendations.yaml": "\n\n"}, [
        "commendations.yaml:1: warning: file is empty; it is ignored\n"
        "    write 'categories:' with a list of categories, or delete the file"], exit=0),
    Case("empty-entry", {"entries/2020-01-01.md": ""}, [
        "entries/2020-01-01.md:1: error: file is empty\n    an entry needs front matter with at least 'date:', and a text"]),
    Case("entry-without-text", {"entries/2020-01-01.md": "---\ndate: 2020-01-01\n---\n"}, [
        "entries/2020-01-01.md:3: warning: entry has no text\n    write the text below the closing '---'"], exit=0),
    Case("empty-page", {"pages/about.md": ""}, [
        "pages/about.md:1: error: file is empty\n    write the page's text (a 'title:' in front matter is optional)"]),
    Case("empty-translation", {"entries/2020-01-01.en.md": ""}, [
        "entries/2020-01-01.en.md:1: warning: translation is empty; the source text is shown instead\n"
        "    write the translation, or delete the file",
        "entries/2020-01-01.md: warning: no en translation\n"
        "    add entries/2020-01-01.en.md; until then the zh text is shown"], exit=0, config=ZH_EN),

    # ---------------------------------------------------------------- encodings and line ends
    Case("bom-builds", {"chronicle.yaml": b"\xef\xbb\xbf" + ZH.encode(),
                        "entries/2020-01-01.md": b"\xef\xbb\xbf" + ENTRY.encode()}, [], exit=0),
    Case("bom-keeps-line-numbers", {"people.yaml": b"\xef\xbb\xbf- id: yang\n  name: x\n  name: y\n"}, [
        "people.yaml:3: error: duplicate key 'name' (first on line 2)\n    remove one of them"]),
    Case("crlf-builds", {"people.yaml": YANG.replace("\n", "\r\n").encode(),
                         "entries/2020-01-01.md": MENTION.replace("\n", "\r\n").encode()}, [], exit=0),
    Case("crlf-keeps-line-numbers", {"entries/2020-01-01.md": b"---\r\ndate: 2020-01-01\r\n---\r\n\r\n[[nobody]]\r\n"}, [
        "entries/2020-01-01.md:5: error: unknown person 'nobody' in [[nobody]]\n    register the person in people.yaml"]),
    Case("gbk-entry", {"entries/2020-01-01.md": "---\ndate: 2020-01-01\n---\n今天开会。\n".encode("gbk")}, [
        "entries/2020-01-01.md:4: error: file is not UTF-8 (it looks like GB18030/GBK): byte 0xbd cannot be read\n" + UTF8_HINT]),
    Case("gbk-people-yaml", {"people.yaml": "- id: yang\n  name: 杨趣玲\n".encode("gbk")}, [
        "people.yaml:2: error: file is not UTF-8 (it looks like GB18030/GBK): byte 0xd1 cannot be read\n" + UTF8_HINT]),
    Case("utf16-with-bom", {"stats.yaml": "- id: households\n  label: 户数\n".encode("utf-16")}, [
        "stats.yaml:1: error: file is UTF-16, not UTF-8\n" + UTF8_HINT]),
    Case("utf16-without-bom", {"entries/2020-01-01.md": ENTRY.encode("utf-16-le")}, [
        "entries/2020-01-01.md:1: error: file is UTF-16, not UTF-8\n" + UTF8_HINT]),
    Case("nul-byte", {"people.yaml": b"- id: yang\n  name: \x00\n"}, [
        "people.yaml:2: error: file contains a NUL character; is it a binary file?"]),

    # ---------------------------------------------------------------- file names and sizes
    Case("entry-name-without-zero-padding", {"entries/2020-1-3.md": "---\ndate: 2020-01-03\n---\n正文。\n"}, [
        "entries/2020-1-3.md: error: file name '2020-1-3.md' does not start with a date as YYYY-MM-DD\n"
        "    rename it to 2020-01-03.md"]),
    Case("entry-name-with-bad-suffix", {"entries/2020-01-01-Evening.md": "---\ndate: 2020-01-01\n---\n晚上。\n"}, [
        "entries/2020-01-01-Evening.md: error: file name '2020-01-01-Evening.md' is not a date with an optional "
        "'-word' after it\n    name entry files YYYY-MM-DD.md (a second entry on one day: YYYY-MM-DD-evening.md)"]),
    Case("not-markdown-in-entries", {"entries/2020-01-02.txt": "正文。\n"}, [
        "entries/2020-01-02.txt: warning: not a Markdown file; ignored\n    entries are files named YYYY-MM-DD.md"], exit=0),
    Case("huge-file", {"entries/2020-01-01.md": "---\ndate: 2020-01-01\n---\n" + "字" * (2 * 1024 * 1024)}, [
        "entries/2020-01-01.md: error: file is 6.0 MB; the limit is 5 MB\n"
        "    split it into several entries, or move large material to media/"]),

    # ---------------------------------------------------------------- mentions and aliases
    Case("mention-never-closed", {"people.yaml": YANG, "entries/2020-01-01.md": "---\ndate: 2020-01-01\n---\n[[yang]]\n\n今天[[yang 来了。\n"}, [
        "entries/2020-01-01.md:6: error: '[[' is never closed\n    write a mention as [[person-id]] or [[person-id|text]]"]),
    Case("closing-brackets-alone", {"people.yaml": YANG, "entries/2020-01-01.md": "---\ndate: 2020-01-01\n---\n[[yang]]\n\n今天yang]]来了。\n"}, [
        "entries/2020-01-01.md:6: warning: ']]' without an opening '[['\n    write a mention as [[person-id]]"], exit=0),
    Case("empty-mention", {"entries/2020-01-01.md": "---\ndate: 2020-01-01\n---\n今天[[ ]]来了。\n"}, [
        "entries/2020-01-01.md:4: error: empty mention [[ ]]\n    write a mention as [[person-id]] or [[person-id|text]]"]),
    Case("alias-is-another-persons-name", {"people.yaml": YANG + "- id: wang\n  name: 王芳\n  aliases: [杨趣玲]\n",
                                           "entries/2020-01-01.md": "---\ndate: 2020-01-01\n---\n[[yang]]和[[wang]]\n"}, [
        "people.yaml:5: error: alias '杨趣玲' of wang is already the name or alias of yang\n"
        "    an alias must mean one person only; remove it from one of them"]),
    Case("alias-is-own-name", {"people.yaml": "- id: yang\n  name: 杨趣玲\n  aliases: [杨趣玲]\n", "entries/2020-01-01.md": MENTION}, [
        "people.yaml:3: warning: alias '杨趣玲' of yang is the person's own name\n    remove it from 'aliases'"], exit=0),
    Case("same-alias-on-two-people", {"people.yaml": "- id: yang\n  name: 杨趣玲\n  aliases: [小杨]\n"
                                                     "- id: wang\n  name: 王芳\n  aliases: [小杨]\n",
                                      "entries/2020-01-01.md": "---\ndate: 2020-01-01\n---\n[[yang]]和[[wang]]\n"}, [
        "people.yaml:6: error: alias '小杨' of wang is already the name or alias of yang\n"
        "    an alias must mean one person only; remove it from one of them"]),

    # ---------------------------------------------------------------- files outside the content folder
    Case("symlinked-entry-outside", {}, [
        "entries/2020-01-02.md: error: symbolic link points outside the content folder\n"
        "    it leads to {tmp}/secret.md; copy it into the content folder instead of linking to it"], setup=symlink_entry_out),
    Case("symlinked-folder-outside", {}, [
        "entries/more: error: symbolic link points outside the content folder\n"
        "    it leads to {tmp}/elsewhere; copy it into the content folder instead of linking to it"], setup=symlink_folder_out),
    Case("symlinked-media-outside", {}, [
        "media/photo.jpg: error: symbolic link points outside the content folder\n"
        "    it leads to {tmp}/passwd; copy it into the content folder instead of linking to it"], setup=symlink_media_out),
    Case("media-link-to-missing-file", {"entries/2020-01-01.md": "---\ndate: 2020-01-01\n---\n正文。\n\n![照片](media/photo.jpg)\n"}, [
        "entries/2020-01-01.md:6: error: 'media/photo.jpg' is not a file in media/\n"
        "    put the file in the content folder's media/ and link it as media/NAME"]),
    Case("media-link-leaving-media", {"entries/2020-01-01.md": "---\ndate: 2020-01-01\n---\n![配置](media/../chronicle.yaml)\n"}, [
        "entries/2020-01-01.md:4: error: 'media/../chronicle.yaml' is not a file in media/\n"
        "    put the file in the content folder's media/ and link it as media/NAME"]),

    # ---------------------------------------------------------------- the output folder
    Case("output-folder-with-foreign-files", {}, [
        "error: the output folder {out} already holds files that chronicle did not write\n"
        "    chronicle replaces its output folder on every build; choose an empty or new folder, "
        "or move those files away"], setup=foreign_output),
    Case("output-folder-is-content-folder", {}, [
        "error: the output folder {out} is, or contains, the content folder {content}\n"
        "    choose an output folder outside the content, e.g. --out public"], setup=output_is_content),
    Case("output-folder-inside-content-folder", {}, [
        "error: the output folder {out} is inside the content folder {content}\n"
        "    the next build would read the site as content; choose a folder beside it, e.g. --out public"],
        setup=output_inside_content),

    # ---------------------------------------------------------------- privacy scan of entry text
    Case("phone-number-in-entry", {"entries/2020-01-01.md": "---\ndate: 2020-01-01\n---\n正文。\n\n联系电话13912345678。\n"}, [
        "entries/2020-01-01.md:6: error: text looks like a mobile phone number (139…78); it would be published\n" + PRIVACY_HINT]),
    Case("resident-id-in-entry", {"entries/2020-01-01.md": "---\ndate: 2020-01-01\n---\n身份证11010519491231002X。\n"}, [
        "entries/2020-01-01.md:4: error: text looks like a resident ID number (110…2X); it would be published\n" + PRIVACY_HINT]),
    Case("email-in-entry", {"entries/2020-01-01.md": "---\ndate: 2020-01-01\n---\n邮箱 wang.fang@example.com 。\n"}, [
        "entries/2020-01-01.md:4: error: text looks like an email address (wan…om); it would be published\n" + PRIVACY_HINT]),
    Case("phone-in-a-page", {"pages/about.md": "联系电话：13912345678\n"}, [
        "pages/about.md:1: error: text looks like a mobile phone number (139…78); it would be published\n" + PRIVACY_HINT]),
    Case("allowed-hotline-and-email", {"entries/2020-01-01.md": "---\ndate: 2020-01-01\n---\n热线13912345678，邮箱help@example.org。\n"},
         [], exit=0, config=ZH + "privacy:\n  allow: [\"13912345678\", help@example.org]\n"),
    Case("eighteen-digits-that-are-not-an-id", {"entries/2020-01-01.md": "---\ndate: 2020-01-01\n---\n单号123456789012345678。\n"},
         [], exit=0),
]


# ---------------------------------------------------------------------------- machinery


def tree(folder: Path) -> dict[str, str]:
    """Every file under a folder with its SHA-256, to prove a folder was not touched."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def diagnostics(output: str) -> list[str]:
    """The printed diagnostics, each with its indented hint lines; summary lines dropped."""
    blocks: list[str] = []
    for line in output.splitlines():
        if line.startswith("    ") and blocks:
            blocks[-1] += "\n" + line
        elif re.match(r"^(.*?: )?(error|warning): ", line):
            blocks.append(line)
    return blocks


@pytest.fixture(scope="module")
def reference_site(tmp_path_factory) -> Path:
    """A site built before the bad content arrives; every failed build must leave it as it is."""
    root = tmp_path_factory.mktemp("reference")
    content = write_tree(root / "content", {"chronicle.yaml": ZH, "people.yaml": YANG, "entries/2020-01-01.md": MENTION})
    out = root / "public"
    build(content, out, search=False, with_reports=False)
    return out


def make_content(case: Case, tmp: Path) -> Path:
    content = tmp / "content"
    files = {"chronicle.yaml": case.config, **case.base, **case.files}
    for name, data in files.items():
        if data is None:
            continue
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else textwrap.dedent(data).encode("utf-8"))
    (content / "entries").mkdir(parents=True, exist_ok=True)
    return content


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case: Case, tmp_path: Path, reference_site: Path):
    content = make_content(case, tmp_path)
    out = (case.setup(content, tmp_path) if case.setup else None) or tmp_path / "public"
    if out == tmp_path / "public":
        shutil.copytree(reference_site, out, symlinks=True)
    before = tree(out) if out.exists() else None

    result = run_cli("build", str(content), "--out", str(out), "--no-search")   # search has its own tests

    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    printed = diagnostics(re.sub(rf"^{re.escape(str(content))}/", "", result.output, flags=re.M))
    # every successful build without base_url says it wrote no sitemap (tests/test_build.py): not a bad input
    printed = [d for d in printed if not d.startswith("chronicle.yaml: warning: no sitemap.xml")]
    expected = [e.replace("{out}", str(out.resolve())).replace("{content}", str(content.resolve()))
                .replace("{tmp}", str(tmp_path.resolve())) for e in case.expected]
    assert printed == expected, "\n" + result.output
    assert result.exit_code == case.exit, result.output
    if case.exit == 1:
        n = sum(1 for e in expected if re.match(r"^(.*?: )?error: ", e.split("\n")[0]))
        assert f"Build failed: {n} error{'s' if n != 1 else ''}" in result.output
        after = tree(out) if out.exists() else None
        assert after == before, "a failed build must leave the previous output exactly as it was"
    else:
        assert (out / "index.html").is_file() and (out / ".chronicle-output").is_file()
        assert (out / "zh" / "entries").is_dir()
    leftovers = [p.name for p in out.resolve().parent.iterdir() if ".tmp-" in p.name or p.name.endswith(".old")]
    assert leftovers == [], "no temporary folders are left beside the output"


def test_the_catalogue_is_large_and_its_names_unique():
    assert len(CASES) >= 45
    assert len({c.id for c in CASES}) == len(CASES)
