"""Interface text and dates in the page's language: a message catalog plus Babel."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

import yaml

LOCALES = Path(__file__).resolve().parent.parent / "locales"
BABEL_LOCALE = {"zh": "zh_Hans_CN", "zh-hans": "zh_Hans_CN", "zh-cn": "zh_Hans_CN", "zh-hant": "zh_Hant_TW",
                "zh-tw": "zh_Hant_TW", "en": "en"}
HTML_LANG = {"zh": "zh-CN", "en": "en"}


@lru_cache(maxsize=None)
def catalog(lang: str) -> dict:
    base = yaml.safe_load((LOCALES / "en.yaml").read_text(encoding="utf-8"))
    for candidate in (lang.lower(), lang.split("-")[0].lower()):
        path = LOCALES / f"{candidate}.yaml"
        if path.exists():
            base.update(yaml.safe_load(path.read_text(encoding="utf-8")))
            break
    return base


def has_catalog(lang: str) -> bool:
    return any((LOCALES / f"{c}.yaml").exists() for c in (lang.lower(), lang.split("-")[0].lower()))


def language_display(lang: str) -> str:
    """The language's own name for the language switch: the catalog's, else CLDR's (français, Deutsch)."""
    if has_catalog(lang):
        return catalog(lang)["language_name"]
    try:
        name = _locale(babel_locale(lang)).get_display_name(_locale(babel_locale(lang))) or lang
    except Exception:  # Babel: UnknownLocaleError or ValueError for a code it does not know; show it as written
        return lang
    return name[:1].upper() + name[1:]


def html_lang(lang: str) -> str:
    return HTML_LANG.get(lang, lang)


def babel_locale(lang: str) -> str:
    return BABEL_LOCALE.get(lang.lower(), lang.replace("-", "_"))


def locale_for(lang: str, config=None) -> str:
    """The Babel locale of a language: chronicle.yaml's ``locales`` (en: en-GB) first, else the default."""
    chosen = dict(getattr(config, "locales", None) or {}).get(lang)
    return chosen.replace("-", "_") if chosen else babel_locale(lang)


class Messages:
    """``t('key', n=3)`` for one language; dates, numbers and lists in its locale (``locale``: e.g. en_GB)."""

    def __init__(self, lang: str, locale: str | None = None):
        self.lang = lang
        self.messages = catalog(lang)
        self.locale = locale or babel_locale(lang)

    @classmethod
    def of(cls, lang: str, config=None) -> "Messages":
        """The messages of ``lang`` with the locale chronicle.yaml gives it."""
        return cls(lang, locale_for(lang, config))

    def __eq__(self, other) -> bool:
        return isinstance(other, Messages) and (other.lang, other.locale) == (self.lang, self.locale)

    def __hash__(self) -> int:
        """By language: drawings memoised per formatter (render/charts.py) are shared by every page of a language."""
        return hash(("Messages", self.lang, self.locale))

    @property
    def sep(self) -> str:
        """What stands between two items of a list in this language (", " or "、"), from CLDR's list patterns."""
        return _list_separator(self.locale)

    def list(self, items) -> str:
        """Items joined as the language does: "a, b and c", "a、b和c"."""
        items = [str(i) for i in items]
        return _format_list(self.locale, tuple(items)) if items else ""

    def language_of(self, code: str) -> str:
        """A language's name in this one: "Chinese", "法语"."""
        return _language_name(self.locale, code)

    def month_day(self, day: dt.date) -> str:
        """Month and day without the year: "January 23", "23 January"."""
        return _format_skeleton(self.locale, day, "MMMMd")

    def short_day(self, day: dt.date) -> str:
        """Day, month and weekday in short: "Tue, Aug 1", "Tue 1 Aug", "8月1日周二"."""
        return _format_skeleton(self.locale, day, "MMMEd")

    def full_date(self, day: dt.date) -> str:
        """The date with its weekday, as the language writes it: "Saturday, 5 August 2023", "2023年8月5日星期六"."""
        return _format_date(self.locale, day, "full")

    def __call__(self, key: str, **values) -> str:
        text = self.messages.get(key, key)
        if isinstance(text, dict):
            text = text.get(self._plural(values.get("n", 0)), text.get("other", key))
        return text.format(**values) if values else text

    def _plural(self, n) -> str:
        """CLDR plural category ('one', 'other', …) so English says "1 entry" and "2 entries"."""
        return _plural(self.locale, n)

    def date(self, day: dt.date, form: str = "long") -> str:
        return _format_date(self.locale, day, form)

    def weekday(self, day: dt.date) -> str:
        return _format_date(self.locale, day, "EEEE")

    def month(self, day: dt.date) -> str:
        return _format_skeleton(self.locale, day, "yMMMM")

    def short_date(self, day: dt.date) -> str:
        return _format_skeleton(self.locale, day, "MMMd")

    def number(self, value) -> str:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return _format_number(self.locale, value)


# Babel parses the locale and the pattern on every call; a chronicle formats the same few thousand
# dates and numbers over and over, so the results are memoised per locale.
@lru_cache(maxsize=None)
def _locale(name: str):
    from babel import Locale
    return Locale.parse(name)


@lru_cache(maxsize=4096)
def _plural(locale: str, n) -> str:
    return _locale(locale).plural_form(n)


@lru_cache(maxsize=65536)
def _format_date(locale: str, day: dt.date, form: str) -> str:
    from babel.dates import format_date
    return format_date(day, form, locale=_locale(locale))


@lru_cache(maxsize=65536)
def _format_skeleton(locale: str, day: dt.date, skeleton: str) -> str:
    from babel.dates import format_skeleton
    return format_skeleton(skeleton, day, locale=_locale(locale))


@lru_cache(maxsize=65536)
def _format_number(locale: str, value) -> str:
    from babel.numbers import format_decimal
    return format_decimal(value, locale=_locale(locale))


@lru_cache(maxsize=64)
def _list_separator(locale: str) -> str:
    pattern = _locale(locale).list_patterns["standard"]["middle"]
    return pattern.replace("{0}", "").replace("{1}", "")


@lru_cache(maxsize=4096)
def _format_list(locale: str, items: tuple[str, ...]) -> str:
    from babel.lists import format_list
    return format_list(list(items), locale=_locale(locale))


def readable_id(ident: str, always: bool = True) -> str:
    """An id as a reader can read it: "fire-service" → "Fire service". ``always`` False: only ids that look
    like ids (words joined by - or _) are changed; a tag written as a word stays as written."""
    import re

    if not always and not re.fullmatch(r"[a-z0-9]+(?:[-_][a-z0-9]+)+", ident):
        return ident
    text = re.sub(r"[-_]+", " ", ident).strip()
    return text[:1].upper() + text[1:] if text else ident


def group_label(group: str, t: Messages, config=None, langs: tuple[str, ...] = ()) -> str:
    """A group as readers see it: chronicle.yaml's ``groups:`` label, else the built-in one, else readable."""
    labels = getattr(config, "groups", None) or {}
    if group in labels:
        return labels[group].get(t.lang, langs or config.languages)
    key = f"group_{group}"
    return t(key) if key in t.messages else readable_id(group)


def tag_label(tag: str, t: Messages, config=None, langs: tuple[str, ...] = ()) -> str:
    labels = getattr(config, "tags", None) or {}
    if tag in labels:
        return labels[tag].get(t.lang, langs or config.languages)
    return readable_id(tag, always=False)


@lru_cache(maxsize=256)
def _language_name(locale: str, code: str) -> str:
    try:
        return _locale(babel_locale(code)).get_language_name(_locale(locale)) or code
    except Exception:  # Babel: UnknownLocaleError or ValueError for a code it does not know
        return code
