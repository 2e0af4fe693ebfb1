"""entries/ and pages/: dated entries and free pages, each with its translations."""

from __future__ import annotations

import re
from pathlib import Path

from chronicle.cache import key as digest
from chronicle.content.fields import Fields, Invalid, refs, to_bool, to_date, to_number, to_slug, to_str, to_tag, type_name
from chronicle.content.files import real_inside, tree
from chronicle.content.dates import days_in_month, outliers
from chronicle.content.numbers import dot_groups
from chronicle.content.schema import ENTRY_FIELDS, ENTRY_NAME, PAGE_FIELDS, PAGE_NAME, TRANSLATION_FIELDS
from chronicle.content.yamlio import YMap
from chronicle.errors import did_you_mean, rel
from chronicle.model import Body, Entry, Page, Ref, StatValue, Text

OUTSIDE_HINT = "copy it into the content folder instead of linking to it"


class DocumentsReader:
    """The part of the loader that reads entries and pages (mixed into content.loader's _Loader)."""

    def entries(self) -> list[Entry]:
        folder = self.folder("entries")
        if folder is None:
            return []
        sources, translations = {}, {}
        for path, entry in tree(folder):
            if entry.name.startswith("."):
                continue
            name = path[self.prefix:]
            if entry.is_symlink() and not real_inside(path, self.root):
                self.outside(name, Path(path))
                continue
            if entry.is_dir():
                continue
            if not entry.name.endswith(".md") or entry.name == ".md":
                self.report.warn(name, None, "not a Markdown file; ignored", "entries are files named YYYY-MM-DD.md")
                continue
            match = ENTRY_NAME.match(entry.name)
            if not match:
                starts = re.match(r"^\d{4}-\d{2}-\d{2}", entry.name)
                self.report.error(name, None, f"file name '{entry.name}' " + (
                    "is not a date with an optional '-word' after it" if starts
                    else "does not start with a date as YYYY-MM-DD"), _suggest_entry_name(entry.name))
                continue
            lang = match.group("lang")
            if lang and not self._translation_lang(name, lang):
                continue
            bucket = translations.setdefault(match.group("stem"), {}) if lang else sources
            key = (match.group("stem"), lang)
            if key in bucket:
                self.report.error(name, None, f"two entry files have the name {entry.name} "
                                  f"({rel(bucket[key], self.root)} and {name})",
                                  "entry file names are the entries' addresses, so they must differ across sub-folders")
                continue
            bucket[key] = Path(path)
        entries, stems = [], {}
        jobs = [(stem, path, translations.get(stem, {})) for (stem, _), path in sorted(sources.items())]
        for (stem, _, _), entry in zip(jobs, self.remembered_entries(jobs)):
            if entry:
                if stem in stems:
                    self.report.error(entry.path, None, f"two entries with the stem '{stem}' ({stems[stem]} and {entry.path})")
                    continue
                stems[stem] = entry.path
                entries.append(entry)
        for stem, langs in sorted(translations.items()):
            if stem not in stems and not any(s == stem for s, _ in sources):
                for (_, lang), path in sorted(langs.items()):
                    hint = did_you_mean(stem, [s for s, _ in sources]) or f"add the source-language file entries/{stem}.md"
                    self.report.error(rel(path, self.root), None, f"translation without a source file: there is no entries/{stem}.md", hint)
        return sorted(entries, key=lambda e: (e.date, e.stem))

    def _translation_lang(self, name: str, lang: str) -> bool:
        if lang == self.languages[0]:
            source = name[: -len(f".{lang}.md")] + ".md"
            hint = (f"the {lang} text belongs in {source}; merge the two and delete this file"
                    if (self.root / source).exists() else f"rename it to {source}")
            self.report.error(name, None, f"'{lang}' is the source language, whose file has no language suffix", hint)
            return False
        if lang not in self.languages:
            hint = did_you_mean(lang, self.languages) or "languages of this chronicle: " + ", ".join(self.languages)
            self.report.error(name, None, f"unknown language '{lang}' in the file name", hint)
            return False
        return True

    def entry(self, stem: str, path: Path, translation_paths: dict) -> Entry | None:
        doc = self.document(path)
        if doc is None:
            return None
        src, front, data, body, body_line = doc
        if front is None:
            self.report.error(src.rel, 1, "an entry must start with front matter between '---' lines",
                              f"start the file with:\n---\ndate: {stem[:10]}\n---")
            return None
        f = Fields(data if data is not None else YMap(), src.rel, self.report, ENTRY_FIELDS, "the front matter", 2)
        if data is None:
            f.data.line, f.data.key_lines = 2, {}
        if not f.ok:
            return None
        date = f.get("date", lambda v: to_date(v, self.span), required=True)
        if date is None:
            return None
        if date.isoformat() != stem[:10]:
            self.report.error(src.rel, f.line("date"), f"date {date.isoformat()} does not agree with the file name's date {stem[:10]}",
                              "rename the file or correct the date")
            return None
        if not body.strip():
            self.report.warn(src.rel, body_line - 1, "entry has no text", "write the text below the closing '---'")
        stats = f.get("stats", lambda v: self.stat_values(v, src.rel), default=[]) or []
        title = f.get("title", self.text)
        bodies = {self.languages[0]: Body(body, body_line, src.rel, None)}
        texts = [self.languages, src.rel, src.text.encode("utf-8")]
        for (_, lang), tpath in sorted(translation_paths.items()):
            tdoc = self.document(tpath, "translation")
            if tdoc is None:
                continue
            tsrc, tfront, tdata, tbody, tbody_line = tdoc
            texts += [tsrc.rel, tsrc.text.encode("utf-8")]
            ttitle = None
            if tfront is not None and tdata is not None:
                tf = Fields(tdata, tsrc.rel, self.report, TRANSLATION_FIELDS + tuple(k for k in ENTRY_FIELDS if k != "title"),
                            "a translation's front matter", 2)
                for key in tf.data:
                    if key in ENTRY_FIELDS and key not in TRANSLATION_FIELDS:
                        self.report.warn(tsrc.rel, tf.line(key), f"'{key}' in a translation is ignored",
                                         f"set '{key}' in the source file {src.rel}; a translation carries only title and text")
                raw = tf.get("title", to_str)
                ttitle = Text({lang: raw}) if raw else None
            if not tbody.strip():
                self.report.warn(tsrc.rel, tbody_line, "translation has no text; the source text is shown instead")
                continue
            bodies[lang] = Body(tbody, tbody_line, tsrc.rel, ttitle)
        if title is not None:
            merged = dict(title.values)
            for lang, b in bodies.items():
                if b.title:
                    merged[lang] = b.title.get(lang)
            title = Text(merged)
        else:
            extra = {lang: b.title.get(lang) for lang, b in bodies.items() if b.title}
            title = Text(extra) if extra else None
        return Entry(
            stem=stem, date=date, path=src.rel, title=title,
            weekday=f.get("weekday", to_str), lunar=f.get("lunar", to_str),
            people=f.get("people", refs, default=()) or (), tags=f.get("tags", lambda v: refs(v, to_tag), default=()) or (),
            stats=tuple(stats), draft=f.get("draft", to_bool, default=False) or False,
            bodies=bodies, lines={k: f.line(k) for k in f.data}, fp=digest(*texts),
            translate=not f.get("untranslated", to_bool, default=False),
        )

    def far_entries(self, entries: list[Entry]) -> None:
        """Warn about an entry whose year stands far from all the others: 2202 beside 2022, 0202 for 2020."""
        for entry, date, guesses in outliers([(e.date, e) for e in entries]):
            others = [e.date.year for e in entries if e is not entry]
            fixes = [date.replace(year=y) for y in guesses[:2] if _real(y, date)]
            hint = ("a typo for " + " or ".join(f"{d.isoformat()} (rename the file to {d.isoformat()}"
                                                f"{entry.stem[10:]}.md and correct 'date:')" for d in fixes) + "? "
                    if fixes else "")
            self.report.warn(entry.path, entry.lines.get("date"),
                             f"the date {date.isoformat()} is far from every other entry ({min(others)}–{max(others)})",
                             hint + "if the date is right, say which years the chronicle covers in chronicle.yaml, "
                             f"e.g. dates: {{from: {min(min(others), date.year)}, to: {max(max(others), date.year)}}}")

    def stat_values(self, value, path: str):
        if not isinstance(value, list):
            raise Invalid(f"expected a list of figures, got {type_name(value)}", "write - {stat: households, value: 3730}")
        out = []
        for index, item in enumerate(value):
            line = value.line_of(index)
            f = Fields(item, path, self.report, ("stat", "value", "note"), "a figure", line)
            sid = f.get("stat", to_slug, required=True)
            number = f.get("value", lambda v: to_number(v, dot_groups(self.languages)), required=True)
            if sid is not None and number is not None:
                out.append(StatValue(Ref(sid, f.line("stat")), number, f.get("note", self.text), line))
        return out

    # -- pages -------------------------------------------------------------
    def pages(self) -> list[Page]:
        folder = self.folder("pages")
        if folder is None:
            return []
        sources, translations = {}, {}
        for path in sorted(folder.iterdir()):
            if path.is_dir() or path.name.startswith("."):
                continue
            name = rel(path, self.root)
            match = PAGE_NAME.match(path.name)
            if path.suffix != ".md":
                self.report.warn(name, None, "not a Markdown file; ignored")
                continue
            if not match:
                self.report.error(name, None, f"page file name '{path.name}' is not a valid id",
                                  "use lower-case letters, digits and hyphens, e.g. about.md")
                continue
            lang = match.group("lang")
            if lang and not self._translation_lang(name, lang):
                continue
            if lang:
                translations.setdefault(match.group("stem"), {})[lang] = path
            else:
                sources[match.group("stem")] = path
        pages = []
        for stem, path in sorted(sources.items()):
            doc = self.document(path, "page")
            if doc is None:
                continue
            src, front, data, body, body_line = doc
            f = Fields(data if data is not None else YMap(), src.rel, self.report, PAGE_FIELDS, "the front matter", 2)
            if data is None:
                f.data.line, f.data.key_lines = 2, {}
            title = f.get("title", self.text) or Text({self.languages[0]: stem})
            bodies = {self.languages[0]: Body(body, body_line, src.rel)}
            titles = dict(title.values)
            for lang, tpath in sorted(translations.get(stem, {}).items()):
                tdoc = self.document(tpath, "translation")
                if tdoc is None:
                    continue
                tsrc, _, tdata, tbody, tline = tdoc
                tf = Fields(tdata if tdata is not None else YMap(), tsrc.rel, self.report, PAGE_FIELDS, "the front matter", 2)
                if tdata is None:
                    tf.data.line, tf.data.key_lines = 2, {}
                ttitle = tf.get("title", to_str)
                if ttitle:
                    titles[lang] = ttitle
                bodies[lang] = Body(tbody, tline, tsrc.rel)
            order = f.get("order", to_number, default=0) or 0
            pages.append(Page(stem, src.rel, Text(titles), bodies, order,
                              translate=not f.get("untranslated", to_bool, default=False)))
        for stem, langs in sorted(translations.items()):
            if stem not in sources:
                for lang, path in sorted(langs.items()):
                    self.report.error(rel(path, self.root), None, f"translation without a source file: there is no pages/{stem}.md",
                                      did_you_mean(stem, sources) or f"add pages/{stem}.md")
        return sorted(pages, key=lambda p: (p.order, p.stem))


def _real(year: int, date) -> bool:
    return not (date.month == 2 and date.day == 29 and days_in_month(year, 2) == 28)


def _suggest_entry_name(name: str) -> str:
    match = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})(.*)$", name)
    if match:
        year, month, day, rest = match.groups()
        fixed = f"{year}-{int(month):02d}-{int(day):02d}{rest}"
        if fixed != name and ENTRY_NAME.match(fixed):
            return f"rename it to {fixed}"
    return "name entry files YYYY-MM-DD.md (a second entry on one day: YYYY-MM-DD-evening.md)"
