"""The URL layout of the public contract, in one place."""

from __future__ import annotations

import re
from functools import lru_cache

INTERNAL = "chronicle:"
_LINK = re.compile(r'(\b(?:href|src|action)="|\burl=)chronicle:([^"#]*)((?:#[^"]*)?)')


def site_path(lang: str, kind: str, arg: str = "") -> str:
    """The folder URL of a page, relative to the site root, e.g. ``zh/people/yang-quling/``."""
    if kind == "home":
        return f"{lang}/"
    if kind in ("timeline", "people", "commendations", "stats", "search"):
        return f"{lang}/{kind}/"
    if kind == "entry":
        return f"{lang}/entries/{arg}/"
    if kind == "person":
        return f"{lang}/people/{arg}/"
    if kind == "page":
        return f"{lang}/pages/{arg}/"
    if kind == "feed":
        return f"{lang}/feed.xml"
    raise ValueError(kind)


def file_for(url: str) -> str:
    return url + "index.html" if url.endswith("/") or url == "" else url


def relative(target: str, from_file: str, portable: bool = False) -> str:
    """A link from one output file to a site path, so the site works under any sub-path."""
    path, _, fragment = target.partition("#")
    link = _relative(path, from_file.rpartition("/")[0], portable)
    return link + ("#" + fragment if fragment else "")


@lru_cache(maxsize=1 << 16)
def _relative(path: str, start: str, portable: bool) -> str:
    """Site paths are plain (no '.' or '..' parts), so a prefix comparison replaces os.path.relpath."""
    if portable and (path.endswith("/") or path == ""):
        path += "index.html"
    here = [p for p in start.split("/") if p]
    there = path.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    link = "../" * (len(here) - common) + "/".join(there[common:])
    return link or "./"


def resolve_links(page: str, from_file: str, portable: bool = False) -> str:
    return _LINK.sub(lambda m: m.group(1) + relative(m.group(2) + m.group(3), from_file, portable), page)
