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
W = "- id: wang-fang\n  name: {zh: 王芳, en: Wang Fang}\n  publish: initials\n"
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


def _link_in_content(link_rel: str, target_rel: str):
    def setup(root: Path) -> None:
        link = root / "content" / link_rel
        link.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(root / "content" / target_rel, link)
    return setup


def _folder_link(folder: str):
    def setup(root: Path) -> None:
        outside = root / f"shared-{folder}"
        shutil.move(str(root / "content" / folder), outside)
        os.symlink(outside, root / "content" / folder)
    return setup


def _media_folder_link(root: Path) -> None:
    (root / "pictures").mkdir()
    os.symlink(root / "pictures", root / "content" / "media")


def _pipe(rel: str):
    def setup(root: Path) -> None:
        os.mkfifo(root / "content" / rel)
    return setup


def _planted_cache(root: Path) -> None:
    """A file where chronicle keeps its record of the last build into public/, not signed with this user's key."""
    import hashlib
    name = hashlib.sha256(str((root / "public").resolve()).encode("utf-8")).hexdigest()[:24]
    planted = root / "content" / ".chronicle-cache" / "builds" / name
    planted.parent.mkdir(parents=True)
    planted.write_bytes(b"cos\nsystem\n(S'touch pwned'\ntR.")


def _bomb(root: Path) -> None:
    """A Word file of 0.1 MB whose text unpacks to 40 MB."""
    import io
    import zipfile

    import docx
    document = docx.Document()
    document.add_paragraph("2020年1月23日")
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    with zipfile.ZipFile(root / "diary.docx", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<!--" + b" " * (40 * 1024 * 1024) + b"--><w:body>")
            archive.writestr(info, data)


def _import_into_link(root: Path) -> None:
    (root / "diary.txt").write_text("2020年1月23日\n晚上开会。\n", encoding="utf-8")
    (root / "elsewhere").mkdir()
    shutil.rmtree(root / "content" / "entries")
    os.symlink(root / "elsewhere", root / "content" / "entries")


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
        Case("symbolic link points outside the content folder (a folder)",
             "A folder of the content (`entries/`, `pages/`) is a link to a folder elsewhere. Move the folder "
             "into the content folder instead.",
             {}, setup=_folder_link("entries"),
             input_note="`entries/` is a symbolic link to a folder outside `content/`."),
        Case("symbolic link points outside media/",
             "Every file in `media/` is published as it is, so it must lie inside `media/` itself. A link to "
             "`people.yaml` would publish every private field. Copy the file into `media/` instead.",
             {}, setup=_link_in_content("media/people.txt", "people.yaml"),
             input_note="`media/people.txt` is a symbolic link to `people.yaml`."),
        Case("media/ is a symbolic link",
             "`media/` and `templates/` must be real folders of the content folder (a link could make them "
             "stand for the folder of `people.yaml`). Move the folder in.",
             {}, setup=_media_folder_link, input_note="`media/` is a symbolic link to a folder `pictures/`."),
        Case("not a regular file (a pipe, a device or a socket)",
             "A content file is a named pipe or a device; reading it would wait for ever. Delete it.",
             {}, setup=_pipe("entries/2020-01-25.md"), input_note="`entries/2020-01-25.md` is a named pipe."),
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
        Case("untranslated: '…' is no entry or page (warning)", "A name under `untranslated:` names no "
             "entry or page. See the suggestion.", {C: BASE[C] + "untranslated: [2020-01-32]\n"}),
        Case("locales: '…' is not a known locale", "Use a CLDR locale such as `en-GB` or `fr-CA`.",
             {C: BASE[C] + "locales: {en: en-XX-nowhere}\n"}),
        Case("locales: '…' is not one of the languages", "Give locales only for the languages of `languages:`.",
             {C: BASE[C] + "locales: {fr: fr-FR}\n"}),
        Case("'groups': expected a mapping of group ids to labels", "Write `group-id: {zh: …, en: …}` lines.",
             {C: BASE[C] + "groups: [fire-service]\n"}),
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
        Case("alias '…' of … is a common word, not a name",
             "An alias of one common word (the, she, Mr, chief) would mean this person wherever the word is "
             "written. Use a longer alias (`the Chief`, `Auntie Fang`).",
             {P: "- id: yang-quling\n  name: {zh: 杨趣玲, en: Yang Quling}\n  aliases:\n    - 小杨\n    - She\n"}),
        Case("alias '…' of … is a word of the theme's own text",
             "The alias is also a word of the site's menus, headings, templates or report wording, so pages "
             "would name the person wherever the theme shows it. Use a more particular alias.",
             {P: "- id: yang-quling\n  name: {zh: 杨趣玲, en: Yang Quling}\n  aliases: [小杨, 社区]\n"}),
        Case("'…' of … is '…' of … written another way",
             "Once case, spacing and width are set aside, two people share a name or alias, and one of them is "
             "not published by name: the other's would publish it. Change or remove one of them.",
             {P: Y + "  aliases: [the Chief]\n" + W + "  aliases: [THE CHIEF]\n",
              E: entry(people="[yang-quling, wang-fang]")}),
        Case("the alias '…' of … contains the name of … (publish: …)",
             "A published name or alias (or id, group, tag or statistic id) would spell the name of a person who "
             "is not published by name. Take the name out.",
             {P: Y + "  aliases: [王芳的邻居]\n" + W, E: entry(people="[yang-quling, wang-fang]")}),
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
        Case("… entries have no en translation (warning)", "Several entries (or pages) have no translation: "
             "one warning for them all, per language. `chronicle check --translations` lists every one. An entry "
             "that stays in its language on purpose gets `untranslated: true`.",
             {T: None, "entries/2020-01-24.md": entry(date="2020-01-24"),
              "entries/2020-01-25.md": entry(date="2020-01-25")}),
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
        Case("'…' is not an address chronicle can link to, and is left out (warning)",
             "A relative address other than `media/…` points at nothing on the site (`photo.jpg`, `/zh/`). "
             "Link a file of the content as `media/NAME`, and anything else by its full address (`https://…`). "
             "The link's text stays, without the link; a picture shows its description instead.",
             {E: entry(body="见[照片](photo.jpg)。\n")}),
        Case("the picture '…' has no description (alt text) (warning)",
             "A picture needs a description for readers who cannot see it: write it in the brackets, "
             "`![what it shows](media/NAME)`. Until then the picture gets an empty one.",
             {E: entry(body='<img src="media/photo.jpg">\n'), "media/photo.jpg": b"\xff\xd8\xff"},
             input_note="`media/photo.jpg` is a picture."),
        Case("a link or image address contains the name of a person who is published as initials or anonymously",
             "An address would show a hidden person's name. Rename the file or change the link.",
             {P: Y + "- id: wang-fang\n  name: {zh: 王芳, en: Wang Fang}\n  publish: initials\n",
              E: entry(body="![照片](media/王芳.jpg)\n", people="[yang-quling, wang-fang]"),
              "media/王芳.jpg": b"\xff\xd8\xff"},
             show=(P, E)),
        Case("text looks like a mobile phone number", "Remove it, move it to `private:`, or allow it "
             "under `privacy: allow:` if it is meant to be public.",
             {E: entry(body="杨趣玲的电话是13912345678。\n")}),
        Case("text looks like a phone number", "A number written as a phone number (with a country code, or "
             "the trunk 0 of a country of the chronicle's languages). Remove it, move it to `private:`, or end the "
             "line with `<!-- chronicle: allow-private -->` if it is meant to be public.",
             {E: entry(body="晚上开会。\n\n家里电话 010-12345678。\n")}),
        Case("text looks like a street address (warning)", "A house number and a street. Remove it, or end the "
             "line with `<!-- chronicle: allow-private -->` if it may be published.",
             {E: entry(body="地址：幸福路3号。\n")}),
        Case("text contains the private field '…' of …",
             "A value under someone's `private:` is in a text that would be published (here written another way "
             "than in `people.yaml`). Take it out: a private value is never published.",
             {P: Y + "  private:\n    phone: \"+86 139 1234 5678\"\n", E: entry(body="她的电话：139-1234-5678。\n")}),
        Case("the name of … is split by formatting",
             "The name of a person who is not published by name is split by Markdown or HTML, so it cannot be "
             "replaced by the label. Write it in one piece.",
             {P: Y + W, E: entry(body="王芳在家。\n\n**王**芳也在。\n", people="[yang-quling, wang-fang]")}),
        Case("the file name contains the name of … (media)",
             "A file in `media/` is published under its own name. Rename it (and the links to it).",
             {P: Y + W, E: entry(people="[yang-quling, wang-fang]"), "media/wang-fang.jpg": b"\xff\xd8\xff"},
             show=(P,), input_note="`media/` holds `wang-fang.jpg`."),
        Case("text looks like a resident ID number", "Remove it, or move it to `private:`.",
             {E: entry(body="身份证号11010519491231002X。\n")}),
        Case("text looks like an email address", "Remove it, or allow it if it is a public address.",
             {E: entry(body="邮箱 yang@example.org。\n")}),
    ]),
    Section("Limits", "What chronicle handles, and what it refuses rather than publish something wrong or take "
            "minutes over: years, figures, invisible characters, and Markdown beyond what a hand writes. See "
            "[writing.md](writing.md#dates-and-years).", [
        Case("invisible character U+… in column …",
             "A control character (U+0001 to U+001F except the tab, U+007F to U+009F) or a noncharacter "
             "(U+FFFE, U+FFFF, U+FDD0 to U+FDEF) is in the file, usually copied in with text from Word, a PDF "
             "or a terminal. It shows as nothing, and feeds and Word files cannot hold it. Delete it.",
             {E: entry(body="晚上开会。\n\n证言\x0b：我来。\n")}, show=(),
             input_note="Line 7 of `entries/2020-01-23.md` holds a vertical tab (U+000B) after 证言."),
        Case("text contains the invisible character …",
             "The same, written as an escape in double quotes. Take the escape out.",
             {E: entry('title: "紧急\\x01会议"\n')}),
        Case("a character reference stands for the invisible character …",
             "The same, written as a character reference in the text. Delete it.",
             {E: entry(body="晚上开会&#1;。\n")}),
        Case("the year … is outside the years chronicle supports, 1000 to 2999",
             "chronicle handles dates from the year 1000 to 2999, in entries, roles, phases and the report "
             "date. The hint suggests the year the digits most likely meant.",
             {"entries/0202-01-25.md": entry(date="0202-01-25")}),
        Case("the year … is outside the years chronicle.yaml allows ('dates:')",
             "`dates:` in `chronicle.yaml` says which years the chronicle covers; this date is outside them.",
             {C: BASE[C] + "dates: {from: 2019, to: 2021}\n", "entries/2202-01-25.md": entry(date="2202-01-25")}),
        Case("'dates': the year … is outside the years chronicle supports",
             "`dates:` can narrow the years chronicle handles, not widen them.",
             {C: BASE[C] + "dates: {from: 900, to: 2020}\n"}),
        Case("'dates': 'to' (…) is before 'from' (…)", "Swap the two years.",
             {C: BASE[C] + "dates: {from: 2023, to: 2019}\n"}),
        Case("the date … is far from every other entry (warning)",
             "An entry's year stands far away from all the others, most likely a typing mistake (2202 for 2022). "
             "Correct it as the hint says; if the date is right, say which years the chronicle covers with "
             "`dates:` in `chronicle.yaml`.",
             {"entries/2020-01-24.md": entry(date="2020-01-24"), "entries/2200-01-25.md": entry(date="2200-01-25")}),
        Case("… was read as … and '…', because a comma separates the items in { }",
             "Inside `{ }` a comma separates items, so `3,730` became the figure 3 and a stray field `730`. "
             "Write the number without the comma.",
             {S: "- id: households\n  label: 居民户数\n", E: entry("stats:\n  - {stat: households, value: 3,730}\n")}),
        Case("'value': '…' is read as text, not as a number",
             "YAML reads `3,730`, `3 730`, `1e5` and `0202` as text. Write the figure in plain digits, as the hint says.",
             {S: "- id: households\n  label: 居民户数\n", E: entry("stats:\n  - stat: households\n    value: 1e5\n")}),
        Case("'value': … is not a finite number", "`.nan`, `NaN` and `.inf` are not figures. Write the figure in digits.",
             {S: "- id: households\n  label: 居民户数\n", E: entry("stats:\n  - {stat: households, value: .nan}\n")}),
        Case("'value': … is too large: figures up to ±10^15 (a million billion) are supported",
             "A figure with too many digits, or an exponent like `1e400`. Check the number.",
             {S: "- id: households\n  label: 居民户数\n", E: entry("stats:\n  - {stat: households, value: 1e400}\n")}),
        Case("'value': … is read as the decimal …, but this chronicle's languages also write it for …",
             "In German, Spanish, Italian and other languages `3.730` means three thousand seven hundred and thirty; "
             "YAML reads it as 3.73. Write `3730`, or `3.73` if the decimal is meant.",
             {C: "title: Tagebuch\nlanguages: [de]\n", P: "- id: yang-quling\n  name: Yang Quling\n",
              S: "- id: households\n  label: Haushalte\n",
              E: entry("stats:\n  - {stat: households, value: 3.730}\n"), T: None}, show=(C, E)),
        Case("lists or quotes are nested more than 32 levels deep here",
             "Lists or quotations inside one another, past what can be shown. Nest less.",
             {E: entry(body="晚上开会。\n\n" + "> " * 40 + "我来。\n")}),
        Case("this paragraph has … definition lines (': …'); the limit is 150",
             "A long run of definitions (`term` then `: definition`) without blank lines. Put blank lines between them.",
             {E: entry(body="晚上开会。\n\n" + "卡点\n:   值守\n" * 160)}, show=(),
             input_note="`entries/2020-01-23.md` has 160 pairs of lines `卡点` / `:   值守` with no blank line."),
        Case("this paragraph has … formatting marks (…) without a blank line between them",
             "A paragraph with tens of thousands of `*`, `_`, `` ` ``, `[`, `<`, `&` or `\\`, or hundreds of "
             "headings without blank lines: showing it would take minutes. Put blank lines between paragraphs.",
             {E: entry(body="晚上开会。\n\n" + "*_" * 6000 + "\n")}, show=(),
             input_note="`entries/2020-01-23.md` has a paragraph of 12,000 characters `*_*_*_…`."),
        Case("this paragraph has … '[' that are never closed or are nested deep",
             "The Markdown reader looks for the `]` of every `[`; thousands that are never closed would take it "
             "minutes. Close them, or write `\\[` for a bracket that is only a bracket.",
             {E: entry(body="晚上开会。\n\n" + ("[注" * 100 + "\n\n") * 30)}, show=(),
             input_note="`entries/2020-01-23.md` has 30 paragraphs of 100 `[注` each, never closed."),
        Case("… '<' look like the start of HTML tags but are not closed with '>'",
             "Each `<` followed by a letter starts an HTML tag for the Markdown reader, which then looks for its `>`. "
             "Write `&lt;` for a `<` that is only a less-than sign.",
             {E: entry(body="晚上开会。\n\n" + "a<b\n\n" * 3000)}, show=(),
             input_note="`entries/2020-01-23.md` has 3,000 paragraphs `a<b`."),
        Case("this text has more than 20,000 paragraphs",
             "One entry or page may have at most 20,000 paragraphs (text between blank lines). Split it.",
             {E: entry(body="晚上开会。\n\n" + "*开会*\n\n" * 20001)}, show=(),
             input_note="`entries/2020-01-23.md` has 20,002 paragraphs."),
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
        Case("template tried to reach …, which templates may not use",
             "Templates run in a sandbox: they may print and loop over the variables of "
             "[site.md](site.md#the-built-in-templates), call their methods and Jinja's own helpers, nothing "
             "else. A template that reaches for Python's insides, a file path or a module is refused before it "
             "can run anything. This is what a template made to attack the computer that builds it looks like.",
             {"templates/entry.html": '{% extends "theme/entry.html" %}\n'
                                      "{% block title %}{{ cycler.__init__.__globals__.os.system('id') }}{% endblock %}\n"},
             cmd=BUILD),
        Case("this cache file was not written by chronicle for this user (warning)",
             "chronicle keeps what it made in `.chronicle-cache/` inside the content folder and signs every "
             "file with a key kept in your own cache folder (`~/.cache/chronicle/key`). A file it cannot verify "
             "came with the content from someone else or another computer, or was changed: nothing in the "
             "cache is used, every file chronicle could have written there is deleted unread, and the build "
             "makes everything anew. Nothing to do.",
             {}, cmd=BUILD, setup=_planted_cache,
             input_note="`.chronicle-cache/builds/…` holds a file that chronicle did not write."),
        Case("the name of … (publish: …) would be published in …",
             "The last safety net: an output file would carry the real name, an alias or the id of a person "
             "published with `initials` or `anonymous` (in any spelling), or a private value. chronicle already "
             "replaces such names and refuses such values in the content's texts, so this comes from a changed "
             "template that prints a hidden person's real data, as here. Change the template (use "
             "`p.names[lang]` and `p.pid`).",
             {P: "- id: wang-fang\n  name: {zh: 王芳, en: Wang Fang}\n  publish: initials\n",
              E: entry(body="王芳在家隔离。\n", people=""),
              "templates/person.html": '{% extends "theme/person.html" %}\n{% block title %}{{ p.person.id }}{% endblock %}\n'},
             cmd=BUILD),
        Case("search is off: the Pagefind binary was not found (warning)",
             "Full-text search needs Pagefind. Without it the site is built all the same, without a search box. "
             "Install it (`pip install 'pagefind[extended]'`) or build with `--no-search`.",
             {}, cmd=BUILD, shadow={"pagefind": "raise ImportError('pagefind is not installed')\n"},
             input_note="Pagefind is not installed."),
        Case("no sitemap.xml: … chronicle.yaml has no base_url (warning)",
             "A sitemap tells search engines every page, by its full web address, so it can only be written "
             "when the content says where the site will be published. Add `base_url` to `chronicle.yaml` "
             "(see [writing.md](writing.md)); everything else works without it. `chronicle serve` does not say this.",
             {}, cmd=BUILD),
        Case("--strict: a warning becomes an error", "With `--strict`, every warning stops the build.",
             {T: None}, cmd=BUILD + ("--strict",)),
    ]),
    Section("Other commands", "", [
        Case("… is not a date in the form YYYY-MM-DD",
             "`chronicle new entry` takes the date as year-month-day. It never guesses, and never makes "
             "today's entry instead; when the date can be read one way only, it says which one it means.",
             {}, cmd=("new", "entry", "23.01.2020", "content")),
        Case("the part … of the Word file unpacks from … to …",
             "A Word file is a ZIP archive. One that unpacks to far more than it weighs is damaged, or made "
             "to take all the memory (a \"zip bomb\"); `chronicle import` and `--template` refuse it from the "
             "sizes in the archive's directory, before unpacking anything. The limits: 256 MB of text, 1 GB in "
             "all, and no part more than 100 times its packed size.",
             {}, cmd=("import", "diary.docx", "-o", "imported"), setup=_bomb,
             input_note="`diary.docx` weighs 0.1 MB; its text unpacks to 40 MB."),
        Case("… is a symbolic link (to …); import never writes through a link",
             "`chronicle import --force` replaces files in the content folder. A folder or file there that "
             "is a link would make it write somewhere else, so nothing is written.",
             {}, cmd=("import", "diary.txt", "-o", "content", "--force"), setup=_import_into_link,
             input_note="`content/entries/` is a symbolic link to a folder `elsewhere/`."),
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
    out = re.sub(r"(\.chronicle-cache/\w+/)(?:[0-9a-f]{2}/)?[0-9a-f]{24,64}", r"\1…", out)
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
                shown = case.show if case.show is not None else tuple(n for n, t in case.files.items() if isinstance(t, str))
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
| `cannot write the site into <folder>: <file>: No space left on device` | The disk of the output folder is full (or, with `Read-only file system`, `Permission denied`: it cannot be written). The file named is the one in the output folder chronicle was writing, never the content's. The old site is left as it was. The hint says what to do: free some space, or build elsewhere with `--out`. |
| `cannot read the media file <file>: <reason>` | A file of `media/` cannot be read (its permissions). |
| `another chronicle build (process <n>) is still writing to <folder>` | Builds into one output folder take turns (a lock file `.<name>.lock` beside it): a second build waits for the first, saying so, and fails with this message after 10 minutes. Wait, or build into another folder. |
| `internal error: <what>` | chronicle met a bug of its own. The hint names a file with the details (its traceback) and where to report it; look through the file first, it may quote your content. In `chronicle serve`, the error is shown over the page and the next save builds again. |
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
