"""Social previews and structured data for every page: Open Graph / Twitter card tags and schema.org JSON-LD.

Built here in Python and handed to templates ready-made (templates/_social.html only
prints them). JSON-LD goes in a ``<script type="application/ld+json">`` data block,
which the CSP does not treat as a script; ``</`` is written ``<\\/`` so the text can
never close the element. Only public data: display names (PersonNode.names) and
public ids, and for people not published by name nothing but that name.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from chronicle.graph.nodes import SiteGraph
from chronicle.model import Text
from chronicle.render.i18n import Messages, html_lang
from chronicle.render.lists import lists_notice
from chronicle.render.urls import file_for, relative, site_path

OG_LOCALE = {"zh": "zh_CN", "en": "en_US"}
CONTEXT = "https://schema.org"


def og_locale(lang: str) -> str:
    return OG_LOCALE.get(lang, lang.replace("-", "_"))


def json_ld(data) -> Markup:
    """JSON for a data block: UTF-8 as is, but never ``</`` or ``<!--`` (which could end or confuse the element)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("</", "<\\/").replace("<!--", "<\\u0021--"))


def _clip(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class Structured:
    def __init__(self, graph: SiteGraph):
        self.g = graph
        self.langs = graph.languages
        self.base = graph.config.base_url
        self.person_by_pid = {p.pid: p for p in graph.people}

    def txt(self, value: Text | None, lang: str) -> str:
        return value.get(lang, self.langs) if value is not None else ""

    def url(self, lang: str, kind: str, arg: str, from_file: str) -> str:
        """Absolute when the content gives base_url, else relative to the page (as every other link)."""
        target = site_path(lang, kind, arg)
        return self.base + target if self.base else relative(target, from_file)

    # -- one page ----------------------------------------------------------
    def for_page(self, lang: str, kind: str, arg: str = "") -> dict:
        t = Messages.of(lang, self.g.config)
        here = file_for(site_path(lang, kind, arg))
        site_title = self.txt(self.g.config.title, lang)
        website = {"@type": "WebSite", "name": site_title, "url": self.url(lang, "home", "", here)}
        build = getattr(self, f"_{kind}", None)
        if build is None:
            title, description, og_type, data = self._simple(lang, kind, site_title, site_title, here, website,
                                                             "WebPage", arg)
        else:
            title, description, og_type, data = build(lang, arg, t, here, website)
        data = {"@context": CONTEXT, **data}
        meta = [("name", "description", description),
                ("property", "og:site_name", site_title), ("property", "og:title", title),
                ("property", "og:description", description), ("property", "og:type", og_type),
                ("property", "og:locale", og_locale(lang))]
        meta += [("property", "og:locale:alternate", og_locale(other)) for other in self.langs if other != lang]
        if self.base:
            meta.append(("property", "og:url", self.base + site_path(lang, kind, arg)))
        if kind == "entry":
            meta.append(("property", "article:published_time", self.g.entry_by_stem[arg].date.isoformat()))
        meta += [("name", "twitter:card", "summary"), ("name", "twitter:title", title),
                 ("name", "twitter:description", description)]
        return {"meta": [{"attr": a, "key": k, "content": v} for a, k, v in meta if v], "jsonld": json_ld(data)}

    def _author(self, lang: str):
        author = self.txt(self.g.config.author, lang)
        return {"@type": "Person", "name": author} if author else None

    def _place(self, lang: str):
        place = self.txt(self.g.config.place, lang)
        return {"@type": "Place", "name": place} if place else None

    def _home(self, lang, arg, t, here, website):
        config = self.g.config
        data = {**website, "inLanguage": html_lang(lang),
                "description": self.txt(config.subtitle, lang) or None, "author": self._author(lang)}
        if len(self.langs) > 1:
            data["workTranslation"] = [{"@type": "WebSite", "inLanguage": html_lang(o), "url": self.url(o, "home", "", here)}
                                       for o in self.langs if o != lang]
        description = self.txt(config.subtitle, lang) or website["name"]
        return website["name"], _clip(description), "website", _compact(data)

    def _entry(self, lang, stem, t, here, website):
        e = self.g.entry_by_stem[stem]
        v = e.versions[lang]
        people = [self.g.person_by_id[pid] for pid in e.people]
        data = {"@type": "Article", "headline": _clip(v.title, 110), "datePublished": e.date.isoformat(),
                "inLanguage": html_lang(v.text_lang), "url": self.url(lang, "entry", stem, here),
                "description": v.excerpt or None, "author": self._author(lang), "isPartOf": website,
                "contentLocation": self._place(lang),
                "keywords": [self.txt(self.g.config.tags.get(tag), lang) or tag for tag in e.tags] or None,
                "mentions": [{"@type": "Person", "name": p.names[lang], "url": self.url(lang, "person", p.pid, here)}
                             for p in people] or None}
        return v.title, _clip(v.excerpt or v.title), "article", _compact(data)

    def _person(self, lang, pid, t, here, website):
        p = self.person_by_pid[pid]
        name = p.names[lang]
        data = {"@type": "Person", "name": name, "url": self.url(lang, "person", pid, here)}
        description = f"{name}: {t('mentioned_in', n=len(p.entries))}"
        if not p.restricted:
            person = p.person
            titles = list(dict.fromkeys(self.txt(r.title, lang) for r in person.roles))
            roles = []
            for r in person.roles:
                org = self.txt(r.org, lang)
                if not org:
                    continue
                role = {"@type": "OrganizationRole", "roleName": self.txt(r.title, lang),
                        "memberOf": {"@type": "Organization", "name": org}}
                if r.start:
                    role["startDate"] = r.start.iso()
                if r.end:
                    role["endDate"] = r.end.iso()
                roles.append(role)
            bio = self.txt(person.bio, lang)
            data.update({"alternateName": list(p.aliases) or None,
                         "jobTitle": (titles[0] if len(titles) == 1 else titles) or None,
                         "memberOf": roles or None, "description": bio or None})
            if bio:
                description = bio
        return name, _clip(description), "profile", _compact(data)

    def _timeline(self, lang, arg, t, here, website):
        title = t("timeline_title")
        entries = self.g.entries
        description = (t("timeline_intro", n=len(entries), start=t.date(entries[0].date), end=t.date(entries[-1].date))
                       if entries else title)
        events = [_compact({"@type": "Event", "name": self.txt(ph.name, lang), "startDate": ph.start.isoformat(),
                            "endDate": ph.end.isoformat(), "location": self._place(lang),
                            "eventStatus": "https://schema.org/EventScheduled",
                            "url": self.url(lang, "timeline", "", here) + f"#phase-{ph.id}"})
                  for ph in self.g.config.phases]
        page = {"@type": "CollectionPage", "name": title, "url": self.url(lang, "timeline", "", here),
                "inLanguage": html_lang(lang), "isPartOf": website}
        return title, _clip(description), "website", {"@graph": [page] + events}

    def _stats(self, lang, arg, t, here, website):
        title = t("stats_title")
        data = {"@type": "Dataset", "name": f"{title} · {website['name']}", "description": t("stats_intro"),
                "url": self.url(lang, "stats", "", here), "inLanguage": html_lang(lang), "isPartOf": website,
                "creator": self._author(lang), "spatialCoverage": self._place(lang),
                "distribution": [
                    {"@type": "DataDownload", "encodingFormat": "text/csv",
                     "contentUrl": (self.base + "data/stats.csv") if self.base else relative("data/stats.csv", here)},
                    {"@type": "DataDownload", "encodingFormat": "application/json",
                     "contentUrl": (self.base + "data/chronicle.json") if self.base else relative("data/chronicle.json", here)},
                ]}
        entries = self.g.entries
        if entries:
            data["temporalCoverage"] = f"{entries[0].date.isoformat()}/{entries[-1].date.isoformat()}"
        return title, _clip(t("stats_intro")), "website", _compact(data)

    def _people(self, lang, arg, t, here, website):
        return self._simple(lang, "people", t("people_title"), t("people_intro"), here, website, "CollectionPage")

    def _commendations(self, lang, arg, t, here, website):
        notice = lists_notice(self.g.chronicle.lists, lang, self.g.languages, self.g.config).notice
        return self._simple(lang, "commendations", t("commendations_title"), notice, here, website, "WebPage")

    def _page(self, lang, stem, t, here, website):
        page = next(p for p in self.g.pages if p.stem == stem)
        v = page.versions[lang]
        return self._simple(lang, "page", v.title, v.excerpt or v.title, here, website, "WebPage", stem,
                            html_lang(v.text_lang))

    def _simple(self, lang, kind, title, description, here, website, schema_type, arg="", in_language=None):
        data = {"@type": schema_type, "name": title, "url": self.url(lang, kind, arg, here),
                "inLanguage": in_language or html_lang(lang), "description": description or None,
                "isPartOf": website}
        return title, _clip(description or title), "website", _compact(data)


def _compact(data: dict) -> dict:
    """Leave out what is unknown rather than writing nulls."""
    return {k: v for k, v in data.items() if v not in (None, "", [])}
