"""Dated headings in a diary: "1月23日 星期四 大年二十九", "2020年1月23日", "January 23, 2020", "2020-01-23",
"Tuesday, 1 August", "Mardi 1er août 2023", "Dienstag, 1. August 2023" (month and weekday names from CLDR).

A heading is recognised only when the date opens a short paragraph and what
follows is annotations (weekday, lunar date) or a short title: a sentence that
merely starts with a date ("3月25日,共收到…") stays text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from chronicle.calendar_words import fold

_WD_ZH = r"(?:星期|周|礼拜)[一二三四五六日天]"
# What may follow the date directly: the end, a separator, or a Chinese weekday.
_AFTER = rf"(?=$|[\s,，、:：()（）\[\]【】\-—–|/]|{_WD_ZH})"

_NUMERIC = (
    re.compile(rf"^(?:(?P<y>\d{{4}})\s*年\s*)?(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*[日号]{_AFTER}"),
    re.compile(rf"^(?P<y>\d{{4}})\s*[-./]\s*(?P<m>\d{{1,2}})\s*[-./]\s*(?P<d>\d{{1,2}})(?!\d){_AFTER}"),
)
_SPLIT = re.compile(r"[\s,，、;；()（）\[\]【】|/]+|\s+[-—–]+\s+|^[-—–:：]+|[-—–:：]+$")
_SENTENCE = re.compile(r"[,，。.!！?？;；:：]")
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


@lru_cache(maxsize=16)
def _word_patterns(langs: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    """Dates with month names in ``langs``: "Tuesday, 1 August", "August 1st, 2023", "Mardi 1er août 2023",
    "Dienstag, den 1. August 2023", "martes, 1 de agosto de 2023"."""
    from chronicle.calendar_words import names

    table = names(langs)
    mon = "|".join(re.escape(f) for f in table.month_forms)
    wd = "|".join(re.escape(f) for f in table.weekday_forms)
    end = r"(?![^\W\d_])"                                  # not inside a longer word
    weekday = rf"(?:(?:le|el|il|der|den)\s+)?(?P<wd>{wd}){end}\.?,?\s+(?:(?:le|el|il|der|den)\s+)?"
    ordinal = r"(?:st|nd|rd|th|er|re|e|º|°|\.)?"
    year = r"(?:,?\s*(?:de\s+)?(?P<y>\d{4})(?!\d))?"
    flags = re.IGNORECASE
    return (
        re.compile(rf"^(?:{weekday})?(?P<d>\d{{1,2}}){ordinal}\s*(?:of\s+|de\s+)?(?P<mon>{mon}){end}\.?{year}", flags),
        re.compile(rf"^(?:{weekday})?(?P<mon>{mon}){end}\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d){end}{year}",
                   flags),
    )


_ANY_LANG = ("en", "fr", "de", "es", "it")


def heading_langs(lang: str | None) -> tuple[str, ...]:
    """Month and weekday names read in a diary: its own language's and English (before the language is
    known: the commonest Latin-script ones)."""
    if not lang:
        return _ANY_LANG
    base = lang.split("-")[0].lower()
    return tuple(dict.fromkeys((base, "en"))) if base != "zh" else ("en",)


def parse_heading(text: str, line: int = 0, marked: bool = False, lang: str | None = None) -> Heading | None:
    """The heading in ``text``, or None. ``marked``: the document styles it as a heading (longer titles allowed);
    ``lang``: the diary's language, whose month and weekday names are read besides English."""
    from chronicle.calendar_words import names

    raw = text.strip().strip("*_#").strip()
    if not raw or len(raw) > (120 if marked else 60):
        return None
    norm = unicodedata.normalize("NFKC", raw)
    langs = heading_langs(lang)
    for pattern in _NUMERIC + _word_patterns(langs):
        m = pattern.match(norm)
        if m:
            break
    else:
        return None
    groups = m.groupdict()
    table = names(langs)
    month = table.months[fold(groups["mon"])] if groups.get("mon") else int(groups["m"])
    day, year = int(groups["d"]), int(groups["y"]) if groups.get("y") else None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    weekday = groups.get("wd")
    lunar = None
    rest: list[str] = []
    for token in (t for t in _SPLIT.split(norm[m.end():]) if t):
        if weekday is None and (re.fullmatch(_WD_ZH, token) or fold(token) in table.weekdays):
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


def looks_like_heading(text: str, lang: str | None = None) -> bool:
    return parse_heading(text, lang=lang) is not None


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
