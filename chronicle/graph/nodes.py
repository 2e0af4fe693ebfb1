"""The site graph: entries, people, statistics and commendations with everything resolved, ready to show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from chronicle.markup import Block
from chronicle.model import Category, Chronicle, Entry, Page, Person, Role, StatDef, Text


@dataclass
class Version:
    """One language version of an entry or page, ready to show."""

    lang: str
    title: str
    title_lang: str
    text_lang: str
    blocks: list[Block]
    translated: bool
    excerpt: str
    reading_minutes: int


@dataclass
class StatPoint:
    stat: str
    date: dt.date
    entry: str
    value: float
    note: Text | None
    anchor: str | None


@dataclass
class EntryNode:
    stem: str
    date: dt.date
    model: Entry
    versions: dict
    people: list[str]
    tags: list[str]
    stats: list[StatPoint]
    prev: str | None = None
    next: str | None = None
    lunar: object = None
    festivals: tuple = ()
    fp: str = ""            # a digest of everything above but prev/next: what incremental builds compare
    passages: dict = field(default_factory=dict)   # person id -> the paragraphs (Passage) that mention them

    @property
    def month(self) -> str:
        return self.date.strftime("%Y-%m")


@dataclass
class Passage:
    entry: str
    date: dt.date
    anchor: str


@dataclass
class AwardNode:
    category: str
    person: str
    citation: Text
    evidence: list[Passage]
    role: Role | None
    implied: bool = False   # no 'evidence:' given: every entry that mentions the person


@dataclass
class PersonNode:
    person: Person
    pid: str
    names: dict
    restricted: bool
    entries: list[str] = field(default_factory=list)
    passages: dict = field(default_factory=dict)
    awards: list[AwardNode] = field(default_factory=list)
    bio: dict = field(default_factory=dict)
    fp: str = ""            # a digest of the person's own record (not of the entries that mention them)

    @property
    def aliases(self) -> tuple[str, ...]:
        """The aliases a profile shows: none for a hidden person, and one of two that differ only in case
        ("the Chief", "The Chief")."""
        if self.restricted:
            return ()
        return tuple({a.casefold(): a for a in reversed(self.person.aliases)}.values())[::-1]

    def role_on(self, day: dt.date) -> Role | None:
        active = [r for r in self.person.roles if r.active_on(day)]
        return active[-1] if active else (self.person.roles[-1] if self.person.roles else None)


@dataclass
class StatNode:
    stat: StatDef
    points: list[StatPoint]

    @property
    def summary(self):
        if not self.points:
            return None
        if self.stat.kind == "count":
            total = sum(p.value for p in self.points)
            return int(total) if float(total).is_integer() else total
        return self.points[-1].value


@dataclass
class CategoryNode:
    category: Category
    awards: list[AwardNode]


@dataclass
class PageNode:
    stem: str
    model: Page
    versions: dict
    fp: str = ""


@dataclass
class SiteGraph:
    chronicle: Chronicle
    entries: list[EntryNode]
    entry_by_stem: dict
    people: list[PersonNode]
    person_by_id: dict
    stats: list[StatNode]
    categories: list[CategoryNode]
    pages: list[PageNode]
    tags: dict
    months: list
    festivals: list
    signature: str = ""     # a digest of what every rendered text depends on: people's names, options, code
    watch: object = field(default=None, repr=False)  # graph/secrets.py Watchlist: what no output may carry

    @property
    def config(self):
        return self.chronicle.config

    @property
    def languages(self):
        return self.chronicle.config.languages
