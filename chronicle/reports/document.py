"""The layout of a report as a short list of blocks, shared by the Word, HTML, Markdown and PDF writers.

Deciding once what goes where (title, decision, annexes, tables) keeps the formats
saying the same thing; each writer only decides how a block looks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from chronicle.reports.model import AwardItem, Commendations, PersonRecord, Quote
from chronicle.reports.wording import base_lang


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 0 = the document title


@dataclass(frozen=True)
class Para:
    """``style``: body, subtitle, dateline (under the title), notice (what a draft is, boxed, on page one),
    signature (issuer and date, right), label, note, evidence (a dated line of evidence as plain text)."""

    runs: tuple[Run, ...]
    style: str = "body"
    lang: str | None = None

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Evidence:
    date_text: str
    date: dt.date
    title: str
    text: str
    lang: str
    url: str = ""


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...]  # relative column widths


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Document:
    lang: str
    html_lang: str
    title: str
    author: str
    date: dt.date | None
    labels: dict
    blocks: tuple = field(default_factory=tuple)
    header: str = ""    # printed at the top of every page (a draft says so there)

    @property
    def zh(self) -> bool:
        return base_lang(self.lang) == "zh"


def _p(text: str, style: str = "body", lang: str | None = None) -> Para:
    return Para((Run(text),), style, lang)


def _labelled(label: str, text: str, zh: bool, lang: str | None = None) -> Para:
    return Para((Run(label + ("：" if zh else ": "), bold=True), Run(text)), "body", lang)


def _evidence(q: Quote) -> Evidence:
    return Evidence(q.date_text, q.date, q.title, q.text, q.lang, q.url)


def _annex(labels: dict, n: int, title: str) -> str:
    return f"{labels['annex']}{labels[f'annex_{n}']}{title}"


def _award_blocks(a: AwardItem, labels: dict, zh: bool, heading_level: int, with_name: bool = True) -> list:
    blocks: list = []
    if with_name:
        blocks.append(Heading(a.name, heading_level))
    role = ("，" if zh else ", ").join(x for x in (a.role, a.organisation) if x)
    if role:
        blocks.append(_labelled(labels["role_at_time"], role, zh))
    blocks.append(_labelled(labels["citation"], a.citation, zh, a.citation_lang))
    if a.evidence:
        blocks.append(Para((Run(labels["evidence"] + ("：" if zh else ":"), bold=True),), "label"))
        blocks += [_evidence(q) for q in a.evidence]
        if a.more_line:
            blocks.append(_p(a.more_line, "note"))
    return blocks


def commendations_document(r: Commendations) -> Document:
    """Title, date (and document number); a draft's notice; who and why; the decision or proposal; the closing;
    the signature (an issuer's only when adopted); the annexes."""
    zh = r.lang.startswith("zh")
    L = r.labels
    dot = " · "
    blocks: list = [Heading(r.title, 0)]
    subtitle = dot.join(x for x in (r.place, r.period) if x)
    if subtitle:
        blocks.append(_p(subtitle, "subtitle"))
    dateline = dot.join(x for x in (r.document, r.issue_date_text) if x)
    if dateline:
        blocks.append(_p(L["date_open"] + dateline + L["date_close"], "dateline"))
    if r.notice:
        blocks.append(_p(r.notice, "notice"))
    blocks += [_p(r.intro), _p(r.decision), _p(r.call)]
    blocks += [_p(line, "signature") for line in r.signature]
    blocks.append(PageBreak())
    blocks.append(Heading(_annex(L, 1, L["annex_deeds"]), 1))
    for category in r.categories:
        blocks.append(Heading(category.name, 2))
        if category.description:
            blocks.append(_p(category.description, "note"))
        for award in category.awards:
            blocks += _award_blocks(award, L, zh, 3)
    blocks.append(PageBreak())
    blocks.append(Heading(_annex(L, 2, L["annex_list"]), 1))
    sep = "、" if zh else ", "
    rows = tuple((c.name, str(len(c.awards)), sep.join(c.names)) for c in r.categories)
    blocks.append(Table((L["category"], L["count"], L["names"]), rows, (3, 1, 8)))
    return Document(r.lang, r.html_lang, r.title, r.issuer or r.compiled_by, r.issue_date, L, tuple(blocks),
                    header=r.header)


def person_document(r: PersonRecord) -> Document:
    zh = r.lang.startswith("zh")
    L = r.labels
    sep = "、" if zh else ", "
    blocks: list = [Heading(r.title, 0)]
    subtitle = " · ".join(x for x in (r.site_title, r.place) if x)
    if subtitle:
        blocks.append(_p(subtitle, "subtitle"))
    if r.issue_date_text:
        blocks.append(_p(L["date_open"] + r.issue_date_text + L["date_close"], "dateline"))
    blocks.append(Heading(L["profile"], 1))
    blocks.append(_labelled(L["name"], r.name, zh))
    if r.groups:
        blocks.append(_labelled(L["groups"], sep.join(r.groups), zh))
    if r.aliases:
        blocks.append(_labelled(L["aliases"], sep.join(r.aliases), zh))
    if r.bio:
        blocks.append(_labelled(L["bio"], r.bio, zh))
    if r.mentioned:
        blocks.append(_p(r.mentioned))
    if r.roles:
        blocks.append(Heading(L["roles"], 1))
        blocks.append(Table((L["role"], L["organisation"], L["from"], L["to"]),
                            tuple((x.title, x.organisation, x.start, x.end) for x in r.roles), (4, 4, 2, 2)))
    blocks.append(Heading(L["awards"], 1))
    if not r.awards:
        blocks.append(_p(L["no_awards"]))
    for award in r.awards:
        blocks.append(Heading(award.category_name, 2))
        blocks += _award_blocks(award, L, zh, 3, with_name=False)
    blocks.append(Heading(L["passages"], 1))
    if not r.passages:
        blocks.append(_p(L["no_passages"]))
    blocks += [_evidence(q) for q in r.passages]
    blocks.append(_p(L["source"].format(title=r.site_title), "note"))
    return Document(r.lang, r.html_lang, r.title, r.issuer, r.issue_date, L, tuple(blocks))
