"""Reading a diary document (HTML, plain text, Markdown, Word) as a list of paragraphs.

Writers keep diaries in whatever they have: a page saved from a website, a
Word file, a text file. Each reader reduces its format to the same thing, a
list of paragraphs with the line (or paragraph number) they came from, so the
rest of the importer does not care where the text was kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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
    text: str          # Markdown: plain text, or a table, a list, a footnote definition written as Markdown
    line: int          # line in the file (text, HTML, Markdown) or paragraph number (Word)
    heading: int = 0   # 1..6 when the document marks it as a heading
    kind: str = "text"  # text, table, list, footnote


@dataclass(frozen=True)
class Dropped:
    """Something in the document the import could not carry over, and where it was."""

    what: str          # "an image (flood.jpg)", "an embedded frame (https://…)"
    line: int
    after: int         # how many paragraphs came before it: places it in an entry


@dataclass(frozen=True)
class Document:
    path: Path
    format: str
    paragraphs: list[Paragraph]
    title: str = ""        # <title>, or a Word file's title property
    encoding: str = "utf-8"
    dropped: tuple[Dropped, ...] = ()


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
        from chronicle.importer.html_reader import read_html
        paragraphs, title, dropped = read_html(text)
        return Document(path, "html", paragraphs, title, encoding, tuple(dropped))
    if fmt == "markdown":
        paragraphs = _read_markdown(text)
        return Document(path, "markdown", paragraphs, "", encoding, tuple(_markdown_dropped(paragraphs)))
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
        out = []
        for start, lines in blocks:
            kind = _markdown_block(lines)
            if kind:
                out.append(Paragraph("\n".join(line.rstrip() for line in lines).strip("\n"), start, 0, kind))
            else:
                out += [Paragraph(line.strip(), start + i) for i, line in enumerate(lines) if line.strip()]
        return out
    out = []
    for start, lines in blocks:
        while lines and looks_like_heading(lines[0]) and len(lines) > 1:
            out.append(Paragraph(lines[0].strip(), start))
            lines, start = lines[1:], start + 1
        kind = _markdown_block(lines)
        if kind:
            out.append(Paragraph("\n".join(line.rstrip() for line in lines).strip("\n"), start, 0, kind))
            continue
        joined = join_soft_breaks("\n".join(line.strip() for line in lines))
        out.append(Paragraph(joined.replace("\n", " ").strip(), start))
    return out


_TABLE_LINE = re.compile(r"^\s*\|.*\|\s*$")
_LIST_LINE = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+\S")


def _markdown_block(lines: list[str]) -> str:
    """'table' or 'list' when every line of a block is a table row or a list item: its line breaks are kept."""
    if len(lines) > 1 and all(_TABLE_LINE.match(line) for line in lines):
        return "table"
    if len(lines) > 1 and _LIST_LINE.match(lines[0]) and all(_LIST_LINE.match(ln) or ln.startswith((" ", "\t"))
                                                             for ln in lines):
        return "list"
    return ""


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


_MD_LOST = (
    (re.compile(r"!\[([^\]]*)\]\(([^)\s]+)"), "an image ({2}): copy it into the chronicle's media/ folder and "
                                                 "link it as media/NAME"),
    (re.compile(r"<(iframe|script|form|object|embed|video|audio)\b", re.IGNORECASE),
     "HTML <{1}>, which the site leaves out"),
)


def _markdown_dropped(paragraphs: list[Paragraph]) -> list[Dropped]:
    """Markdown is kept as written, but images with the document's own paths and embedded HTML do not survive."""
    out = []
    for index, p in enumerate(paragraphs):
        for pattern, what in _MD_LOST:
            for m in pattern.finditer(p.text):
                out.append(Dropped(what.format(*([m.group(0)] + list(m.groups()))), p.line, index))
    return out


# --- Word -------------------------------------------------------------------------

def _read_docx(path: Path) -> Document:
    from chronicle.importer.word import read_docx
    return read_docx(path)
