"""A best-effort persistent cache beside the content (``.chronicle-cache/``), keyed by content hashes.

A key hashes every input of a result plus chronicle's version and the source of
the code that computes it, so a stale entry can never be found: a changed input
is simply a new key. Reading or writing the cache never fails a build; a broken
entry is a miss.

Values are pickled (fast, and they are chronicle's own objects), and unpickling
runs code: a content folder from someone else could carry a planted cache. So
every file is signed with HMAC-SHA256 under a secret key kept outside the content
folder, in the user's own cache folder (chronicle/cachekey.py), and a file is
unpickled only after its signature checks. A file that fails makes the whole
cache folder foreign: what chronicle could have written there is deleted, unread,
and the build says so once (``Cache.discarded``).
"""

from __future__ import annotations

import hashlib
import hmac
import mmap
import os
import pickle
import re
import stat as statmod
from functools import lru_cache
from pathlib import Path

from chronicle import __version__

FOLDER = ".chronicle-cache"
_PACKAGE = Path(__file__).resolve().parent


# Libraries whose output ends up in the site: a new Markdown, Babel (CLDR) or lunar-python may change it.
DEPENDENCIES = ("markdown", "nh3", "babel", "lunar-python", "pypinyin", "pyahocorasick", "jinja2", "markupsafe",
                "python-docx", "docxtpl", "weasyprint", "icalendar", "pyyaml")


@lru_cache(maxsize=None)
def dependency_versions() -> str:
    from importlib import metadata
    found = []
    for name in DEPENDENCIES:
        try:
            found.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}: none")
    return ";".join(found)


@lru_cache(maxsize=None)
def code_hash(*modules: str) -> str:
    """The version plus the source of the modules whose output is cached, and the libraries they use."""
    digest = hashlib.sha256(__version__.encode())
    digest.update(dependency_versions().encode())
    for module in modules:
        path = _PACKAGE.joinpath(*module.split("/"))
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.read_bytes())
    return digest.hexdigest()


def key(*parts) -> str:
    """A digest of values: bytes as they are, anything else by its repr (deterministic for the model's
    dataclasses, Text, dates and the builtins), so equal values give equal keys in every process."""
    digest = hashlib.sha256()
    values = []
    for part in parts:
        if isinstance(part, bytes):
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
            values.append(bytes)
        else:
            values.append(part)
    digest.update(repr(values).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class Memo(dict):
    """A dict that notes the keys a build used, so that the next build can forget the others (``trim``):
    a long-running process keeps what the current content needs, not everything it ever saw."""

    def __init__(self):
        super().__init__()
        self.used: set = set()

    def get(self, k, default=None):
        self.used.add(k)
        return super().get(k, default)

    def __setitem__(self, k, value) -> None:
        self.used.add(k)
        super().__setitem__(k, value)

    def trim(self) -> None:
        for k in [k for k in self if k not in self.used]:
            del self[k]
        self.used = set()



class Cache:
    """Signed, pickled values by namespace and key; ``Cache(None)`` caches nothing.

    Forked workers (chronicle/parallel.py) read and write it too: a worker that finds a foreign file raises
    a flag in memory it shares with the parent, which discards the folder when it next uses the cache.
    """

    def __init__(self, root: Path | None):
        from chronicle.cachekey import key_path, secret_key
        self.hits = 0
        self.misses = 0
        self.discarded: str | None = None  # the file that failed its check, once the folder was discarded
        self.refused = False               # the cache's place is a link or a file: not used at all
        self.root = root / FOLDER if root is not None else None
        self.secret = None
        if self.root is not None:
            self.secret = secret_key()
            if self.secret is None or key_path().resolve().is_relative_to(root.resolve()):
                self.root = None  # no key, or one inside the content folder: nothing is cached
            elif os.path.lexists(self.root) and not statmod.S_ISDIR(os.lstat(self.root).st_mode):
                self.root, self.refused = None, True
        self._pid = os.getpid()
        self._flag = mmap.mmap(-1, 1024) if self.root is not None else None
        self._safe: set[str] = set()

    def _path(self, namespace: str, k: str) -> Path:
        return self.root / namespace / k[:2] / k

    def get(self, namespace: str, k: str):
        if self.root is None or self._foreign_seen():
            return None
        value = self._load(self._path(namespace, k))
        if value is _MISS:
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, namespace: str, k: str, value) -> None:
        if self.root is None or self._foreign_seen():
            return
        self._write(self._path(namespace, k), value)

    # -- the last build of an output folder (chronicle/build.py: nothing changed, nothing to do) ----------
    def last_build(self, out: Path) -> dict | None:
        if self.root is None or self._foreign_seen():
            return None
        value = self._load(self.root / "builds" / _out_name(out))
        return value if isinstance(value, dict) else None

    def save_last_build(self, out: Path, record: dict | None) -> None:
        if self.root is None or self._foreign_seen():
            return
        path = self.root / "builds" / _out_name(out)
        if record is None:
            if self._safe_folder(path.parent, make=False):
                try:
                    path.unlink(missing_ok=True)
                except OSError:
                    pass
            return
        self._write(path, record)

    def settle(self) -> str | None:
        """In the parent, after workers used the cache: the file that made it discard the folder, if any."""
        self._foreign_seen()
        return self.discarded

    def warning(self) -> tuple[str, str, str] | None:
        """(path, message, hint) of the one warning a build prints about its cache, or None."""
        self.settle()
        if self.refused:
            return (FOLDER, f"{FOLDER} is a link or a file, not a folder; chronicle neither reads nor writes it",
                    f"delete it; the next build makes a new {FOLDER}/ folder")
        if self.discarded:
            return (self.discarded, "this cache file was not written by chronicle for this user (it came with the "
                    "content from someone else or another computer, or was changed): nothing in the cache was "
                    "used, and every file chronicle could have written there was deleted unread",
                    "nothing to do: this build made everything anew and filled the cache again")
        return None

    # -- signed files ----------------------------------------------------------------------------------
    def _sign(self, path: Path, payload) -> bytes:
        name = path.relative_to(self.root).as_posix().encode("utf-8", "surrogateescape")
        mac = hmac.new(self.secret, MAGIC + name + b"\0", hashlib.sha256)
        mac.update(payload)
        return mac.digest()

    def _load(self, path: Path):
        """The value, or _MISS: when there is none, or (the folder marked foreign) when the file is not a
        regular file signed with this user's key. Only a file whose signature checks is unpickled."""
        try:
            fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
        except (FileNotFoundError, NotADirectoryError):
            return _MISS
        except OSError:
            return self._foreign(path)
        try:
            st = os.fstat(fd)
            if not statmod.S_ISREG(st.st_mode) or st.st_size > MAX_FILE_BYTES:
                return self._foreign(path)
            with os.fdopen(fd, "rb", closefd=False) as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
        except OSError:
            return _MISS
        finally:
            os.close(fd)
        head = len(MAGIC) + _MAC_BYTES
        if len(data) < head or not data.startswith(MAGIC):
            return self._foreign(path)
        payload = memoryview(data)[head:]
        if not hmac.compare_digest(data[len(MAGIC):head], self._sign(path, payload)):
            return self._foreign(path)
        try:
            return pickle.loads(payload)  # signed with this user's key: chronicle wrote it
        except Exception:
            return _MISS

    def _write(self, path: Path, value) -> None:
        """Signed and pickled into a temporary file renamed over the old one, so a reader never finds half
        an entry; never through a link, never into a folder that is not a real folder of the cache."""
        try:
            payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:
            return
        if not self._safe_folder(path.parent):
            return
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _NOFOLLOW, 0o666)
            with os.fdopen(fd, "wb") as handle:
                handle.write(MAGIC + self._sign(path, payload) + payload)
            os.replace(tmp, path)
        except OSError:
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass

    def _safe_folder(self, folder: Path, make: bool = True) -> bool:
        """Every folder from the cache's root down to ``folder`` is a real folder (made when missing)."""
        name = str(folder)
        if name in self._safe:
            return True
        current = self.root
        for part in ("",) + folder.relative_to(self.root).parts:
            current = current / part if part else current
            try:
                st = os.lstat(current)
            except FileNotFoundError:
                if not make:
                    return False
                try:
                    os.mkdir(current)
                    st = os.lstat(current)
                except OSError:
                    return False
            except OSError:
                return False
            if not statmod.S_ISDIR(st.st_mode):
                self._foreign(current)
                return False
        self._safe.add(name)
        return True

    # -- a foreign folder ----------------------------------------------------------------------------
    def _foreign(self, path: Path):
        flag = self._flag
        if flag is not None and flag[0] == 0:
            name = path.relative_to(self.root.parent).as_posix().encode("utf-8", "replace")[:1000]
            flag[1:3] = len(name).to_bytes(2, "big")
            flag[3:3 + len(name)] = name
            flag[0] = 1
        self._foreign_seen()
        return _MISS

    def _foreign_seen(self) -> bool:
        """True in a worker once a foreign file was found (it then reads and writes nothing more); the
        parent process discards the folder, notes the file and goes on with an empty cache."""
        flag = self._flag
        if flag is None or flag[0] == 0:
            return False
        if os.getpid() != self._pid:
            return True
        size = int.from_bytes(flag[1:3], "big")
        self.discarded = bytes(flag[3:3 + size]).decode("utf-8", "replace")
        discard(self.root)
        self._safe.clear()
        flag[0] = 0
        return False


_MISS = object()
MAGIC = b"chronicle-cache 1\n"
_MAC_BYTES = 32
MAX_FILE_BYTES = 512 * 1024 * 1024
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_OURS = re.compile(r"(\.)?([0-9a-f]{24}|[0-9a-f]{64})(\.\d+\.tmp)?")


def _ours(name: str) -> bool:
    """A name chronicle gives a cache file: a key (64 hex digits) or an output's name (24), or either as
    the temporary file of a write (``.NAME.PID.tmp``)."""
    m = _OURS.fullmatch(name)
    return m is not None and bool(m.group(1)) == bool(m.group(3))


def discard(root: Path) -> None:
    """Delete, unread, every file of a cache folder that has a name chronicle gives its files (a link is
    removed, never followed), then the folders left empty; anything else stays where it is."""
    def clear(folder: str, depth: int) -> None:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    if depth < 2:
                        clear(entry.path, depth + 1)
                        os.rmdir(entry.path)
                elif depth >= 1 and _ours(entry.name):
                    os.unlink(entry.path)
            except OSError:
                continue
    try:
        if not statmod.S_ISDIR(os.lstat(root).st_mode):
            return
    except OSError:
        return
    clear(str(root), 0)
    try:
        os.rmdir(root)
    except OSError:
        pass


def _out_name(out: Path) -> str:
    return hashlib.sha256(str(out.resolve()).encode("utf-8")).hexdigest()[:24]


def installation_key() -> str:
    """chronicle's own files and the installed libraries, by stat: a code change or an upgrade is a new key.

    The site-packages folders change their modification time whenever a package is installed, upgraded
    or removed, so their times stand for the libraries' versions without asking each one."""
    import sys
    from chronicle.theme import theme_dir
    parts = [__version__, sys.version]
    for root in (_PACKAGE, theme_dir("templates"), theme_dir("static")):
        for folder, _, names in os.walk(root):
            if "__pycache__" in folder:
                continue
            for name in sorted(names):
                st = os.stat(os.path.join(folder, name))
                parts.append((os.path.join(folder, name), st.st_size, st.st_mtime_ns))
    for entry in sys.path:
        if entry.rstrip("/").endswith(("site-packages", "dist-packages")):
            try:
                parts.append((entry, os.stat(entry).st_mtime_ns))
            except OSError:
                continue
    return key(*parts)
