"""The book's words in each language: labels from the message catalogs, dates as the diary wrote them."""

from __future__ import annotations

import datetime as dt

from chronicle.render.i18n import Messages, html_lang


def zh(lang: str) -> bool:
    return lang.split("-")[0].lower() == "zh"


def label(lang: str, key: str, **values) -> str:
    return Messages(lang)(key, **values)


def page_parts(lang: str) -> tuple[str, str]:
    """The words before and after a page number: 第 / 页, or "p. " / ""."""
    before, _, after = label(lang, "book_page").partition("{page}")
    return before, after


def dateline(node, lang: str, source: str) -> str:
    """The date of an entry as a line: the date, the weekday and the lunar date. In the source language the
    weekday and lunar date are the diary's own words (星期四 大年二十九) when it wrote them."""
    t = Messages(lang)
    own = lang == source
    if own and node.model.weekday:
        parts = [t.date(node.date), node.model.weekday]
    else:
        parts = [t.date(node.date, "full")]
    if own and node.model.lunar:
        parts.append(node.model.lunar)
    elif node.lunar is not None:
        parts.append(node.lunar.zh if zh(lang) else node.lunar.en)
    for festival in node.festivals or ():
        name = festival.zh if zh(lang) else festival.en
        if name not in parts and not any(name in p for p in parts):
            parts.append(name)
    return ("　" if zh(lang) else " · ").join(p for p in parts if p)


def period(start: dt.date | None, end: dt.date | None, lang: str) -> str:
    """2020年1月23日至3月8日 / January 23 – March 8, 2020."""
    from chronicle.reports.wording import base_lang, period_text
    if start is None or end is None:
        return ""
    if base_lang(lang):
        return period_text(start, end, lang)
    t = Messages(lang)
    return t.date(start) if start == end else f"{t.date(start)} – {t.date(end)}"


def month(day: dt.date, lang: str) -> str:
    return Messages(lang).month(day)


def date(day: dt.date, lang: str) -> str:
    return Messages(lang).date(day)


def short_date(day: dt.date, lang: str) -> str:
    return Messages(lang).short_date(day)


def number(value, lang: str) -> str:
    return Messages(lang).number(value)


def list_separator(lang: str) -> str:
    return "、" if zh(lang) else label(lang, "list_separator")


def colon(lang: str) -> str:
    return "：" if zh(lang) else ": "


def group(lang: str, group_id: str) -> str:
    t = Messages(lang)
    key = f"group_{group_id}"
    return t(key) if key in t.messages else group_id


def attr_lang(lang: str) -> str:
    return html_lang(lang)
