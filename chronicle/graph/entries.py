"""Entry nodes: each entry's Markdown rendered per language (on every core, cached), its people,
figures, dates checked, and the paragraphs that mention each person."""

from __future__ import annotations

import datetime as dt
from functools import partial

from chronicle.cache import code_hash, key
from chronicle.errors import Report, did_you_mean
from chronicle.graph.nodes import EntryNode, Passage, StatPoint, Version
from chronicle.graph.people import matchable_names
from chronicle.markup import Block, render_body
from chronicle.model import Entry, Text
from chronicle.parallel import run_jobs

FESTIVAL_YEARS = 10  # a chronicle longer than this shows the festivals of the years it has entries in


class EntryNodes:
    """The part of the graph builder that makes entry nodes (mixed into graph.site's _GraphBuilder)."""

    def _render_body(self, body, lang: str, text_lang: str):
        return render_body(
            body.text, body.first_line, lang, resolve=self.resolve, people_links=self.links[(lang, text_lang)],
            names=self.names, autolink=self.config.autolink, media=self.media)

    def entry_nodes(self, published: list[Entry], stat_defs: dict) -> list[EntryNode]:
        """A node per published entry: from the memo when its fingerprint is there, else rendered."""
        fps = [entry_fp(e, self.signature) for e in published]
        memo = self.memo if self.memo is not None else {}
        self.prerender([e for e, fp in zip(published, fps) if fp not in memo])
        nodes, kept = [], {}
        for entry, fp in zip(published, fps):
            found = memo.get(fp)
            if found is None:
                outer, self.report = self.report, Report()
                try:
                    node = self.entry_node(entry, stat_defs)
                finally:
                    own, self.report = self.report.items, outer
                found = (node, own)
            node, own = found
            for diagnostic in own:
                self.report.add(diagnostic)
            node.prev = node.next = None
            kept[fp] = found
            nodes.append(node)
        if self.memo is not None:
            self.memo.clear()
            self.memo.update(kept)
        return nodes

    def make_signature(self) -> str:
        """Everything besides its own file that an entry's node depends on: who can be mentioned and how
        (ids, names, aliases, publish), the statistics defined, the options and the code."""
        code = code_hash("markup.py", "markup_guard.py", "names.py", "fold.py", "chinese", "graph", "model", "content")
        return key(code, sorted((p.person.id, p.pid, sorted(p.names.items()), p.restricted,
                                 sorted(p.person.name.values.items()), p.person.aliases, p.person.publish)
                                for p in self.person_nodes), self.watch.fingerprint,
                   sorted(self.owner.items()), self.config.autolink, self.config.lunar_calendar,
                   sorted(self.media), self.langs, sorted(s.id for s in self.c.stats),
                   sorted(self.config.locales.items()))  # an untitled entry's title is its date in the locale

    def prerender(self, entries) -> None:
        """Markdown of every entry version at once, on every core; ``render`` then reports in order."""
        tasks = []
        for entry in entries:
            for lang in self.langs:
                body = entry.bodies.get(lang)
                text_lang = lang if body is not None else self.source
                tasks.append((body or entry.bodies[self.source], lang, text_lang))
        keys = [key(self.signature, body.text, body.first_line, body.path, lang, text_lang)
                for body, lang, text_lang in tasks]
        results = run_jobs([partial(self._markup, task, k) for task, k in zip(tasks, keys)], chunksize=16)
        self.rendered = {(id(body), lang, text_lang): result for (body, lang, text_lang), result in zip(tasks, results)}

    def _markup(self, task, k: str):
        """One body's blocks from the cache, or rendered and put there: in a worker, so the parent neither
        reads nor writes twenty thousand small files."""
        found = self.cache.get("markup", k)
        if found is None:
            found = self._timed(*task)
            self.cache.put("markup", k, found)
        return found

    def _timed(self, body, lang: str, text_lang: str):
        """Blocks, problems and minutes to read: the word count is done where the Markdown is, in a worker."""
        from chronicle.chinese.text import reading_time
        blocks, problems = self._render_body(body, lang, text_lang)
        return blocks, problems, reading_time("\n".join(b.text for b in blocks))

    def render(self, body, lang: str, text_lang: str):
        return self.render_timed(body, lang, text_lang)[0]

    def render_timed(self, body, lang: str, text_lang: str):
        """The blocks and the minutes to read; the Markdown's problems go to the report."""
        cached = self.rendered.pop((id(body), lang, text_lang), None)
        blocks, problems, minutes = cached if cached is not None else self._timed(body, lang, text_lang)
        for problem in problems:
            (self.report.error if problem.level == "error" else self.report.warn)(body.path, problem.line, problem.message, problem.hint)
        self.scan_rendered(body, blocks)
        return blocks, minutes

    def version(self, bodies, lang: str, title: Text | None, fallback_title: str):
        from chronicle.chinese.text import excerpt
        body = bodies.get(lang)
        translated = body is not None
        text_lang = lang if translated else self.source
        blocks, minutes = self.render_timed(body or bodies[self.source], lang, text_lang)
        if title is not None:
            shown, title_lang = title.pick(lang, self.langs)
        else:
            shown, title_lang = fallback_title, lang
        limit = 110 if text_lang.startswith("zh") else 220
        return Version(lang, shown, title_lang, text_lang, blocks, translated,
                       excerpt(blocks[0].text.split("\n")[0] if blocks else "", limit, text_lang), minutes)

    def date_title(self, entry: Entry, lang: str) -> str:
        """The title of an entry without one: its date as the page's language writes it ("1 August 2023")."""
        from chronicle.render.i18n import Messages
        return Messages.of(lang, self.config).date(entry.date)

    def entry_node(self, entry: Entry, stat_defs: dict) -> EntryNode:
        self.scan_private(entry.bodies)
        versions = {}
        for lang in self.langs:
            versions[lang] = self.version(entry.bodies, lang, entry.title, self.date_title(entry, lang))
        people = []
        for ref in entry.people:
            pid, hint = self.resolve(ref.id)
            if pid is None:
                self.report.error(entry.path, ref.line, f"unknown person '{ref.id}' in 'people'", hint)
            else:
                people.append(pid)
        for block in versions[self.source].blocks:
            people.extend(block.people)
        source_people = set(people)
        for lang, version in versions.items():
            if lang == self.source or not version.translated:
                continue
            for block in version.blocks:
                for pid in block.people:
                    if pid not in source_people:
                        body = entry.bodies[lang]
                        self.report.warn(body.path, self.mention_line(body, pid),
                                         f"{pid} is mentioned in the {lang} translation but not in the source text",
                                         f"add them to the source text or to 'people:' in {entry.path}")
                        source_people.add(pid)
                        people.append(pid)
        stats = []
        for value in entry.stats:
            if value.stat.id not in stat_defs:
                hint = did_you_mean(value.stat.id, stat_defs) or (
                    "define it in stats.yaml" if stat_defs else "there is no stats.yaml; define the statistic there")
                self.report.error(entry.path, value.stat.line or value.line, f"unknown statistic '{value.stat.id}'", hint)
                continue
            stats.append(StatPoint(value.stat.id, entry.date, entry.stem, value.value, value.note,
                                   _find_anchor(versions[self.source].blocks, value.value)))
        self.check_dates(entry)
        self.scan_entry_texts(entry)
        passages: dict[str, list[Passage]] = {}
        for block in versions[self.source].blocks:
            for pid in block.people:
                passages.setdefault(pid, []).append(Passage(entry.stem, entry.date, block.anchor))
        lunar, festivals = None, ()
        if self.config.lunar_calendar:
            from chronicle.chinese.lunar import lunar_date
            lunar = lunar_date(entry.date)
            festivals = lunar.festivals
        return EntryNode(entry.stem, entry.date, entry, versions, list(dict.fromkeys(people)),
                         [t.id for t in entry.tags], stats, lunar=lunar, festivals=festivals,
                         fp=entry_fp(entry, self.signature), passages=passages)

    def mention_line(self, body, pid: str) -> int | None:
        """The line of a body where a person is first mentioned, by [[id]] or by a name."""
        person = next(p for p in self.c.people if p.id == pid)
        needles = ["[[" + pid] + [n for n in matchable_names(person) if len(n) >= 2]
        for number, line in enumerate(body.text.split("\n"), start=body.first_line):
            if any(n in line for n in needles):
                return number
        return None

    def check_dates(self, entry: Entry):
        from chronicle.chinese.lunar import check_lunar, check_weekday
        if entry.weekday:
            message = check_weekday(entry.weekday, entry.date)
            if message:
                self.report.error(entry.path, entry.lines.get("weekday"), message)
        if entry.lunar:
            message = check_lunar(entry.lunar, entry.date)
            if message:
                self.report.error(entry.path, entry.lines.get("lunar"), message)

    def festivals(self, entries):
        if not self.config.lunar_calendar or not entries:
            return []
        from chronicle.chinese.lunar import festivals_between
        first, last = entries[0].date, entries[-1].date
        if last.year - first.year <= FESTIVAL_YEARS:
            return festivals_between(first, last)
        # over centuries, the years with entries only: each year's table costs as much as a hundred entries
        out = []
        for year in sorted({e.date.year for e in entries}):
            out += festivals_between(max(first, dt.date(year, 1, 1)), min(last, dt.date(year, 12, 31)))
        return out


def entry_fp(entry: Entry, signature: str) -> str:
    """An entry node is a function of its files (``Entry.fp``) and the graph's signature: hash those, not
    the node. An entry made without files (in tests) is hashed whole."""
    if entry.fp:
        return key(signature, entry.fp)
    return key(signature, entry)


def _find_anchor(blocks: list[Block], value) -> str | None:
    """The paragraph a figure comes from: the first that contains the number as written."""
    number = int(value) if float(value).is_integer() else value
    candidates = {str(number), f"{number:,}"}
    for block in blocks:
        for candidate in candidates:
            if _stands_alone(block.text, candidate):
                return block.anchor
    return None


def _stands_alone(text: str, number: str) -> bool:
    """``number`` occurs in ``text`` not as part of a longer number: no digit or '.' before, no digit after
    (the regex (?<![\\d.])N(?!\\d), without compiling one pattern per figure)."""
    start = text.find(number)
    while start >= 0:
        end = start + len(number)
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if not (before.isdecimal() or before == ".") and not after.isdecimal():
            return True
        start = text.find(number, start + 1)
    return False
