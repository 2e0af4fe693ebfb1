"""Reading a text file the way writers save them: UTF-8 (with or without BOM), any line ends."""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

from chronicle.content.chars import find_forbidden, message

MAX_FILE_BYTES = 5 * 1024 * 1024

_GUESSES = ("gb18030", "big5", "shift_jis", "cp1252")


@dataclass(frozen=True)
class Source:
    """One content file as text, with the path writers see in messages."""

    path: Path
    rel: str
    text: str


class SourceError(Exception):
    def __init__(self, line: int | None, message: str, hint: str = ""):
        super().__init__(message)
        self.line = line
        self.message = message
        self.hint = hint


def read_source(path: Path, rel: str) -> Source:
    """Decode a file, naming the encoding when it is not UTF-8 so the writer can re-save it."""
    st = path.stat()
    if not stat.S_ISREG(st.st_mode):  # reading a pipe or a device would wait for ever
        raise SourceError(None, "not a regular file (a pipe, a device or a socket)",
                          "content files are text files; delete this one")
    size = st.st_size
    if size > MAX_FILE_BYTES:
        raise SourceError(None, f"file is {size / 1024 / 1024:.1f} MB; the limit is "
                          f"{MAX_FILE_BYTES // 1024 // 1024} MB",
                          "split it into several entries, or move large material to media/")
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(data):
        raise SourceError(1, "file is UTF-16, not UTF-8", "save it as UTF-8 (in most editors: Save As, Encoding: UTF-8)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        guess = _guess_encoding(data)
        named = f" (it looks like {guess})" if guess else ""
        raise SourceError(line, f"file is not UTF-8{named}: byte 0x{data[exc.start]:02x} cannot be read",
                          "save it as UTF-8 (in most editors: Save As, Encoding: UTF-8)") from None
    if "\x00" in text:
        raise SourceError(text[: text.index("\x00")].count("\n") + 1, "file contains a NUL character; is it a binary file?")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = find_forbidden(text)
    if found:
        line, column, char, count = found
        raise SourceError(line, *message(char, column, count))
    return Source(path, rel, text)


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 saved without a BOM: NUL bytes in every other position of a mostly-ASCII text."""
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return max(even, odd) >= len(sample) // 2 * 0.3 and min(even, odd) <= max(even, odd) // 10


def _guess_encoding(data: bytes) -> str:
    for enc in _GUESSES:
        try:
            data.decode(enc)
        except UnicodeDecodeError:
            continue
        return {"gb18030": "GB18030/GBK", "big5": "Big5", "shift_jis": "Shift-JIS", "cp1252": "Windows-1252"}[enc]
    return ""
