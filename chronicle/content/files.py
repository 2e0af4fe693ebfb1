"""Every file of a content folder with its size and times: the cheap way to tell that nothing changed."""

from __future__ import annotations

import os
from pathlib import Path

from chronicle.cache import FOLDER as CACHE_FOLDER


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
