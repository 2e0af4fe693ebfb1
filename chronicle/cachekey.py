"""The user's secret cache key: what tells chronicle's own cache files from planted ones.

It lives in the user's cache folder (``$XDG_CACHE_HOME/chronicle/key``, else ``~/.cache/chronicle/key``),
never in a content folder, so a content folder received from someone else cannot carry it. It is made
once, with mode 0600, and put in place with a hard link, which never replaces a key another process has
just made. When it cannot be read or made, there is no key and caching is off.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

KEY_BYTES = 32
_KEYS: dict[str, bytes | None] = {}


def key_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    return root / "chronicle" / "key"


def secret_key() -> bytes | None:
    """The key (read or made once per process and path), or None: then nothing is cached."""
    path = key_path()
    name = str(path)
    if name not in _KEYS:
        _KEYS[name] = _load_or_make(path)
    return _KEYS[name]


def _load_or_make(path: Path) -> bytes | None:
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_name(f".key.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            os.write(fd, secrets.token_bytes(KEY_BYTES))
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process made it first: use theirs
        except OSError:
            if not path.exists():  # a file system without hard links
                os.rename(tmp, path)
        finally:
            if tmp.exists():
                tmp.unlink()
        return _read(path)
    except OSError:
        return None


def _read(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or (hasattr(os, "getuid") and st.st_uid != os.getuid()):
            raise OSError(f"{path} is not the user's own file")
        if st.st_mode & 0o077:
            os.fchmod(fd, 0o600)
        data = os.read(fd, KEY_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) != KEY_BYTES:
        raise OSError(f"{path} is not a cache key")
    return data
