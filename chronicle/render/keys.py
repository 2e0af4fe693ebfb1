"""What each output file shows, as a digest: the dependency keys of incremental builds.

A file's key hashes everything its template is handed: the node fingerprints of
the graph (``EntryNode.fp`` …, which hash the node's inputs), the few fields of
other nodes it shows (a neighbour's title, a person's name, a window of
values), and the site's own key (configuration, navigation, templates, styles,
messages, options, chronicle's code and libraries). An unchanged key means an
unchanged file, so the writer reuses the previous build's file instead of
rendering it again.

The built-in templates use only what is listed here. A content folder's own
templates may use anything in ``graph``; with them, every page's key also
covers the whole content (``Keys(conservative=True)``): such sites are
re-rendered whenever the content changes, and still skip everything when
nothing changed.
"""

from __future__ import annotations

from functools import lru_cache

from chronicle.cache import code_hash, key
from chronicle.graph.nodes import SiteGraph


class Keys:
    def __init__(self, graph: SiteGraph, site: str, conservative: bool = False, colleagues: dict | None = None,
                 memo: dict | None = None):
        self.g = graph
        self.site = site
        self.memo = memo if memo is not None else {}
        self.colleagues = colleagues or {}      # organisation -> [(person node, role)] (Visuals.roles_by_org)
        self._orgs: dict = {}
        self._stat_fp: dict[str, str] = {}
        self._windows: dict[tuple, str] = {}
        self._stat_defs = {s.stat.id: key(s.stat) for s in graph.stats}
        self._categories = {c.category.id: c.category.name.values for c in graph.categories}
        self._content: str | None = None
        self.conservative = conservative
        self.content = self.content_fp() if conservative else ""

    # -- shared pieces -----------------------------------------------------
    def digest(self, *parts) -> str:
        return key(self.site, self.content, *parts)

    @property
    def period(self):
        entries = self.g.entries
        return (entries[0].date, entries[-1].date) if entries else None

    def title(self, stem: str | None, lang: str) -> str | None:
        """An entry as others link to it: its date and title."""
        if stem is None:
            return None
        e = self.g.entry_by_stem[stem]
        k = (e.fp, "title", stem, lang)
        found = self.memo.get(k)
        if found is None:
            v = e.versions[lang]
            found = self.memo[k] = key(stem, e.date, v.title, v.title_lang)
        return found

    def name(self, pid: str) -> str:
        """A person as others link to them: public id and names."""
        p = self.g.person_by_id[pid]
        k = (p.fp, "name")
        found = self.memo.get(k)
        if found is None:
            found = self.memo[k] = key(p.pid, p.names)
        return found

    def org(self, org) -> str:
        """Everyone's roles in one organisation, as a profile's hand-overs read them."""
        found = self._orgs.get(org)
        if found is None:
            found = self._orgs[org] = key([(o.pid, o.names, role.title, role.start, role.end)
                                           for o, role in self.colleagues.get(org, ())])
        return found

    def summary(self, e, lang: str) -> str:
        """What lists of entries show of each: title, date, excerpt, lunar date, figures (kept in ``memo``
        by the entry's fingerprint, so a long-running process hashes each entry once)."""
        k = (e.fp, "summary", e.stem, lang)
        found = self.memo.get(k)
        if found is None:
            v = e.versions[lang]
            found = self.memo[k] = key(e.stem, e.date, v.title, v.title_lang, v.text_lang, v.translated, v.excerpt,
                                       e.lunar, e.festivals, e.tags, [(p.stat, p.value, p.anchor) for p in e.stats])
        return found

    def stat_fp(self, stat_id: str) -> str:
        found = self._stat_fp.get(stat_id)
        if found is None:
            node = next(s for s in self.g.stats if s.stat.id == stat_id)
            found = self._stat_fp[stat_id] = key(node.stat, _points(node.points))
        return found

    def window_fp(self, stat, start: int | None, size: int) -> str:
        """The values an entry's small chart shows (render/visuals.py Visuals.window_start)."""
        k = (stat.stat.id, start)
        found = self._windows.get(k)
        if found is None:
            points = stat.points if start is None else stat.points[start:start + size]
            found = self._windows[k] = key(self._stat_defs.get(stat.stat.id), _points(points),
                                           self.period if start is None else None)
        return found

    def content_fp(self) -> str:
        if self._content is None:
            g = self.g
            self._content = key([e.fp for e in g.entries], [(p.fp, p.entries) for p in g.people],
                                [self.stat_fp(s.stat.id) for s in g.stats], g.categories, [p.fp for p in g.pages])
        return self._content

    # -- pages -------------------------------------------------------------
    def entry(self, lang: str, e, windows) -> str:
        """Kept in ``memo`` by what it is made of (plain strings, no hashing): most pages of a long chronicle
        are the same from one build to the next, and so are their parts."""
        parts = (e.fp, "entry-page", self.site, self.content, lang, tuple(self.name(pid) for pid in e.people),
                 self.title(e.prev, lang), self.title(e.next, lang), tuple(self._stat_defs.get(p.stat) for p in e.stats),
                 tuple(windows))
        found = self.memo.get(parts)
        if found is None:
            found = self.memo[parts] = key(*parts)
        return found

    def person(self, lang: str, p) -> str:
        g = self.g
        entries = [g.entry_by_stem[stem].fp for stem in p.entries]  # title, date, passages: all of the entry
        awards = [(a.category, self._categories.get(a.category), a.citation.values,
                   [(ev.entry, ev.anchor) for ev in a.evidence]) for a in p.awards]
        bio = [(lang_, [b.html for b in blocks], used) for lang_, (blocks, used) in sorted(p.bio.items())]
        orgs = [self.org(org) for org in dict.fromkeys(r.org for r in p.person.roles if r.org is not None)]
        parts = (p.fp, "person-page", self.site, self.content, lang, p.restricted, key(bio, awards) if bio or awards else "",
                 tuple(entries), self.period, tuple(orgs))
        found = self.memo.get(parts)
        if found is None:
            found = self.memo[parts] = key(*parts)
        return found

    def home(self, lang: str, latest, preface, figures) -> str:
        return self.digest("home", lang, [self.summary(e, lang) for e in latest], preface.fp if preface else None,
                           [(s.stat, s.summary) for s in figures], len(self.g.entries))

    def timeline(self, lang: str) -> str:
        g = self.g
        return self.digest("timeline", lang, [self.summary(e, lang) for e in g.entries], g.months, g.festivals,
                           [self.stat_fp(s.stat.id) for s in g.stats])

    def people(self, lang: str) -> str:
        return self.digest("people", lang, [(p.pid, p.names[lang], p.fp, p.restricted, len(p.entries))
                                            for p in self.g.people])

    def commendations(self, lang: str, downloads) -> str:
        g = self.g
        names = {pid: (g.person_by_id[pid].pid, g.person_by_id[pid].names[lang])
                 for c in g.categories for pid in {a.person for a in c.awards}}
        return self.digest("commendations", lang, g.categories, sorted(names.items()), downloads)

    def stats(self, lang: str) -> str:
        return self.digest("stats", lang, [self.stat_fp(s.stat.id) for s in self.g.stats], self.period)

    def page(self, lang: str, page) -> str:
        return self.digest("page", lang, page.fp)

    def feed(self, lang: str, entries) -> str:
        return self.digest("feed", lang, [e.fp for e in entries])

    def plain(self, *what) -> str:
        """Pages that show nothing of the content but the site's own key (root redirect, search, styles)."""
        return self.digest(*what)

    # -- open data (render/data.py, render/exports.py) ----------------------
    def chronicle_json(self) -> str:
        return self.digest("chronicle.json", self.content_fp())

    def sitemap(self) -> str:
        g = self.g
        return self.digest("sitemap", [(e.stem, e.date) for e in g.entries], [p.pid for p in g.people],
                           [p.stem for p in g.pages])

    def timeline_json(self, lang: str) -> str:
        return self.digest("timeline.json", lang, [self.summary(e, lang) for e in self.g.entries])

    def calendar(self) -> str:
        return self.digest("ics", [[self.summary(e, lang) for lang in self.g.languages] for e in self.g.entries])

    def people_csv(self) -> str:
        g = self.g
        return self.digest("people.csv", [(p.fp, p.pid, len(p.entries), p.entries[:1], p.entries[-1:])
                                          for p in g.people])

    def stats_csv(self) -> str:
        return self.digest("stats.csv", [self.stat_fp(s.stat.id) for s in self.g.stats])


@lru_cache(maxsize=None)
def render_code() -> str:
    """The code that turns the graph into pages."""
    return code_hash("render", "graph", "model", "markup.py", "names.py", "fold.py", "chinese")


def _points(points) -> list[tuple]:
    """Statistic points as plain tuples: hashed faster than their dataclasses' reprs."""
    return [(p.stat, p.date.toordinal(), p.entry, p.value, p.note.values if p.note else None, p.anchor) for p in points]
