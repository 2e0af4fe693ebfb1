"""Limits on a ZIP archive (a .docx) before anything unpacks it.

A Word file is a ZIP archive, and a small one can unpack to gigabytes (a "zip bomb"): reading it would
take all the memory and minutes of time. The sizes each part declares in the archive's central directory
are checked first, from the directory alone; Python's zipfile never unpacks more than a part declares
(a part that holds more fails its checksum), so the check holds for what is read afterwards.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

MAX_XML_BYTES = 256 * 1024 * 1024      # the text and layout of the document, unpacked
MAX_TOTAL_BYTES = 1024 * 1024 * 1024   # every part, pictures included, unpacked
MAX_RATIO = 100                        # unpacked / packed, for a part of more than 1 MB
MAX_PARTS = 10_000
_MB = 1024 * 1024


def zip_problem(path: Path) -> tuple[str, str] | None:
    """(message, hint) when the archive is beyond the limits, else None. A file that is not a ZIP
    archive is not judged here: the reader that opens it says so."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    hint = ("a Word diary is rarely more than a few MB unpacked; this file is damaged, or made to take all the "
            "memory (a 'zip bomb'). Open it in Word or LibreOffice and save it again, or save it as .txt")
    if len(parts) > MAX_PARTS:
        return f"the Word file has {len(parts):,} parts; the limit is {MAX_PARTS:,}", hint
    xml = sum(p.file_size for p in parts if p.filename.endswith((".xml", ".rels")))
    total = sum(p.file_size for p in parts)
    if xml > MAX_XML_BYTES:
        return (f"unpacked, the text of the Word file would take {xml / _MB:,.0f} MB; the limit is "
                f"{MAX_XML_BYTES // _MB} MB", hint)
    if total > MAX_TOTAL_BYTES:
        return (f"unpacked, the Word file would take {total / _MB:,.0f} MB; the limit is "
                f"{MAX_TOTAL_BYTES // _MB} MB", hint)
    for part in parts:
        if part.file_size > _MB and part.file_size > MAX_RATIO * max(part.compress_size, 1):
            return (f"the part {part.filename} of the Word file unpacks from {_size(part.compress_size)} to "
                    f"{_size(part.file_size)} ({part.file_size // max(part.compress_size, 1):,} times); the "
                    f"limit is {MAX_RATIO} times", hint)
    return None


def _size(n: int) -> str:
    return f"{n / _MB:,.0f} MB" if n >= _MB else f"{max(1, round(n / 1024))} KB"
