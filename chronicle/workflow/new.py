"""`chronicle new entry`: a new entry file with its front matter already filled in."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from chronicle.content.chars import FORBIDDEN
from chronicle.content.chars import message as chars_message
from chronicle.content.dates import DEFAULT_SPAN, SUPPORTED, Span
from chronicle.content.schema import ENTRY_NAME
from chronicle.content.source import SourceError, read_source
from chronicle.content.yamlio import YAMLProblem, load_yaml

_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class NewProblem(Exception):
    def __init__(self, message: str, hint: str = "", path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message, self.hint, self.path, self.line = message, hint, path, line


@dataclass(frozen=True)
class Settings:
    """The parts of chronicle.yaml a new entry needs."""

    languages: tuple[str, ...]
    lunar_calendar: bool
    span: Span = DEFAULT_SPAN


def read_settings(content: Path) -> Settings:
    """languages and lunar_calendar from chronicle.yaml, without loading (or judging) the rest of the content."""
    path = content / "chronicle.yaml"
    if not path.is_file():
        raise NewProblem(f"{content} has no chronicle.yaml", "give the content folder, e.g. chronicle new entry content; "
                         "or start one with: chronicle import DIARY -o content", str(path))
    try:
        data = load_yaml(read_source(path, "chronicle.yaml").text)
    except (SourceError, YAMLProblem) as exc:
        raise NewProblem(exc.message, exc.hint, str(path), exc.line) from None
    languages = data.get("languages") if isinstance(data, dict) else None
    if isinstance(languages, str):
        languages = [languages]
    if not languages or not all(isinstance(x, str) and x for x in languages):
        raise NewProblem("chronicle.yaml has no usable 'languages:'", "write e.g. languages: [zh, en]", str(path))
    lunar = data.get("lunar_calendar")
    return Settings(tuple(languages), lunar is True or str(lunar).lower() in ("true", "yes", "on"), _span(data.get("dates")))


def _span(dates) -> Span:
    """chronicle.yaml's 'dates:' when it is usable (the build reports it when it is not)."""
    if not isinstance(dates, dict):
        return DEFAULT_SPAN
    first, last = dates.get("from", SUPPORTED[0]), dates.get("to", SUPPORTED[1])
    if (isinstance(first, int) and isinstance(last, int) and not isinstance(first, bool) and not isinstance(last, bool)
            and SUPPORTED[0] <= first <= last <= SUPPORTED[1]):
        return Span(first, last, configured=True)
    return DEFAULT_SPAN


def check_day(day_text: str, year: int, span: Span) -> None:
    problem = span.problem(year, day_text)
    if problem:
        raise NewProblem(*problem)


DATE_WORDS = ("today", "yesterday", "今天", "昨天")


def looks_like_day(text: str) -> bool:
    """Whether an argument is meant as a date (a date word, or anything with a digit in it)."""
    word = text.strip().lower()
    return word in DATE_WORDS or any(ch.isdigit() for ch in word) or bool(re.search(r"[年月日号號]", word))


def parse_day(text: str, today: dt.date) -> tuple[str, dt.date]:
    """A stem (2020-01-23 or 2020-01-23-night) or today/yesterday → (stem, date); anything else is an
    error that shows the expected form: never a silent "today"."""
    word = text.strip().lower()
    if word in ("today", "今天"):
        return today.isoformat(), today
    if word in ("yesterday", "昨天"):
        day = today - dt.timedelta(days=1)
        return day.isoformat(), day
    m = ENTRY_NAME.match(text.strip() + ".md")
    if not m or m.group("lang"):
        guess = _guess_iso(text)
        raise NewProblem(f"'{text}' is not a date in the form YYYY-MM-DD",
                         (f"did you mean {guess}? " if guess else "") + "write the date as year-month-day, e.g. "
                         "2020-01-23 (or today, yesterday); a second entry on one day: 2020-01-23-night")
    check_day(m.group("date"), int(m.group("date")[:4]), DEFAULT_SPAN)
    try:
        return m.group("stem"), dt.date.fromisoformat(m.group("date"))
    except ValueError:
        raise NewProblem(f"'{text}' is not a date in the calendar", "check the month and the day") from None


def _guess_iso(text: str) -> str:
    """The YYYY-MM-DD a writer most likely meant by 23.01.2020, 2020/1/23 or 2020年1月23日; "" when unsure."""
    digits = [int(x) for x in re.findall(r"\d+", text)]
    if len(digits) != 3 and not (len(digits) == 1 and len(str(digits[0])) == 8):
        return ""
    if len(digits) == 1:
        raw = str(digits[0])
        digits = [int(raw[:4]), int(raw[4:6]), int(raw[6:])]
    a, b, c = digits
    if a >= 1000:
        year, month, day = a, b, c
    elif c >= 1000 and a > 12 >= b:
        year, month, day = c, b, a
    elif c >= 1000 and b > 12 >= a:
        year, month, day = c, a, b
    else:
        return ""  # 01/02/2020: the second of January or the first of February
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return ""


def front_matter(day: dt.date, settings: Settings, title: str | None = None) -> str:
    """The source-language front matter: date, weekday as the diary writes it, the lunar date when shown."""
    from chronicle.chinese.lunar import lunar_date, weekday_zh

    source = settings.languages[0]
    weekday = weekday_zh(day) if source.startswith("zh") else _weekday(day, source)
    lines = ["---", f"date: {day.isoformat()}"]
    lines.append(f"title: {_quote(title)}" if title else "# title: ")
    lines.append(f"weekday: {weekday}")
    if settings.lunar_calendar:
        lines.append(f"lunar: {lunar_date(day).zh}")
    lines += ["# people: []   # ids from people.yaml; names in the text are found too",
              "# tags: []", "---", ""]
    return "\n".join(lines)


def _weekday(day: dt.date, lang: str) -> str:
    """The weekday in the diary's own language (Tuesday, mardi, Dienstag); English for a language CLDR lacks."""
    from babel import UnknownLocaleError

    from chronicle.calendar_words import weekday_name
    try:
        return weekday_name(day.weekday(), lang.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return _WEEKDAYS_EN[day.weekday()]


def translation_front_matter(title: str | None = None) -> str:
    return "---\n" + (f"title: {_quote(title)}\n" if title else "# title: \n") + "---\n"


def _quote(text: str) -> str:
    import json
    if re.search(r"[:#{}\[\],&*!|>'\"%@`\x00-\x1f\x7f\x85\u2028\u2029]|^[-?\s]|\s$", text) or \
            re.fullmatch(r"[-+.\d\s:_]+|true|false|yes|no|on|off|y|n|null|~", text, re.IGNORECASE):
        return json.dumps(text, ensure_ascii=False)
    return text


def new_entry(content: Path, stem: str, day: dt.date, lang: str | None = None,
              title: str | None = None) -> list[Path]:
    """Create entries/STEM.md (and STEM.LANG.md); refuses to overwrite. Returns the files created."""
    settings = read_settings(content)
    check_day(day.isoformat(), day.year, settings.span)
    if title and FORBIDDEN.search(title):
        raise NewProblem(*chars_message(FORBIDDEN.search(title).group(), None, 1, "the title has the "))
    source = settings.languages[0]
    folder = content / "entries"
    main = folder / f"{stem}.md"
    planned: list[tuple[Path, str]] = []
    if lang is not None:
        if lang == source:
            raise NewProblem(f"{lang} is the source language of this chronicle",
                             f"the entry itself is in {lang}; --lang names a translation, e.g. --lang "
                             + (settings.languages[1] if len(settings.languages) > 1 else "en"))
        if lang not in settings.languages:
            raise NewProblem(f"'{lang}' is not one of this chronicle's languages ({', '.join(settings.languages)})",
                             f"add it to 'languages:' in chronicle.yaml first, e.g. languages: [{source}, {lang}]")
    _refuse_link(content, folder)
    if not os.path.lexists(main):
        planned.append((main, front_matter(day, settings, title)))
    translation = folder / f"{stem}.{lang}.md" if lang else None
    if translation is not None and not os.path.lexists(translation):
        planned.append((translation, translation_front_matter()))
    if not planned:
        existing = [p for p in (main, translation) if p is not None]
        raise NewProblem(f"{' and '.join(str(p) for p in existing)} already exist{'s' if len(existing) == 1 else ''}; "
                         "nothing was overwritten",
                         f"open it in your editor, or make a second entry for that day: chronicle new entry {stem}-2")
    created = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for path, text in planned:
            with open(path, "x", encoding="utf-8") as handle:  # "x": never overwrite, nor follow a link
                handle.write(text)
            created.append(path)
    except FileExistsError as exc:
        raise NewProblem(f"{exc.filename} appeared meanwhile; nothing was overwritten",
                         "open it in your editor") from None
    except OSError as exc:
        raise NewProblem(f"cannot write {exc.filename or folder}: {exc.strerror or exc}",
                         "check that the content folder can be written and the disk is not full") from None
    return created


def _refuse_link(content: Path, folder: Path) -> None:
    """entries/ must lie inside the content folder: a link would make `new` write somewhere else."""
    if folder.is_symlink() or (folder.exists() and not folder.resolve().is_relative_to(content.resolve())):
        raise NewProblem(f"{folder} is a symbolic link (to {os.path.realpath(folder)}); chronicle never writes "
                         "through a link", "make entries/ a real folder inside the content folder")
