"""A block of the site's sanitised HTML, re-serialised as XHTML for the book.

The site's blocks carry ids (``p-3``) that are unique only within one page, mention links to profiles
(``chronicle:zh/people/<pid>/``) and media addresses (``chronicle:media/…``). In a book every id must be
unique, a mention leads to the person's entry in the appendix, and only pictures from media/ can be
printed or packed. The same XHTML serves the PDF (WeasyPrint reads it as HTML) and the EPUB (which
must be well-formed XML).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

INTERNAL = "chronicle:"
PERSON = re.compile(r"^chronicle:[^/]+/people/([^/#?]+)/?")
VOID = {"br", "hr", "img", "wbr"}
# The core image types of EPUB 3.2, which every reading system shows; others print as their description.
IMAGE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".gif": "image/gif",
               ".svg": "image/svg+xml"}
# Characters XML 1.0 forbids (an EPUB must be well-formed XML): C0 controls but tab, newline, return.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class Mention:
    """A mention of a person in the book's text: where it is (its id) and what it shows."""

    pid: str
    id: str
    text: str


@dataclass
class Rewritten:
    html: str
    mentions: list[Mention] = field(default_factory=list)
    images: list[str] = field(default_factory=list)  # media/… paths shown


def rewrite(html: str, prefix: str, people: dict[str, str]) -> Rewritten:
    """``html`` with ids prefixed (``<prefix>-p-3``), mentions of ``people`` (public id → anchor) linked to the
    anchor and given their own id, pictures from media/ kept (others become their alt text), other
    internal and in-page links unwrapped (their targets are not in the book)."""
    parser = _Rewriter(prefix, people)
    parser.feed(html)
    parser.close()
    return Rewritten("".join(parser.out), parser.mentions, parser.images)


def image_type(path: str) -> str | None:
    dot = path.rfind(".")
    return IMAGE_TYPES.get(path[dot:].lower()) if dot >= 0 else None


class _Rewriter(HTMLParser):
    def __init__(self, prefix: str, people: dict[str, str]):
        super().__init__(convert_charrefs=True)
        self.prefix = prefix
        self.people = people
        self.out: list[str] = []
        self.mentions: list[Mention] = []
        self.images: list[str] = []
        self.links: list[str | None] = []   # per open <a>: the pid it mentions, "" for a kept link, None unwrapped
        self.mention_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self._tag(tag, attrs, tag in VOID)

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, attrs, True)

    def _tag(self, tag: str, attrs, void: bool) -> None:
        values = {name: NOT_XML.sub("", value or "") for name, value in attrs}
        if tag == "img":
            self._image(values)
            return
        if tag == "a":
            self._link(values)
            return
        parts = [tag]
        for name, value in values.items():
            if name == "id":
                value = f"{self.prefix}-{value}"
            elif name in ("width", "height", "start", "colspan", "rowspan") and not value.isdigit():
                continue
            parts.append(f'{name}="{escape(value)}"')
        self.out.append("<" + " ".join(parts) + ("/>" if void else ">"))

    def _link(self, values: dict) -> None:
        href = values.get("href", "")
        person = PERSON.match(href)
        if person and person.group(1) in self.people:
            pid = person.group(1)
            mention_id = f"{self.prefix}-m{len(self.mentions) + 1}"
            self.mentions.append(Mention(pid, mention_id, ""))
            self.links.append(pid)
            self.mention_text = []
            self.out.append(f'<a class="mention" id="{mention_id}" href="#{self.people[pid]}">')
            return
        if href.startswith(("http://", "https://", "mailto:")):
            self.links.append("")
            title = f' title="{escape(values["title"])}"' if values.get("title") else ""
            self.out.append(f'<a class="external" href="{escape(href)}"{title}>')
            return
        self.links.append(None)  # an internal, relative or in-page address: its target is not in the book

    def _image(self, values: dict) -> None:
        src = values.get("src", "")
        alt = values.get("alt", "")
        if src.startswith(INTERNAL + "media/") and image_type(src) and "#" not in src and "?" not in src:
            path = src[len(INTERNAL):]
            self.images.append(path)
            parts = ["img", f'src="{escape(path)}"', f'alt="{escape(alt)}"']
            if values.get("title"):
                parts.append(f'title="{escape(values["title"])}"')
            self.out.append("<" + " ".join(parts) + "/>")
        elif alt:
            self.out.append(f'<span class="image-alt">{escape(alt, quote=False)}</span>')

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if tag == "a":
            if not self.links:
                return
            kind = self.links.pop()
            if kind:
                last = self.mentions[-1]
                self.mentions[-1] = Mention(last.pid, last.id, "".join(self.mention_text))
            if kind is not None:
                self.out.append("</a>")
            return
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        data = NOT_XML.sub("", data)
        if self.links and self.links[-1]:
            self.mention_text.append(data)
        self.out.append(escape(data, quote=False))
