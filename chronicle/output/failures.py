"""What goes wrong while writing a site, said so that the writer knows whose problem it is.

A full or read-only disk is the output's problem and is named by the output path (never by the hidden
temporary folder the site is built in, nor by the media file that was being copied when the disk filled
up); a media file that cannot be read is the content's.
"""

from __future__ import annotations

import errno
from pathlib import Path


class OutputError(Exception):
    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __reduce__(self):  # raised in workers (chronicle/parallel.py): the hint must survive the trip
        return type(self), (self.message, self.hint)


class SourceUnreadable(OSError):
    """A media file of the content that cannot be read (not a problem of the output)."""


def copy_file(source: Path, dest: str) -> None:
    try:
        src = open(source, "rb")
    except OSError as exc:
        raise SourceUnreadable(exc.errno, exc.strerror, str(source)) from None
    with src, open(dest, "wb") as out:
        while True:
            try:
                chunk = src.read(1 << 20)
            except OSError as exc:
                raise SourceUnreadable(exc.errno, exc.strerror, str(source)) from None
            if not chunk:
                break
            out.write(chunk)


_DISK_HINTS = {
    errno.ENOSPC: "the disk that holds {where} is full: free some space, or build onto another disk with --out",
    errno.EDQUOT: "your disk quota where {where} is is used up: free some space, or build elsewhere with --out",
    errno.EROFS: "{where} is on a read-only disk: build elsewhere with --out",
    errno.EACCES: "you may not write in {where}: check its owner and permissions, or build elsewhere with --out",
    errno.EPERM: "you may not write in {where}: check its owner and permissions, or build elsewhere with --out",
}


def cannot_write(exc: OSError, target: Path | None = None, out: Path | None = None) -> OutputError:
    """The error as the writer should see it: named by the output path it happened at, never by the
    temporary folder, and never blamed on a content file that was only being read."""
    if isinstance(exc, SourceUnreadable):
        return OutputError(f"cannot read the media file {exc.filename}: {exc.strerror or exc}",
                           "check that the file is there and can be read")
    name = str(exc.filename) if exc.filename else ""
    if out is not None:
        if target is not None and name.startswith(str(target)):
            name = str(out) + name[len(str(target)):]
        name = name or str(out)
    where = str(out) if out is not None else (name or "the output folder")
    hint = _DISK_HINTS.get(exc.errno, "check that the disk is not full and that the output folder can be written")
    return OutputError(f"cannot write the site into {where}: {name}: {exc.strerror or exc}",
                       hint.format(where=out.parent if out is not None else "the output folder"))
