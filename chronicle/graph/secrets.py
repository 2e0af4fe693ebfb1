"""What must never be published, in every form it can take: the watchlist.

Two kinds of secret. The names, aliases and id of a person published as ``initials`` or
``anonymous`` (in every spelling that ``chronicle.fold`` makes equal, also surname first). And every
value under anyone's ``private:``: texts by their folded form, numbers by their digits, so that
"+44 7700 900123" is found as "07700 900123" and "07700900123" (a phone number is compared by its
national number, without country code and trunk prefix).

A value is a secret worth looking for when it says something about someone: four characters or
more (three for Chinese), numbers six digits or more, and not a word that many people share
(yes, female, 已婚: graph/words.py). The rule is in docs/writing.md.

The graph checks the sources against the watchlist (each finding at its file and line, graph/scan.py);
the build checks every output file against it again (output/guard.py).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from chronicle.fold import Matcher, decode, fold, is_cjk, key, name_keys
from chronicle.graph.people import secret_names
from chronicle.graph.words import COMMON_VALUES

MIN_CHARS = 4
MIN_CJK_CHARS = 3
MIN_DIGITS = 6
LONG_DIGITS = 9   # a number this long is found inside a longer one (+44 …); a shorter one only as a whole number
# Digits with at most three separators between each: 139 1234 5678, +44 (0)7700-900123, 1949-12-31.
DIGIT_RUN = re.compile(r"\d(?:[\s\-./()\u00a0]{0,3}\d)*")
REGIONS = {"zh": ("CN",), "ug": ("CN",), "bo": ("CN",), "en": ("GB", "US"), "fr": ("FR",), "de": ("DE",),
           "es": ("ES",), "it": ("IT",), "ja": ("JP",), "ko": ("KR",), "ru": ("RU",), "pt": ("PT", "BR"),
           "nl": ("NL",), "ar": ("SA", "EG"), "tr": ("TR",), "vi": ("VN",), "kk": ("KZ",)}


@dataclass(frozen=True)
class Hit:
    """Whose secret was found, and which: a name (``field`` empty) or a private field."""

    person: str
    publish: str
    field: str
    line: int

    @property
    def private(self) -> bool:
        return bool(self.field)

    def describe(self) -> str:
        if self.private:
            return f"the private field '{self.field}' of {self.person}"
        return f"the name of {self.person} (publish: {self.publish})"


def regions(languages) -> tuple[str, ...]:
    """The countries whose phone numbers and ID numbers a chronicle in these languages is likely to hold."""
    out: list[str] = []
    for lang in languages:
        base = lang.split("-")[0].lower()
        out += REGIONS.get(base, ())
        if "-" in lang and len(lang.split("-")[-1]) == 2:
            out.append(lang.split("-")[-1].upper())
    return tuple(dict.fromkeys(out))


class Watchlist:
    """Restricted people's names and everyone's private values, ready to be looked for in any text."""

    def __init__(self, people, secrets=(), languages=("zh",)):
        names: dict[str, Hit] = {}
        for person in people:
            if person.publish == "full":
                continue
            hit = Hit(person.id, person.publish, "", person.line)
            for name in secret_names(person):
                for k in name_keys(name):
                    names.setdefault(k, hit)
        values: dict[str, Hit] = {}
        digits: dict[str, Hit] = {}
        where = regions(languages)
        for secret in secrets:
            hit = Hit(secret.person, "", secret.field, secret.line)
            for k in value_keys(secret.value):
                values.setdefault(k, hit)
            for d in digit_keys(secret.value, where):
                digits.setdefault(d, hit)
        self.names = Matcher(names)
        self.values = Matcher(values)
        long = {d: h for d, h in digits.items() if len(d) >= LONG_DIGITS}
        self.digits = Matcher(long, bounded=False) if long else None
        self.short_digits = {d: h for d, h in digits.items() if len(d) < LONG_DIGITS}
        self.fingerprint = (sorted((k, h.person, h.field) for k, h in names.items()),
                            sorted((k, h.person, h.field) for k, h in values.items()),
                            sorted((k, h.person, h.field) for k, h in digits.items()))

    def __bool__(self) -> bool:
        return bool(self.names or self.values or self.digits or self.short_digits)

    def _number(self, run: str) -> Hit | None:
        """The private number that a run of digits (with its separators) is, or holds."""
        digits = _digits(run)
        hit = self.short_digits.get(digits.lstrip("0")) if self.short_digits else None
        if hit is None and self.digits is not None:
            hit = self.digits.first(digits)
        return hit

    def names_in(self, text: str) -> list[tuple[int, int, Hit]]:
        """Restricted names in ``text``: (start, end, hit), offsets in ``text`` itself."""
        return self.names.find(text) if text and self.names else []

    def values_in(self, text: str) -> list[tuple[int, int, Hit]]:
        """Private values in ``text``: (start, end, hit)."""
        if not text:
            return []
        found = self.values.find(text) if self.values else []
        if self.digits is not None or self.short_digits:
            for match in DIGIT_RUN.finditer(text):
                hit = self._number(match.group(0))
                if hit is not None:
                    found.append((match.start(), match.end(), hit))
        return sorted(found, key=lambda m: m[0])

    def anything_in(self, text: str) -> list[tuple[int, int, Hit]]:
        return sorted(self.names_in(text) + self.values_in(text), key=lambda m: m[0])

    def first_in_output(self, data: bytes | str) -> Hit | None:
        """The first secret in an output file's bytes, read as a reader would (output/guard.py)."""
        text = decode(data)
        if self.names or self.values:
            folded = fold(text)
            for matcher in (self.names, self.values):
                found = matcher.in_folded(folded) if matcher else []
                if found:
                    return found[0][2]
        if self.digits is not None or self.short_digits:
            for match in DIGIT_RUN.finditer(text):
                hit = self._number(match.group(0))
                if hit is not None:
                    return hit
        return None


def value_keys(value: str) -> list[str]:
    """The folded forms of a private value worth looking for: the whole value and each of its lines."""
    out = []
    for piece in [value] + (value.splitlines() if "\n" in value else []):
        k = key(piece)
        if _telling(k):
            out.append(k)
    return list(dict.fromkeys(out))


def _telling(folded: str) -> bool:
    """Says something about someone: long enough, and not a value many people share."""
    if not folded or folded in COMMON_VALUES:
        return False
    letters = folded.replace(" ", "")
    if letters.isdigit():
        return False  # numbers are compared by their digits (digit_keys)
    cjk = sum(1 for ch in letters if is_cjk(ch))
    if cjk == len(letters):
        return cjk >= MIN_CJK_CHARS
    return len(letters) >= MIN_CHARS and not all(w in COMMON_VALUES for w in folded.split())


def digit_keys(value: str, where: tuple[str, ...] = ()) -> list[str]:
    """The digits to look for in a value's numbers (six digits or more): a phone number by its national
    number, so every way of writing it is found; anything else by its digits without leading zeros."""
    out = []
    for match in DIGIT_RUN.finditer(value):
        run = match.group(0)
        plus = value[:match.start()].rstrip().endswith("+")
        digits = _national(("+" if plus else "") + run, where) or _digits(run).lstrip("0")
        if len(digits) >= MIN_DIGITS:
            out.append(digits)
    return list(dict.fromkeys(out))


def _digits(run: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", run) if ch.isdigit())


def _national(number: str, where: tuple[str, ...]) -> str | None:
    try:
        import phonenumbers
    except ImportError:
        return None
    possible = None
    for region in (None,) if number.startswith("+") else where:
        try:
            parsed = phonenumbers.parse(number, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            return phonenumbers.national_significant_number(parsed)
        if possible is None and phonenumbers.is_possible_number(parsed):
            possible = phonenumbers.national_significant_number(parsed)  # e.g. the fictional 07700 900xxx
    return possible
