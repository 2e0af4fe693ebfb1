"""Personal data in the texts readers see: what would be published stops the build unless allowed."""

from __future__ import annotations

import bisect
import datetime as dt
import re

from chronicle.model import Entry

PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
RESIDENT_ID = re.compile(r"(?<![\dXx])\d{17}[\dXx](?![\dXx])")
# Starting only where a run of address characters starts: the same matches, found in linear time
# (from every position inside a megabyte of letters the search ran on to the end, to fail at the '@').
EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
LONG_NUMBER = re.compile(r"\d{11}")


class PrivacyScan:
    """The part of the graph builder that scans texts (mixed into graph.site's _GraphBuilder)."""

    def scan_private(self, bodies):
        for body in bodies.values():
            self.scan_text(body.path, body.first_line, body.text)

    def scan_text(self, path: str, first_line: int | None, text: str, multiline: bool = True) -> None:
        """Phone numbers, resident ID numbers and emails would be published: stop unless allowed."""
        allowed = self.config.allow_private_patterns
        digits = LONG_NUMBER.search(text) is not None   # both numbers have 11 digits and more in a row
        starts = None
        for kind, pattern in (("a mobile phone number", PHONE), ("a resident ID number", RESIDENT_ID),
                              ("an email address", EMAIL)):
            if (pattern is EMAIL and "@" not in text) or (pattern is not EMAIL and not digits):
                continue  # the search itself costs more than the rest of the entry's checks
            for match in pattern.finditer(text):
                if pattern is RESIDENT_ID and not is_resident_id(match.group(0)):
                    continue
                if any(match.group(0) in a for a in allowed):   # the whole number or address is listed
                    continue
                line = first_line
                if multiline and first_line:
                    if starts is None:
                        starts = [m.end() for m in re.finditer("\n", text)]
                    line = first_line + bisect.bisect_right(starts, match.start())  # counting per match is quadratic
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
