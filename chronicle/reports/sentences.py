"""The sentences of the commendation report, by what the lists are.

Only lists an issuer has adopted (``status: adopted``) read as a decision, in the
usual parts of a 表彰决定: title, who is commended and why, the decision, the call to
learn from them, issuing body, date and document number. Lists the editors compiled
from the chronicle, or proposed to an issuer, read as what they are: a draft, marked
as such on its first page and on every page's header, with no issuer's signature.

The English is written for English readers, not translated from the Chinese forms:
category names are used as the names of lists, not as titles conferred.
"""

from __future__ import annotations

from dataclasses import dataclass

from chronicle.reports.wording import base_lang, join_list

_EN_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _en_count(n: int, one: str, many: str) -> str:
    word = _EN_NUMBERS[n] if 0 <= n < len(_EN_NUMBERS) else f"{n:,}"
    return f"{word} {one if n == 1 else many}"


@dataclass(frozen=True)
class Sentences:
    title: str
    header: str         # on every page of a draft (docx header, PDF running head); empty when adopted
    notice: str         # first thing on page one of a draft; empty when adopted
    intro: str
    decision: str       # the decision (adopted) or the proposal (compiled, proposed)
    call: str           # the closing paragraph
    signature: tuple[str, ...]


@dataclass(frozen=True)
class Facts:
    """What the sentences are made of, all in the report's language."""

    status: str
    lang: str
    site_title: str
    place: str
    period: str
    entries: int
    people: int
    categories: tuple[tuple[str, tuple[str, ...]], ...]   # (category name, names)
    by: str             # who compiled the lists ("" = the editors)
    issuer: str         # who adopted them, or to whom they are proposed
    date: str           # date of issue (adopted) or of the proposal, as text; may be empty
    document: str       # the adopting document's number


def sentences(f: Facts) -> Sentences:
    zh = base_lang(f.lang) == "zh"
    if f.status == "adopted":
        return _adopted_zh(f) if zh else _adopted_en(f)
    return _draft_zh(f) if zh else _draft_en(f)


# -- Chinese --------------------------------------------------------------------------------------------------------
def _cats_zh(f: Facts) -> str:
    return join_list([name for name, _ in f.categories], "zh")


def _who_zh(names: tuple[str, ...]) -> str:
    return f"{names[0]}同志" if len(names) == 1 else f"{names[0]}等{len(names)}名同志"


def _record_zh(f: Facts) -> str:
    when = f"{f.period}，" if f.period else ""
    return f"{when}《{f.site_title}》以{f.entries}篇日记逐日记录了{f.place or '这一时期'}的工作和生活"


def _adopted_zh(f: Facts) -> Sentences:
    parts = [f"授予{_who_zh(names)}“{name}”称号" for name, names in f.categories if names]
    return Sentences(
        title=f"关于表彰{_cats_zh(f)}的决定", header="", notice="",
        intro=(f"{_record_zh(f)}。在此期间，涌现出一批恪尽职守、甘于奉献的先进个人，他们的事迹在日记中有据可查。"
               f"为表彰先进、树立典型，经研究，决定对以下{f.people}名同志予以表彰："),
        decision="；".join(parts) + "。名单见附件2。" if parts else "",
        call=("希望受到表彰的同志珍惜荣誉、再接再厉，继续发挥先锋模范作用。"
              f"{f.place}广大干部群众要以受表彰的同志为榜样，学习他们忠于职守、无私奉献的精神，"
              "立足本职、团结协作，为做好各项工作作出新的贡献。"),
        signature=tuple(x for x in (f.issuer, f.date) if x))


def _draft_zh(f: Facts) -> Sentences:
    by = f.by or "编者"
    proposed = f.status == "proposed" and f.issuer
    parts = [f"建议授予{_who_zh(names)}“{name}”称号" for name, names in f.categories if names]
    if proposed:
        title = f"关于提请表彰{_cats_zh(f)}的建议（草稿）"
        notice = (f"草稿 · 据日记整理，非正式表彰决定。本建议由{by}根据《{f.site_title}》所记事迹整理，报{f.issuer}研究；"
                  f"{f.issuer}作出决定之前，不具有表彰效力。")
        ask = f"现提请{f.issuer}对以下{f.people}人予以表彰："
        call = "以上建议及所附事迹均据日记整理，每项事迹后列有日记依据。妥否，请审定。"
        signature = (f"提出：{by}",) + ((f.date,) if f.date else ())
    else:
        title = f"建议表彰{_cats_zh(f)}名单（草稿）"
        notice = (f"草稿 · 据日记整理，非正式表彰决定。本名单由{by}根据《{f.site_title}》所记事迹整理，"
                  "未经任何机构研究决定，不代表任何组织。")
        ask = f"{by}据日记所记，整理出以下{f.people}人，建议予以表彰："
        call = "以上名单及所附事迹均据日记整理，每项事迹后列有日记依据，供审阅。"
        signature = (f"整理：{by}",) + ((f.date,) if f.date else ())
    return Sentences(
        title=title, header="草稿 · 据日记整理，非正式表彰决定", notice=notice,
        intro=f"{_record_zh(f)}，记下了一批恪尽职守、甘于奉献的人和他们的事迹。{ask}",
        decision="；".join(parts) + "。名单见附件2。" if parts else "", call=call, signature=signature)


# -- English --------------------------------------------------------------------------------------------------------
def _list_en(f: Facts) -> str:
    """Outstanding Community Workers: Yang Quling and seven others; … — category names as the lists' names."""
    parts = []
    for name, names in f.categories:
        if not names:
            continue
        who = names[0] if len(names) == 1 else f"{names[0]} and {_en_count(len(names) - 1, 'other', 'others')}"
        parts.append(f"{name} ({who})")
    return "; ".join(parts)


def _record_en(f: Facts) -> str:
    when = f" written between {f.period.replace(' – ', ' and ')}" if f.period else ""
    where = f" of {f.place}" if f.place else ""
    return f"In {_en_count(f.entries, 'entry', 'entries')}{when}, “{f.site_title}” records the work and daily life{where}"


def _adopted_en(f: Facts) -> Sentences:
    lists = _list_en(f)
    return Sentences(
        title="Commendations", header="", notice="",
        intro=(f"{_record_en(f)}. {f.issuer or 'The issuer'} has decided to commend "
               f"{_en_count(f.people, 'person', 'people')} for the part they played, as the diary tells it."),
        decision=f"They are commended in these lists: {lists}. Annex 2 gives every name." if lists else "",
        call="Our thanks go to everyone named here, and to all who worked beside them.",
        signature=tuple(x for x in (f.issuer, f.date) if x))


def _draft_en(f: Facts) -> Sentences:
    by = f.by or "the editors"
    By = by[0].upper() + by[1:]
    proposed = f.status == "proposed" and f.issuer
    lists = _list_en(f)
    people = _en_count(f.people, "person", "people")
    if proposed:
        title = "Proposal for Commendations (Draft)"
        notice = (f"Draft compiled from the diary; not an official decision. {By} drew up these lists from what "
                  f"“{f.site_title}” records and put them to {f.issuer}. They carry no weight until {f.issuer} "
                  "decides on them.")
        ask = f"{By} propose to {f.issuer} that the following {people} be commended."
        call = (f"Each deed in Annex 1 is followed by the diary entries that record it. We put this proposal to "
                f"{f.issuer} for a decision.")
        signature = (f"Proposed by {by}",) + ((f.date,) if f.date else ())
    else:
        title = "Proposed Commendations (Draft)"
        notice = (f"Draft compiled from the diary; not an official decision. {By} drew up these lists from what "
                  f"“{f.site_title}” records. No organisation has considered or adopted them.")
        ask = f"From what it records, {by} propose the following {people} for commendation."
        call = ("Each deed in Annex 1 is followed by the diary entries that record it, so that readers can check "
                "it for themselves.")
        signature = (f"Compiled by {by}",) + ((f.date,) if f.date else ())
    return Sentences(
        title=title, header="DRAFT · compiled from the diary, not an official decision", notice=notice,
        intro=f"{_record_en(f)}. Many people in it did far more than their share. {ask}",
        decision=f"The lists are: {lists}. Annex 2 gives every name." if lists else "", call=call,
        signature=signature)
