"""Month and weekday names of the Latin-script languages a diary may be written in, from Babel (CLDR).

The importer reads dated headings ("Tuesday, 1 August", "Mardi 1er août 2023",
"Dienstag, 1. August 2023") and the checks read weekdays written in front
matter; both need the names in every language, with and without accents, and
never from hand-kept lists that miss a language's spelling.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

LANGS = ("en", "fr", "de", "es", "it", "nl", "pt")
# English forms CLDR does not list but diaries write.
_EXTRA_WEEKDAYS = {"tues": 1, "thur": 3, "thurs": 3, "weds": 2}
_EXTRA_MONTHS = {"sept": 9}


def fold(word: str) -> str:
    """Lower case without accents or a trailing dot: 'Août.' → 'aout'."""
    decomposed = unicodedata.normalize("NFD", word.strip().rstrip(".").lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ß", "ss")


@dataclass(frozen=True)
class Names:
    months: dict[str, int]                   # folded name → 1..12
    weekdays: dict[str, tuple[int, str]]     # folded name → (0 = Monday .. 6, language)
    month_forms: tuple[str, ...]             # every spelling as written and folded, longest first (for regexes)
    weekday_forms: tuple[str, ...]
    wide: frozenset[str]                     # folded full month and weekday names (no abbreviations)


@lru_cache(maxsize=16)
def names(langs: tuple[str, ...] = LANGS) -> Names:
    """The names of ``langs`` (English extras always): a diary's headings are read with its own language's."""
    from babel import Locale, UnknownLocaleError

    months: dict[str, int] = {}
    clashes: set[str] = set()
    weekdays: dict[str, tuple[int, str]] = {}
    month_forms: set[str] = set()
    weekday_forms: set[str] = set()
    wide: set[str] = set()
    for lang in dict.fromkeys(langs):
        try:
            locale = Locale.parse(lang.replace("-", "_"))
        except (ValueError, UnknownLocaleError):
            continue
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in locale.months[context][width].items():
                    key = fold(name)
                    if width == "wide":
                        wide.add(key)
                    if len(key) < 3:
                        continue
                    if months.get(key, number) != number:
                        clashes.add(key)
                    months[key] = number
                    month_forms.update({name.rstrip(".").lower(), key})
                for number, name in locale.days[context][width].items():
                    key = fold(name)
                    if width == "wide":
                        wide.add(key)
                    if len(key) < 3:
                        continue
                    weekdays.setdefault(key, (number, lang))
                    weekday_forms.update({name.rstrip(".").lower(), key})
    for key in clashes:
        months.pop(key, None)
    for key, number in _EXTRA_MONTHS.items():
        months[key] = number
        month_forms.add(key)
    for key, number in _EXTRA_WEEKDAYS.items():
        weekdays[key] = (number, "en")
        weekday_forms.add(key)
    month_forms = {f for f in month_forms if fold(f) in months}
    by_length = lambda forms: tuple(sorted(forms, key=lambda f: (-len(f), f)))  # noqa: E731
    return Names(months, weekdays, by_length(month_forms), by_length(weekday_forms), frozenset(wide))


def month_number(word: str) -> int | None:
    return names().months.get(fold(word))


def weekday_of(word: str) -> tuple[int, str] | None:
    """(weekday 0 = Monday, language) for a weekday name in any of LANGS, else None."""
    return names().weekdays.get(fold(word))


def weekday_name(day_index: int, lang: str) -> str:
    """The weekday's full name in ``lang`` as CLDR writes it (Wednesday, mercredi, Mittwoch)."""
    from babel import Locale

    return Locale.parse(lang).days["format"]["wide"][day_index]


def is_calendar_word(word: str, langs: tuple[str, ...] = LANGS) -> bool:
    """A month or weekday's full name in ``langs`` (not a person's name, however capitalised; "Sam" is not
    samedi and "Jan" not January here)."""
    return fold(word) in names(langs).wide
