"""Every file of a content folder with its size and times: the cheap way to tell that nothing changed."""

from __future__ import annotations

import os
import time
from pathlib import Path

from chronicle.cache import FOLDER as CACHE_FOLDER

# A file modified within the same clock tick of the file system as a build read it may be modified again
# without its size or time changing: its stat cannot vouch for its content (git calls such files "racily
# clean"). The tick is a few milliseconds on ext4, APFS or NTFS, up to two seconds on FAT or a network
# share: a time that is a whole multiple of 10 ms suggests such a coarse clock.
RACY_NS = 100_000_000
RACY_COARSE_NS = 2_000_000_000


def racy(mtime_ns: int, now_ns: int | None = None) -> bool:
    window = RACY_COARSE_NS if mtime_ns % 10_000_000 == 0 else RACY_NS
    return mtime_ns >= (now_ns if now_ns is not None else time.time_ns()) - window


def snapshot(root: Path) -> dict[str, tuple[int, int, int]]:
    """{relative path: (size, mtime_ns, inode)} of every file under ``root`` but the cache.

    Stat results, not contents: a no-change build must not read twenty thousand files. Any edit, even one
    that keeps the size, moves the modification time; a file replaced by another gets a new inode.
    """
    found: dict[str, tuple[int, int, int]] = {}
    stack = [(str(root), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            rel = prefix + entry.name
            if not prefix and entry.name == CACHE_FOLDER:
                continue
            try:
                if entry.is_dir():
                    stack.append((entry.path, rel + "/"))
                    continue
                st = entry.stat()
            except OSError:
                found[rel] = (-1, -1, -1)
                continue
            found[rel] = (st.st_size, st.st_mtime_ns, st.st_ino)
    return found


def inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def tree(folder: Path) -> list[tuple[str, os.DirEntry]]:
    """Everything under ``folder`` in the order of ``sorted(folder.rglob("*"))`` (not into linked folders),
    as paths with their directory entries, whose types need no further system call."""
    found = []
    stack = [str(folder)]
    while stack:
        current = stack.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue
        for entry in entries:
            found.append((entry.path, entry))
            if entry.is_dir(follow_symlinks=False):
                stack.append(entry.path)
    found.sort(key=lambda item: item[0].split(os.sep))
    return found


def real_inside(path: Path | str, folder: Path) -> bool:
    """Whether ``path``, every link on the way followed, lies inside ``folder`` (itself already resolved)."""
    try:
        return inside(Path(os.path.realpath(path)), folder)
    except (OSError, ValueError):
        return False


def link_target(path: Path | str) -> str:
    """Where a path leads once every link is followed, for a message."""
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return str(path)
