"""Machine-readable outputs: sitemap.xml and data/chronicle.json (public fields only)."""

from __future__ import annotations

import json
from functools import partial
from xml.sax.saxutils import escape

from chronicle.content.chars import xml_safe
from chronicle.graph.nodes import SiteGraph
from chronicle.render.i18n import html_lang
from chronicle.render.urls import site_path


def sitemap(graph: SiteGraph) -> bytes:
    """Every page of every language with its other-language versions; only with base_url, as the sitemap
    protocol takes full addresses only (a search engine drops an entry such as /zh/)."""
    base = graph.config.base_url
    if not base:
        raise ValueError("a sitemap needs base_url")
    langs = graph.languages
    keys = [("home", ""), ("timeline", ""), ("people", ""), ("commendations", ""), ("stats", "")]
    keys += [("entry", e.stem) for e in graph.entries] + [("person", p.pid) for p in graph.people]
    keys += [("page", p.stem) for p in graph.pages]
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for kind, arg in keys:
        for lang in langs:
            lines.append(f"  <url><loc>{escape(base + site_path(lang, kind, arg))}</loc>")
            if kind == "entry":
                lines.append(f"    <lastmod>{graph.entry_by_stem[arg].date.isoformat()}</lastmod>")
            for other in langs:
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{html_lang(other)}" href="{escape(base + site_path(other, kind, arg))}"/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    return xml_safe("\n".join(lines) + "\n").encode("utf-8")


def chronicle_json(graph: SiteGraph, memo: dict | None = None) -> bytes:
    """The whole chronicle as open data. Built from the graph, which never holds private fields.

    One line per entry, person, statistic and category: written by the JSON encoder's C code, item by
    item (``memo``: each line kept by what it is made of, between builds), it takes a fraction of the time an
    indented dump would, and stays easy to read, grep and diff."""
    pid = {p.person.id: p.pid for p in graph.people}
    memo = memo if memo is not None else {}

    def text(value):
        return dict(value.values) if value is not None else None

    def person(p):
        item = {"id": p.pid, "name": dict(p.names), "entries": p.entries}
        if not p.restricted:
            item.update(aliases=list(p.person.aliases), groups=list(p.person.groups), bio=text(p.person.bio),
                        note=text(p.person.note),
                        roles=[{"title": text(r.title), "org": text(r.org),
                                "from": r.start.iso() if r.start else None, "to": r.end.iso() if r.end else None,
                                "inferred": r.inferred, "note": text(r.note)}
                               for r in p.person.roles])
        else:
            item["publish"] = p.person.publish
        return item

    def line(k, make) -> bytes:
        found = memo.get(k)
        if found is None:
            found = memo[k] = _bline(make())
        return found

    def entry(e):
        people = [pid[x] for x in e.people]
        return line((e.fp, "json", tuple(people)), lambda: {
            "stem": e.stem, "date": e.date.isoformat(),
            "title": {lang: v.title for lang, v in e.versions.items()},
            "weekday": e.model.weekday, "lunar": e.model.lunar,
            "people": people, "tags": e.tags,
            "stats": [{"stat": s.stat, "value": s.value, "note": text(s.note), "paragraph": s.anchor}
                      for s in e.stats],
            "text": {lang: [{"id": b.anchor, "text": b.text} for b in v.blocks]
                     for lang, v in e.versions.items() if v.translated},
        })

    def stat(s):
        return line((s.stat, "json", tuple((p.date, p.entry, p.value) for p in s.points)), lambda: {
            "id": s.stat.id, "label": text(s.stat.label), "unit": text(s.stat.unit), "kind": s.stat.kind,
            "inferred": s.stat.inferred, "note": text(s.stat.note),
            "values": [{"date": p.date.isoformat(), "entry": p.entry, "value": p.value} for p in s.points]})

    data = {"generator": "chronicle", "title": text(graph.config.title), "subtitle": text(graph.config.subtitle),
            "place": text(graph.config.place), "languages": list(graph.languages)}
    data["entries"] = _Lines(entry(e) for e in graph.entries)
    data["people"] = _Lines(line((p.fp, "json", tuple(p.entries)), partial(person, p)) for p in graph.people)
    data["stats"] = _Lines(stat(s) for s in graph.stats)
    lists = graph.chronicle.lists
    data["commendations_status"] = {
        "status": lists.status, "compiled_by": text(lists.compiled_by),
        "issuer": text(lists.issuer) if lists.status != "compiled" else None,
        "date": lists.date.isoformat() if lists.date else None, "document": lists.document or None}
    data["commendations"] = [{"id": c.category.id, "name": text(c.category.name), "awards": [
        {"person": pid[a.person], "citation": text(a.citation),
         "evidence": [{"entry": ev.entry, "paragraph": ev.anchor or None} for ev in a.evidence]}
        for a in c.awards]} for c in graph.categories]
    return json_lines(data)


class _Lines(list):
    """Items already written as JSON (UTF-8), one per line."""


def json_lines(data: dict) -> bytes:
    """A JSON object with each item of its list values on a line of its own: written by the encoder's C code
    (an indented dump runs in Python), yet easy to read, grep and diff. Joined once, as bytes: the open data
    of a long chronicle is tens of megabytes, and each copy of it on the way counts in the peak memory."""
    parts = [b"{"]
    for i, (name, value) in enumerate(data.items()):
        if i:
            parts.append(b",\n")
        if isinstance(value, list) and value:
            lines = value if isinstance(value, _Lines) else [_bline(item) for item in value]
            parts.append(_bline(name) + b":[\n")
            for j, line in enumerate(lines):
                if j:
                    parts.append(b",\n")
                parts.append(line)
            parts.append(b"\n]")
        else:
            parts.append(_bline(name) + b":" + _bline(value))
    parts.append(b"}\n")
    return b"".join(parts)


def _bline(value) -> bytes:
    return _line(value).encode("utf-8")


def _line(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
