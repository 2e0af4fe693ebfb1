"""Personal data in the texts readers see: what would be published stops the build, at its file and line.

Three checks, over every text that is published (entry and page bodies, and every text from YAML):
- private values (graph/secrets.py): a value under anyone's ``private:`` is never published;
- the names of people not published by name, where the redaction cannot replace them: in names,
  ids, file names and addresses, or split by formatting in a rendered paragraph;
- what looks like personal data (graph/pii.py): phone and ID numbers, e-mail, street addresses.
  Only these can be allowed: by ``privacy: allow:`` in chronicle.yaml, or by an allow comment at
  the end of the line (``<!-- chronicle: allow-private -->``, in YAML ``# chronicle: allow-private``).
"""

from __future__ import annotations

import bisect
import itertools
import re

from chronicle.fold import decode
from chronicle.graph.pii import ERROR, find_pii, mask
from chronicle.graph.pii import is_resident_id  # noqa: F401  (tests and callers import it from here)
from chronicle.graph.secrets import Hit, Watchlist, regions
from chronicle.model import Entry
from chronicle.output.guard import TEXT_MEDIA

ALLOW_COMMENT = "chronicle: allow-private"
_TAG = re.compile(r"<[^>]*>")
PII_HINT = ("remove it, or move it to the person's 'private:' fields; if it is meant to be public, end the line with "
            "{comment}, or list it in chronicle.yaml under privacy: allow: [...]")
SECRET_HINT = ("what is under 'private:' is never published; take it out of this text (if it may be public, it does "
               "not belong under 'private:')")


def allow_comment(path: str, yaml: bool) -> str:
    """The allow comment as it is written where ``path`` and the line are: YAML, Markdown, or a text file."""
    if yaml or path.endswith((".yaml", ".yml")):
        return "# " + ALLOW_COMMENT
    return f"<!-- {ALLOW_COMMENT} -->"


class PrivacyScan:
    """The part of the graph builder that scans texts (mixed into graph.site's _GraphBuilder)."""

    watch: Watchlist

    def scan_private(self, bodies):
        for body in bodies.values():
            self.scan_text(body.path, body.first_line, body.text, names=False)
            if self.watch.values and ("&" in body.text or "%" in body.text):   # &#49;2 Rose Street, ?q=12+Rose+Street
                decoded = decode(body.text)
                for start, _, hit in self.watch.values_in(decoded):
                    self.secret_found(body.path, body.first_line + decoded.count("\n", 0, start), hit, "text")

    def scan_text(self, path: str, first_line: int | None, text: str, multiline: bool = True,
                  names: bool = True) -> None:
        """Private values, (with ``names``) hidden people's names, and what looks like personal data."""
        if not text:
            return
        breaks: list[int] = []

        def line_of(offset: int, end: int) -> int | None:
            if multiline and first_line:   # by the offsets of the line breaks: many findings stay linear
                if not breaks:
                    breaks.extend(i for i, ch in enumerate(text) if ch == "\n")
                    breaks.append(len(text) + 1)
                return first_line + bisect.bisect_left(breaks, offset)
            snippet = text[offset:end].split("\n")[0]   # a YAML text: the line of its item may not be its own
            return self.locate(path, lambda line: snippet in line, first_line or 1) or first_line

        found = self.watch.anything_in(text) if names else self.watch.values_in(text)
        for start, end, hit in found:
            self.secret_found(path, line_of(start, end), hit, "text")
        taken = sorted((start, end) for start, end, _ in found)
        taken_starts = [start for start, _ in taken]
        reach = list(itertools.accumulate((end for _, end in taken), max))   # the furthest end so far
        allowed = self.config.allow_private_patterns
        for finding in find_pii(text, self.regions, self.langs):
            if any(finding.text in a for a in allowed):   # the whole number or address is listed
                continue
            i = bisect.bisect_left(taken_starts, finding.end)
            if i and reach[i - 1] > finding.start:
                continue  # already reported as the private value it is
            line = line_of(finding.start, finding.end)
            if self.allowed(path, line):
                continue
            (self.report.error if finding.level == ERROR else self.report.warn)(
                path, line, f"text looks like {finding.kind} ({mask(finding.text)}); it would be published",
                PII_HINT.format(comment=allow_comment(path, line is not None and line <= self.front_matter_end(path))))

    def secret_found(self, path: str, line: int | None, hit: Hit, what: str, text: bool = True) -> None:
        place = f" (people.yaml line {hit.line})" if hit.line else ""
        if hit.private:
            self.report.error(path, line, f"{what} contains {hit.describe()}{place}; it would be published", SECRET_HINT)
        else:
            self.report.error(path, line, f"{what} contains {hit.describe()}; it would be published",
                              f"a person published as {hit.publish} is never named: take the name out"
                              + (f", or write [[{hit.person}]] where the text may show their label" if text else
                                 " (rename it, and what refers to it)"))

    def scan_yaml_texts(self) -> None:
        """The same scan over every text from YAML that readers see (titles, bios, roles, citations, notes)."""
        def scan(path, line, value):
            if value is not None:
                for text in value.values.values():
                    self.scan_text(path, line, text, multiline=False)
        config = self.config
        for value in (config.title, config.subtitle, config.author, config.place, config.report.issuer):
            scan("chronicle.yaml", None, value)
        for phase in config.phases:
            scan("chronicle.yaml", getattr(phase, "line", None), phase.name)
        for label in config.tags.values():
            scan("chronicle.yaml", None, label)
        for person in self.c.people:
            scan("people.yaml", person.line, person.bio)
            scan("people.yaml", person.line, person.note)
            for role in person.roles:
                scan("people.yaml", role.line, role.title)
                scan("people.yaml", role.line, role.org)
                scan("people.yaml", role.line, role.note)
        for stat in self.c.stats:
            for value in (stat.label, stat.unit, stat.description, stat.note):
                scan("stats.yaml", stat.line, value)
        lists = self.c.lists
        for value in (lists.compiled_by, lists.issuer, lists.note):
            scan("commendations.yaml", lists.line, value)
        for category in self.c.categories:
            scan("commendations.yaml", category.line, category.name)
            scan("commendations.yaml", category.line, category.description)
            for award in category.awards:
                scan("commendations.yaml", award.line, award.citation)
        for page in self.c.pages:
            scan(page.path, 2, page.title)
        for entry in self.c.entries:
            if entry.draft:
                self.scan_entry_texts(entry)  # published ones are scanned with their node (entry_node)
        self.scan_identifiers()

    def scan_entry_texts(self, entry: Entry) -> None:
        values = [(entry.title, entry.path, entry.lines.get("title"))]
        values += [(v.note, entry.path, v.line) for v in entry.stats]
        values += [(b.title, b.path, None) for lang, b in entry.bodies.items() if b.title is not None]
        for value, path, line in values:
            if value is not None:
                for text in value.values.values():
                    self.scan_text(path, line, text, multiline=False)
        for text, line in ((entry.weekday, entry.lines.get("weekday")), (entry.lunar, entry.lines.get("lunar"))):
            if text:
                self.scan_text(entry.path, line, text, multiline=False)

    def scan_identifiers(self) -> None:
        """What is published as it is written, never redacted: names and aliases of people published by name,
        ids (they make addresses), groups, tags, page and media file names."""
        watch = self.watch
        if not watch:
            return

        def check(path: str, line: int | None, text: str, what: str) -> None:
            for _, _, hit in watch.anything_in(text):
                self.secret_found(path, line, hit, what, text=False)
                return
        for person in self.c.people:
            if person.publish == "full":
                collided = getattr(self, "duplicate_aliases", set())   # reported already (check_names)
                for name in dict.fromkeys(person.name.values.values()):
                    if (person.id, name) not in collided:
                        check("people.yaml", person.line, name, f"the name '{name}' of {person.id}")
                lines = person.alias_lines or (person.line,) * len(person.aliases)
                for alias, line in zip(person.aliases, lines):
                    if (person.id, alias) not in collided:
                        check("people.yaml", line, alias, f"the alias '{alias}' of {person.id}")
                check("people.yaml", person.line, person.id, f"the id '{person.id}' (it is the address of the profile)")
            for group in person.groups:
                check("people.yaml", person.line, group, f"the group '{group}' of {person.id}")
        for stat in self.c.stats:
            check("stats.yaml", stat.line, stat.id, f"the statistic id '{stat.id}'")
            check("stats.yaml", stat.line, stat.group, f"the statistic group '{stat.group}'")
        for category in self.c.categories:
            check("commendations.yaml", category.line, category.id, f"the category id '{category.id}'")
        for tag in self.config.tags:
            check("chronicle.yaml", None, tag, f"the tag '{tag}'")
        if self.config.base_url:
            check("chronicle.yaml", None, self.config.base_url, "base_url")
        for page in self.c.pages:
            check(page.path, None, page.stem, "the page's file name (it makes the page's address)")
        for media in self.c.media:
            check(media, None, media, "the file name")
            if media.lower().endswith(TEXT_MEDIA):   # published as it is: nothing in it is replaced
                self.scan_text(media, 1, "\n".join(self.source_lines(media)))

    def scan_rendered(self, body, blocks) -> None:
        """A hidden person's name that survived the redaction of a rendered text (split by formatting, as in
        **Grace** Okafor): an error on the source line that holds it."""
        if not self.watch.names:
            return
        for block in blocks:
            for _, _, hit in self.watch.names_in(block.text):
                line = self.name_line(body, hit)
                self.report.error(body.path, line, f"the name of {hit.person} (publish: {hit.publish}) is split by "
                                  "formatting and could not be replaced by their label; it would be published",
                                  f"write the name in one piece (it then shows as the label), or write [[{hit.person}]]")
                break

    def name_line(self, body, hit: Hit) -> int | None:
        """The line of ``body`` whose name survives when the line is rendered alone; else the first line that
        names the person once its tags are taken out; else the body's first line."""
        from chronicle.markup import render_body
        lang = self.source
        candidates = [number for number, line in enumerate(body.text.split("\n"), start=body.first_line)
                      if any(h == hit for *_, h in self.watch.names_in(_TAG.sub("", line)))]
        lines = body.text.split("\n")
        for number in candidates:
            blocks, _ = render_body(lines[number - body.first_line], number, lang, resolve=self.resolve,
                                    people_links=self.links[(lang, lang)], names=self.names,
                                    autolink=self.config.autolink, media=self.media)
            if any(h == hit for b in blocks for *_, h in self.watch.names_in(b.text)):
                return number
        return candidates[0] if candidates else body.first_line

    # -- places ------------------------------------------------------------
    def front_matter_end(self, path: str) -> int:
        """The last line of a Markdown file's front matter (0 without one): YAML comments hold there."""
        if not path.endswith(".md"):
            return 1 << 30
        lines = self.source_lines(path)
        if not lines or lines[0].strip() != "---":
            return 0
        return next((n for n, line in enumerate(lines[1:], start=2) if line.strip() in ("---", "...")), 0)

    def allowed(self, path: str, line: int | None) -> bool:
        """The line ends with the allow comment (checked in the file itself: YAML comments are not in the model)."""
        return line is not None and ALLOW_COMMENT in self.source_line(path, line)

    def source_line(self, path: str, line: int) -> str:
        lines = self.source_lines(path)
        return lines[line - 1] if 0 < line <= len(lines) else ""

    def source_lines(self, path: str) -> list[str]:
        cache = self.__dict__.setdefault("_source_lines", {})
        if path not in cache:
            try:
                cache[path] = (self.c.root / path).read_text(encoding="utf-8-sig").splitlines()
            except (OSError, UnicodeDecodeError, ValueError):
                cache[path] = []
        return cache[path]

    def locate(self, path: str, holds, start: int = 1) -> int | None:
        """The first line of a file from ``start`` on for which ``holds(line)``: for YAML texts, whose own line
        the model does not keep (it keeps the line of their list item)."""
        lines = self.source_lines(path)
        for number in range(max(start, 1), len(lines) + 1):
            if holds(lines[number - 1]):
                return number
        return None

    @property
    def regions(self) -> tuple[str, ...]:
        return regions(self.langs)

