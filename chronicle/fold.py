"""One normal form for finding a name or a private value however it is written.

"GRACE OKAFOR", "Grace  Okafor", "grace-okafor", "Ｇｒａｃｅ Okafor", "Gra\u00adce Okafor" and
"Okafor, Grace" all mean the same person, and "王 芳" is 王芳. ``fold`` maps text to a form where
they are equal: compatibility decomposition (NFKD: fullwidth letters, ligatures, accents apart),
case folding, format characters (soft hyphen, zero-width spaces, joiners) and combining marks
dropped, every run of punctuation, symbols and spaces made one space, and no space left between
two CJK characters. ``decode`` first undoes what an output file does to text (HTML character
references, percent and ``+`` encoding, JSON ``\\u`` escapes), so the build's last check reads a
page, a feed or a search fragment as a reader would.

``Matcher`` finds folded keys in folded text with one Aho-Corasick pass (linear in the text), and
maps a match back to the original text when something must be replaced there.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache
from urllib.parse import unquote_plus

_SPACES = re.compile(r"[\W_]+")
_CJK = "\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3040-\u30ff\u3100-\u312f\u31a0-\u31bf\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_WIDE = _CJK + "\U00020000-\U0003134f"
_CJK_GAP = re.compile(f"(?<=[{_CJK_WIDE}]) (?=[{_CJK_WIDE}])")
_CJK_CHAR = re.compile(f"[{_CJK_WIDE}]")
_JSON_ESCAPE = re.compile(r"\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})")


@lru_cache(maxsize=1)
def _dropped() -> re.Pattern:
    """Format characters and combining marks: invisible, or accents already split off by NFKD."""
    ranges, start, last = [], None, None
    for cp in list(range(0x10000)) + list(range(0x1D000, 0x1D200)) + list(range(0xE0000, 0xE0200)):
        if unicodedata.category(chr(cp)) in ("Cf", "Mn", "Me"):
            if start is None or cp != last + 1:
                if start is not None:
                    ranges.append((start, last))
                start = cp
            last = cp
    ranges.append((start, last))
    body = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    return re.compile(f"[{body}]+")


def fold(text: str) -> str:
    """The matching form of ``text`` (see the module docstring); not stripped, so offsets stay simple."""
    if text.isascii():
        folded = text.lower()
    else:
        folded = _dropped().sub("", unicodedata.normalize("NFKD", text).casefold())
    folded = _SPACES.sub(" ", folded)
    if " " in folded and _CJK_CHAR.search(folded):
        folded = _CJK_GAP.sub("", folded)
    return folded


def fold_map(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` and, for each of its characters, the index in ``text`` it comes from."""
    chars: list[str] = []
    where: list[int] = []
    drop = _dropped()
    for index, ch in enumerate(text):
        piece = ch.lower() if ch.isascii() else drop.sub("", unicodedata.normalize("NFKD", ch).casefold())
        for c in _SPACES.sub(" ", piece):
            if c == " " and chars and chars[-1] == " ":
                continue
            chars.append(c)
            where.append(index)
    out_chars, out_where = [], []
    for i, c in enumerate(chars):
        if (c == " " and 0 < i < len(chars) - 1 and _CJK_CHAR.match(chars[i - 1]) and _CJK_CHAR.match(chars[i + 1])):
            continue
        out_chars.append(c)
        out_where.append(where[i])
    return "".join(out_chars), out_where


def key(text: str) -> str:
    """A name or value as a key to look for: folded, without spaces at the ends."""
    return fold(text).strip()


def decode(data: bytes | str) -> str:
    """An output file's text as a reader sees it: JSON escapes, character references and URL encoding undone."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    if "\\u" in text:
        text = _JSON_ESCAPE.sub(_unescape_json, text)
    if "&" in text:
        text = html.unescape(text)
    if "%" in text or "+" in text:
        text = unquote_plus(text, errors="replace")
        if "&" in text:
            text = html.unescape(text)
    return text


def _unescape_json(match: re.Match) -> str:
    if match.group(3):
        return chr(int(match.group(3), 16))
    high, low = int(match.group(1), 16), int(match.group(2), 16)
    return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))


def is_cjk(ch: str) -> bool:
    return bool(ch) and _CJK_CHAR.match(ch) is not None


def spaced(ch: str) -> bool:
    """A letter or digit of a script that separates words with spaces: a name must not run into it."""
    return ch.isalnum() and not is_cjk(ch)


def name_keys(name: str) -> list[str]:
    """Every folded form that means this name: as written, and for a Latin name of several words also
    run together (graceokafor, as in an address) and surname first (Okafor, Grace)."""
    folded = key(name)
    if not folded:
        return []
    keys = [folded]
    words = folded.split(" ")
    if len(words) > 1 and not any(is_cjk(w[:1]) for w in words):
        keys.append("".join(words))
        keys.append(" ".join(words[-1:] + words[:-1]))
    return list(dict.fromkeys(keys))


class Matcher:
    """Folded keys found in text: longest first, never overlapping, Latin keys only as whole words
    (``bounded``; digit strings are looked for anywhere inside a longer number)."""

    def __init__(self, entries: dict[str, object], bounded: bool = True):
        import ahocorasick
        self.bounded = bounded
        self.size = 0
        self._automaton = ahocorasick.Automaton()
        for k, value in entries.items():
            if k:
                self._automaton.add_word(k, (len(k), value))
                self.size += 1
        if self.size:
            self._automaton.make_automaton()

    def __bool__(self) -> bool:
        return self.size > 0

    def in_folded(self, folded: str):
        """(start, end, value) in ``folded``, a text already folded."""
        if not self.size:
            return []
        found = []
        for end, (length, value) in self._automaton.iter(folded):
            start = end - length + 1
            if not self.bounded or _bounded(folded, start, end + 1):
                found.append((start, end + 1, value))
        if len(found) < 2:
            return found
        found.sort(key=lambda m: (m[0], m[0] - m[1]))
        kept, pos = [], 0
        for match in found:
            if match[0] >= pos:
                kept.append(match)
                pos = match[1]
        return kept

    def first(self, text: str):
        """The value of the first match in ``text`` (not folded yet), or None."""
        found = self.in_folded(fold(text) if self.bounded else text) if self.size else []
        return found[0][2] if found else None

    def find(self, text: str):
        """(start, end, value) in ``text`` itself: the stretch of the original that the match covers."""
        if not self.size or not self.in_folded(fold(text)):
            return []
        folded, where = fold_map(text)
        out = []
        for start, end, value in self.in_folded(folded):
            while start < end and folded[start] == " ":
                start += 1
            out.append((where[start], where[end - 1] + 1, value))
        return out


def _bounded(folded: str, start: int, end: int) -> bool:
    if start > 0 and spaced(folded[start]) and spaced(folded[start - 1]):
        return False
    if end < len(folded) and spaced(folded[end - 1]) and spaced(folded[end]):
        return False
    return True


def line_at(text: str, offset: int, first_line: int) -> int:
    return first_line + text.count("\n", 0, offset)


