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


@lru_cache(maxsize=None)
def code_hash(*modules: str) -> str:
    """The version plus the source of the modules whose output is cached."""
    digest = hashlib.sha256(__version__.encode())
    for module in modules:
        path = _PACKAGE.joinpath(*module.split("/"))
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.read_bytes())
    return digest.hexdigest()


def key(*parts) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else repr(part).encode("utf-8")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


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
        path = self._path(namespace, k)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{k}.{os.getpid()}.tmp")
            tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, path)
        except OSError:
            pass
