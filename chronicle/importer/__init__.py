"""`chronicle import`: an existing diary document → a content folder.

read (documents.py) → find dated headings (headings.py) → date them (years.py)
→ plan the files (this module) → write them, never over an existing file
unless forced. Names that look like people are proposed as a starting
people.yaml (names.py), each marked "# check".
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
from chronicle.importer.names import Candidate, find_names
from chronicle.importer.years import date_headings

__all__ = ["ImportProblem", "ImportPlan", "plan_import", "write_plan", "people_yaml", "find_names", "read_document"]

PREFACE_TITLES = {"zh": "前言", "en": "Preface"}
DEFAULT_TITLES = {"zh": "日记", "en": "Diary"}

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
    if p.heading:
        return "#" * max(2, min(p.heading, 6)) + " " + text
    return text


def plan_import(doc: Document, *, year: int | None = None, lang: str = "zh", title: str | None = None,
                people: bool = True, progress: Progress | None = None) -> ImportPlan:
    """Split the document at its dated headings and plan one file per entry, the preface and the config."""
    headings: list[tuple[int, Heading]] = []
    total = len(doc.paragraphs)
    for index, p in enumerate(doc.paragraphs):
        h = parse_heading(p.text, p.line, marked=bool(p.heading))
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
    if not doc_title and before and before[0].heading:
        doc_title, before = before[0].text.strip(), before[1:]
    doc_title = doc_title or DEFAULT_TITLES.get(lang, DEFAULT_TITLES["en"])

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
        files["pages/preface.md"] = (f"---\ntitle: {_scalar(PREFACE_TITLES.get(lang, 'Preface'))}\n---\n"
                                     + _body(preface))
    for entry in entries:
        files[f"entries/{entry.stem}.md"] = entry_text(entry)
    plan = ImportPlan(doc, files, entries, bool(preface), dating.how, list(dating.warnings))
    if people and lang.startswith("zh"):
        if progress:
            progress("names", 0, 1)
        texts = ([("preface", "\n".join(preface))] if preface else []) + \
                [(e.stem, "\n".join(e.paragraphs)) for e in entries]
        plan.people = find_names(texts)
        if plan.people:
            files["people.yaml"] = people_yaml(plan.people, doc.path.name)
    return plan


def config_text(doc: Document, title: str, lang: str, entries: list[PlannedEntry]) -> str:
    lunar = lang.startswith("zh") or any(e.heading.lunar for e in entries)
    other = "en" if lang != "en" else "zh"
    lines = [
        f"# Written by `chronicle import` from {doc.path.name}. Check the title; docs/writing.md lists",
        "# every option (subtitle, author, place, base_url, phases).",
        f"title: {{{lang}: {_scalar(title)}}}",
        f"languages: [{lang}]  # the diary's language first; to add translations: [{lang}, {other}]",
    ]
    if lunar:
        lines.append("lunar_calendar: true  # show and check Chinese lunar dates")
    lines.append("autolink: true  # names and aliases from people.yaml link to each person's page")
    return "\n".join(lines) + "\n"


def people_yaml(candidates: list[Candidate], source: str) -> str:
    """A proposed registry: every item carries a '# check' mark and the evidence for it."""
    from chronicle.chinese.pinyin import name_slug

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


@dataclass
class WriteResult:
    written: list[str]
    skipped: list[str]     # existing files left alone (no --force)
    kept: list[str]        # chronicle.yaml, which is never replaced


def write_plan(plan: ImportPlan, out: Path, force: bool = False, progress: Progress | None = None) -> WriteResult:
    """Write the planned files into ``out``; existing files are skipped unless ``force`` (chronicle.yaml never).

    Every file is checked before any is written: none may be reached through a link (a content folder's
    entries/ linked elsewhere would make --force overwrite files there). Each is written beside its place
    and renamed over it, so a failure leaves the old file or the new one, never half of one."""
    if out.exists() and not out.is_dir():
        raise ImportProblem(f"{out} exists and is not a folder", "give a folder with -o, e.g. -o content")
    order = sorted(plan.files.items(), key=lambda kv: _order(kv[0]))
    for rel, _ in order:
        _refuse_links(out, rel)
    written, skipped, kept = [], [], []
    total = len(plan.files)
    for n, (rel, text) in enumerate(order):
        path = out / rel
        if path.exists():
            if rel == "chronicle.yaml":
                kept.append(rel)
                continue
            if not force:
                skipped.append(rel)
                continue
        try:
            _write_text(path, text)
        except OSError as exc:
            raise ImportProblem(f"cannot write {path}: {exc.strerror or exc}",
                                "check that the disk is not full and that the folder can be written"
                                + (f"; {len(written)} files were written before it" if written else "")) from None
        written.append(rel)
        if progress and n % 100 == 0:
            progress("writing", n, total)
    return WriteResult(written, skipped, kept)


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
