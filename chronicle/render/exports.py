"""Open data in formats people already use: TimelineJS JSON, CSV for spreadsheets, iCalendar.

Built from the graph, which never holds private fields; people not published by name
appear only under their public id and display name (PersonNode.pid / names), without
aliases, groups, roles or bio. Every output is a pure function of the content, so two
builds write the same bytes (the ICS DTSTAMP is the entry's own date).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from html import escape as _escape
from functools import partial
from typing import Iterator

from chronicle.content.chars import xml_safe
from chronicle.graph.nodes import SiteGraph
from chronicle.model import Text
from chronicle.render.data import json_lines
from chronicle.render.i18n import Messages, html_lang
from chronicle.render.urls import site_path



def escape(text: str) -> str:
    """TimelineJS shows headline and text as HTML: escape markup, keep quotes readable."""
    return _escape(text, quote=False)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def exports(graph: SiteGraph) -> Iterator[tuple[str, bytes]]:
    for path, _, make in export_jobs(graph):
        yield path, make()


def export_jobs(graph: SiteGraph, keys=None, memo: dict | None = None) -> list[tuple]:
    """Each export's path, the key of what it shows (render/keys.py; None without ``keys``) and how to make
    it, so the writer can skip the ones that are unchanged. ``memo``: events kept between builds."""
    def k(name, *args):
        return partial(getattr(keys, name), *args) if keys is not None else None
    jobs = [(f"data/timeline.{lang}.json", k("timeline_json", lang), partial(timeline_json, graph, lang))
            for lang in graph.languages]
    return jobs + [("data/people.csv", k("people_csv"), partial(people_csv, graph)),
                   ("data/stats.csv", k("stats_csv"), partial(stats_csv, graph)),
                   ("data/chronicle.ics", k("calendar"), partial(calendar_ics, graph, memo))]


def _txt(value: Text | None, lang: str, langs) -> str:
    return value.get(lang, langs) if value is not None else ""


def _tl_date(day: dt.date, t: Messages | None = None) -> dict:
    out = {"year": day.year, "month": day.month, "day": day.day}
    if t is not None:
        out["display_date"] = t.date(day)
    return out


# --------------------------------------------------------------------------- TimelineJS


def timeline_json(graph: SiteGraph, lang: str) -> bytes:
    """Knight Lab TimelineJS3 data: events (slides) with start_date, text and group; the phases as eras.

    An era runs from the start of its first day to the start of the day after its last (TimelineJS draws eras
    as spans of time): a phase of one day is a day long, where an end equal to the start would be dropped by
    TimelineJS as redundant, and the era then refused for having no end."""
    langs = graph.languages
    t = Messages.of(lang, graph.config)
    base = graph.config.base_url
    phases = graph.config.phases

    def phase_of(day):
        return next((p for p in phases if p.start <= day <= p.end), None)

    events = []
    for e in graph.entries:
        v = e.versions[lang]
        text = f"<p>{escape(v.excerpt)}</p>" if v.excerpt else ""
        if base:
            text += f'<p><a href="{_escape(base + site_path(lang, "entry", e.stem))}">{escape(t("read_more", date=t.short_date(e.date)))}</a></p>'
        event = {"start_date": _tl_date(e.date, t), "text": {"headline": escape(v.title), "text": text},
                 "unique_id": f"entry-{e.stem}"}
        phase = phase_of(e.date)
        if phase is not None:
            event["group"] = _txt(phase.name, lang, langs)
        events.append(event)
    title = {"headline": escape(_txt(graph.config.title, lang, langs))}
    if graph.config.subtitle is not None:
        title["text"] = escape(_txt(graph.config.subtitle, lang, langs))
    data = {"title": {"text": title, "unique_id": "title"}, "events": events}
    if phases:
        data["eras"] = [{"start_date": _tl_date(p.start), "end_date": _tl_date(p.end + dt.timedelta(days=1)),
                         "text": {"headline": escape(_txt(p.name, lang, langs))}} for p in phases]
    data["scale"] = "human"
    return json_lines(data)


# --------------------------------------------------------------------------- CSV


def safe_cell(value) -> str:
    """A cell a spreadsheet will not run: text starting with = + - @ (or a tab/CR) gets a leading apostrophe.

    Numbers stay numbers (a negative value is data, not a formula)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    text = str(value)
    if text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def _csv(header: list[str], rows: list[list]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(c) for c in row])
    return buf.getvalue().encode("utf-8-sig")


def _page_url(graph: SiteGraph, lang: str, kind: str, arg: str, fragment: str | None = None) -> str:
    return graph.config.base_url + site_path(lang, kind, arg) + (f"#{fragment}" if fragment else "")


def people_csv(graph: SiteGraph) -> bytes:
    langs = graph.languages
    header = ["id"] + [f"name_{lang}" for lang in langs] + ["published_as", "groups"]
    header += [f"roles_{lang}" for lang in langs] + [f"bio_{lang}" for lang in langs]
    header += ["entries", "first_entry", "last_entry"] + [f"profile_{lang}" for lang in langs]
    rows = []
    for p in graph.people:
        dates = [graph.entry_by_stem[s].date.isoformat() for s in p.entries]
        row = [p.pid] + [p.names[lang] for lang in langs]
        if p.restricted:
            row += [p.person.publish, ""] + [""] * len(langs) * 2
        else:
            person = p.person
            row += ["full", "; ".join(person.groups)]
            for lang in langs:
                roles = []
                for r in person.roles:
                    role = _txt(r.title, lang, langs)
                    org = _txt(r.org, lang, langs)
                    if org:
                        role += f" ({org})"
                    if r.start or r.end:
                        role += f" {r.start.iso() if r.start else '…'}–{r.end.iso() if r.end else ''}"
                    roles.append(role)
                row.append("; ".join(roles))
            row += [_txt(person.bio, lang, langs) for lang in langs]
        row += [len(p.entries), dates[0] if dates else "", dates[-1] if dates else ""]
        row += [_page_url(graph, lang, "person", p.pid) for lang in langs]
        rows.append(row)
    return _csv(header, rows)


def stats_csv(graph: SiteGraph) -> bytes:
    """One row per recorded value (long format), with the entry and paragraph it comes from."""
    langs = graph.languages
    source = graph.config.source_lang
    header = (["stat"] + [f"label_{lang}" for lang in langs] + [f"unit_{lang}" for lang in langs]
              + ["kind", "group", "date", "value"] + [f"note_{lang}" for lang in langs]
              + ["entry", "paragraph", "source_url"])
    rows = []
    for node in graph.stats:
        s = node.stat
        for p in node.points:
            rows.append([s.id] + [_txt(s.label, lang, langs) for lang in langs]
                        + [_txt(s.unit, lang, langs) for lang in langs]
                        + [s.kind, s.group, p.date.isoformat(), p.value]
                        + [_txt(p.note, lang, langs) for lang in langs]
                        + [p.entry, p.anchor or "", _page_url(graph, source, "entry", p.entry, p.anchor)])
    return _csv(header, rows)


# --------------------------------------------------------------------------- iCalendar


def calendar_ics(graph: SiteGraph, memo: dict | None = None) -> bytes:
    """One all-day event per entry. UIDs and DTSTAMPs come from the content, so rebuilds are byte-identical.

    Written here rather than through the icalendar library, which takes a second per thousand entries:
    the same lines in the same order (its canonical order, then the rest by name), escaped and folded
    as RFC 5545 and icalendar do it (tests/test_exports.py compares the two byte for byte)."""
    langs = graph.languages
    source = graph.config.source_lang
    config = graph.config
    seed = hashlib.sha256(json.dumps(config.title.values, sort_keys=True).encode()).hexdigest()[:16]
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + _ics_text(f"-//chronicle//{seed}//{html_lang(source)}"),
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    if config.subtitle is not None:
        lines.append("X-WR-CALDESC:" + _ics_text(_txt(config.subtitle, source, langs)))
    lines.append("X-WR-CALNAME:" + _ics_text(_txt(config.title, source, langs)))
    place = _txt(config.place, source, langs)
    memo = memo if memo is not None else {}
    events = []
    for e in graph.entries:
        k = (e.fp, "ics", seed, place, config.base_url, tuple(_txt(config.tags.get(t), source, langs) for t in e.tags))
        found = memo.get(k)
        if found is None:
            found = memo[k] = _event(e, graph, seed, place)
        events.append(found)
    head = "".join(_ics_fold(line) + "\r\n" for line in lines)
    return (head + "".join(events) + "END:VCALENDAR\r\n").encode("utf-8")


def _event(e, graph: SiteGraph, seed: str, place: str) -> str:
    """One entry's VEVENT, folded, with its line ends."""
    langs = graph.languages
    source = graph.config.source_lang
    config = graph.config
    v = e.versions[source]
    day = e.date.strftime("%Y%m%d")
    parts = []
    for lang in langs:
        version = e.versions[lang]
        if lang == source or version.translated:
            parts.append("\n".join(x for x in (version.title, version.excerpt) if x))
    lines = ["BEGIN:VEVENT", f"SUMMARY;LANGUAGE={_ics_param(html_lang(v.title_lang))}:{_ics_text(v.title)}",
             f"DTSTART;VALUE=DATE:{day}", f"DTEND;VALUE=DATE:{(e.date + dt.timedelta(days=1)).strftime('%Y%m%d')}",
             f"DTSTAMP:{day}T000000Z", f"UID:{_ics_text(f'{e.stem}.{seed}@chronicle')}"]
    if e.tags:
        lines.append("CATEGORIES:" + ",".join(_ics_text(_txt(config.tags.get(tag), source, langs) or tag)
                                              for tag in e.tags))
    lines.append("DESCRIPTION:" + _ics_text("\n\n".join(parts)))
    if place:
        lines.append("LOCATION:" + _ics_text(place))
    lines.append("TRANSP:TRANSPARENT")
    if config.base_url:
        lines.append("URL:" + config.base_url + site_path(source, "entry", e.stem))
    lines.append("END:VEVENT")
    return "".join(_ics_fold(line) + "\r\n" for line in lines)


def _ics_text(text: str) -> str:
    """RFC 5545 TEXT escaping, in icalendar's order (a written \\N is a line break there too);
    TEXT may not hold control characters."""
    text = xml_safe(text)
    return (text.replace(r"\N", "\n").replace("\\", "\\\\").replace(";", r"\;").replace(",", r"\,")
            .replace("\r\n", r"\n").replace("\n", r"\n").replace("\r", r"\n"))


def _ics_param(value: str) -> str:
    return f'"{value}"' if any(c in value for c in ",;:") else value


def _ics_fold(line: str, limit: int = 75) -> str:
    """Content lines folded under 75 octets, never inside a UTF-8 character or right after a backslash."""
    if len(line) * 4 < limit or len(line.encode("utf-8")) < limit:
        return line
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        n = len(char.encode("utf-8"))
        if current and size + n >= limit:
            if len(current) > 1 and current[-1] in "\\^":
                carried = current.pop()
                parts.append("".join(current))
                current, size = [carried], len(carried.encode("utf-8"))
            else:
                parts.append("".join(current))
                current, size = [], 0
        current.append(char)
        size += n
    if current:
        parts.append("".join(current))
    return "\r\n ".join(parts)
