"""Word (.docx) output with python-docx: A4, page numbers, East Asian fonts as Chinese official documents use.

``style.font.name`` sets only the Latin font; Chinese text needs ``w:rFonts w:eastAsia``
and ``w:lang w:eastAsia="zh-CN"``, and the built-in styles' theme-font attributes
(``asciiTheme``, ``eastAsiaTheme`` …) must go, or Word keeps its theme font.
The saved file is normalised (fixed zip timestamps, dates from the content) so two
runs write the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from chronicle.content.chars import xml_safe
from chronicle.reports.document import Document, Evidence, Heading, PageBreak, Para, Table

# (Latin font, East Asian font, size in points) per role, per report language.
FONTS = {
    "zh": {"body": ("Times New Roman", "仿宋", 16), "title": ("Times New Roman", "方正小标宋简体", 22),
           "heading": ("Times New Roman", "黑体", 16), "small": ("Times New Roman", "仿宋", 14)},
    "en": {"body": ("Times New Roman", "仿宋", 12), "title": ("Times New Roman", "方正小标宋简体", 20),
           "heading": ("Arial", "黑体", 13), "small": ("Times New Roman", "仿宋", 11)},
}
THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
HEADING_SIZES = {"zh": {1: 18, 2: 16, 3: 16}, "en": {1: 15, 2: 13, 3: 12}}


def write_docx(doc: Document) -> bytes:
    from docx import Document as NewDocument
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    kind = "zh" if doc.zh else "en"
    fonts = FONTS[kind]
    d = NewDocument()
    section = d.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    if doc.zh:  # GB/T 9704 margins for official documents
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
    else:
        section.top_margin = section.bottom_margin = Mm(25)
        section.left_margin = section.right_margin = Mm(25)
    section.footer_distance = Mm(18)
    _setup_styles(d, kind, fonts)
    _page_number(d, section, doc)
    if doc.header:
        _header(d, section, doc.header)
    ids, end = _style_ids(d), d.element.body.sectPr
    body_indent = Pt(fonts["body"][2] * 2) if doc.zh else None
    new_page = False
    previous = current = ""

    for block in doc.blocks:
        if isinstance(block, PageBreak):
            new_page = True
            continue
        if isinstance(block, Heading):
            style = "Title" if block.level == 0 else f"Heading {min(block.level, 3)}"
            p = _add_paragraph(d, end, ids[style])
            _add_run(p, block.text)
            if block.level <= 1:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if new_page:
                p.paragraph_format.page_break_before = True
                new_page = False
        elif isinstance(block, Para):
            previous, current = current, block.style
            style = {"subtitle": "Subtitle", "dateline": "Subtitle", "note": "Report Note",
                     "evidence": "Report Evidence", "notice": "Report Note"}.get(block.style, "Normal")
            p = _add_paragraph(d, end, ids[style])
            for run in block.runs:
                r = _add_run(p, run.text)
                r.bold = run.bold or (block.style == "notice") or None
            if block.style == "notice":
                _box(p)
            elif block.style in ("subtitle", "dateline"):
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif block.style == "signature":
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                if previous != "signature":
                    p.paragraph_format.space_before = Pt(fonts["body"][2] * 1.5)
                p.paragraph_format.right_indent = Pt(fonts["body"][2] * 4) if doc.zh else None
                p.paragraph_format.first_line_indent = None
            elif block.style == "label":
                p.paragraph_format.keep_with_next = True
            elif block.style == "body" and body_indent is not None:
                p.paragraph_format.first_line_indent = body_indent
        elif isinstance(block, Evidence):
            p = _add_paragraph(d, end, ids["Report Evidence"])
            sep = "　" if doc.zh else " — "
            _add_run(p, block.date_text).bold = True
            title = (f"《{block.title}》" if doc.zh else block.title) if block.title else ""
            if title:
                _add_run(p, sep + title)
            if block.text:
                _add_run(p, ("：" if doc.zh else ": ") + "“" + block.text + "”")
        elif isinstance(block, Table):
            _table(d, block, fonts, ids["Report Note"])

    props = d.core_properties
    when = dt.datetime.combine(doc.date or dt.date(1980, 1, 1), dt.time())
    props.created = props.modified = when
    props.last_printed = when
    props.author = xml_safe(doc.author or "chronicle")
    props.last_modified_by = "chronicle"
    props.title = xml_safe(doc.title) if doc.title else doc.title
    props.language = "zh-CN" if doc.zh else "en"
    props.revision = 1
    props.comments = ""
    out = io.BytesIO()
    d.save(out)
    return normalise_zip(out.getvalue(), doc.date)


def _style_ids(d) -> dict[str, str | None]:
    """Paragraph style names to ids, None for the default style, as ``paragraph.style = name`` resolves them.

    python-docx finds a style by name, and the default style by scanning every style, on
    each assignment: most of the time of a long report. Resolved once here instead.
    """
    from docx.enum.style import WD_STYLE_TYPE
    default = d.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    return {s.name: None if s == default else s.style_id for s in d.styles if s.type == WD_STYLE_TYPE.PARAGRAPH}


def _add_paragraph(d, end, style_id: str | None):
    """``d.add_paragraph(style=...)`` with the style id already resolved (None: no w:pStyle).

    The paragraph goes straight before ``end``, the body's final w:sectPr: python-docx
    would find that by scanning the whole body each time, quadratic in a long report.
    """
    from docx.oxml import OxmlElement
    from docx.text.paragraph import Paragraph
    p = OxmlElement("w:p")
    end.addprevious(p)
    p.style = style_id
    return Paragraph(p, d._body)


def _add_run(p, text: str):
    """``p.add_run(text)``; python-docx walks the text a character at a time, which only tabs and breaks need."""
    from docx.text.run import Run
    text = xml_safe(text)
    if not text or any(c in text for c in "\t\r\n"):
        return p.add_run(text)
    r = p._p.add_r()
    r.add_t(text)
    return Run(r, p)


def _setup_styles(d, kind: str, fonts: dict) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    lang = "en-US"  # w:val is the language of Latin text; Chinese text is w:eastAsia="zh-CN"
    styles = d.styles
    root = styles.element
    defaults = root.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    zh = kind == "zh"
    _rfonts(defaults, *fonts["body"][:2], hint=zh)
    _lang(defaults, lang)

    def configure(style, role: str, size: float, bold: bool | None = None):
        latin, east, _ = fonts[role]
        style.font.name = latin
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.color.rgb = RGBColor(0, 0, 0)
        rpr = style.element.get_or_add_rPr()
        _rfonts(rpr, latin, east, hint=zh)
        _lang(rpr, lang)
        linked = style.element.find(qn("w:link"))
        if linked is not None:
            char = next((s for s in styles if s.style_id == linked.get(qn("w:val"))), None)
            if char is not None:
                _rfonts(char.element.get_or_add_rPr(), latin, east, hint=zh)
                char.font.color.rgb = RGBColor(0, 0, 0)

    body = fonts["body"][2]
    normal = styles["Normal"]
    configure(normal, "body", body)
    pf = normal.paragraph_format
    if kind == "zh":
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(28)
    else:
        pf.line_spacing = 1.2
    pf.space_after = Pt(0 if kind == "zh" else 6)
    pf.space_before = Pt(0)

    title = styles["Title"]
    configure(title, "title", fonts["title"][2], bold=kind != "zh")
    ppr = title.element.get_or_add_pPr()
    border = ppr.find(qn("w:pBdr"))
    if border is not None:
        ppr.remove(border)
    title.paragraph_format.space_before = Pt(0)
    title.paragraph_format.space_after = Pt(12)
    title.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    title.font.all_caps = False
    title.element.get_or_add_rPr()
    _clear(title.element.rPr, "w:spacing", "w:kern")

    subtitle = styles["Subtitle"]
    configure(subtitle, "small" if kind == "zh" else "body", fonts["body"][2] - (0 if kind == "zh" else 0))
    subtitle.font.italic = False
    subtitle.paragraph_format.space_after = Pt(6)
    _clear(subtitle.element.rPr, "w:spacing")

    for level in (1, 2, 3):
        heading = styles[f"Heading {level}"]
        configure(heading, "heading", HEADING_SIZES[kind][level], bold=kind != "zh" or None)
        heading.font.italic = False
        heading.paragraph_format.space_before = Pt(12 if level == 1 else 8)
        heading.paragraph_format.space_after = Pt(6 if level == 1 else 2)
        heading.paragraph_format.keep_with_next = True

    evidence = styles.add_style("Report Evidence", WD_STYLE_TYPE.PARAGRAPH)
    evidence.base_style = normal
    configure(evidence, "small", fonts["small"][2])
    evidence.paragraph_format.left_indent = Pt(fonts["body"][2] * 2)
    if kind == "zh":
        evidence.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        evidence.paragraph_format.line_spacing = Pt(24)
    evidence.paragraph_format.space_after = Pt(4)

    note = styles.add_style("Report Note", WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = normal
    configure(note, "small", fonts["small"][2])

    # No style may keep a theme font: Word would prefer it to the fonts set above.
    for rfonts in root.iter(qn("w:rFonts")):
        for attr in THEME_ATTRS:
            rfonts.attrib.pop(qn(f"w:{attr}"), None)
    for color in root.iter(qn("w:color")):
        for attr in ("themeColor", "themeShade", "themeTint"):
            color.attrib.pop(qn(f"w:{attr}"), None)


def _rfonts(rpr, latin: str, east_asia: str, hint: bool = True) -> None:
    """Latin and East Asian fonts; with ``hint``, Word sets shared characters (“quotes”) as Chinese."""
    from docx.oxml.ns import qn
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    for attr in THEME_ATTRS:
        rfonts.attrib.pop(qn(f"w:{attr}"), None)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:cs"), latin)
    rfonts.set(qn("w:eastAsia"), east_asia)
    if hint:
        rfonts.set(qn("w:hint"), "eastAsia")
    else:
        rfonts.attrib.pop(qn("w:hint"), None)


_RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
              "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w",
              "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign",
              "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath")


def _lang(rpr, lang: str) -> None:
    """``w:lang`` with ``w:eastAsia="zh-CN"``, placed where the schema wants it."""
    from docx.oxml.ns import qn
    el = rpr.find(qn("w:lang"))
    if el is None:
        el = rpr.makeelement(qn("w:lang"), {})
        after = [c for c in rpr if c.tag.split("}")[-1] in _RPR_ORDER[: _RPR_ORDER.index("lang")]]
        if after:
            after[-1].addnext(el)
        else:
            rpr.insert(0, el)
    el.set(qn("w:val"), lang)
    el.set(qn("w:eastAsia"), "zh-CN")
    el.attrib.pop(qn("w:bidi"), None)


def _clear(rpr, *tags: str) -> None:
    from docx.oxml.ns import qn
    if rpr is None:
        return
    for tag in tags:
        for el in rpr.findall(qn(tag)):
            rpr.remove(el)


def _page_number(d, section, doc: Document) -> None:
    """A centred footer with a PAGE field: — 1 — in Chinese official style, a bare number in English."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    footer = section.footer
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    p.style = d.styles["Report Note"]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, _, after = doc.labels["page"].partition("{page}")
    if before:
        p.add_run(before)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = p.add_run()
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text
    if after:
        p.add_run(after)


def _header(d, section, text: str) -> None:
    """The same line at the top of every page (a draft says it is one on each page, not only the first)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
    p.style = d.styles["Report Note"]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = None
    p.add_run(text).bold = True


def _box(p, sides=("top", "left", "bottom", "right")) -> None:
    """A single-line border around (or under) a paragraph."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    ppr = p._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    for side in sides:
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "8")
        el.set(qn("w:space"), "4")
        el.set(qn("w:color"), "000000")
        border.append(el)
    # w:pBdr comes after w:pStyle, keepNext…, before w:shd, w:tabs, w:spacing, w:ind, w:jc (CT_PPr order)
    later = [c for c in ppr if c.tag.split("}")[-1] in ("shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
             "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
             "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
             "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")]
    if later:
        later[0].addprevious(border)
    else:
        ppr.append(border)


def _table(d, block: Table, fonts: dict, note_id: str | None) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    table = d.add_table(rows=1, cols=len(block.header))
    table.style = d.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    section = d.sections[-1]
    usable = section.page_width - section.left_margin - section.right_margin
    total = sum(block.widths)
    widths = [int(usable * w / total) for w in block.widths]
    header = table.rows[0]
    trpr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    trpr.append(repeat)
    for cell, text in zip(header.cells, block.header):
        cell.text = ""
        run = cell.paragraphs[0].add_run(xml_safe(text))
        run.bold = True
        run.font.name = fonts["heading"][0]
        _rfonts(run._r.get_or_add_rPr(), fonts["heading"][0], fonts["heading"][1], hint=fonts is FONTS["zh"])
    for row in block.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = xml_safe(text)
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
            for paragraph in cell.paragraphs:
                paragraph._p.style = note_id
                paragraph.paragraph_format.first_line_indent = None
                paragraph.paragraph_format.space_after = Pt(0)


def normalise_zip(data: bytes, day: dt.date | None) -> bytes:
    """The same archive with fixed entry timestamps and attributes, so equal content gives equal bytes."""
    day = day if day and 1980 <= day.year <= 2107 else dt.date(1980, 1, 1)  # what a zip header can hold
    stamp = (day.year, day.month, day.day, 0, 0, 0)
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            dst.writestr(entry, src.read(info.filename), compresslevel=6)
    return out.getvalue()
