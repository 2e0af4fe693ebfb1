"""The e-book: EPUB 3, one XHTML file per section, a navigation document, the same bytes on every run.

The zip is written in a fixed order with fixed dates (``mimetype`` first and stored, as the format
requires); the modification date comes from SOURCE_DATE_EPOCH or the last entry, and the identifier
from the chronicle's title, so the same content gives the same file.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from collections.abc import Callable
from html import escape
from pathlib import Path

from chronicle.book import style, words
from chronicle.book.model import Book
from chronicle.book.sections import Section, Sections, lang_attr
from chronicle.book.xhtml import image_type

ID = re.compile(r'\sid="([^"]+)"')
HREF = re.compile(r'href="#([^"]*)"')
CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""


def modified(book: Book) -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).replace(tzinfo=None)
    day = book.last_date or dt.date(1980, 1, 1)
    return dt.datetime(day.year, day.month, day.day)


def write_epub(book: Book, root: Path, *, guard: Callable[[str, bytes], None] | None = None,
               progress: Callable[[str], None] | None = None) -> bytes:
    say = progress or (lambda _: None)
    writer = Sections(book, pdf=False)
    sections = writer.all()
    say(f"{len(sections)} sections")
    nav_at = next((i for i, s in enumerate(sections) if s.kind == "part"), len(sections))
    where = {}
    for s in sections:
        for anchor in ID.findall(s.body):
            where.setdefault(anchor, s.file)
    where.setdefault("toc", "nav.xhtml")
    images = {path: f"images/img-{n}{Path(path).suffix.lower()}" for n, path in enumerate(book.images, start=1)}
    files: list[tuple[str, bytes]] = []
    for s in sections[:nav_at]:
        files.append((s.file, _document(book, s, where, images)))
    files.append(("nav.xhtml", _nav(book, writer, where)))
    for s in sections[nav_at:]:
        files.append((s.file, _document(book, s, where, images)))
    if guard is not None:
        for name, data in files:
            guard(name, data)
    css = style.epub_css(book.lang).encode("utf-8")
    opf = _package(book, [name for name, _ in files], images).encode("utf-8")
    media = [(target, (root / path).read_bytes()) for path, target in images.items()]
    return _zip([("META-INF/container.xml", CONTAINER.encode("utf-8")), ("OEBPS/content.opf", opf),
                 ("OEBPS/style.css", css)] + [(f"OEBPS/{n}", d) for n, d in files]
                + [(f"OEBPS/{n}", d) for n, d in media], modified(book))


def _links(body: str, own: str, where: dict) -> str:
    """In-book links as file#id: the EPUB's sections are separate files."""
    def fix(match: re.Match) -> str:
        target = match.group(1)
        file = where.get(target)
        if file is None:
            return 'data-missing=""'
        return f'href="#{target}"' if file == own else f'href="{file}#{target}"'
    return HREF.sub(fix, body)


def _page(book: Book, lang: str, title: str, body: str, epub_type: str = "") -> bytes:
    extra = ' xmlns:epub="http://www.idpf.org/2007/ops"'
    body_attr = f' epub:type="{epub_type}"' if epub_type else ""
    return ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
            f'<html xmlns="http://www.w3.org/1999/xhtml"{extra}{lang_attr(lang)}>\n<head>\n'
            f'<meta charset="utf-8"/>\n<title>{escape(title or book.title[book.lang].text)}</title>\n'
            '<link rel="stylesheet" type="text/css" href="style.css"/>\n</head>\n'
            f"<body{body_attr}>\n{body}\n</body>\n</html>\n").encode()


TYPES = {"title": "frontmatter", "front": "frontmatter", "part": "bodymatter", "entry": "bodymatter",
         "appendix": "backmatter", "back": "backmatter", "index": "backmatter"}


def _document(book: Book, s: Section, where: dict, images: dict) -> bytes:
    body = _links(s.body, s.file, where)
    for path, target in images.items():
        body = body.replace(f'src="{escape(path)}"', f'src="{target}"')
    return _page(book, s.lang, s.title, body, TYPES.get(s.kind, ""))


def _nav(book: Book, writer: Sections, where: dict) -> bytes:
    title = words.label(book.lang, "book_contents")

    def href(anchor: str) -> str:
        return f"{where.get(anchor, '')}#{anchor}"

    out = [f'<nav epub:type="toc" id="toc"><h1>{escape(title)}</h1>', "<ol>",
           f'<li><a href="title.xhtml#title">{escape(book.title[book.lang].text)}</a></li>']
    open_part = False
    for item in writer.outline():
        if item.level == 1 and open_part:
            out.append("</ol></li>")
            open_part = False
        link = f'<a href="{href(item.target)}">{escape(item.title)}</a>'
        if item.level == 1 and item.target.startswith("part-"):
            out.append(f"<li>{link}<ol>")
            open_part = True
        else:
            out.append(f"<li>{link}</li>")
    if open_part:
        out.append("</ol></li>")
    out.append("</ol></nav>")
    first = next((p.anchor for p in book.parts), None)
    marks = [f'<li><a epub:type="toc" href="nav.xhtml#toc">{escape(title)}</a></li>']
    if first:
        marks.append(f'<li><a epub:type="bodymatter" href="{href(first)}">'
                     f"{escape(book.parts[0].title[book.lang].text)}</a></li>")
    out.append('<nav epub:type="landmarks" id="landmarks" hidden="hidden"><ol>' + "".join(marks) + "</ol></nav>")
    return _page(book, book.lang, title, "\n".join(out))


def _package(book: Book, documents: list[str], images: dict) -> str:
    when = modified(book).strftime("%Y-%m-%dT%H:%M:%SZ")
    meta = [f'<dc:identifier id="book-id">{escape(book.identifier)}</dc:identifier>',
            f"<dc:title>{escape(book.title[book.lang].text)}</dc:title>"]
    meta += [f"<dc:language>{escape(words.attr_lang(lang))}</dc:language>" for lang in book.langs]
    if book.author:
        meta.append(f"<dc:creator>{escape(book.author[book.lang].text)}</dc:creator>")
    if book.subtitle:
        meta.append(f"<dc:description>{escape(book.subtitle[book.lang].text)}</dc:description>")
    if book.last_date:
        meta.append(f"<dc:date>{book.last_date.isoformat()}</dc:date>")
    meta.append('<meta property="dcterms:modified">' + when + "</meta>")
    items = ['<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
             '<item id="css" href="style.css" media-type="text/css"/>']
    spine = []
    for n, name in enumerate(documents, start=1):
        if name == "nav.xhtml":
            spine.append('<itemref idref="nav"/>')
            continue
        items.append(f'<item id="doc-{n}" href="{escape(name)}" media-type="application/xhtml+xml"/>')
        spine.append(f'<itemref idref="doc-{n}"/>')
    items += [f'<item id="img-{n}" href="{target}" media-type="{image_type(target)}"/>'
              for n, target in enumerate(images.values(), start=1)]
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            f'<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" '
            f'xml:lang="{words.attr_lang(book.lang)}">\n'
            '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n' + "\n".join(meta) + "\n</metadata>\n"
            "<manifest>\n" + "\n".join(items) + "\n</manifest>\n"
            "<spine>\n" + "\n".join(spine) + "\n</spine>\n</package>\n")


def _zip(files: list[tuple[str, bytes]], when: dt.datetime) -> bytes:
    stamp = max(when, dt.datetime(1980, 1, 1)).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        entries = [("mimetype", b"application/epub+zip", zipfile.ZIP_STORED)]
        entries += [(name, data, zipfile.ZIP_DEFLATED) for name, data in files]
        for name, data, method in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = method
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compress_type=method, compresslevel=9 if method else None)
    return buffer.getvalue()
