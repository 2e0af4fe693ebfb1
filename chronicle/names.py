"""Finding registered names in text: people published by name as written, hidden people in any spelling."""

from __future__ import annotations

import re


class Names:
    """Every registered name and alias, matched longest first (Aho-Corasick when available).

    Names of people published by name are found as written. Those of people who are not are found
    in every spelling ``chronicle.fold`` makes equal (GRACE OKAFOR, Grace  Okafor, Okafor, Grace,
    fullwidth letters, a soft hyphen or a line break inside), so each variant becomes the label."""

    def __init__(self, patterns: dict[str, tuple[str, bool]]):
        self.patterns = patterns
        self._automaton = None
        self._regex = None
        self._hidden = None
        exact = {k: v for k, v in patterns.items() if not v[1]}
        hidden = {k: v for k, v in patterns.items() if v[1]}
        if hidden:
            from chronicle.fold import Matcher, name_keys
            keys: dict[str, tuple[str, bool]] = {}
            for name, value in hidden.items():
                for k in name_keys(name):
                    keys.setdefault(k, value)
            self._hidden = Matcher(keys)
        if not exact:
            return
        try:
            import ahocorasick
        except ImportError:
            ahocorasick = None
        if ahocorasick is not None:
            automaton = ahocorasick.Automaton()
            for key, value in exact.items():
                automaton.add_word(key, (key, value))
            automaton.make_automaton()
            self._automaton = automaton
        else:
            keys = sorted(exact, key=len, reverse=True)
            self._regex = re.compile("|".join(re.escape(k) for k in keys))

    def find(self, text: str):
        """Yield (start, end, person_id, always) for non-overlapping longest matches; a hidden person's
        name wins over a published name it overlaps."""
        hidden = [(s, e, pid, always) for s, e, (pid, always) in self._hidden.find(text)] if self._hidden else []
        if not hidden:
            yield from self._exact(text)
            return
        merged = list(hidden)
        for match in self._exact(text):
            if not any(match[0] < e and s < match[1] for s, e, *_ in hidden):
                merged.append(match)
        yield from sorted(merged)

    def _exact(self, text: str):
        if self._automaton is not None:
            matches = []
            for end, (key, value) in self._automaton.iter(text):
                start = end - len(key) + 1
                matches.append((start, end + 1, key, value))
            matches.sort(key=lambda m: (m[0], -(m[1] - m[0])))
            pos = 0
            for start, end, key, (pid, always) in matches:
                if start < pos or not _bounded(text, start, end):
                    continue
                yield start, end, pid, always
                pos = end
        elif self._regex is not None:
            for m in self._regex.finditer(text):
                if _bounded(text, m.start(), m.end()):
                    pid, always = self.patterns[m.group(0)]
                    yield m.start(), m.end(), pid, always


def _bounded(text: str, start: int, end: int) -> bool:
    """Latin names must stand as words; CJK names need no spaces around them."""
    if text[start].isascii() and text[start].isalnum() and start > 0 and text[start - 1].isascii() and text[start - 1].isalnum():
        return False
    if text[end - 1].isascii() and text[end - 1].isalnum() and end < len(text) and text[end].isascii() and text[end].isalnum():
        return False
    return True
