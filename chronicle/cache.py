"""A best-effort persistent cache beside the content (``.chronicle-cache/``), keyed by content hashes.

A key hashes every input of a result plus chronicle's version and the source of
the code that computes it, so a stale entry can never be found: a changed input
is simply a new key. Reading or writing the cache never fails a build; a broken
entry is a miss.
"""

from __future__ import annotations

import hashlib
import os
import pickle
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
    """Pickled values by namespace and key; ``Cache(None)`` caches nothing."""

    def __init__(self, root: Path | None):
        self.root = root / FOLDER if root is not None else None
        self.hits = 0
        self.misses = 0

    def _path(self, namespace: str, k: str) -> Path:
        return self.root / namespace / k[:2] / k

    def get(self, namespace: str, k: str):
        if self.root is None:
            return None
        try:
            value = pickle.loads(self._path(namespace, k).read_bytes())
        except Exception:
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, namespace: str, k: str, value) -> None:
        if self.root is None:
            return
        _write(self._path(namespace, k), value)

    # -- the last build of an output folder (chronicle/build.py: nothing changed, nothing to do) ----------
    def last_build(self, out: Path) -> dict | None:
        if self.root is None:
            return None
        try:
            value = pickle.loads((self.root / "builds" / _out_name(out)).read_bytes())
        except Exception:
            return None
        return value if isinstance(value, dict) else None

    def save_last_build(self, out: Path, record: dict | None) -> None:
        if self.root is None:
            return
        path = self.root / "builds" / _out_name(out)
        if record is None:
            path.unlink(missing_ok=True)
            return
        _write(path, record)


def _write(path: Path, value) -> None:
    """Pickled into a temporary file renamed over the old one: a reader never finds half an entry."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, path)
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
