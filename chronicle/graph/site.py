"""Build the site graph from a checked ``Chronicle``.

The builder is split by job: graph/entries.py (entry nodes), graph/commendations.py (awards),
graph/scan.py (personal data in texts); this module holds the people, the names that link to them,
pages, and the run that puts it all together into a ``SiteGraph`` (graph/nodes.py).
"""

from __future__ import annotations

import difflib

from chronicle.cache import Cache, key
from chronicle.errors import Report
from chronicle.graph.commendations import CommendationNodes
from chronicle.graph.entries import EntryNodes
from chronicle.graph.nodes import PageNode, PersonNode, SiteGraph, StatNode
from chronicle.graph.people import display_name, matchable_names, public_ids
from chronicle.graph.privacy import redact_chronicle
from chronicle.graph.scan import PrivacyScan
from chronicle.fold import key as fold_key
from chronicle.graph.secrets import Watchlist
from chronicle.graph.translations import report_missing
from chronicle.markup import Names, PersonLink
from chronicle.model import Body, Chronicle, Page


def build_graph(chron: Chronicle, report: Report, cache: Cache | None = None, memo: dict | None = None) -> SiteGraph:
    """The graph of a chronicle whose reader-facing texts name restricted people only by their label.

    ``memo``: kept by the caller between builds (chronicle serve): {fingerprint: (entry node, diagnostics)};
    an entry whose files and signature are unchanged gets its node from there instead of being rendered.
    The private values go into the graph's watchlist only (``SiteGraph.watch``), never into its chronicle."""
    watch = Watchlist(chron.people, chron.secrets, chron.config.languages)
    return _GraphBuilder(redact_chronicle(chron), report, cache, memo, watch).build()


class _GraphBuilder(EntryNodes, CommendationNodes, PrivacyScan):
    def __init__(self, chron: Chronicle, report: Report, cache: Cache | None = None, memo: dict | None = None,
                 watch: Watchlist | None = None):
        self.c = chron
        self.watch = watch if watch is not None else Watchlist(chron.people, (), chron.config.languages)
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
        report_missing(self.c, self.report)
        tags: dict[str, list[str]] = {}
        for node in entries:
            for tag in node.tags:
                tags.setdefault(tag, []).append(node.stem)
        months: dict[str, list[str]] = {}
        for node in entries:
            months.setdefault(node.month, []).append(node.stem)
        festivals = self.festivals(entries)
        return SiteGraph(self.c, entries, by_stem, people, person_by_id, stats, categories, pages,
                         dict(sorted(tags.items())), list(months.items()), festivals, self.signature, self.watch)

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
        self.duplicate_aliases: set[tuple[str, str]] = set()
        for person in self.c.people:
            own = set(person.name.values.values())
            lines = person.alias_lines or (person.line,) * len(person.aliases)
            for alias, line in zip(person.aliases, lines):
                if alias in own:
                    self.report.warn("people.yaml", line, f"alias '{alias}' of {person.id} is the person's own name",
                                     "remove it from 'aliases'")
                    continue
                other = owner.get(alias)
                if other and other != person.id:
                    self.duplicate_aliases.add((person.id, alias))
                    self.report.error("people.yaml", line,
                                      f"alias '{alias}' of {person.id} is already the name or alias of {other}",
                                      "an alias must mean one person only; remove it from one of them")
                    continue
                owner[alias] = person.id
        self.owner = owner
        self.check_hidden_names()

    def check_hidden_names(self) -> None:
        """Names and aliases that cannot mean one person (graph/aliases.py), and a name or alias of a person
        not published by name that is another person's too, written another way (Chief and chief)."""
        from chronicle.graph.aliases import alias_problems, folded_owners
        for line, message, hint in alias_problems(self.c.people, self.c.template_dir):
            self.report.error("people.yaml", line, message, hint)
        for owners in folded_owners(self.c.people).values():
            first, first_name, _ = owners[0]
            for person, name, line in owners[1:]:
                if person.id == first.id or "full" == person.publish == first.publish:
                    continue
                if name == first_name and name in person.aliases:
                    continue  # the same alias, as written: reported above
                hidden = first if first.publish != "full" else person
                self.duplicate_aliases.update({(person.id, name), (first.id, first_name)})
                self.report.error("people.yaml", line,
                                  f"'{name}' of {person.id} is '{first_name}' of {first.id} written another way, and "
                                  f"{hidden.id} is published as {hidden.publish}",
                                  f"a name or alias must mean one person only, or {hidden.id}'s would be published "
                                  "as the other's; change or remove one of them")
                break

    def name_index(self) -> Names | None:
        patterns = {}
        for person in self.c.people:
            for name in matchable_names(person):
                if self.owner.get(name) == person.id and len(name) >= 2:
                    patterns[name] = (person.id, person.publish != "full")
        for name, value in list(patterns.items()):
            variant = sentence_start(name)
            if variant and variant not in patterns and variant not in self.owner:
                patterns[variant] = value
        if not patterns:
            return None
        return Names(patterns)

    def resolve(self, key: str):
        ids = self.person_ids
        if key in ids:
            return key, ""
        if key in self.owner:
            return self.owner[key], ""
        folded = self.folded_owner().get(fold_key(key))
        if folded:
            return folded, ""   # [[GRACE OKAFOR]], [[王 芳]]: the name written another way
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

    def folded_owner(self) -> dict[str, str]:
        """Folded name or alias -> person id, for the names that mean one person only."""
        if "_folded_owner" not in self.__dict__:
            owners: dict[str, set] = {}
            for name, pid in self.owner.items():
                owners.setdefault(fold_key(name), set()).add(pid)
            self._folded_owner = {k: next(iter(v)) for k, v in owners.items() if len(v) == 1 and k}
        return self._folded_owner

    # -- pages -------------------------------------------------------------
    def page_node(self, page: Page) -> PageNode:
        self.scan_private(page.bodies)
        versions = {}
        for lang in self.langs:
            versions[lang] = self.version(page.bodies, lang, page.title, page.stem)
        return PageNode(page.stem, page, versions, key(self.signature, page.stem, page.path, page.title, page.order,
                                                       [(lang, b.text, b.first_line, b.path, b.title)
                                                        for lang, b in page.bodies.items()]))


def sentence_start(name: str) -> str | None:
    """"the Chief" as it starts a sentence ("The Chief"), for a name that starts with a small letter of a script
    that has capitals; a name written with a capital is matched only so ("Rose" is not "rose")."""
    first = name[:1]
    if first and first.islower() and first.upper() != first:
        return first.upper() + name[1:]
    return None
