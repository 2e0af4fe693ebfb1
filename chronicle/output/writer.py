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
import stat
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Callable, Iterable

from chronicle.output.failures import OutputError, SourceUnreadable, cannot_write, copy_file

MARKER = ".chronicle-output"
MARKER_TEXT = "This folder is written by chronicle; it is replaced on every build. Do not keep your own files here.\n"


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


def _safe_relpath(path: str) -> str:
    """``path`` as the output's key, or an OutputError if it could leave the output folder."""
    parts = path.split("/")
    if not path or path.startswith("/") or path.endswith("/") or ".." in parts or "\0" in path:
        raise OutputError(f"refusing to write a page outside the output folder: {path!r}")
    return "/".join(p for p in parts if p not in ("", "."))


@dataclass(frozen=True)
class Stamp:
    """A file the writer wrote: the key of what it shows, and how to tell it is still the same file."""

    key: str
    size: int
    mtime_ns: int
    ino: int


class Written(dict):
    """{path: size} of every file written, with the stamps a later build can reuse them by."""

    def __init__(self):
        super().__init__()
        self.stamps: dict[str, Stamp] = {}
        self.made = 0       # rendered (or copied) by this build
        self.reused = 0     # taken over from the previous build, unchanged


@dataclass(frozen=True)
class _Item:
    path: str
    key: Callable[[], str] | str | None
    make: Callable[[], bytes] | None
    source: Path | None = None


def _items(files, copies) -> list[_Item]:
    items = []
    for f in files:
        if isinstance(f, tuple):
            path, data = f
            items.append(_Item(path, None, (lambda data=data: data)))
        else:
            items.append(_Item(f.path, f.key, f.make))
    for path, source in copies:
        items.append(_Item(path, partial(_source_key, source), None, source))
    return items


def _source_key(source: Path) -> str:
    st = source.stat()
    return f"copy:{st.st_size}:{st.st_mtime_ns}:{st.st_ino}"


def write_site(files: Iterable, out: Path, content: Path, copies: Iterable[tuple[str, Path]] = (),
               progress=None, finalize: Callable[[Path], None] | None = None,
               previous: dict[str, Stamp] | None = None, in_place: bool = False,
               previous_files: Iterable[str] | None = None) -> Written:
    """Write every file (``(path, bytes)``, or a job with ``path``, ``key`` and ``make``) and copy every
    ``(path, source file)``; swap the result in atomically.

    ``previous``: the stamps of the site now in ``out``. A job whose key matches, and whose file is still
    the one that was written, is not made again: the file is hard-linked into the new site.
    ``in_place``: update ``out`` file by file instead — for ``chronicle serve``'s own folder, where the
    reload is sent once all are written: the files made are staged first and renamed over the old ones
    only when every one was made (so a failed build changes nothing), then the files that are gone removed
    (``previous_files``: every file the last build left there; without it, the folder is looked through).
    ``finalize(folder)`` runs on the complete folder just before the swap (the search index is built
    there); if it raises, the temporary folder is removed and the old site stays as it was.
    """
    out = out.resolve()
    check_output_dir(out, content)
    items = _items(files, copies)
    seen: set[str] = set()
    for item in items:
        key = _safe_relpath(item.path)
        if key in seen:
            raise OutputError(f"two pages would be written to the same URL: {key}" if item.source is None
                              else f"a media file would overwrite a page: {key}",
                              "two entries, people or pages have ids that end up at one address; rename one")
        seen.add(key)
    previous = previous or {}
    if in_place and not (out / MARKER).is_file():
        in_place = False
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(out)
    except OSError as exc:
        raise cannot_write(exc, None, out) from None
    target = out.parent / f".{out.name}.tmp-{os.getpid()}"
    written = Written()
    try:
        if target.exists():
            shutil.rmtree(target)
        target.mkdir()
        (target / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        producer = _Producer(target, out, previous, in_place)
        from chronicle.parallel import run_jobs
        made_paths = []
        to_make = items
        if previous:
            to_make = []
            for item, stamp in producer.take_over(items):
                if stamp is None:
                    to_make.append(item)
                    continue
                written[item.path] = stamp.size
                written.stamps[item.path] = stamp
                written.reused += 1
                if progress:
                    progress(item.path)
        for path, stamp in run_jobs([partial(producer.make, item) for item in to_make], chunksize=16):
            written[path] = stamp.size
            if stamp.key:
                written.stamps[path] = stamp
            written.made += 1
            made_paths.append(path)
            if progress:
                progress(path)
        if in_place:
            _move_into(target, out, made_paths)
            _remove_others(out, written, previous_files)
            shutil.rmtree(target)
            target = out
        if finalize is not None:
            finalize(target)
        if not in_place:
            _swap(target, out)
    except OSError as exc:
        if target != out:
            shutil.rmtree(target, ignore_errors=True)
        raise cannot_write(exc, target, out) from None
    except BaseException:
        if target != out:
            shutil.rmtree(target, ignore_errors=True)
        raise
    return written


def _move_into(staging: Path, out: Path, paths: list[str]) -> None:
    """In-place updates: the files made, renamed over the old ones (a reader gets the old or the new file)."""
    folders: set[Path] = set()
    for path in paths:
        dest = out / path
        if dest.parent not in folders:
            dest.parent.mkdir(parents=True, exist_ok=True)
            folders.add(dest.parent)
        os.replace(staging / path, dest)


class _Producer:
    """Takes files over from the last build, or makes them in the folder being built (in workers)."""

    def __init__(self, target: Path, out: Path, previous: dict[str, Stamp], in_place: bool):
        self.target, self.out, self.previous, self.in_place = str(target), str(out), previous, in_place
        self.folders: set[str] = set()

    def take_over(self, items: list[_Item]) -> list[tuple[_Item, Stamp | None]]:
        """Each item with the last build's stamp if its file can stay: same key, and (unless in place, in
        serve's own folder) the very file that build wrote, now hard-linked into the new site. The keys
        are computed here, in this process; the links are made on several threads (they wait on the disk).
        """
        found = []
        for item in items:
            key = item.key() if callable(item.key) else (item.key or "")
            old = self.previous.get(item.path) if key else None
            found.append((_Item(item.path, key, item.make, item.source), old if old is not None and old.key == key else None))
        if self.in_place:
            return found
        from concurrent.futures import ThreadPoolExecutor
        reusable = [i for i, (_, old) in enumerate(found) if old is not None]
        with ThreadPoolExecutor(max_workers=4) as pool:
            linked = list(pool.map(lambda i: self._link(found[i][0].path, found[i][1]), reusable, chunksize=64))
        for i, ok in zip(reusable, linked):
            if not ok:
                found[i] = (found[i][0], None)
        return found

    def make(self, item: _Item) -> tuple[str, Stamp]:
        key = item.key() if callable(item.key) else (item.key or "")
        dest = os.path.join(self.target, item.path)
        data = item.make() if item.source is None else None
        try:
            self._folder(dest)
            if item.source is not None:
                copy_file(item.source, dest)
            else:
                with open(dest, "wb") as f:
                    f.write(data)
            st = os.stat(dest)
        except SourceUnreadable:
            raise
        except OSError as exc:  # a full disk, a read-only one: it is the output that cannot be written
            raise OSError(exc.errno, exc.strerror, dest) from None
        return item.path, Stamp(key, st.st_size, st.st_mtime_ns, st.st_ino)

    def _link(self, path: str, old: Stamp) -> bool:
        """The previous build's file into the new site, if it is still the one it wrote (not edited since)."""
        current = os.path.join(self.out, path)
        try:
            st = os.lstat(current)
        except OSError:
            return False
        if not stat.S_ISREG(st.st_mode) or (st.st_size, st.st_mtime_ns, st.st_ino) != (old.size, old.mtime_ns, old.ino):
            return False
        dest = os.path.join(self.target, path)
        self._folder(dest)
        try:
            os.link(current, dest)
        except OSError:
            return False
        return True

    def _folder(self, dest: str) -> None:
        folder = os.path.dirname(dest)
        if folder not in self.folders:
            os.makedirs(folder, exist_ok=True)
            self.folders.add(folder)


def _remove_others(out: Path, keep: dict, previous: Iterable[str] | None) -> None:
    """In-place updates: the files of pages that are gone, and the folders they leave empty. ``previous``
    names the files the last build left; without it, the whole folder is looked through."""
    if previous is None:
        previous = []
        for folder, _, names in os.walk(out):
            rel = os.path.relpath(folder, out).replace(os.sep, "/")
            previous += [name if rel == "." else f"{rel}/{name}" for name in names]
    folders = set()
    for path in previous:
        if path != MARKER and path not in keep:
            try:
                os.unlink(os.path.join(out, path))
            except FileNotFoundError:
                pass
            folders.add(path.rpartition("/")[0])
    for folder in sorted(folders, key=len, reverse=True):
        while folder:
            try:
                os.rmdir(os.path.join(out, folder))
            except OSError:
                break
            folder = folder.rpartition("/")[0]


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


def folder_state(out: Path, written: dict[str, Stamp]) -> dict[str, tuple[int, int, int]]:
    """{path: (size, mtime_ns, inode)} of every file and folder in the output, as a build left it.

    A folder's modification time moves when a file is added to or removed from it, a file's when it is
    edited, and a file replaced by another has a new inode: so a later build can tell, by stat calls
    alone, that the output is still exactly what it wrote (``same_state``). The stamps of the files
    written are known; folders, and files made by others (the search index), are looked at here."""
    out = out.resolve()
    found: dict[str, tuple[int, int, int]] = {p: (s.size, s.mtime_ns, s.ino) for p, s in written.items()}
    folders = {"."}
    for path in written:
        parent = path.rpartition("/")[0]
        while parent and parent not in folders:
            folders.add(parent)
            parent = parent.rpartition("/")[0]
    stack = []
    for folder in folders:
        try:
            st = os.lstat(out / folder)
        except FileNotFoundError:
            continue
        found[folder] = (-1, st.st_mtime_ns, st.st_ino)
    for entry in os.scandir(out):
        if entry.name not in found and entry.name + "/" not in found:
            stack.append(entry)
    while stack:
        entry = stack.pop()
        rel = os.path.relpath(entry.path, out).replace(os.sep, "/")
        st = entry.stat(follow_symlinks=False)
        if entry.is_dir(follow_symlinks=False):
            found[rel] = (-1, st.st_mtime_ns, st.st_ino)
            stack.extend(os.scandir(entry.path))
        else:
            found[rel] = (st.st_size, st.st_mtime_ns, st.st_ino)
    return found


def same_state(out: Path, state: dict[str, tuple[int, int, int]]) -> bool:
    out = out.resolve()
    if not state or not (out / MARKER).is_file():
        return False
    root = str(out)
    prefix = root + os.sep
    lstat = os.lstat
    for rel, (size, mtime_ns, ino) in state.items():  # tens of thousands: no os.path.join in the loop
        try:
            st = lstat(root if rel == "." else prefix + rel)
        except OSError:
            return False
        if st.st_mtime_ns != mtime_ns or st.st_ino != ino or (size >= 0 and st.st_size != size):
            return False
    return True
