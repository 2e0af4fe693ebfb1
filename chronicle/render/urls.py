"""The URL layout of the public contract, in one place."""

from __future__ import annotations

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
    path, _, fragment = target.partition("#")
    link = _relative(path, from_file.rpartition("/")[0], portable)
    return link + ("#" + fragment if fragment else "")


def _relative(path: str, start: str, portable: bool) -> str:
    """Site paths are plain (no '.' or '..' parts): climb from ``start`` to the first folder that contains
    ``path``, then down (a string walk: every link of every page passes here)."""
    if portable and (path.endswith("/") or path == ""):
        path += "index.html"
    up = 0
    base = start
    while base and not path.startswith(base + "/"):
        base = base.rpartition("/")[0]
        up += 1
    link = "../" * up + (path[len(base) + 1:] if base else path)
    return link or "./"


def resolve_links(page: str, from_file: str, portable: bool = False) -> str:
    """Every ``chronicle:`` link in an href, src, action or refresh url made relative to ``from_file``.

    A split on the marker with suffix checks, not a regex with a callback: pages carry a hundred links
    and more (charts, strips), and this runs on every page of the site."""
    parts = page.split(INTERNAL)
    if len(parts) == 1:
        return page
    start = from_file.rpartition("/")[0]
    out = [parts[0]]
    before = parts[0]
    for part in parts[1:]:
        if _opens_link(before):
            end = part.find('"')
            if end < 0:
                end = len(part)
            target = part[:end]
            path, _, fragment = target.partition("#")
            link = _relative(path, start, portable)
            out.append((link + "#" + fragment if fragment else link) + part[end:])
        else:
            out.append(INTERNAL + part)
        before = part
    return "".join(out)


_OPENERS = ('href="', 'src="', 'action="', "url=")


def _opens_link(text: str) -> bool:
    """Whether ``text`` ends with href=", src=", action=" or url= that starts a word (the regex's \\b)."""
    for opener in _OPENERS:
        if text.endswith(opener):
            i = len(text) - len(opener) - 1
            return i < 0 or not (text[i].isalnum() or text[i] == "_")
    return False
