"""People not published by name stay unnamed in every text a reader sees.

Entry bodies are handled by the markup (a name there becomes the person's label,
linked). Everything else a reader sees comes from YAML: entry and page titles,
citations, figure notes, bios, role titles and organisations, tag labels, the
site's own title. ``redact_chronicle`` returns a copy of the chronicle in which
each such text names a restricted person only by their label (杨某, a resident),
so no template, feed or data export can show the real name by accident. The
build's last guard (chronicle.build) stays as a safety net behind this.
"""

from __future__ import annotations

from dataclasses import replace

from chronicle.graph.people import display_name, secret_names
from chronicle.markup import Names
from chronicle.model import Chronicle, Ref, Text


class Redactor:
    """Replaces the names, aliases and ids of restricted people by their label in one language."""

    def __init__(self, people, languages: tuple[str, ...]):
        self.languages = languages
        self.labels: dict[str, dict[str, str]] = {}
        patterns: dict[str, tuple[str, bool]] = {}
        for person in people:
            if person.publish == "full":
                continue
            self.labels[person.id] = {lang: display_name(person, lang, languages) for lang in languages}
            for name in secret_names(person):
                patterns.setdefault(name, (person.id, True))
        self.names = Names(patterns) if patterns else None

    def __bool__(self) -> bool:
        return self.names is not None

    def string(self, text: str | None, lang: str) -> str | None:
        if not text or self.names is None:
            return text
        out, pos = [], 0
        for start, end, pid, _ in self.names.find(text):
            labels = self.labels[pid]
            out.append(text[pos:start])
            out.append(labels.get(lang) or labels[self.languages[0]])
            pos = end
        if not out:
            return text
        out.append(text[pos:])
        return "".join(out)

    def text(self, value: Text | None) -> Text | None:
        if value is None or self.names is None:
            return value
        return Text({lang: self.string(text, lang) for lang, text in value.values.items()})


def redact_chronicle(chron: Chronicle) -> Chronicle:
    """The chronicle with every reader-facing YAML text redacted; names and aliases themselves are kept
    (the graph needs them to recognise people, and the build's guard to look for leaks). The private values
are dropped: the graph keeps them only in its watchlist (graph/secrets.py)."""
    r = Redactor(chron.people, chron.config.languages)
    if not r:
        return replace(chron, secrets=()) if chron.secrets else chron
    source = chron.config.source_lang
    t = r.text
    config = chron.config
    config = replace(
        config, title=t(config.title), subtitle=t(config.subtitle), author=t(config.author), place=t(config.place),
        phases=tuple(replace(p, name=t(p.name)) for p in config.phases),
        tags={tag: t(label) for tag, label in config.tags.items()},
        report=replace(config.report, issuer=t(config.report.issuer)))
    people = tuple(replace(p, bio=t(p.bio), note=t(p.note),
                           roles=tuple(replace(role, title=t(role.title), org=t(role.org), note=t(role.note))
                                       for role in p.roles))
                   for p in chron.people)
    stats = tuple(replace(s, label=t(s.label), unit=t(s.unit), description=t(s.description), note=t(s.note))
                  for s in chron.stats)
    lists = replace(chron.lists, compiled_by=t(chron.lists.compiled_by), issuer=t(chron.lists.issuer),
                    note=t(chron.lists.note))
    categories = tuple(replace(c, name=t(c.name), description=t(c.description),
                               awards=tuple(replace(a, citation=t(a.citation)) for a in c.awards))
                       for c in chron.categories)
    entries = tuple(replace(
        e, title=t(e.title), weekday=r.string(e.weekday, source), lunar=r.string(e.lunar, source),
        tags=tuple(Ref(r.string(tag.id, source), tag.line) for tag in e.tags),
        stats=tuple(replace(v, note=t(v.note)) for v in e.stats),
        bodies={lang: replace(b, title=t(b.title)) for lang, b in e.bodies.items()})
        for e in chron.entries)
    pages = tuple(replace(p, title=t(p.title)) for p in chron.pages)
    return replace(chron, config=config, people=people, stats=stats, categories=categories, entries=entries,
                   pages=pages, lists=lists, secrets=())
