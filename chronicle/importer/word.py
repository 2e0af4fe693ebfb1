"""Reading a Word (.docx) diary as paragraphs of Markdown, in the order the body holds them.

python-docx lists paragraphs and tables separately; the body's XML children
(w:p, w:tbl) give them in reading order, so a table stays where it was.
List paragraphs (numPr, or a List Bullet / List Number style) become Markdown
lists, bullet or numbered by the numbering part's numFmt; bold and italic runs
are kept; footnotes become Markdown footnotes; images and embedded objects
are reported, with where they were.
"""

from __future__ import annotations

import re
from pathlib import Path

from chronicle.importer.documents import Document, Dropped, ImportProblem, Paragraph
from chronicle.importer.markdown_out import Item, Run, inline, list_block, table

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_CONTAINERS = {W + "hyperlink", W + "ins", W + "smartTag", W + "sdt", W + "sdtContent", W + "fldSimple",
               W + "customXml", W + "moveTo"}


def read_docx(path: Path) -> Document:
    try:
        import docx  # python-docx
    except ImportError:
        raise ImportProblem("reading .docx files needs the python-docx package",
                            "pip install python-docx, or save the diary as .txt or .html") from None
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for damaged files
        raise ImportProblem(f"{path}: cannot read this Word file ({exc})",
                            "open it in Word or LibreOffice, save it again as .docx, and import that") from None
    reader = _Reader(document)
    reader.read_body(document.element.body)
    reader.end_list()
    title = (document.core_properties.title or "").strip()
    return Document(path, "docx", reader.out, title, "docx", tuple(reader.dropped))


class _Reader:
    def __init__(self, document):
        self.doc = document
        self.out: list[Paragraph] = []
        self.dropped: list[Dropped] = []
        self.items: list[Item] = []
        self.items_at = 0
        self.pending: list[str] = []   # footnotes of list items, written after the list
        self.number = 0
        self.formats = _numbering_formats(document)
        self.footnotes = _footnotes(document)
        self.styles = {s.style_id: s for s in document.styles if getattr(s, "style_id", None)}

    # -- the body ------------------------------------------------------------------
    def read_body(self, body) -> None:
        for child in body.iterchildren():
            if child.tag == W + "p":
                self.number += 1
                self.paragraph(child)
            elif child.tag == W + "tbl":
                self.number += 1
                self.end_list()
                text = table(self.rows(child))
                if text:
                    self.out.append(Paragraph(text, self.number, 0, "table"))
            elif child.tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self.read_body(content)

    def paragraph(self, p) -> None:
        notes: list[str] = []
        text = self.inline(p, notes)
        style_id, level, ordered = self.paragraph_props(p)
        if level is not None and text.strip():
            if not self.items:
                self.items_at = self.number
            self.items.append(Item(text.replace("\n", " "), level, ordered))
            self.footnote_paragraphs(notes)
            return
        self.end_list()
        heading = self.heading_level(style_id)
        for piece in text.split("\n"):
            if piece.strip():
                self.out.append(Paragraph(piece.strip(), self.number, heading))
        self.footnote_paragraphs(notes)

    def end_list(self) -> None:
        if self.items:
            self.out.append(Paragraph(list_block(self.items), self.items_at, 0, "list"))
            self.items = []
            self.footnote_paragraphs(self.pending)
            self.pending = []

    def footnote_paragraphs(self, notes: list[str]) -> None:
        if self.items:
            self.pending += notes  # after the list, so the list stays one block
            return
        for note in notes:
            self.out.append(Paragraph(note, self.number, 0, "footnote"))

    # -- runs ----------------------------------------------------------------------
    def inline(self, element, notes: list[str]) -> str:
        runs: list[Run] = []
        self.collect(element, runs, notes)
        return inline(runs)

    def collect(self, element, runs: list[Run], notes: list[str]) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if tag == W + "r":
                self.run(child, runs, notes)
            elif tag in _CONTAINERS:
                self.collect(child, runs, notes)
            elif tag == W + "sdtContent":
                self.collect(child, runs, notes)

    def run(self, r, runs: list[Run], notes: list[str]) -> None:
        props = r.find(W + "rPr")
        bold = _on(props, "b")
        italic = _on(props, "i")
        for child in r.iterchildren():
            tag = child.tag
            if tag == W + "t":
                runs.append(Run(child.text or "", bold, italic))
            elif tag == W + "tab":
                runs.append(Run("\t"))
            elif tag in (W + "br", W + "cr"):
                runs.append(Run("\n"))
            elif tag == W + "noBreakHyphen":
                runs.append(Run("-"))
            elif tag == W + "footnoteReference":
                note_id = child.get(W + "id")
                runs.append(Run(f"[^{note_id}]"))
                text = self.footnotes.get(note_id)
                if text is not None:
                    notes.append(f"[^{note_id}]: {text}")
            elif tag in (W + "drawing", W + "pict", W + "object"):
                self.dropped.append(Dropped(_describe(child), self.number, len(self.out)))

    # -- paragraph properties ------------------------------------------------------------
    def paragraph_props(self, p) -> tuple[str, int | None, bool]:
        """(style id, list level or None, numbered?) from the paragraph, else from its style."""
        ppr = p.find(W + "pPr")
        style_id = ""
        num = None
        if ppr is not None:
            style = ppr.find(W + "pStyle")
            style_id = style.get(W + "val") if style is not None else ""
            num = ppr.find(W + "numPr")
        style = self.styles.get(style_id)
        name = (style.name if style is not None else "") or ""
        if num is None and style is not None:
            spr = style.element.find(W + "pPr")
            num = spr.find(W + "numPr") if spr is not None else None
        if num is not None:
            ilvl = num.find(W + "ilvl")
            num_id = num.find(W + "numId")
            level = int(ilvl.get(W + "val")) if ilvl is not None else 0
            nid = num_id.get(W + "val") if num_id is not None else None
            if nid == "0":
                return style_id, None, False  # numbering switched off
            fmt = self.formats.get((nid, level))
            if fmt is None:
                fmt = "decimal" if "number" in name.lower() else "bullet"
            return style_id, level, fmt not in ("bullet", "none")
        m = re.match(r"List (Bullet|Number)(?: (\d))?$", name)
        if m:
            return style_id, int(m.group(2) or 1) - 1, m.group(1) == "Number"
        return style_id, None, False

    def heading_level(self, style_id: str) -> int:
        style = self.styles.get(style_id)
        name = (style.name if style is not None else "") or ""
        m = re.match(r"(?:Heading|标题)\s*(\d)", name)
        return int(m.group(1)) if m else (1 if name in ("Title", "标题") else 0)

    # -- tables ----------------------------------------------------------------------
    def rows(self, tbl) -> list[list[str]]:
        rows = []
        for tr in tbl.iter(W + "tr"):
            if tr.getparent() is not tbl:
                continue  # a row of a table inside a cell
            cells = []
            for tc in tr.iterchildren(W + "tc"):
                notes: list[str] = []
                parts = [self.inline(p, notes) for p in tc.iter(W + "p")]
                cells.append(" ".join(x.strip() for x in parts if x.strip()))
                span = tc.find(f"{W}tcPr/{W}gridSpan")
                if span is not None and (span.get(W + "val") or "1").isdigit():
                    cells += [""] * (int(span.get(W + "val")) - 1)
                for note in notes:
                    self.out.append(Paragraph(note, self.number, 0, "footnote"))
            rows.append(cells)
        return rows


def _on(props, name: str) -> bool:
    if props is None:
        return False
    el = props.find(W + name)
    return el is not None and el.get(W + "val", "true") not in ("0", "false", "off")


def _describe(element) -> str:
    doc_pr = element.find(f".//{WP}docPr")
    label = ""
    if doc_pr is not None:
        label = (doc_pr.get("descr") or doc_pr.get("title") or doc_pr.get("name") or "").strip()
    kind = "an embedded object" if element.tag == W + "object" else "an image"
    return kind + (f" ({label[:80]})" if label else "")


def _numbering_formats(document) -> dict[tuple[str, int], str]:
    """(numId, level) → numFmt ('bullet', 'decimal', …) from the numbering part."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract: dict[str, dict[int, str]] = {}
    for an in numbering.iterchildren(W + "abstractNum"):
        levels = {}
        for lvl in an.iterchildren(W + "lvl"):
            fmt = lvl.find(W + "numFmt")
            levels[int(lvl.get(W + "ilvl", "0"))] = fmt.get(W + "val") if fmt is not None else "decimal"
        abstract[an.get(W + "abstractNumId")] = levels
    out = {}
    for num in numbering.iterchildren(W + "num"):
        ref = num.find(W + "abstractNumId")
        if ref is None:
            continue
        for level, fmt in abstract.get(ref.get(W + "val"), {}).items():
            out[(num.get(W + "numId"), level)] = fmt
    return out


def _footnotes(document) -> dict[str, str]:
    """Footnote id → its text (word/footnotes.xml), without the separator notes."""
    from lxml import etree

    for rel in document.part.rels.values():
        if rel.reltype.endswith("/footnotes") and not rel.is_external:
            root = etree.fromstring(rel.target_part.blob)
            out = {}
            for note in root.iterchildren(W + "footnote"):
                if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                text = " ".join("".join(t.text or "" for t in p.iter(W + "t")).strip() for p in note.iter(W + "p"))
                out[note.get(W + "id")] = re.sub(r"\s+", " ", text).strip()
            return out
    return {}
