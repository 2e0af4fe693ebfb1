"""Atomic, careful output.

The site is written into a hidden sibling folder and exchanged with the old
output in one ``renameat2(RENAME_EXCHANGE)`` call, so a build that fails or is
killed at any moment leaves either the old site or the new one. chronicle only
ever replaces a folder that carries its marker file, so it never deletes files
it did not write.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable

MARKER = ".chronicle-output"
MARKER_TEXT = "This folder is written by chronicle; it is replaced on every build. Do not keep your own files here.\n"


class OutputError(Exception):
    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint


def check_output_dir(out: Path, content: Path) -> None:
    """Refuse output folders where a build could destroy something that is not chronicle's."""
    if out.is_symlink():
        raise OutputError(f"the output folder {out} is a symbolic link", "point --out at a real folder")
    out = out.resolve()
    content = content.resolve()
    if out == content or content.is_relative_to(out):
        raise OutputError(f"the output folder {out} is, or contains, the content folder {content}",
                          "choose an output folder outside the content, e.g. --out public")
    if out.is_relative_to(content):
        raise OutputError(f"the output folder {out} is inside the content folder {content}",
                          "the next build would read the site as content; choose a folder beside it, e.g. --out public")
    if out == Path(out.anchor) or out == Path.home():
        raise OutputError(f"refusing to use {out} as the output folder", "choose a dedicated folder, e.g. --out public")
    if out.is_symlink():
        raise OutputError(f"the output folder {out} is a symbolic link", "point --out at a real folder")
    if out.exists():
        if not out.is_dir():
            raise OutputError(f"the output path {out} exists and is not a folder")
        if any(out.iterdir()) and not (out / MARKER).is_file():
            raise OutputError(f"the output folder {out} already holds files that chronicle did not write",
                              "chronicle replaces its output folder on every build; choose an empty or new folder, "
                              "or move those files away")


def _safe_relpath(path: str) -> PurePosixPath:
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts or path.endswith("/"):
        raise OutputError(f"refusing to write a page outside the output folder: {path!r}")
    return pure


def write_site(files: Iterable[tuple[str, bytes]], out: Path, content: Path, copies: Iterable[tuple[str, Path]] = (),
               progress=None, finalize: Callable[[Path], None] | None = None) -> dict:
    """Write every (path, bytes) and copy every (path, source file); swap the result in atomically.

    ``finalize(folder)`` runs on the complete temporary folder just before the swap (the search index
    is built there); if it raises, the temporary folder is removed and the old site stays as it was.
    """
    out = out.resolve()
    check_output_dir(out, content)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(out)
    except OSError as exc:
        raise _cannot_write(exc) from None
    tmp = out.parent / f".{out.name}.tmp-{os.getpid()}"
    written: dict[str, int] = {}
    try:
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir()
        (tmp / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        for path, data in files:
            rel = _safe_relpath(path)
            key = rel.as_posix()
            if key in written:
                raise OutputError(f"two pages would be written to the same URL: {key}",
                                  "two entries, people or pages have ids that end up at one address; rename one")
            target = tmp.joinpath(*rel.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            written[key] = len(data)
            if progress:
                progress(key)
        for path, source in copies:
            rel = _safe_relpath(path)
            key = rel.as_posix()
            if key in written:
                raise OutputError(f"a media file would overwrite a page: {key}")
            target = tmp.joinpath(*rel.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            written[key] = source.stat().st_size
        if finalize is not None:
            finalize(tmp)
        _swap(tmp, out)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise _cannot_write(exc) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return written


def _cannot_write(exc: OSError) -> OutputError:
    where = f" {exc.filename}:" if exc.filename else ""
    return OutputError(f"cannot write the site:{where} {exc.strerror or exc}",
                       "check that the disk is not full and that the output folder can be written")


def _remove_stale(out: Path) -> None:
    """Temporary folders of builds that were killed; only ones that carry our marker."""
    for stale in out.parent.glob(f".{out.name}.tmp-*"):
        if stale.is_dir() and not stale.is_symlink() and (stale / MARKER).is_file():
            _discard(stale)
    old = out.parent / f".{out.name}.old"
    if old.is_dir() and (old / MARKER).is_file():
        if not out.exists():
            os.rename(old, out)
        else:
            _discard(old)


def _discard(folder: Path) -> None:
    """Delete one of our folders, its marker last, so a build killed meanwhile leaves it recognisably ours."""
    for child in folder.iterdir():
        if child.name == MARKER:
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
    (folder / MARKER).unlink(missing_ok=True)
    try:
        folder.rmdir()
    except OSError:
        pass


def _swap(tmp: Path, out: Path) -> None:
    if not out.exists():
        os.rename(tmp, out)
        return
    if _exchange(tmp, out):
        _discard(tmp)
        return
    old = out.parent / f".{out.name}.old"
    os.rename(out, old)
    os.rename(tmp, out)
    _discard(old)


_libc = None


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths (Linux renameat2); False where the system cannot."""
    global _libc
    if os.name != "posix":
        return False
    try:
        if _libc is None:
            _libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = _libc.renameat2
    except (OSError, AttributeError):
        return False
    AT_FDCWD, RENAME_EXCHANGE = -100, 2
    result = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    return result == 0
