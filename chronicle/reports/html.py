"""A standalone HTML page of a report, with print CSS; also the source of the PDF."""

from __future__ import annotations

import base64
import hashlib
from html import escape

from chronicle.reports.document import Document, Evidence, Heading, PageBreak, Para, Table

SERIF = '"Noto Serif CJK SC", "Source Han Serif SC", "FangSong", "STFangsong", "SimSun", serif'
SANS = '"Noto Sans CJK SC", "Source Han Sans SC", "SimHei", "Heiti SC", "Microsoft YaHei", sans-serif'

CSS = """
:root { color: #111; background: #fff; }
body { font-family: %(serif)s; font-size: %(size)s; line-height: %(leading)s; margin: 0;%(latin)s }
main { max-width: 44em; margin: 2.5em auto 4em; padding: 0 1.5em; }
h1, h2, h3, th { font-family: %(sans)s; font-weight: 700; }
h1.title { font-family: %(serif)s; font-size: 1.6em; line-height: 1.4; text-align: center; margin: 0 0 .6em; }
h2 { font-size: 1.2em; margin: 1.6em 0 .8em; text-align: center; }
h3 { font-size: 1.05em; margin: 1.3em 0 .3em; }
h4 { font-size: 1em; margin: 1em 0 .2em; }
p { margin: 0 0 .5em; }
p.body { text-indent: %(indent)s; }
p.subtitle, p.dateline { text-align: center; margin: 0 0 .3em; }
p.dateline { margin-bottom: 1.2em; }
p.signature { text-align: right; margin: 0 %(sig)s 0 0; }
p.signature:first-of-type, p.body + p.signature { margin-top: 1.5em; }
p.note { font-size: .9em; }
p.notice { font-weight: 700; border: 1.5px solid #111; padding: .6em .8em; margin: .8em 0 1.2em; text-indent: 0; }
p.label { margin-top: .3em; }
p.evidence { margin: 0 0 .4em 2em; font-size: .92em; }
p.evidence .date { font-weight: 700; }
a { color: inherit; }
table { border-collapse: collapse; width: 100%%; margin: .8em 0; font-size: .92em; }
th, td { border: 1px solid #444; padding: .3em .5em; text-align: left; vertical-align: top; }
thead { display: table-header-group; }
.new-page { margin-top: 3em; }
@page {
  size: A4;
  margin: %(margins)s;
  @bottom-center { content: %(page)s; font-family: %(serif)s; font-size: 10.5pt; }%(header)s
}
@media print {
  body { font-size: %(print_size)s; }
  main { max-width: none; margin: 0; padding: 0; }
  .new-page { break-before: page; margin-top: 0; }
  h1, h2, h3, h4, p.label { break-after: avoid; }
  p.evidence, tr { break-inside: avoid; }
  a { text-decoration: none; }
}
"""


def stylesheet(doc: Document) -> str:
    before, _, after = doc.labels["page"].partition("{page}")
    page = " ".join(x for x in (f'"{before}"' if before else "", "counter(page)", f'"{after}"' if after else "") if x)
    return CSS % {
        "serif": SERIF, "sans": SANS, "size": "17px" if doc.zh else "16px", "leading": "1.8" if doc.zh else "1.55",
        "indent": "2em" if doc.zh else "0", "sig": "4em" if doc.zh else "0",
        "margins": "37mm 26mm 35mm 28mm" if doc.zh else "25mm", "page": page,
        "print_size": "14pt" if doc.zh else "11.5pt",
        "header": ("\n  @top-center { content: %s; font-family: %s; font-weight: 700; font-size: 10.5pt; }"
                   % (_css_string(doc.header), SANS)) if doc.header else "",
        # English text set in a CJK font would get full-width “quotes”; proportional ones read right.
        "latin": "" if doc.zh else " font-variant-east-asian: proportional-width;",
    }


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def write_html(doc: Document) -> str:
    out = [f'<!DOCTYPE html>\n<html lang="{escape(doc.html_lang)}">\n<head>\n<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{escape(doc.title)}</title>",
           '<meta name="generator" content="chronicle">']
    if doc.author:
        out.append(f'<meta name="author" content="{escape(doc.author)}">')
    if doc.date:
        out.append(f'<meta name="dcterms.created" content="{doc.date.isoformat()}">')
        out.append(f'<meta name="dcterms.modified" content="{doc.date.isoformat()}">')
    css = stylesheet(doc) + _table_widths(doc)
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    # A standalone page: its one stylesheet is inline, allowed by its hash and nothing else.
    out.append('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
               f'style-src \'sha256-{digest}\'; img-src \'self\' data:; base-uri \'none\'; form-action \'none\'">')
    out.append("<style>" + css + "</style>\n</head>\n<body>\n<main>")
    new_page = False
    tables = 0
    for block in doc.blocks:
        if isinstance(block, PageBreak):
            new_page = True
            continue
        cls = ' class="new-page"' if new_page else ""
        new_page = False
        if isinstance(block, Heading):
            if block.level == 0:
                out.append(f'<h1 class="title">{escape(block.text)}</h1>')
            else:
                out.append(f"<h{block.level + 1}{cls}>{escape(block.text)}</h{block.level + 1}>")
        elif isinstance(block, Para):
            lang = f' lang="{escape(block.lang)}"' if block.lang and block.lang != doc.html_lang else ""
            inner = "".join(f"<strong>{escape(r.text)}</strong>" if r.bold else escape(r.text) for r in block.runs)
            out.append(f'<p class="{block.style}"{lang}>{inner}</p>')
        elif isinstance(block, Evidence):
            out.append(_evidence(block, doc))
        elif isinstance(block, Table):
            tables += 1
            out.append(_table(block, cls, tables))
    out.append("</main>\n</body>\n</html>\n")
    return "\n".join(out)


def _evidence(e: Evidence, doc: Document) -> str:
    sep = "　" if doc.zh else " — "
    title = (f"《{e.title}》" if doc.zh else e.title) if e.title else ""
    if title and e.url:
        title = f'<a href="{escape(e.url)}">{escape(title)}</a>'
    else:
        title = escape(title)
    text = ""
    if e.text:  # a span only for a quote in another language: thousands of needless inline boxes slow the PDF
        quote = f"“{escape(e.text)}”"
        if e.lang != doc.html_lang:
            quote = f'<span class="quote" lang="{escape(e.lang)}">{quote}</span>'
        text = ("：" if doc.zh else ": ") + quote
    return (f'<p class="evidence"><time class="date" datetime="{e.date.isoformat()}">{escape(e.date_text)}</time>'
            f"{sep if title else ''}{title}{text}</p>")


def _table_widths(doc: Document) -> str:
    """Column widths as CSS rules (no style attributes: the page has a strict CSP)."""
    rules = []
    for n, table in enumerate((b for b in doc.blocks if isinstance(b, Table)), start=1):
        total = sum(table.widths)
        rules += [f"table.t{n} col:nth-child({i}) {{ width: {100 * w / total:.1f}%; }}"
                  for i, w in enumerate(table.widths, start=1)]
    return "\n".join(rules) + "\n" if rules else ""


def _table(t: Table, cls: str, n: int) -> str:
    cols = "<col>" * len(t.widths)
    cls = f' class="t{n}{" new-page" if cls else ""}"'
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in t.header)
    rows = "\n".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in t.rows)
    return f"<table{cls}><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody></table>"
