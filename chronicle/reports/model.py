"""The report model: what a commendation report or a person's record says, built from the site graph.

Pure functions of the graph and a language. Every name in it is the published name
(``publish: initials`` / ``anonymous`` honoured), every date comes from the content
(the date of issue from ``report:`` in chronicle.yaml, else the last entry's date),
so two runs give the same report.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html as _html
import re
from dataclasses import dataclass

from chronicle.chinese.text import excerpt
from chronicle.errors import did_you_mean
from chronicle.graph.people import matchable_names
from chronicle.graph.nodes import Passage, PersonNode, SiteGraph
from chronicle.model import Text
from chronicle.render.i18n import Messages, group_label, html_lang
from chronicle.render.urls import site_path
from chronicle.reports import wording
from chronicle.reports.sentences import Facts, sentences

QUOTE_LIMIT = {"zh": 90, "en": 220}
# An award without 'evidence:' cites every entry that mentions the person; a printed decision quotes the
# first few and counts the rest (the person's record, chronicle report person, quotes them all).
IMPLIED_QUOTES = 3


class UnknownName(Exception):
    """A category or person id the content does not have; carries a did-you-mean hint."""

    def __init__(self, kind: str, name: str, hint: str):
        super().__init__(f"unknown {kind} '{name}'")
        self.kind, self.name, self.hint = kind, name, hint


@dataclass(frozen=True)
class Quote:
    """A dated entry and the passage of it that tells of the person."""

    entry: str
    date: dt.date
    date_text: str
    title: str
    text: str
    lang: str
    anchor: str
    url: str
    line: str = ""  # date, title and quote as one line, punctuated for the language


@dataclass(frozen=True)
class AwardItem:
    category: str
    category_name: str
    person_id: str
    name: str
    role: str
    organisation: str
    citation: str
    citation_lang: str
    evidence: tuple[Quote, ...]
    role_line: str = ""  # role and organisation, punctuated for the language
    more: tuple[dt.date, ...] = ()  # implied evidence past IMPLIED_QUOTES: counted, not quoted
    more_line: str = ""  # "and 37 more entries…", in the language

    @property
    def evidence_dates(self) -> str:
        return "; ".join(dict.fromkeys([q.date.isoformat() for q in self.evidence] + [d.isoformat() for d in self.more]))


@dataclass(frozen=True)
class CategoryItem:
    id: str
    name: str
    description: str
    awards: tuple[AwardItem, ...]

    @property
    def names(self) -> list[str]:
        return [a.name for a in self.awards]


@dataclass(frozen=True)
class Commendations:
    lang: str
    html_lang: str
    labels: dict
    site_title: str
    title: str
    place: str
    period_start: dt.date | None
    period_end: dt.date | None
    period: str
    issuer: str
    issue_date: dt.date | None
    issue_date_text: str
    intro: str
    decision: str
    call: str
    entries: int
    categories: tuple[CategoryItem, ...]
    status: str = "compiled"    # what the lists are: compiled, proposed, adopted (commendations.yaml)
    draft: bool = True          # not adopted: marked as a draft on page one and on every page, no issuer's signature
    notice: str = ""            # page one of a draft: what it is and who compiled it
    header: str = ""            # every page of a draft
    document: str = ""          # the adopting document's number
    compiled_by: str = ""
    signature: tuple[str, ...] = ()

    @property
    def awards(self) -> list[AwardItem]:
        return [a for c in self.categories for a in c.awards]

    def context(self) -> dict:
        """Plain values for a docxtpl template (see docs/reports.md for the names)."""
        data = _plain(self)
        data.update(date=self.issue_date_text, date_iso=self.issue_date.isoformat() if self.issue_date else "",
                    awards=[_plain(a) for a in self.awards],
                    people=len({a.person_id for a in self.awards}))
        for category, item in zip(self.categories, data["categories"]):
            item.update(count=len(category.awards), names=("、" if self.lang.startswith("zh") else ", ").join(category.names),
                        names_list=category.names)
        return data


@dataclass(frozen=True)
class RoleItem:
    title: str
    organisation: str
    start: str
    end: str


@dataclass(frozen=True)
class PersonRecord:
    lang: str
    html_lang: str
    labels: dict
    site_title: str
    title: str
    person_id: str
    name: str
    place: str
    groups: tuple[str, ...]
    aliases: tuple[str, ...]
    bio: str
    mentioned: str
    roles: tuple[RoleItem, ...]
    awards: tuple[AwardItem, ...]
    passages: tuple[Quote, ...]
    issuer: str
    issue_date: dt.date | None
    issue_date_text: str

    def context(self) -> dict:
        data = _plain(self)
        data.update(date=self.issue_date_text, date_iso=self.issue_date.isoformat() if self.issue_date else "")
        return data


# -- building -------------------------------------------------------------------------------------------------------
class _Base:
    def __init__(self, graph: SiteGraph, lang: str):
        if wording.base_lang(lang) is None:
            raise UnknownName("report language", lang, "reports are written in " + " or ".join(wording.LANGS))
        self.g = graph
        self.lang = lang
        self.langs = graph.languages
        self.source = graph.config.source_lang
        self.t = Messages.of(lang, graph.config)
        self.zh = wording.base_lang(lang) == "zh"

    def txt(self, value: Text | None) -> str:
        return value.get(self.lang, self.langs) if value is not None else ""

    def txt_lang(self, value: Text | None) -> str:
        return html_lang(value.pick(self.lang, self.langs)[1]) if value is not None else html_lang(self.lang)

    @property
    def period(self) -> tuple[dt.date | None, dt.date | None]:
        entries = self.g.entries
        return (entries[0].date, entries[-1].date) if entries else (None, None)

    @property
    def lists(self):
        return self.g.chronicle.lists

    @property
    def issue_date(self) -> dt.date | None:
        """The date of the decision (adopted) or of the draft, as the content gives it; never a date made up."""
        return self.lists.date or self.g.config.report.date

    @property
    def issuer(self) -> str:
        """Who adopted the lists, or to whom they are proposed; nobody for lists the editors compiled."""
        if self.lists.status == "compiled":
            return ""
        return self.txt(self.lists.issuer) or self.txt(self.g.config.report.issuer)

    @property
    def compiled_by(self) -> str:
        return self.txt(self.lists.compiled_by) or wording.labels(self.lang)["by_default"]

    def quote(self, person: PersonNode, passage: Passage, limit: int | None) -> Quote:
        node = self.g.entry_by_stem[passage.entry]
        version = node.versions[self.lang]
        text_lang = version.text_lang
        block = next((b for b in version.blocks if b.anchor == passage.anchor), None) if passage.anchor else None
        if block is None and passage.anchor:
            version = node.versions[self.source]
            text_lang = version.text_lang
            block = next((b for b in version.blocks if b.anchor == passage.anchor), None)
        text = ""
        if block is not None:
            text = _nested_quotes(block.text)
            if limit is not None:
                text = _cut_around(text, _offset(block, person, text_lang), limit, text_lang)
        base = self.g.config.base_url
        url = (base + site_path(self.lang, "entry", node.stem) + (f"#{passage.anchor}" if passage.anchor else "")) if base else ""
        title = node.versions[self.lang].title
        date = self.t.date(node.date)
        if self.zh:
            line = date + (f"　《{title}》" if title else "") + (f"：“{text}”" if text else "")
        else:
            line = date + (f" — {title}" if title else "") + (f": “{text}”" if text else "")
        return Quote(node.stem, node.date, date, title, text, html_lang(text_lang), passage.anchor, url, line)

    def award(self, award) -> AwardItem:
        person = self.g.person_by_id[award.person]
        category = next(c.category for c in self.g.categories if c.category.id == award.category)
        limit = QUOTE_LIMIT["zh" if self.zh else "en"]
        role = award.role
        title = self.txt(role.title) if role else ""
        org = self.txt(role.org) if role and role.org else ""
        shown, more = award.evidence, []
        if getattr(award, "implied", False) and len(award.evidence) > IMPLIED_QUOTES:
            shown, more = award.evidence[:IMPLIED_QUOTES], award.evidence[IMPLIED_QUOTES:]
        entries = len({p.entry for p in more})
        more_line = wording.labels(self.lang)["more_evidence"].format(n=entries) if more else ""
        return AwardItem(category.id, self.txt(category.name), person.pid, person.names[self.lang], title, org,
                         self.txt(award.citation), self.txt_lang(award.citation),
                         tuple(self.quote(person, p, limit) for p in shown),
                         ("，" if self.zh else ", ").join(x for x in (title, org) if x),
                         tuple(p.date for p in more), more_line)


def commendations(graph: SiteGraph, lang: str, categories: list[str] | None = None) -> Commendations:
    """The commendation report in ``lang``, for all categories or the ones named (in that order)."""
    b = _Base(graph, lang)
    nodes = {c.category.id: c for c in graph.categories}
    chosen = []
    for cid in categories or list(nodes):
        if cid not in nodes:
            raise UnknownName("category", cid, did_you_mean(cid, nodes) or (
                "categories: " + ", ".join(nodes) if nodes else "commendations.yaml defines no categories"))
        if nodes[cid] not in chosen:
            chosen.append(nodes[cid])
    items = tuple(CategoryItem(c.category.id, b.txt(c.category.name), b.txt(c.category.description),
                               tuple(b.award(a) for a in c.awards)) for c in chosen)
    start, end = b.period
    config = graph.config
    period = wording.period_text(start, end, lang, b.t.locale)
    place = b.txt(config.place)
    people = len({a.person_id for c in items for a in c.awards})
    lists = b.lists
    date_text = wording.date_text(b.issue_date, lang, b.t.locale)
    said = sentences(Facts(lists.status, lang, b.txt(config.title), place, period, len(graph.entries), people,
                           tuple((c.name, tuple(c.names)) for c in items), b.txt(lists.compiled_by), b.issuer,
                           date_text, lists.document))
    labels = dict(wording.labels(lang))
    if not lists.adopted:
        labels["annex_list"] = labels["annex_list_draft"]
    return Commendations(
        lang=lang, html_lang=html_lang(lang), labels=labels, site_title=b.txt(config.title),
        title=said.title, place=place, period_start=start, period_end=end, period=period,
        issuer=b.issuer, issue_date=b.issue_date, issue_date_text=date_text,
        intro=said.intro, decision=said.decision, call=said.call, entries=len(graph.entries), categories=items,
        status=lists.status, draft=not lists.adopted, notice=said.notice, header=said.header,
        document=lists.document if lists.adopted else "", compiled_by=b.compiled_by, signature=said.signature)


def find_person(graph: SiteGraph, key: str) -> PersonNode:
    """A person by content id or public id."""
    node = graph.person_by_id.get(key) or next((p for p in graph.people if p.pid == key), None)
    if node is None:
        raise UnknownName("person", key, did_you_mean(key, graph.person_by_id) or "person ids are in people.yaml")
    return node


def person_record(graph: SiteGraph, lang: str, key: str) -> PersonRecord:
    """One person's record: profile, roles, every passage that mentions them, awards."""
    b = _Base(graph, lang)
    person = find_person(graph, key)
    p = person.person
    labels = dict(wording.labels(lang))
    if not b.lists.adopted:
        labels["awards"], labels["no_awards"] = labels["awards_draft"], labels["no_awards_draft"]
    roles = tuple(RoleItem(b.txt(r.title), b.txt(r.org), r.start.iso() if r.start else "",
                           r.end.iso() if r.end else (labels["open_ended"] if r.start else "")) for r in p.roles)
    passages = []
    for stem in person.entries:
        found = person.passages.get(stem) or [Passage(stem, graph.entry_by_stem[stem].date, "")]
        passages += [b.quote(person, passage, None) for passage in found]
    dates = [graph.entry_by_stem[s].date for s in person.entries]
    mentioned = labels["mentioned_one" if len(dates) == 1 else "mentioned"].format(n=len(person.entries),
                                           period=wording.period_text(dates[0], dates[-1], lang, b.t.locale)) if dates else ""
    groups = tuple(group_label(g, b.t, graph.config, graph.languages) for g in p.groups)
    name = person.names[lang]
    return PersonRecord(
        lang=lang, html_lang=html_lang(lang), labels=labels, site_title=b.txt(graph.config.title),
        title=wording.person_title(name, lang), person_id=person.pid, name=name, place=b.txt(graph.config.place),
        groups=groups, aliases=() if person.restricted else p.aliases,
        bio="" if person.restricted else b.txt(p.bio), mentioned=mentioned, roles=roles,
        awards=tuple(b.award(a) for a in person.awards), passages=tuple(passages),
        issuer=b.issuer, issue_date=b.issue_date, issue_date_text=wording.date_text(b.issue_date, lang, b.t.locale))


# -- privacy --------------------------------------------------------------------------------------------------------
def leaked_name(model, graph: SiteGraph) -> tuple[str, str] | None:
    """(person id, text) when any text of the report carries a watched secret (``report_leak``)."""
    found = report_leak(model, graph)
    return (found[0].person, found[1]) if found else None


def report_leak(model, graph: SiteGraph):
    """(hit, text) when any text of the report carries a restricted person's name, in any spelling, or a
    private value (graph/secrets.py); else None.

    The graph already shows such people by their label and refuses texts with private values; this
    catches what would get past them, as the site build's last guard does.
    """
    watch = graph.watch
    if not watch:
        return None
    for text in _strings(model):
        found = watch.anything_in(text)
        if found:
            return found[0][2], text
    return None


def _strings(value):
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            yield from _strings(getattr(value, f.name))
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


# -- helpers --------------------------------------------------------------------------------------------------------
def _plain(value):
    """Dataclasses to dicts, dates to ISO strings: what a Word template can show."""
    if dataclasses.is_dataclass(value):
        out = {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(value, AwardItem):
            out["evidence_dates"] = value.evidence_dates
        return out
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _offset(block, person: PersonNode, text_lang: str) -> int:
    """Where in the block's text the person first appears: their mention link, else a name of theirs."""
    match = re.search(r'href="[^"]*/people/' + re.escape(person.pid) + r'/"', block.html)
    if match:
        before = block.html[: block.html.rfind("<", 0, match.start())]
        return len(_html.unescape(re.sub(r"<[^>]+>", "", before)).lstrip())
    names = [person.names.get(text_lang, "")]
    if not person.restricted:
        names += matchable_names(person.person)
    found = [block.text.find(n) for n in names if n and n in block.text]
    return min(found) if found else 0


def _nested_quotes(text: str) -> str:
    """The passage is shown inside “…”, so its own double quotes become single ones (replace: translate is slow);
    straight ones open and close in turn."""
    text = text.replace("“", "‘").replace("”", "’")
    if '"' in text:
        parts = text.split('"')
        text = "".join(part + ("‘" if i % 2 == 0 else "’") for i, part in enumerate(parts[:-1])) + parts[-1]
    return text


_ZH_END = "。！？；!?;\n"
_EN_END = re.compile(r"[.!?;]\s+")


def _cut_around(text: str, offset: int, limit: int, lang: str) -> str:
    """A short quote that contains the person: from the start when they appear early, else from their sentence."""
    if len(text) <= limit or offset < limit * 0.6:
        return excerpt(text, limit, lang)
    if lang.startswith("zh"):
        start = max(text.rfind(ch, 0, offset) for ch in _ZH_END) + 1
    else:
        ends = [m.end() for m in _EN_END.finditer(text, 0, offset)]
        start = ends[-1] if ends else 0
    if start <= 0:
        return excerpt(text, limit, lang)
    rest = text[start:].lstrip()
    return "…" + excerpt(rest, limit - 1, lang)
