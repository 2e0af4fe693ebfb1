"""Characters no content may carry: invisible controls and noncharacters.

They show as nothing (or as boxes), and XML forbids most of them, so one of them in a
title makes feed.xml unreadable and the whole feed is dropped by feed readers, and the
Word report cannot be written. They are refused where they are read, at file:line:column;
``xml_safe`` is the writers' last line of defence for text that came some other way.
"""

from __future__ import annotations

import re

# C0 controls but tab and line feed (carriage returns are line ends, made "\n" on reading), DEL,
# C1 controls, lone surrogates, and the noncharacters U+FDD0-U+FDEF and U+xFFFE/U+xFFFF.
_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff" + "".join(
    f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(1, 17))
FORBIDDEN = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}]")
# What XML 1.0 cannot hold at all (https://www.w3.org/TR/xml/#charsets), plus the noncharacters.
_NOT_XML = re.compile(f"[^\t\n\r\x20-\ud7ff\ue000-\ufdcf\ufdf0-\ufffd\U00010000-\U0010ffff]|[{_NONCHARACTERS}]")

_NAMES = {
    0x00: "NUL", 0x09: "tab", 0x0B: "vertical tab", 0x0C: "form feed (page break)", 0x0D: "carriage return",
    0x1B: "escape", 0x7F: "delete", 0x85: "next line", 0xA0: "no-break space",
}


def describe(char: str) -> str:
    """``U+000B (vertical tab)``: how a message names a character nobody can see."""
    code = ord(char)
    if code in _NAMES:
        kind = _NAMES[code]
    elif code < 0x20 or 0x7F <= code <= 0x9F:
        kind = "a control character"
    elif 0xD800 <= code <= 0xDFFF:
        kind = "half of a surrogate pair"
    else:
        kind = "a noncharacter"
    return f"U+{code:04X} ({kind})"


def find_forbidden(text: str, pattern: re.Pattern = FORBIDDEN) -> tuple[int, int, str, int] | None:
    """(line, column, character, how many in all) of the first forbidden character, or None."""
    match = pattern.search(text)
    if match is None:
        return None
    start = match.start()
    line_start = text.rfind("\n", 0, start) + 1
    return text.count("\n", 0, start) + 1, start - line_start + 1, match.group(), len(pattern.findall(text))


def message(char: str, column: int | None, count: int, where: str = "") -> tuple[str, str]:
    """Message and hint for a forbidden character."""
    more = f" (and {count - 1} more in this file)" if count > 1 else ""
    col = f" in column {column}" if column else ""
    hint = ("delete it: it shows as nothing, and feeds and Word files cannot hold it "
            "(it often comes with text copied out of Word, a PDF or a terminal)")
    return f"{where}invisible character {describe(char)}{col}{more}", hint


def xml_safe(text: str) -> str:
    """``text`` without the characters XML cannot hold, for writers of XML (feed, ICS, Word)."""
    return _NOT_XML.sub("", text) if _NOT_XML.search(text) else text
