"""Render every page of the site graph in every language: {output path: bytes}."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from functools import partial
from typing import Callable, Iterator

import jinja2
import jinja2.filters

from chronicle import __version__
from chronicle.content.chars import xml_safe
from chronicle.graph.nodes import SiteGraph
from chronicle.model import Text
from chronicle.cache import key
from chronicle.render.i18n import LOCALES, Messages, group_label, html_lang, language_display, tag_label
from chronicle.render.keys import Keys, render_code
from chronicle.render.lists import lists_notice
from chronicle.render.sandbox import ChronicleSandbox, ContainedLoader
from chronicle.render.structured import Structured
from chronicle.theme import theme_dir
from chronicle.render.urls import INTERNAL, file_for, resolve_links, site_path
from chronicle.render.visuals import Visuals, unique_names

STYLESHEET = "static/chronicle.css"
SEARCH_SCRIPT = "static/search.js"
SEARCH_BUNDLE = "pagefind/"  # written by Pagefind after rendering (chronicle/output/search.py)


@dataclass(frozen=True)
class Job:
    """One output file: where it goes, the key of what it shows (or a callable that computes it where the
    job runs; None: always made) and how to make its bytes."""

    path: str
    key: Callable[[], str] | str | None
    make: Callable[[], bytes]


@dataclass(frozen=True)
class RenderOptions:
    portable: bool = False
    search: bool = False  # a search box on every page and a search page per language (Pagefind indexes later)


def _folder_digest(folder) -> str:
    """The names and contents of every file in a folder (templates, message catalogs)."""
    if folder is None or not folder.is_dir():
        return ""
    return key(sorted((f.relative_to(folder).as_posix(), f.read_bytes()) for f in folder.rglob("*") if f.is_file()))


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept for the life of the process, checked against the template's source:
    repeated in-process builds (tests, `chronicle serve`) skip compiling, which is most of a small build."""

    def __init__(self):
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


_BYTECODE = _MemoryBytecodeCache()


def make_env(graph: SiteGraph) -> jinja2.Environment:
    """User templates first; the built-in theme stays reachable as ``theme/NAME`` for ``{% extends %}``.

    Every template renders in chronicle's sandbox (render/sandbox.py): a content folder's templates are
    code from whoever wrote the content, and they run inside the built-in ones (your base.html frames
    every page). A template file must lie inside its folder, links followed (render/sandbox.py)."""
    builtin = ContainedLoader(str(theme_dir("templates")))
    loaders = []
    if graph.chronicle.template_dir is not None:
        loaders.append(ContainedLoader(str(graph.chronicle.template_dir)))
    loaders += [jinja2.PrefixLoader({"theme": builtin}), builtin]
    return ChronicleSandbox(loader=jinja2.ChoiceLoader(loaders), autoescape=jinja2.select_autoescape(["html", "xml"]),
                            trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
                            keep_trailing_newline=True, bytecode_cache=_BYTECODE)


class Renderer:
    def __init__(self, graph: SiteGraph, options: RenderOptions = RenderOptions(), memo: dict | None = None):
        self.g = graph
        self.options = options
        self.env = make_env(graph)
        self.langs = graph.languages
        self.source = graph.config.source_lang
        self.css = (theme_dir("static") / "chronicle.css").read_bytes()
        self.css_hash = hashlib.sha256(self.css).hexdigest()[:10]
        self.search_js = (theme_dir("static") / "search.js").read_bytes() if options.search else b""
        self.visuals = Visuals(graph)
        self.structured = Structured(graph)
        self.keys = Keys(graph, self.site_key(), conservative=graph.chronicle.template_dir is not None,
                         colleagues=self.visuals.roles_by_org(), memo=memo)

    def site_key(self) -> str:
        """What every page shows besides its own data: settings, navigation, templates, styles, messages, code."""
        g = self.g
        return key(__version__, render_code(), self.options, g.config, g.chronicle.lists, g.signature,
                   [(p.stem, p.model.title) for p in g.pages], self.css_hash, self.search_js,
                   _folder_digest(theme_dir("templates")), _folder_digest(g.chronicle.template_dir),
                   _folder_digest(LOCALES))

    # -- helpers for templates ----------------------------------------------
    def context(self, lang: str, kind: str, arg: str = "") -> dict:
        t = Messages.of(lang, self.g.config)
        langs = self.langs

        def txt(value: Text | None) -> str:
            return value.get(lang, langs) if value is not None else ""

        def txt_lang(value: Text | None) -> str:
            return html_lang(value.pick(lang, langs)[1]) if value is not None else html_lang(lang)

        def href(k: str, a: str = "", fragment: str = "") -> str:
            return INTERNAL + site_path(lang, k, a) + (f"#{fragment}" if fragment else "")

        alternates = [{"lang": other, "hreflang": html_lang(other), "name": language_display(other),
                       "href": INTERNAL + site_path(other, kind, arg), "current": other == lang}
                      for other in langs]
        config = self.g.config

        def untranslated_note(model) -> str:
            kept = not getattr(model, "translate", True) or getattr(model, "stem", None) in config.untranslated
            return t("kept_original" if kept else "not_translated", source=t.language_of(self.source))

        nav = [("home", t("nav_home")), ("timeline", t("nav_timeline")), ("people", t("nav_people")),
               ("stats", t("nav_stats")), ("commendations", t("nav_commendations"))]
        return {
            "lang": lang, "html_lang": html_lang(lang), "t": t, "txt": txt, "txt_lang": txt_lang, "href": href,
            "kind": kind, "arg": arg, "alternates": alternates, "nav": nav, "graph": self.g,
            "site": {"title": txt(config.title), "subtitle": txt(config.subtitle), "place": txt(config.place),
                     "author": txt(config.author), "title_lang": txt_lang(config.title)},
            "pages": self.g.pages, "stylesheet": INTERNAL + STYLESHEET + "?v=" + self.css_hash,
            "feed": href("feed"), "person": self.g.person_by_id.get, "entry": self.g.entry_by_stem.get,
            "tag_label": lambda tag: tag_label(tag, t, config, langs),
            "group_label": lambda group: group_label(group, t, config, langs),
            "html_lang_of": html_lang, "version": __version__, "untranslated_note": untranslated_note,
            "search": self.options.search, "portable": self.options.portable,
            "canonical": (config.base_url + site_path(lang, kind, arg)) if config.base_url and kind != "feed" else "",
            "lists": lists_notice(self.g.chronicle.lists, lang, langs, self.g.config),
        }

    # -- pages -------------------------------------------------------------
    def pages(self) -> Iterator[tuple[str, bytes]]:
        for job in self.jobs():
            yield job.path, job.make()

    def jobs(self) -> list[Job]:
        """Every output file as a job that renders it, with the key of what it shows: independent, so they
        can run on several cores, and skipped when an earlier build wrote the same key."""
        g = self.g
        k = self.keys
        stat_defs = {s.stat.id: s.stat for s in g.stats}
        jobs = [Job(STYLESHEET, k.plain("css", self.css_hash), lambda: self.css)]
        if self.options.search:
            jobs.append(Job(SEARCH_SCRIPT, k.plain("search.js", self.search_js), lambda: self.search_js))
        jobs.append(Job("index.html", k.plain("root"), self.root_page))
        preface = next((p for p in g.pages if p.stem == "preface"), None)
        latest = list(reversed(g.entries[-5:]))
        figures = [s for s in g.stats if s.points][:8]
        feed_entries = list(reversed(g.entries))[:50]
        downloads = self.env.globals.get("report_downloads")
        books = self.env.globals.get("book_downloads") or {}
        for lang in self.langs:
            jobs.append(self._job(lang, "home", "", lambda lang=lang: key(k.home(lang, latest, preface, figures),
                                                                          books.get(lang)),
                                  partial(self._home, lang, latest, preface, figures)))
            jobs.append(self._job(lang, "timeline", "", partial(k.timeline, lang), partial(self._timeline, lang)))
            jobs += [self._job(lang, "entry", node.stem, partial(self._entry_key, lang, node),
                               partial(self._entry, lang, node, stat_defs)) for node in g.entries]
            jobs.append(self._job(lang, "people", "", partial(k.people, lang), partial(self._people, lang)))
            jobs += [self._job(lang, "person", person.pid, partial(self._person_key, lang, person),
                               partial(self._person, lang, person)) for person in g.people]
            jobs.append(self._job(lang, "commendations", "", partial(k.commendations, lang, downloads),
                                  partial(self._commendations, lang)))
            jobs.append(self._job(lang, "stats", "", partial(k.stats, lang), partial(self._stats, lang)))
            jobs += [self._job(lang, "page", page.stem, partial(k.page, lang, page),
                               partial(self.render_page, "page.html", lang, "page", page.stem, pg=page,
                                       v=page.versions[lang])) for page in g.pages]
            jobs.append(Job(f"{lang}/feed.xml", partial(k.feed, lang, feed_entries), partial(self.feed_xml, lang)))
            if self.options.search:
                jobs.append(self._job(lang, "search", "", partial(k.plain, "search", lang),
                                      partial(self._search_page, lang)))
        return jobs

    @staticmethod
    def _job(lang: str, kind: str, arg: str, keyfn, make) -> Job:
        return Job(file_for(site_path(lang, kind, arg)), keyfn, make)

    def page(self, template: str, lang: str, kind: str, arg: str = "", **data) -> tuple[str, bytes]:
        url = site_path(lang, kind, arg)
        return file_for(url), self.render_page(template, lang, kind, arg, **data)

    def render_page(self, template: str, lang: str, kind: str, arg: str = "", **data) -> bytes:
        path = file_for(site_path(lang, kind, arg))
        ctx = self.context(lang, kind, arg)
        ctx["social"] = self.structured.for_page(lang, kind, arg)
        ctx.update(data)
        html = self.env.get_template(template).render(ctx)
        return resolve_links(html, path, self.options.portable).encode("utf-8")

    def _home(self, lang: str, latest, preface, figures) -> bytes:
        return self.render_page("home.html", lang, "home", latest=latest, preface=preface, figures=figures)

    def _timeline(self, lang: str) -> bytes:
        return self.render_page("timeline.html", lang, "timeline", months=self.months(lang),
                                strip=self.visuals.timeline_strip(lang), phases=self.visuals.phase_list(lang))

    def _entry(self, lang: str, node, stat_defs) -> bytes:
        return self.render_page("entry.html", lang, "entry", node.stem, e=node, v=node.versions[lang],
                                stat_defs=stat_defs, stat_charts=self.visuals.entry_charts(node, lang))

    def _entry_key(self, lang: str, node) -> str:
        return self.keys.entry(lang, node, self.visuals.entry_windows(node, self.keys))

    def _people(self, lang: str) -> bytes:
        return self.render_page("people.html", lang, "people", groups=self.people_groups(lang))

    def _person(self, lang: str, person) -> bytes:
        strip, undrawn, relays = self.visuals.person_strip(person, lang)
        return self.render_page("person.html", lang, "person", person.pid, p=person, strip=strip,
                                roles_undrawn=undrawn, handovers=relays, own_timeline=self.own_timeline(person, lang),
                                categories={c.category.id: c.category for c in self.g.categories})

    def own_timeline(self, person, lang: str) -> list[dict]:
        """A profile's entries, each with the passages that mention the person: prose cut to a quote's length,
        a table or a list shown as one (a table cut to its first rows), never flattened into a run-on line."""
        g = self.g
        limit = 240 if lang.startswith("zh") else 420
        out = []
        for stem in person.entries:
            e = g.entry_by_stem[stem]
            v = e.versions[lang]
            found = {b.anchor: b for b in reversed(v.blocks)}
            passages = []
            for ps in person.passages.get(stem, ()):
                block = found.get(ps.anchor)
                if block is None:
                    continue
                html = _structured_quote(block.html)
                text = "" if html else jinja2.filters.do_truncate(self.env, block.text, limit, True, "…")
                passages.append((ps.anchor, text, html))
            out.append({"entry": e, "version": v, "passages": passages})
        return out

    def _person_key(self, lang: str, person) -> str:
        return self.keys.person(lang, person)

    def _commendations(self, lang: str) -> bytes:
        names = [c.category.name.get(lang, self.langs) for c in self.g.categories]
        regions = {c.category.id for c, region in zip(self.g.categories, unique_names(names)) if region}
        return self.render_page("commendations.html", lang, "commendations", category_regions=regions)

    def _stats(self, lang: str) -> bytes:
        return self.render_page("stats.html", lang, "stats", stat_groups=self.visuals.stat_groups(lang))

    def _search_page(self, lang: str) -> bytes:
        return self.search_page(lang)[1]

    def feed_xml(self, lang: str) -> bytes:
        return self.feed(lang)[1]

    def search_page(self, lang: str) -> tuple[str, bytes]:
        """Pagefind's default UI; it loads the index of the page's own ``<html lang>``, so one page per language."""
        t = Messages.of(lang, self.g.config)
        strings = {key[len("search_ui_"):]: value for key, value in t.messages.items()
                   if key.startswith("search_ui_") and isinstance(value, str)}
        config = {"translations": strings, "dateLabel": t("date")}
        return self.page("search.html", lang, "search", search_config=config,
                         search_script=INTERNAL + SEARCH_SCRIPT + "?v=" + hashlib.sha256(self.search_js).hexdigest()[:10],
                         search_bundle=INTERNAL + SEARCH_BUNDLE)

    def root_page(self) -> bytes:
        ctx = self.context(self.source, "home")
        html = self.env.get_template("redirect.html").render(ctx)
        return resolve_links(html, "index.html", self.options.portable).encode("utf-8")

    def months(self, lang: str):
        """Month groups with the festivals and solar terms that fall in them as landmarks."""
        g = self.g
        result = []
        for month, stems in g.months:
            year, mon = (int(x) for x in month.split("-"))
            landmarks = [(day, fest) for day, fest in g.festivals if (day.year, day.month) == (year, mon)]
            items = [("entry", g.entry_by_stem[s].date, g.entry_by_stem[s]) for s in stems]
            entry_days = {g.entry_by_stem[s].date for s in stems}
            items += [("landmark", day, fest) for day, fest in landmarks if day not in entry_days]
            items.sort(key=lambda item: (item[1], item[0] != "landmark"))
            result.append({"month": dt.date(year, mon, 1), "key": month, "items": items, "count": len(stems)})
        return result

    def people_groups(self, lang: str):
        people = list(self.g.people)
        if lang.startswith("zh"):
            people.sort(key=lambda p: (p.restricted, p.person.sort_name, p.pid))
        else:
            people.sort(key=lambda p: (p.restricted, p.names[lang].lower(), p.pid))
        return people

    def feed(self, lang: str) -> tuple[str, bytes]:
        base = self.g.config.base_url
        path = f"{lang}/feed.xml"
        entries = list(reversed(self.g.entries))[:50]
        ctx = self.context(lang, "feed")
        seed = hashlib.sha256(json.dumps(self.g.config.title.values, sort_keys=True).encode()).hexdigest()[:16]
        updated = (entries[0].date if entries else dt.date(1970, 1, 1)).isoformat() + "T00:00:00Z"
        fix = (lambda html: html.replace('="' + INTERNAL, '="' + base)) if base else (
            lambda html: resolve_links(html, path, self.options.portable))
        ctx.update(entries=entries, base=base, feed_id=f"urn:chronicle:{seed}:{lang}", updated=updated, fix=fix)
        xml = self.env.get_template("feed.xml").render(ctx)
        if base:
            xml = xml.replace('href="' + INTERNAL, 'href="' + base)
        else:
            xml = resolve_links(xml, path, self.options.portable)
        return path, xml_safe(xml).encode("utf-8")  # a character XML cannot hold makes readers drop the feed


_QUOTED_ROWS = 8


def _structured_quote(html: str) -> str:
    """A table or list block as HTML for a quote (without its anchor id, which belongs to the entry page);
    a long table keeps its header and first rows. "" for a block that is prose."""
    import re

    if not re.match(r"<(table|ul|ol)[\s>]", html):
        return ""
    html = re.sub(r'^<(table|ul|ol) id="[^"]*"', r"<\1", html)
    if html.startswith("<table"):
        rows = list(re.finditer(r"<tr>.*?</tr>", html, re.S))
        body_rows = [m for m in rows if html.rfind("<tbody>", 0, m.start()) > html.rfind("</thead>", 0, m.start())
                     or "<thead>" not in html]
        if len(body_rows) > _QUOTED_ROWS:
            cut = body_rows[_QUOTED_ROWS - 1].end()
            end = html.find("</tbody>", cut)
            html = html[:cut] + "\n<tr><td>…</td></tr>\n" + html[end:] if end >= 0 else html
    return html
