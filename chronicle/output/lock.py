"""One build at a time into one output folder.

Two builds into the same folder would each clean up the other's temporary folder and swap their sites
over each other. Each build holds an exclusive lock (``flock``) on ``.<name>.lock`` beside the output
folder for as long as it runs; a second build waits for the first to finish, saying so, and then builds
(usually finding nothing changed). It gives up with a clear message after ``WAIT_SECONDS``. The lock is
the operating system's: it goes with the process, so a killed build never leaves a stale lock; the
small lock file itself stays beside the output.
"""

from __future__ import annotations

import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

WAIT_SECONDS = 600.0


class Busy(Exception):
    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message, self.hint = message, hint


def lock_path(out: Path) -> Path:
    out = Path(os.path.abspath(out))
    return out.parent / f".{out.name}.lock"


@contextmanager
def output_lock(out: Path, waiting: Callable[[str], None] | None = None,
                wait: float | None = None) -> Iterator[None]:
    """Hold the output folder's lock; ``waiting(message)`` is told once if another build holds it."""
    try:
        import fcntl
    except ImportError:  # no flock on this system: builds are not serialised
        yield
        return
    path = lock_path(out)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0), 0o644)
    except OSError:
        yield  # a folder where no lock can be made: the build itself will say what is wrong with it
        return
    try:
        deadline = time.monotonic() + (WAIT_SECONDS if wait is None else wait)
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = _holder(fd)
                if time.monotonic() >= deadline:
                    raise Busy(f"another chronicle build{holder} is still writing to {out}",
                               f"wait until it has finished, or build into another folder with --out; the lock "
                               f"is {path}") from None
                if not told and waiting is not None:
                    waiting(f"another chronicle build{holder} is writing to {out}; waiting for it to finish…")
                    told = True
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode().strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (process {pid})" if pid.isdigit() else ""
