"""How each person is named and linked in each language, honouring ``publish``."""

from __future__ import annotations


from chronicle.model import Person

ANONYMOUS = {"zh": "一位居民", "en": "a resident"}


def public_ids(people) -> dict[str, str]:
    """URL ids. A restricted person's id could spell their name in pinyin, and a hash of it can be
    reversed from a list of common names, so restricted people are numbered in registry order."""
    taken = {p.id for p in people if p.publish == "full"}
    ids, number = {}, 0
    for person in people:
        if person.publish == "full":
            ids[person.id] = person.id
            continue
        number += 1
        while f"p-{number}" in taken:
            number += 1
        ids[person.id] = f"p-{number}"
    return ids


def display_name(person: Person, lang: str, languages: tuple[str, ...]) -> str:
    if person.publish == "full":
        return person.name.get(lang, languages)
    if person.publish == "anonymous":
        return ANONYMOUS.get(lang.split("-")[0], ANONYMOUS["en"])
    return initials(person, lang, languages)


def initials(person: Person, lang: str, languages: tuple[str, ...]) -> str:
    """杨某 in Chinese, Y. Q. in Latin scripts."""
    name = person.name.get(lang, languages)
    if lang.startswith("zh") or _is_cjk(name[:1]):
        return (name[:1] + "某") if name else "某"
    parts = [p for p in name.replace("-", " ").split() if p]
    return " ".join(p[0].upper() + "." for p in parts) or "?"


def matchable_names(person: Person) -> list[str]:
    """Every string that means this person in text: names in all languages and aliases."""
    names = [n for n in person.name.values.values() if n]
    names += [a for a in person.aliases if a]
    return list(dict.fromkeys(names))


def secret_names(person: Person) -> list[str]:
    """What must never be published for a person not published by name: names and aliases (two characters
    or more), and the id when it could spell the name (wang-fang, yangquling; not a bare surname like li)."""
    names = [n for n in matchable_names(person) if len(n) >= 2]
    if "-" in person.id or len(person.id) >= 6:
        names.append(person.id)
    return list(dict.fromkeys(names))


def _is_cjk(ch: str) -> bool:
    return bool(ch) and "\u3400" <= ch <= "\u9fff"
