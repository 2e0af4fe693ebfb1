"""Build the site graph from a checked ``Chronicle``."""

from __future__ import annotations

import datetime as dt
import difflib
from functools import partial
import re
from dataclasses import dataclass, field

from chronicle.errors import Report, did_you_mean
from chronicle.graph.people import display_name, matchable_names, public_ids
from chronicle.graph.privacy import redact_chronicle
from chronicle.cache import Cache, code_hash, key
from chronicle.parallel import run_jobs
from chronicle.markup import Block, Names, PersonLink, render_body
from chronicle.model import Body, Category, Chronicle, Entry, Page, Person, Role, StatDef, Text

PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
RESIDENT_ID = re.compile(r"(?<![\dXx])\d{17}[\dXx](?![\dXx])")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
LONG_NUMBER = re.compile(r"\d{11}")


@dataclass
class Version:
    """One language version of an entry or page, ready to show."""

    lang: str
    title: str
    title_lang: str
    text_lang: str
    blocks: list[Block]
    translated: bool
    excerpt: str
    reading_minutes: int


@dataclass
class StatPoint:
    stat: str
    date: dt.date
    entry: str
    value: float
    note: Text | None
    anchor: str | None


@dataclass
class EntryNode:
    stem: str
    date: dt.date
    model: Entry
    versions: dict
    people: list[str]
    tags: list[str]
    stats: list[StatPoint]
    prev: str | None = None
    next: str | None = None
    lunar: object = None
    festivals: tuple = ()
    fp: str = ""            # a digest of everything above but prev/next: what incremental builds compare
    passages: dict = field(default_factory=dict)   # person id -> the paragraphs (Passage) that mention them

    @property
    def month(self) -> str:
        return self.date.strftime("%Y-%m")


@dataclass
class Passage:
    entry: str
    date: dt.date
    anchor: str


@dataclass
class AwardNode:
    category: str
    person: str
    citation: Text
    evidence: list[Passage]
    role: Role | None
    implied: bool = False   # no 'evidence:' given: every entry that mentions the person


@dataclass
class PersonNode:
    person: Person
    pid: str
    names: dict
    restricted: bool
    entries: list[str] = field(default_factory=list)
    passages: dict = field(default_factory=dict)
    awards: list[AwardNode] = field(default_factory=list)
    bio: dict = field(default_factory=dict)
    fp: str = ""            # a digest of the person's own record (not of the entries that mention them)

    def role_on(self, day: dt.date) -> Role | None:
        active = [r for r in self.person.roles if r.active_on(day)]
        return active[-1] if active else (self.person.roles[-1] if self.person.roles else None)


@dataclass
class StatNode:
    stat: StatDef
    points: list[StatPoint]

    @property
    def summary(self):
        if not self.points:
            return None
        if self.stat.kind == "count":
            total = sum(p.value for p in self.points)
            return int(total) if float(total).is_integer() else total
        return self.points[-1].value


@dataclass
class CategoryNode:
    category: Category
    awards: list[AwardNode]


@dataclass
class PageNode:
    stem: str
    model: Page
    versions: dict
    fp: str = ""


@dataclass
class SiteGraph:
    chronicle: Chronicle
    entries: list[EntryNode]
    entry_by_stem: dict
    people: list[PersonNode]
    person_by_id: dict
    stats: list[StatNode]
    categories: list[CategoryNode]
    pages: list[PageNode]
    tags: dict
    months: list
    festivals: list
    signature: str = ""     # a digest of what every rendered text depends on: people's names, options, code

    @property
    def config(self):
        return self.chronicle.config

    @property
    def languages(self):
        return self.chronicle.config.languages


def build_graph(chron: Chronicle, report: Report, cache: Cache | None = None, memo: dict | None = None) -> SiteGraph:
    """The graph of a chronicle whose reader-facing texts name restricted people only by their label.

    ``memo``: kept by the caller between builds (chronicle serve): {fingerprint: (entry node, diagnostics)};
    an entry whose files and signature are unchanged gets its node from there instead of being rendered."""
    return _GraphBuilder(redact_chronicle(chron), report, cache, memo).build()


class _GraphBuilder:
    def __init__(self, chron: Chronicle, report: Report, cache: Cache | None = None, memo: dict | None = None):
        self.c = chron
        self.memo = memo
        self.cache = cache or Cache(None)
        self.report = report
        self.config = chron.config
        self.langs = chron.config.languages
        self.source = chron.config.source_lang
        self.person_ids = frozenset(p.id for p in chron.people)
        self.media = frozenset(chron.media)
        self.rendered: dict = {}

    def build(self) -> SiteGraph:
        people = self.people_nodes()
        self.check_names()
        self.links = {(lang, text_lang): {p.person.id: PersonLink(f"{lang}/people/{p.pid}/", p.names[text_lang],
                                                                  p.names[text_lang] if p.restricted else None)
                                          for p in people}
                      for lang in self.langs for text_lang in self.langs}
        self.names = self.name_index()
        for node in people:
            self.bio(node)
        stat_defs = {s.id: s for s in self.c.stats}
        self.scan_yaml_texts()
        published = [e for e in self.c.entries if not e.draft]
        self.signature = self.make_signature()
        entries = self.entry_nodes(published, stat_defs)
        for before, after in zip(entries, entries[1:]):
            before.next, after.prev = after.stem, before.stem
        by_stem = {e.stem: e for e in entries}
        person_by_id = {p.person.id: p for p in people}
        for node in entries:
            for pid in node.people:
                person = person_by_id[pid]
                person.entries.append(node.stem)
                person.passages[node.stem] = node.passages.get(pid, [])
        for person in people:
            if not person.entries:
                self.report.warn("people.yaml", person.person.line,
                                 f"{person.person.id} ({person.person.name.get(self.source, self.langs)}) is never mentioned in an entry",
                                 "mention them in an entry, or add them to an entry's 'people:'")
        stats = [StatNode(s, [p for e in entries for p in e.stats if p.stat == s.id]) for s in self.c.stats]
        categories = self.category_nodes(by_stem, person_by_id, entries)
        pages = [self.page_node(p) for p in self.c.pages]
        tags: dict[str, list[str]] = {}
        for node in entries:
            for tag in node.tags:
                tags.setdefault(tag, []).append(node.stem)
        months: dict[str, list[str]] = {}
        for node in entries:
            months.setdefault(node.month, []).append(node.stem)
        festivals = self.festivals(entries)
        return SiteGraph(self.c, entries, by_stem, people, person_by_id, stats, categories, pages,
                         dict(sorted(tags.items())), list(months.items()), festivals, self.signature)

    # -- people ------------------------------------------------------------
    def people_nodes(self) -> list[PersonNode]:
        nodes = []
        ids = public_ids(self.c.people)
        for person in self.c.people:
            names = {lang: display_name(person, lang, self.langs) for lang in self.langs}
            nodes.append(PersonNode(person, ids[person.id], names, person.publish != "full",
                                    fp=key(person, ids[person.id], names)))
        self.person_nodes = nodes
        return nodes

    def bio(self, node: PersonNode) -> None:
        """A bio is Markdown: rendered like a body, with mentions, per language ({lang: (blocks, text lang)})."""
        if node.person.bio is None or node.restricted:
            return
        for lang in self.langs:
            text, used = node.person.bio.pick(lang, self.langs)
            node.bio[lang] = (self.render(Body(text, node.person.line, "people.yaml"), lang, used), used)

    def check_names(self):
        owner: dict[str, str] = {}
        for person in self.c.people:
            for name in dict.fromkeys(person.name.values.values()):
                if name in owner and owner[name] != person.id:
                    self.report.warn("people.yaml", person.line,
                                     f"{person.id} has the same name '{name}' as {owner[name]}",
                                     "mentions by this name link to the first; use [[id]] mentions to tell them apart")
                    continue
                owner.setdefault(name, person.id)
        for person in self.c.people:
            own = set(person.name.values.values())
            for alias in person.aliases:
                if alias in own:
                    self.report.warn("people.yaml", person.line, f"alias '{alias}' of {person.id} is the person's own name",
                                     "remove it from 'aliases'")
                    continue
                other = owner.get(alias)
                if other and other != person.id:
                    self.report.error("people.yaml", person.line,
                                      f"alias '{alias}' of {person.id} is already the name or alias of {other}",
                                      "an alias must mean one person only; remove it from one of them")
                    continue
                owner[alias] = person.id
        self.owner = owner

    def name_index(self) -> Names | None:
        patterns = {}
        for person in self.c.people:
            for name in matchable_names(person):
                if self.owner.get(name) == person.id and len(name) >= 2:
                    patterns[name] = (person.id, person.publish != "full")
        if not patterns:
            return None
        return Names(patterns)

    def resolve(self, key: str):
        ids = self.person_ids
        if key in ids:
            return key, ""
        if key in self.owner:
            return self.owner[key], ""
        candidates = {**self.owner, **{i: i for i in ids}}
        shown: dict[str, str] = {}
        scored = sorted(((difflib.SequenceMatcher(None, key, w).ratio(), w) for w in candidates), reverse=True)
        best = scored[0][0] if scored else 0
        for score, word in scored[:6]:
            if score < max(0.5, best - 0.15):
                break
            pid = candidates[word]
            shown.setdefault(pid, f"'{pid}'" if word == pid else f"'{pid}' ({word})")
        hint = ("did you mean " + ", ".join(list(shown.values())[:3]) + "?") if shown else ""
        return None, hint or "register the person in people.yaml"

    # -- entries -----------------------------------------------------------
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
        code = code_hash("markup.py", "chinese", "graph", "model", "content")
        return key(code, sorted((p.person.id, p.pid, sorted(p.names.items()), p.restricted,
                                 sorted(p.person.name.values.items()), p.person.aliases, p.person.publish)
                                for p in self.person_nodes),
                   sorted(self.owner.items()), self.config.autolink, self.config.lunar_calendar,
                   sorted(self.media), self.langs, sorted(s.id for s in self.c.stats))

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

    def entry_node(self, entry: Entry, stat_defs: dict) -> EntryNode:
        self.scan_private(entry.bodies)
        versions = {}
        for lang in self.langs:
            if lang != self.source and lang not in entry.bodies:
                self.report.warn(entry.path, None, f"no {lang} translation",
                                 f"add {entry.path[:-3]}.{lang}.md; until then the {self.source} text is shown")
            versions[lang] = self.version(entry.bodies, lang, entry.title, entry.date.isoformat())
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

    def scan_private(self, bodies):
        for body in bodies.values():
            self.scan_text(body.path, body.first_line, body.text)

    def scan_text(self, path: str, first_line: int | None, text: str, multiline: bool = True) -> None:
        """Phone numbers, resident ID numbers and emails would be published: stop unless allowed."""
        allowed = self.config.allow_private_patterns
        digits = LONG_NUMBER.search(text) is not None   # both numbers have 11 digits and more in a row
        for kind, pattern in (("a mobile phone number", PHONE), ("a resident ID number", RESIDENT_ID),
                              ("an email address", EMAIL)):
            if (pattern is EMAIL and "@" not in text) or (pattern is not EMAIL and not digits):
                continue  # the search itself costs more than the rest of the entry's checks
            for match in pattern.finditer(text):
                if pattern is RESIDENT_ID and not is_resident_id(match.group(0)):
                    continue
                if any(match.group(0) in a for a in allowed):   # the whole number or address is listed
                    continue
                line = (first_line + text.count("\n", 0, match.start())) if multiline and first_line else first_line
                self.report.error(path, line, f"text looks like {kind} ({_mask(match.group(0))}); it would be published",
                                  "remove it, move it to the person's 'private:' fields, or allow it in chronicle.yaml "
                                  "under privacy: allow: [...]")

    def scan_yaml_texts(self) -> None:
        """The same scan over every text from YAML that readers see (titles, bios, roles, citations, notes)."""
        def scan(path, line, value):
            if value is not None:
                for text in value.values.values():
                    self.scan_text(path, line, text, multiline=False)
        config = self.config
        for value in (config.title, config.subtitle, config.author, config.place):
            scan("chronicle.yaml", None, value)
        for person in self.c.people:
            scan("people.yaml", person.line, person.bio)
            for role in person.roles:
                scan("people.yaml", role.line, role.title)
                scan("people.yaml", role.line, role.org)
        for category in self.c.categories:
            scan("commendations.yaml", category.line, category.name)
            for award in category.awards:
                scan("commendations.yaml", award.line, award.citation)
        for entry in self.c.entries:
            if entry.draft:
                self.scan_entry_texts(entry)  # published ones are scanned with their node (entry_node)

    def scan_entry_texts(self, entry: Entry) -> None:
        for value, line in [(entry.title, entry.lines.get("title"))] + [(v.note, v.line) for v in entry.stats]:
            if value is not None:
                for text in value.values.values():
                    self.scan_text(entry.path, line, text, multiline=False)

    def festivals(self, entries):
        if not self.config.lunar_calendar or not entries:
            return []
        from chronicle.chinese.lunar import festivals_between
        return festivals_between(entries[0].date, entries[-1].date)

    # -- commendations -----------------------------------------------------
    def category_nodes(self, by_stem, person_by_id, entries):
        nodes = []
        path = "commendations.yaml"
        for category in self.c.categories:
            awards = []
            for award in category.awards:
                pid, hint = self.resolve(award.person.id)
                if pid is None:
                    self.report.error(path, award.person.line or award.line, f"unknown person '{award.person.id}'", hint)
                    continue
                person = person_by_id[pid]
                evidence = []
                if award.evidence is None:
                    for stem in person.entries:
                        passages = person.passages.get(stem) or []
                        node = by_stem[stem]
                        evidence.append(passages[0] if passages else Passage(stem, node.date, ""))
                    if not evidence:
                        self.report.warn(path, award.line, f"the award to {pid} has no evidence: no entry mentions them",
                                         "add 'evidence: [YYYY-MM-DD]'")
                for ref in award.evidence or ():
                    matches = [e for e in entries if e.stem == ref.id or (len(ref.id) == 10 and e.stem[:10] == ref.id)]
                    if not matches:
                        hint = did_you_mean(ref.id, by_stem) or "evidence names entries by date or file stem"
                        self.report.error(path, ref.line, f"evidence '{ref.id}' is not an entry", hint)
                        continue
                    for node in matches:
                        passages = person.passages.get(node.stem) or []
                        if node.stem not in person.entries:
                            self.report.warn(path, ref.line, f"evidence entry {node.stem} does not mention {pid}",
                                             "the evidence should be an entry that tells of this person")
                        evidence.append(passages[0] if passages else Passage(node.stem, node.date, ""))
                day = evidence[0].date if evidence else (entries[0].date if entries else dt.date.today())
                node = AwardNode(category.id, pid, award.citation, evidence, person.role_on(day),
                                 implied=award.evidence is None)
                person.awards.append(node)
                awards.append(node)
            nodes.append(CategoryNode(category, awards))
        return nodes

    # -- pages -------------------------------------------------------------
    def page_node(self, page: Page) -> PageNode:
        self.scan_private(page.bodies)
        versions = {}
        for lang in self.langs:
            if lang != self.source and lang not in page.bodies:
                self.report.warn(page.path, None, f"no {lang} translation",
                                 f"add {page.path[:-3]}.{lang}.md; until then the {self.source} text is shown")
            versions[lang] = self.version(page.bodies, lang, page.title, page.stem)
        return PageNode(page.stem, page, versions, key(self.signature, page.stem, page.path, page.title, page.order,
                                                       [(lang, b.text, b.first_line, b.path, b.title)
                                                        for lang, b in page.bodies.items()]))


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


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def is_resident_id(number: str) -> bool:
    """An 18-digit mainland resident ID: a real birth date and the ISO 7064 MOD 11-2 check character.

    Without the check, any 18-digit figure (a serial or account number) would stop the build."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if not 1900 <= born.year <= 2100:
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS))
    return "10X98765432"[total % 11] == number[17].upper()


def _mask(text: str) -> str:
    return text[:3] + "…" + text[-2:] if len(text) > 6 else "…"
