"""The URL layout of the public contract, in one place."""

from __future__ import annotations

import posixpath
import re

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
    start = posixpath.dirname(from_file)
    path, _, fragment = target.partition("#")
    if portable and (path.endswith("/") or path == ""):
        path = path + "index.html"
    link = posixpath.relpath(path or ".", start or ".")
    if (path.endswith("/") or path == "") and not link.endswith("/"):
        link += "/"
    if link == "./":
        link = "./"
    return link + ("#" + fragment if fragment else "")


def resolve_links(page: str, from_file: str, portable: bool = False) -> str:
    return _LINK.sub(lambda m: m.group(1) + relative(m.group(2) + m.group(3), from_file, portable), page)
