"""What `chronicle check` adds to the diagnostics: how complete the chronicle is.

Translation coverage per language, people registered but never mentioned,
names in the text that look like people but are not registered (the
importer's name finder), and statistics recorded only once (a figure with no
history is often a typo in an id). None of these stops a build; they tell the
writer what is left to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from chronicle.model import Chronicle


@dataclass(frozen=True)
class Coverage:
    lang: str
    entries: int
    entries_total: int
    pages: int
    pages_total: int

    @staticmethod
    def percent(done: int, total: int) -> int:
        return 100 if total == 0 else int(done * 100 // total)

    def as_dict(self) -> dict:
        return {"entries": {"translated": self.entries, "total": self.entries_total,
                            "percent": self.percent(self.entries, self.entries_total)},
                "pages": {"translated": self.pages, "total": self.pages_total,
                          "percent": self.percent(self.pages, self.pages_total)}}


@dataclass(frozen=True)
class UnregisteredName:
    name: str
    count: int
    entries: tuple[str, ...]


@dataclass(frozen=True)
class SingleStat:
    stat: str
    label: str
    entry: str


@dataclass
class Review:
    coverage: list[Coverage] = field(default_factory=list)
    never_mentioned: list[tuple[str, str]] | None = None   # None: not known (the content has errors)
    unregistered: list[UnregisteredName] = field(default_factory=list)
    stats_once: list[SingleStat] = field(default_factory=list)
    missing: list = field(default_factory=list)   # graph.translations.Missing per language

    def as_dict(self) -> dict:
        return {
            "coverage": {c.lang: c.as_dict() for c in self.coverage},
            "missing_translations": {m.lang: {"entries": [s for s, _ in m.entries], "pages": [s for s, _ in m.pages]}
                                     for m in self.missing},
            "never_mentioned": (None if self.never_mentioned is None
                                else [{"id": pid, "name": name} for pid, name in self.never_mentioned]),
            "unregistered_names": [{"name": u.name, "count": u.count, "entries": list(u.entries)}
                                   for u in self.unregistered],
            "stats_recorded_once": [{"stat": s.stat, "label": s.label, "entry": s.entry} for s in self.stats_once],
        }


def review(content: Path, graph=None) -> Review | None:
    """The review of a content folder; uses the graph when the check produced one, else the loaded files."""
    if graph is not None:
        chron = graph.chronicle
    else:
        from chronicle.content.loader import load
        from chronicle.errors import Report
        chron = load(content, Report())
        if chron is None:
            return None
    from chronicle.graph.translations import missing_translations

    langs = chron.config.languages
    result = Review(coverage=coverage(chron), unregistered=unregistered_names(chron),
                    missing=missing_translations(chron))
    if graph is not None:
        result.never_mentioned = [(p.person.id, p.person.name.get(langs[0], langs)) for p in graph.people if not p.entries]
    result.stats_once = stats_once(chron)
    return result


def coverage(chron: Chronicle) -> list[Coverage]:
    """Translated of those meant to be translated (an entry or page marked untranslated counts in neither)."""
    kept = set(chron.config.untranslated)
    entries = [e for e in chron.entries if not e.draft and e.translate and e.stem not in kept]
    pages = [p for p in chron.pages if p.translate and p.stem not in kept]
    out = []
    for lang in chron.config.languages[1:]:
        done_entries = sum(1 for e in entries if lang in e.bodies)
        done_pages = sum(1 for p in pages if lang in p.bodies and p.bodies[lang].text.strip())
        out.append(Coverage(lang, done_entries, len(entries), done_pages, len(pages)))
    return out


def unregistered_names(chron: Chronicle) -> list[UnregisteredName]:
    """Names the importer's finder sees in the source-language text that no person's name or alias covers."""
    from chronicle.graph.people import matchable_names
    from chronicle.importer import LATIN_SCRIPT

    source = chron.config.source_lang
    base = source.split("-")[0].lower()
    if base != "zh" and base not in LATIN_SCRIPT:
        return []
    known = {name for person in chron.people for name in matchable_names(person) if name}
    texts = [(e.stem, _plain(e.bodies[source].text)) for e in chron.entries if not e.draft and source in e.bodies]
    texts += [(f"pages/{p.stem}", _plain(p.bodies[source].text)) for p in chron.pages if source in p.bodies]
    out = []
    if base == "zh":
        from chronicle.importer.names import find_names
        for cand in find_names(texts):
            if cand.name in known or any(cand.name in k or k in cand.name for k in known if len(k) >= 2):
                continue
            out.append(UnregisteredName(cand.name, cand.count, tuple(cand.where)))
        return out
    from chronicle.importer.latin_names import find_latin_names
    folded = {k.casefold() for k in known}
    for cand in find_latin_names(texts, source):
        forms = [cand.name, *cand.aliases]
        if any(f.casefold() in folded for f in forms):
            continue
        out.append(UnregisteredName(cand.name, cand.count, tuple(cand.where)))
    return out


_MENTION = re.compile(r"\[\[[^\]]*\]\]|`[^`]*`")


def _plain(markdown: str) -> str:
    """The text without [[id|name]] mentions (already registered) and code spans (not prose)."""
    return _MENTION.sub("，" if re.search(r"[\u4e00-\u9fff]", markdown) else ",", markdown)


def stats_once(chron: Chronicle) -> list[SingleStat]:
    source, langs = chron.config.source_lang, chron.config.languages
    where: dict[str, list[str]] = {}
    for entry in chron.entries:
        if entry.draft:
            continue
        for value in entry.stats:
            where.setdefault(value.stat.id, []).append(entry.stem)
    out = []
    for stat in chron.stats:
        stems = where.get(stat.id, [])
        if len(stems) == 1:
            out.append(SingleStat(stat.id, stat.label.get(source, langs), stems[0]))
    return out
