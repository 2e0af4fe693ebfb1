"""A link crawler over a built site's files: every address in every page, feed and stylesheet must lead to a
file of the site, and every fragment to an id on the page it names.

Relative addresses are followed; full addresses under ``base_url`` are followed as the files they name; other
http(s) and mailto addresses are left alone (the tests run offline). Anything else is reported: a
root-absolute address (breaks when the site lives in a sub-folder), an unknown scheme, a way out of the site.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

EXTERNAL = {"http", "https", "mailto"}
ATOM = "{http://www.w3.org/2005/Atom}"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[int, str, str]] = []  # (line, what, address)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for attr in ("href", "src", "action", "poster", "data"):
            if attr in a and a[attr] is not None and not (tag == "form" and attr == "action" and not a[attr]):
                self.links.append((line, f"<{tag} {attr}>", a[attr]))
        for attr in ("srcset", "imagesrcset"):
            for part in (a.get(attr) or "").split(","):
                if part.strip():
                    self.links.append((line, f"<{tag} {attr}>", part.strip().split()[0]))
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            m = re.search(r"url\s*=\s*['\"]?([^'\"]*)", a.get("content") or "", re.I)
            if m:
                self.links.append((line, "<meta refresh>", m.group(1).strip()))

    handle_startendtag = handle_starttag


@dataclass
class Crawl:
    site: Path
    base_url: str = ""
    checked: int = 0
    broken: list[str] = field(default_factory=list)
    _pages: dict[str, _Page] = field(default_factory=dict)

    def page(self, rel: str) -> _Page:
        if rel not in self._pages:
            parser = _Page()
            parser.feed((self.site / rel).read_text(encoding="utf-8"))
            parser.close()
            self._pages[rel] = parser
        return self._pages[rel]

    def follow(self, rel: str, where: str, url: str) -> None:
        """Check ``url``, found in the file ``rel`` (a path relative to the site)."""
        if self.base_url and url.startswith(self.base_url):
            url = "/" + url[len(self.base_url):]
            base = ""
        else:
            base = posixpath.dirname(rel)
            parts = urlsplit(url)
            if parts.scheme.lower() in EXTERNAL and not url.startswith("//"):
                return
            if parts.scheme.lower() == "data" and not where.startswith("<a "):
                return
            if parts.scheme or url.startswith("//"):
                self.broken.append(f"{where}: unknown scheme {parts.scheme!r}, or a link that is not a link")
                return
            if url.startswith("/"):
                self.broken.append(f"{where}: root-absolute; internal links must be relative")
                return
        self.checked += 1
        parts = urlsplit(url)
        path = unquote(parts.path)
        target = rel
        if path:
            target = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
            if target == ".." or target.startswith("../"):
                self.broken.append(f"{where}: points outside the site")
                return
            target = "" if target == "." else target
            if path.endswith("/") or (self.site / target).is_dir():
                target = posixpath.join(target, "index.html") if target else "index.html"
            if not (self.site / target).is_file():
                self.broken.append(f"{where}: {target} does not exist")
                return
        fragment = unquote(parts.fragment)
        if fragment and target.endswith(".html") and fragment not in self.page(target).ids:
            self.broken.append(f"{where}: no id={fragment!r} in {target}")


def crawl(site: Path, base_url: str = "") -> Crawl:
    """Every link of every HTML page, Atom feed, sitemap and stylesheet of ``site``."""
    result = Crawl(site, base_url)
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            for line, what, url in result.page(rel).links:
                result.follow(rel, f"{rel}:{line} {what} {url!r}", url)
        elif path.suffix == ".xml":
            root = ElementTree.parse(path).getroot()
            for element in root.iter():
                for url in filter(None, [element.get("href"), element.text if element.tag.endswith("}loc") else None]):
                    result.follow(rel, f"{rel} <{element.tag.split('}')[-1]}> {url!r}", url.strip())
        elif path.suffix == ".css":
            for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", path.read_text(encoding="utf-8")):
                result.follow(rel, f"{rel} url({url})", url)
    return result
