"""Text helpers that treat Chinese as Chinese.

Chinese has no spaces between words, so the usual Western assumptions (a line
break renders as a space, words are split by whitespace, excerpts end at a
word boundary) give wrong results; these functions do what a Chinese reader
expects instead.
"""

from __future__ import annotations

import math
import re

__all__ = [
    "is_cjk",
    "is_cjk_punct",
    "join_soft_breaks",
    "excerpt",
    "reading_time",
    "count_words",
]

# Han ideographs (all blocks), kana and bopomofo: scripts written without
# spaces between words. Hangul is left out on purpose: Korean uses spaces, so
# its words are counted and line-broken like Latin ones.
_CJK_RANGES = (
    (0x3005, 0x3007),    # 々 〆 〇 (iteration mark, closing mark, ideographic zero)
    (0x3040, 0x30FF),    # Hiragana, Katakana
    (0x3100, 0x312F),    # Bopomofo
    (0x31A0, 0x31BF),    # Bopomofo Extended
    (0x31F0, 0x31FF),    # Katakana Phonetic Extensions
    (0x3400, 0x4DBF),    # CJK Extension A
    (0x4E00, 0x9FFF),    # CJK Unified Ideographs
    (0xF900, 0xFAFF),    # CJK Compatibility Ideographs
    (0x20000, 0x2FA1F),  # Extensions B-F and Compatibility Supplement
    (0x30000, 0x323AF),  # Extensions G-H
)
_CJK_CLASS = "".join(
    f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in _CJK_RANGES
)
_CJK_RE = re.compile(f"[{_CJK_CLASS}]")
_CJK_RUN_RE = re.compile(f"[{_CJK_CLASS}]+")

# Punctuation used inside Chinese text: the CJK symbols block, full-width
# forms, and the quotes, dashes and ellipsis Chinese borrows from general
# punctuation.
_CJK_PUNCT_EXTRA = frozenset("“”‘’—…·")


def _check_char(ch: str) -> None:
    if len(ch) != 1:
        raise ValueError(f"expected a single character, got {ch!r}")


def is_cjk(ch: str) -> bool:
    """True for a Chinese/Japanese character, the ones read per character rather than per word."""
    _check_char(ch)
    return _CJK_RE.match(ch) is not None


def is_cjk_punct(ch: str) -> bool:
    """True for punctuation that belongs to CJK text (。，、“” …), which takes no space around it."""
    _check_char(ch)
    cp = ord(ch)
    if 0x3000 < cp <= 0x303F and not is_cjk(ch):  # U+3000 is the ideographic space
        return True
    if 0xFF01 <= cp <= 0xFF65 and not ch.isalnum():
        return True
    if 0xFE10 <= cp <= 0xFE1F or 0xFE30 <= cp <= 0xFE4F:  # vertical and compatibility forms
        return True
    return ch in _CJK_PUNCT_EXTRA


def _cjkish(ch: str) -> bool:
    return is_cjk(ch) or is_cjk_punct(ch)


# --- soft breaks ---------------------------------------------------------------

_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_RAW_HTML_RE = re.compile(r"^ {0,3}<(pre|script|style|textarea)(?:\s|>|$)", re.IGNORECASE)
_QUOTE_RE = re.compile(r"^(?: {0,3}>[ \t]?)+")
_HEADING_RE = re.compile(r"^ {0,3}#{1,6}(\s|$)")
_BLOCK_START_RE = re.compile(r"^ {0,3}(#{1,6}(\s|$)|>|[-+*]\s|\d{1,9}[.)]\s|<|\||={2,}\s*$|-{2,}\s*$)")


def _indent(line: str) -> int:
    width = 0
    for ch in line:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def join_soft_breaks(markdown: str) -> str:
    """Remove single newlines between CJK characters so Markdown renders no space there.

    A soft line break inside a paragraph becomes a space in HTML; in Chinese
    that space is a visible typo. Only a break whose both sides are CJK text or
    CJK punctuation is joined (inside block quotes too). Code (fenced,
    indented, or raw <pre>/<script>/<style>/<textarea>), headings, tables,
    hard breaks and breaks next to Latin text are left alone. Pass the body,
    not the front matter.
    """
    lines = markdown.split("\n")
    code = _code_lines(lines)
    out: list[str] = []
    i = 0
    while i < len(lines):
        parts = [lines[i]]  # joined once at the end: adding to a string line by line is quadratic
        probe = lines[i]
        while i + 1 < len(lines) and not code[i] and not code[i + 1]:
            tail = _continuation(probe.rstrip("\r"), lines[i + 1])
            if tail is None:
                break
            parts[-1] = parts[-1].rstrip("\r")
            parts.append(tail)
            # what _continuation reads of the joined line: the first line's quote markers and the last character
            quote = _QUOTE_RE.match(parts[0])
            probe = (quote.group(0) if quote else "") + "x" + tail
            i += 1
        out.append("".join(parts))
        i += 1
    return "\n".join(out)


def _code_lines(lines: list[str]) -> list[bool]:
    """Which lines are code (whose newlines are content), so they are never joined."""
    code = [False] * len(lines)
    fence: str | None = None
    raw_end: str | None = None
    prev_blank_or_code = True
    for i, raw in enumerate(lines):
        line = raw.rstrip("\r")
        if fence is not None:
            code[i] = True
            m = _FENCE_RE.match(line)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not line.strip(" `~"):
                fence = None
            prev_blank_or_code = True
            continue
        if raw_end is None:
            m = _RAW_HTML_RE.match(line)
            if m:
                raw_end = f"</{m.group(1).lower()}>"
        if raw_end is not None:
            code[i] = True
            if raw_end in line.lower():
                raw_end = None
            prev_blank_or_code = True
            continue
        m = _FENCE_RE.match(line)
        if m:
            fence = m.group(1)
            code[i] = True
            prev_blank_or_code = True
            continue
        blank = not line.strip()
        if not blank and _indent(line) >= 4 and prev_blank_or_code:
            code[i] = True
        prev_blank_or_code = blank or code[i]
    return code


def _split_quote(line: str) -> tuple[int, str]:
    """Block-quote depth of a line and the content after the markers."""
    m = _QUOTE_RE.match(line)
    if not m:
        return 0, line
    return m.group(0).count(">"), line[m.end():]


def _continuation(line: str, nxt: str) -> str | None:
    """What to append to ``line`` if the break before ``nxt`` is a CJK soft break, else None."""
    depth, content = _split_quote(line)
    next_depth, next_content = _split_quote(nxt)
    if next_depth and next_depth != depth:
        return None  # a quote starts, ends or nests here
    if not content.strip() or not next_content.strip():
        return None
    if content[-1] in " \t\\":  # trailing spaces or a backslash make a hard break
        return None
    if _HEADING_RE.match(content):  # an ATX heading ends at its line
        return None
    if "|" in content or "|" in next_content:  # table rows must stay on their own lines
        return None
    if _indent(next_content) >= 4:
        return None
    rest = next_content.lstrip(" ")
    if _BLOCK_START_RE.match(rest):
        return None
    if _cjkish(content[-1]) and _cjkish(rest[0]):
        return rest
    return None


# --- excerpts -------------------------------------------------------------------

_ZH_SENTENCE_END = frozenset("。！？…；")
_ASCII_SENTENCE_END = frozenset("!?;")
_CLOSERS = frozenset("”’」』）》〕】\"')")
_ELLIPSIS = "…"


_ALNUM_RE = re.compile(r"[^\W_]")  # what str.isalnum() accepts, counted in C


def _mostly_cjk(text: str) -> bool:
    letters = len(_ALNUM_RE.findall(text))
    if not letters:
        return False
    return len(_CJK_RE.findall(text)) * 2 > letters


def _is_sentence_end(text: str, i: int) -> bool:
    ch = text[i]
    if ch in _ZH_SENTENCE_END:
        # Inside a run like "……" only the last mark ends the sentence.
        return not (ch == "…" and i + 1 < len(text) and text[i + 1] == "…")
    if ch in _ASCII_SENTENCE_END and i > 0:
        return _cjkish(text[i - 1])
    return False


def _excerpt_zh(text: str, limit: int) -> str:
    best = -1
    for i in range(min(limit, len(text))):
        if _is_sentence_end(text, i):
            end = i + 1
            # Keep closing quotes/brackets with their sentence when they fit.
            while end < min(limit, len(text)) and text[end] in _CLOSERS:
                end += 1
            best = end
    if best > 0:
        return text[:best].rstrip()
    return text[: limit - 1].rstrip() + _ELLIPSIS


def _excerpt_en(text: str, limit: int) -> str:
    room = limit - 1  # keep space for the ellipsis
    head = text[: room + 1]
    if head[-1:].isspace():
        cut = head.rstrip()
    else:
        pos = max(head.rfind(" "), head.rfind("\n"), head.rfind("\t"))
        cut = head[:pos].rstrip() if pos > 0 else ""
        if not cut:
            cut = text[:room]
    cut = cut[:room].rstrip().rstrip(",;:-–—")
    return cut + _ELLIPSIS


def excerpt(text: str, limit: int, lang: str) -> str:
    """Shorten plain text to at most ``limit`` characters, ending where a reader would.

    Chinese (lang zh*, or text mostly CJK) ends at the last sentence end that
    fits, since a cut mid-sentence reads as an error; without one it is cut
    hard and marked with "…". Other languages end at a word boundary plus "…".
    No space is ever added. Text that already fits comes back unchanged.
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    if len(text) <= limit:
        return text
    if lang.lower().startswith("zh") or _mostly_cjk(text):
        return _excerpt_zh(text, limit)
    return _excerpt_en(text, limit)


# --- counting -------------------------------------------------------------------

_WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")

CJK_CHARS_PER_MINUTE = 300
LATIN_WORDS_PER_MINUTE = 200


def count_words(text: str) -> tuple[int, int]:
    """(CJK characters, other words): Chinese is read per character, Latin per word."""
    rest, runs = _CJK_RUN_RE.subn(" ", text)  # a run of characters at a time: 4x faster than one by one
    return len(text) - len(rest) + runs, len(_WORD_RE.findall(rest))


def reading_time(text: str) -> int:
    """Minutes to read, at least 1: CJK at 300 characters/min plus Latin at 200 words/min."""
    cjk, latin = count_words(text)
    minutes = cjk / CJK_CHARS_PER_MINUTE + latin / LATIN_WORDS_PER_MINUTE
    return max(1, math.ceil(minutes))
