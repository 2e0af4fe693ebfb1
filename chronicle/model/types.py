from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path


class Text:
    """A text in one or more languages; a plain YAML string is the source language."""

    __slots__ = ("values",)

    def __init__(self, values: dict[str, str]):
        self.values = dict(values)

    def has(self, lang: str) -> bool:
        return bool(self.values.get(lang))

    def pick(self, lang: str, fallbacks: tuple[str, ...] = ()) -> tuple[str, str]:
        """The text in ``lang`` or the first fallback that has one, with the language used."""
        for candidate in (lang, *fallbacks, *self.values):
            if self.values.get(candidate):
                return self.values[candidate], candidate
        return "", lang

    def get(self, lang: str, fallbacks: tuple[str, ...] = ()) -> str:
        return self.pick(lang, fallbacks)[0]

    def __eq__(self, other):
        return isinstance(other, Text) and other.values == self.values

    def __hash__(self):
        return hash(tuple(sorted(self.values.items())))

    def __repr__(self):
        return f"Text({self.values!r})"


@dataclass(frozen=True)
class Ref:
    """An id written in the content, with the line it was written on (for messages)."""

    id: str
    line: int


@dataclass(frozen=True, order=True)
class PartialDate:
    """YYYY, YYYY-MM or YYYY-MM-DD, as roles are remembered."""

    year: int
    month: int | None = None
    day: int | None = None

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        if self.day:
            return dt.date(self.year, self.month, self.day)
        if self.month:
            nxt = dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date(self.year, 12, 31)

    def iso(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


@dataclass(frozen=True)
class Phase:
    id: str
    name: Text
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class ReportConfig:
    issuer: Text | None = None
    date: dt.date | None = None


LIST_STATUSES = ("compiled", "proposed", "adopted")


@dataclass(frozen=True)
class ListStatus:
    """What the commendation lists are, so that no page or report makes them more than they are.

    ``compiled`` (the default): editors drew them from the chronicle; nobody has decided anything.
    ``proposed``: put to ``issuer`` for a decision. ``adopted``: ``issuer`` adopted them on ``date`` in the
    document numbered ``document``; only then does a report read as a decision."""

    status: str = "compiled"
    compiled_by: Text | None = None
    issuer: Text | None = None
    date: dt.date | None = None
    document: str = ""
    note: Text | None = None
    line: int = 1

    @property
    def adopted(self) -> bool:
        return self.status == "adopted"


@dataclass(frozen=True)
class BookConfig:
    """`book:` in chronicle.yaml: the books `chronicle build` makes with the site (chronicle book makes them alone)."""

    formats: tuple[str, ...] = ("pdf", "epub")
    editions: tuple[tuple[str, ...], ...] = ()   # each: one language, or two for a bilingual edition
    paper: str | None = None
    name: str = "book"
    appendix: tuple[str, ...] | None = None      # pages printed as appendices; None: the default (glossary)
    line: int = 0


@dataclass(frozen=True)
class SiteConfig:
    title: Text
    languages: tuple[str, ...]
    subtitle: Text | None = None
    author: Text | None = None
    place: Text | None = None
    base_url: str = ""
    lunar_calendar: bool = False
    autolink: bool = False
    phases: tuple[Phase, ...] = ()
    tags: dict = field(default_factory=dict)
    report: ReportConfig = field(default_factory=ReportConfig)
    allow_private_patterns: tuple[str, ...] = ()
    groups: dict = field(default_factory=dict)        # group id → Text label shown to readers
    locales: dict = field(default_factory=dict)       # language code → Babel/CLDR locale (en → en_GB)
    untranslated: tuple[str, ...] = ()                # entry and page stems that stay in their language
    book: BookConfig | None = None

    @property
    def source_lang(self) -> str:
        return self.languages[0]


@dataclass(frozen=True)
class Role:
    title: Text
    org: Text | None
    start: PartialDate | None
    end: PartialDate | None
    line: int
    note: Text | None = None        # the editors' note on this role, shown beside it
    inferred: bool = False          # the role (or its dates) is the editors' reading, not the chronicle's words

    def active_on(self, day: dt.date) -> bool:
        return ((self.start is None or self.start.first_day() <= day)
                and (self.end is None or day <= self.end.last_day()))


@dataclass(frozen=True)
class Person:
    id: str
    name: Text
    aliases: tuple[str, ...]
    groups: tuple[str, ...]
    roles: tuple[Role, ...]
    bio: Text | None
    publish: str
    line: int
    sort_name: str = ""
    note: Text | None = None        # the editors' note on the record (a reading, a doubt), shown on the profile
    alias_lines: tuple[int, ...] = ()   # the line of each alias in people.yaml, for messages about it


@dataclass(frozen=True)
class StatDef:
    id: str
    label: Text
    unit: Text | None
    kind: str
    group: str
    description: Text | None
    line: int
    note: Text | None = None        # the editors' note on the series, shown with it
    inferred: bool = False          # what the series counts is the editors' reading of the text


@dataclass(frozen=True)
class StatValue:
    stat: Ref
    value: float | int
    note: Text | None
    line: int


@dataclass(frozen=True)
class Body:
    """The Markdown body of one language version of an entry or page."""

    text: str
    first_line: int
    path: str
    title: Text | None = None


@dataclass(frozen=True)
class Entry:
    stem: str
    date: dt.date
    path: str
    title: Text | None
    weekday: str | None
    lunar: str | None
    people: tuple[Ref, ...]
    tags: tuple[Ref, ...]
    stats: tuple[StatValue, ...]
    draft: bool
    bodies: dict
    lines: dict
    fp: str = ""            # a digest of the files it was read from: equal files, equal entry
    translate: bool = True  # False: stays in its language on purpose (no missing-translation warning)

    def body(self, lang: str) -> Body | None:
        return self.bodies.get(lang)


@dataclass(frozen=True)
class Page:
    stem: str
    path: str
    title: Text
    bodies: dict
    order: int = 0
    translate: bool = True  # False: stays in its language on purpose


@dataclass(frozen=True)
class Award:
    person: Ref
    citation: Text
    evidence: tuple[Ref, ...] | None
    line: int


@dataclass(frozen=True)
class Category:
    id: str
    name: Text
    description: Text | None
    awards: tuple[Award, ...]
    line: int


@dataclass(frozen=True)
class Secret:
    """One value under a person's ``private:``: never published. ``field`` is its path (phone, address.en)."""

    person: str
    field: str
    value: str
    line: int


@dataclass(frozen=True)
class Chronicle:
    """Everything in a content folder, checked file by file."""

    root: Path
    config: SiteConfig
    people: tuple[Person, ...]
    stats: tuple[StatDef, ...]
    categories: tuple[Category, ...]
    entries: tuple[Entry, ...]
    pages: tuple[Page, ...]
    media: tuple[str, ...]
    template_dir: Path | None
    lists: ListStatus = field(default_factory=ListStatus)
    secrets: tuple[Secret, ...] = field(default=(), repr=False)   # the private: values, for the checks only
