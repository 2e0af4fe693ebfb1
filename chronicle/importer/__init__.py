"""`chronicle import`: an existing diary document → a content folder.

read (documents.py, word.py, html_reader.py) → tell the language (language.py)
→ find dated headings (headings.py) → date them (years.py) → plan the files
(this module) → write them, never over an existing file unless forced. Names
that look like people are proposed as a starting people.yaml (names.py for
Chinese, latin_names.py for Latin-script text), each marked "# check".
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from chronicle.importer.documents import Document, ImportProblem, Paragraph, read_document
from chronicle.importer.headings import Heading, parse_heading
from chronicle.importer.language import Detection, detect_language
from chronicle.importer.names import Candidate, find_names
from chronicle.importer.years import date_headings

__all__ = ["ImportProblem", "ImportPlan", "plan_import", "write_plan", "people_yaml", "find_names", "read_document"]

PREFACE_TITLES = {"zh": "前言", "en": "Preface", "fr": "Préface", "de": "Vorwort", "es": "Prefacio",
                  "it": "Prefazione", "nl": "Voorwoord", "pt": "Prefácio"}
DEFAULT_TITLES = {"zh": "日记", "en": "Diary", "fr": "Journal", "de": "Tagebuch", "es": "Diario", "it": "Diario",
                  "nl": "Dagboek", "pt": "Diário"}
LATIN_SCRIPT = ("en", "fr", "de", "es", "it", "nl", "pt")

Progress = Callable[[str, int, int], None]


@dataclass
class PlannedEntry:
    stem: str
    date: dt.date
    heading: Heading
    paragraphs: list[str]


@dataclass
class ImportPlan:
    """Every file the import would write, as text, and what the summary needs to say."""

    document: Document
    files: dict[str, str]                 # path relative to the content folder → text
    entries: list[PlannedEntry]
    preface: bool
    how: str                              # where the year came from
    warnings: list[str] = field(default_factory=list)
    people: list[Candidate] = field(default_factory=list)
    lang: str = "zh"
    detection: Detection | None = None    # None: the language was given with --lang
    dropped: list[str] = field(default_factory=list)   # what could not be carried over, and where


def _scalar(value: str) -> str:
    """A YAML scalar that reads back as exactly ``value``: plain when safe, else double-quoted."""
    if (value and value == value.strip() and not re.search(r"[:#{}\[\],&*!|>'\"%@`\x00-\x1f\x7f\x85\u2028\u2029]|^[-?]", value)
            and not re.fullmatch(r"[-+.\d\s:]+|true|false|yes|no|on|off|null|~", value, re.IGNORECASE)):
        return value
    return json.dumps(value, ensure_ascii=False)


def _body(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs) + "\n" if paragraphs else ""


def entry_text(entry: PlannedEntry) -> str:
    h = entry.heading
    lines = ["---", f"date: {entry.date.isoformat()}"]
    if h.title:
        lines.append(f"title: {_scalar(h.title)}")
    if h.weekday:
        lines.append(f"weekday: {_scalar(h.weekday)}")
    if h.lunar:
        lines.append(f"lunar: {_scalar(h.lunar)}")
    lines.append("---")
    return "\n".join(lines) + "\n" + _body(entry.paragraphs)


def _paragraph_text(p: Paragraph) -> str:
    text = p.text.strip()
    if p.heading and p.kind == "text":
        return "#" * max(2, min(p.heading, 6)) + " " + text
    return text


def base(lang: str) -> str:
    return lang.split("-")[0].lower()


def choose_language(doc: Document, lang: str | None) -> tuple[str, Detection | None]:
    """The language given with --lang, else the one the text is written in; ImportProblem when it cannot tell."""
    if lang:
        return lang, None
    sample, size = [], 0
    for p in doc.paragraphs:
        if p.kind in ("text", "list"):
            sample.append(p.text)
            size += len(p.text)
            if size > 200_000:
                break
    found = detect_language("\n".join(sample))
    if found.lang is None:
        raise ImportProblem(f"{doc.path.name}: could not tell which language the diary is written in: {found.reason}",
                            "give it with --lang, e.g. --lang en (English), --lang zh (Chinese), --lang fr (French)")
    return found.lang, found


def plan_import(doc: Document, *, year: int | None = None, lang: str | None = None, title: str | None = None,
                people: bool = True, progress: Progress | None = None) -> ImportPlan:
    """Split the document at its dated headings and plan one file per entry, the preface and the config.

    ``lang`` None: the language is detected from the text (choose_language)."""
    lang, detection = choose_language(doc, lang)
    headings: list[tuple[int, Heading]] = []
    total = len(doc.paragraphs)
    for index, p in enumerate(doc.paragraphs):
        h = parse_heading(p.text, p.line, marked=bool(p.heading), lang=lang) if p.kind == "text" else None
        if h is not None:
            headings.append((index, h))
        if progress and index % 500 == 0:
            progress("reading", index, total)
    if not headings:
        raise ImportProblem(f"{doc.path.name}: no dated headings found in {total} paragraphs",
                            "entries must start with a heading such as '1月23日 星期四', '2020年1月23日', "
                            "'January 23, 2020' or '2020-01-23', on a line of its own")
    dating = date_headings([h for _, h in headings], year)
    first = headings[0][0]
    before = doc.paragraphs[:first]
    doc_title = title or doc.title
    if before and before[0].heading and (not doc_title or before[0].text.strip() == doc_title.strip()):
        doc_title, before = before[0].text.strip(), before[1:]
    elif (not doc_title and len(before) > 1 and before[0].kind == "text" and len(before[0].text) <= 80
          and not re.search(r"[.。!！?？:：;；,，]$", before[0].text.strip())):
        doc_title, before = before[0].text.strip(), before[1:]   # a short first line: the diary's title
    doc_title = doc_title or DEFAULT_TITLES.get(base(lang), DEFAULT_TITLES["en"])

    entries: list[PlannedEntry] = []
    used: dict[str, int] = {}
    bounds = [i for i, _ in headings] + [len(doc.paragraphs)]
    for n, ((index, h), d) in enumerate(zip(headings, dating.dates)):
        stem = d.isoformat()
        used[stem] = used.get(stem, 0) + 1
        if used[stem] > 1:
            stem = f"{stem}-{used[stem]}"
        paragraphs = [_paragraph_text(p) for p in doc.paragraphs[index + 1:bounds[n + 1]]]
        entries.append(PlannedEntry(stem, d, h, [p for p in paragraphs if p]))
        if progress and n % 100 == 0:
            progress("entries", n, len(headings))

    files: dict[str, str] = {"chronicle.yaml": config_text(doc, doc_title, lang, entries)}
    preface = [_paragraph_text(p) for p in before if p.text.strip()]
    if preface:
        files["pages/preface.md"] = (f"---\ntitle: {_scalar(PREFACE_TITLES.get(base(lang), 'Preface'))}\n---\n"
                                     + _body(preface))
    for entry in entries:
        files[f"entries/{entry.stem}.md"] = entry_text(entry)
    plan = ImportPlan(doc, files, entries, bool(preface), dating.how, list(dating.warnings), lang=lang,
                      detection=detection, dropped=_placed(doc, [i for i, _ in headings], entries))
    if people and (base(lang) == "zh" or base(lang) in LATIN_SCRIPT):
        if progress:
            progress("names", 0, 1)
        texts = ([("preface", "\n".join(preface))] if preface else []) + \
                [(e.stem, "\n".join(e.paragraphs)) for e in entries]
        if base(lang) == "zh":
            plan.people = find_names(texts)
        else:
            from chronicle.importer.latin_names import find_latin_names
            plan.people = find_latin_names(texts, lang)
        if plan.people:
            files["people.yaml"] = people_yaml(plan.people, doc.path.name, lang)
    return plan


def _placed(doc: Document, starts: list[int], entries: list[PlannedEntry]) -> list[str]:
    """Each dropped thing with the file and heading it belongs under and the paragraph it came after."""
    out = []
    for d in doc.dropped:
        n = sum(1 for s in starts if s < d.after)
        if n == 0:
            where = f"before the first dated heading (pages/preface.md, after paragraph {d.after})"
        else:
            entry = entries[n - 1]
            into = d.after - starts[n - 1] - 1
            where = (f"entries/{entry.stem}.md, under '{entry.heading.text}'"
                     + (f", after paragraph {into}" if into else ", at the start"))
        unit = "line" if doc.format != "docx" else "paragraph"
        out.append(f"{doc.path.name} {unit} {d.line}: {d.what} — {where}")
    return out


def config_text(doc: Document, title: str, lang: str, entries: list[PlannedEntry]) -> str:
    lunar = base(lang) == "zh" or any(e.heading.lunar for e in entries)
    other = "en" if base(lang) != "en" else "zh"
    lines = [
        f"# Written by `chronicle import` from {doc.path.name}. Check the title; docs/writing.md lists",
        "# every option (subtitle, author, place, base_url, phases, groups, locales).",
        f"title: {{{lang}: {_scalar(title)}}}",
        f"languages: [{lang}]  # the diary's language first; to add translations: [{lang}, {other}]",
    ]
    if lunar:
        lines.append("lunar_calendar: true  # show and check Chinese lunar dates")
    else:
        lines.append("lunar_calendar: false")
    lines.append("autolink: true  # names and aliases from people.yaml link to each person's page")
    return "\n".join(lines) + "\n"


_LATIN_HEADER = [
    "# These are guesses from the text, not facts: capitalised names that come back, names after a",
    "# title (Mrs Patel, Dr Okafor, Councillor Hughes), and short forms grouped under the full name",
    "# as aliases (Priya, the Chief). Each says how often and where it was first seen.",
    "# Check every item: keep it if it is a person and correct the name; delete it if it is not",
    "# a person (a place, a team, a ship); move an alias that belongs to someone else; then remove",
    "# its '# check' mark.",
    "# `chronicle check` lists the names in the text that are still not registered.",
    "",
]


def people_yaml(candidates: list[Candidate], source: str, lang: str = "zh") -> str:
    """A proposed registry: every item carries a '# check' mark and the evidence for it."""
    from chronicle.chinese.pinyin import name_slug

    if base(lang) != "zh":
        return _people_yaml_latin(candidates, source)
    lines = [
        f"# A starting people.yaml, proposed by `chronicle import` from {source}.",
        "# These are guesses from the text, not facts: names written next to a title or role",
        "# (站长张庆新, 黄书记) and two- or three-character names that come back in the text.",
        "# Check every item: keep it if it is a person and correct the name; delete it if it",
        "# is not a person; then remove its '# check' mark. Add English names like this:",
        "#   name: {zh: 杨趣玲, en: Yang Quling}",
        "# `chronicle check` lists the names in the text that are still not registered.",
        "",
    ]
    ids: set[str] = set()
    for cand in candidates:
        slug = name_slug(cand.name) or "person"
        pid, n = slug, 1
        while pid in ids:
            n += 1
            pid = f"{slug}-{n}"
        ids.add(pid)
        seen = f"{cand.count} time{'s' if cand.count != 1 else ''}"
        where = f" ({cand.where[0]})" if cand.where else ""
        example = f", e.g. “{cand.examples[0]}”{where}" if cand.examples else ""
        lines.append(f"- name: {_scalar(cand.name)}  # check: {seen}{example}")
        lines.append(f"  id: {pid}")
        if cand.aliases:
            lines.append(f"  aliases: [{', '.join(_scalar(a) for a in cand.aliases)}]  # check")
        if cand.titles and cand.name[-len(cand.titles[0]):] != cand.titles[0]:
            lines.append("  roles:")
            lines.append(f"    - title: {_scalar(cand.titles[0])}  # check")
    return "\n".join(lines) + "\n"


def _people_yaml_latin(candidates: list[Candidate], source: str) -> str:
    from chronicle.chinese.pinyin import slugify

    lines = [f"# A starting people.yaml, proposed by `chronicle import` from {source}."] + _LATIN_HEADER
    ids: set[str] = set()
    for cand in candidates:
        slug = slugify(cand.name) or "person"
        pid, n = slug, 1
        while pid in ids:
            n += 1
            pid = f"{slug}-{n}"
        ids.add(pid)
        seen = f"{cand.count} time{'s' if cand.count != 1 else ''}"
        first = f", first in {cand.where[0]}" if cand.where else ""
        example = f": “{cand.examples[0]}”" if cand.examples else ""
        lines.append(f"- name: {_scalar(cand.name)}  # check: {seen}{first}{example}")
        lines.append(f"  id: {pid}")
        if cand.aliases:
            lines.append(f"  aliases: [{', '.join(_scalar(a) for a in cand.aliases)}]  # check")
        if cand.titles:
            lines.append("  roles:")
            lines.append(f"    - title: {_scalar(cand.titles[0])}  # check")
    return "\n".join(lines) + "\n"


@dataclass
class WriteResult:
    written: list[str]
    skipped: list[str]     # existing files left alone (no --force)
    kept: list[str]        # chronicle.yaml when it is left as it is
    config_changes: list[str] = field(default_factory=list)  # how chronicle.yaml disagrees with the import
    backup: str | None = None                                # where --force saved the replaced chronicle.yaml


def config_changes(existing: str, planned: str) -> list[str]:
    """The settings an existing chronicle.yaml has that do not fit the imported diary ('languages: [zh] → [en]')."""
    import yaml

    try:
        old = yaml.safe_load(existing) or {}
    except yaml.YAMLError:
        return ["chronicle.yaml cannot be read as YAML"]
    new = yaml.safe_load(planned)
    if not isinstance(old, dict):
        return ["chronicle.yaml holds no settings"]
    out = []
    old_langs = old.get("languages") if isinstance(old.get("languages"), list) else []
    if not old_langs or base(str(old_langs[0])) != base(new["languages"][0]):
        out.append(f"languages: {_flow(old_langs)} → {_flow(new['languages'])}")
    old_lunar, new_lunar = bool(old.get("lunar_calendar", False)), bool(new.get("lunar_calendar", False))
    if old_lunar != new_lunar and (out or old_lunar):  # a Chinese diary may leave the lunar calendar out
        out.append(f"lunar_calendar: {str(bool(old.get('lunar_calendar', False))).lower()} → "
                   f"{str(bool(new.get('lunar_calendar'))).lower()}")
    return out


def _flow(items) -> str:
    return "[" + ", ".join(str(i) for i in items) + "]"


def write_plan(plan: ImportPlan, out: Path, force: bool = False, progress: Progress | None = None) -> WriteResult:
    """Write the planned files into ``out``; existing files are skipped unless ``force``.

    chronicle.yaml is the writer's: an existing one is kept, and only said to be wrong when its language or
    calendar does not fit the diary. With ``force`` such a one is replaced, the old one saved beside it as
    chronicle.yaml.bak (never silently lost); one that fits is kept even then.

    Every file is checked before any is written: none may be reached through a link (a content folder's
    entries/ linked elsewhere would make --force overwrite files there). Each is written beside its place
    and renamed over it, so a failure leaves the old file or the new one, never half of one."""
    if out.exists() and not out.is_dir():
        raise ImportProblem(f"{out} exists and is not a folder", "give a folder with -o, e.g. -o content")
    order = sorted(plan.files.items(), key=lambda kv: _order(kv[0]))
    for rel, _ in order + [("chronicle.yaml.bak", "")]:
        _refuse_links(out, rel)
    result = WriteResult([], [], [])
    total = len(plan.files)
    for n, (rel, text) in enumerate(order):
        path = out / rel
        if path.exists():
            if rel == "chronicle.yaml":
                result.config_changes = config_changes(path.read_text(encoding="utf-8", errors="replace"), text)
                if not (force and result.config_changes):
                    result.kept.append(rel)
                    continue
                backup = path.with_name("chronicle.yaml.bak")
                _write_text(backup, path.read_text(encoding="utf-8", errors="replace"))
                result.backup = str(backup)
            elif not force:
                result.skipped.append(rel)
                continue
        try:
            _write_text(path, text)
        except OSError as exc:
            raise ImportProblem(f"cannot write {path}: {exc.strerror or exc}",
                                "check that the disk is not full and that the folder can be written"
                                + (f"; {len(result.written)} files were written before it" if result.written else "")) from None
        result.written.append(rel)
        if progress and n % 100 == 0:
            progress("writing", n, total)
    return result


def _refuse_links(out: Path, rel: str) -> None:
    """No folder below ``out`` on the way to ``rel``, nor the file itself, may be a link."""
    path = out
    for part in rel.split("/"):
        path = path / part
        if path.is_symlink():
            import os
            raise ImportProblem(f"{path} is a symbolic link (to {os.path.realpath(path)}); import never writes "
                                "through a link, so nothing was written",
                                "remove the link, or import into a new folder with -o")


def _write_text(path: Path, text: str) -> None:
    import os
    import tempfile
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        if os.path.lexists(tmp):
            os.unlink(tmp)
        raise


def _umask() -> int:
    import os
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _order(rel: str) -> tuple:
    rank = {"chronicle.yaml": 0, "people.yaml": 1}.get(rel, 2 if rel.startswith("pages/") else 3)
    return rank, rel
