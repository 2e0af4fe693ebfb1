"""Names and aliases that cannot mean one person, checked at their line in people.yaml.

- An alias of one common word (the, she, Mr, chief: graph/words.py) would link, or for a person not
  published by name replace, every such word in every entry.
- A name or alias that is a word of the theme's own text (its message catalogs, its templates,
  the report wording, the labels of hidden people) would be on every page: every page would
  mention the person, and for a person not published by name every page would be refused.
- Two people whose names or aliases are the same once folded (Chief and chief, 王芳 and 王 芳),
  when one of them is not published by name: the other would publish the hidden one's alias.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from chronicle.fold import Matcher, key
from chronicle.graph.people import ANONYMOUS, matchable_names, secret_names
from chronicle.graph.words import is_stop_phrase

_JINJA = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.S)
_TAG = re.compile(r"<[^>]*>")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")



def theme_texts(template_dir: Path | None = None) -> list[tuple[str, str]]:
    """(where, folded text) for every piece of text the theme shows on its own."""
    return list(_builtin_texts()) + (_template_texts(template_dir, "content/templates") if template_dir else [])


@lru_cache(maxsize=1)
def _builtin_texts() -> tuple[tuple[str, str], ...]:
    import yaml

    from chronicle.reports.wording import LABELS
    from chronicle.render.i18n import LOCALES
    from chronicle.theme import theme_dir
    out: list[tuple[str, str]] = []
    for path in sorted(Path(LOCALES).glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            continue
        out.append((f"the message catalog {path.name}", _fold_all(_strings(data))))
    out.append(("the report wording", _fold_all(_strings(LABELS))))
    out.append(("the label of people not published by name", _fold_all(ANONYMOUS.values())))
    out += _template_texts(theme_dir("templates"), "the theme's templates")
    return tuple(out)


def _template_texts(folder: Path, where: str) -> list[tuple[str, str]]:
    out = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".xml", ".txt"):
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            out.append((f"{where} ({path.name})", key(_TAG.sub(" ", _JINJA.sub(" ", text)))))
    return out


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def _fold_all(texts) -> str:
    return " | ".join(key(_PLACEHOLDER.sub(" ", t)) for t in texts)


def alias_problems(people, template_dir: Path | None = None) -> list[tuple[int, str, str]]:
    """(line in people.yaml, message, hint) for every name or alias that cannot mean one person."""
    problems: list[tuple[int, str, str]] = []
    watched: dict[str, tuple[str, str, int]] = {}   # folded -> (person id, the name as written, line)
    for person in people:
        lines = person.alias_lines or (person.line,) * len(person.aliases)
        for alias, line in zip(person.aliases, lines):
            folded = key(alias)
            if is_stop_phrase(folded):
                problems.append((line, f"alias '{alias}' of {person.id} is a common word, not a name",
                                 "every such word in every entry would " + (
                                     "be replaced by their label" if person.publish != "full" else "mean this person")
                                 + "; use a longer alias (the Chief, Auntie Fang) or [[" + person.id + "]] mentions"))
                continue
            watched.setdefault(folded, (person.id, alias, line))
        if person.publish != "full":
            for name in secret_names(person):
                if name not in person.aliases:
                    watched.setdefault(key(name), (person.id, name, person.line))
    if not watched:
        return problems
    matcher = Matcher({k: k for k in watched})
    reported: set[str] = set()
    for where, text in theme_texts(template_dir):
        for start, end, k in matcher.in_folded(text):
            if k in reported:
                continue
            reported.add(k)
            pid, written, line = watched[k]
            left = text.rfind("|", 0, start) + 1
            right = text.find("|", end)
            context = text[max(left, start - 20):right if 0 <= right < end + 20 else end + 20].strip()
            what = "alias" if written in _aliases_of(people, pid) else "name"
            problems.append((line, f"{what} '{written}' of {pid} is a word of the theme's own text "
                                   f"(in {where}: '{context}'), so the pages would name them wherever the theme shows that text",
                             "give a longer, more particular " + what + " (e.g. with the surname), or leave it out"))
    return sorted(problems)


def _aliases_of(people, pid: str) -> tuple[str, ...]:
    return next((p.aliases for p in people if p.id == pid), ())


def folded_owners(people) -> dict[str, list]:
    """Folded name or alias -> [(person, the name as written, line)] in people.yaml order."""
    owners: dict[str, list] = {}
    for person in people:
        lines = dict(zip(person.aliases, person.alias_lines or (person.line,) * len(person.aliases)))
        for name in matchable_names(person):
            folded = key(name)
            if folded and len(folded) >= 2:
                owners.setdefault(folded, []).append((person, name, lines.get(name, person.line)))
    return owners
