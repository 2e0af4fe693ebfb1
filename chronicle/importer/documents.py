"""Reading a diary document (HTML, plain text, Markdown, Word) as a list of paragraphs.

Writers keep diaries in whatever they have: a page saved from a website, a
Word file, a text file. Each reader reduces its format to the same thing, a
list of paragraphs with the line (or paragraph number) they came from, so the
rest of the importer does not care where the text was kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

FORMATS = ("auto", "html", "text", "markdown", "docx")
MAX_IMPORT_BYTES = 200 * 1024 * 1024

_ENCODINGS = ("utf-8-sig", "gb18030", "big5")


class ImportProblem(Exception):
    """A problem that stops the import, said so that a writer can act on it."""

    def __init__(self, message: str, hint: str = "", line: int | None = None):
        super().__init__(message)
        self.message, self.hint, self.line = message, hint, line


@dataclass(frozen=True)
class Paragraph:
    text: str
    line: int          # line in the file (text, HTML, Markdown) or paragraph number (Word)
    heading: int = 0   # 1..6 when the document marks it as a heading


@dataclass(frozen=True)
class Document:
    path: Path
    format: str
    paragraphs: list[Paragraph]
    title: str = ""        # <title>, or a Word file's title property
    encoding: str = "utf-8"


def read_document(path: Path, fmt: str = "auto") -> Document:
    if not path.is_file():
        raise ImportProblem(f"{path}: no such file", "give the path of the diary document to import")
    size = path.stat().st_size
    if size > MAX_IMPORT_BYTES:
        raise ImportProblem(f"{path}: the file is {size / 1024 / 1024:.0f} MB; the limit is "
                            f"{MAX_IMPORT_BYTES // 1024 // 1024} MB", "split it into several files and import each")
    if fmt == "auto":
        fmt = sniff_format(path)
    if fmt == "docx":
        from chronicle.ziplimits import zip_problem
        problem = zip_problem(path)
        if problem is not None:
            raise ImportProblem(f"{path}: {problem[0]}", problem[1])
        return _read_docx(path)
    text, encoding = _decode(path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if fmt == "html":
        paragraphs, title = _read_html(text)
        return Document(path, "html", paragraphs, title, encoding)
    if fmt == "markdown":
        return Document(path, "markdown", _read_markdown(text), "", encoding)
    return Document(path, "text", _read_text(text), "", encoding)


def sniff_format(path: Path) -> str:
    """The format from the file's first bytes, then its name: a saved web page is often called .txt."""
    head = path.read_bytes()[:4096]
    if head.startswith(b"PK\x03\x04"):
        if path.suffix.lower() in (".docx", ".docm", ".dotx") or _is_docx(path):
            return "docx"
        raise ImportProblem(f"{path}: a ZIP archive, not a diary document",
                            "import a .docx, .html, .txt or .md file")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportProblem(f"{path}: an old Word .doc file, which cannot be read",
                            "open it in Word or LibreOffice and save it as .docx, then import that")
    if head.startswith(b"%PDF"):
        raise ImportProblem(f"{path}: a PDF file, which cannot be imported",
                            "copy the text into a .txt file, or save the original document as .docx")
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    sample = head.decode("utf-8", errors="ignore").lower()
    if re.search(r"<(p|br|div|html|body|h[1-6])[\s>/]", sample):
        return "html"
    return "text"


def _is_docx(path: Path) -> bool:
    import zipfile
    try:
        with zipfile.ZipFile(path) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _decode(path: Path) -> tuple[str, str]:
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding), encoding.replace("-sig", "")
        except UnicodeDecodeError:
            continue
    raise ImportProblem(f"{path}: the text is neither UTF-8 nor GB18030/GBK nor Big5",
                        "open it in an editor and save it as UTF-8, then import again")


# --- plain text and Markdown ----------------------------------------------------

def _blocks(text: str) -> list[tuple[int, list[str]]]:
    """Runs of non-blank lines with the line number of their first line."""
    blocks, current, start = [], [], 0
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    return blocks


def _read_text(text: str) -> list[Paragraph]:
    """One paragraph per line, or blank-line separated paragraphs when the lines are hard-wrapped.

    Chinese text files usually put each paragraph on one line (blank lines or
    not); hard-wrapped files break inside sentences and put blank lines between
    paragraphs. Lines that end a sentence tell the two apart. A dated heading
    always stands on its own.
    """
    from chronicle.chinese.text import join_soft_breaks
    from chronicle.importer.headings import looks_like_heading

    blocks = _blocks(text)
    inner = [line.strip() for _, lines in blocks if len(lines) > 1 for line in lines[:-1]
             if not looks_like_heading(line)]
    wrapped = len(blocks) > 1 and inner and sum(1 for ln in inner if _ENDS_SENTENCE.search(ln)) * 2 < len(inner)
    if not wrapped:
        return [Paragraph(line.strip(), number) for number, line in enumerate(text.split("\n"), 1) if line.strip()]
    out = []
    for start, lines in blocks:
        while lines and looks_like_heading(lines[0]) and len(lines) > 1:
            out.append(Paragraph(lines[0].strip(), start))
            lines, start = lines[1:], start + 1
        joined = join_soft_breaks("\n".join(line.strip() for line in lines))
        out.append(Paragraph(joined.replace("\n", " ").strip(), start))
    return out


_ENDS_SENTENCE = re.compile(r"[。！？!?.…”\"』」:：;；]\s*$")
_MD_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+\s*)?$")


def _read_markdown(text: str) -> list[Paragraph]:
    """Markdown blocks, kept as Markdown (lists, emphasis, links survive); ATX headings marked."""
    out = []
    for start, lines in _blocks(text):
        chunk: list[str] = []
        chunk_start = start
        for offset, line in enumerate(lines):
            m = _MD_HEADING.match(line)
            if m:
                if chunk:
                    out.append(Paragraph("\n".join(chunk).strip(), chunk_start))
                    chunk = []
                out.append(Paragraph(m.group(2).strip(), start + offset, len(m.group(1))))
                chunk_start = start + offset + 1
            else:
                chunk.append(line)
        if chunk:
            out.append(Paragraph("\n".join(chunk).strip(), chunk_start))
    return [p for p in out if p.text]


# --- HTML ------------------------------------------------------------------------

_BLOCK_TAGS = {"p", "div", "li", "blockquote", "section", "article", "tr", "td", "th", "pre",
               "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "figcaption", "header", "footer", "main", "ul", "ol",
               "table", "body", "html"}
_SKIP_TAGS = {"script", "style", "head", "noscript", "template", "svg", "nav"}


class _Paragraphs(HTMLParser):
    """Block elements and <br> end a paragraph; inline markup is dropped, its text kept."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[Paragraph] = []
        self.parts: list[str] = []
        self.start_line = 1
        self.skip = 0
        self.heading = 0
        self.in_title = False
        self.title_parts: list[str] = []

    def flush(self):
        text = "".join(self.parts)
        self.parts = []
        text = re.sub(r"[ \t\f\v]*\n[ \t\f\v]*", "\n", text)
        from chronicle.chinese.text import join_soft_breaks
        text = join_soft_breaks(text).replace("\n", " ").strip()
        if text:
            self.out.append(Paragraph(text, self.start_line, self.heading))

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS:
            self.skip += 1
            return
        if tag == "title":
            self.in_title = True
            return
        if tag in _BLOCK_TAGS or tag == "br":
            self.flush()
            self.heading = int(tag[1]) if re.fullmatch(r"h[1-6]", tag) else (self.heading if tag == "br" else 0)

    def handle_startendtag(self, tag, attrs):
        if tag == "br" or tag in _BLOCK_TAGS:
            self.flush()

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
            return
        if tag == "title":
            self.in_title = False
            return
        if tag in _BLOCK_TAGS:
            self.flush()
            self.heading = 0

    def handle_data(self, data):
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.skip:
            return
        if not "".join(self.parts).strip():
            self.start_line = self.getpos()[0] + data[: len(data) - len(data.lstrip())].count("\n")
        self.parts.append(data)


def _read_html(text: str) -> tuple[list[Paragraph], str]:
    parser = _Paragraphs()
    parser.feed(text)
    parser.close()
    parser.flush()
    title = re.sub(r"\s+", " ", "".join(parser.title_parts)).strip()
    return parser.out, title


# --- Word -------------------------------------------------------------------------

def _read_docx(path: Path) -> Document:
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
    out = []
    for number, para in enumerate(document.paragraphs, 1):
        text = para.text.replace("\v", "\n").strip()
        if not text:
            continue
        style = (para.style.name if para.style is not None else "") or ""
        m = re.match(r"(?:Heading|标题)\s*(\d)", style)
        level = int(m.group(1)) if m else (1 if style in ("Title", "标题") else 0)
        for piece in text.split("\n"):
            if piece.strip():
                out.append(Paragraph(piece.strip(), number, level))
    title = (document.core_properties.title or "").strip()
    return Document(path, "docx", out, title, "docx")
