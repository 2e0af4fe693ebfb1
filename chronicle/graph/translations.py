"""Which entries and pages still lack a translation, said once per language instead of once per file.

A chronicle written in one language and translated over months has dozens of
untranslated entries for a long time; a warning per entry on every build
buries the warnings that matter. An entry or page that stays in its language
on purpose (``untranslated: true`` in its front matter, or listed under
``untranslated:`` in chronicle.yaml) is not missing anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from chronicle.errors import Report, did_you_mean
from chronicle.model import Chronicle

SHOWN = 3


@dataclass(frozen=True)
class Missing:
    lang: str
    entries: tuple[tuple[str, str], ...]   # (stem, path) of entries with no translation into ``lang``
    pages: tuple[tuple[str, str], ...]


def missing_translations(chron: Chronicle) -> list[Missing]:
    """Per translation language, the published entries and the pages without it that should have one."""
    config = chron.config
    kept = set(config.untranslated)
    entries = [e for e in chron.entries if not e.draft and e.translate and e.stem not in kept]
    pages = [p for p in chron.pages if p.translate and p.stem not in kept]
    return [Missing(lang,
                    tuple((e.stem, e.path) for e in entries if lang not in e.bodies),
                    tuple((p.stem, p.path) for p in pages if lang not in p.bodies))
            for lang in config.languages[1:]]


def report_missing(chron: Chronicle, report: Report) -> None:
    """One warning per language: on the file itself when one is missing, else a summary."""
    source = chron.config.source_lang
    for m in missing_translations(chron):
        items = m.entries + m.pages
        if not items:
            continue
        if len(items) == 1:
            path = items[0][1]
            report.warn(path, None, f"no {m.lang} translation",
                        f"add {path[:-3]}.{m.lang}.md; until then the {source} text is shown")
            continue
        said = " and ".join(x for x in (_count(len(m.entries), "entry", "entries"), _count(len(m.pages), "page", "pages"))
                            if x)
        shown = ", ".join(stem for stem, _ in items[:SHOWN])
        more = f" and {len(items) - SHOWN} more" if len(items) > SHOWN else ""
        report.warn("", None, f"{said} have no {m.lang} translation: {shown}{more} "
                              "(chronicle check --translations lists them)",
                    f"add NAME.{m.lang}.md beside each; until then the {source} text is shown. One that stays in "
                    f"{source} on purpose: 'untranslated: true' in its front matter, or list it under "
                    "'untranslated:' in chronicle.yaml")
    names = {e.stem for e in chron.entries} | {p.stem for p in chron.pages}
    for stem in chron.config.untranslated:
        if stem not in names:
            report.warn("chronicle.yaml", None, f"untranslated: '{stem}' is no entry or page",
                        did_you_mean(stem, names) or "list entry names (2020-01-23) or page names (about)")


def _count(n: int, one: str, many: str) -> str:
    return "" if n == 0 else f"{n} {one if n == 1 else many}"
