"""Load a content folder into a ``Chronicle``, reporting every problem with its file and line."""

from __future__ import annotations

import os
import re
import time
from functools import partial
from pathlib import Path

from chronicle.content.fields import (
    LANG, SLUG, Fields, Invalid, list_of, refs, text_reader, to_bool, to_date, to_number,
    to_partial_date, to_slug, to_str, type_name,
)
from chronicle.content.files import racy
from chronicle.content.source import Source, SourceError, read_source
from chronicle.content.yamlio import YAMLProblem, YMap, load_yaml, split_front_matter
from chronicle.cache import key as digest
from chronicle.errors import Report, did_you_mean, rel
from chronicle.model import (
    Award, Body, Category, Chronicle, Entry, Page, Person, Phase, ReportConfig, Role, SiteConfig,
    StatDef, StatValue, Text,
)

CONFIG_FIELDS = ("title", "subtitle", "author", "place", "languages", "base_url", "lunar_calendar",
                 "autolink", "phases", "tags", "report", "privacy")
PERSON_FIELDS = ("id", "name", "aliases", "groups", "roles", "bio", "publish", "private", "pinyin")
ROLE_FIELDS = ("title", "org", "from", "to")
STAT_FIELDS = ("id", "label", "unit", "kind", "group", "description")
ENTRY_FIELDS = ("date", "title", "weekday", "lunar", "people", "tags", "stats", "draft", "summary")
TRANSLATION_FIELDS = ("title", "summary")
PAGE_FIELDS = ("title", "order")
PUBLISH = ("full", "initials", "anonymous")
EMPTY_HINTS = {
    "chronicle.yaml": "write at least a title and the languages:\ntitle: {zh: 日记, en: Diary}\nlanguages: [zh, en]",
    "people.yaml": "list people as '- name: ...', or delete the file",
    "stats.yaml": "list statistics as '- id: ...' with a 'label:', or delete the file",
    "commendations.yaml": "write 'categories:' with a list of categories, or delete the file",
}
EMPTY_DOCUMENT = {
    "entry": "an entry needs front matter with at least 'date:', and a text",
    "page": "write the page's text (a 'title:' in front matter is optional)",
}
KINDS = ("gauge", "count")
OUTSIDE_HINT = "copy the file into the content folder instead of linking to it"

ENTRY_NAME = re.compile(r"^(?P<stem>(?P<date>\d{4}-\d{2}-\d{2})(?:-[a-z0-9]+(?:-[a-z0-9]+)*)?)(?:\.(?P<lang>[A-Za-z-]+))?\.md$")
PAGE_NAME = re.compile(r"^(?P<stem>[a-z0-9]+(?:-[a-z0-9]+)*)(?:\.(?P<lang>[A-Za-z-]+))?\.md$")


def load(root: Path, report: Report, memo: dict | None = None, stamps: dict | None = None) -> Chronicle | None:
    """Read and check every file; None when chronicle.yaml itself is unusable.

    ``memo``: kept by the caller between loads (chronicle serve); an entry whose files have the same size,
    time and inode as last time is taken from it, with its diagnostics, instead of being read again.
    ``stamps``: those of every file, if the caller has them (content/files.py snapshot)."""
    root = root.resolve()
    loader = _Loader(root, report, memo, stamps)
    return loader.run()


class _Loader:
    def __init__(self, root: Path, report: Report, memo: dict | None = None, stamps: dict | None = None):
        self.root = root
        self.report = report
        self.memo = memo
        self.stamps = stamps
        self.prefix = len(str(root)) + 1

    # -- files -------------------------------------------------------------
    def source(self, path: Path) -> Source | None:
        name = rel(path, self.root)
        if path.is_symlink() and not _inside(path.resolve(), self.root):
            self.report.error(name, None, "symbolic link points outside the content folder", OUTSIDE_HINT)
            return None
        try:
            return read_source(path, name)
        except SourceError as exc:
            self.report.error(name, exc.line, exc.message, exc.hint)
            return None

    def yaml_file(self, name: str, required: bool = False):
        path = self.root / name
        if not path.exists():
            if required:
                self.report.error(name, None, f"{name} is missing",
                                  f"every content folder needs {name} with at least 'title:' and 'languages:'")
            return None, None
        src = self.source(path)
        if src is None:
            return None, None
        try:
            data = load_yaml(src.text)
        except YAMLProblem as exc:
            self.report.error(name, exc.line, exc.message, exc.hint)
            return None, src
        if data is None:
            if required:
                self.report.error(name, 1, "file is empty", EMPTY_HINTS.get(name, ""))
            else:
                self.report.warn(name, 1, "file is empty; it is ignored", EMPTY_HINTS.get(name, ""))
        return data, src

    # -- run ---------------------------------------------------------------
    def run(self) -> Chronicle | None:
        if not self.root.is_dir():
            if self.root.exists():
                self.report.error(str(self.root), None, "is a file, not a content folder",
                                  "give the folder that holds chronicle.yaml, e.g. chronicle build content")
            else:
                self.report.error(str(self.root), None, "content folder does not exist")
            return None
        config = self.config()
        if config is None:
            return None
        self.languages = config.languages
        self.text = text_reader(config.languages)
        self.name_text = text_reader(config.languages, numbers=False)
        people = self.remembered("people.yaml", [self.root / "people.yaml"], self.people)
        stats = self.remembered("stats.yaml", [self.root / "stats.yaml"], self.stats)
        categories = self.remembered("commendations.yaml", [self.root / "commendations.yaml"], self.commendations)
        entries = self.entries()
        pages = self.pages()
        media = self.media()
        template_dir = self.root / "templates"
        return Chronicle(self.root, config, tuple(people), tuple(stats), tuple(categories),
                         tuple(entries), tuple(pages), tuple(media),
                         template_dir if template_dir.is_dir() else None)

    # -- chronicle.yaml ----------------------------------------------------
    def config(self) -> SiteConfig | None:
        name = "chronicle.yaml"
        data, _ = self.yaml_file(name, required=True)
        if data is None:
            return None
        f = Fields(data, name, self.report, CONFIG_FIELDS, "chronicle.yaml")
        if not f.ok:
            return None
        languages = f.get("languages", self.languages_of, required=True)
        if not languages:
            return None
        text = text_reader(languages)
        title = f.get("title", text, required=True)
        phases = f.get("phases", lambda v: self.phases(v, text), default=())
        tags = f.get("tags", lambda v: self.tag_labels(v, text), default={})
        report_cfg = f.get("report", lambda v: self.report_config(v, text), default=ReportConfig())
        privacy = f.get("privacy", self.privacy, default=())
        base_url = f.get("base_url", to_str, default="")
        if base_url and not re.match(r"^https?://[^\s/]+(/\S*)?$", base_url):
            self.report.error(name, f.line("base_url"), f"'base_url': '{base_url}' is not a web address",
                              "write e.g. https://example.org/diary/")
        if base_url and not base_url.endswith("/"):
            base_url += "/"
        if title is None:
            return None
        return SiteConfig(
            title=title, languages=tuple(languages),
            subtitle=f.get("subtitle", text), author=f.get("author", text), place=f.get("place", text),
            base_url=base_url,
            lunar_calendar=f.get("lunar_calendar", to_bool, default=False),
            autolink=f.get("autolink", to_bool, default=False),
            phases=tuple(phases or ()), tags=tags or {}, report=report_cfg or ReportConfig(),
            allow_private_patterns=tuple(privacy or ()),
        )

    def languages_of(self, value):
        items = list_of(to_str, "language code")(value)
        if not items:
            raise Invalid("needs at least one language", "e.g. languages: [zh, en]")
        seen = set()
        for code in items:
            if not LANG.match(code):
                raise Invalid(f"'{code}' is not a language code", "use codes like zh, en, zh-Hant")
            if code in seen:
                raise Invalid(f"language '{code}' is listed twice")
            seen.add(code)
        return tuple(items)

    def phases(self, value, text):
        if not isinstance(value, list):
            raise Invalid(f"expected a list of phases, got {type_name(value)}")
        result, seen = [], {}
        for index, item in enumerate(value):
            f = Fields(item, "chronicle.yaml", self.report, ("id", "name", "from", "to"), "a phase", value.line_of(index))
            pid = f.get("id", to_slug, required=True)
            name = f.get("name", text, required=True)
            start = f.get("from", to_date, required=True)
            end = f.get("to", to_date, required=True)
            if pid in seen:
                self.report.error("chronicle.yaml", f.line("id"), f"duplicate phase id '{pid}' (also on line {seen[pid]})",
                                  "give each phase its own id")
                continue
            seen[pid] = f.line("id")
            if start and end and start > end:
                self.report.error("chronicle.yaml", f.line("to"), f"phase '{pid}' ends ({end}) before it starts ({start})")
                continue
            if pid and name and start and end:
                result.append(Phase(pid, name, start, end))
        return tuple(result)

    def tag_labels(self, value, text):
        if not isinstance(value, dict):
            raise Invalid(f"expected a mapping of tag ids to labels, got {type_name(value)}")
        labels = {}
        for key, label in value.items():
            try:
                labels[_tag(key)] = text(label)
            except Invalid as exc:
                self.report.error("chronicle.yaml", value.line_of(key), f"tag '{key}': {exc.message}", exc.hint)
        return labels

    def report_config(self, value, text):
        f = Fields(value, "chronicle.yaml", self.report, ("issuer", "date"), "report")
        return ReportConfig(issuer=f.get("issuer", text), date=f.get("date", to_date))

    def privacy(self, value):
        f = Fields(value, "chronicle.yaml", self.report, ("allow",), "privacy")
        return tuple(f.get("allow", list_of(to_str, "text"), default=[]))

    # -- people.yaml -------------------------------------------------------
    def people(self) -> list[Person]:
        name = "people.yaml"
        data, _ = self.yaml_file(name)
        if data is None:
            return []
        if not isinstance(data, list):
            self.report.error(name, getattr(data, "line", 1), f"people.yaml must be a list of people ('- name: ...'), not {type_name(data)}")
            return []
        from chronicle.chinese.pinyin import name_slug, name_sort_key  # noqa: F401
        people, seen = [], {}
        for index, item in enumerate(data):
            line = data.line_of(index)
            f = Fields(item, name, self.report, PERSON_FIELDS, "a person", line)
            if not f.ok:
                continue
            person_name = f.get("name", self.name_text, required=True)
            override = f.get("pinyin", to_str)
            pid = f.get("id", to_slug)
            if pid is None and person_name is not None:
                source_name = person_name.get(self.languages[0])
                pid = name_slug(override or source_name)
                if not pid or not SLUG.match(pid):
                    self.report.error(name, line, f"cannot make an id from the name '{source_name}'", "add an 'id:' field")
                    continue
            if person_name is None or pid is None:
                continue
            if pid in seen:
                self.report.error(name, f.line("id") if f.has("id") else line,
                                  f"duplicate person id '{pid}' (also on line {seen[pid]})",
                                  "give one of them a different 'id:'")
                continue
            seen[pid] = line
            aliases = f.get("aliases", list_of(to_str, "alias"), default=[]) or []
            groups = f.get("groups", list_of(to_slug, "group id"), default=[]) or []
            roles = f.get("roles", self.roles, default=[]) or []
            publish = f.get("publish", to_str, default="full") or "full"
            if publish not in PUBLISH:
                self.report.error(name, f.line("publish"), f"'publish': '{publish}' is not one of {', '.join(PUBLISH)}",
                                  did_you_mean(publish, PUBLISH))
                publish = "anonymous"
            if f.has("private") and not isinstance(f.data["private"], dict):
                self.report.error(name, f.line("private"), "'private' must be a mapping of fields",
                                  "indent one 'key: value' per line under it, e.g.\nprivate:\n  phone: \"139...\"")
            source_name = person_name.get(self.languages[0], self.languages)
            sort_name = " ".join(name_sort_key(override or source_name)[0]) if source_name else pid
            people.append(Person(pid, person_name, tuple(a for a in aliases if a), tuple(groups), tuple(roles),
                                 f.get("bio", self.text), publish, line, sort_name))
        return people

    def roles(self, value):
        if not isinstance(value, list):
            raise Invalid(f"expected a list of roles, got {type_name(value)}", "write one '- title: ...' per role")
        roles = []
        for index, item in enumerate(value):
            f = Fields(item, "people.yaml", self.report, ROLE_FIELDS, "a role", value.line_of(index))
            title = f.get("title", self.text, required=True)
            start = f.get("from", to_partial_date)
            end = f.get("to", to_partial_date)
            if start and end and start.first_day() > end.last_day():
                self.report.error("people.yaml", f.line("to"),
                                  f"role starts ({start.iso()}) after it ends ({end.iso()})",
                                  "'from' must not be after 'to'")
            if title:
                roles.append(Role(title, f.get("org", self.text), start, end, value.line_of(index)))
        return roles

    # -- stats.yaml --------------------------------------------------------
    def stats(self) -> list[StatDef]:
        name = "stats.yaml"
        data, _ = self.yaml_file(name)
        if data is None:
            return []
        if not isinstance(data, list):
            self.report.error(name, getattr(data, "line", 1), f"stats.yaml must be a list of statistics ('- id: ...'), not {type_name(data)}")
            return []
        stats, seen = [], {}
        for index, item in enumerate(data):
            line = data.line_of(index)
            f = Fields(item, name, self.report, STAT_FIELDS, "a statistic", line)
            sid = f.get("id", to_slug, required=True)
            label = f.get("label", self.text, required=True)
            kind = f.get("kind", to_str, default="gauge") or "gauge"
            if kind not in KINDS:
                self.report.error(name, f.line("kind"), f"'kind': '{kind}' is not one of gauge, count",
                                  did_you_mean(kind, KINDS) or "gauge: a level at a date; count: added up over entries")
            if sid in seen:
                self.report.error(name, f.line("id"), f"duplicate statistic id '{sid}' (also on line {seen[sid]})",
                                  "give each statistic its own id, or merge the two")
                continue
            if sid and label:
                seen[sid] = line
                stats.append(StatDef(sid, label, f.get("unit", self.text), kind, f.get("group", to_slug, default="") or "",
                                     f.get("description", self.text), line))
        return stats

    # -- commendations.yaml ------------------------------------------------
    def commendations(self) -> list[Category]:
        name = "commendations.yaml"
        data, _ = self.yaml_file(name)
        if data is None:
            return []
        f = Fields(data, name, self.report, ("categories",), "commendations.yaml")
        if not f.ok:
            return []
        items = f.get("categories", lambda v: v if isinstance(v, list) else _raise(f"expected a list of categories, got {type_name(v)}"), required=True)
        if not items:
            return []
        categories, seen = [], {}
        for index, item in enumerate(items):
            line = items.line_of(index)
            c = Fields(item, name, self.report, ("id", "name", "description", "awards"), "a category", line)
            cid = c.get("id", to_slug, required=True)
            cname = c.get("name", self.text, required=True)
            awards = c.get("awards", self.awards, default=[]) or []
            if cid in seen:
                self.report.error(name, c.line("id"), f"duplicate category id '{cid}' (also on line {seen[cid]})",
                                  "give each category its own id, or merge their awards")
                continue
            if cid and cname:
                seen[cid] = line
                categories.append(Category(cid, cname, c.get("description", self.text), tuple(awards), line))
        return categories

    def awards(self, value):
        if not isinstance(value, list):
            raise Invalid(f"expected a list of awards, got {type_name(value)}")
        awards = []
        for index, item in enumerate(value):
            line = value.line_of(index)
            f = Fields(item, "commendations.yaml", self.report, ("person", "citation", "evidence"), "an award", line)
            person = f.get("person", lambda v: refs(v)[0], required=True)
            if person is not None and not person.line:
                person = type(person)(person.id, f.line("person"))
            citation = f.get("citation", self.text, required=True)
            evidence = f.get("evidence", lambda v: refs(v, _stem), default=None)
            if evidence is not None:
                evidence = tuple(type(r)(r.id, r.line or f.line("evidence")) for r in evidence)
            if person and citation:
                awards.append(Award(person, citation, evidence, line))
        return awards

    # -- entries -----------------------------------------------------------
    def entries(self) -> list[Entry]:
        folder = self.root / "entries"
        if not folder.is_dir():
            return []
        sources, translations = {}, {}
        for path, entry in _tree(folder):
            if entry.name.startswith("."):
                continue
            name = path[self.prefix:]
            if entry.is_symlink() and not _inside(Path(path).resolve(), self.root):
                self.report.error(name, None, "symbolic link points outside the content folder", OUTSIDE_HINT)
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

    def document(self, path: Path, kind: str = "entry"):
        """Front matter (as YAML) and body of a Markdown file; ``kind`` is entry, page or translation."""
        src = self.source(path)
        if src is None:
            return None
        if not src.text.strip():
            if kind == "translation":
                self.report.warn(src.rel, 1, "translation is empty; the source text is shown instead",
                                 "write the translation, or delete the file")
            else:
                self.report.error(src.rel, 1, "file is empty", EMPTY_DOCUMENT[kind])
            return None
        try:
            front, front_line, body, body_line = split_front_matter(src.text)
            data = load_yaml(front, front_line) if front is not None else None
        except YAMLProblem as exc:
            self.report.error(src.rel, exc.line, exc.message, exc.hint)
            return None
        return src, front, data, body, body_line

    def remembered(self, name, paths: list[Path], read):
        """``read()``, or what it returned (and reported) last time, if the files it reads are unchanged:
        the same size, modification time and inode, under the same languages."""
        stamp, found = self._recall(name, paths)
        if found is not None:
            return found
        value, own = self._captured(read)
        self._keep(name, stamp, value, own)
        return value

    def remembered_entries(self, jobs: list[tuple[str, Path, dict]]) -> list[Entry | None]:
        """Each (stem, path, translation paths) read as an entry, from the memo when its files are unchanged.

        In this process: on other cores, sending the entries back would cost half of reading them."""
        results: list = [None] * len(jobs)
        missing = []
        for i, (stem, path, translations) in enumerate(jobs):
            paths = [path] + [p for _, p in sorted(translations.items())]
            stamp, found = self._recall(("entry", stem), paths)
            if found is not None:
                results[i] = found
            else:
                missing.append((i, stamp))
        for i, stamp in missing:
            value, own = self._captured(partial(self.entry, *jobs[i]))
            self._keep(("entry", jobs[i][0]), stamp, value, own)
            results[i] = value
        return results

    def _recall(self, name, paths: list[Path]):
        """(stamp, value) where value is the remembered one (its diagnostics reported again) or None."""
        if self.memo is None:
            return None, None
        try:
            if self.stamps is not None:
                stamp = (getattr(self, "languages", None),
                         tuple((str(p), self.stamps.get(str(p)[self.prefix:])) for p in paths))
            else:
                stamp = (getattr(self, "languages", None), tuple((str(p), _stamp(p)) for p in paths))
        except OSError:
            return None, None
        found = self.memo.get(name)
        if found is not None and found[0] == stamp and found[1] is not None:
            for diagnostic in found[2]:
                self.report.add(diagnostic)
            return stamp, found[1]
        return stamp, None

    def _captured(self, read):
        """``read()`` with what it reports collected, so it can be remembered (and run in a worker)."""
        outer, self.report = self.report, Report()
        try:
            value = read()
        finally:
            own, self.report = self.report.items, outer
        return value, own

    def _keep(self, name, stamp, value, own) -> None:
        for diagnostic in own:
            self.report.add(diagnostic)
        if self.memo is None or stamp is None:
            return
        now = time.time_ns()
        if any(s is not None and racy(s[1], now) for _, s in stamp[1]):
            self.memo.pop(name, None)  # saved a moment ago: read it again next time
        else:
            self.memo[name] = (stamp, value, own)

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
        date = f.get("date", to_date, required=True)
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
            people=f.get("people", refs, default=()) or (), tags=f.get("tags", lambda v: refs(v, _tag), default=()) or (),
            stats=tuple(stats), draft=f.get("draft", to_bool, default=False) or False,
            bodies=bodies, lines={k: f.line(k) for k in f.data}, fp=digest(*texts),
        )

    def stat_values(self, value, path: str):
        if not isinstance(value, list):
            raise Invalid(f"expected a list of figures, got {type_name(value)}", "write - {stat: households, value: 3730}")
        out = []
        for index, item in enumerate(value):
            line = value.line_of(index)
            f = Fields(item, path, self.report, ("stat", "value", "note"), "a figure", line)
            sid = f.get("stat", to_slug, required=True)
            number = f.get("value", to_number, required=True)
            if sid is not None and number is not None:
                out.append(StatValue(_ref(sid, f.line("stat")), number, f.get("note", self.text), line))
        return out

    # -- pages -------------------------------------------------------------
    def pages(self) -> list[Page]:
        folder = self.root / "pages"
        if not folder.is_dir():
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
            pages.append(Page(stem, src.rel, Text(titles), bodies, order))
        for stem, langs in sorted(translations.items()):
            if stem not in sources:
                for lang, path in sorted(langs.items()):
                    self.report.error(rel(path, self.root), None, f"translation without a source file: there is no pages/{stem}.md",
                                      did_you_mean(stem, sources) or f"add pages/{stem}.md")
        return sorted(pages, key=lambda p: (p.order, p.stem))

    # -- media -------------------------------------------------------------
    def media(self) -> list[str]:
        folder = self.root / "media"
        if not folder.is_dir():
            return []
        files = []
        for path in sorted(folder.rglob("*")):
            name = rel(path, self.root)
            if path.is_symlink() and not _inside(path.resolve(), self.root):
                self.report.error(name, None, "symbolic link points outside the content folder", OUTSIDE_HINT)
                continue
            if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts):
                files.append(name)
        return files


def _tree(folder: Path) -> list[tuple[str, os.DirEntry]]:
    """Everything under ``folder`` in the order of ``sorted(folder.rglob("*"))`` (not into linked folders),
    as paths with their directory entries, whose types need no further system call."""
    found = []
    stack = [str(folder)]
    while stack:
        current = stack.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue
        for entry in entries:
            found.append((entry.path, entry))
            if entry.is_dir(follow_symlinks=False):
                stack.append(entry.path)
    found.sort(key=lambda item: item[0].split(os.sep))
    return found


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino


def _raise(message):
    raise Invalid(message)


def _ref(sid, line):
    from chronicle.model import Ref
    return Ref(sid, line)


def _stem(value) -> str:
    text = to_str(value)
    if not ENTRY_NAME.match(text + ".md"):
        raise Invalid(f"'{text}' is not an entry date or stem", "write entry dates as YYYY-MM-DD, e.g. 2020-02-05")
    return text


def _tag(value) -> str:
    text = to_str(value)
    if not text or "/" in text or "\\" in text or text in (".", "..") or len(text) > 64:
        raise Invalid(f"'{text}' is not a usable tag", "tags are short words without '/'")
    return text


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def _suggest_entry_name(name: str) -> str:
    match = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})(.*)$", name)
    if match:
        year, month, day, rest = match.groups()
        fixed = f"{year}-{int(month):02d}-{int(day):02d}{rest}"
        if fixed != name and ENTRY_NAME.match(fixed):
            return f"rename it to {fixed}"
    return "name entry files YYYY-MM-DD.md (a second entry on one day: YYYY-MM-DD-evening.md)"
