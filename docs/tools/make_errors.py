"""Write docs/errors.md: every message of chronicle, each produced for real by a tiny chronicle.

Run from the repository root after changing a message:

    python3 docs/tools/make_errors.py            # rewrites docs/errors.md
    python3 docs/tools/make_errors.py --check    # exit 1 if docs/errors.md is out of date

Each case below is a small content folder (a valid base chronicle plus a few changed files) and a
command. The script runs `python -m chronicle` on it in a temporary folder and copies the exact output
into the page, so the page shows what a writer really sees.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "errors.md"
SHOWN_ROOT = "/home/staff/diary"
SHOWN_HOME = "/home/staff"

BASE = {
    "chronicle.yaml": "title: {zh: 小区日记, en: Estate Diary}\nlanguages: [zh, en]\n",
    "people.yaml": "- id: yang-quling\n  name: {zh: 杨趣玲, en: Yang Quling}\n",
    "entries/2020-01-23.md": "---\ndate: 2020-01-23\npeople: [yang-quling]\n---\n晚上开会。\n",
    "entries/2020-01-23.en.md": "---\ntitle: A meeting\n---\nA meeting in the evening.\n",
}
C, P, S, K = "chronicle.yaml", "people.yaml", "stats.yaml", "commendations.yaml"
E, T = "entries/2020-01-23.md", "entries/2020-01-23.en.md"
Y = BASE[P]
CHECK = ("check", "content")
BUILD = ("build", "content", "--out", "public")


def entry(extra: str = "", body: str = "晚上开会。\n", date: str = "2020-01-23", people: str = "[yang-quling]") -> str:
    head = f"date: {date}\n" + (f"people: {people}\n" if people else "")
    return f"---\n{head}{extra}---\n{body}"


def award(lines: str) -> str:
    return ("categories:\n  - id: outstanding-workers\n    name: 优秀社区工作者\n    awards:\n"
            "      - person: yang-quling\n" + lines)


@dataclass
class Case:
    title: str            # the message, shortly, as a heading
    explain: str          # what it means and what to do, in plain words
    files: dict           # path -> text (None deletes a base file, bytes are written as they are)
    cmd: tuple = CHECK
    setup: object = None  # a function(root) for things files cannot say (links, folders)
    show: tuple | None = None  # which files to show (default: every changed text file)
    input_note: str = ""  # said instead of showing a file (bytes, links)
    shadow: dict = field(default_factory=dict)  # module name -> source, put first on the path (to hide a tool)


@dataclass
class Section:
    title: str
    intro: str
    cases: list = field(default_factory=list)


def _symlink(target_rel: str):
    def setup(root: Path) -> None:
        link = root / "content" / target_rel
        link.parent.mkdir(parents=True, exist_ok=True)
        outside = root / "outside.txt"
        outside.write_text("outside\n", encoding="utf-8")
        os.symlink(outside, link)
    return setup


def _foreign_output(root: Path) -> None:
    (root / "public").mkdir()
    (root / "public" / "notes.txt").write_text("my notes\n", encoding="utf-8")


def _output_is_file(root: Path) -> None:
    (root / "public").write_text("x\n", encoding="utf-8")


def _content_is_file(root: Path) -> None:
    (root / "diary.md").write_text("x\n", encoding="utf-8")


SECTIONS = [
    Section("Reading any file", "These can happen with every file in the content folder.", [
        Case("content folder does not exist",
             "The folder given to the command is not there. Check the spelling, or run the command in the "
             "folder that holds `content/`.",
             {}, cmd=("check", "nowhere")),
        Case("is a file, not a content folder",
             "The command was given a file. Give the folder that holds `chronicle.yaml`.",
             {}, cmd=("check", "diary.md"), setup=_content_is_file),
        Case("file is UTF-16, not UTF-8",
             "The file was saved as UTF-16 (\"Unicode\" in some editors). Save it again as UTF-8.",
             {E: entry().encode("utf-16")}, input_note="`entries/2020-01-23.md` saved as UTF-16."),
        Case("file is not UTF-8 (it looks like GB18030/GBK)",
             "The file was saved in an old Chinese encoding. Open it and save it again as UTF-8.",
             {E: entry().encode("gbk")}, input_note="`entries/2020-01-23.md` saved as GBK."),
        Case("file contains a NUL character",
             "The file holds binary data, not text. Perhaps a picture or a Word file was renamed to `.md`.",
             {E: entry().encode() + b"\x00"}, input_note="`entries/2020-01-23.md` with a NUL byte at the end."),
        Case("file is … MB; the limit is 5 MB",
             "One file may be at most 5 MB. Split a long text into several entries; put pictures in `media/`.",
             {E: entry(body="字" * 2_000_000)}, input_note="`entries/2020-01-23.md` with 2 million characters."),
        Case("symbolic link points outside the content folder",
             "A file in the content folder is a link to a file elsewhere. Copy the file in instead.",
             {}, setup=_symlink("entries/2020-01-25.md"),
             input_note="`entries/2020-01-25.md` is a symbolic link to a file outside `content/`."),
    ]),
    Section("YAML syntax", "These can happen in every `.yaml` file and in the front matter of entries and pages. "
            "The line number points at the place where the YAML reader got lost; the mistake is often on that "
            "line or the one above.", [
        Case("a tab character indents this line",
             "YAML indents with spaces only. Replace the tab with spaces.",
             {C: "title: 日记\nlanguages:\n\t- zh\n"}, input_note="Line 3 starts with a tab."),
        Case("a quoted string is never closed", "Add the closing quote mark.",
             {C: "title: \"日记\nlanguages: [zh, en]\n"}),
        Case("a '[' is never closed", "Add the closing `]`.",
             {C: "title: 日记\nlanguages: [zh, en\n"}),
        Case("the '{' opened on line … is not separated or closed properly",
             "Items inside `[ ]` or `{ }` are separated by a comma and a space. Quote a text that contains "
             "`,` `[` `]` `{` `}`.", {C: "title: {zh: 日记 en: Diary}, x\nlanguages: [zh, en]\n"}),
        Case("a ': ' inside a value that is not quoted",
             "A colon followed by a space starts a new field in YAML. Put the whole value in quotes.",
             {C: "title: 战疫: 日记\nlanguages: [zh, en]\n"}),
        Case("a ': ' in a title in front matter", "The same mistake in an entry's front matter.",
             {E: entry("title: 会议: 紧急\n")}),
        Case("a line without 'key: value' where a mapping was expected",
             "A line has a word but no colon. Write `key: value`, or check the indentation.",
             {P: Y + "  aliases\n"}),
        Case("this line's indentation does not fit the lines above it",
             "The fields of one item must line up. Check the spaces at the start of the line.",
             {C: "title: 日记\nlanguages: [zh, en]\n  lunar_calendar: true\n"}),
        Case("this line is indented more than the line above",
             "A field is indented further than the field above it, so YAML reads it as part of that value. "
             "Line up the fields of one item.", {P: "- id: yang-quling\n  name: 杨趣玲\n    aliases: [小杨]\n"}),
        Case("YAML syntax error: …",
             "Any other YAML mistake. The words after the colon come from the YAML reader; the line number "
             "shows where to look. Here a backslash in double quotes starts an unknown escape: write `\\\\` "
             "or use single quotes.", {C: 'title: "25社区\\q"\nlanguages: [zh, en]\n'}),
        Case("more than one YAML document ('---') in this file",
             "A `---` line in a `.yaml` file starts a second document. Remove it.",
             {C: "title: 日记\nlanguages: [zh]\n---\ntitle: x\n"}),
        Case("duplicate key", "The same field is written twice. Remove one.",
             {C: "title: 日记\nlanguages: [zh, en]\ntitle: Diary\n"}),
        Case("a value starts with '*'",
             "In YAML a value that starts with `*` refers to an `&anchor`. Put the value in quotes.",
             {C: "title: *日记*\nlanguages: [zh, en]\n"}),
        Case("a value cannot start with '@'",
             "Some characters (`@`, `` ` ``) may not start a value. Put the value in quotes.",
             {C: "title: '@25社区'\nlanguages: [zh, en]\nauthor: @程书记\n"}),
        Case("unsupported YAML tag", "chronicle reads plain YAML only. Remove the `!!…` tag.",
             {C: "title: !!python/object 日记\nlanguages: [zh, en]\n"}),
        Case("YAML merge keys ('<<') are not supported", "Write the fields out in full.",
             {P: "- &a\n  id: yang-quling\n  name: 杨趣玲\n- <<: *a\n  id: li-yun\n"}),
        Case("a mapping key must be a plain value", "A field name must be a plain word.",
             {C: "title: 日记\nlanguages: [zh, en]\n? [a, b]\n: c\n"}),
        Case("YAML expands to more than 200000 values",
             "Anchors (`&a`) and aliases (`*a`) repeat each other too often. Content files do not need them.",
             {C: "title: 日记\nlanguages: [zh, en]\n" + "".join(
                 f"{k}: &{k} [{', '.join(['*' + p] * 10 if p else ['x'] * 10)}]\n"
                 for p, k in [("", "a"), ("a", "b"), ("b", "c"), ("c", "d"), ("d", "e"), ("e", "f")])}),
        Case("YAML is nested more than 64 levels deep",
             "Brackets are nested far too deep. Check the brackets and the indentation.",
             {C: "title: 日记\nlanguages: [zh, en]\nx: " + "[" * 70 + "]" * 70 + "\n"}),
        Case("front matter starts with '---' but has no closing '---' line",
             "Add a line with just `---` after the last field.",
             {E: "---\ndate: 2020-01-23\n晚上开会。\n"}),
    ]),
    Section("Fields in any YAML file", "These messages come from every kind of field. The examples use "
            "`chronicle.yaml`; the same words appear for the other files.", [
        Case("unknown field … is ignored (warning)",
             "chronicle does not know this field and ignores it. Usually a typing mistake: see the suggestion.",
             {C: BASE[C] + "autolinks: true\n"}),
        Case("… has no '…'", "A required field is missing. Add it.",
             {C: "languages: [zh, en]\n"}),
        Case("… must be a mapping of 'key: value' lines", "The file or item is a list or a single word "
             "where chronicle expects `key: value` lines.", {C: "- a\n- b\n"}),
        Case("expected text, got a list", "A text field holds a list. Write a string or a mapping by language.",
             {C: "title: [a, b]\nlanguages: [zh, en]\n"}),
        Case("unknown language", "A text names a language that is not in `languages`.",
             {C: "title: {zh: 日记, fr: Journal}\nlanguages: [zh, en]\n"}),
        Case("is empty", "A text is empty. Write it, or remove the field.",
             {C: "title: ''\nlanguages: [zh, en]\n"}),
        Case("no text in any language", "A text mapping has no text in it.",
             {C: "title: {zh: , en: }\nlanguages: [zh, en]\n"}),
        Case("expected true or false", "Write `true` or `false`.",
             {C: BASE[C] + "autolink: yes please\n"}),
        Case("is not a date", "Write dates as YYYY-MM-DD.",
             {C: BASE[C] + "phases:\n  - {id: closure, name: 封闭管理, from: 31/1/2020, to: 2020-03-07}\n"}),
        Case("is not a real date", "The date does not exist. The hint says how many days the month has.",
             {C: BASE[C] + "phases:\n  - {id: closure, name: 封闭管理, from: 2020-02-30, to: 2020-03-07}\n"}),
        Case("is not a valid id", "Ids use lower-case letters, digits and hyphens only.",
             {C: BASE[C] + "phases:\n  - {id: Closure, name: 封闭管理, from: 2020-01-31, to: 2020-03-07}\n"}),
        Case("id … is … characters long; the limit is 64", "Ids become web addresses. Choose a shorter one.",
             {C: BASE[C] + "phases:\n  - {id: " + "-".join(["closed-management"] * 5)
              + ", name: 封闭管理, from: 2020-01-31, to: 2020-03-07}\n"}),
        Case("expected a list", "A field that holds a list holds something else.",
             {C: BASE[C] + "privacy:\n  allow: {a: b}\n"}),
    ]),
    Section("chronicle.yaml", "", [
        Case("chronicle.yaml is missing", "Every content folder needs `chronicle.yaml`.", {C: None}),
        Case("file is empty (chronicle.yaml)", "Write at least the title and the languages.", {C: "\n"}),
        Case("'languages': needs at least one language", "List the languages, the source language first.",
             {C: "title: 日记\nlanguages: []\n"}),
        Case("'languages': '…' is not a language code", "Use short codes: `zh`, `en`, `zh-Hant`.",
             {C: "title: 日记\nlanguages: [zh, English]\n"}),
        Case("'languages': language '…' is listed twice", "Remove the second one.",
             {C: "title: 日记\nlanguages: [zh, en, zh]\n"}),
        Case("'base_url': '…' is not a web address", "Write the full address, with `https://`.",
             {C: BASE[C] + "base_url: example.org/diary\n"}),
        Case("'phases': expected a list of phases", "Write one `- id: …` item per phase.",
             {C: BASE[C] + "phases: closure\n"}),
        Case("a phase has no '…'", "Each phase needs `id`, `name`, `from` and `to`.",
             {C: BASE[C] + "phases:\n  - id: closure\n    name: 封闭管理\n    from: 2020-01-31\n"}),
        Case("duplicate phase id", "Give each phase its own id.",
             {C: BASE[C] + "phases:\n  - {id: closure, name: 封闭管理, from: 2020-01-31, to: 2020-03-07}\n"
              "  - {id: closure, name: 封闭, from: 2020-03-08, to: 2020-03-09}\n"}),
        Case("phase '…' ends (…) before it starts (…)", "Swap `from` and `to`, or correct them.",
             {C: BASE[C] + "phases:\n  - {id: closure, name: 封闭管理, from: 2020-03-07, to: 2020-01-31}\n"}),
        Case("'tags': expected a mapping of tag ids to labels", "Write `tag-id: {zh: …, en: …}` lines.",
             {C: BASE[C] + "tags: [snow]\n"}),
        Case("tag '…': … is not a valid id", "Tags that get labels must be ids.",
             {C: BASE[C] + "tags:\n  Snow Day: {zh: 下雪, en: Snow}\n"}),
        Case("tag '…': unknown language", "A tag label names a language that is not in `languages`.",
             {C: BASE[C] + "tags:\n  snow: {zh: 下雪, fr: Neige}\n"}),
        Case("unknown field in report (warning)", "`report:` knows `issuer` and `date` only.",
             {C: BASE[C] + "report:\n  issuer: 25社区\n  signer: 程书记\n"}),
        Case("privacy must be a mapping", "Write `privacy:` and under it `allow: [...]`.",
             {C: BASE[C] + "privacy: [\"13912345678\"]\n"}),
        Case("'paper': '…' is not a paper size (book)", "`book: paper:` is one of a5, b5, a4, letter, trade.",
             {C: BASE[C] + "book:\n  paper: A6\n"}),
        Case("'languages': '…' is not one of the chronicle's languages (book)", "Each book of `book: languages:` "
             "is one of the chronicle's languages, or two joined by `+` for a bilingual edition (zh+en).",
             {C: BASE[C] + "book:\n  languages: [zh, zh+fr]\n"}),
        Case("'formats': '…' is not a format (book)", "`book: formats:` lists pdf, epub or both.",
             {C: BASE[C] + "book:\n  formats: [pdf, mobi]\n"}),
        Case("book: appendix page '…' is not a page in pages/ (warning)", "`book: appendix:` names pages of "
             "`pages/` (without `.md`) that the book prints at the back instead of the front.",
             {C: BASE[C] + "book:\n  appendix: [glosary]\n", "pages/glossary.md": "词汇。\n"}),
    ]),
    Section("people.yaml", "", [

        Case("people.yaml must be a list of people", "Start each person with `- `.",
             {P: "yang-quling: 杨趣玲\n"}),
        Case("a person must be a mapping", "Each person is a group of `key: value` lines.",
             {P: Y + "- 李云\n"}),
        Case("a person has no 'name'", "Every person needs a name.", {P: Y + "- id: li-yun\n"}),
        Case("expected a name, got the number …", "A name that is a number is almost always a slip. "
             "If it really is the name, put it in quotes.", {P: Y + "- id: li-yun\n  name: 110\n"}),
        Case("cannot make an id from the name '…'", "chronicle makes an id from the pinyin of the name, and "
             "this name has no letters to make one from. Add an `id:`.", {P: Y + "- name: '!!!'\n"}),
        Case("'id': '…' is not a valid id", "Ids use lower-case letters, digits and hyphens only.",
             {P: Y + "- id: Li_Yun\n  name: 李云\n"}),
        Case("duplicate person id", "Two people have the same id. Give one of them a different `id:`. "
             "This also happens when an id made from the name equals another id.",
             {P: Y + "- name: 杨趣玲\n"}),
        Case("'publish': '…' is not one of full, initials, anonymous", "Use one of the three words.",
             {P: Y + "- id: li-yun\n  name: 李云\n  publish: initial\n"}),
        Case("'private' must be a mapping of fields", "Write one `key: value` per line under `private:`.",
             {P: Y + "- id: li-yun\n  name: 李云\n  private: 13912345678\n"}),
        Case("'aliases': expected a list of aliases", "Write `aliases: [小杨, Xiao Yang]`.",
             {P: "- id: yang-quling\n  name: 杨趣玲\n  aliases: {a: b}\n"}),
        Case("'roles': expected a list of roles", "Write one `- title: …` per role.",
             {P: Y + "- id: li-yun\n  name: 李云\n  roles: 社保员\n"}),
        Case("a role has no 'title'", "Every role needs a title.",
             {P: Y + "- id: li-yun\n  name: 李云\n  roles:\n    - org: 25社区\n"}),
        Case("role starts (…) after it ends (…)", "Correct `from` or `to`.",
             {P: Y + "- id: li-yun\n  name: 李云\n  roles:\n    - title: 社保员\n      from: 2020-03\n      to: 2020-02-10\n"}),
        Case("'from': … is not a real date (month)", "There is no such month.",
             {P: Y + "- id: li-yun\n  name: 李云\n  roles:\n    - title: 社保员\n      from: 2020-13\n"}),
        Case("'from': '…' is not a date (roles)", "Role dates are YYYY, YYYY-MM or YYYY-MM-DD.",
             {P: Y + "- id: li-yun\n  name: 李云\n  roles:\n    - title: 社保员\n      from: Feb 2020\n"}),
        Case("… is never mentioned in an entry (warning)",
             "Nobody mentions this person. Mention them, add them to an entry's `people:`, or remove them.",
             {P: Y + "- id: li-yun\n  name: {zh: 李云, en: Li Yun}\n"}),
        Case("… has the same name '…' as … (warning)",
             "Two people share a name. Mentions by that name go to the first; use `[[id]]` for the other.",
             {P: Y + "- id: yang-quling-2\n  name: {zh: 杨趣玲, en: Yang Quling}\n",
              E: entry(people="[yang-quling, yang-quling-2]")}),
        Case("alias '…' of … is the person's own name (warning)", "Remove it from `aliases`.",
             {P: "- id: yang-quling\n  name: {zh: 杨趣玲, en: Yang Quling}\n  aliases: [杨趣玲, 小杨]\n"}),
        Case("alias '…' of … is already the name or alias of …",
             "An alias must mean one person only. Remove it from one of them.",
             {P: "- id: yang-quling\n  name: {zh: 杨趣玲, en: Yang Quling}\n  aliases: [小杨]\n"
                 "- id: yang-fan\n  name: {zh: 杨帆, en: Yang Fan}\n  aliases: [小杨]\n",
              E: entry(people="[yang-quling, yang-fan]")}),
    ]),
    Section("stats.yaml", "", [
        Case("file is empty; it is ignored (warning)", "An empty optional file (`people.yaml`, `stats.yaml`, "
             "`commendations.yaml`). Fill it in or delete it.", {S: "\n"}),
        Case("stats.yaml must be a list of statistics", "Start each statistic with `- id: …`.",
             {S: "households: 3730\n"}),
        Case("a statistic has no 'label'", "Every statistic needs an `id` and a `label`.",
             {S: "- id: households\n"}),
        Case("'kind': '…' is not one of gauge, count", "Use `gauge` (a level) or `count` (added up).",
             {S: "- id: households\n  label: 居民户数\n  kind: total\n"}),
        Case("duplicate statistic id", "Give each statistic its own id.",
             {S: "- id: households\n  label: 居民户数\n- id: households\n  label: 户数\n"}),
        Case("unknown field in a statistic (warning)", "A typing mistake; see the suggestion.",
             {S: "- id: households\n  label: 居民户数\n  units: 户\n"}),
    ]),
    Section("commendations.yaml", "", [
        Case("commendations.yaml has no 'categories'", "The file must start with `categories:`.",
             {K: "awards: []\n"}),
        Case("'categories': expected a list of categories", "Write one `- id: …` per category.",
             {K: "categories: x\n"}),
        Case("a category has no 'name'", "Every category needs an `id` and a `name`.",
             {K: "categories:\n  - id: outstanding-workers\n"}),
        Case("duplicate category id", "Give each category its own id, or merge them.",
             {K: "categories:\n  - {id: outstanding-workers, name: 优秀}\n  - {id: outstanding-workers, name: 先进}\n"}),
        Case("'awards': expected a list of awards", "Write one `- person: …` per award.",
             {K: "categories:\n  - id: outstanding-workers\n    name: 优秀社区工作者\n    awards: yang-quling\n"}),
        Case("an award has no 'citation'", "Every award needs a `person` and a `citation`.",
             {K: award("")}),
        Case("'person': '…' is not a valid id", "Name the person by id, not by name.",
             {K: award("        citation: 带病坚守岗位。\n").replace("person: yang-quling", "person: 杨趣玲")}),
        Case("unknown person '…' (award)", "The id is not in `people.yaml`. See the suggestion.",
             {K: award("        citation: 带病坚守岗位。\n").replace("person: yang-quling", "person: yang-quiling")}),
        Case("'evidence': '…' is not an entry date or stem", "Write entry dates as YYYY-MM-DD.",
             {K: award("        citation: 带病坚守岗位。\n        evidence: [1月23日]\n")}),
        Case("evidence '…' is not an entry", "There is no entry of that date (or it is a draft).",
             {K: award("        citation: 带病坚守岗位。\n        evidence: [2020-01-24]\n")}),
        Case("evidence entry … does not mention … (warning)",
             "The entry's text does not mention the person (being in `people:` is not enough). "
             "Check the date, or mention the person in the text.",
             {K: award("        citation: 带病坚守岗位。\n        evidence: [2020-01-23]\n")}),
        Case("the award to … has no evidence: no entry mentions them (warning)",
             "Add `evidence:` or mention the person in an entry.",
             {P: Y + "- id: li-yun\n  name: {zh: 李云, en: Li Yun}\n",
              K: award("        citation: 带病坚守岗位。\n").replace("person: yang-quling", "person: li-yun")}),
    ]),
    Section("Entries and translations", "", [
        Case("not a Markdown file; ignored (warning)", "Only `.md` files are entries. Move the file elsewhere.",
             {"entries/notes.txt": "hello\n"}),
        Case("file name '…' does not start with a date as YYYY-MM-DD", "Rename the file as the hint says.",
             {"entries/2020-1-25.md": entry(date="2020-01-25")}),
        Case("file name … (no date at all)", "Entry files are named after their date.",
             {"entries/jan25.md": entry(date="2020-01-25")}),
        Case("'.zh.md' is the source language", "The source-language file has no language suffix.",
             {"entries/2020-01-25.zh.md": entry(date="2020-01-25")}),
        Case("unknown language '…' in the file name", "The language is not in `languages`.",
             {"entries/2020-01-23.fr.md": "---\ntitle: Une réunion\n---\nUne réunion.\n"}),
        Case("translation without a source file", "Add the source file, or correct the translation's name.",
             {"entries/2020-01-24.en.md": "---\ntitle: x\n---\nText.\n"}),
        Case("file is empty (entry)", "Write the entry, or delete the file.", {E: "\n"}),
        Case("an entry must start with front matter", "Start the file with the lines the hint shows.",
             {E: "晚上开会。\n"}),
        Case("the front matter has no 'date'", "Every entry needs `date:`.",
             {E: "---\ntitle: 紧急会议\npeople: [yang-quling]\n---\n晚上开会。\n"}),
        Case("date … does not agree with the file name's date", "Rename the file or correct the date.",
             {E: entry(date="2020-01-24")}),
        Case("entry has no text (warning)", "Write the text below the closing `---`.",
             {E: entry(body="")}),
        Case("'draft': expected true or false", "Write `draft: true` or `draft: false`.",
             {E: entry("draft: no way\n")}),
        Case("'tags': '…' is not a usable tag", "Tags are short words without `/`.",
             {E: entry("tags: [a/b]\n")}),
        Case("'stats': expected a list of figures", "Write one `- {stat: …, value: …}` per figure.",
             {E: entry("stats: 3730\n")}),
        Case("'value': expected a number", "Write the number alone and keep the words in a `note`.",
             {S: "- id: households\n  label: 居民户数\n", E: entry("stats:\n  - {stat: households, value: 80余名}\n")}),
        Case("a figure has no 'value'", "Every figure needs `stat` and `value`.",
             {S: "- id: households\n  label: 居民户数\n", E: entry("stats:\n  - {stat: households}\n")}),
        Case("unknown statistic '…'", "The statistic is not in `stats.yaml`. See the suggestion.",
             {S: "- id: households\n  label: 居民户数\n", E: entry("stats:\n  - {stat: houshold, value: 3730}\n")}),
        Case("unknown statistic '…' (no stats.yaml)", "Define the statistic in `stats.yaml`.",
             {E: entry("stats:\n  - {stat: households, value: 3730}\n")}),
        Case("'people': expected a list of ids", "Write `people: [yang-quling, li-yun]`.",
             {E: entry(people="{a: b}")}),
        Case("unknown person '…' in 'people'", "The id is not in `people.yaml`. See the suggestion.",
             {E: entry(people="[yang-quiling]")}),
        Case("unknown field in the front matter (warning)", "A typing mistake; see the suggestion.",
             {E: entry("tag: [snow]\n")}),
        Case("no en translation (warning)", "The entry has no translation yet. Its source text is shown "
             "on the English page. Add the translation when it is ready.", {T: None}),
        Case("'…' in a translation is ignored (warning)", "A translation carries only its title and text. "
             "Set these fields in the source file.",
             {T: "---\ntitle: A meeting\ndate: 2020-01-23\ntags: [x]\n---\nA meeting.\n"}),
        Case("unknown field in a translation's front matter (warning)", "A typing mistake; see the suggestion.",
             {T: "---\ntitle: A meeting\nsubtitle: x\n---\nA meeting.\n"}),
        Case("translation is empty (warning)", "Write the translation, or delete the file.", {T: "\n"}),
        Case("translation has no text (warning)", "Write the text below the closing `---`.",
             {T: "---\ntitle: A meeting\n---\n\n"}),
        Case("… is mentioned in the en translation but not in the source text (warning)",
             "Mention the person in the source text too, or add them to `people:`.",
             {P: Y + "- id: li-yun\n  name: {zh: 李云, en: Li Yun}\n",
              T: "---\ntitle: A meeting\n---\nA meeting with [[li-yun]].\n"}),
    ]),
    Section("Weekday and lunar date", "See [writing.md](writing.md#weekday-and-lunar-date) for the accepted forms.", [
        Case("weekday: …, but … is a …", "The weekday does not fit the date. Check both.",
             {E: entry("weekday: 星期五\n")}),
        Case("weekday: … is not a weekday", "Write the weekday in one of the accepted forms.",
             {E: entry("weekday: 礼拜\n")}),
        Case("lunar: …, but … is …", "The lunar date does not fit the date. The message gives the real one.",
             {E: entry("lunar: 大年三十\n")}),
        Case("lunar: … is not a lunar date", "Write the lunar date in one of the accepted forms.",
             {E: entry("lunar: 腊月卅一\n")}),
    ]),
    Section("The text of entries and pages", "", [
        Case("unknown person '…' in [[…]]", "The id or name is not in `people.yaml`. See the suggestion.",
             {E: entry(body="晚上[[yang-quiling]]开会。\n")}),
        Case("unknown person (by name) in [[…]]", "The name is not registered. See the suggestion.",
             {E: entry(body="晚上[[杨曲玲]]开会。\n")}),
        Case("empty mention [[]]", "Write a person's id or name between the brackets.",
             {E: entry(body="晚上[[]]开会。\n")}),
        Case("'[[' is never closed", "Close the mention with `]]`.",
             {E: entry(body="晚上[[yang-quling开会。\n")}),
        Case("']]' without an opening '[[' (warning)", "Open the mention with `[[`, or remove the `]]`.",
             {E: entry(body="晚上yang-quling]]开会。\n")}),
        Case("'media/…' is not a file in media/", "Put the file in `media/`, or correct the name.",
             {E: entry(body="![照片](media/photo.jpg)\n")}),
        Case("a link or image address contains the name of a person who is published as initials or anonymously",
             "An address would show a hidden person's name. Rename the file or change the link.",
             {P: Y + "- id: wang-fang\n  name: {zh: 王芳, en: Wang Fang}\n  publish: initials\n",
              E: entry(body="![照片](media/王芳.jpg)\n", people="[yang-quling, wang-fang]"),
              "media/王芳.jpg": b"\xff\xd8\xff"},
             show=(P, E)),
        Case("text looks like a mobile phone number", "Remove it, move it to `private:`, or allow it "
             "under `privacy: allow:` if it is meant to be public.",
             {E: entry(body="杨趣玲的电话是13912345678。\n")}),
        Case("text looks like a resident ID number", "Remove it, or move it to `private:`.",
             {E: entry(body="身份证号11010519491231002X。\n")}),
        Case("text looks like an email address", "Remove it, or allow it if it is a public address.",
             {E: entry(body="邮箱 yang@example.org。\n")}),
    ]),
    Section("pages/", "", [
        Case("not a Markdown file; ignored (warning, pages)", "Only `.md` files are pages.",
             {"pages/about.txt": "x\n"}),
        Case("page file name '…' is not a valid id", "Name pages with lower-case letters, digits and hyphens.",
             {"pages/About Us.md": "---\ntitle: 关于\n---\n关于。\n"}),
        Case("translation without a source file (pages)", "Add the source page.",
             {"pages/about.en.md": "---\ntitle: About\n---\nAbout.\n"}),
        Case("file is empty (page)", "Write the page, or delete the file.", {"pages/about.md": "\n"}),
        Case("'order': expected a number", "Write a number: `order: 2`.",
             {"pages/about.md": "---\ntitle: 关于\norder: first\n---\n关于。\n",
              "pages/about.en.md": "---\ntitle: About\n---\nAbout.\n"}),
        Case("no en translation (warning, pages)", "The page has no translation yet.",
             {"pages/about.md": "---\ntitle: 关于\n---\n关于。\n"}),
    ]),
    Section("Build and output", "These come only from `chronicle build`: `chronicle check` does not write, so it "
            "does not look at the output folder or render the pages. The folder paths in these examples are "
            f"shown as `{SHOWN_ROOT}`.", [
        Case("the output folder … already holds files that chronicle did not write",
             "chronicle replaces its output folder on every build, so it refuses a folder with other files. "
             "Choose a new or empty folder, or move those files away.",
             {}, cmd=BUILD, setup=_foreign_output, input_note="`public/` holds a file `notes.txt`."),
        Case("the output folder … is, or contains, the content folder",
             "The site may not be written over the content. Choose another folder, e.g. `--out public`.",
             {}, cmd=("build", "content", "--out", ".")),
        Case("the output folder … is inside the content folder",
             "The next build would read the site as content. Choose a folder beside the content.",
             {}, cmd=("build", "content", "--out", "content/public")),
        Case("refusing to use … as the output folder",
             "chronicle will not replace your home folder or the top folder of the disk. Choose a folder of "
             "its own, e.g. `--out public`.", {}, cmd=("build", "content", "--out", str(Path.home()))),
        Case("the output path … exists and is not a folder", "A file has the output folder's name.",
             {}, cmd=BUILD, setup=_output_is_file, input_note="`public` is a file."),
        Case("template error", "A template in `content/templates/` has a mistake. The message names the "
             "file and line when it can.",
             {"templates/entry.html": '{% extends "theme/entry.html" %}\n{% block title %}{{ v.titel }}{% endblock %}\n'},
             cmd=BUILD),
        Case("template error (syntax)", "A template has a syntax mistake.",
             {"templates/page.html": "{% block main %}\n{{ v.title \n{% endblock %}\n",
              "pages/about.md": "---\ntitle: 关于\n---\n关于。\n", "pages/about.en.md": "---\ntitle: About\n---\nAbout.\n"},
             cmd=BUILD, show=("templates/page.html",)),
        Case("the real name or alias of … (publish: not full) would appear in …",
             "The last safety net: a page would carry the real name, an alias or the id of a person published "
             "with `initials` or `anonymous`. chronicle already replaces such names in the texts it knows, so "
             "this mostly comes from a changed template that prints a hidden person's real data, as here. "
             "Change the template (use `p.names[lang]` and `p.pid`).",
             {P: "- id: wang-fang\n  name: {zh: 王芳, en: Wang Fang}\n  publish: initials\n",
              E: entry(body="王芳在家隔离。\n", people=""),
              "templates/person.html": '{% extends "theme/person.html" %}\n{% block title %}{{ p.person.id }}{% endblock %}\n'},
             cmd=BUILD),
        Case("search is off: the Pagefind binary was not found (warning)",
             "Full-text search needs Pagefind. Without it the site is built all the same, without a search box. "
             "Install it (`pip install 'pagefind[extended]'`) or build with `--no-search`.",
             {}, cmd=BUILD, shadow={"pagefind": "raise ImportError('pagefind is not installed')\n"},
             input_note="Pagefind is not installed."),
        Case("--strict: a warning becomes an error", "With `--strict`, every warning stops the build.",
             {T: None}, cmd=BUILD + ("--strict",)),
    ]),
]


def _write(root: Path, files: dict) -> None:
    merged = dict(BASE)
    merged.update(files)
    for name, text in merged.items():
        if text is None:
            continue
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")


def run(case: Case, workdir: Path) -> tuple[int, str]:
    root = workdir / "diary"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir()
    _write(root, case.files)
    if case.setup:
        case.setup(root)
    path = [str(ROOT)]
    if case.shadow:
        shadow = workdir / "shadow"
        shutil.rmtree(shadow, ignore_errors=True)
        for module, source in case.shadow.items():
            target = shadow / module.replace(".", "/") / "__init__.py"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(source, encoding="utf-8")
        path.insert(0, str(shadow))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(path), "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-m", "chronicle", *case.cmd], cwd=root, capture_output=True,
                          text=True, env=env, timeout=300)
    out = (proc.stderr + proc.stdout) if "build" in case.cmd[:1] else proc.stdout + proc.stderr
    out = out.replace(str(root.resolve()), SHOWN_ROOT).replace(str(root), SHOWN_ROOT)
    out = out.replace(str(Path.home().resolve()), SHOWN_HOME)
    out = re.sub(r" in \d+\.\d\d s ", " in 1.23 s ", out)
    out = "\n".join(line.rstrip() for line in out.strip().splitlines())
    return proc.returncode, out


def _fence(text: str, lang: str = "") -> str:
    return f"```{lang}\n{text.rstrip()}\n```"


def render() -> tuple[str, list[str]]:
    problems = []
    parts = [HEADER]
    with tempfile.TemporaryDirectory() as tmp:
        for section in SECTIONS:
            parts.append(f"## {section.title}\n")
            if section.intro:
                parts.append(section.intro + "\n")
            for case in section.cases:
                code, out = run(case, Path(tmp))
                if "Traceback" in out or not out:
                    problems.append(f"{case.title}: {out[-300:] or 'no output'}")
                parts.append(f"### {case.title}\n")
                parts.append(case.explain + "\n")
                shown = case.show or tuple(n for n, t in case.files.items() if isinstance(t, str))
                if case.input_note:
                    parts.append(case.input_note + "\n")
                for name in shown:
                    text = case.files[name]
                    if text is None:
                        continue
                    if len(text) > 600:
                        text = text[:200] + "…\n"
                    lang = "yaml" if name.endswith(".yaml") else ("jinja" if name.startswith("templates/") else "markdown")
                    parts.append(f"`{name}`:\n\n" + _fence(text, lang) + "\n")
                deleted = [n for n, t in case.files.items() if t is None]
                for name in deleted:
                    parts.append(f"`{name}` is missing.\n")
                shown_cmd = " ".join(case.cmd).replace(str(Path.home()), SHOWN_HOME)
                parts.append(f"`$ chronicle {shown_cmd}` (exit code {code}):\n\n" + _fence(out) + "\n")
    parts.append(FOOTER)
    return "\n".join(parts), problems


FOOTER = """## Rare messages

These protect the output in situations that are hard to show with a small example.

| message | what it means |
|---|---|
| `cannot write the site: <file>: <reason>` | The disk is full, or the output folder cannot be written (permissions). The old site is left as it was. Hint: `check that the disk is not full and that the output folder can be written`. |
| `search is off: Pagefind …; the site was built without a search box` (warning) | Pagefind was found but failed: it did not finish in 300 s (`Pagefind did not finish within 300 s`), could not be started, stopped with an error, wrote no index, or indexed no page. The site is written again without search. Run the build again, or use `--no-search`. |
| `Pagefind is not the extended build: Chinese is not split into words, so a word inside a Chinese sentence is not found` (warning) | The plain Pagefind is installed. Install the extended one: `pip install 'pagefind[extended]'`. |
| `refusing to write a page outside the output folder: '…'` | An internal safety check: no page may be written outside the output folder. Please report it. |
| `a media file would overwrite a page: …` | An internal safety check: a file from `media/` and a page would have the same address. Please report it. |
"""


HEADER = """# Errors and warnings

This page lists every message chronicle gives about the content, grouped by the file it is about.
Each one comes with a tiny example and the exact text chronicle prints for it.

How to read a message:

```
content/entries/2020-01-23.md:4: error: lunar: 大年三十, but 2020-01-23 is 腊月廿九 (大年二十九)
```

- `content/entries/2020-01-23.md` is the file, `4` the line in it (left out when the problem is
  about the whole file).
- `error` stops the build; `warning` does not (except with `--strict`).
- An indented line under the message is a hint: what to do.

chronicle reports every problem it finds, not just the first. It checks in two rounds (each file
on its own, then the files together), so after fixing a first batch, run `chronicle check` again.

The examples start from this small chronicle and change one or two files:

```
content/chronicle.yaml:            title: {zh: 小区日记, en: Estate Diary}
                                   languages: [zh, en]
content/people.yaml:               - id: yang-quling
                                     name: {zh: 杨趣玲, en: Yang Quling}
content/entries/2020-01-23.md:     ---
                                   date: 2020-01-23
                                   people: [yang-quling]
                                   ---
                                   晚上开会。
content/entries/2020-01-23.en.md:  ---
                                   title: A meeting
                                   ---
                                   A meeting in the evening.
```

Each example shows the changed file(s), the command, its exit code and what it printed.
`chronicle check` ends with a short review (translation coverage and the like, see
[cli.md](cli.md#chronicle-check)) and a count of errors and warnings.

This page is made by `python3 docs/tools/make_errors.py`, which runs every example for real.
"""


def main() -> int:
    text, problems = render()
    for problem in problems:
        print("PROBLEM:", problem, file=sys.stderr)
    if "--check" in sys.argv:
        current = PAGE.read_text(encoding="utf-8") if PAGE.exists() else ""
        if current != text:
            print("docs/errors.md is out of date: run python3 docs/tools/make_errors.py", file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(text, encoding="utf-8")
    print(f"wrote {PAGE.relative_to(ROOT)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
