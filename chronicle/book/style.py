"""The book's stylesheets: one for print (CSS paged media, read by WeasyPrint) and one for e-readers."""

from __future__ import annotations

from chronicle.book import words

# WeasyPrint embeds whichever of these it finds; the Noto CJK fonts (fonts-noto-cjk) cover Latin too.
SERIF = ('"Noto Serif CJK SC", "Source Han Serif SC", "Noto Serif SC", "Songti SC", "SimSun", "FangSong", '
         '"Noto Serif", "DejaVu Serif", serif')
SANS = ('"Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "Heiti SC", "SimHei", "Microsoft YaHei", '
        '"Noto Sans", "DejaVu Sans", sans-serif')
LATIN_SERIF = '"Noto Serif", "Source Serif 4", "Source Serif Pro", "Liberation Serif", ' + SERIF

# size keyword, font size, page margins (top outer bottom inner)
PAPERS = {
    "a5": ("A5", "10.5pt", ("17mm", "14mm", "18mm", "18mm")),
    "b5": ("B5", "11pt", ("20mm", "17mm", "21mm", "22mm")),
    "a4": ("A4", "12pt", ("25mm", "20mm", "25mm", "27mm")),
    "letter": ("letter", "12pt", ("1in", "0.8in", "1in", "1.05in")),
    "trade": ("6in 9in", "10.5pt", ("0.7in", "0.6in", "0.75in", "0.75in")),
}


def default_paper(lang: str) -> str:
    """A5 for a Chinese book, the 6 × 9 in trade size for others."""
    return "a5" if words.zh(lang) else "trade"


BASE = """
html { font-family: %(serif)s; line-height: %(leading)s; color: #111; background: #fff;%(latin)s }
body { margin: 0; }
h1, h2, h3, h4, h5, h6 { font-family: %(sans)s; font-weight: 700; line-height: 1.35; }
a { color: inherit; text-decoration: none; }
p { margin: 0; }
.text, .bio { overflow-wrap: break-word; }
.text p, .bio p { text-align: justify; text-indent: %(indent)s; }
.text p:first-child, .bio p:first-child { text-indent: %(first_indent)s; }
.text :lang(en) p, .text p:lang(en), .bio p:lang(en) { hyphens: auto; }
.text ul, .text ol { margin: .4em 0 .4em 1.5em; padding: 0; }
.text blockquote { margin: .5em 1.5em; font-size: .95em; }
.text h2, .text h3, .text h4, .text h5, .text h6 { font-size: 1em; margin: .8em 0 .3em; }
.text img { display: block; max-width: 100%%; height: auto; margin: .6em auto; }
.text figure { margin: .8em 0; }
.text figcaption { font-size: .85em; text-align: center; }
.text table { border-collapse: collapse; margin: .6em 0; font-size: .9em; }
.text th, .text td { border: .5pt solid #777; padding: .15em .4em; vertical-align: top; }
.tr { color: #444; }
h1 .tr, h2 .tr, h3 .tr { font-weight: 400; font-size: .8em; }
.titlepage { text-align: center; }
.book-title { font-size: 2em; margin: 0 0 .6em; }
.titles.tr .book-title { font-size: 1.4em; }
.titles p { margin: .3em 0; }
.titles.tr { margin-top: 2.5em; }
.subtitle { font-size: 1.05em; }
.imprint { font-size: .75em; color: #555; margin-top: 6em; }
.part { text-align: center; }
.part-title { font-size: 1.8em; margin: 0 0 .5em; }
.part-title .tr { display: block; margin-top: .3em; }
.part-dates { color: #444; }
.page-title, .appendix-title { font-size: 1.5em; margin: 0 0 1em; text-align: center; }
.appendix-title-tr { text-align: center; margin: -.8em 0 1em; }
.page-title-tr { font-size: 1.2em; margin: 1.5em 0 .8em; text-align: center; font-weight: 400; }
.entry { margin-top: 2.4em; }
.entry header { margin-bottom: .7em; }
.entry-title { font-size: 1.3em; margin: 0 0 .15em; }
.entry-title-tr { font-size: 1.1em; margin: 0 0 .15em; font-weight: 400; }
.dateline { font-size: .82em; color: #444; }
.translation { margin-top: 1.4em; padding-top: .9em; border-top: .4pt solid #aaa; }
.untranslated { font-size: .85em; color: #555; font-style: italic; margin: .4em 0; }
.entry-figures, .named, .entry-tags { font-size: .82em; color: #333; margin-top: .7em; }
.entry-figures ul { margin: 0; padding: 0; list-style: none; }
.figures-title { font-weight: 700; }
.intro, .status-note { margin-bottom: 1em; font-size: .9em; }
.status-note { font-weight: 700; }
.person, .stat, .award { margin: 0 0 .9em; }
.person-name, .stat-name, .category-name { font-size: 1.05em; margin: 0 0 .2em; }
.category-name { font-size: 1.2em; margin-top: 1.2em; }
.person p, .person li, .award p, .stat-kind { font-size: .92em; }
.roles { margin: .1em 0; padding-left: 1.2em; }
.award-name { font-weight: 700; }
.award-role { font-weight: 400; color: #444; }
.stat-kind { color: #555; }
table.stat-table { width: 100%%; border-collapse: collapse; font-size: .82em; margin: .3em 0 .4em; }
table.stat-table th { text-align: left; border-bottom: .5pt solid #333; font-family: %(sans)s; }
table.stat-table td { border-bottom: .3pt solid #bbb; padding: .1em .3em .1em 0; vertical-align: top; }
td.num { white-space: nowrap; }
.ix { text-indent: -1.2em; padding-left: 1.2em; margin: 0 0 .15em; font-size: .9em; text-align: left; }
nav.toc ol { list-style: none; margin: 0; padding: 0; }
nav.toc li { margin: .15em 0; }
nav.toc .toc-part > a { font-weight: 700; }
nav.toc .toc-part { margin-top: .6em; }
nav.toc .toc-entry { margin-left: 1.5em; font-size: .95em; }
"""

PRINT = """
@page {
  size: %(size)s;
  margin: %(top)s %(outer)s %(bottom)s %(inner)s;
  @bottom-center { content: counter(page); font-family: %(serif)s; font-size: 8.5pt; }
}
@page :left {
  margin-left: %(outer)s; margin-right: %(inner)s;
  @top-left { content: string(booktitle); font-family: %(serif)s; font-size: 8pt; color: #555; }
}
@page :right {
  margin-left: %(inner)s; margin-right: %(outer)s;
  @top-right { content: string(running, first); font-family: %(serif)s; font-size: 8pt; color: #555; }
}
@page cover { @top-left { content: none; } @top-right { content: none; } @bottom-center { content: none; } }
@page part { @top-left { content: none; } @top-right { content: none; } @bottom-center { content: none; } }
@page :blank { @top-left { content: none; } @top-right { content: none; } @bottom-center { content: none; } }
html { font-size: %(font_size)s; }
h1, h2, h3, h4, h5, h6 { bookmark-level: none; break-after: avoid; }
.bm1 { bookmark-level: 1; }
.bm2 { bookmark-level: 2; }
p, li { orphans: 2; widows: 2; }
.titles:not(.tr) .book-title { string-set: booktitle content(text); }
.titlepage { page: cover; padding-top: 28mm; break-after: page; }
section.part { page: part; break-before: right; break-after: page; padding-top: 45mm; }
section.page, nav.toc { break-before: right; }
section.appendix { break-before: right; }
[data-running] { string-set: running attr(data-running); }
.entry header, .person-name, .stat-name, .category-name, .award-name { break-after: avoid; break-inside: avoid; }
.entry-figures, .award, tr, figure, .person { break-inside: avoid; }
thead { display: table-header-group; }
.text img { max-height: 110mm; }
a.mention, a.who, a.tag { white-space: nowrap; }
nav.toc a { display: block; }
nav.toc a::after { content: leader(dotted) " " target-counter(attr(href), page); }
a.pg::after { content: "%(page_before)s" target-counter(attr(href), page) "%(page_after)s"; color: #555; }
a.n::after { content: target-counter(attr(href), page); }
.facing .entry .original { break-before: left; }
.facing .entry .translation { break-before: right; margin-top: 0; padding-top: 0; border-top: none; }
"""

EPUB = """
html { font-size: 100%%; }
.titlepage { margin-top: 3em; }
section.part { margin-top: 30%%; }
nav ol { list-style: none; padding-left: 0; }
nav ol ol { padding-left: 1.5em; }
"""


def _values(lang: str, paper: str) -> dict:
    size, font_size, (top, outer, bottom, inner) = PAPERS[paper]
    chinese = words.zh(lang)
    before, after = words.page_parts(lang)
    return {"serif": SERIF if chinese else LATIN_SERIF, "sans": SANS, "leading": "1.75" if chinese else "1.45",
            "indent": "2em" if chinese else "1.2em", "first_indent": "2em" if chinese else "0",
            # English set in a CJK font would get full-width quotes; proportional ones read right.
            "latin": "" if chinese else " font-variant-east-asian: proportional-width;",
            "size": size, "font_size": font_size, "top": top, "outer": outer, "bottom": bottom, "inner": inner,
            "page_before": (" " + before) if not chinese else before, "page_after": after}


def print_css(lang: str, paper: str) -> str:
    values = _values(lang, paper)
    return BASE % values + PRINT % values


def epub_css(lang: str) -> str:
    values = _values(lang, "a5")
    return BASE % values + EPUB % values
