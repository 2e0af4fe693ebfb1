"""Dated headings in a diary: "1月23日 星期四 大年二十九", "2020年1月23日", "January 23, 2020", "2020-01-23".

A heading is recognised only when the date opens a short paragraph and what
follows is annotations (weekday, lunar date) or a short title: a sentence that
merely starts with a date ("3月25日,共收到…") stays text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_MON = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WD_EN = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
_WD_ZH = r"(?:星期|周|礼拜)[一二三四五六日天]"
# What may follow the date directly: the end, a separator, or a Chinese weekday.
_AFTER = rf"(?=$|[\s,，、:：()（）\[\]【】\-—–|/]|{_WD_ZH})"

_PATTERNS = (
    re.compile(rf"^(?:(?P<y>\d{{4}})\s*年\s*)?(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*[日号]{_AFTER}"),
    re.compile(rf"^(?P<y>\d{{4}})\s*[-./]\s*(?P<m>\d{{1,2}})\s*[-./]\s*(?P<d>\d{{1,2}})(?!\d){_AFTER}"),
    re.compile(rf"^(?:(?P<wd>{_WD_EN})\.?,?\s+)?(?P<mon>{_MON})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b"
               rf"(?:,?\s*(?P<y>\d{{4}})\b)?", re.IGNORECASE),
    re.compile(rf"^(?:(?P<wd>{_WD_EN})\.?,?\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MON})\b\.?"
               rf"(?:,?\s*(?P<y>\d{{4}})\b)?", re.IGNORECASE),
)
_SPLIT = re.compile(r"[\s,，、;；()（）\[\]【】|/]+|\s+[-—–]+\s+|^[-—–:：]+|[-—–:：]+$")
_SENTENCE = re.compile(r"[,，。.!！?？;；:：]")
_WEEKDAY_TOKEN = re.compile(rf"^(?:{_WD_ZH}|{_WD_EN})\.?$", re.IGNORECASE)
MAX_TITLE = 24


@dataclass(frozen=True)
class Heading:
    """A dated heading as written; ``year`` is None when the diary leaves it out."""

    line: int
    text: str
    month: int
    day: int
    year: int | None = None
    weekday: str | None = None
    lunar: str | None = None
    title: str | None = None


def parse_heading(text: str, line: int = 0, marked: bool = False) -> Heading | None:
    """The heading in ``text``, or None. ``marked``: the document styles it as a heading (longer titles allowed)."""
    raw = text.strip().strip("*_#").strip()
    if not raw or len(raw) > (120 if marked else 60):
        return None
    norm = unicodedata.normalize("NFKC", raw)
    for pattern in _PATTERNS:
        m = pattern.match(norm)
        if m:
            break
    else:
        return None
    groups = m.groupdict()
    month = _MONTHS[groups["mon"].lower().rstrip(".")] if groups.get("mon") else int(groups["m"])
    day, year = int(groups["d"]), int(groups["y"]) if groups.get("y") else None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    weekday = groups.get("wd")
    lunar = None
    rest: list[str] = []
    for token in (t for t in _SPLIT.split(norm[m.end():]) if t):
        if weekday is None and _WEEKDAY_TOKEN.match(token):
            weekday = token.rstrip(".") if not token[0].isascii() else token
        elif lunar is None and is_lunar(token):
            lunar = token
        else:
            rest.append(token)
    title = " ".join(rest).strip(" -—–:：") or None
    if title and not marked:
        left = _strip_annotations(norm[m.end():], weekday, lunar).lstrip(" -—–:：|")
        if len(title) > MAX_TITLE or _SENTENCE.search(left):
            return None
    return Heading(line, raw, month, day, year, weekday, lunar, title)


def _strip_annotations(text: str, weekday: str | None, lunar: str | None) -> str:
    for part in (weekday, lunar):
        if part:
            text = text.replace(part, " ", 1)
    return text.strip()


def looks_like_heading(text: str) -> bool:
    return parse_heading(text) is not None


@lru_cache(maxsize=4096)
def is_lunar(token: str) -> bool:
    """True when the lunar checker can read ``token`` (正月十五, 大年初一, 腊月廿九, 元宵 …)."""
    from chronicle.chinese.lunar import candidate_years

    if not token or token.isascii():
        return False
    try:
        candidate_years(1, 1, lunar=token, start=2020, end=2020)
    except ValueError:
        return False
    return True
