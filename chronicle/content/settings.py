"""chronicle.yaml: the site's titles, languages, phases, tag labels, report and privacy settings."""

from __future__ import annotations

import re

from chronicle.content.fields import (
    LANG, Fields, Invalid, list_of, text_reader, to_bool, to_date, to_slug, to_str, to_tag, type_name,
)
from chronicle.content.dates import DEFAULT_SPAN, SUPPORTED, Span
from chronicle.content.schema import BOOK_FIELDS, BOOK_FORMATS, BOOK_PAPERS, CONFIG_FIELDS
from chronicle.errors import did_you_mean
from chronicle.model import BookConfig, Phase, ReportConfig, SiteConfig


class SettingsReader:
    """The part of the loader that reads chronicle.yaml (mixed into content.loader's _Loader)."""

    def config(self) -> SiteConfig | None:
        name = "chronicle.yaml"
        data, _ = self.yaml_file(name, required=True)
        if data is None:
            return None
        f = Fields(data, name, self.report, CONFIG_FIELDS, "chronicle.yaml")
        if not f.ok:
            return None
        self.span = f.get("dates", self.date_span, default=DEFAULT_SPAN) or DEFAULT_SPAN
        languages = f.get("languages", self.languages_of, required=True)
        if not languages:
            return None
        text = text_reader(languages)
        title = f.get("title", text, required=True)
        phases = f.get("phases", lambda v: self.phases(v, text), default=())
        tags = f.get("tags", lambda v: self.tag_labels(v, text), default={})
        groups = f.get("groups", lambda v: self.id_labels(v, text, "group"), default={})
        locales = f.get("locales", lambda v: self.locales(v, languages), default={})
        untranslated = f.get("untranslated", list_of(to_str, "entry or page name"), default=[])
        report_cfg = f.get("report", lambda v: self.report_config(v, text), default=ReportConfig())
        privacy = f.get("privacy", self.privacy, default=())
        book = f.get("book", lambda v: self.book_config(v, languages), default=None)
        base_url = f.get("base_url", to_str, default="")
        if base_url and not re.match(r"^https?://[^\s/]+(/\S*)?$", base_url):
            self.report.error(name, f.line("base_url"), f"'base_url': '{base_url}' is not a web address",
                              "write e.g. https://example.org/diary/")
        if base_url and not base_url.endswith("/"):
            base_url += "/"
        if title is None:
            return None
        return SiteConfig(
            title=title, languages=tuple(languages),
            subtitle=f.get("subtitle", text), author=f.get("author", text), place=f.get("place", text),
            base_url=base_url,
            lunar_calendar=f.get("lunar_calendar", to_bool, default=False),
            autolink=f.get("autolink", to_bool, default=False),
            phases=tuple(phases or ()), tags=tags or {}, report=report_cfg or ReportConfig(),
            allow_private_patterns=tuple(privacy or ()),
            groups=groups or {}, locales=locales or {}, untranslated=tuple(untranslated or ()), book=book,
        )

    def to_date(self, value):
        return to_date(value, getattr(self, "span", DEFAULT_SPAN))

    def date_span(self, value) -> Span:
        """``dates: {from: 2019, to: 2023}``: years, inside the supported 1000-2999."""
        f = Fields(value, "chronicle.yaml", self.report, ("from", "to"), "dates")
        if not f.ok:
            return DEFAULT_SPAN
        first = f.get("from", self.span_year, default=SUPPORTED[0])
        last = f.get("to", self.span_year, default=SUPPORTED[1])
        if first is None or last is None:
            return DEFAULT_SPAN
        if first > last:
            self.report.error("chronicle.yaml", f.line("to"), f"'dates': 'to' ({last}) is before 'from' ({first})",
                              "write the earliest year under 'from' and the latest under 'to'")
            return DEFAULT_SPAN
        return Span(first, last, configured=True)

    @staticmethod
    def span_year(value) -> int:
        if isinstance(value, str) and value.strip().isdigit() and value.strip().isascii():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise Invalid(f"expected a year, got {value!r}", "write a year as four digits, e.g. 2019")
        if not SUPPORTED[0] <= value <= SUPPORTED[1]:
            raise Invalid(f"the year {value} is outside the years chronicle supports, {SUPPORTED[0]} to {SUPPORTED[1]}",
                          "'dates' can narrow the range, not widen it")
        return value

    def languages_of(self, value):
        items = list_of(to_str, "language code")(value)
        if not items:
            raise Invalid("needs at least one language", "e.g. languages: [zh, en]")
        seen = set()
        for code in items:
            if not LANG.match(code):
                raise Invalid(f"'{code}' is not a language code", "use codes like zh, en, zh-Hant")
            if code in seen:
                raise Invalid(f"language '{code}' is listed twice")
            seen.add(code)
        return tuple(items)

    def phases(self, value, text):
        if not isinstance(value, list):
            raise Invalid(f"expected a list of phases, got {type_name(value)}")
        result, seen = [], {}
        for index, item in enumerate(value):
            f = Fields(item, "chronicle.yaml", self.report, ("id", "name", "from", "to"), "a phase", value.line_of(index))
            pid = f.get("id", to_slug, required=True)
            name = f.get("name", text, required=True)
            start = f.get("from", self.to_date, required=True)
            end = f.get("to", self.to_date, required=True)
            if pid in seen:
                self.report.error("chronicle.yaml", f.line("id"), f"duplicate phase id '{pid}' (also on line {seen[pid]})",
                                  "give each phase its own id")
                continue
            seen[pid] = f.line("id")
            if start and end and start > end:
                self.report.error("chronicle.yaml", f.line("to"), f"phase '{pid}' ends ({end}) before it starts ({start})")
                continue
            if pid and name and start and end:
                result.append(Phase(pid, name, start, end))
        return tuple(result)

    def tag_labels(self, value, text):
        if not isinstance(value, dict):
            raise Invalid(f"expected a mapping of tag ids to labels, got {type_name(value)}")
        labels = {}
        for key, label in value.items():
            try:
                labels[to_tag(key)] = text(label)
            except Invalid as exc:
                self.report.error("chronicle.yaml", value.line_of(key), f"tag '{key}': {exc.message}", exc.hint)
        return labels

    def id_labels(self, value, text, what: str):
        """``groups: {fire-service: {en: Fire service, fr: Pompiers}}``: what readers see instead of an id."""
        if not isinstance(value, dict):
            raise Invalid(f"expected a mapping of {what} ids to labels, got {type_name(value)}",
                          f"e.g. {what}s: {{fire-service: {{en: Fire service, fr: Pompiers}}}}")
        labels = {}
        for key, label in value.items():
            try:
                labels[to_slug(key)] = text(label)
            except Invalid as exc:
                self.report.error("chronicle.yaml", value.line_of(key), f"{what} '{key}': {exc.message}", exc.hint)
        return labels

    def locales(self, value, languages):
        """``locales: {en: en-GB}``: the CLDR locale whose dates and numbers a language's pages use."""
        from babel import Locale, UnknownLocaleError

        if not isinstance(value, dict):
            raise Invalid(f"expected a mapping of language codes to locales, got {type_name(value)}",
                          "e.g. locales: {en: en-GB}")
        out = {}
        for key, loc in value.items():
            code, name = str(key), to_str(loc)
            if languages and code not in languages:
                self.report.error("chronicle.yaml", value.line_of(key), f"locales: '{code}' is not one of the "
                                  f"languages ({', '.join(languages)})", "give a locale for a listed language")
                continue
            try:
                Locale.parse(name.replace("-", "_"))
            except (ValueError, UnknownLocaleError):
                self.report.error("chronicle.yaml", value.line_of(key), f"locales: '{name}' is not a known locale",
                                  "use a CLDR locale such as en-GB, en-US, fr-CA, de-CH, zh-Hant-TW")
                continue
            out[code] = name
        return out

    def report_config(self, value, text):
        f = Fields(value, "chronicle.yaml", self.report, ("issuer", "date"), "report")
        return ReportConfig(issuer=f.get("issuer", text), date=f.get("date", self.to_date))

    def privacy(self, value):
        f = Fields(value, "chronicle.yaml", self.report, ("allow",), "privacy")
        return tuple(f.get("allow", list_of(to_str, "text"), default=[]))

    def book_config(self, value, languages) -> BookConfig | None:
        """`book:` — the books built with the site: `true` for the defaults, or a mapping of the fields."""
        if isinstance(value, bool):
            return BookConfig(editions=tuple((lang,) for lang in languages), line=0) if value else None
        f = Fields(value, "chronicle.yaml", self.report, BOOK_FIELDS, "book")
        if not f.ok:
            return None
        formats = f.get("formats", list_of(lambda v: _choice(v, BOOK_FORMATS, "format"), "format"),
                        default=list(BOOK_FORMATS))
        editions = f.get("languages", lambda v: _editions(v, languages), default=[(lang,) for lang in languages])
        paper = f.get("paper", lambda v: _choice(v, BOOK_PAPERS, "paper size"))
        name = f.get("name", to_slug, default="book")
        appendix = f.get("appendix", list_of(to_slug, "page name"))
        if not formats:
            self.report.error("chronicle.yaml", f.line("formats"), "'formats': needs at least one of pdf, epub")
        return BookConfig(tuple(dict.fromkeys(formats or ())), tuple(editions or ()), paper, name or "book",
                          tuple(appendix) if appendix is not None else None,
                          f.line("appendix") if appendix is not None else f.line())


def _choice(value, choices: tuple[str, ...], what: str) -> str:
    text = to_str(value).lower()
    if text not in choices:
        raise Invalid(f"'{value}' is not a {what}", did_you_mean(text, choices) or "choose one of " + ", ".join(choices))
    return text


def _editions(value, languages) -> list[tuple[str, ...]]:
    """Each edition is a language (zh) or two for a bilingual book (zh+en, "zh,en" or [zh, en])."""
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        langs = [to_str(x) for x in item] if isinstance(item, list) else [
            x.strip() for x in re.split(r"[+,]", to_str(item))]
        for lang in langs:
            if lang not in languages:
                raise Invalid(f"'{lang}' is not one of the chronicle's languages ({', '.join(languages)})",
                              did_you_mean(lang, languages) or "add it to 'languages' first")
        if not 1 <= len(langs) <= 2 or len(set(langs)) != len(langs):
            raise Invalid(f"'{'+'.join(langs)}': a book is in one language or two different ones",
                          "write e.g. zh for a Chinese book, zh+en for a bilingual one")
        if tuple(langs) in out:
            raise Invalid(f"the edition '{'+'.join(langs)}' is listed twice")
        out.append(tuple(langs))
    if not out:
        raise Invalid("needs at least one language", "e.g. languages: [zh, en, zh+en]")
    return out
