"""The book model: what the memorial book holds, built from the site graph.

Pure: a graph and the book's languages in, plain data out (no files, no WeasyPrint). Every name in it is
the published name, people are known by their public ids (``p-1`` for those not published by name), and
the text is the graph's sanitised, redacted HTML, re-serialised for the book (book/xhtml.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from dataclasses import dataclass

from chronicle.book import words
from chronicle.book.xhtml import rewrite
from chronicle.model import Text

COMPILED, PROPOSED, ADOPTED = "compiled", "proposed", "adopted"


@dataclass(frozen=True)
class Localised:
    text: str
    lang: str  # the language the text is in: a missing translation falls back to another language


Words = dict  # book language -> Localised


@dataclass(frozen=True)
class Version:
    """One language version of an entry or page; ``body`` is None when a bilingual book has no translation."""

    lang: str
    anchor: str
    title: Localised
    dateline: str
    body: str | None
    text_lang: str
    translated: bool


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    unit: str
    note: str
    target: str | None


@dataclass(frozen=True)
class Named:
    """A person named in the line under an entry: the anchor of that name, for the index."""

    pid: str
    id: str
    name: str


@dataclass(frozen=True)
class BookEntry:
    stem: str
    date: dt.date
    anchor: str
    running: str
    versions: tuple[Version, ...]
    figures: tuple[Figure, ...]
    named: tuple[Named, ...]
    tags: tuple[Named, ...] = ()  # the entry's tags: pid is the index entry's anchor


@dataclass(frozen=True)
class Part:
    anchor: str
    title: Words
    entries: tuple[BookEntry, ...]


@dataclass(frozen=True)
class BookPage:
    stem: str
    anchor: str
    versions: tuple[Version, ...]


@dataclass(frozen=True)
class RoleLine:
    title: Words
    org: Words | None
    start: str
    end: str


@dataclass(frozen=True)
class BookPerson:
    pid: str
    anchor: str
    names: dict
    restricted: bool
    aliases: tuple[str, ...]
    groups: dict
    roles: tuple[RoleLine, ...]
    bio: dict  # book language -> (xhtml, text language)
    entries: int


@dataclass(frozen=True)
class StatLine:
    date: dt.date
    value: dict
    note: Words | None
    entry: str
    target: str


@dataclass(frozen=True)
class BookStat:
    id: str
    anchor: str
    label: Words
    unit: Words | None
    kind: str
    lines: tuple[StatLine, ...]


@dataclass(frozen=True)
class Evidence:
    date: dt.date
    entry: str
    target: str


@dataclass(frozen=True)
class BookAward:
    pid: str
    names: dict
    role: Words | None
    citation: Words
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class BookCategory:
    id: str
    anchor: str
    name: Words
    description: Words | None
    awards: tuple[BookAward, ...]


@dataclass(frozen=True)
class BookLists:
    status: str
    title: dict
    note: dict | None
    categories: tuple[BookCategory, ...]


@dataclass(frozen=True)
class Target:
    id: str
    date: dt.date
    entry: str


@dataclass(frozen=True)
class IndexEntry:
    label: str
    anchor: str
    targets: tuple[Target, ...]


@dataclass(frozen=True)
class Book:
    langs: tuple[str, ...]
    source: str
    title: Words
    subtitle: Words | None
    author: Words | None
    place: Words | None
    period: dict
    last_date: dt.date | None
    front: tuple[BookPage, ...]
    parts: tuple[Part, ...]
    people: tuple[BookPerson, ...]
    stats: tuple[BookStat, ...]
    lists: BookLists | None
    back: tuple[BookPage, ...]
    people_index: tuple[IndexEntry, ...]
    tag_index: tuple[IndexEntry, ...]
    images: tuple[str, ...]
    identifier: str
    entry_titles: dict  # entry anchor -> the title in the first language, for cross-references

    @property
    def lang(self) -> str:
        return self.langs[0]

    @property
    def entries(self) -> list[BookEntry]:
        return [e for part in self.parts for e in part.entries]


def build_book(graph, langs: tuple[str, ...], appendix_pages: tuple[str, ...] = ("glossary",)) -> Book:
    """The book of ``graph`` in ``langs`` (one language, or two for a bilingual edition: each text in the
    first language followed by its translation)."""
    return _Builder(graph, langs, appendix_pages).book()


class _Builder:
    def __init__(self, graph, langs, appendix_pages):
        self.g = graph
        self.langs = tuple(langs)
        self.first = self.langs[0]
        self.source = graph.config.source_lang
        self.all_langs = graph.languages
        self.appendix_pages = tuple(appendix_pages)
        self.anchors = {p.pid: f"person-{p.pid}" for p in graph.people}
        self.pids = {p.person.id: p for p in graph.people}
        self.images: list[str] = []
        self.tag_anchors = {tag: f"tag-{n}" for n, tag in enumerate(graph.tags, start=1)}

    def loc(self, value: Text | None) -> Words | None:
        if value is None or not any(value.values.values()):
            return None
        out = {}
        for lang in self.langs:
            text, used = value.pick(lang, self.all_langs)
            out[lang] = Localised(text, used)
        return out

    def book(self) -> Book:
        g = self.g
        config = g.config
        entries = g.entries
        start, end = (entries[0].date, entries[-1].date) if entries else (None, None)
        parts, index_targets = self.parts()
        front = tuple(self.page(p) for p in self.front_pages())
        back = tuple(self.page(p) for p in g.pages if p.stem in self.appendix_pages)
        seed = json.dumps([sorted(config.title.values.items()), self.langs], ensure_ascii=False)
        identifier = "urn:uuid:" + str(uuid.UUID(hashlib.sha256(seed.encode("utf-8")).hexdigest()[:32], version=5))
        titles = {e.anchor: e.versions[0].title.text for part in parts for e in part.entries}
        return Book(
            langs=self.langs, source=self.source, title=self.loc(config.title), subtitle=self.loc(config.subtitle),
            author=self.loc(config.author), place=self.loc(config.place),
            period={lang: words.period(start, end, lang) for lang in self.langs}, last_date=end,
            front=front, parts=parts, people=self.people(), stats=self.stats(), lists=self.lists(), back=back,
            people_index=self.people_index(index_targets), tag_index=self.tag_index(),
            images=tuple(dict.fromkeys(self.images)), identifier=identifier, entry_titles=titles)

    # -- text -----------------------------------------------------------------------------------------------
    def body(self, blocks, prefix: str):
        done = rewrite("\n".join(b.html for b in blocks), prefix, self.anchors)
        self.images += done.images
        return done

    def versions(self, node, anchor: str, dated: bool) -> tuple[tuple[Version, ...], list]:
        out, mentions = [], []
        for i, lang in enumerate(self.langs):
            v = node.versions[lang]
            prefix = anchor if i == 0 else f"{anchor}-{lang}"
            title = Localised(v.title, v.title_lang)
            line = words.dateline(node, lang, self.source) if dated else ""
            if i > 0 and not v.translated:
                out.append(Version(lang, prefix, title, line, None, lang, False))
                continue
            done = self.body(v.blocks, prefix)
            if i == 0:
                mentions = done.mentions
            out.append(Version(lang, prefix, title, line, done.html, v.text_lang, v.translated))
        return tuple(out), mentions

    # -- parts and entries ----------------------------------------------------------------------------------
    def parts(self) -> tuple[tuple[Part, ...], dict]:
        """Entries in date order under the phases; entries outside every phase are grouped by month."""
        g = self.g
        phases = g.config.phases
        groups: list[tuple[str, Words, list]] = []
        targets: dict[str, list[Target]] = {}
        for node in g.entries:
            phase = next((p for p in phases if p.start <= node.date <= p.end), None)
            if phase is not None:
                key, title = f"part-{phase.id}", self.loc(phase.name)
            else:
                key = f"part-{node.date:%Y-%m}"
                title = {lang: Localised(words.month(node.date, lang), lang) for lang in self.langs}
            if not groups or groups[-1][0] != key:
                if any(k == key for k, _, _ in groups):
                    key = f"{key}-{sum(1 for k, _, _ in groups if k.startswith(key))}"
                groups.append((key, title, []))
            groups[-1][2].append(self.entry(node, targets))
        return tuple(Part(k, t, tuple(es)) for k, t, es in groups), targets

    def entry(self, node, targets: dict) -> BookEntry:
        anchor = f"e-{node.stem}"
        versions, mentions = self.versions(node, anchor, dated=True)
        named = []
        for internal in node.people:
            person = self.pids.get(internal)
            if person is not None:
                named.append(Named(person.pid, f"{anchor}-who-{person.pid}", person.names[self.first]))
        for who in named:
            label = who.name
            exact = [m.id for m in mentions if m.pid == who.pid and m.text.strip() == label]
            # Index pages must show the name as the index prints it: a mention by an alias or a pronoun
            # points at the name in the line under the entry instead.
            for mention_id in exact or [who.id]:
                targets.setdefault(who.pid, []).append(Target(mention_id, node.date, anchor))
        stat_labels = {s.stat.id: s.stat for s in self.g.stats}
        figures = []
        for point in node.stats:
            stat = stat_labels.get(point.stat)
            if stat is None:
                continue
            figures.append(Figure(
                stat.label.get(self.first, self.all_langs), words.number(point.value, self.first),
                stat.unit.get(self.first, self.all_langs) if stat.unit else "",
                point.note.get(self.first, self.all_langs) if point.note else "",
                f"{anchor}-{point.anchor}" if point.anchor else None))
        tags = tuple(Named(self.tag_anchors[t], f"{anchor}-{self.tag_anchors[t]}", self.tag_label(t))
                     for t in dict.fromkeys(node.tags) if t in self.tag_anchors)
        return BookEntry(node.stem, node.date, anchor, words.month(node.date, self.first), versions,
                         tuple(figures), tuple(named), tags)

    def tag_label(self, tag: str) -> str:
        labels = self.g.config.tags
        return labels[tag].get(self.first, self.all_langs) if tag in labels else tag

    # -- pages ----------------------------------------------------------------------------------------------
    def front_pages(self):
        pages = [p for p in self.g.pages if p.stem not in self.appendix_pages]
        return sorted(pages, key=lambda p: p.stem != "preface")

    def page(self, node) -> BookPage:
        anchor = f"page-{node.stem}"
        versions, _ = self.versions(node, anchor, dated=False)
        return BookPage(node.stem, anchor, versions)

    # -- appendices -----------------------------------------------------------------------------------------
    def ordered_people(self):
        people = list(self.g.people)
        if words.zh(self.first):
            people.sort(key=lambda p: (p.restricted, p.names[self.first] if p.restricted else p.person.sort_name,
                                       p.pid))
        else:
            people.sort(key=lambda p: (p.restricted, p.names[self.first].lower(), p.pid))
        return people

    def people(self) -> tuple[BookPerson, ...]:
        out = []
        for node in self.ordered_people():
            person = node.person
            bio = {}
            if not node.restricted:
                for i, lang in enumerate(self.langs):
                    if lang in node.bio:
                        blocks, used = node.bio[lang]
                        if i > 0 and used != lang:
                            continue
                        bio[lang] = (self.body(blocks, f"{self.anchors[node.pid]}-bio-{lang}").html, used)
            roles = tuple(RoleLine(self.loc(r.title), self.loc(r.org), r.start.iso() if r.start else "",
                                   r.end.iso() if r.end else "") for r in person.roles)
            out.append(BookPerson(
                node.pid, self.anchors[node.pid], {lang: node.names[lang] for lang in self.langs}, node.restricted,
                () if node.restricted else tuple(person.aliases),
                {lang: tuple(words.group(lang, gr) for gr in person.groups) for lang in self.langs},
                roles, bio, len(node.entries)))
        return tuple(out)

    def stats(self) -> tuple[BookStat, ...]:
        out = []
        for node in self.g.stats:
            if not node.points:
                continue
            lines = tuple(StatLine(p.date, {lang: words.number(p.value, lang) for lang in self.langs},
                                   self.loc(p.note), f"e-{p.entry}",
                                   f"e-{p.entry}-{p.anchor}" if p.anchor else f"e-{p.entry}")
                          for p in node.points)
            s = node.stat
            out.append(BookStat(s.id, f"stat-{s.id}", self.loc(s.label), self.loc(s.unit), s.kind, lines))
        return tuple(out)

    def lists(self) -> BookLists | None:
        g = self.g
        if not any(c.awards for c in g.categories):
            return None
        status = getattr(getattr(g.chronicle, "lists", None), "status", None) or COMPILED
        if status not in (COMPILED, PROPOSED, ADOPTED):
            status = COMPILED
        title = {lang: words.label(lang, f"book_lists_{status}") for lang in self.langs}
        note = None if status == ADOPTED else {lang: words.label(lang, "book_lists_note") for lang in self.langs}
        categories = []
        for node in g.categories:
            if not node.awards:
                continue
            awards = []
            for award in node.awards:
                person = self.pids[award.person]
                evidence = tuple(Evidence(p.date, f"e-{p.entry}", f"e-{p.entry}-{p.anchor}" if p.anchor else f"e-{p.entry}")
                                 for p in award.evidence)
                role = self.loc(award.role.title) if award.role else None
                awards.append(BookAward(person.pid, {lang: person.names[lang] for lang in self.langs}, role,
                                        self.loc(award.citation), evidence))
            c = node.category
            categories.append(BookCategory(c.id, f"cat-{c.id}", self.loc(c.name), self.loc(c.description),
                                           tuple(awards)))
        return BookLists(status, title, note, tuple(categories))

    # -- indexes --------------------------------------------------------------------------------------------
    def people_index(self, targets: dict) -> tuple[IndexEntry, ...]:
        return tuple(IndexEntry(node.names[self.first], self.anchors[node.pid], tuple(targets[node.pid]))
                     for node in self.ordered_people() if targets.get(node.pid))

    def tag_index(self) -> tuple[IndexEntry, ...]:
        g = self.g
        items = []
        for tag, stems in g.tags.items():
            mark = self.tag_anchors[tag]
            items.append(IndexEntry(self.tag_label(tag), mark, tuple(
                Target(f"e-{s}-{mark}", g.entry_by_stem[s].date, f"e-{s}") for s in dict.fromkeys(stems))))
        if words.zh(self.first):
            from chronicle.chinese.pinyin import name_sort_key
            items.sort(key=lambda i: (name_sort_key(i.label), i.anchor))
        else:
            items.sort(key=lambda i: (i.label.lower(), i.anchor))
        return tuple(items)
