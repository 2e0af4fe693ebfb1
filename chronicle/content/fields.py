"""Typed fields out of YAML mappings, each problem reported at its line."""

from __future__ import annotations

import datetime as dt
import re

from chronicle.content.dates import DEFAULT_SPAN, Span, days_in_month
from chronicle.content.numbers import NumberProblem, check_number
from chronicle.content.yamlio import YList, YMap
from chronicle.errors import Report, did_you_mean
from chronicle.content.schema import ENTRY_NAME
from chronicle.model import PartialDate, Ref, Text

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_ID = 64
LANG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


class Invalid(Exception):
    def __init__(self, message: str, hint: str = "", line: int | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.line = line


def type_name(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing"
    return type(value).__name__


class Fields:
    """A YAML mapping being read: unknown keys warn with a did-you-mean, bad values error at their line."""

    def __init__(self, data, path: str, report: Report, known: tuple[str, ...], what: str, line: int = 1):
        self.path = path
        self.report = report
        self.ok = True
        self.what = what
        if not isinstance(data, dict):
            report.error(path, getattr(data, "line", line), f"{what} must be a mapping of 'key: value' lines, not {type_name(data)}")
            self.data = YMap()
            self.data.key_lines = {}
            self.data.line = line
            self.ok = False
            return
        self.data = data
        for key in data:
            if key not in known:
                hint = did_you_mean(str(key), known) or "known fields: " + ", ".join(known)
                report.warn(path, data.line_of(key), f"unknown field '{key}' in {what} is ignored", hint)

    def line(self, key=None) -> int:
        return self.data.line_of(key) if key is not None else self.data.line

    def has(self, key) -> bool:
        return key in self.data and self.data[key] is not None

    def get(self, key, convert, required: bool = False, default=None):
        if not self.has(key):
            if required:
                self.report.error(self.path, self.line(), f"{self.what} has no '{key}'", f"add a line '{key}: ...'")
                self.ok = False
            return default
        try:
            return convert(self.data[key])
        except Invalid as exc:
            self.report.error(self.path, exc.line or self.line(key), f"'{key}': {exc.message}", exc.hint)
            self.ok = False
            return default


def to_str(value) -> str:
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        raise Invalid(f"expected text, got {type_name(value)}")
    return (getattr(value, "raw", None) or str(value)).strip()


def to_bool(value) -> bool:
    if not isinstance(value, bool):
        raise Invalid(f"expected true or false, got {value!r}")
    return value


def to_number(value, dot_groups: bool = False):
    try:
        return check_number(value, dot_groups)
    except NumberProblem as exc:
        raise Invalid(exc.message, exc.hint) from None


def to_slug(value) -> str:
    text = to_str(value)
    if not SLUG.match(text):
        raise Invalid(f"'{text}' is not a valid id", "ids use lower-case letters, digits and hyphens, e.g. yang-quling")
    if len(text) > MAX_ID:
        raise Invalid(f"id '{text[:20]}…' is {len(text)} characters long; the limit is {MAX_ID}",
                      "ids become web addresses and file names; choose a shorter one")
    return text


def to_date(value, span: Span = DEFAULT_SPAN) -> dt.date:
    text = to_str(value)
    match = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", text)
    if not match:
        raise Invalid(f"'{text}' is not a date", "write dates as YYYY-MM-DD, e.g. 2020-01-23")
    year, month, day = (int(g) for g in match.groups())
    _check_year(span, year, text)
    if not 1 <= month <= 12:
        raise Invalid(f"{text} is not a real date", f"there is no month {month}")
    if not 1 <= day <= days_in_month(year, month):
        raise Invalid(f"{text} is not a real date", f"{dt.date(year, month, 1):%B %Y} has {days_in_month(year, month)} days")
    return dt.date(year, month, day)


def _check_year(span: Span, year: int, text: str) -> None:
    problem = span.problem(year, text)
    if problem:
        raise Invalid(*problem)


def to_partial_date(value, span: Span = DEFAULT_SPAN) -> PartialDate:
    text = to_str(value)
    match = re.match(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$", text)
    if not match:
        raise Invalid(f"'{text}' is not a date", "write YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(match.group(1))
    _check_year(span, year, text)
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if month is not None and not 1 <= month <= 12:
        raise Invalid(f"{text} is not a real date", f"there is no month {month}")
    if day is not None:
        to_date(text, span)
    return PartialDate(year, month, day)


def list_of(convert, what: str = "value"):
    def inner(value):
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            value = YList([value])
            value.line = 0
            value.item_lines = []
        if not isinstance(value, list):
            raise Invalid(f"expected a list of {_plural(what)}, got {type_name(value)}", "write [a, b] or one '- item' per line")
        return [convert(item) for item in value]
    return inner


def _plural(word: str) -> str:
    return word + ("es" if word.endswith(("s", "x", "ch", "sh")) else "s")


def refs(value, convert=to_slug) -> tuple[Ref, ...]:
    """A list of ids, each remembering its line."""
    if isinstance(value, str):
        lines = [0]
        items = [value]
    elif isinstance(value, list):
        lines = [value.line_of(i) if isinstance(value, YList) else 0 for i in range(len(value))]
        items = list(value)
    else:
        raise Invalid(f"expected a list of ids, got {type_name(value)}", "write [a, b]")
    result = []
    for item, line in zip(items, lines):
        try:
            result.append(Ref(convert(item), line))
        except Invalid as exc:
            exc.line = line or None
            raise
    return tuple(result)


def text_reader(languages: tuple[str, ...], numbers: bool = True):
    """A converter for bilingual YAML text: a plain string (source language) or {lang: text}.

    ``numbers=False`` for names: ``name: 110`` is far more likely a slip than a name.
    """
    source = languages[0]

    def to_text(value) -> str:
        if not numbers and isinstance(value, (int, float)) and not isinstance(value, bool):
            raise Invalid(f"expected a name, got the number {value}", f'if that really is the name, put it in quotes: "{value}"')
        if isinstance(value, list):
            raise Invalid("expected text, got a list", f"write the text itself, or one text per language: "
                                                       f"{{{', '.join(lang + ': ...' for lang in languages)}}}")
        return to_str(value)

    def convert(value) -> Text:
        if isinstance(value, dict):
            out = {}
            for lang, text in value.items():
                if lang not in languages:
                    hint = did_you_mean(str(lang), languages) or "languages of this chronicle: " + ", ".join(languages)
                    raise Invalid(f"unknown language '{lang}'", hint, line=value.line_of(lang) if isinstance(value, YMap) else None)
                if text is None:
                    continue
                out[lang] = to_text(text)
            if not out:
                raise Invalid("no text in any language")
            return Text(out)
        text = to_text(value)
        if not text:
            raise Invalid("is empty")
        return Text({source: text})

    return convert


def to_entry_ref(value) -> str:
    """An entry named by its date or file stem (award evidence)."""
    text = to_str(value)
    if not ENTRY_NAME.match(text + ".md"):
        raise Invalid(f"'{text}' is not an entry date or stem", "write entry dates as YYYY-MM-DD, e.g. 2020-02-05")
    return text


def to_tag(value) -> str:
    text = to_str(value)
    if not text or "/" in text or "\\" in text or text in (".", "..") or len(text) > 64:
        raise Invalid(f"'{text}' is not a usable tag", "tags are short words without '/'")
    return text
