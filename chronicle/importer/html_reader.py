"""Reading a saved web page as paragraphs of Markdown: text, emphasis, links, tables and lists.

Block elements and <br> end a paragraph; <strong>/<b> and <em>/<i> become
**bold** and *italic*; a <table> becomes one Markdown table and a <ul>/<ol>
one Markdown list. What has no Markdown form (images, embedded frames, forms,
scripts in the page body) is listed as dropped, with where it was.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from chronicle.importer.documents import Dropped, Paragraph
from chronicle.importer.markdown_out import Item, Run, inline, list_block, table

_BLOCK_TAGS = {"p", "div", "blockquote", "section", "article", "pre", "h1", "h2", "h3", "h4", "h5", "h6",
               "dd", "dt", "figcaption", "header", "footer", "main", "body", "html", "address", "figure"}
_SKIP_TAGS = {"script", "style", "head", "noscript", "template", "svg", "nav", "select", "textarea", "button"}
_LOST = {"img": "an image", "iframe": "an embedded frame", "object": "an embedded object", "embed": "an embedded object",
         "video": "a video", "audio": "a sound clip", "form": "a form", "canvas": "a drawing (canvas)",
         "script": "a script"}
_SILENT_IN_HEAD = {"script"}


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[Paragraph] = []
        self.dropped: list[Dropped] = []
        self.runs: list[Run] = []
        self.start_line = 1
        self.skip = 0
        self.heading = 0
        self.bold = 0
        self.italic = 0
        self.in_title = False
        self.in_body = False
        self.title_parts: list[str] = []
        self.link: str | None = None
        self.link_start = 0
        # tables: a stack (a table inside a cell is read into the cell as text)
        self.tables: list[list[list[str]]] = []
        self.cell: list[Run] | None = None
        # lists: the open lists (ordered?) and the items read so far
        self.lists: list[bool] = []
        self.items: list[Item] = []
        self.item: list[Run] | None = None
        self.block_line = 1

    # -- text -------------------------------------------------------------------
    def _runs(self) -> list[Run]:
        if self.cell is not None:
            return self.cell
        if self.item is not None:
            return self.item
        return self.runs

    def flush(self):
        text = _clean(inline(self.runs))
        self.runs = []
        if text:
            self.out.append(Paragraph(text, self.start_line, self.heading))

    def handle_data(self, data):
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.skip:
            return
        runs = self._runs()
        if runs is self.runs and not "".join(r.text for r in runs).strip():
            self.start_line = self.getpos()[0] + data[: len(data) - len(data.lstrip())].count("\n")
        runs.append(Run(data, self.bold > 0, self.italic > 0))

    # -- tags -------------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "body":
            self.in_body = True
        if tag in _LOST and not (tag in _SILENT_IN_HEAD and not self.in_body) and not self.skip:
            self.lost(tag, a)
        if tag in _SKIP_TAGS or tag in ("iframe", "object", "video", "audio", "canvas"):
            self.skip += 1
            return
        if tag == "title":
            self.in_title = True
            return
        if tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag == "a" and re.match(r"https?://", a.get("href") or ""):
            self.link, self.link_start = a["href"], len(self._runs())
        elif tag == "table":
            if not self.tables:
                self.flush()
                self.block_line = self.getpos()[0]
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            if len(self.tables) == 1:
                self.cell = []
        elif tag in ("ul", "ol") and not self.tables:
            if not self.lists:
                self.flush()
                self.block_line = self.getpos()[0]
            elif self.item is not None:
                self.end_item()
            self.lists.append(tag == "ol")
        elif tag == "li" and self.lists and not self.tables:
            self.end_item()
            self.item = []
        elif tag == "br":
            if self.cell is not None or self.item is not None:
                self._runs().append(Run(" "))
            else:
                self.flush()
        elif tag in _BLOCK_TAGS and self.cell is None and self.item is None:
            self.flush()
            self.heading = int(tag[1]) if re.fullmatch(r"h[1-6]", tag) else 0

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "img") and tag not in _BLOCK_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS or tag in ("iframe", "object", "video", "audio", "canvas"):
            self.skip = max(0, self.skip - 1)
            return
        if tag == "title":
            self.in_title = False
            return
        if tag in ("strong", "b"):
            self.bold = max(0, self.bold - 1)
        elif tag in ("em", "i"):
            self.italic = max(0, self.italic - 1)
        elif tag == "a" and self.link:
            runs = self._runs()
            text = inline(runs[self.link_start:]).strip()
            if text:
                runs[self.link_start:] = [Run(f"[{text}]({self.link})")]
            self.link = None
        elif tag in ("td", "th") and self.tables and self.cell is not None and len(self.tables) == 1:
            if self.tables[-1]:
                self.tables[-1][-1].append(_clean(inline(self.cell)))
            self.cell = None
        elif tag == "table" and self.tables:
            rows = self.tables.pop()
            if not self.tables:
                text = table(rows)
                if text:
                    self.out.append(Paragraph(text, self.block_line, 0, "table"))
            elif self.cell is not None:  # a table inside a cell: its text, cell by cell
                self.cell.append(Run(" ".join(c for r in rows for c in r)))
        elif tag == "li" and self.lists:
            self.end_item()
        elif tag in ("ul", "ol") and self.lists:
            self.end_item()
            self.lists.pop()
            if not self.lists and self.items:
                self.out.append(Paragraph(list_block(self.items), self.block_line, 0, "list"))
                self.items = []
        elif tag in _BLOCK_TAGS and self.cell is None and self.item is None:
            self.flush()
            self.heading = 0

    def end_item(self):
        if self.item is not None:
            text = _clean(inline(self.item))
            if text:
                self.items.append(Item(text, len(self.lists) - 1, self.lists[-1]))
            self.item = None

    def lost(self, tag: str, a: dict):
        detail = a.get("alt") or a.get("title") or a.get("src") or a.get("data") or a.get("action") or ""
        what = _LOST[tag] + (f" ({detail.strip()[:80]})" if detail.strip() else "")
        self.dropped.append(Dropped(what, self.getpos()[0], len(self.out)))


def _clean(text: str) -> str:
    from chronicle.chinese.text import join_soft_breaks

    text = re.sub(r"[ \t\f\v]*\n[ \t\f\v]*", "\n", text)
    return join_soft_breaks(text).replace("\n", " ").strip()


def read_html(text: str) -> tuple[list[Paragraph], str, list[Dropped]]:
    parser = _Reader()
    parser.feed(text)
    parser.close()
    parser.end_item()
    if parser.items:
        parser.out.append(Paragraph(list_block(parser.items), parser.block_line, 0, "list"))
    parser.flush()
    title = re.sub(r"\s+", " ", "".join(parser.title_parts)).strip()
    return parser.out, title, parser.dropped
